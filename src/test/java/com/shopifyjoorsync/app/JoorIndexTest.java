package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.shopifyjoorsync.sandbox.SandboxCustomer;
import com.shopifyjoorsync.state.StateStore;

import org.junit.jupiter.api.Test;

/**
 * JOOR's connection list as JOOR publishes it (the list under connections.connections, pages shorter
 * than asked), and what a cycle does when the list it gives looks wrong: it fails, sends nothing to
 * JOOR or Data Services, keeps its watermark, and says so in the summary, the health check and the
 * metrics, until the list looks right again or a person accepts the change.
 */
class JoorIndexTest extends SandboxTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private List<String> receivedCodes() {
        return sandbox.joor.receivedConnections().stream().map(c -> c.get("customer_code").asText()).toList();
    }

    private List<String> listReads() {
        return sandbox.joor.requestLog().stream().filter(l -> l.startsWith("GET /v2/connection/?")).toList();
    }

    private static StateStore state(SyncApplication app) {
        return app.context().getRegistry().lookupByNameAndType("sjsStateStore", StateStore.class);
    }

    private static HttpResponse<String> get(SyncApplication app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SandboxHarness.managementPort(app) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(SyncApplication app, String name) throws Exception {
        return MonitoringTest.sample(get(app, "/observe/metrics").body(), name);
    }

    /** A known customer and a new one changed in Shopify: a cycle that ran would send both somewhere. */
    private void changeAKnownAndAddANewCustomer() {
        SandboxCustomer known = sandbox.shopify.customer(Long.parseLong(
                sandbox.knownEligible().stream().sorted().findFirst().orElseThrow()));
        known.setLastName("Changed-" + known.getLastName());
        known.setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        sandbox.shopify.put(known);
        SandboxCustomer fresh = new SandboxCustomer(9_300_000_000_000_001L).setFirstName("Nora").setLastName("Nieuw")
                .setEmail("nora@nieuw.example").setTags("JOOR_ENABLED");
        fresh.setDefaultAddress(CustomerSyncTest.address("Nieuw Mode", "Kalverstraat 1", "Amsterdam", null, "NL",
                "1012 NX"));
        fresh.setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        sandbox.shopify.put(fresh);
    }

    /** The cycle failed before routing anyone: nothing reached JOOR or Data Services, the watermark stayed. */
    private void assertNothingSentAndWatermarkKept(SyncApplication app, SyncApplication.CycleResult result,
            Instant watermark, int templateFiles) throws Exception {
        assertThat(result.failed()).as(result.summary()).isTrue();
        assertThat(result.summary()).startsWith("SYNC FAILED").contains(" joor_updated=0 ", " data_services=0 ");
        assertThat(sandbox.joor.bulkPosts()).isZero();
        assertThat(sandbox.joor.requestLog()).allMatch(l -> l.startsWith("GET /v2/connection/?"));
        assertThat(sandbox.templateFiles()).hasSize(templateFiles);
        assertThat(sandbox.shopify.requestCount()).as("Shopify is not even read").isZero();
        assertThat(state(app).watermark()).isEqualTo(watermark);
    }

    @Test
    void againstTheListAsJoorPublishesItEveryKnownCustomerIsUpdatedThroughTheApiAndNoneSentToDataServices()
            throws Exception {
        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
        assertThat(SandboxHarness.codesOf(sandbox.templateRows())).isNotEmpty().doesNotContainAnyElementsOf(sandbox.knownEligible());
        // 80 connections, JOOR serving 50 of the 1000 asked: two pages
        assertThat(listReads()).containsExactly("GET /v2/connection/?start_from=0&count=1000 200",
                "GET /v2/connection/?start_from=50&count=1000 200");
    }

    @Test
    void aListServedInPagesMuchShorterThanAskedIsReadToTheEnd() throws Exception {
        sandbox.joor.setListPageCap(7);

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(listReads()).hasSize(12); // 80 codes, 7 a page
        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
        assertThat(SandboxHarness.codesOf(sandbox.templateRows())).doesNotContainAnyElementsOf(sandbox.knownEligible());
    }

    @Test
    void anAnswerWithoutAListNodeFailsTheCycleAndNothingIsSentAnywhere() throws Exception {
        try (SyncApplication app = sandbox.startApp()) {
            assertThat(app.runCycle().failed()).isFalse();
            Instant watermark = state(app).watermark();
            int templateFiles = sandbox.templateFiles().size();
            changeAKnownAndAddANewCustomer();
            sandbox.joor.setListWithoutListNode(true);
            sandbox.joor.resetStats();
            sandbox.shopify.resetStats();

            SyncApplication.CycleResult refused = app.runCycle();

            assertNothingSentAndWatermarkKept(app, refused, watermark, templateFiles);
            assertThat(refused.summary()).contains("JoorIndexRefusedException", "has no list of connections",
                    "connections.connections.connection", "connection-get");
            HttpResponse<String> ready = get(app, "/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains(JoorIndexGuard.ID, "has no list of connections");
            assertThat(get(app, "/observe/health/live").statusCode()).isEqualTo(200);
            assertThat(metric(app, "sjs_joor_index_refused")).isEqualTo(1);

            sandbox.joor.setListWithoutListNode(false);
            sandbox.joor.resetStats();
            SyncApplication.CycleResult next = app.runCycle();

            assertThat(next.failed()).as(next.summary()).isFalse();
            assertThat(receivedCodes()).hasSize(1);
            assertThat(SandboxHarness.codesOf(sandbox.templateRows())).contains("9300000000000001");
            assertThat(state(app).watermark()).isAfter(watermark);
            assertThat(get(app, "/observe/health/ready").statusCode()).isEqualTo(200);
            assertThat(metric(app, "sjs_joor_index_refused")).isZero();
        }
    }

    @Test
    void aListThatShrankIsRefusedAcrossARestartNamingBothCountsUntilTheChangeIsAccepted() throws Exception {
        Instant watermark;
        try (SyncApplication app = sandbox.startApp()) {
            assertThat(app.runCycle().failed()).isFalse();
            watermark = state(app).watermark();
        }
        int templateFiles = sandbox.templateFiles().size();
        changeAKnownAndAddANewCustomer();
        sandbox.joor.hideFromList(25); // 80 connections listed as 60
        sandbox.joor.resetStats();
        sandbox.shopify.resetStats();

        try (SyncApplication app = sandbox.startApp()) {
            SyncApplication.CycleResult refused = app.runCycle();

            assertNothingSentAndWatermarkKept(app, refused, watermark, templateFiles);
            assertThat(refused.summary()).contains("25% fewer customer codes", "60 codes read",
                    "the last good index had 80", "joor.index-shrink-tolerance=10%", "joor.index-accept-codes=60");
            assertThat(metric(app, "sjs_joor_index_codes")).isEqualTo(60);
            assertThat(metric(app, "sjs_joor_index_last_good_codes")).isEqualTo(80);
            assertThat(metric(app, "sjs_joor_index_refused")).isEqualTo(1);
            HttpResponse<String> ready = get(app, "/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains(JoorIndexGuard.ID, "joor.index-accept-codes=60");
        }

        sandbox.settings.put("joor.index-accept-codes", "60");
        try (SyncApplication app = sandbox.startApp()) {
            SyncApplication.CycleResult accepted = app.runCycle();

            assertThat(accepted.failed()).as(accepted.summary()).isFalse();
            assertThat(state(app).watermark()).isAfter(watermark);
            assertThat(SandboxHarness.codesOf(sandbox.templateRows())).contains("9300000000000001");
            assertThat(metric(app, "sjs_joor_index_last_good_codes")).isEqualTo(60);
            assertThat(metric(app, "sjs_joor_index_refused")).isZero();
            assertThat(get(app, "/observe/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aListSmallerByNoMoreThanTheToleranceIsRoutedOn() throws Exception {
        try (SyncApplication app = sandbox.startApp()) {
            assertThat(app.runCycle().failed()).isFalse();
            sandbox.joor.hideFromList(10); // 80 listed as 72: exactly the default tolerance

            SyncApplication.CycleResult result = app.runCycle();

            assertThat(result.failed()).as(result.summary()).isFalse();
            assertThat(metric(app, "sjs_joor_index_last_good_codes")).isEqualTo(72);
        }
    }

    @Test
    void aNewAccountMayListNobodyButOnceCustomersWereDeliveredToJoorAnEmptyListIsRefused() throws Exception {
        try (SyncApplication app = sandbox.startApp()) {
            sandbox.joor.hideFromList(100);
            SyncApplication.CycleResult first = app.runCycle();
            assertThat(first.failed()).as("nobody was delivered to JOOR yet: " + first.summary()).isFalse();
            assertThat(receivedCodes()).isEmpty();

            sandbox.joor.hideFromList(0); // Data Services created them all
            SyncApplication.CycleResult second = app.runCycle();
            assertThat(second.failed()).as(second.summary()).isFalse();
            assertThat(second.summary()).contains(" now_known_to_joor=" + sandbox.knownEligible().size() + " ");
            Instant watermark = state(app).watermark();
            int templateFiles = sandbox.templateFiles().size();
            changeAKnownAndAddANewCustomer();
            sandbox.joor.hideFromList(100);
            sandbox.joor.resetStats();
            sandbox.shopify.resetStats();

            SyncApplication.CycleResult refused = app.runCycle();

            assertNothingSentAndWatermarkKept(app, refused, watermark, templateFiles);
            assertThat(refused.summary()).contains("has no customer codes", "0 codes read",
                    "the last good index had 80", "joor.index-accept-codes=0");
        }
    }
}
