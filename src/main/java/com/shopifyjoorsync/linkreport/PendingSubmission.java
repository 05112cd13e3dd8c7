package com.shopifyjoorsync.linkreport;

import java.time.Instant;

/**
 * A customer sent to JOOR Data Services and not created in JOOR yet, and since when: what the state
 * store knows about submissions.
 *
 * @param customerId   the Shopify customer id (legacyResourceId), the Customer Code it was sent with
 * @param pendingSince when it was first sent to Data Services
 */
public record PendingSubmission(String customerId, Instant pendingSince) {
}
