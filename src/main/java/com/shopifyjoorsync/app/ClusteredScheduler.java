package com.shopifyjoorsync.app;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sync.cluster.enabled: the quartz timers (routes/sync-schedule.camel.yaml, the webhook runs) on
 * Quartz's clustered JDBC job store in the state store's PostgreSQL (tables sjs_qrtz_*, migration V6).
 * Every node schedules the same triggers; Quartz fires each on one node at a time (row locks), and the
 * cycle's job is stateful, so two nodes never poll the shop together. A node that stops checking in
 * (killed, cut off) is taken over: its cycle's job asks for recovery, so another node runs it again at
 * once, from the last watermark the state store committed. Proven machinery instead of a coordinator
 * of our own; Camel's quartz component supports it as it is.
 */
final class ClusteredScheduler {
    private static final Logger LOG = LoggerFactory.getLogger("shopify-joor-sync.cluster");
    /** Quartz's data sources are named JVM-wide: one per application (tests run several in one JVM). */
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();
    /** The cycle, the webhook runs, and one to spare. */
    private static final int THREADS = 3;

    private ClusteredScheduler() {
    }

    /** Configures the quartz component for the cluster; returns this node's id. */
    static String configure(CamelContext context, SyncSettings s, ClusterSettings cluster) {
        String dataSource = "sjs-state-" + DATA_SOURCES.incrementAndGet();
        // Quartz's own pool: its cluster check-ins and row locks never wait for a cycle's connections;
        // closed by Quartz itself when the scheduler shuts down
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(s.stateJdbcUrl());
        config.setUsername(s.stateUsername());
        config.setPassword(s.statePassword());
        config.setMaximumPoolSize(THREADS + 2);
        config.setPoolName("sjs-cluster");
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void shutdown() {
                pool.close();
            }

            @Override
            public void initialize() {
            }
        });
        String node = nodeId();
        Properties quartz = new Properties();
        // the scheduler's name is the cluster's: the same on every node; the instance id is the node's
        quartz.setProperty("org.quartz.scheduler.instanceName",
                com.shopifyjoorsync.state.StateStore.clusterScheduler(s.shopEntry()));
        quartz.setProperty("org.quartz.scheduler.instanceId", node);
        quartz.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.jobStore.dataSource", dataSource);
        quartz.setProperty("org.quartz.jobStore.tablePrefix", "sjs_qrtz_");
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(cluster.checkinInterval().toMillis()));
        quartz.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        QuartzComponent component = context.getComponent("quartz", QuartzComponent.class);
        component.setPrefixInstanceName(false);
        component.setProperties(quartz);
        LOG.info("Cluster node {}: the timers run on Quartz's clustered job store in the state store's PostgreSQL;"
                + " one node polls the shop at a time, another takes over when it has not checked in for {} + 7.5 s",
                node, cluster.checkinInterval().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        return node;
    }

    /** host-pid-random, unique even for two nodes started on one host in the same millisecond (no ':', JMX names it). */
    private static String nodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + HexFormat.of().formatHex(random);
    }
}
