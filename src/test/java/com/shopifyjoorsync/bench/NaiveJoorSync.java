package com.shopifyjoorsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.mapping.CustomerExport;
import com.shopifyjoorsync.mapping.CustomerMapping;
import com.shopifyjoorsync.mapping.CustomerTags;
import com.shopifyjoorsync.mapping.MappingDefaults;
import com.shopifyjoorsync.mapping.MappingFile;
import com.shopifyjoorsync.shopify.CustomerSearchQuery;
import com.shopifyjoorsync.shopify.ShopifyQueries;

/**
 * The strategy the product is measured against: read the tagged customers from Shopify, then for
 * each one ask JOOR whether it knows the code ({@code GET /connection/customer_code/{code}/}, 1
 * credit) and, when it does, post it alone ({@code POST /bulk-connection} with one connection, 5
 * credits). Careful about JOOR's budget the simple way: it counts credits in a fixed window from its
 * first request and sleeps to the window's end (plus a second) when the next request would not fit.
 */
final class NaiveJoorSync {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_SIZE = 100;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String shopifyGraphqlUrl;
    private final String shopifyToken;
    private final String joorApiUrl;
    private final String joorAuthorization;
    private final int creditsPerWindow;
    private final long windowNanos;
    private final CustomerTags tags;
    private final CustomerMapping mapper = new CustomerMapping(new MappingFile("file:routes/customer-mapping.jslt", false),
            new MappingDefaults("Wholesale USD", null, null, null, null), new CustomerTags(List.of("JOOR")), JSON);

    private long windowStart;
    private int windowUsed;

    int shopifyRequests;
    long shopifyPoints;
    int joorRequests;
    int joorCredits;
    int http429;
    int eligible;
    int updated;
    int unknown;

    NaiveJoorSync(String shopifyGraphqlUrl, String shopifyToken, String joorApiUrl, String joorToken,
            int creditsPerWindow, Duration window, List<String> exportTags) {
        this.shopifyGraphqlUrl = shopifyGraphqlUrl;
        this.shopifyToken = shopifyToken;
        this.joorApiUrl = joorApiUrl;
        this.joorAuthorization = "OAuth2 " + Base64.getEncoder().encodeToString(joorToken.getBytes(StandardCharsets.UTF_8));
        this.creditsPerWindow = creditsPerWindow;
        this.windowNanos = window.toNanos();
        this.tags = new CustomerTags(exportTags);
    }

    void run(List<String> exportTags) throws IOException, InterruptedException {
        String search = CustomerSearchQuery.build(exportTags, null);
        String cursor = null;
        do {
            ObjectNode body = JSON.createObjectNode();
            body.put("query", ShopifyQueries.CUSTOMERS_PAGE);
            ObjectNode variables = body.putObject("variables");
            variables.put("first", PAGE_SIZE);
            variables.put("after", cursor);
            variables.put("query", search);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(shopifyGraphqlUrl))
                    .header("X-Shopify-Access-Token", shopifyToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            shopifyRequests++;
            JsonNode json = JSON.readTree(answer.body());
            shopifyPoints += json.path("extensions").path("cost").path("actualQueryCost").asLong();
            JsonNode customers = json.path("data").path("customers");
            for (JsonNode customer : customers.path("nodes")) {
                if (tags.isEligible(customer)) {
                    eligible++;
                    sync(customer);
                }
            }
            cursor = customers.path("pageInfo").path("hasNextPage").asBoolean()
                    ? customers.path("pageInfo").path("endCursor").asText() : null;
        } while (cursor != null);
    }

    private void sync(JsonNode customer) throws IOException, InterruptedException {
        CustomerExport c = mapper.joorExport(customer, mapper.map(customer, "USD"), null);
        HttpResponse<String> lookup = joor(HttpRequest.newBuilder(URI.create(joorApiUrl + "/connection/customer_code/"
                + c.code() + "/")).GET(), 1);
        if (lookup.statusCode() != 200) {
            unknown++; // a Customer Data Template row in a real client; no API credit beyond the lookup
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.putObject("bulk_connections").putArray("connection").add(c.connection());
        HttpResponse<String> post = joor(HttpRequest.newBuilder(URI.create(joorApiUrl + "/bulk-connection"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(root))), 5);
        if (post.statusCode() == 200) {
            updated++;
        }
    }

    private HttpResponse<String> joor(HttpRequest.Builder request, int credits) throws IOException, InterruptedException {
        while (true) {
            pace(credits);
            HttpResponse<String> answer = http.send(request.header("Authorization", joorAuthorization)
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            joorRequests++;
            if (answer.statusCode() != 429) {
                joorCredits += credits;
                return answer;
            }
            http429++;
            long retry = Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1"));
            Thread.sleep(retry * 1000);
            windowStart = 0;
        }
    }

    /** A fixed window from the first request; sleeps to its end (plus a second) when the request would not fit. */
    private void pace(int credits) throws InterruptedException {
        long now = System.nanoTime();
        if (windowStart == 0 || now - windowStart >= windowNanos + 1_000_000_000L) {
            windowStart = now;
            windowUsed = 0;
        }
        if (windowUsed + credits > creditsPerWindow) {
            long wait = windowStart + windowNanos + 1_000_000_000L - now;
            Thread.sleep(Math.max(0, wait / 1_000_000L));
            windowStart = System.nanoTime();
            windowUsed = 0;
        }
        windowUsed += credits;
    }
}
