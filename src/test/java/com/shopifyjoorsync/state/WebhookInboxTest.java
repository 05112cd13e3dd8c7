package com.shopifyjoorsync.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook inbox on H2 and on a real PostgreSQL: stored once per key, per shop, taken oldest first. */
class WebhookInboxTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;
    HikariDataSource dataSource;

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private WebhookInbox inbox(String database, String shop) {
        if (dataSource == null) {
            dataSource = TestStateStores.migratedPool(TestStateStores.newStore(database, dir));
        }
        return new WebhookInbox(dataSource, shop, Clock.fixed(T0, ZoneOffset.UTC));
    }

    private static WebhookInbox.Delivery delivery(String key, String topic, String customer) {
        return new WebhookInbox.Delivery(key, "w-" + key, topic, customer, null, T0.minusSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDeliveryIsStoredOnceAndTakenUntilProcessed(String database) {
        WebhookInbox shopA = inbox(database, "shop-a");
        WebhookInbox shopB = inbox(database, "shop-b");

        assertThat(shopA.record(delivery("event:1", "customers/update", "11"))).isTrue();
        assertThat(shopA.record(delivery("event:1", "customers/update", "11"))).as("sent again").isFalse();
        assertThat(shopA.record(delivery("event:2", "customers/delete", "12"))).isTrue();
        assertThat(shopB.record(delivery("event:1", "customers/update", "11"))).as("another shop's").isTrue();

        List<WebhookInbox.Delivery> pending = shopA.pending(10);
        assertThat(pending).extracting(WebhookInbox.Delivery::key).containsExactly("event:1", "event:2");
        assertThat(pending.get(0).triggeredAt()).isEqualTo(T0.minusSeconds(5));
        assertThat(shopA.waiting()).isEqualTo(2);

        shopA.processed(pending, List.of(new WebhookInbox.Removed("12", "deleted", null, T0)));
        shopA.processed(List.of(), List.of(new WebhookInbox.Removed("12", "merged", "13", T0))); // told again: the last word

        assertThat(shopA.waiting()).isZero();
        assertThat(shopA.pending(10)).isEmpty();
        assertThat(shopB.waiting()).isEqualTo(1);
        assertThat(shopA.removed()).containsExactly(new WebhookInbox.Removed("12", "merged", "13", T0));
        assertThat(shopA.removedCount()).isEqualTo(1);
        assertThat(shopB.removed()).isEmpty();
    }
}
