package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.sandbox.JoorSandbox;
import com.shopifyjoorsync.sandbox.ShopifySandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several shops in one deployment (shops=eu,us), through the launcher and the real configuration: two
 * sandbox stores, each posting to a JOOR account of its own, one shared state store. Each shop's
 * customers reach its own JOOR account with its own price label, its new customers its own template
 * file, its failures its own dead-letter folder; one shop failing leaves the other's cycle whole; a
 * wrong setting of any shop, or two shops that collide, stop the start with every problem named.
 */
class MultiShopTest {
    @TempDir
    Path dir;

    private final DemoData demo = DemoData.demo();
    private ShopifySandbox euShop;
    private ShopifySandbox usShop;
    private JoorSandbox euJoor;
    private JoorSandbox usJoor;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void twoShops() {
        euShop = ShopifySandbox.start(demo);
        euShop.setShopCurrency("EUR");
        usShop = ShopifySandbox.start(demo);
        euJoor = JoorSandbox.start();
        usJoor = JoorSandbox.start();
        euJoor.seedKnownCodes(demo.knownCodes());
        usJoor.seedKnownCodes(demo.knownCodes());
        settings.putAll(com.shopifyjoorsync.sandbox.SandboxSettings.runningIn(dir));
        settings.put("sync.redelivery.delay", "20ms");
        settings.put("joor.job-poll-interval", "50ms");
        settings.put("camel.management.port", "0");
        // nothing at the top level points at a store: each shop names its own
        settings.put("shopify.shop", "");
        settings.put("shopify.access-token", "");
        settings.put("shops", "eu,us");
        shop("eu", "brand-eu", euShop, euJoor, "Wholesale EUR");
        shop("us", "brand-us", usShop, usJoor, "Wholesale USD");
    }

    private void shop(String name, String store, ShopifySandbox shopify, JoorSandbox joor, String priceLabel) {
        String p = "shops." + name + ".";
        settings.put(p + "shopify.shop", store);
        settings.put(p + "shopify.base-url", shopify.baseUrl());
        settings.put(p + "shopify.access-token", shopify.accessToken());
        settings.put(p + "joor.api-url", joor.apiUrl());
        settings.put(p + "joor.api-token", joor.token());
        settings.put(p + "joor.price-label", priceLabel);
        settings.put(p + "data-services.endpoint-uri", "file:" + dir.resolve("data-services-" + name));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable server : List.of(euShop, usShop, euJoor, usJoor)) {
            try {
                server.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private int run(String... args) {
        return Launcher.run(args, settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Set<String> knownEligible() {
        Set<String> known = new HashSet<>(demo.knownCodes());
        known.retainAll(demo.eligibleIds().stream().map(String::valueOf).toList());
        return known;
    }

    @Test
    void eachShopReachesItsOwnJoorAccountTemplateAndDeadLetters() throws Exception {
        assertThat(run("--once")).as(out() + err()).isZero();

        List<String> summaries = out().lines().filter(l -> l.startsWith("SYNC SUMMARY")).toList();
        assertThat(summaries).hasSize(2);
        assertThat(summaries.get(0)).contains(" shop=eu ");
        assertThat(summaries.get(1)).contains(" shop=us ");
        // each JOOR account holds the known customers of its own store, at its own price label
        for (JoorSandbox joor : List.of(euJoor, usJoor)) {
            String label = joor == euJoor ? "Wholesale EUR" : "Wholesale USD";
            String currency = joor == euJoor ? "EUR" : "USD";
            List<ObjectNode> received = joor.receivedConnections();
            assertThat(received.stream().map(c -> c.path("customer_code").asText()).toList())
                    .containsExactlyInAnyOrderElementsOf(knownEligible());
            assertThat(received).allSatisfy(c -> {
                assertThat(c.path("price_label").asText()).isEqualTo(label);
                assertThat(c.path("price_currency").asText()).isEqualTo(currency);
            });
        }
        // each shop's new customers in its own template file, named for the shop
        for (String shop : List.of("eu", "us")) {
            List<Path> files = SandboxHarness.list(dir.resolve("data-services-" + shop));
            assertThat(files).hasSize(1);
            assertThat(files.get(0).getFileName().toString()).startsWith("customer-data-template-" + shop + "-");
            assertThat(SandboxHarness.parse(files.get(0))).hasSizeGreaterThan(1);
            // and its dead letters (the demo customer without an address) in a folder of its own
            List<Path> letters = SandboxHarness.list(dir.resolve("dead-letter").resolve(shop));
            assertThat(letters).isNotEmpty();
            JsonNode letter = SandboxHarness.JSON.readTree(letters.get(0).toFile());
            assertThat(letter.toString()).contains(Long.toString(DemoData.NO_ADDRESS_ID));
        }
        assertThat(SandboxHarness.list(dir.resolve("dead-letter"))).as("no shop's letters at the top level").isEmpty();
        // one state store, a watermark per store
        try (Connection c = DriverManager.getConnection(settings.get("sync.state.jdbc-url"));
                ResultSet r = c.createStatement().executeQuery("SELECT shop FROM sjs_watermark ORDER BY shop")) {
            List<String> shops = new java.util.ArrayList<>();
            while (r.next()) {
                shops.add(r.getString(1));
            }
            assertThat(shops).containsExactly("brand-eu", "brand-us");
        }

        // a second --once: nothing changed, nothing sent again, to either account
        euJoor.resetStats();
        usJoor.resetStats();
        out.reset();
        assertThat(run("--once")).as(out() + err()).isZero();
        assertThat(euJoor.bulkPosts() + usJoor.bulkPosts()).isZero();
        assertThat(out()).contains("shop=eu", "shop=us");
    }

    @Test
    void aShopThatFailsLeavesTheOtherWhole() {
        settings.put("shops.eu.shopify.access-token", "shpat_refused");

        assertThat(run("--once")).as(out() + err()).isEqualTo(Launcher.FATAL);

        assertThat(out()).contains("SYNC FAILED").contains("shop=eu");
        assertThat(out().lines().filter(l -> l.startsWith("SYNC SUMMARY")).toList())
                .singleElement().asString().contains(" shop=us ");
        assertThat(err()).contains("The cycle of shop eu failed");
        assertThat(euJoor.bulkPosts()).isZero();
        assertThat(usJoor.receivedConnections().stream().map(c -> c.path("customer_code").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(knownEligible());
    }

    @Test
    void everyShopsWrongSettingIsNamedAndNothingIsSent() {
        settings.put("shops.eu.sync.interval", "5m");
        settings.remove("shops.us.joor.price-label");
        settings.put("shops.us.joor.pricelabel", "Wholesale USD");
        settings.put("shops.us.sync.state.jdbc-url", "jdbc:h2:mem:elsewhere");
        settings.put("shops.asia.shopify.shop", "brand-asia");

        assertThat(run("--once")).as(out() + err()).isEqualTo(Launcher.CONFIGURATION);

        assertThat(err()).contains("[shop eu] sync.interval=5m")
                .contains("[shop us] joor.price-label")
                .contains("shops.us.joor.pricelabel: joor.pricelabel is not a setting (did you mean shops.us.joor.price-label?)")
                .contains("shops.us.sync.state.jdbc-url: sync.state.jdbc-url is the process's, not a shop's")
                .contains("shops.asia.shopify.shop: asia is not one of shops=eu,us");
        assertThat(euJoor.requestCount() + usJoor.requestCount()).isZero();
    }

    @Test
    void twoEntriesForOneStoreOrOnePriceLabelAreRefused() {
        settings.put("shops.us.shopify.shop", "brand-eu");
        settings.put("shops.us.joor.api-url", euJoor.apiUrl());
        settings.put("shops.us.joor.api-token", euJoor.token());
        settings.put("shops.us.joor.price-label", "Wholesale EUR");
        settings.put("shops.us.sync.dead-letter-uri", "file:" + dir.resolve("dead-letter/eu"));

        assertThat(run("--once")).as(out() + err()).isEqualTo(Launcher.CONFIGURATION);

        assertThat(err()).contains("shops.eu and shops.us are the same Shopify store (brand-eu)")
                .contains("shops.eu and shops.us post to the same JOOR account with the same price label (Wholesale EUR)")
                .contains("shops.eu and shops.us share sync.dead-letter-uri=");
        assertThat(euJoor.bulkPosts() + usJoor.bulkPosts()).isZero();
    }

    @Test
    void commandsForOneShopNameIt() {
        assertThat(run("--replay-dead-letters")).isEqualTo(Launcher.CONFIGURATION);
        assertThat(err()).contains("name the one to run for with --shop NAME");
        err.reset();
        assertThat(run("--once", "--shop", "asia")).isEqualTo(Launcher.CONFIGURATION);
        assertThat(err()).contains("--shop asia: not one of shops=eu,us");

        assertThat(run("--once", "--shop", "us")).as(out() + err()).isZero();
        assertThat(out()).contains("shop=us").doesNotContain("shop=eu");
        assertThat(euJoor.requestCount()).isZero();
        assertThat(usJoor.bulkPosts()).isPositive();
    }

    @Test
    void theRunningDeploymentServesEveryShopsHealthAndMetricsOnOneServer() throws Exception {
        settings.put("sync.schedule.enabled", "true");
        try (SyncShops deployment = SyncShops.start(settings, List.of("eu", "us"))) {
            SyncApplication first = deployment.shops().get(0).app();
            // the timers ran a first cycle of each shop
            SandboxHarness.soon("a first cycle of each shop").until(() -> !euJoor.receivedConnections().isEmpty()
                    && !usJoor.receivedConnections().isEmpty() && deployment.shops().stream()
                            .allMatch(s -> s.app().cycle().lastSummary() != null));
            MonitoringTest.Answer ready = MonitoringTest.get(first, "/observe/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(SandboxHarness.JSON.readTree(ready.body()).get("checks").findValuesAsText("name"))
                    .contains("sjs-shop-eu", "sjs-shop-us");
            String metrics = MonitoringTest.get(first, "/observe/metrics").body();
            assertThat(MonitoringTest.sample(metrics, "sjs_customers_total{outcome=\"updated\",shop=\"eu\"}"))
                    .isEqualTo(knownEligible().size());
            assertThat(MonitoringTest.sample(metrics, "sjs_customers_total{outcome=\"updated\",shop=\"us\"}"))
                    .isEqualTo(knownEligible().size());

            // JOOR refusing the us shop's token: its readiness goes DOWN on the shared server, eu's stays UP
            usJoor.failNext(1000, 401);
            deployment.shops().get(1).app().runCycle();
            MonitoringTest.Answer down = MonitoringTest.get(first, "/observe/health/ready");
            assertThat(down.status()).as(down.body()).isEqualTo(503);
            Map<String, JsonNode> checks = new LinkedHashMap<>();
            SandboxHarness.JSON.readTree(down.body()).get("checks").forEach(c -> checks.put(c.path("name").asText(), c));
            assertThat(checks.get("sjs-shop-us").path("status").asText()).isEqualTo("DOWN");
            assertThat(checks.get("sjs-shop-us").path("message").asText()).contains("sjs-credentials");
            assertThat(checks.get("sjs-shop-eu").path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void shopsOnOneJoorAccountReadItsConnectionListOnceBetweenThem() throws Exception {
        // the us store: customers of its own (Shopify ids are global), half of them known to the same account
        List<com.shopifyjoorsync.sandbox.SandboxCustomer> usCustomers = new java.util.ArrayList<>();
        Set<String> usKnown = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            long id = 816405506930370001L + i;
            com.shopifyjoorsync.sandbox.SandboxCustomer c = new com.shopifyjoorsync.sandbox.SandboxCustomer(id)
                    .setFirstName("Buyer").setLastName("No " + i).setEmail("buyer" + i + "@store.example").setTags("WHOLESALE");
            c.setDefaultAddress(CustomerSyncTest.address("Store " + i + " Ltd", i + " Main Street", "Portland", "OR", "US", "97205"));
            usCustomers.add(c);
            if (i % 2 == 0) {
                usKnown.add(Long.toString(id));
            }
        }
        usShop.close();
        usShop = ShopifySandbox.start(DemoData.of(usCustomers, usKnown, "USD"));
        euJoor.seedKnownCodes(usKnown);
        settings.put("shops.us.shopify.base-url", usShop.baseUrl());
        settings.put("shops.us.shopify.access-token", usShop.accessToken());
        settings.put("shops.us.joor.api-url", euJoor.apiUrl());
        settings.put("shops.us.joor.api-token", euJoor.token());
        // the schedule fires both shops together, as it would every interval
        settings.put("sync.schedule.enabled", "true");
        try (SyncShops deployment = SyncShops.start(settings, List.of("eu", "us"))) {
            SandboxHarness.soon("a first cycle of each shop").until(() -> deployment.shops().stream()
                    .allMatch(s -> s.app().cycle().lastSummary() != null));
            for (SyncShops.Shop shop : deployment.shops()) {
                assertThat(shop.app().cycle().lastSummary()).startsWith("SYNC SUMMARY");
            }
        }

        List<String> listReads = euJoor.requestLog().stream().filter(l -> l.startsWith("GET /v2/connection/?start_from=0")).toList();
        assertThat(listReads).as(String.join("\n", euJoor.requestLog())).hasSize(1);
        // each shop routed on the one list: its known customers through the API, at its own price label
        Map<String, String> labels = new LinkedHashMap<>();
        euJoor.receivedConnections().forEach(c -> labels.put(c.path("customer_code").asText(), c.path("price_label").asText()));
        knownEligible().forEach(code -> assertThat(labels).containsEntry(code, "Wholesale EUR"));
        usKnown.forEach(code -> assertThat(labels).containsEntry(code, "Wholesale USD"));
        assertThat(labels).hasSize(knownEligible().size() + usKnown.size());

        // the link report of one shop does not list the other store's connections as unlinked
        ObjectNode handmade = SandboxHarness.JSON.createObjectNode().put("customer_code", "HANDMADE-7")
                .put("customer_name", "Boutique by hand");
        euJoor.putConnection(handmade);
        settings.put("link-report.dir", dir.resolve("reports").toString());
        settings.put("sync.schedule.enabled", "false");
        assertThat(run("--link-report", "--shop", "eu")).as(out() + err()).isZero();
        List<Path> reports = SandboxHarness.list(dir.resolve("reports").resolve("eu"));
        assertThat(reports).hasSize(1);
        String report = java.nio.file.Files.readString(reports.get(0));
        usKnown.forEach(code -> assertThat(report).doesNotContain(code));
        // what no shop holds is listed still: a connection made by hand in JOOR
        assertThat(report).contains("HANDMADE-7");
    }

    @Test
    void aHeapTooSmallForEveryShopsFirstCycleAtOnceIsSaid() {
        // measured (bench many-shops): 5 x 10,000 fit 256 MB, 10 x 10,000 did not
        assertThat(SyncShops.warnIfTheHeapIsSmall(5, 256L << 20)).isFalse();
        assertThat(SyncShops.warnIfTheHeapIsSmall(10, 256L << 20)).isTrue();
        assertThat(SyncShops.warnIfTheHeapIsSmall(10, 512L << 20)).isFalse();
    }

    @Test
    void eachShopReceivesItsOwnWebhooksOnAPortOfItsOwn() throws Exception {
        int euPort = SandboxHarness.freePort();
        int usPort = SandboxHarness.freePort();
        for (String shop : List.of("eu", "us")) {
            settings.put("shops." + shop + ".webhooks.enabled", "true");
            settings.put("shops." + shop + ".webhooks.secrets", shop + "-app-secret");
            settings.put("shops." + shop + ".camel.server.port", Integer.toString(shop.equals("eu") ? euPort : usPort));
        }
        settings.put("webhooks.linger", "200ms");
        long id = Long.parseLong(knownEligible().iterator().next());
        try (SyncShops deployment = SyncShops.start(settings, List.of("eu", "us"))) {
            assertThat(deployment.runCycles()).noneMatch(SyncApplication.CycleResult::failed);
            euJoor.resetStats();
            usJoor.resetStats();
            euShop.update(id, c -> c.getDefaultAddress().setAddress2("Suite 77"));
            String body = new String(java.nio.file.Files.readAllBytes(Path.of("src/test/resources/shopify/webhooks/customers-update.json")),
                    StandardCharsets.UTF_8);
            ObjectNode payload = (ObjectNode) SandboxHarness.JSON.readTree(body);
            payload.put("admin_graphql_api_id", "gid://shopify/Customer/" + id);
            byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);

            // signed with eu's secret, for eu's store: eu's receiver takes it, us's refuses it
            assertThat(deliver(usPort, bytes, "eu-app-secret", "brand-eu.myshopify.com")).isEqualTo(401);
            assertThat(deliver(euPort, bytes, "eu-app-secret", "brand-eu.myshopify.com")).isEqualTo(200);

            SandboxHarness.soon("the change in eu's JOOR account").until(() -> euJoor.receivedConnections().stream()
                    .anyMatch(c -> c.path("customer_code").asText().equals(Long.toString(id))));
            assertThat(euJoor.receivedConnections()).singleElement().satisfies(c ->
                    assertThat(c.toString()).contains("Suite 77").contains("Wholesale EUR"));
            assertThat(usJoor.bulkPosts()).isZero();
        }
    }

    @Test
    void twoShopsReceivingWebhooksOnOnePortAreRefused() {
        settings.put("webhooks.enabled", "true");
        settings.put("camel.server.port", "18080");

        // --once receives nothing (its receivers stay off); the running sync is refused before any shop starts
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SyncShops.start(settings, List.of("eu", "us")).close())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(
                        "shops.eu and shops.us receive webhooks on the same camel.server.port=18080");
        assertThat(euJoor.requestCount() + usJoor.requestCount()).isZero();
    }

    private static int deliver(int port, byte[] body, String secret, String shopDomain) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/shopify/webhooks"))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "customers/update")
                .header("X-Shopify-Shop-Domain", shopDomain)
                .header("X-Shopify-Webhook-Id", java.util.UUID.randomUUID().toString())
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Hmac-SHA256", com.shopifyjoorsync.webhooks.ShopifyWebhooks.sign(secret, body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
