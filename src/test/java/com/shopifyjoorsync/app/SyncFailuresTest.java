package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** What the sync does when Shopify, JOOR or the configuration are not as they should be. */
class SyncFailuresTest extends SandboxTest {
    private Set<String> knownEligible() {
        return sandbox.knownEligible();
    }

    /** The cycle completed, and JOOR received every customer it knows, each once. */
    private void assertEveryKnownCustomerUpdatedOnce(SyncApplication.CycleResult result) {
        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(knownEligible());
    }

    private List<String> receivedCodes() {
        return sandbox.joor.receivedConnections().stream().map(c -> c.get("customer_code").asText()).toList();
    }

    @Test
    void throttledAnswersAreWaitedOutAndNothingIsLost() throws Exception {
        sandbox.shopify.throttleNext(2);
        sandbox.shopify.setThrottleHttpStatus(429);
        sandbox.shopify.setBucket(1200, 400); // smaller than two full pages: the pacer must wait

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(sandbox.shopify.throttledCount()).isGreaterThanOrEqualTo(2);
        assertThat(receivedCodes()).containsExactlyInAnyOrderElementsOf(knownEligible());
        assertThat(result.summary()).contains(" shopify_throttled=");
    }

    @Test
    void shopifyServerErrorsAreRetriedAndThePageIsReadAgain() throws Exception {
        sandbox.shopify.failNext(2, 503);

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertEveryKnownCustomerUpdatedOnce(result);
    }

    @Test
    void aPageReadAheadThatFailsIsReadAgainWhenTheCycleTakesIt() throws Exception {
        // pages of 40: the third request (shop, count, then the first page) succeeds; the read of
        // the second page, sent while the first is routed, fails twice
        sandbox.settings.put("shopify.page-size", "40");
        sandbox.shopify.failAfter(3, 2, 503);

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertEveryKnownCustomerUpdatedOnce(result);
        assertThat(sandbox.templateFiles()).hasSize(1);
        assertThat(result.summary()).contains(" fetched=201 ");
    }

    @Test
    void shopifyDownForGoodFailsTheCycleAndKeepsTheWatermark() throws Exception {
        sandbox.settings.put("sync.redelivery.max-attempts", "2");
        sandbox.shopify.failNext(1000, 502);

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).startsWith("SYNC FAILED").contains("502");
        assertThat(sandbox.joor.bulkPosts()).isZero();
        assertThat(sandbox.templateFiles()).isEmpty();
    }

    @Test
    void joorServerErrorsAreRetriedThenTheBatchIsDelivered() throws Exception {
        sandbox.joor.failNextPosts(2, 503);

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertEveryKnownCustomerUpdatedOnce(result);
        assertThat(sandbox.deadLetters()).extracting(d -> d.get("destination").asText()).doesNotContain("joor");
        assertThat(sandbox.joor.requestLog()).filteredOn(l -> l.startsWith("POST") && l.endsWith(" 503")).hasSize(2);
    }

    @Test
    void aConnectionJoorRejectsIsDeadLetteredAndItsBatchMatesAreDelivered() throws Exception {
        String rejected = knownEligible().stream().sorted().findFirst().orElseThrow();
        sandbox.joor.rejectCode(rejected);

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).isFalse();
        Set<String> others = new HashSet<>(knownEligible());
        others.remove(rejected);
        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(others);
        JsonNode letter = sandbox.deadLetters().stream().filter(d -> d.get("destination").asText().equals("joor"))
                .findFirst().orElseThrow();
        assertThat(letter.get("customerId").asText()).isEqualTo(rejected);
        assertThat(letter.get("error").asText()).contains(rejected);
        assertThat(letter.get("customer").get("legacyResourceId").asText()).isEqualTo(rejected);
        assertThat(result.summary()).contains(" dead_lettered=2 "); // this one, and the demo's customer without address
    }

    @Test
    void joorDownForGoodDeadLettersTheBatchCustomerByCustomer() throws Exception {
        sandbox.settings.put("sync.redelivery.max-attempts", "2");
        sandbox.joor.failNextPosts(1000, 500);

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).isFalse();
        List<JsonNode> joorLetters = sandbox.deadLetters().stream()
                .filter(d -> d.get("destination").asText().equals("joor")).toList();
        assertThat(joorLetters).extracting(d -> d.get("customerId").asText())
                .containsExactlyInAnyOrderElementsOf(knownEligible());
        assertThat(joorLetters).allSatisfy(d -> assertThat(d.get("attempts").asInt()).isEqualTo(3));
    }

    @Test
    void joorsCreditWindowIsNeverExceededTheSyncWaitsInstead() throws Exception {
        sandbox.joor.setCredits(30, java.time.Duration.ofSeconds(2));
        sandbox.settings.put("joor.credits-per-window", "30");
        sandbox.settings.put("joor.credit-window", "2s");
        sandbox.settings.put("joor.batch-size", "10"); // 8 POSTs of 5 credits: more than one window

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(sandbox.joor.http429Count()).isZero();
        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(knownEligible());
        assertThat(result.summary()).contains(" joor_429=0 ");
    }

    @Test
    void aJoor429IsSeenByThePacerAndReportedNotRetriedOutOfSight() throws Exception {
        sandbox.joor.failNext(1, 429); // the connection list read

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).as(result.summary()).isFalse();
        assertThat(result.summary()).contains(" joor_429=1 ", " joor_credits=" + sandbox.joor.creditsUsed() + " ");
        assertThat(receivedCodes()).containsExactlyInAnyOrderElementsOf(knownEligible());
    }

    @Test
    void aJoor429CausedByAnotherIntegrationIsWaitedOutAndNothingIsLostOrSentTwice() throws Exception {
        // JOOR's budget is the account's: the product paces itself to it, and another integration of
        // the brand spends 25 of its 30 credits just before the product's first request
        sandbox.joor.setCredits(30, java.time.Duration.ofSeconds(2));
        sandbox.settings.put("joor.credits-per-window", "30");
        sandbox.settings.put("joor.credit-window", "2s");
        sandbox.settings.put("joor.batch-size", "20"); // 4 POSTs: 20 credits, then 4 job reads
        sandbox.joor.spendCreditsElsewhere(25); // the list read (2 pages of 50) fits; the first POST (5) does not

        try (SyncApplication app = sandbox.startApp()) {
            SyncApplication.CycleResult result = app.runCycle();

            assertEveryKnownCustomerUpdatedOnce(result);
            assertThat(sandbox.deadLetters()).extracting(d -> d.get("destination").asText()).doesNotContain("joor");
            assertThat(sandbox.joor.http429Count()).isEqualTo(1);
            List<String> log = sandbox.joor.requestLog();
            int firstPost = log.indexOf(log.stream().filter(l -> l.startsWith("POST")).findFirst().orElseThrow());
            assertThat(log.get(firstPost)).as(log.toString()).endsWith(" 429");
            assertThat(log.subList(firstPost + 1, log.size())).as("re-aligned to JOOR's window: no 429 after it")
                    .noneMatch(l -> l.endsWith(" 429"));
            assertThat(result.summary()).contains(" joor_429=1 ", " dead_lettered=1 ");
            assertThat(MonitoringTest.sample(MonitoringTest.get(app, "/observe/metrics").body(),
                    "sjs_joor_rate_limited_total")).isEqualTo(1);
        }
    }

    @Test
    void missingCredentialsStopTheStartNamingTheSettingsAndNothingIsSent() {
        sandbox.settings.put("shopify.access-token", "");
        sandbox.settings.put("joor.api-token", "");

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, sandbox::startApp);

        assertThat(e.getMessage()).contains("shopify.access-token", "joor.api-token", "--sandbox");
        assertThat(sandbox.shopify.requestCount()).isZero();
        assertThat(sandbox.joor.requestCount()).isZero();
    }

    @Test
    void anIntervalShorterThanTheDefaultIsRefused() {
        sandbox.settings.put("sync.interval", "5m");

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, sandbox::startApp);

        assertThat(e.problems()).singleElement().asString().contains("sync.interval=5m");
        assertThat(sandbox.shopify.requestCount()).isZero();
    }

    @Test
    void endpointUrisCamelCannotResolveStopTheStartOneMessageEach() {
        sandbox.settings.put("data-services.endpoint-uri", "smb://ftp.example.com/customers?password=s3cret");
        sandbox.settings.put("sync.dead-letter-uri", "file:" + dir.resolve("dead") + "?fileExsit=Append");
        sandbox.settings.put("joor.batch-size", "5000");

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, sandbox::startApp);

        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).contains("data-services.endpoint-uri=smb://", "no Camel component 'smb'",
                "sync.dead-letter-uri=file:", "fileExsit", "joor.batch-size=5000 is out of range")
                .doesNotContain("s3cret");
        assertThat(sandbox.shopify.requestCount()).isZero();
        assertThat(sandbox.joor.requestCount()).isZero();
    }

    @Test
    void aDataServicesFolderThatCannotBeWrittenFailsTheCycleNamingItAndTheNextCycleSendsThemInOneFile()
            throws Exception {
        Path blocked = dir.resolve("outbox");
        Files.writeString(blocked, "a file where the folder should be");
        sandbox.settings.put("data-services.endpoint-uri", "file:" + blocked);
        sandbox.settings.put("sync.redelivery.max-attempts", "1");
        try (SyncApplication app = sandbox.startApp()) {
            SyncApplication.CycleResult failed = app.runCycle();

            assertThat(failed.failed()).isTrue();
            assertThat(failed.summary()).startsWith("SYNC FAILED").contains(" data_services=0 ",
                    "DataServicesRefusedException: data-services.endpoint-uri=file:" + blocked + " did not accept");
            assertThat(sandbox.deadLetters()).hasSize(1); // the customer without an address, as in every cycle

            Files.delete(blocked);
            SyncApplication.CycleResult next = app.runCycle();

            assertThat(next.failed()).as(next.summary()).isFalse();
            List<Path> files = SandboxHarness.list(blocked);
            assertThat(files).singleElement();
            assertThat(SandboxHarness.codesOf(SandboxHarness.parse(files.get(0)).subList(1,
                    SandboxHarness.parse(files.get(0)).size()))).doesNotHaveDuplicates()
                    .hasSize((int) PackagedJarIT.count(next.summary(), "data_services"))
                    .hasSize((int) PackagedJarIT.count(failed.summary(), "eligible")
                            - sandbox.knownEligible().size() - 1);
        }
    }

    @Test
    void aRefusedShopifyTokenFailsTheCycleWithoutSendingAnything() throws Exception {
        sandbox.settings.put("shopify.access-token", "shpat_wrong");

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).startsWith("SYNC FAILED").contains("shopify.access-token");
        assertThat(sandbox.joor.bulkPosts()).isZero();
        assertThat(sandbox.templateFiles()).isEmpty();
    }

    @Test
    void theCustomerSyncCanBeSwitchedOff() throws Exception {
        sandbox.settings.put("sync.customers.enabled", "false");

        SyncApplication.CycleResult result = sandbox.runOnce();

        assertThat(result.failed()).isFalse();
        assertThat(result.summary()).contains("switched off");
        assertThat(sandbox.shopify.requestCount()).isZero();
        assertThat(sandbox.joor.requestCount()).isZero();
    }

    @Test
    void aSecondCycleReadsOnlyWhatChangedSinceTheFirst() throws Exception {
        try (SyncApplication app = sandbox.startApp()) {
            app.runCycle();
            sandbox.joor.resetStats();
            var edited = sandbox.shopify.customer(Long.parseLong(knownEligible().iterator().next()));
            edited.setLastName("Changed-" + edited.getLastName());
            edited.setUpdatedAt(null);
            sandbox.shopify.put(edited);

            SyncApplication.CycleResult second = app.runCycle();

            assertThat(second.failed()).isFalse();
            assertThat(receivedCodes()).containsExactly(edited.code());
            assertThat(sandbox.templateFiles()).hasSize(1); // only the first cycle's
        }
    }
}
