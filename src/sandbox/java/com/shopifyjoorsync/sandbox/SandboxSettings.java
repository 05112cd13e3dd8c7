package com.shopifyjoorsync.sandbox;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings that point the sync at the sandbox servers, in one place for the launcher's
 * --sandbox, the tests and the benchmark.
 */
public final class SandboxSettings {
    private SandboxSettings() {
    }

    /** Shopify and JOOR at the sandboxes, with their tokens (client credentials cleared). */
    public static Map<String, String> pointingAt(ShopifySandbox shopify, JoorSandbox joor) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shopify.shop", ShopifySandbox.SHOP_DOMAIN.replace(".myshopify.com", ""));
        settings.put("shopify.base-url", shopify.baseUrl());
        settings.put("shopify.access-token", shopify.accessToken());
        settings.put("shopify.client-id", "");
        settings.put("shopify.client-secret", "");
        settings.put("joor.api-url", joor.apiUrl());
        settings.put("joor.api-token", joor.token());
        // the receiver (webhooks.enabled) checks what the sandbox store signs deliveries with
        settings.put("webhooks.secrets", shopify.webhooks().signingSecret());
        return settings;
    }

    /** Every folder and the state store of a run under one directory, the timer off. */
    public static Map<String, String> runningIn(Path dir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sync.schedule.enabled", "false");
        settings.put("sync.dead-letter-uri", "file:" + dir.resolve("dead-letter"));
        settings.put("data-services.endpoint-uri", "file:" + dir.resolve("data-services"));
        settings.put("sync.work-dir", dir.resolve("work").toString());
        settings.put("sync.state.jdbc-url", "jdbc:h2:file:" + dir.resolve("state/sync").toAbsolutePath());
        return settings;
    }
}
