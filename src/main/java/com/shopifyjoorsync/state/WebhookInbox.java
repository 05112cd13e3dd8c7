package com.shopifyjoorsync.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

/**
 * Shopify's webhook deliveries in the state store (tables {@code sjs_webhook_delivery} and
 * {@code sjs_removed_customer}, migration V5): stored before Shopify gets its answer, taken by the
 * webhook runs, deduplicated on the delivery's key across restarts.
 */
public final class WebhookInbox {
    /** SQLState of a unique-key violation, on H2 and PostgreSQL alike. */
    private static final String DUPLICATE_KEY = "23505";

    /** One stored delivery: what it is about (a Customer Code), and for a merge the customer kept. */
    public record Delivery(String key, String webhookId, String topic, String customerId, String otherCustomerId,
            Instant triggeredAt) {
    }

    /** Customers Shopify deleted or merged, as webhooks told (reported, never removed from JOOR). */
    public record Removed(String customerId, String removal, String mergedInto, Instant removedAt) {
    }

    private final DataSource dataSource;
    private final String shop;
    private final Clock clock;

    public WebhookInbox(DataSource dataSource, String shop, Clock clock) {
        this.dataSource = dataSource;
        this.shop = shop;
        this.clock = clock;
    }

    /** Stores a delivery; false when one with its key is stored already (Shopify delivered it again). */
    public boolean record(Delivery d) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO sjs_webhook_delivery (shop, delivery_key,"
                        + " webhook_id, topic, customer_id, other_customer_id, triggered_at, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, shop);
            s.setString(2, d.key());
            s.setString(3, d.webhookId());
            s.setString(4, d.topic());
            s.setString(5, d.customerId());
            s.setString(6, d.otherCustomerId());
            time(s, 7, d.triggeredAt());
            time(s, 8, clock.instant());
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw new StateStoreException("state store (sync.state.jdbc-url) failed storing a webhook: " + e.getMessage(), e);
        }
    }

    /** Deliveries not processed yet, oldest first, at most {@code limit}. */
    public List<Delivery> pending(int limit) {
        List<Delivery> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT delivery_key, webhook_id, topic, customer_id,"
                        + " other_customer_id, triggered_at FROM sjs_webhook_delivery WHERE shop = ? AND processed_at IS NULL"
                        + " ORDER BY received_at, delivery_key")) {
            s.setString(1, shop);
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    OffsetDateTime t = r.getObject(6, OffsetDateTime.class);
                    found.add(new Delivery(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), t == null ? null : t.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("state store (sync.state.jdbc-url) failed reading webhooks: " + e.getMessage(), e);
        }
        return found;
    }

    /** Deliveries waiting to be processed. */
    public int waiting() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM sjs_webhook_delivery WHERE shop = ? AND processed_at IS NULL")) {
            s.setString(1, shop);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new StateStoreException("state store (sync.state.jdbc-url) failed counting webhooks: " + e.getMessage(), e);
        }
    }

    /**
     * Marks deliveries processed, and records in the same transaction the customers they say Shopify
     * deleted or merged away.
     */
    public void processed(Collection<Delivery> deliveries, Collection<Removed> removed) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("UPDATE sjs_webhook_delivery SET processed_at = ?"
                        + " WHERE shop = ? AND delivery_key = ?")) {
                    for (Delivery d : deliveries) {
                        time(s, 1, clock.instant());
                        s.setString(2, shop);
                        s.setString(3, d.key());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                for (Removed r : removed) {
                    try (PreparedStatement d = c.prepareStatement(
                            "DELETE FROM sjs_removed_customer WHERE shop = ? AND customer_id = ?")) {
                        d.setString(1, shop);
                        d.setString(2, r.customerId());
                        d.executeUpdate();
                    }
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO sjs_removed_customer (shop, customer_id,"
                            + " removal, merged_into, removed_at) VALUES (?, ?, ?, ?, ?)")) {
                        s.setString(1, shop);
                        s.setString(2, r.customerId());
                        s.setString(3, r.removal());
                        s.setString(4, r.mergedInto());
                        time(s, 5, r.removedAt() == null ? clock.instant() : r.removedAt());
                        s.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("state store (sync.state.jdbc-url) failed recording webhooks: " + e.getMessage(), e);
        }
    }

    /** How many customers Shopify deleted or merged away, as webhooks told. */
    public int removedCount() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM sjs_removed_customer WHERE shop = ?")) {
            s.setString(1, shop);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new StateStoreException("state store (sync.state.jdbc-url) failed counting removed customers: "
                    + e.getMessage(), e);
        }
    }

    /** Every customer Shopify deleted or merged away, as webhooks told, by code. */
    public List<Removed> removed() {
        List<Removed> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT customer_id, removal, merged_into, removed_at"
                        + " FROM sjs_removed_customer WHERE shop = ? ORDER BY customer_id")) {
            s.setString(1, shop);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new Removed(r.getString(1), r.getString(2), r.getString(3),
                            r.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("state store (sync.state.jdbc-url) failed reading removed customers: "
                    + e.getMessage(), e);
        }
        return found;
    }

    private static void time(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }
}
