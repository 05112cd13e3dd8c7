package com.shopifyjoorsync.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerSearchQueryTest {

    @Test
    void anyOfTheTagsChangedSinceAnInstant() {
        assertThat(CustomerSearchQuery.build(List.of("JOOR_ENABLED", "JOOR", "WHOLESALE"),
                Instant.parse("2026-11-01T00:00:00Z")))
                .isEqualTo("(tag:'JOOR_ENABLED' OR tag:'JOOR' OR tag:'WHOLESALE') updated_at:>='2026-11-01T00:00:00Z'");
    }

    @Test
    void withoutAnInstantEveryTaggedCustomer() {
        assertThat(CustomerSearchQuery.build(List.of("WHOLESALE"), null)).isEqualTo("(tag:'WHOLESALE')");
    }

    @Test
    void fractionsOfASecondAreDroppedDownwards() {
        assertThat(CustomerSearchQuery.build(List.of("JOOR"), Instant.parse("2026-11-01T12:34:56.789Z")))
                .endsWith("updated_at:>='2026-11-01T12:34:56Z'");
    }

    @Test
    void quotesAndBackslashesInTagsAreEscaped() {
        assertThat(CustomerSearchQuery.build(List.of("Buyer's club", "a\\b", "Trade: EU OR US"), null))
                .isEqualTo("(tag:'Buyer\\'s club' OR tag:'a\\\\b' OR tag:'Trade: EU OR US')");
    }

    @Test
    void blankAndDuplicateTagsAreDroppedAndTagsTrimmed() {
        assertThat(CustomerSearchQuery.build(Arrays.asList(" JOOR ", "", null, "JOOR", "WHOLESALE"), null))
                .isEqualTo("(tag:'JOOR' OR tag:'WHOLESALE')");
    }

    @Test
    void anEmptyTagListIsRefused() {
        assertThatThrownBy(() -> CustomerSearchQuery.build(List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shopify.customer-tags");
        assertThatThrownBy(() -> CustomerSearchQuery.build(List.of(" ", ""), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomerSearchQuery.build(null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
