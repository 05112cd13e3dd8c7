package com.shopifyjoorsync.app;

import java.util.Arrays;
import java.util.List;

/** The webhook receiver's settings (webhooks.*), checked with the others at start. */
record WebhookSettings(boolean enabled, String path, List<String> secrets, String shopDomain, int maxBodySize) {

    /** @param s the sync's settings, null when they were refused (the problems are reported together) */
    static WebhookSettings read(SettingsCatalog.Values v, SyncSettings s) {
        boolean enabled = v.flag("webhooks.enabled");
        String path = v.text("webhooks.path");
        String given = v.text("webhooks.secrets");
        String clientSecret = v.text("shopify.client-secret");
        List<String> secrets = given == null
                ? (clientSecret == null ? List.of() : List.of(clientSecret))
                : Arrays.stream(given.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        // Shopify names the shop by its myshopify.com domain in X-Shopify-Shop-Domain; a base-url
        // override (a proxy, the sandbox) names it by its host
        String shop = v.text("shopify.shop");
        String domain = shop != null ? (shop.contains(".") ? shop : shop + ".myshopify.com") : s == null ? null : s.shopKey();
        if (enabled) {
            if (secrets.isEmpty()) {
                v.problem("webhooks.secrets: webhooks.enabled=true needs the app's client secret deliveries are signed"
                        + " with (WEBHOOKS_SECRETS, or shopify.client-secret)");
            }
            if (path == null || !path.startsWith("/")) {
                v.problem("webhooks.path=" + path + " must be a path starting with /");
            }
        }
        return new WebhookSettings(enabled, path, secrets, domain, v.integer("webhooks.max-body-size"));
    }
}
