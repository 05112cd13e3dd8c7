package com.shopifyjoorsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerTagsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CustomerTags tags = new CustomerTags(List.of("JOOR_ENABLED", "JOOR", "WHOLESALE"));

    private static JsonNode customer(String... tags) {
        return JSON.createObjectNode().set("tags", JSON.valueToTree(List.of(tags)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JOOR_ENABLED", "JOOR", "WHOLESALE", "wholesale", "Joor", " WHOLESALE "})
    void exportsConfiguredTagsWhateverTheirCase(String tag) {
        assertThat(tags.isEligible(customer("VIP", tag))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JOOR_ENABLED_OLD", "NOT_WHOLESALE", "joor-enabled", "WHOLESALE2", "JOOR ENABLED", ""})
    void doesNotExportLookAlikes(String tag) {
        assertThat(tags.isEligible(customer(tag, "VIP"))).isFalse();
    }

    @Test
    void customerWithoutTagsIsNotExported() {
        assertThat(tags.isEligible(customer())).isFalse();
        assertThat(tags.isEligible(JSON.createObjectNode())).isFalse();
    }
}
