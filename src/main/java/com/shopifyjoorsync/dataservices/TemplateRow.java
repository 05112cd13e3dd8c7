package com.shopifyjoorsync.dataservices;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.state.Delivery;

/**
 * A new customer on its way to Data Services: its code, the customer as fetched (for dead letters),
 * the template's columns and this row's cells, their content hash, and the dead-letter file it was replayed from, if any.
 */
public record TemplateRow(String code, JsonNode customer, List<String> columns, List<String> cells, String contentHash,
        String replayFile)
        implements Delivery {

    /** Cheap, like {@code CustomerExport#hashCode}: Camel hashes bodies for its bean-method cache. */
    @Override
    public int hashCode() {
        return java.util.Objects.hash(code, contentHash);
    }
}
