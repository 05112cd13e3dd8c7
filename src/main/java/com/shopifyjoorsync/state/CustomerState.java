package com.shopifyjoorsync.state;

import java.time.Instant;

/**
 * What the state store knows of one customer.
 *
 * @param status       null when nothing was delivered yet, only sent to JOOR (see {@code joorSentHash})
 * @param joorSentHash the content sent to JOOR whose job has not confirmed it yet (awaiting its job,
 *                     or to be sent again); null when none
 */
public record CustomerState(String customerId, Status status, String joorHash, String templateHash,
        String deadLetterHash, Instant pendingSince, String joorSentHash) {

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

    CustomerState withJoorSentHash(String hash) {
        return new CustomerState(customerId, status, joorHash, templateHash, deadLetterHash, pendingSince, hash);
    }
}
