package com.shopifyjoorsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** JOOR's field rules for a connection sent to {@code POST /v2/bulk-connection}. */
final class JoorSandboxValidation {

    /** Maximum lengths (characters) of the string fields JOOR documents. */
    static final Map<String, Integer> MAX_LENGTHS = new LinkedHashMap<>();

    static {
        MAX_LENGTHS.put("customer_code", 50);
        MAX_LENGTHS.put("customer_contact_email", 50);
        MAX_LENGTHS.put("customer_buyer_name", 50);
        MAX_LENGTHS.put("customer_alias", 150);
        MAX_LENGTHS.put("customer_contact_name", 1000);
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
        return null;
    }
}
