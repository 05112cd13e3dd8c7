package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.sandbox.ShopifySandbox;
import com.shopifyjoorsync.state.WebhookInbox;
import com.shopifyjoorsync.webhooks.ShopifyWebhooks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shopify's webhooks through the real configuration: signed deliveries built from Shopify's example
 * payloads (../shared/shopify/webhooks/) posted to the receiver over HTTP, what JOOR received, what
 * the state store holds, and what is refused with nothing stored or sent.
 */
class WebhooksTest {
    /** Shopify's example payloads (API 2026-07), copied from ../shared/shopify/webhooks/. */
    private static final Path EXAMPLES = Path.of("src/test/resources/shopify/webhooks");
    private static final String SECRET = "current-client-secret";
    private static final String OLD_SECRET = "rotated-out-client-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;
    private SandboxHarness sandbox;
    private SyncApplication app;
    private int port;

    @BeforeEach
    void start() throws Exception {
        sandbox = new SandboxHarness(dir);
        port = sandbox.webhooksOn(SECRET + "," + OLD_SECRET);
        sandbox.settings.put("webhooks.max-body-size", "4096");
        app = sandbox.startAfterFirstCycle();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        sandbox.close();
    }

    @Test
    void aChangedKnownCustomerReachesJoorWithinSecondsAndADeliverySentAgainIsTakenOnce() throws Exception {
        long id = Long.parseLong(sandbox.knownEligible().iterator().next());
        sandbox.shopify.update(id, c -> c.setFirstName("Webhooked"));
        String body = payload("customers-update.json", "admin_graphql_api_id", id);
        String webhookId = UUID.randomUUID().toString();

        assertThat(post("customers/update", body, SECRET, webhookId, ShopifySandbox.SHOP_DOMAIN).statusCode()).isEqualTo(200);
        SandboxHarness.soon("JOOR got the change")
                .until(() -> sandbox.receivedFor(id).stream().anyMatch(c -> c.toString().contains("Webhooked")));
        // Shopify delivers at least once: the same delivery again is answered 200 and taken once
        assertThat(post("customers/update", body, SECRET, webhookId, ShopifySandbox.SHOP_DOMAIN).statusCode()).isEqualTo(200);
        SandboxHarness.soon("nothing waits")
                .until(() -> SandboxHarness.webhookInbox(app).waiting() == 0);
        Thread.sleep(600);

        assertThat(sandbox.receivedFor(id)).hasSize(1);
        assertThat(app.cycle().lastSummary()).startsWith("WEBHOOK SUMMARY ").contains(" deliveries=1 ", " joor_updated=1 ");
        // the polling cycle finds the change delivered: nothing twice
        SyncApplication.CycleResult cycle = app.runCycle();
        assertThat(cycle.summary()).contains(" joor_updated=0 ");
        assertThat(sandbox.receivedFor(id)).hasSize(1);
    }

    @Test
    void deliveriesThatAreNotShopifysOrNotOursAreRefusedAndChangeNothing() throws Exception {
        long id = Long.parseLong(sandbox.knownEligible().iterator().next());
        sandbox.shopify.update(id, c -> c.setFirstName("Forged"));
        String body = payload("customers-update.json", "admin_graphql_api_id", id);

        assertThat(post("customers/update", body, null, "w1", ShopifySandbox.SHOP_DOMAIN).statusCode()).isEqualTo(401);
        assertThat(post("customers/update", body, "not-the-secret", "w2", ShopifySandbox.SHOP_DOMAIN).statusCode())
                .isEqualTo(401);
        assertThat(post("customers/update", body, SECRET, "w3", "another-shop.myshopify.com").statusCode()).isEqualTo(400);
        assertThat(post("orders/create", body, SECRET, "w4", ShopifySandbox.SHOP_DOMAIN).statusCode()).isEqualTo(400);
        assertThat(post("customers/update", "{not json", SECRET, "w5", ShopifySandbox.SHOP_DOMAIN).statusCode())
                .isEqualTo(400);
        String big = body.replace("\"note\"", "\"padding\":\"" + "x".repeat(5000) + "\",\"note\"");
        assertThat(post("customers/update", big, SECRET, "w6", ShopifySandbox.SHOP_DOMAIN).statusCode()).isEqualTo(413);
        // the numeric id is rounded (JavaScript numbers): without the GID nothing names the customer
        ObjectNode noGid = (ObjectNode) SandboxHarness.JSON.readTree(body);
        noGid.remove("admin_graphql_api_id");
        assertThat(post("customers/update", noGid.toString(), SECRET, "w7", ShopifySandbox.SHOP_DOMAIN).statusCode())
                .isEqualTo(400);

        Thread.sleep(800);
        assertThat(SandboxHarness.webhookInbox(app).waiting()).isZero();
        assertThat(SandboxHarness.webhookInbox(app).pending(10)).isEmpty();
        assertThat(sandbox.joor.receivedConnections()).isEmpty();
    }

    @Test
    void theOldSecretStillSignsDuringARotationAndATagRemovalStopsTheExport() throws Exception {
        long id = Long.parseLong(sandbox.knownEligible().iterator().next());
        sandbox.shopify.update(id, c -> c.setTags(List.of("RETAIL")));
        String body = payload("customer.tags_removed.json", "customerId", id);

        assertThat(post("customer.tags_removed", body, OLD_SECRET, "t1", ShopifySandbox.SHOP_DOMAIN).statusCode())
                .isEqualTo(200);
        SandboxHarness.soon("the run ended")
                .until(() -> app.cycle().lastSummary().startsWith("WEBHOOK SUMMARY"));

        assertThat(app.cycle().lastSummary()).contains(" deliveries=1 ", " not_eligible=1 ", " joor_updated=0 ");
        assertThat(sandbox.joor.receivedConnections()).isEmpty();
    }

    @Test
    void aNewCustomerIsLeftForThePollingCycleWhichSendsItToDataServices() throws Exception {
        long id = 990_000_001L;
        com.shopifyjoorsync.sandbox.SandboxCustomer fresh = sandbox.shopify.customer(
                Long.parseLong(sandbox.knownEligible().iterator().next())).setLegacyResourceId(id).setUpdatedAt(null);
        sandbox.shopify.put(fresh);
        String body = payload("customers-create.json", "admin_graphql_api_id", id);

        assertThat(post("customers/create", body, SECRET, "n1", ShopifySandbox.SHOP_DOMAIN).statusCode()).isEqualTo(200);
        SandboxHarness.soon("the run ended")
                .until(() -> app.cycle().lastSummary().startsWith("WEBHOOK SUMMARY"));
        assertThat(app.cycle().lastSummary()).contains(" left_for_cycle=1 ", " joor_updated=0 ");
        assertThat(sandbox.joor.receivedConnections()).isEmpty();

        SyncApplication.CycleResult cycle = app.runCycle();
        assertThat(cycle.summary()).contains(" data_services=1 ");
        assertThat(SandboxHarness.codesOf(sandbox.templateRows())).contains(Long.toString(id));
    }

    @Test
    void deletesAndMergesAreRecordedReportedAndNothingIsSentToJoor() throws Exception {
        // two customers JOOR has connections for
        List<Long> known = sandbox.knownEligible().stream().map(Long::parseLong).sorted().toList();
        long deleted = known.get(0);
        long mergedAway = known.get(1);
        long kept = 990_000_002L;
        sandbox.shopify.remove(deleted);
        sandbox.shopify.remove(mergedAway);
        String delete = payload("customers-delete.json", "admin_graphql_api_id", deleted);
        ObjectNode merge = (ObjectNode) SandboxHarness.JSON.readTree(Files.readString(EXAMPLES.resolve("customers-merge.json")));
        merge.put("admin_graphql_api_customer_deleted_id", "gid://shopify/Customer/" + mergedAway);
        merge.put("admin_graphql_api_customer_kept_id", "gid://shopify/Customer/" + kept);
        merge.put("status", "completed");
        merge.putArray("errors");
        // the example as Shopify gives it: a merge that failed removes nobody
        String failedMerge = Files.readString(EXAMPLES.resolve("customers-merge.json"));

        CapturedLogs logs = new CapturedLogs();
        assertThat(post("customers/delete", delete, SECRET, "d1", ShopifySandbox.SHOP_DOMAIN).statusCode()).isEqualTo(200);
        assertThat(post("customers/merge", merge.toString(), SECRET, "m1", ShopifySandbox.SHOP_DOMAIN).statusCode())
                .isEqualTo(200);
        assertThat(post("customers/merge", failedMerge, SECRET, "m2", ShopifySandbox.SHOP_DOMAIN).statusCode())
                .isEqualTo(200);
        SandboxHarness.soon("processed")
                .until(() -> SandboxHarness.webhookInbox(app).waiting() == 0 && app.cycle().lastSummary().startsWith("WEBHOOK SUMMARY"));

        assertThat(SandboxHarness.webhookInbox(app).removed()).extracting(WebhookInbox.Removed::customerId, WebhookInbox.Removed::removal,
                WebhookInbox.Removed::mergedInto).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Long.toString(deleted), "deleted", null),
                        org.assertj.core.groups.Tuple.tuple(Long.toString(mergedAway), "merged", Long.toString(kept)));
        // the deliveries may have arrived over more than one run: their summaries add up
        List<String> runs = logs.messages().stream().filter(m -> m.startsWith("WEBHOOK SUMMARY")).toList();
        logs.close();
        assertThat(runs.stream().mapToLong(m -> key(m, "deliveries")).sum()).isEqualTo(3);
        assertThat(runs.stream().mapToLong(m -> key(m, "removed")).sum()).isEqualTo(2);
        assertThat(sandbox.joor.receivedConnections()).isEmpty();

        // the link report names the connections JOOR still holds for them, and what to do
        app.close();
        app = null;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        sandbox.settings.put("link-report.dir", dir.resolve("reports").toString());
        assertThat(Launcher.run(new String[] {"--link-report"}, sandbox.settings,
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err)).as(out.toString()).isZero();
        Path report = SandboxHarness.list(dir.resolve("reports")).get(0);
        String csv = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(csv.lines().filter(l -> l.startsWith("Removed in Shopify,deleted," + deleted + ",")))
                .singleElement().asString().contains("the sync never deletes connections");
        assertThat(csv.lines().filter(l -> l.startsWith("Removed in Shopify,merged," + mergedAway + ",")))
                .singleElement().asString().contains("into " + kept, "Type " + kept + " in this connection's Customer Code");
    }

    @Test
    void withRemovedCustomersDeadLetteredEachConnectionJoorStillHoldsIsADeadLetterDoneOnReplayOnceJoorLetsItGo()
            throws Exception {
        app.close();
        sandbox.settings.put("webhooks.removed-customers", "dead-letter");
        app = sandbox.startAfterFirstCycle();
        List<Long> known = sandbox.knownEligible().stream().map(Long::parseLong).sorted().toList();
        long deleted = known.get(0);
        long neverInJoor = 990_000_003L;
        sandbox.shopify.remove(deleted);
        assertThat(post("customers/delete", payload("customers-delete.json", "admin_graphql_api_id", deleted), SECRET, "d1",
                ShopifySandbox.SHOP_DOMAIN).statusCode()).isEqualTo(200);
        assertThat(post("customers/delete", payload("customers-delete.json", "admin_graphql_api_id", neverInJoor), SECRET,
                "d2", ShopifySandbox.SHOP_DOMAIN).statusCode()).isEqualTo(200);
        SandboxHarness.soon("processed")
                .until(() -> SandboxHarness.webhookInbox(app).waiting() == 0 && SandboxHarness.webhookInbox(app).removedCount() == 2);
        SandboxHarness.soon("dead-lettered").until(() -> !removals().isEmpty());

        // (the demo store's malformed customer is dead-lettered too, by the first cycle)
        // one dead letter, for the customer JOOR still holds, saying what to do there
        assertThat(removals()).singleElement().satisfies(record -> {
            assertThat(record.path("customerId").asText()).isEqualTo(Long.toString(deleted));
            assertThat(record.path("destination").asText()).isEqualTo("removed");
            assertThat(record.path("customer").path("removal").asText()).isEqualTo("deleted");
            assertThat(record.path("error").asText()).contains("Shopify deleted customer " + deleted,
                    "keep or deactivate it in JOOR", "Replay this record once done in JOOR");
        });
        assertThat(sandbox.joor.receivedConnections()).isEmpty();

        // replayed while JOOR still holds it: it stays, tried twice
        assertThat(app.replayDeadLetters().failed()).isFalse();
        assertThat(removals()).singleElement()
                .satisfies(record -> assertThat(record.path("attempts").asInt()).isEqualTo(2));
        // a person deactivates it in JOOR: replayed, it is done
        sandbox.joor.removeConnection(Long.toString(deleted));
        assertThat(app.replayDeadLetters().failed()).isFalse();
        assertThat(removals()).isEmpty();
        assertThat(SandboxHarness.list(dir.resolve("dead-letter").resolve("replayed"))).hasSize(1);
        assertThat(sandbox.joor.receivedConnections()).isEmpty();
    }

    /** The dead letters of customers Shopify removed. */
    private List<com.fasterxml.jackson.databind.JsonNode> removals() throws IOException {
        return sandbox.deadLetters().stream().filter(r -> r.path("destination").asText().equals("removed")).toList();
    }

    @Test
    void aBurstOfAThousandDeliveriesIsAnsweredInTimeAndSentToJoorInBatches() throws Exception {
        List<Long> changed = sandbox.knownEligible().stream().map(Long::parseLong).sorted().toList();
        for (long id : changed) {
            sandbox.shopify.update(id, c -> c.setLastName("Burst-" + id));
        }
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
        List<Duration> took = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        // as Shopify sends a burst: many connections at once (50 in flight), not one request after another
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(50);
        List<byte[]> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            bodies.add(payload("customers-update.json", "admin_graphql_api_id", changed.get(i % changed.size()))
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 1000; i++) {
            HttpRequest request = request("customers/update", bodies.get(i), SECRET, "burst-" + i, ShopifySandbox.SHOP_DOMAIN)
                    .build();
            inFlight.acquire();
            long sent = System.nanoTime();
            answers.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                took.add(Duration.ofNanos(System.nanoTime() - sent));
                inFlight.release();
            }));
        }
        for (java.util.concurrent.CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        List<Duration> sorted = took.stream().sorted().toList();
        assertThat(sorted).hasSize(1000);
        assertThat(sorted.get(999)).as("the slowest answer (median %s, p99 %s)", sorted.get(500), sorted.get(989))
                .isLessThan(Duration.ofSeconds(5));
        SandboxHarness.soon("every changed customer in JOOR")
                .until(() -> SandboxHarness.webhookInbox(app).waiting() == 0
                        && changed.stream().allMatch(id -> !sandbox.receivedFor(id).isEmpty()));

        for (long id : changed) {
            assertThat(sandbox.receivedFor(id)).as("customer %s", id).hasSize(1);
        }
        // a customer read once per run, its connection in batches shared by the run's searches, however
        // the deliveries trickle in: a handful of 5-credit POSTs for the burst, not one per delivery
        // nor one per customer
        assertThat(sandbox.joor.bulkPosts()).isLessThanOrEqualTo(10);
    }

    @Test
    void deliveriesWaitingTogetherFillJoorBatchesAcrossSearches() throws Exception {
        List<Long> changed = sandbox.knownEligible().stream().map(Long::parseLong).sorted().toList();
        assertThat(changed).as("more customers than one search reads").hasSizeGreaterThan(50);
        // the deliveries all wait when a run starts (the run's timer held while they arrive)
        app.context().getRouteController().suspendRoute("sjs-webhook-schedule");
        for (long id : changed) {
            sandbox.shopify.update(id, c -> c.setLastName("Together-" + id));
            String body = payload("customers-update.json", "admin_graphql_api_id", id);
            assertThat(post("customers/update", body, SECRET, UUID.randomUUID().toString(), ShopifySandbox.SHOP_DOMAIN)
                    .statusCode()).isEqualTo(200);
        }
        app.context().getRouteController().resumeRoute("sjs-webhook-schedule");
        SandboxHarness.soon("every changed customer in JOOR")
                .until(() -> app.cycle().lastSummary().startsWith("WEBHOOK SUMMARY")
                        && changed.stream().allMatch(id -> !sandbox.receivedFor(id).isEmpty()));

        // one run, several searches of 50 ids, one JOOR batch per joor.batch-size (200), not one per search
        int batchSize = Integer.parseInt(app.context().resolvePropertyPlaceholders("{{joor.batch-size}}"));
        assertThat(sandbox.joor.bulkPosts()).isEqualTo((changed.size() + batchSize - 1) / batchSize);
        assertThat(app.cycle().lastSummary()).startsWith("WEBHOOK SUMMARY ")
                .contains(" deliveries=" + changed.size() + " ", " joor_updated=" + changed.size() + " ");
    }

    @Test
    void webhooksWithoutASecretStopTheStartNamingTheSetting() throws Exception {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>(sandbox.settings);
        settings.put("webhooks.secrets", "");
        settings.put("shopify.client-secret", "");
        settings.put("webhooks.path", "shopify/webhooks");
        settings.put("camel.server.port", Integer.toString(SandboxHarness.freePort()));
        settings.put("sync.state.jdbc-url", "jdbc:h2:file:" + dir.resolve("other-state/sync"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SyncApplication.start(settings).close())
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).anyMatch(p -> p.startsWith("webhooks.secrets"))
                        .anyMatch(p -> p.startsWith("webhooks.path=shopify/webhooks")));
    }

    // ------------------------------------------------------------------

    private static long key(String summary, String key) {
        return PackagedJarIT.count(summary, key);
    }

    /** One of Shopify's example payloads about this customer (its GID in {@code field}). */
    private static String payload(String example, String field, long id) throws IOException {
        ObjectNode node = (ObjectNode) SandboxHarness.JSON.readTree(Files.readString(EXAMPLES.resolve(example)));
        node.put(field, "gid://shopify/Customer/" + id);
        return node.toString();
    }

    private HttpResponse<String> post(String topic, String body, String secret, String webhookId, String shopDomain)
            throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request(topic, body.getBytes(StandardCharsets.UTF_8), secret, webhookId,
                shopDomain).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered within Shopify's deadline")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(response.headers().map().keySet()).as("nothing of the request echoed")
                .noneMatch(h -> h.toLowerCase().startsWith("x-shopify"));
        return response;
    }

    private HttpRequest.Builder request(String topic, byte[] bytes, String secret, String webhookId, String shopDomain) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/shopify/webhooks"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", shopDomain)
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Triggered-At", "2026-12-05T10:00:00.000Z")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (secret != null) {
            request.header("X-Shopify-Hmac-SHA256", ShopifyWebhooks.sign(secret, bytes));
        }
        return request;
    }
}
