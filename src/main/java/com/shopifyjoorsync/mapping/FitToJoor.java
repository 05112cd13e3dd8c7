package com.shopifyjoorsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.schibsted.spt.data.jslt.Function;
import com.schibsted.spt.data.jslt.JsltException;

/**
 * The mapping's {@code fit-to-joor(field, text)}: the text shortened to JOOR's published limit for
 * that field ({@link JoorFieldLimits#fit}), so a mapping names the field, never the number.
 */
final class FitToJoor implements Function {
    @Override
    public String getName() {
        return "fit-to-joor";
    }

    @Override
    public int getMinArguments() {
        return 2;
    }

    @Override
    public int getMaxArguments() {
        return 2;
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        JsonNode text = arguments[1];
        if (text == null || text.isNull()) {
            return NullNode.instance;
        }
        try {
            return new TextNode(JoorFieldLimits.fit(arguments[0].asText(), text.asText()));
        } catch (IllegalArgumentException e) {
            throw new JsltException("fit-to-joor: " + e.getMessage());
        }
    }
}
