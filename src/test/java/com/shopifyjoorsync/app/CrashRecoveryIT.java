package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.shopifyjoorsync.state.TestPostgres;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in a child JVM, killed with SIGKILL at several points of a cycle, then started
 * again: every customer is delivered, at most the JOOR batch in flight is sent twice, no template
 * file is half-written, and nothing is dead-lettered twice.
 */
class CrashRecoveryIT {
    private static final int BATCH = 20;

    @TempDir
    Path work;
    SandboxHarness sandbox;
    private String postgresUrl; // null: the default H2 file under work/
    private final Map<String, String> extra = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        sandbox = new SandboxHarness(work.resolve("sandbox"));
        ChildJar.copyConfiguration(work);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Process launch() throws IOException {
        Map<String, String> settings = sandbox.childSettings("crash-test", BATCH);
        settings.putAll(extra);
        if (postgresUrl != null) {
            settings.put("sync.state.jdbc-url", postgresUrl);
            settings.put("sync.state.username", TestPostgres.USER);
            settings.put("sync.state.password", TestPostgres.PASSWORD);
        }
        return ChildJar.command(work, List.of(), settings, "--once").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("log.txt").toFile())).start();
    }

    /** Starts a run, kills it with SIGKILL as soon as {@code when} holds, then runs again to the end. */
    private void killWhenThenRecover(BooleanSupplier when) throws Exception {
        Process first = launch();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(when::getAsBoolean);
        assertThat(first.isAlive()).as("the first run is still in its cycle when killed").isTrue();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        sandbox.shopify.setLatency(Duration.ZERO);
        sandbox.joor.setLatency(Duration.ZERO);

        Process second = launch();
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(work.resolve("log.txt"))).isZero();
    }

    private Set<String> knownEligible() {
        return sandbox.knownEligible();
    }


    private List<Path> files(String folder) throws IOException {
        return SandboxHarness.list(work.resolve(folder));
    }

    private void assertEveryCustomerDeliveredOnceButTheBatchInFlight() throws IOException {
        List<String> received = sandbox.joor.receivedConnections().stream()
                .map(c -> c.get("customer_code").asText()).toList();
        assertThat(new HashSet<>(received)).containsExactlyInAnyOrderElementsOf(knownEligible());
        assertThat(received.size() - knownEligible().size()).as("connections sent twice").isBetween(0, BATCH);

        List<String> rows = new ArrayList<>();
        for (Path file : files("data/data-services")) {
            List<CSVRecord> records = SandboxHarness.parse(file);
            assertThat(records.get(0).get(0)).isEqualTo("Customer Code");
            int columns = records.get(0).size();
            assertThat(records).allSatisfy(r -> assertThat(r.size()).isEqualTo(columns));
            rows.addAll(SandboxHarness.codesOf(records.subList(1, records.size())));
        }
        assertThat(rows).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.newEligible());
        assertThat(files("data/data-services")).allSatisfy(f ->
                assertThat(f.getFileName().toString()).startsWith("customer-data-template-"));
        assertThat(files("data/dead-letter")).hasSize(1);
    }

    @Test
    void killedWhileReadingShopifyPages() throws Exception {
        sandbox.shopify.setLatency(Duration.ofMillis(300));

        killWhenThenRecover(() -> sandbox.shopify.requestCount() >= 3);

        assertEveryCustomerDeliveredOnceButTheBatchInFlight();
    }

    @Test
    void killedBetweenJoorBatches() throws Exception {
        sandbox.joor.setLatency(Duration.ofMillis(250));

        killWhenThenRecover(() -> sandbox.joor.bulkPosts() >= 2);

        assertEveryCustomerDeliveredOnceButTheBatchInFlight();
    }

    @Test
    void killedBetweenJoorBatchesWithTheStateStoreOnPostgresql() throws Exception {
        postgresUrl = TestPostgres.newDatabase();
        sandbox.joor.setLatency(Duration.ofMillis(250));

        killWhenThenRecover(() -> sandbox.joor.bulkPosts() >= 2);

        assertEveryCustomerDeliveredOnceButTheBatchInFlight();
        assertThat(files("data/state")).as("no H2 file beside PostgreSQL").isEmpty();
    }

    @Test
    void killedWhileABulkReadsFileIsRouted() throws Exception {
        extra.put("shopify.bulk-threshold", "50"); // the demo store's window is read in bulk, both times
        sandbox.joor.setLatency(Duration.ofMillis(250));

        killWhenThenRecover(() -> sandbox.shopify.bulkOperationsStarted() == 1 && sandbox.joor.bulkPosts() >= 2);

        assertThat(sandbox.shopify.bulkOperationsStarted()).isEqualTo(2);
        assertEveryCustomerDeliveredOnceButTheBatchInFlight();
    }

    @Test
    void killedWhileTemplateRowsAreWritten() throws Exception {
        sandbox.shopify.setLatency(Duration.ofMillis(150));

        killWhenThenRecover(() -> {
            try (Stream<Path> work = Files.exists(this.work.resolve("data/work"))
                    ? Files.list(this.work.resolve("data/work")) : Stream.empty()) {
                return work.anyMatch(f -> f.getFileName().toString().startsWith("template-"));
            } catch (IOException e) {
                return false;
            }
        });

        assertEveryCustomerDeliveredOnceButTheBatchInFlight();
        assertThat(files("data/work")).isEmpty();
    }
}
