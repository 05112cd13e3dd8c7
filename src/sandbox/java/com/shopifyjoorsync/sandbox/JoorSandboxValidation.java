package com.shopifyjoorsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JOOR's field rules for a connection sent to {@code POST /v2/bulk-connection}, as JOOR's reference
 * pages publish them (bulk-connection, connection-get). JOOR's side of the product's own
 * {@code JoorFieldLimits}, kept apart on purpose: the sandbox checks the product, it does not trust it.
 */
final class JoorSandboxValidation {

    /** Maximum lengths (characters) of the string fields JOOR documents. */
    static final Map<String, Integer> MAX_LENGTHS = new LinkedHashMap<>();

    static {
        MAX_LENGTHS.put("customer_code", 50);
        MAX_LENGTHS.put("customer_name", 100);
        MAX_LENGTHS.put("customer_contact_email", 50);
        MAX_LENGTHS.put("customer_buyer_name", 50);
        MAX_LENGTHS.put("customer_alias", 150);
        MAX_LENGTHS.put("customer_contact_name", 1000);
        MAX_LENGTHS.put("sales_rep_code", 100);
    }

    private JoorSandboxValidation() {
    }

    /** The customer code as text, for messages: its string value, a number's exact digits, or "". */
    static String codeText(JsonNode connection) {
        JsonNode code = connection == null ? null : connection.get("customer_code");
        if (code == null || code.isNull() || code.isContainerNode()) {
            return "";
        }
        return code.asText();
    }

    /** @return why the connection is invalid, or null when it is valid */
    static String problem(JsonNode connection) {
        if (connection == null || !connection.isObject()) {
            return "a connection must be a JSON object";
        }
        JsonNode code = connection.get("customer_code");
        if (code == null || code.isNull()) {
            return "customer_code is required";
        }
        if (!code.isTextual()) {
            return "customer_code must be a string";
        }
        if (code.asText().isBlank()) {
            return "customer_code must not be empty";
        }
        for (Map.Entry<String, Integer> rule : MAX_LENGTHS.entrySet()) {
            JsonNode value = connection.get(rule.getKey());
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                return rule.getKey() + " must be a string";
            }
            String text = value.asText();
            int length = text.codePointCount(0, text.length());
            if (length > rule.getValue()) {
                return rule.getKey() + " is longer than " + rule.getValue() + " characters (" + length + ")";
            }
        }
        for (String kind : List.of("billing", "shipping")) {
            String problem = addressProblem(connection, kind);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Addresses nest as connection-get publishes them: {@code billing.billing_addresses.billing_address[]}. */
    private static String addressProblem(JsonNode connection, String kind) {
        String shape = kind + "." + kind + "_addresses." + kind + "_address[]";
        if (connection.has(kind + "_addresses")) {
            return kind + "_addresses is not a field of a connection: addresses nest as " + shape;
        }
        JsonNode group = connection.get(kind);
        if (group == null || group.isNull()) {
            return null;
        }
        JsonNode addresses = group.path(kind + "_addresses").path(kind + "_address");
        if (!addresses.isArray() && !addresses.isObject()) {
            return kind + " must hold its addresses as " + shape;
        }
        for (JsonNode address : addresses.isArray() ? addresses : List.of(addresses)) {
            if (!address.isObject()) {
                return "each of " + shape + " must be an object";
            }
        }
        return null;
    }
}
