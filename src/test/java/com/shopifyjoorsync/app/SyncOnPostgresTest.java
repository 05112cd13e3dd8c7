package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.state.CustomerState;
import com.shopifyjoorsync.state.PendingSubmissions;
import com.shopifyjoorsync.state.StateStore;
import com.shopifyjoorsync.state.TestPostgres;
import com.shopifyjoorsync.state.UnconfirmedCounts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole cycles through the real configuration with the state store on a real PostgreSQL
 * (TestPostgres): what JOOR received, what the template holds and what the store says, and a restart
 * on the same database that sends nothing twice.
 */
class SyncOnPostgresTest {
    @TempDir
    Path dir;
    SandboxHarness sandbox;
    String url;

    @BeforeEach
    void start() {
        sandbox = new SandboxHarness(dir);
        url = TestPostgres.newDatabase();
        sandbox.settings.put("sync.state.jdbc-url", url);
        sandbox.settings.put("sync.state.username", TestPostgres.USER);
        sandbox.settings.put("sync.state.password", TestPostgres.PASSWORD);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static StateStore state(SyncApplication app) {
        return app.context().getRegistry().lookupByNameAndType("sjsStateStore", StateStore.class);
    }

    private List<String> receivedCodes() {
        return sandbox.joor.receivedConnections().stream().map(c -> c.get("customer_code").asText()).toList();
    }

    /** Rows per status of the shop, read from PostgreSQL itself. */
    private Map<String, Integer> statuses(String shop) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
                PreparedStatement s = c.prepareStatement(
                        "SELECT status, COUNT(*) FROM sjs_customer_state WHERE shop = ? GROUP BY status")) {
            s.setString(1, shop);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return counts;
    }

    @Test
    void aClusterIsRefusedAtStartOnAnEmbeddedH2FileNamingTheSetting() {
        sandbox.settings.put("sync.state.jdbc-url", "jdbc:h2:file:" + dir.resolve("state/sync"));
        sandbox.settings.put("sync.cluster.enabled", "true");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SyncApplication.start(sandbox.settings).close())
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).singleElement().asString()
                        .startsWith("sync.cluster.enabled=true needs the nodes' shared state store on PostgreSQL"));
        assertThat(sandbox.joor.requestCount()).isZero();
    }

    @Test
    void aClusterNodeRunsItsCyclesOnQuartzsClusteredStoreInPostgresql() throws Exception {
        sandbox.settings.put("sync.cluster.enabled", "true");
        sandbox.settings.put("sync.schedule.enabled", "true");

        try (SyncApplication app = SyncApplication.start(sandbox.settings)) {
            // the timer's first fire runs a cycle: through Quartz's tables, which name this node
            SandboxHarness.soon("the first cycle").until(() -> app.cycle().lastSummary() != null
                    && app.cycle().lastSummary().startsWith("SYNC SUMMARY"));
            try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
                    java.sql.Statement s = c.createStatement();
                    ResultSet nodes = s.executeQuery("SELECT COUNT(*) FROM sjs_qrtz_scheduler_state");
                    ResultSet jobs = c.createStatement().executeQuery("SELECT job_name, requests_recovery, is_nonconcurrent"
                            + " FROM sjs_qrtz_job_details ORDER BY job_name")) {
                nodes.next();
                assertThat(nodes.getInt(1)).isEqualTo(1);
                List<String> found = new java.util.ArrayList<>();
                while (jobs.next()) {
                    found.add(jobs.getString(1) + " recovery=" + jobs.getBoolean(2) + " one-at-a-time=" + jobs.getBoolean(3));
                }
                assertThat(found).containsExactly("customer-sync recovery=true one-at-a-time=true",
                        "webhook-runs recovery=false one-at-a-time=true");
            }
            // readiness says this node checks in, and how many do
            MonitoringTest.Answer ready = MonitoringTest.get(app, "/observe/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            com.fasterxml.jackson.databind.JsonNode check = java.util.stream.StreamSupport.stream(
                    SandboxHarness.JSON.readTree(ready.body()).path("checks").spliterator(), false)
                    .filter(c -> c.path("name").asText().equals("sjs-cluster")).findFirst().orElseThrow();
            assertThat(check.path("status").asText()).as(ready.body()).isEqualTo("UP");
            org.apache.camel.health.HealthCheck.Result result = app.context().getRegistry()
                    .lookupByNameAndType("sjs-cluster", org.apache.camel.health.HealthCheck.class).call();
            assertThat(result.getDetails()).containsEntry("nodes_alive", 1L).containsKey("node");

            // --check beside it tells the nodes that check in, without joining them
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int exit = Launcher.run(new String[] {"--check"}, sandbox.settings,
                    new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err);
            String report = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(exit).as(report).isZero();
            assertThat(report).containsPattern("(?m)^OK +State store +opened and migrated.*; cluster: 1 node checks in \\("
                    + java.util.regex.Pattern.quote(String.valueOf(result.getDetails().get("node"))) + "\\)");
        }
        assertThat(receivedCodes()).containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
    }

    @Test
    void severalShopsOnAClusterAreEachFailedOverOnTheirOwn() throws Exception {
        sandbox.settings.put("sync.cluster.enabled", "true");
        sandbox.settings.put("sync.schedule.enabled", "true");
        sandbox.settings.put("shops", "a,b");
        sandbox.settings.put("shops.a.shopify.shop", "brand-a");
        sandbox.settings.put("shops.a.joor.price-label", "Wholesale EUR");
        sandbox.settings.put("shops.b.shopify.shop", "brand-b");

        try (SyncShops deployment = SyncShops.start(sandbox.settings, List.of("a", "b"))) {
            SandboxHarness.soon("a first cycle of each shop").until(() -> deployment.shops().stream()
                    .allMatch(s -> s.app().cycle().lastSummary() != null
                            && s.app().cycle().lastSummary().startsWith("SYNC SUMMARY")));
            // a scheduler per shop in Quartz's tables: another node takes each shop over on its own
            List<String> schedulers = new java.util.ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
                    ResultSet r = c.createStatement().executeQuery(
                            "SELECT DISTINCT sched_name FROM sjs_qrtz_scheduler_state ORDER BY sched_name")) {
                while (r.next()) {
                    schedulers.add(r.getString(1));
                }
            }
            assertThat(schedulers).containsExactly("shopify-joor-sync-a", "shopify-joor-sync-b");
            MonitoringTest.Answer ready = MonitoringTest.get(deployment.shops().get(0).app(), "/observe/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(SandboxHarness.JSON.readTree(ready.body()).get("checks").findValuesAsText("name"))
                    .contains("sjs-shop-a", "sjs-shop-b", "sjs-cluster");
        }
    }

    @Test
    void aCycleOnPostgresqlDeliversEachCustomerOnceAndARestartedOneSendsNothing() throws Exception {
        Set<String> known = sandbox.knownEligible();
        Set<String> fresh = new HashSet<>(sandbox.demo.eligibleIds().stream().map(String::valueOf).toList());
        fresh.removeAll(known);
        fresh.remove(Long.toString(DemoData.NO_ADDRESS_ID)); // no address: dead-lettered
        Instant started = Instant.now();

        Instant watermark;
        String shop;
        try (SyncApplication app = sandbox.startApp()) {
            SyncApplication.CycleResult first = app.runCycle();
            assertThat(first.failed()).as(first.summary()).isFalse();

            assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(known);
            assertThat(sandbox.templateFiles()).hasSize(1);
            assertThat(SandboxHarness.codesOf(sandbox.templateRows())).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(fresh);

            StateStore state = state(app);
            shop = state.shop();
            watermark = state.watermark();
            assertThat(watermark).isAfter(started.minusSeconds(600)).isBeforeOrEqualTo(Instant.now());
            assertThat(state.customersDeliveredToJoor()).isEqualTo(known.size());
            assertThat(state.load(known).values()).hasSize(known.size()).allSatisfy(c -> {
                assertThat(c.status()).isEqualTo(CustomerState.Status.JOOR);
                assertThat(c.joorHash()).isNotNull();
            });
            assertThat(state.load(fresh).values()).hasSize(fresh.size())
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo(CustomerState.Status.DATA_SERVICES_PENDING));
            assertThat(state.pendingAtDataServices().count()).isEqualTo(fresh.size());
            assertThat(state.awaitingJobs()).isEmpty();
            assertThat(state.unconfirmedCounts()).isEqualTo(new UnconfirmedCounts(0, 0));
        }
        assertThat(statuses(shop)).isEqualTo(Map.of(CustomerState.Status.JOOR.name(), known.size(),
                CustomerState.Status.DATA_SERVICES_PENDING.name(), fresh.size(),
                CustomerState.Status.DEAD_LETTERED.name(), 1));

        // a restart on the same database: nothing changed in Shopify, nothing goes anywhere
        sandbox.joor.resetStats();
        try (SyncApplication app = sandbox.startApp()) {
            SyncApplication.CycleResult second = app.runCycle();
            assertThat(second.failed()).as(second.summary()).isFalse();

            assertThat(sandbox.joor.bulkPosts()).isZero();
            assertThat(sandbox.joor.receivedConnections()).isEmpty();
            assertThat(sandbox.templateFiles()).hasSize(1);
            assertThat(second.summary()).contains(" joor_updated=0 ", " data_services=0 ", " full_sweep=false ");
            StateStore state = state(app);
            assertThat(state.watermark()).isAfter(watermark);
            assertThat(state.customersDeliveredToJoor()).isEqualTo(known.size());
            assertThat(state.pendingAtDataServices()).extracting(PendingSubmissions::count).isEqualTo(fresh.size());
        }
        assertThat(dir.resolve("state")).as("no H2 file beside PostgreSQL").satisfies(
                p -> assertThat(Files.exists(p.resolve("sync.mv.db"))).isFalse());
    }
}
