package com.shopifyjoorsync.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The longest values JOOR accepts in a connection, as JOOR's API reference publishes them
 * (api-docs.jooraccess.com: {@code bulk-connection} for customer_name, {@code connection-get} for the
 * others). The one place these numbers live: the check before sending ({@link JoorConnection}) and the
 * mapping's {@code fit-to-joor} read them here. JOOR does not say how it counts; we count characters
 * as Unicode code points.
 */
public final class JoorFieldLimits {
    private static final Map<String, Integer> MAX;

    static {
        Map<String, Integer> max = new LinkedHashMap<>();
        max.put("customer_code", 50);
        max.put("customer_name", 100);
        max.put("customer_alias", 150);
        max.put("customer_contact_name", 1000);
        max.put("customer_contact_email", 50);
        max.put("customer_buyer_name", 50);
        max.put("sales_rep_code", 100);
        MAX = Collections.unmodifiableMap(max);
    }

    private JoorFieldLimits() {
    }

    /** The longest value JOOR accepts in this field, or null when JOOR publishes none. */
    public static Integer max(String field) {
        return MAX.get(field);
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Each field of the connection over its limit, e.g. "customer_contact_email has 57 characters, JOOR allows 50". */
    static List<String> problems(JsonNode connection) {
        List<String> problems = new ArrayList<>();
        MAX.forEach((field, max) -> {
            JsonNode value = connection.get(field);
            if (value != null && value.isValueNode() && length(value.asText()) > max) {
                problems.add(field + " has " + length(value.asText()) + " characters, JOOR allows " + max);
            }
        });
        return problems;
    }

    /**
     * The text shortened to the field's limit, ending in "…" (cut at a word boundary when one is near),
     * or unchanged when it fits. Only for a field whose whole value is kept elsewhere, such as
     * customer_name beside customer_alias: a shortened e-mail or code would be wrong, not shorter.
     */
    public static String fit(String field, String text) {
        Integer max = MAX.get(field);
        if (max == null) {
            throw new IllegalArgumentException("JOOR publishes no length limit for " + field + "; fields with one: "
                    + String.join(", ", MAX.keySet()));
        }
        if (text == null || length(text) <= max) {
            return text;
        }
        String kept = text.substring(0, text.offsetByCodePoints(0, max - 1));
        int space = kept.lastIndexOf(' ');
        if (!Character.isWhitespace(text.codePointAt(kept.length())) && space > kept.length() / 2) {
            kept = kept.substring(0, space); // not in the middle of a word
        }
        return kept.replaceAll("[\\s,;:&/-]+$", "") + "\u2026";
    }
}
