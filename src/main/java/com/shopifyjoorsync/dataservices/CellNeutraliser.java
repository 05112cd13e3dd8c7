package com.shopifyjoorsync.dataservices;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a cell, or a field sent to JOOR, must never carry. People open template files in spreadsheet
 * software: a cell starting with = + - @ tab or CR would be read as a formula (CSV injection), so
 * such cells get a leading apostrophe, phone numbers included. And no text carries control
 * characters (NUL, ESC, DEL, the other C0 and C1 controls but tab, line feed and carriage return) or
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069, which make text
 * display otherwise than it reads): they are removed, the change noted at DEBUG. One rule for the
 * template's cells and JOOR's fields: the mapping's output goes through {@link #removeControls(JsonNode, String)}.
 */
public final class CellNeutraliser {
    private static final Logger LOG = LoggerFactory.getLogger(CellNeutraliser.class);

    private CellNeutraliser() {
    }

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        String clean = removeControls(cell);
        if (clean != cell) {
            LOG.debug("Removed control characters from a template cell: {}", describe(cell));
        }
        if (clean.isEmpty()) {
            return clean;
        }
        char first = clean.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + clean : clean;
    }

    /** True for a character no cell and no JOOR field may carry. */
    public static boolean isControl(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                || c >= 0x7F && c <= 0x9F
                || c >= 0x202A && c <= 0x202E
                || c >= 0x2066 && c <= 0x2069;
    }

    /** Where the text's first such character is, or -1. */
    public static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The character as a person finds it in a table: {@code U+202E RIGHT-TO-LEFT OVERRIDE}. */
    public static String name(int c) {
        String name = Character.getName(c);
        return String.format(Locale.ROOT, "U+%04X%s", c, name == null ? "" : " " + name);
    }

    /** The text without those characters, stripped; the same instance when it had none. */
    public static String removeControls(String text) {
        if (text == null || firstControl(text) < 0) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.chars().filter(c -> !isControl(c)).forEach(c -> clean.append((char) c));
        return clean.toString().strip();
    }

    /**
     * Removes those characters from every text of a mapping's output (JOOR's connection and the
     * template row), in place; logs what it removed where at DEBUG (customer data stays out of INFO).
     *
     * @return the same tree
     */
    public static JsonNode removeControls(JsonNode mapped, String code) {
        List<String> removed = new ArrayList<>();
        removeControls(mapped, "", removed);
        if (!removed.isEmpty()) {
            LOG.debug("Removed control characters from customer {}: {}", code, String.join("; ", removed));
        }
        return mapped;
    }

    private static void removeControls(JsonNode node, String path, List<String> removed) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    field.setValue(cleaned(field.getValue(), at, removed));
                } else {
                    removeControls(field.getValue(), at, removed);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String at = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, cleaned(array.get(i), at, removed));
                } else {
                    removeControls(array.get(i), at, removed);
                }
            }
        }
    }

    private static JsonNode cleaned(JsonNode text, String at, List<String> removed) {
        String value = text.textValue();
        String clean = removeControls(value);
        if (clean == value) {
            return text;
        }
        removed.add(describe(value) + " from " + at);
        return TextNode.valueOf(clean);
    }

    /** The control characters of a text, by name. */
    private static String describe(String text) {
        return String.join(", ", text.chars().filter(CellNeutraliser::isControl).distinct()
                .mapToObj(CellNeutraliser::name).toList());
    }
}
