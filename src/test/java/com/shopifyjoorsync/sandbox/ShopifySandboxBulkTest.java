package com.shopifyjoorsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk query operations (https://shopify.dev/docs/api/usage/bulk-operations/queries), driven over
 * real HTTP as the product drives them: run, poll, download the JSONL without a token.
 */
class ShopifySandboxBulkTest {

    private static final String SEARCH = "(tag:JOOR_ENABLED OR tag:JOOR OR tag:WHOLESALE)";
    private static final String FIELDS = "id legacyResourceId firstName lastName displayName"
            + " defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } note tags state taxExempt"
            + " createdAt updatedAt defaultAddress { firstName lastName company address1 address2 city province"
            + " provinceCode countryCodeV2 country zip phone }";
    private static final String RUN = """
            mutation($query: String!) {
              bulkOperationRunQuery(query: $query, groupObjects: false) {
                bulkOperation { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl
                                query type createdAt completedAt }
                userErrors { code field message }
              }
            }""";
    private static final String POLL = """
            query($id: ID!) {
              bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl
                                       createdAt completedAt }
            }""";
    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    private ShopifySandbox sandbox;
    private ShopifySandboxHttp http;

    private void start(DemoData data) {
        sandbox = ShopifySandbox.start(data);
        http = new ShopifySandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** The sync's inner query, as the product will send it. */
    private static String inner(String search) {
        return "{ customers(query: \"" + search.replace("\"", "\\\"") + "\", sortKey: UPDATED_AT) { edges { node { "
                + FIELDS + " } } } }";
    }

    private JsonNode run(String innerQuery) {
        ShopifySandboxHttp.Reply r = http.query(RUN, Map.of("query", innerQuery));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("errors")).as(r.raw().body()).isFalse();
        return r.data().path("bulkOperationRunQuery");
    }

    private JsonNode poll(String id) {
        ShopifySandboxHttp.Reply r = http.query(POLL, Map.of("id", id));
        assertThat(r.json().has("errors")).as(r.raw().body()).isFalse();
        return r.data().path("bulkOperation");
    }

    /** Polls until the operation has ended; returns every answer seen, the last one ended. */
    private List<JsonNode> pollToEnd(String id) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode op = poll(id);
            seen.add(op);
            String status = op.path("status").asText();
            if (!status.equals("CREATED") && !status.equals("RUNNING")) {
                return seen;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("bulk operation " + id + " did not end: " + seen.get(seen.size() - 1));
    }

    private static HttpResponse<String> download(String url) throws IOException, InterruptedException {
        return PLAIN.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> lines(String body) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                out.add(ShopifySandboxHttp.JSON.readTree(line));
            }
        }
        return out;
    }

    /** The same search paged the ordinary way, the nodes as served. */
    private List<JsonNode> paged(String search) {
        String page = "query($after: String) { customers(first: 200, after: $after, query: \""
                + search.replace("\"", "\\\"") + "\", sortKey: UPDATED_AT) { edges { node { " + FIELDS
                + " } } pageInfo { hasNextPage endCursor } } }";
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            ShopifySandboxHttp.Reply r = http.query(page, vars);
            assertThat(r.json().has("errors")).as(r.raw().body()).isFalse();
            JsonNode conn = r.data().path("customers");
            conn.path("edges").forEach(e -> all.add(e.path("node")));
            if (!conn.path("pageInfo").path("hasNextPage").asBoolean()) {
                return all;
            }
            after = conn.path("pageInfo").path("endCursor").asText();
        }
    }

    @Test
    void bulkQueryReturnsWhatTheSameSearchReturnsWhenPaged() throws Exception {
        start(DemoData.generated(11, 5000, 0.3, 0.5));
        sandbox.setUnlimited(true); // the paging below, not the bulk operation, would need the points

        JsonNode created = run(inner(SEARCH));
        assertThat(created.path("userErrors").size()).isZero();
        JsonNode op = created.path("bulkOperation");
        assertThat(op.path("id").asText()).matches("gid://shopify/BulkOperation/\\d+");
        assertThat(op.path("status").asText()).isEqualTo("CREATED");
        assertThat(op.path("objectCount").isTextual()).isTrue();
        assertThat(op.path("objectCount").asText()).isEqualTo("0");
        assertThat(op.path("type").asText()).isEqualTo("QUERY");
        assertThat(op.path("query").asText()).isEqualTo(inner(SEARCH));
        assertThat(op.path("url").isNull()).isTrue();

        JsonNode done = last(pollToEnd(op.path("id").asText()));
        List<JsonNode> expected = paged(SEARCH);
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("errorCode").isNull()).isTrue();
        assertThat(done.path("objectCount").asText()).isEqualTo(Integer.toString(expected.size()));
        assertThat(done.path("rootObjectCount").asText()).isEqualTo(Integer.toString(expected.size()));
        assertThat(done.path("completedAt").asText()).isNotEmpty();
        String url = done.path("url").asText();
        assertThat(url).startsWith(sandbox.baseUrl() + "/bulk-results/").endsWith(".jsonl");

        HttpResponse<String> file = download(url);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/jsonl");
        assertThat(done.path("fileSize").asText())
                .isEqualTo(Integer.toString(file.body().getBytes(StandardCharsets.UTF_8).length));
        // one line per node, no edges/node wrapper, exactly the fields asked, in the connection's order
        assertThat(lines(file.body())).containsExactlyElementsOf(expected);
        assertThat(sandbox.bulkOperationsStarted()).isEqualTo(1);
        assertThat(sandbox.bulkResultDownloads()).isEqualTo(1);
        assertThat(sandbox.bulkResultRequestsWithCredentials()).isZero();
    }

    @Test
    void statusesMoveFromCreatedThroughRunningToCompleted() throws Exception {
        start(DemoData.demo());
        sandbox.setBulkDuration(Duration.ofMillis(1500));

        JsonNode op = run(inner(SEARCH)).path("bulkOperation");
        List<JsonNode> seen = pollToEnd(op.path("id").asText());

        List<String> statuses = seen.stream().map(n -> n.path("status").asText()).distinct().toList();
        assertThat(statuses).containsExactly("CREATED", "RUNNING", "COMPLETED");
        List<Long> counts = seen.stream().map(n -> Long.parseLong(n.path("objectCount").asText())).toList();
        assertThat(counts).isSorted();
        assertThat(counts.stream().distinct().count()).as("objectCount grows: " + counts).isGreaterThan(3);
        for (JsonNode n : seen.subList(0, seen.size() - 1)) {
            assertThat(n.path("url").isNull()).isTrue();
            assertThat(n.path("completedAt").isNull()).isTrue();
        }
        assertThat(last(seen).path("url").asText()).isNotEmpty();
    }

    @Test
    void resultUrlNeedsNoTokenAndAnswers403OnceExpired() throws Exception {
        start(DemoData.demo());
        String id = run(inner(SEARCH)).path("bulkOperation").path("id").asText();
        String url = last(pollToEnd(id)).path("url").asText();

        assertThat(download(url).statusCode()).isEqualTo(200);
        sandbox.expireBulkResults();

        HttpResponse<String> expired = download(url);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("AccessDenied");
        JsonNode after = poll(id);
        assertThat(after.path("status").asText()).isEqualTo("EXPIRED");
        assertThat(after.path("url").isNull()).isTrue();
        assertThat(download(sandbox.baseUrl() + "/bulk-results/00000000000000000000000000000000.jsonl").statusCode())
                .isEqualTo(403);
        assertThat(sandbox.bulkResultDownloads()).isEqualTo(1);

        // an operation ended after the expiry gets a working link
        String later = last(pollToEnd(run(inner(SEARCH)).path("bulkOperation").path("id").asText())).path("url").asText();
        assertThat(download(later).statusCode()).isEqualTo(200);
    }

    @Test
    void aSixthOperationAtATimeIsRefusedLimitReached() throws Exception {
        start(DemoData.demo());
        sandbox.setBulkDuration(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            assertThat(run(inner(SEARCH)).path("userErrors").size()).isZero();
        }

        JsonNode sixth = run(inner(SEARCH));
        assertThat(sixth.path("bulkOperation").isNull()).isTrue();
        assertThat(sixth.path("userErrors")).hasSize(1);
        assertThat(sixth.path("userErrors").path(0).path("code").asText()).isEqualTo("LIMIT_REACHED");
        assertThat(sixth.path("userErrors").path(0).path("field").isNull()).isTrue();
        assertThat(sixth.path("userErrors").path(0).path("message").asText()).isNotEmpty();
        assertThat(sandbox.bulkOperationsStarted()).isEqualTo(5);
    }

    @Test
    void anotherAppsOperationsCountTowardTheLimit() throws Exception {
        start(DemoData.demo());
        sandbox.startForeignBulkOperations(5);
        assertThat(run(inner(SEARCH)).path("userErrors").path(0).path("code").asText()).isEqualTo("LIMIT_REACHED");

        sandbox.finishForeignBulkOperations();
        JsonNode ok = run(inner(SEARCH));
        assertThat(ok.path("userErrors").size()).isZero();
        assertThat(last(pollToEnd(ok.path("bulkOperation").path("id").asText())).path("status").asText())
                .isEqualTo("COMPLETED");
    }

    @Test
    void anInvalidInnerQueryIsInvalidOnTheQueryField() {
        start(DemoData.demo());
        for (String bad : List.of(
                "{ customers { edges { node { id nope } } } }",
                "{ customers { edges { node { id } } }",
                "{ shop { name } }",
                "mutation { customerDelete(input: {id: \"gid://shopify/Customer/1\"}) { deletedCustomerId } }")) {
            JsonNode answer = run(bad);
            assertThat(answer.path("bulkOperation").isNull()).as(bad).isTrue();
            JsonNode error = answer.path("userErrors").path(0);
            assertThat(error.path("code").asText()).as(bad).isEqualTo("INVALID");
            assertThat(error.path("field").toString()).as(bad).isEqualTo("[\"query\"]");
            assertThat(error.path("message").asText()).as(bad).isNotEmpty();
        }
        assertThat(run("{ shop { name } }").path("userErrors").path(0).path("message").asText())
                .isEqualTo("Bulk queries must contain at least one connection.");
        assertThat(run("{ customers { edges { node { id nope } } } }").path("userErrors").path(0).path("message")
                .asText()).contains("Field 'nope' doesn't exist on type 'Customer'");
        assertThat(sandbox.bulkOperationsStarted()).isZero();
    }

    @Test
    void aFailedOperationHasNoUrlButPartialData() throws Exception {
        start(DemoData.demo());
        sandbox.failNextBulkOperation("INTERNAL_SERVER_ERROR");

        JsonNode failed = last(pollToEnd(run(inner(SEARCH)).path("bulkOperation").path("id").asText()));
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("errorCode").asText()).isEqualTo("INTERNAL_SERVER_ERROR");
        assertThat(failed.path("url").isNull()).isTrue();
        List<JsonNode> partial = lines(download(failed.path("partialDataUrl").asText()).body());
        List<JsonNode> all = lines(download(completedUrl()).body());
        assertThat(partial).isNotEmpty().hasSizeLessThan(all.size());
        assertThat(all).startsWith(partial.toArray(JsonNode[]::new));
        assertThat(failed.path("objectCount").asText()).isEqualTo(Integer.toString(partial.size()));
    }

    @Test
    void aCanceledOperationHasNoUrl() throws Exception {
        start(DemoData.demo());
        sandbox.cancelNextBulkOperation();

        JsonNode canceled = last(pollToEnd(run(inner(SEARCH)).path("bulkOperation").path("id").asText()));
        assertThat(canceled.path("status").asText()).isEqualTo("CANCELED");
        assertThat(canceled.path("url").isNull()).isTrue();
        assertThat(canceled.path("partialDataUrl").isNull()).isTrue();
        assertThat(download(completedUrl()).statusCode()).as("only the next one").isEqualTo(200);
    }

    @Test
    void droppedLinesMakeTheFileShorterThanItsObjectCount() throws Exception {
        start(DemoData.demo());
        sandbox.dropBulkResultLines(3);

        JsonNode done = last(pollToEnd(run(inner(SEARCH)).path("bulkOperation").path("id").asText()));
        int lines = lines(download(done.path("url").asText()).body()).size();
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(Long.parseLong(done.path("objectCount").asText())).isEqualTo(lines + 3L);
        JsonNode next = last(pollToEnd(run(inner(SEARCH)).path("bulkOperation").path("id").asText()));
        assertThat(lines(download(next.path("url").asText()).body())).hasSize(lines + 3);
    }

    @Test
    void noMatchIsCompletedWithoutUrl() throws Exception {
        start(DemoData.demo());
        JsonNode done = last(pollToEnd(run(inner("tag:NO_SUCH_TAG")).path("bulkOperation").path("id").asText()));
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("objectCount").asText()).isEqualTo("0");
        assertThat(done.path("url").isNull()).isTrue();
        assertThat(done.path("fileSize").isNull()).isTrue();
    }

    @Test
    void theFileIsTheStoreAsItWasWhenTheOperationWasCreated() throws Exception {
        start(DemoData.demo());
        sandbox.setBulkDuration(Duration.ofMillis(800));
        JsonNode op = run(inner("")).path("bulkOperation");
        SandboxCustomer first = sandbox.customers().get(0);
        sandbox.update(first.getLegacyResourceId(), c -> c.setNote("changed after the snapshot"));
        sandbox.remove(sandbox.customers().get(1).getLegacyResourceId());

        String body = download(last(pollToEnd(op.path("id").asText())).path("url").asText()).body();
        assertThat(lines(body)).hasSize(DemoData.DEMO_SIZE);
        assertThat(body).doesNotContain("changed after the snapshot");
    }

    @Test
    void bulkQueriesCostTenPointsAndPollsOneWhateverTheyRead() throws Exception {
        start(DemoData.generated(3, 5000, 1.0, 0.5));
        ShopifySandboxHttp.Reply r = http.query(RUN, Map.of("query", inner(SEARCH)));
        assertThat(r.cost().path("requestedQueryCost").asInt()).isEqualTo(10);
        assertThat(r.cost().path("actualQueryCost").asInt()).isEqualTo(10);
        String id = r.data().path("bulkOperationRunQuery").path("bulkOperation").path("id").asText();

        List<JsonNode> polls = pollToEnd(id);
        assertThat(last(polls).path("objectCount").asText()).isEqualTo("5000");
        assertThat(sandbox.pointsUsed()).isEqualTo(10L + polls.size());
        assertThat(http.query(POLL, Map.of("id", id)).cost().path("actualQueryCost").asInt()).isEqualTo(1);
    }

    @Test
    void withoutReadCustomersTheOperationFailsAccessDenied() throws Exception {
        start(DemoData.demo());
        sandbox.dropAccessScope(ShopifySandbox.READ_CUSTOMERS);
        JsonNode failed = last(pollToEnd(run(inner(SEARCH)).path("bulkOperation").path("id").asText()));
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("errorCode").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(failed.path("partialDataUrl").isNull()).isTrue();
    }

    @Test
    void aHundredThousandCustomersAreStreamed() throws Exception {
        start(DemoData.generated(7, 100_000, 0.3, 0.4));
        sandbox.setBulkDuration(Duration.ZERO);
        long t0 = System.nanoTime();
        JsonNode done = last(pollToEnd(run(inner("")).path("bulkOperation").path("id").asText()));
        long writeMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(done.path("objectCount").asText()).isEqualTo("100000");

        HttpResponse<InputStream> file = PLAIN.send(HttpRequest.newBuilder(URI.create(done.path("url").asText()))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
        assertThat(lines).isEqualTo(100_000);
        assertThat(done.path("fileSize").asText()).isEqualTo(Long.toString(bytes));
        System.out.printf("bulk over 100,000 customers: file of %d MB written in %d ms%n", bytes >> 20, writeMs);
    }

    @Test
    void closeLeavesNoBulkThreads() throws Exception {
        start(DemoData.demo());
        sandbox.setBulkDuration(Duration.ofSeconds(5));
        run(inner(SEARCH));
        sandbox.close();
        sandbox = null;
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("shopify-sandbox-bulk-"))).isEmpty();
    }

    /** The URL of a fresh, completed operation over the same search. */
    private String completedUrl() throws InterruptedException {
        JsonNode done = last(pollToEnd(run(inner(SEARCH)).path("bulkOperation").path("id").asText()));
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        return done.path("url").asText();
    }

    private static JsonNode last(List<JsonNode> seen) {
        return seen.get(seen.size() - 1);
    }
}
