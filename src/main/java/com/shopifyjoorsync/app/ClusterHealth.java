package com.shopifyjoorsync.app;

import java.time.Clock;
import java.util.Map;

import com.shopifyjoorsync.state.StateStore;

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
    private final StateStore state;
    private final String node;
    private final String scheduler;
    private final Clock clock;

    ClusterHealth(StateStore state, String scheduler, String node, Clock clock) {
        super("sjs", ID);
        this.state = state;
        this.node = node;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long now = clock.millis();
        java.util.List<StateStore.ClusterNode> nodes;
        try {
            nodes = state.clusterNodes(scheduler);
        } catch (RuntimeException e) {
            builder.detail("node", node).message("the state store cannot be read: " + e.getMessage()).down();
            return;
        }
        builder.detail("node", node).detail("nodes_alive", nodes.stream().filter(n -> n.alive(now)).count());
        StateStore.ClusterNode own = nodes.stream().filter(n -> n.name().equals(node)).findFirst().orElse(null);
        if (own == null) {
            builder.message("this node has not checked in yet").down();
            return;
        }
        long age = now - own.lastCheckinMillis();
        builder.detail("last_checkin_age_ms", age);
        if (own.alive(now)) {
            builder.up();
        } else {
            builder.message("this node has not checked in for " + age + " ms: the others take its shop over").down();
        }
    }
}
