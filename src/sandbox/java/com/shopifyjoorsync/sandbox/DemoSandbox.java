package com.shopifyjoorsync.sandbox;

import java.time.Duration;
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
    private DemoData demo;
    private ShopifySandbox shopify;
    private JoorSandbox joor;
    private int customers;
    private int tradeshow;

    @Override
    public Map<String, String> start() {
        demo = DemoData.demo();
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

    /** The demo shows webhooks at work: a customer JOOR knows changes every few seconds. */
    @Override
    public String webhooksRegistered(String url) {
        Duration every = Duration.ofSeconds(10);
        List<Long> known = demo.eligibleIds().stream().filter(id -> demo.knownCodes().contains(Long.toString(id)))
                .limit(20).toList();
        shopify.webhooks().changeCustomersEvery(every, known, shopify);
        return "Sandbox Shopify store: changes the address of one of " + known.size() + " customers JOOR knows every "
                + every.toSeconds() + " s; each change is a signed webhook to " + url;
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
