package com.shopifyjoorsync.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fingerprint of what would be sent (a JOOR connection, a template row): equal fingerprints
 * mean nothing to send, whatever Shopify's updatedAt says.
 */
public final class ContentHash {
    private ContentHash() {
    }

    /** The fingerprint of a customer as fetched, whatever its updatedAt (a bump alone is no change). */
    public static String ofCustomer(JsonNode customer) {
        if (customer instanceof ObjectNode object && object.has("updatedAt")) {
            ObjectNode copy = object.deepCopy();
            copy.remove("updatedAt");
            return of(copy);
        }
        return of(customer);
    }

    /** SHA-256 of a JSON document's text, or of a row's cells separated by a unit separator. */
    public static String of(Object content) {
        String text;
        if (content instanceof List<?> list) {
            StringBuilder b = new StringBuilder();
            for (Object cell : list) {
                b.append(cell instanceof List<?> inner ? of(inner) : String.valueOf(cell)).append('\u001f');
            }
            text = b.toString();
        } else {
            text = String.valueOf(content);
        }
        return HEX.formatHex(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final HexFormat HEX = HexFormat.of();
    // one digest per thread: looking the algorithm up cost as much as hashing a customer
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });
}
