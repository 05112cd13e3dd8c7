package com.shopifyjoorsync.mapping;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the mapping made of a customer for JOOR, made ready to send: null values and empty objects
 * left out, the Customer Code checked to be the customer's, and JOOR's field lengths checked. JOOR
 * refuses a whole bulk POST for one over-long field, so such a customer is dead-lettered with the
 * reason instead of costing its batch-mates credits.
 */
public final class JoorConnection {
    /** JOOR v2 connection field -> longest value JOOR accepts (docs/joor.md). */
    static final Map<String, Integer> LIMITS = Map.of("customer_code", 50, "customer_alias", 150,
            "customer_contact_name", 1000, "customer_contact_email", 50, "customer_buyer_name", 50);

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
        List<String> tooLong = new ArrayList<>();
        LIMITS.forEach((field, max) -> {
            JsonNode value = connection.get(field);
            if (value != null && value.asText().length() > max) {
                tooLong.add(field + " has " + value.asText().length() + " characters, JOOR allows " + max);
            }
        });
        if (!tooLong.isEmpty()) {
            tooLong.sort(null);
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
