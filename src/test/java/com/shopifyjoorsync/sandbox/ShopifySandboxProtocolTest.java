package com.shopifyjoorsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Auth, versions, failures, cost and throttling, driven over real HTTP. */
class ShopifySandboxProtocolTest {

    private static final String ALL_FIELDS = """
            query Customers($first: Int!, $after: String, $query: String) {
              customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
                nodes {
                  id legacyResourceId firstName lastName displayName note tags state taxExempt createdAt updatedAt
                  defaultEmailAddress { emailAddress }
                  defaultPhoneNumber { phoneNumber }
                  defaultAddress { firstName lastName company address1 address2 city province provinceCode
                                   countryCodeV2 country zip phone name }
                }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    private static final String IDS_ONLY = "query($first: Int!) { customers(first: $first) { nodes { id } } }";

    private ShopifySandbox sandbox;
    private ShopifySandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = ShopifySandbox.start(DemoData.demo());
        http = new ShopifySandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void refusesMissingAndWrongTokens() {
        ShopifySandboxHttp.Reply none = http.post("2026-10", null, "{ shop { name } }", Map.of());
        ShopifySandboxHttp.Reply wrong = http.post("2026-10", "shpat_wrong", "{ shop { name } }", Map.of());

        for (ShopifySandboxHttp.Reply r : new ShopifySandboxHttp.Reply[] {none, wrong}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().path("errors").asText())
                    .isEqualTo("[API] Invalid API key or access token (unrecognized login or wrong password)");
        }
        assertThat(http.query("{ shop { name currencyCode myshopifyDomain } }").data().path("shop").path("currencyCode").asText())
                .isEqualTo("USD");
    }

    @Test
    void clientCredentialsGrantIssuesAWorkingToken() {
        ShopifySandboxHttp.Reply bad = http.form("/admin/oauth/access_token",
                "grant_type=client_credentials&client_id=" + sandbox.clientId() + "&client_secret=nope");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("invalid_client");

        ShopifySandboxHttp.Reply ok = http.form("/admin/oauth/access_token",
                "grant_type=client_credentials&client_id=" + sandbox.clientId() + "&client_secret=" + sandbox.clientSecret());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("scope").asText()).isEqualTo("read_customers");
        assertThat(ok.json().path("expires_in").asLong()).isEqualTo(86399);
        String token = ok.json().path("access_token").asText();
        assertThat(token).isNotEqualTo(sandbox.accessToken());

        assertThat(http.post("2026-10", token, "{ shop { name } }", Map.of()).status()).isEqualTo(200);
        sandbox.expireIssuedTokens();
        assertThat(http.post("2026-10", token, "{ shop { name } }", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void unsupportedVersionIsServedByTheOldestAndTheHeaderSaysSo() {
        assertThat(http.post("2026-07", sandbox.accessToken(), "{ shop { name } }", Map.of()).header("X-Shopify-API-Version"))
                .isEqualTo("2026-07");
        ShopifySandboxHttp.Reply old = http.post("2024-10", sandbox.accessToken(), "{ shop { name } }", Map.of());
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.header("X-Shopify-API-Version")).isEqualTo("2026-01");

        sandbox.setApiVersionServed("2026-04");
        assertThat(http.query("{ shop { name } }").header("X-Shopify-API-Version")).isEqualTo("2026-04");
    }

    @Test
    void failNextAnswersTheStatusThenRecovers() {
        sandbox.failNext(2, 503);
        ShopifySandboxHttp.Reply a = http.query("{ shop { name } }");
        ShopifySandboxHttp.Reply b = http.query("{ shop { name } }");
        ShopifySandboxHttp.Reply c = http.query("{ shop { name } }");

        assertThat(a.status()).isEqualTo(503);
        assertThat(a.json().path("errors").asText()).isEqualTo("Service unavailable");
        assertThat(b.status()).isEqualTo(503);
        assertThat(c.status()).isEqualTo(200);
        assertThat(sandbox.requestCount()).isEqualTo(3);
    }

    @Test
    void aFieldOutsideTheSchemaIsAValidationError() {
        ShopifySandboxHttp.Reply r = http.query("{ customers(first: 1) { nodes { id bogusField } } }");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("data")).isFalse();
        JsonNode e = r.firstError();
        assertThat(e.path("message").asText()).isEqualTo("Field 'bogusField' doesn't exist on type 'Customer'");
        assertThat(e.path("extensions").path("code").asText()).isEqualTo("undefinedField");
        assertThat(e.path("locations").path(0).path("line").asInt()).isEqualTo(1);
        assertThat(sandbox.pointsUsed()).isZero();
    }

    @Test
    void theAppsAccessScopesAreServedAndWithoutReadCustomersCustomerFieldsAreDenied() {
        String scopes = "query { currentAppInstallation { accessScopes { handle } } }";
        assertThat(http.query(scopes).data().at("/currentAppInstallation/accessScopes/0/handle").asText())
                .isEqualTo("read_customers");

        sandbox.dropAccessScope("read_customers");

        assertThat(http.query(scopes).data().at("/currentAppInstallation/accessScopes").size()).isZero();
        ShopifySandboxHttp.Reply count = http.query("{ customersCount { count } }");
        assertThat(count.firstError().path("extensions").path("code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(count.firstError().path("message").asText()).contains("customersCount", "`read_customers`");
        assertThat(http.query("{ customers(first: 1) { nodes { id } } }").firstError().path("extensions")
                .path("code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(http.query("{ shop { currencyCode } }").data().at("/shop/currencyCode").asText()).isNotBlank();
    }

    @Test
    void pagingArgumentsAreEnforced() {
        assertThat(http.query("{ customers { nodes { id } } }").firstError().path("message").asText())
                .isEqualTo("you must provide one of first or last");
        assertThat(http.query("{ customers(first: 251) { nodes { id } } }").firstError().path("message").asText())
                .contains("maximum page size of 250");
        assertThat(http.query("{ customers(first: 2, after: \"garbage\") { nodes { id } } }").firstError()
                .path("message").asText()).contains("Invalid cursor");
    }

    @Test
    void idsAboveTwoToThe53ComeBackExactAsStrings() throws Exception {
        long id = DemoData.NON_ASCII_ID;
        assertThat(id).isGreaterThan(1L << 53);
        ShopifySandboxHttp.Reply r = http.query(
                "{ customer(id: \"gid://shopify/Customer/" + id + "\") { id legacyResourceId displayName "
                        + "defaultAddress { company city countryCodeV2 } } }");

        JsonNode c = r.data().path("customer");
        assertThat(c.path("legacyResourceId").isTextual()).isTrue();
        assertThat(c.path("legacyResourceId").asText()).isEqualTo(Long.toString(id));
        assertThat(c.path("id").asText()).isEqualTo("gid://shopify/Customer/" + id);
        assertThat(r.raw().body()).contains("\"legacyResourceId\":\"" + id + "\"");
        assertThat(c.path("displayName").asText()).isEqualTo("Zoë Šimůnková");
        assertThat(c.path("defaultAddress").path("company").asText()).isEqualTo("Maison Élégance Zürich");
        assertThat(http.query("{ customer(id: \"gid://shopify/Customer/1\") { id } }").data().path("customer").isNull())
                .isTrue();
    }

    @Test
    void costOfAFullPageOf250IsOverTheLimit() {
        ShopifySandboxHttp.Reply r = http.query(ALL_FIELDS, Map.of("first", 250));

        assertThat(r.status()).isEqualTo(200);
        JsonNode e = r.firstError();
        assertThat(e.path("extensions").path("code").asText()).isEqualTo("MAX_COST_EXCEEDED");
        assertThat(e.path("message").asText())
                .isEqualTo("Query cost is 1002, which exceeds the single query max cost limit (1000).");
        assertThat(e.path("extensions").path("cost").asInt()).isEqualTo(1002);
        assertThat(e.path("extensions").path("maxCost").asInt()).isEqualTo(1000);
        assertThat(r.cost().path("requestedQueryCost").asInt()).isEqualTo(1002);
        assertThat(r.cost().path("actualQueryCost").isNull()).isTrue();
        assertThat(sandbox.pointsUsed()).isZero();

        ShopifySandboxHttp.Reply ok = http.query(ALL_FIELDS, Map.of("first", 200));
        assertThat(ok.json().has("errors")).isFalse();
        assertThat(ok.cost().path("requestedQueryCost").asInt()).isEqualTo(802);
        int actual = ok.cost().path("actualQueryCost").asInt();
        assertThat(actual).isBetween(2 + 200 * 2, 802); // nodes without a phone are cheaper
        assertThat(ok.cost().path("throttleStatus").path("maximumAvailable").asDouble()).isEqualTo(2000.0);
        assertThat(ok.cost().path("throttleStatus").path("restoreRate").asDouble()).isEqualTo(100.0);
        assertThat(ok.cost().path("throttleStatus").path("currentlyAvailable").asInt()).isBetween(2000 - actual, 2000);
        assertThat(sandbox.pointsUsed()).isEqualTo(actual);
    }

    @Test
    void actualCostCountsTheNodesReturned() {
        ShopifySandboxHttp.Reply r = http.query(
                "{ customers(first: 10, query: \"id:" + DemoData.NON_ASCII_ID + "\") { nodes { id } } }");
        assertThat(r.data().path("customers").path("nodes")).hasSize(1);
        assertThat(r.cost().path("requestedQueryCost").asInt()).isEqualTo(12);
        assertThat(r.cost().path("actualQueryCost").asInt()).isEqualTo(3);
    }

    @Test
    void smallBucketThrottlesWithStatus200ThenWith429() {
        sandbox.setBucket(100, 1);
        ShopifySandboxHttp.Reply first = http.query(IDS_ONLY, Map.of("first", 50));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.cost().path("requestedQueryCost").asInt()).isEqualTo(52);

        ShopifySandboxHttp.Reply throttled = http.query(IDS_ONLY, Map.of("first", 50));
        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.firstError().path("message").asText()).isEqualTo("Throttled");
        assertThat(throttled.firstError().path("extensions").path("code").asText()).isEqualTo("THROTTLED");
        assertThat(throttled.firstError().path("extensions").path("documentation").asText())
                .isEqualTo("https://shopify.dev/api/usage/rate-limits");
        assertThat(throttled.cost().path("requestedQueryCost").asInt()).isEqualTo(52);
        assertThat(throttled.cost().path("actualQueryCost").isNull()).isTrue();
        assertThat(throttled.cost().path("throttleStatus").path("currentlyAvailable").asInt()).isLessThan(52);
        assertThat(throttled.json().has("data")).isFalse();

        sandbox.setThrottleHttpStatus(429);
        ShopifySandboxHttp.Reply again = http.query(IDS_ONLY, Map.of("first", 50));
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.firstError().path("extensions").path("code").asText()).isEqualTo("THROTTLED");
        assertThat(sandbox.throttledCount()).isEqualTo(2);
        assertThat(sandbox.pointsUsed()).isEqualTo(52);
    }

    /**
     * Shopify's "GraphQL Admin API rate limits" page: the bucket must hold the requested cost before a
     * query runs, and is refunded the difference to the actual cost once it has run.
     */
    @Test
    void theBucketIsDebitedTheRequestedCostThenRefundedDownToTheActual() {
        sandbox.setBucket(100, 0); // no restore: every change is a debit or a refund
        String oneCustomer = "query($first: Int!) { customers(first: $first, query: \"id:" + DemoData.NON_ASCII_ID
                + "\") { nodes { id } } }";

        ShopifySandboxHttp.Reply first = http.query(oneCustomer, Map.of("first", 90));
        assertThat(first.cost().path("requestedQueryCost").asInt()).isEqualTo(92);
        assertThat(first.cost().path("actualQueryCost").asInt()).isEqualTo(3);
        assertThat(first.cost().path("throttleStatus").path("currentlyAvailable").asInt()).isEqualTo(97);

        // charged 92 it would be throttled now (8 left); refunded, it runs
        ShopifySandboxHttp.Reply second = http.query(oneCustomer, Map.of("first", 90));
        assertThat(second.json().has("errors")).isFalse();
        assertThat(second.cost().path("throttleStatus").path("currentlyAvailable").asInt()).isEqualTo(94);

        // 97 requested, 94 there: refused up front, though it would cost 3
        ShopifySandboxHttp.Reply third = http.query(oneCustomer, Map.of("first", 95));
        assertThat(third.firstError().path("extensions").path("code").asText()).isEqualTo("THROTTLED");
        assertThat(third.cost().path("throttleStatus").path("currentlyAvailable").asInt()).isEqualTo(94);
        assertThat(sandbox.pointsUsed()).isEqualTo(6);
    }

    @Test
    void bucketRestoresOverTime() throws Exception {
        sandbox.setBucket(60, 200);
        assertThat(http.query(IDS_ONLY, Map.of("first", 50)).status()).isEqualTo(200);
        Thread.sleep(400); // 200 points/s: full again well within 0.4 s
        ShopifySandboxHttp.Reply r = http.query(IDS_ONLY, Map.of("first", 50));
        assertThat(r.json().has("errors")).isFalse();
    }

    @Test
    void throttleNextThrottlesWhateverTheBucketHolds() {
        sandbox.throttleNext(2);
        assertThat(http.query("{ shop { name } }").firstError().path("extensions").path("code").asText()).isEqualTo("THROTTLED");
        assertThat(http.query("{ shop { name } }").firstError().path("extensions").path("code").asText()).isEqualTo("THROTTLED");
        assertThat(http.query("{ shop { name } }").data().path("shop").path("name").asText()).isNotEmpty();
        assertThat(sandbox.throttledCount()).isEqualTo(2);
    }

    @Test
    void unlimitedNeverThrottlesButStillReportsCost() {
        sandbox.setBucket(10, 1);
        sandbox.setUnlimited(true);
        ShopifySandboxHttp.Reply r = http.query(IDS_ONLY, Map.of("first", 100));
        assertThat(r.json().has("errors")).isFalse();
        assertThat(r.cost().path("requestedQueryCost").asInt()).isEqualTo(102);
        assertThat(r.cost().path("actualQueryCost").asInt()).isEqualTo(102);
    }

    @Test
    void latencyDelaysEachAnswer() {
        sandbox.setLatency(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        http.query("{ shop { name } }");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void recordsQueriesAndSearchArguments() {
        http.query("query($q: String) { customers(first: 1, query: $q) { nodes { id } } }", Map.of("q", "tag:JOOR"));
        http.query("{ customersCount(query: \"tag:JOOR\") { count precision } }");

        assertThat(sandbox.receivedQueries()).hasSize(2);
        assertThat(sandbox.receivedQueries().get(1)).contains("customersCount");
        assertThat(sandbox.receivedSearchQueries()).containsExactly("tag:JOOR");
        sandbox.resetStats();
        assertThat(sandbox.requestCount()).isZero();
        assertThat(sandbox.receivedQueries()).isEmpty();
    }

    @Test
    void unknownSearchFieldsAreIgnoredWithAWarning() {
        ShopifySandboxHttp.Reply r = http.query("{ customersCount(query: \"frobnicate:yes\") { count } }");
        assertThat(r.data().path("customersCount").path("count").asInt()).isEqualTo(DemoData.DEMO_SIZE);
        assertThat(r.json().path("extensions").path("search").path(0).path("warnings").path(0).path("field").asText())
                .isEqualTo("frobnicate");
    }
    @Test
    void aliasesFragmentsAndNestedConnectionsAreServedAndCosted() {
        ShopifySandboxHttp.Reply r = http.query("""
                query Two {
                  a: customers(first: 2) { ...F }
                  b: customers(first: 3, reverse: true) { edges { cursor node { ... on Customer { id } } } }
                  shop { currencyCode }
                }
                fragment F on CustomerConnection {
                  nodes { id amountSpent { currencyCode } addressesV2(first: 5) { nodes { address1 } } }
                }""");

        assertThat(r.json().has("errors")).as(r.raw().body()).isFalse();
        assertThat(r.data().path("a").path("nodes")).hasSize(2);
        assertThat(r.data().path("b").path("edges")).hasSize(3);
        // a: 2 + 2 × (1 + 1 + (2 + 5 × 1)) = 20; b: 2 + 3 × 1 = 5; shop: 1
        assertThat(r.cost().path("requestedQueryCost").asInt()).isEqualTo(26);
        // each customer has at most one address: a costs 2 + 2 × (1 + 1 + (2 + 1)) = 12 at most
        assertThat(r.cost().path("actualQueryCost").asInt()).isBetween(2 + 2 * 4 + 5 + 1, 12 + 5 + 1);
    }

    @Test
    void mutationsAndUnservedFieldsSaySoClearly() {
        assertThat(http.query("mutation { customerDelete(input: {id: \"gid://shopify/Customer/1\"}) { deletedCustomerId } }")
                .firstError().path("extensions").path("code").asText()).isEqualTo("NOT_SUPPORTED_BY_SANDBOX");
        assertThat(http.query("{ customers(first: 1) { nodes { image { url } } } }")
                .firstError().path("extensions").path("code").asText()).isEqualTo("NOT_SUPPORTED_BY_SANDBOX");
    }
}
