package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.shopifyjoorsync.state.TestPostgres;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes (the packaged jar in two child JVMs, each in its own folder as on two machines) on one
 * real PostgreSQL state store with sync.cluster.enabled: started at once, only one polls the shop;
 * killed with SIGKILL mid-cycle, the other takes the shop over and finishes it from the last
 * committed watermark. What JOOR received and what the templates hold prove nothing lost and at most
 * one batch sent twice.
 */
class ClusterFailoverIT {
    private static final int BATCH = 20;

    @TempDir
    Path work;
    SandboxHarness sandbox;
    private String database;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        sandbox = new SandboxHarness(work.resolve("sandbox"));
        database = TestPostgres.newDatabase();
        for (String node : List.of("node-a", "node-b")) {
            Files.createDirectories(work.resolve(node));
            ChildJar.copyConfiguration(work.resolve(node));
        }
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly); // what a failed test left running
        sandbox.close();
    }

    private Process launch(String node) throws IOException {
        Map<String, String> settings = sandbox.childSettings("cluster-test", BATCH);
        settings.put("shopify.page-size", "20");
        settings.put("sync.state.jdbc-url", database);
        settings.put("sync.state.username", TestPostgres.USER);
        settings.put("sync.state.password", TestPostgres.PASSWORD);
        settings.put("sync.cluster.enabled", "true");
        settings.put("sync.cluster.checkin-interval", "1s");
        settings.put("camel.management.port", Integer.toString(SandboxHarness.freePort()));
        Process process = ChildJar.command(work.resolve(node), List.of(), settings).redirectErrorStream(true)
                .redirectOutput(log(node).toFile()).start();
        started.add(process);
        return process;
    }

    private Path log(String node) {
        return work.resolve(node + ".txt");
    }

    private String output(String node) {
        try {
            return Files.exists(log(node)) ? Files.readString(log(node), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits for {@code condition}; when it never holds, the failure shows what both nodes logged. */
    private void waitFor(String what, Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(20)).failFast("a node exited",
                    () -> started.stream().filter(p -> !p.isAlive()).anyMatch(p -> p.exitValue() != 137 && p.exitValue() != 0))
                    .until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError(what + " did not come; node-a logged:\n" + tail(output("node-a"))
                    + "\nnode-b logged:\n" + tail(output("node-b")), e);
        }
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }

    private static long count(String output, String text) {
        return output.lines().filter(l -> l.contains(text)).count();
    }

    @Test
    void twoNodesStartedAtOnceOnePollsAndTheOtherFinishesTheShopWhenItIsKilled() throws Exception {
        sandbox.shopify.setLatency(Duration.ofMillis(300));
        Process a = launch("node-a");
        Process b = launch("node-b");

        // one node's cycle is well under way (pages read, a JOOR batch sent): it is the only one polling
        waitFor("a cycle under way", Duration.ofSeconds(120),
                () -> count(output("node-a") + output("node-b"), "SYNC START") > 0 && sandbox.joor.bulkPosts() >= 1);
        String active = count(output("node-a"), "SYNC START") > 0 ? "node-a" : "node-b";
        String other = active.equals("node-a") ? "node-b" : "node-a";
        assertThat(output(other)).as("the other node waits").doesNotContain("SYNC START");
        assertThat(output(active)).doesNotContain("SYNC SUMMARY");
        assertThat(output(other)).contains("Cluster node ");

        Process killed = active.equals("node-a") ? a : b;
        killed.destroyForcibly(); // SIGKILL: no shutdown hook, no check-out
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.nanoTime();
        sandbox.shopify.setLatency(Duration.ZERO);

        // the other node takes the shop over once the dead one missed its check-ins (1s + 7.5s), and
        // carries the cycle through
        waitFor("the other node's cycle", Duration.ofSeconds(90),
                () -> count(output(other), "SYNC SUMMARY") > 0 || count(output(other), "SYNC FAILED") > 0);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(output(other)).as(output(other)).contains("SYNC SUMMARY").doesNotContain("SYNC FAILED");
        assertThat(takeover).as("taken over well within two intervals").isLessThan(Duration.ofSeconds(60));
        assertThat(count(output(other), "SYNC START")).as("one cycle: the one the dead node left").isEqualTo(1);

        List<String> received = sandbox.joor.receivedConnections().stream()
                .map(c -> c.get("customer_code").asText()).toList();
        assertThat(new HashSet<>(received)).containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
        assertThat(received.size() - sandbox.knownEligible().size()).as("connections sent twice").isBetween(0, BATCH);

        List<String> rows = new ArrayList<>();
        for (String node : List.of("node-a", "node-b")) {
            for (Path file : SandboxHarness.list(work.resolve(node).resolve("data/data-services"))) {
                List<CSVRecord> records = SandboxHarness.parse(file);
                rows.addAll(SandboxHarness.codesOf(records.subList(1, records.size())));
            }
        }
        assertThat(rows).as("every new customer in one published template, once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sandbox.newEligible());
    }

}
