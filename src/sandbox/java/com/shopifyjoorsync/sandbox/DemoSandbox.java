package com.shopifyjoorsync.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.app.EmbeddedSandbox;

/**
 * What --sandbox starts (found by ServiceLoader, see {@link EmbeddedSandbox}): the sandbox Shopify
 * store seeded with the demo customers, and the sandbox JOOR account knowing some of them already and
 * holding retailers it got elsewhere.
 */
public final class DemoSandbox implements EmbeddedSandbox {
    private ShopifySandbox shopify;
    private JoorSandbox joor;
    private int customers;
    private int tradeshow;

    @Override
    public Map<String, String> start() {
        DemoData demo = DemoData.demo();
        shopify = ShopifySandbox.start(demo);
        joor = JoorSandbox.start();
        joor.setListPageCap(JoorSandbox.JOOR_LIST_PAGE);
        joor.seedKnownCodes(demo.knownCodes());
        // retailers JOOR got elsewhere (a tradeshow), for --link-report to find
        List<ObjectNode> tradeshowConnections = TradeshowConnections.of(demo);
        tradeshowConnections.forEach(joor::putConnection);
        customers = demo.customers().size();
        tradeshow = tradeshowConnections.size();
        Map<String, String> settings = new LinkedHashMap<>(SandboxSettings.pointingAt(shopify, joor));
        if (System.getProperty("joor.price-label") == null && System.getenv("JOOR_PRICE_LABEL") == null) {
            settings.put("joor.price-label", "Wholesale " + demo.shopCurrency());
        }
        return settings;
    }

    @Override
    public String describe() {
        return String.join("\n", List.of(
                "Sandbox Shopify store: " + shopify.baseUrl() + " (" + customers + " demo customers)",
                "Sandbox JOOR API:      " + joor.apiUrl() + " (" + joor.connections().size() + " connections, "
                        + tradeshow + " of them added at a tradeshow)"));
    }

    @Override
    public void close() {
        if (shopify != null) {
            shopify.close();
        }
        if (joor != null) {
            joor.close();
        }
    }
}
