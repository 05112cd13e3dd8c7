package com.shopifyjoorsync.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.dataservices.TemplateSheets;
import com.shopifyjoorsync.sandbox.DemoData;
import com.shopifyjoorsync.sandbox.JoorSandbox;
import com.shopifyjoorsync.sandbox.SandboxSettings;
import com.shopifyjoorsync.sandbox.ShopifySandbox;

import org.apache.commons.csv.CSVRecord;

/**
 * The two sandbox servers seeded with the demo store, and the settings that point the real
 * camel-main configuration (./application.properties, ./routes/) at them, with every output folder
 * in a temporary directory of the test.
 */
final class SandboxHarness implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final DemoData demo;
    final ShopifySandbox shopify;
    final JoorSandbox joor;
    final Path dir;
    final Map<String, String> settings = new LinkedHashMap<>();

    SandboxHarness(Path dir) {
        this(dir, DemoData.demo());
    }

    SandboxHarness(Path dir, DemoData demo) {
        this.dir = dir;
        this.demo = demo;
        this.shopify = ShopifySandbox.start(demo);
        this.joor = JoorSandbox.start();
        joor.setListPageCap(JoorSandbox.JOOR_LIST_PAGE); // fewer than the sync asks for, as JOOR may serve
        joor.seedKnownCodes(demo.knownCodes());
        settings.putAll(SandboxSettings.pointingAt(shopify, joor));
        settings.put("joor.price-label", "Wholesale USD");
        settings.putAll(SandboxSettings.runningIn(dir));
        settings.put("sync.redelivery.delay", "20ms");
        settings.put("joor.job-poll-interval", "50ms");
        settings.put("camel.management.port", "0"); // a free port: tests never collide with a running sync
    }

    /** Eligible demo customers JOOR already knows: they go to the API. */
    Set<String> knownEligible() {
        Set<String> known = new HashSet<>(demo.knownCodes());
        known.retainAll(demo.eligibleIds().stream().map(String::valueOf).toList());
        return known;
    }

    /** Eligible demo customers JOOR does not know yet (less the one without an address): they go to Data Services. */
    Set<String> newEligible() {
        Set<String> fresh = new HashSet<>(demo.eligibleIds().stream().map(String::valueOf).toList());
        fresh.removeAll(demo.knownCodes());
        fresh.remove(Long.toString(com.shopifyjoorsync.sandbox.DemoData.NO_ADDRESS_ID));
        return fresh;
    }

    /**
     * Settings for the packaged jar in a child JVM (ChildJar) against these sandboxes: the shop, both
     * APIs, JOOR batches of {@code batch}, JOOR's jobs read back at once; data under the child's folder.
     */
    Map<String, String> childSettings(String shop, int batch) {
        Map<String, String> child = new LinkedHashMap<>();
        child.put("shopify.shop", shop);
        child.put("shopify.base-url", shopify.baseUrl());
        child.put("shopify.access-token", shopify.accessToken());
        child.put("shopify.page-size", "40");
        child.put("joor.api-url", joor.apiUrl());
        child.put("joor.api-token", joor.token());
        child.put("joor.price-label", "Wholesale USD");
        child.put("joor.batch-size", Integer.toString(batch));
        child.put("joor.job-poll-interval", "50ms");
        return child;
    }

    SyncApplication startApp() throws Exception {
        return SyncApplication.start(settings);
    }

    /** Runs one cycle on a freshly started application and stops it. */
    SyncApplication.CycleResult runOnce() throws Exception {
        try (SyncApplication app = startApp()) {
            return app.runCycle();
        }
    }

    List<Path> templateFiles() throws IOException {
        return list(dir.resolve("data-services"));
    }

    /** Every row of every template file written, header excluded. */
    List<CSVRecord> templateRows() throws IOException {
        List<CSVRecord> rows = new ArrayList<>();
        for (Path file : templateFiles()) {
            rows.addAll(parse(file).subList(1, parse(file).size()));
        }
        return rows;
    }

    /**
     * Webhooks on, signed with these secrets, processed every 200 ms, the receiver and the management
     * server on free ports; returns the receiver's port.
     */
    int webhooksOn(String secrets) throws IOException {
        int port = freePort();
        settings.put("webhooks.enabled", "true");
        settings.put("webhooks.secrets", secrets);
        settings.put("webhooks.linger", "200ms");
        settings.put("camel.server.port", Integer.toString(port));
        settings.put("camel.management.port", Integer.toString(freePort()));
        return port;
    }

    /** Starts the application and runs a first cycle (it must complete); JOOR's counters then start afresh. */
    SyncApplication startAfterFirstCycle() throws Exception {
        SyncApplication app = startApp();
        SyncApplication.CycleResult first = app.runCycle();
        if (first.failed()) {
            app.close();
            throw new AssertionError("the first cycle failed: " + first.summary(), first.error());
        }
        joor.resetStats();
        return app;
    }

    /** Waits (Awaitility) up to 15 s for something asynchronous, named for the failure message. */
    static org.awaitility.core.ConditionFactory soon(String what) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(20)).alias(what);
    }

    /** A port free now, for a server the test starts (the webhook receiver, a management server). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What JOOR received for this customer, in order. */
    List<com.fasterxml.jackson.databind.node.ObjectNode> receivedFor(long id) {
        return joor.receivedConnections().stream()
                .filter(c -> c.path("customer_code").asText().equals(Long.toString(id))).toList();
    }

    /** The app's webhook inbox (the state store's deliveries). */
    static com.shopifyjoorsync.state.WebhookInbox webhookInbox(SyncApplication app) {
        return app.context().getRegistry().lookupByNameAndType("sjsWebhookInbox", com.shopifyjoorsync.state.WebhookInbox.class);
    }

    /** The port the app's management server (health, metrics) listens on. */
    static int managementPort(SyncApplication app) {
        return app.context().hasService(org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer.class)
                .getPort();
    }

    static List<String> codesOf(List<CSVRecord> rows) {
        return rows.stream().map(r -> r.get(0)).toList();
    }

    /** A template file's records, header first, as the CSV holds them (a workbook read with POI, text cells only). */
    static List<CSVRecord> parse(Path file) throws IOException {
        return TemplateSheets.records(file);
    }

    List<JsonNode> deadLetters() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (Path file : list(dir.resolve("dead-letter"))) {
            records.add(JSON.readTree(file.toFile()));
        }
        return records;
    }

    static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Override
    public void close() {
        shopify.close();
        joor.close();
    }
}
