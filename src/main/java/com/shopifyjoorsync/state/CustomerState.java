package com.shopifyjoorsync.state;

import java.time.Instant;

/** What the state store knows of one customer. */
public record CustomerState(String customerId, Status status, String joorHash, String templateHash,
        String deadLetterHash, Instant pendingSince) {

    /** Where a customer stands. */
    public enum Status {
        /** Known to JOOR: updated through the API. */
        JOOR,
        /** Sent to Data Services in a template file, not yet in JOOR's connection list. */
        DATA_SERVICES_PENDING,
        /** Lost its export tag: no longer exported. */
        UNTAGGED,
        /** Never delivered: dead-lettered, waiting for a change in Shopify or a replay. */
        DEAD_LETTERED
    }

    public boolean exported() {
        return status == Status.JOOR || status == Status.DATA_SERVICES_PENDING;
    }
}
