package com.shopifyjoorsync.linkreport;

import java.time.Instant;

/**
 * A Shopify customer its webhooks said was deleted, or merged into another ({@code mergedInto}):
 * a JOOR connection still holding its code is reported, never deleted by the sync.
 */
public record RemovedCustomer(String code, boolean merged, String mergedInto, Instant removedAt) {
}
