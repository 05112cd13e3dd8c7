package com.shopifyjoorsync.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a cluster node ({@code sjs-cluster}, with sync.cluster.enabled): UP while this node's
 * last check-in in Quartz's table is recent, so the others know it is alive; DOWN when it is not (cut
 * off from the database: another node takes its shop over). Details: this node, the nodes alive.
 * Liveness is not concerned: a node that lost the database recovers by itself when it comes back.
 */
final class ClusterHealth extends AbstractHealthCheck {
    static final String ID = "sjs-cluster";
    /** Quartz's grace on top of the check-in interval before a node is taken for dead (ClusterManager). */
    private static final long QUARTZ_GRACE_MILLIS = 7_500;

    private final DataSource dataSource;
    private final String node;
    private final long checkinMillis;
    private final Clock clock;

    ClusterHealth(DataSource dataSource, String node, long checkinMillis, Clock clock) {
        super("sjs", ID);
        this.dataSource = dataSource;
        this.node = node;
        this.checkinMillis = checkinMillis;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long now = clock.millis();
        int alive = 0;
        long own = -1;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT instance_name, last_checkin_time, checkin_interval"
                        + " FROM sjs_qrtz_scheduler_state WHERE sched_name = ?")) {
            s.setString(1, ClusteredScheduler.SCHEDULER);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    boolean recent = now - r.getLong(2) <= r.getLong(3) + QUARTZ_GRACE_MILLIS;
                    alive += recent ? 1 : 0;
                    if (node.equals(r.getString(1))) {
                        own = r.getLong(2);
                    }
                }
            }
        } catch (SQLException e) {
            builder.detail("node", node).message("the state store cannot be read: " + e.getMessage()).down();
            return;
        }
        builder.detail("node", node).detail("nodes_alive", alive);
        if (own < 0) {
            builder.message("this node has not checked in yet").down();
        } else if (now - own > checkinMillis + QUARTZ_GRACE_MILLIS) {
            builder.detail("last_checkin_age_ms", now - own)
                    .message("this node has not checked in for " + (now - own) + " ms: the others take its shop over").down();
        } else {
            builder.detail("last_checkin_age_ms", now - own).up();
        }
    }
}
