package com.shopifyjoorsync.state;

/**
 * A customer sent to JOOR whose job has not confirmed it yet, as the state store keeps it: what was
 * sent (the connection, JSON text), the customer as fetched (JSON text, for a dead letter), its
 * content hash, the dead-letter record it replays (or null), and how many POSTs of this content
 * JOOR accepted.
 */
public record UnconfirmedCustomer(String code, String contentHash, String connectionJson, String customerJson,
        String replayFile, int sends) {
}
