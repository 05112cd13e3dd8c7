package com.shopifyjoorsync.mapping;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the mapping made of a customer for JOOR, made ready to send: null values and empty objects
 * left out, the Customer Code checked to be the customer's, customer_name present (JOOR requires it:
 * bulk-connection) and JOOR's field lengths kept ({@link JoorFieldLimits}). JOOR refuses a whole bulk
 * POST for one bad connection, so such a customer is dead-lettered with the reason before it joins a
 * batch, whatever mapping made it.
 */
public final class JoorConnection {
    private JoorConnection() {
    }

    public static ObjectNode checked(JsonNode mapped, String code) {
        if (!(mapped instanceof ObjectNode connection)) {
            throw new MalformedCustomerException("the customer mapping gave customer " + code
                    + " no connection object");
        }
        prune(connection);
        JsonNode mappedCode = connection.path("customer_code");
        if (!mappedCode.isTextual() || !code.equals(mappedCode.asText())) {
            throw new MalformedCustomerException("the customer mapping gave customer " + code + " the customer_code "
                    + mappedCode + ": it must be the Shopify id, exactly (.customerCode)");
        }
        if (!connection.path("customer_name").isValueNode() || connection.get("customer_name").asText().isBlank()) {
            throw new MalformedCustomerException("the customer mapping gave customer " + code
                    + " no customer_name, which JOOR requires");
        }
        List<String> tooLong = JoorFieldLimits.problems(connection);
        if (!tooLong.isEmpty()) {
            throw new MalformedCustomerException("customer " + code + " exceeds JOOR field limits: "
                    + String.join("; ", tooLong));
        }
        return connection;
    }

    /** Leaves out nulls, and objects and lists left empty by that. */
    private static boolean prune(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                if (prune(it.next().getValue())) {
                    it.remove();
                }
            }
            return node.isEmpty();
        }
        if (node.isArray()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                if (prune(it.next())) {
                    it.remove();
                }
            }
            return node.isEmpty();
        }
        return node.isNull();
    }
}
