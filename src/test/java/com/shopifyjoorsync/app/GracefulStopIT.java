package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;


import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in a child JVM, sent SIGTERM at several points of a cycle: what was in flight
 * finishes and is recorded (a JOOR batch on its way is answered and its job kept awaiting
 * confirmation), the process exits with the code the README documents, and a second run completes
 * the work with no customer lost or sent twice.
 */
class GracefulStopIT {
    private static final int BATCH = 20;

    @TempDir
    Path work;
    SandboxHarness sandbox;
    private int runs;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        sandbox = new SandboxHarness(work.resolve("sandbox"));
        ChildJar.copyConfiguration(work);
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly); // what a failed test left running
        sandbox.close();
    }

    private record Run(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
    }

    /** The long-running sync (no command), or a command. */
    private Run launch(String... args) throws IOException {
        Map<String, String> settings = sandbox.childSettings("stop-test", BATCH);
        settings.put("camel.management.port", "0");
        Path log = work.resolve("run-" + ++runs + ".txt");
        Process process = ChildJar.command(work, List.of(), settings, args).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        started.add(process);
        return new Run(process, log);
    }

    /** Starts a run, sends it SIGTERM as soon as {@code when} holds, and waits for its end. */
    private Run terminateWhen(BooleanSupplier when, String... args) throws Exception {
        Run run = launch(args);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(when::getAsBoolean);
        assertThat(run.process().isAlive()).as("still running when SIGTERM is sent").isTrue();
        run.process().destroy(); // SIGTERM
        assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
        assertThat(run.output()).doesNotContain("SYNC FAILED", "Exception");
        return run;
    }

    /** A second run, against sandboxes without the slowness, completes the work. */
    private String secondRunCompletes() throws Exception {
        sandbox.shopify.setLatency(Duration.ZERO);
        sandbox.joor.setLatency(Duration.ZERO);
        sandbox.joor.setPostAnswerDelay(Duration.ZERO);
        sandbox.joor.holdJobs(false);
        Run second = launch("--once");
        assertThat(second.process().waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process().exitValue()).as(second.output()).isZero();
        String summary = summary(second.output(), "SYNC SUMMARY");
        assertThat(summary).contains(" joor_awaiting_confirmation=0 ", " joor_resend_next=0 ");
        return summary;
    }

    /** The line from {@code prefix} on (the log's, or the one --once prints). */
    private static String summary(String output, String prefix) {
        return output.lines().filter(l -> l.contains(prefix)).map(l -> l.substring(l.indexOf(prefix))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " line in\n" + output));
    }

    private static long count(String summary, String key) {
        return PackagedJarIT.count(summary, key);
    }


    /** Every customer reached JOOR or Data Services exactly once; one dead letter (the demo's). */
    private void assertEveryCustomerDeliveredExactlyOnce() throws IOException {
        List<String> received = sandbox.joor.receivedConnections().stream()
                .map(c -> c.get("customer_code").asText()).toList();
        assertThat(received).as("connections JOOR received").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
        List<String> rows = new ArrayList<>();
        for (Path file : SandboxHarness.list(work.resolve("data/data-services"))) {
            List<CSVRecord> records = SandboxHarness.parse(file);
            rows.addAll(SandboxHarness.codesOf(records.subList(1, records.size())));
        }
        assertThat(rows).as("template rows").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.newEligible());
        assertThat(SandboxHarness.list(work.resolve("data/dead-letter"))).hasSize(1);
    }

    @Test
    void stoppedWhileReadingShopify() throws Exception {
        sandbox.shopify.setLatency(Duration.ofMillis(300));

        Run first = terminateWhen(() -> sandbox.shopify.requestCount() >= 3);

        assertThat(first.process().exitValue()).as(first.output()).isZero();
        assertThat(first.output()).contains("SYNC STOPPED");
        secondRunCompletes();
        assertEveryCustomerDeliveredExactlyOnce();
    }

    @Test
    void stoppedWhileAJoorPostIsInFlight() throws Exception {
        sandbox.shopify.setLatency(Duration.ofMillis(100));
        sandbox.joor.setPostAnswerDelay(Duration.ofSeconds(3)); // JOOR applied it; its answer is on its way

        Run first = terminateWhen(() -> sandbox.joor.bulkPosts() >= 1);

        assertThat(first.process().exitValue()).as(first.output()).isZero();
        int posted = sandbox.joor.receivedConnections().size();
        assertThat(posted).as("the POST in flight was answered").isPositive();
        secondRunCompletes();
        assertEveryCustomerDeliveredExactlyOnce();
    }

    @Test
    void stoppedWhilePollingJoorJobsCompletesTheCycle() throws Exception {
        sandbox.joor.holdJobs(true); // JOOR has not finished them: the cycle polls until its timeout

        Run first = terminateWhen(() -> sandbox.joor.requestLog().stream()
                .anyMatch(r -> r.startsWith("GET /v2/bulk-connection/")));

        assertThat(first.process().exitValue()).as(first.output()).isZero();
        String completed = summary(first.output(), "SYNC SUMMARY");
        assertThat(count(completed, "joor_jobs_unconfirmed")).as(completed).isPositive();
        int posts = sandbox.joor.bulkPosts();

        String second = secondRunCompletes();
        assertThat(sandbox.joor.bulkPosts()).as("nothing POSTed again").isEqualTo(posts);
        assertThat(count(second, "joor_updated")).isEqualTo(sandbox.knownEligible().size());
        assertThat(second).contains(" full_sweep=false ");
        assertEveryCustomerDeliveredExactlyOnce();
    }

    @Test
    void onceStoppedBeforeItsCycleCompletedExits143() throws Exception {
        sandbox.shopify.setLatency(Duration.ofMillis(300));

        Run first = terminateWhen(() -> sandbox.shopify.requestCount() >= 3, "--once");

        assertThat(first.process().exitValue()).as(first.output()).isEqualTo(143);
        assertThat(first.output()).containsPattern("(?m)^SYNC STOPPED cycle=")
                .contains("Stopped before the cycle completed");
        secondRunCompletes();
        assertEveryCustomerDeliveredExactlyOnce();
    }
}
