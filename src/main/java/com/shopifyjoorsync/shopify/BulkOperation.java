package com.shopifyjoorsync.shopify;

import java.util.Set;

/**
 * A Shopify bulk operation as last read
 * (https://shopify.dev/docs/api/admin-graphql/2026-10/objects/BulkOperation): status CREATED,
 * RUNNING, COMPLETED, FAILED, CANCELING, CANCELED or EXPIRED; when COMPLETED, {@code url} is the
 * JSONL file (null when nothing matched). {@code notStarted}: why Shopify did not start it.
 */
public record BulkOperation(String id, String status, String errorCode, long objectCount, String url,
        String partialDataUrl, String notStarted) {

    private static final Set<String> UNDER_WAY = Set.of("CREATED", "RUNNING", "CANCELING");

    static BulkOperation notStarted(String why) {
        return new BulkOperation(null, null, null, 0, null, null, why);
    }

    public boolean underWay() {
        return notStarted == null && UNDER_WAY.contains(status);
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
