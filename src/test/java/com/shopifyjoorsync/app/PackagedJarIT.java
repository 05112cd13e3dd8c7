package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.shopifyjoorsync.dataservices.TemplateSheets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as users run it, in a child JVM (test scope would hide runtime components missing
 * from the jar), from a working directory holding only application.properties and routes/.
 */
class PackagedJarIT {
    @TempDir
    Path work;

    @BeforeEach
    void copyConfiguration() throws IOException {
        ChildJar.copyConfiguration(work);
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(List<String> jvmOptions, String... args) throws Exception {
        return run(Map.of(), jvmOptions, args);
    }

    private Run run(Map<String, String> environment, List<String> jvmOptions, String... args) throws Exception {
        ProcessBuilder builder = ChildJar.command(work, jvmOptions, Map.of(), args)
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("the jar finished within 180 s").isTrue();
        return new Run(process.exitValue(), Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    static long count(String summary, String key) {
        Matcher m = Pattern.compile(" " + key + "=(\\d+)").matcher(summary);
        assertThat(m.find()).as(key + " in " + summary).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void sandboxOnceSyncsTheDemoStoreAndExitsZero() throws Exception {
        Run run = run(List.of(), "--sandbox", "--once");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String summary = run.out().lines().filter(l -> l.startsWith("SYNC SUMMARY")).findFirst().orElseThrow();
        assertThat(count(summary, "joor_updated")).isPositive();
        assertThat(count(summary, "data_services")).isPositive();
        assertThat(count(summary, "dead_lettered")).isEqualTo(1);

        List<Path> templates;
        try (Stream<Path> files = Files.list(work.resolve("data/data-services"))) {
            templates = files.toList();
        }
        // the default format: the workbook, which a spreadsheet (POI here) opens with every code exact
        assertThat(templates).singleElement().satisfies(t -> {
            assertThat(t.getFileName().toString()).startsWith("customer-data-template-").endsWith(".xlsx");
            List<List<String>> rows = TemplateSheets.cells(t);
            assertThat(String.join(",", rows.get(0))).startsWith("Customer Code,Customer Name,Address 1,Address 2,City,"
                    + "State,Zip,Country,Email,Phone,Buyer Name,Price Currency,Price Label,");
            assertThat(rows).hasSize(1 + (int) count(summary, "data_services"));
            assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r.get(0)).matches("70640550693\\d{7}"));
        });
        try (Stream<Path> letters = Files.list(work.resolve("data/dead-letter"))) {
            assertThat(letters.toList()).hasSize(1);
        }
    }

    @Test
    void severalShopsRunFromTheJarWithEachShopsSecretsFromTheEnvironment() throws Exception {
        com.shopifyjoorsync.sandbox.DemoData demo = com.shopifyjoorsync.sandbox.DemoData.demo();
        try (com.shopifyjoorsync.sandbox.ShopifySandbox eu = com.shopifyjoorsync.sandbox.ShopifySandbox.start(demo);
                com.shopifyjoorsync.sandbox.ShopifySandbox us = com.shopifyjoorsync.sandbox.ShopifySandbox.start(demo);
                com.shopifyjoorsync.sandbox.JoorSandbox euJoor = com.shopifyjoorsync.sandbox.JoorSandbox.start();
                com.shopifyjoorsync.sandbox.JoorSandbox usJoor = com.shopifyjoorsync.sandbox.JoorSandbox.start()) {
            euJoor.seedKnownCodes(demo.knownCodes());
            usJoor.seedKnownCodes(demo.knownCodes());
            List<String> options = new java.util.ArrayList<>(List.of("-Dshops=eu,us", "-Dcamel.management.port=0"));
            Map<String, String> environment = new java.util.LinkedHashMap<>();
            for (String shop : List.of("eu", "us")) {
                com.shopifyjoorsync.sandbox.ShopifySandbox shopify = shop.equals("eu") ? eu : us;
                com.shopifyjoorsync.sandbox.JoorSandbox joor = shop.equals("eu") ? euJoor : usJoor;
                options.add("-Dshops." + shop + ".shopify.shop=brand-" + shop);
                options.add("-Dshops." + shop + ".shopify.base-url=" + shopify.baseUrl());
                options.add("-Dshops." + shop + ".joor.api-url=" + joor.apiUrl());
                options.add("-Dshops." + shop + ".joor.price-label=Wholesale " + (shop.equals("eu") ? "EUR" : "USD"));
                // the secrets as an operator gives them: one variable per shop and setting
                environment.put("SHOPS_" + shop.toUpperCase() + "_SHOPIFY_ACCESS_TOKEN", shopify.accessToken());
                environment.put("SHOPS_" + shop.toUpperCase() + "_JOOR_API_TOKEN", joor.token());
            }

            Run run = run(environment, options, "--once");

            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.out().lines().filter(l -> l.startsWith("SYNC SUMMARY")).toList())
                    .hasSize(2).anySatisfy(l -> assertThat(l).contains(" shop=eu "))
                    .anySatisfy(l -> assertThat(l).contains(" shop=us "));
            assertThat(euJoor.bulkPosts()).isPositive();
            assertThat(usJoor.bulkPosts()).isPositive();
            assertThat(euJoor.receivedConnections()).allSatisfy(c ->
                    assertThat(c.path("price_label").asText()).isEqualTo("Wholesale EUR"));
            for (String shop : List.of("eu", "us")) {
                try (Stream<Path> letters = Files.list(work.resolve("data/dead-letter").resolve(shop))) {
                    assertThat(letters.filter(Files::isRegularFile).count()).as("dead letters of " + shop).isPositive();
                }
            }
            for (String secret : environment.values()) {
                assertThat(run.out() + run.err()).doesNotContain(secret);
            }
        }
    }

    @Test
    void withoutCredentialsItStopsAtOnceNamingTheSettingsAndTheSandbox() throws Exception {
        Run run = run(List.of(), "--once");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("shopify.shop", "shopify.access-token", "joor.api-token", "--sandbox");
        assertThat(work.resolve("data")).doesNotExist();
    }

    @Test
    void anIntervalShorterThanTheDefaultIsRefused() throws Exception {
        Run run = run(List.of("-Dsync.interval=10m"), "--sandbox", "--once");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("sync.interval=10m");
    }

    @Test
    void helpListsTheCommandsAndTheSettingsWithTheirDefaults() throws Exception {
        Run run = run(List.of(), "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--sandbox", "--once", "--dev", "/observe/health", "/observe/metrics",
                        "--replay-dead-letters", "--template-blank", "--validate-template", "--submit", "--link-report",
                        "--check")
                .containsPattern("sync.interval +15m ").containsPattern("joor.batch-size +200 ")
                .containsPattern("shopify.customer-tags +JOOR_ENABLED,JOOR,WHOLESALE ");
    }

    @Test
    void withoutARoutesFolderTheRoutesAndMappingInsideTheJarRun() throws Exception {
        try (Stream<Path> routes = Files.list(work.resolve("routes"))) {
            for (Path route : routes.toList()) {
                Files.delete(route);
            }
        }
        Files.delete(work.resolve("routes"));

        Run run = run(List.of(), "--sandbox", "--once");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String summary = run.out().lines().filter(l -> l.startsWith("SYNC SUMMARY")).findFirst().orElseThrow();
        assertThat(count(summary, "joor_updated")).isPositive();
        assertThat(count(summary, "data_services")).isPositive();
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithTheCycleId() throws Exception {
        Run run = run(List.of("-Dsync.log-format=json"), "--sandbox", "--once");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<String> json = run.out().lines().filter(l -> l.startsWith("{")).toList();
        assertThat(json).isNotEmpty();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String cycle = null;
        for (String line : json) {
            com.fasterxml.jackson.databind.JsonNode event = mapper.readTree(line);
            assertThat(event.has("level")).isTrue();
            String message = event.path("formattedMessage").asText();
            if (message.startsWith("SYNC START") || message.startsWith("SYNC SUMMARY")) {
                assertThat(event.path("mdc").path("cycle").asText()).isNotEmpty();
                cycle = cycle == null ? event.path("mdc").path("cycle").asText() : cycle;
                assertThat(message).contains("cycle=" + event.path("mdc").path("cycle").asText());
            }
        }
        assertThat(cycle).isNotNull();
        assertThat(run.out().lines().filter(l -> !l.startsWith("{"))).allMatch(l -> l.startsWith("Sandbox ")
                || l.startsWith("SYNC SUMMARY") || l.isBlank());
    }

    @Test
    void aWrongLogFormatIsAConfigurationError() throws Exception {
        Run run = run(List.of("-Dsync.log-format=xml"), "--sandbox", "--once");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("sync.log-format=xml must be text or json");
    }

    @Test
    void everyWrongSettingIsNamedInOneReportAndMisspeltKeysAreWarned() throws Exception {
        Run run = run(Map.of("JOOR_BATCHSIZE", "50"), List.of("-Dsync.log-format=xml",
                "-Dlink-report.pending-business-days=many", "-Djoor.credit-window=0s", "-Ddata-services.delimiter=;",
                "-Djoor.batchsize=50"), "--sandbox", "--once");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("sync.log-format=xml must be text or json",
                "link-report.pending-business-days=many is not a whole number",
                "joor.credit-window=0s is out of range (1s..1d)", "data-services.delimiter=; must be ','");
        assertThat(run.out()).contains("Unknown setting joor.batchsize is ignored (did you mean joor.batch-size?)",
                "Unknown environment variable JOOR_BATCHSIZE is ignored (did you mean JOOR_BATCH_SIZE for joor.batch-size?)");
        assertThat(work.resolve("data")).doesNotExist();
    }

    @Test
    void withoutApplicationPropertiesItSaysWhereItLookedAndHowToRunIt() throws Exception {
        Files.delete(work.resolve("application.properties"));

        Run run = run(List.of(), "--sandbox", "--once");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("No application.properties in " + work.toAbsolutePath() + " (the working directory)",
                "cd " + Path.of("").toAbsolutePath() + " && java -jar target/shopify-joor-sync.jar");
        assertThat(run.out()).doesNotContain("SYNC");
        assertThat(run(List.of(), "--help").exit()).isZero();
    }

    @Test
    void onceAndTheCommandsLeaveTheManagementPortAlone() throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress("0.0.0.0", 0));
            String port = "-Dcamel.management.port=" + held.getLocalPort();

            for (String command : List.of("--once", "--link-report")) {
                Run run = run(List.of(port), "--sandbox", command);

                assertThat(run.exit()).as(command + ": " + run.out() + run.err()).isZero();
                assertThat(run.out() + run.err()).as(command).doesNotContain("Address already in use", "Failed to start Vert.x HttpServer");
            }
        }
    }

    @Test
    void theSyncThatCannotListenOnItsManagementPortStopsAtStart() throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress("0.0.0.0", 0));

            Run run = run(List.of("-Dcamel.management.port=" + held.getLocalPort()), "--sandbox");

            assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.err()).contains("camel.management.port=" + held.getLocalPort()
                    + ": the management server (health, metrics) cannot listen on 0.0.0.0:" + held.getLocalPort());
            assertThat(run.out()).doesNotContain("SYNC START");
        }
    }

    @Test
    void templateBlankNeedsNoCredentialsAndWritesTheSyncsHeader() throws Exception {
        Run run = run(List.of("-Ddata-services.delimiter=|", "-Ddata-services.format=csv"), "--template-blank");

        Path blank = work.resolve("data/templates/customer-data-template.csv");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("written to " + blank.toRealPath());
        assertThat(Files.readString(blank, StandardCharsets.UTF_8)).isEqualTo("Customer Code|Customer Name|Address 1|"
                + "Address 2|City|State|Zip|Country|Email|Phone|Buyer Name|Price Currency|Price Label|"
                + "Payment Method|Shipping Method|Sales Rep|Discount\r\n");
    }

    @Test
    void aHundredMegabyteTemplateIsCheckedUnder256MegabytesOfHeapItsProblemsCapped() throws Exception {
        Path big = work.resolve("big.csv");
        long rows = 0;
        try (Writer out = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            out.write("Customer Code,Customer Name,Address 1,Address 2,City,State,Zip,Country,Email,Phone,Buyer Name,"
                    + "Price Currency,Price Label\r\n");
            for (long size = 0; size < 100L * 1024 * 1024;) {
                rows++;
                // every 1000th row has an email that is none
                String row = String.format(Locale.ROOT, "TS-%07d,Boutique Number %d & Co,%d Market Street,Suite %d,"
                        + "San Francisco,CA,94%03d,US,%s,(415) 555-%04d,Alex Morgan %d,USD,Wholesale USD\r\n", rows,
                        rows, rows % 900 + 1, rows % 50, rows % 1000, rows % 1000 == 0 ? "nope"
                                : "buyer" + rows + "@store.example", rows % 10000, rows);
                out.write(row);
                size += row.length();
            }
        }
        long problems = rows / 1000;

        Run run = run(List.of("-Xmx256m"), "--sandbox", "--validate-template", "big.csv");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        List<String> listed = run.out().lines().filter(l -> l.startsWith("row ")).toList();
        assertThat(listed).hasSize(100);
        assertThat(listed.get(0)).isEqualTo("row 1001, column I (Email): 'nope' is not an email address (one address "
                + "per cell, like buyer@store.com)");
        assertThat(run.out()).contains("... and " + (problems - 100) + " more problems (only the first 100 are listed",
                problems + " problems in big.csv: fix them");
        assertThat(run.err()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void sandboxCheckFindsEverythingOkAndExitsZero() throws Exception {
        Run run = run(List.of(), "--sandbox", "--check");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^OK +Shopify credentials ")
                .containsPattern("(?m)^OK +JOOR connection list +envelope recognised")
                .containsPattern("(?m)^OK +State store +opened and migrated")
                .contains("CHECK OK", "1 JOOR credit")
                .doesNotContain("PROBLEM");
    }

    @Test
    void sandboxLinkReportFindsTheTradeshowConnections() throws Exception {
        Run run = run(List.of(), "--sandbox", "--link-report");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(
                "  not linked to a Shopify customer:      6",
                "    with a likely Shopify match:         4",
                "    ambiguous (several candidates):      1",
                "    no match:                            1",
                "JOOR credits spent:                      2"); // 86 connections, 50 a page
        List<Path> reports;
        try (Stream<Path> files = Files.list(work.resolve("data/reports"))) {
            reports = files.toList();
        }
        assertThat(reports).singleElement().satisfies(r -> {
            String report = Files.readString(r, StandardCharsets.UTF_8);
            assertThat(report).contains("TRADESHOW-001", "same email", "ambiguous: 2 candidates", "no match");
            assertThat(run.out()).contains("Report: " + r.toRealPath());
        });
    }
}
