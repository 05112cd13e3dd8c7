package com.shopifyjoorsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A customer on its way to JOOR: its code, the customer as fetched (for dead letters), and what is sent. */
public record CustomerExport(String code, JsonNode customer, ObjectNode connection) {
}
