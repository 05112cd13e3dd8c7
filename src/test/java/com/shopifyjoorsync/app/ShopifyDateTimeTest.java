package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

/** The window check's reading of Shopify's DateTime: the hand-read UTC form agrees with the formatter. */
class ShopifyDateTimeTest {

    @Test
    void readsShopifysUtcFormLikeTheFormatter() {
        for (String text : new String[] {"2026-10-12T22:13:29Z", "2024-02-29T00:00:00Z", "1999-12-31T23:59:59Z"}) {
            assertThat(SyncWindow.shopifyDateTime(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void readsOtherIsoFormsThroughTheFormatter() {
        assertThat(SyncWindow.shopifyDateTime("2026-10-12T22:13:29.250+02:00"))
                .isEqualTo(Instant.parse("2026-10-12T20:13:29.250Z"));
    }

    @Test
    void refusesWhatIsNotADateTime() {
        assertThatThrownBy(() -> SyncWindow.shopifyDateTime("2026-13-12T22:13:29Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> SyncWindow.shopifyDateTime("2026-1a-12T22:13:29Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> SyncWindow.shopifyDateTime("yesterday")).isInstanceOf(DateTimeParseException.class);
    }
}
