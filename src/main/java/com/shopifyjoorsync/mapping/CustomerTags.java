package com.shopifyjoorsync.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which customers are exported: any tag equal to one of the configured tags, compared exactly
 * after trimming and ignoring case. JOOR_ENABLED_OLD, NOT_WHOLESALE or joor-enabled do not match.
 */
public final class CustomerTags {
    private final Set<String> exported;

    public CustomerTags(List<String> exportedTags) {
        this.exported = exportedTags.stream().map(CustomerTags::normalise).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isEligible(JsonNode customer) {
        JsonNode tags = customer == null ? null : customer.get("tags");
        if (tags == null || !tags.isArray()) {
            return false;
        }
        for (JsonNode tag : tags) {
            if (tag.isTextual() && exported.contains(normalise(tag.asText()))) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String tag) {
        return tag.trim().toUpperCase(Locale.ROOT);
    }
}
