package com.shopifyjoorsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.state.Delivery;

/**
 * A customer on its way to JOOR: its code, the customer as fetched (for dead letters), what is sent,
 * its content hash, and the dead-letter file it was replayed from, if any.
 */
public record CustomerExport(String code, JsonNode customer, ObjectNode connection, String contentHash,
        String replayFile) implements Delivery {

    /**
     * Camel keys its cache of bean methods by the body, and the default hash walks every JSON node
     * of the customer: code and content hash say the same for a fraction of the cost.
     */
    @Override
    public int hashCode() {
        return java.util.Objects.hash(code, contentHash);
    }
}
