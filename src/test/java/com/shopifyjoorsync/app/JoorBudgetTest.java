package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * JOOR's credit budget, as a user sees it: a JOOR that answers 429 window after window ends the cycle
 * after joor.rate-limit-timeout (nothing dead-lettered, the next cycle sends what was not sent), and
 * a command run beside the sync on the same state store waits for the budget they share instead of
 * pushing JOOR into 429.
 */
class JoorBudgetTest extends SandboxTest {

    private List<String> receivedCodes() {
        return sandbox.joor.receivedConnections().stream().map(c -> c.get("customer_code").asText()).toList();
    }

    /** JOOR's window is a second here: each 429 pauses 1 s plus the pacer's margin. */
    private void shortWindows() {
        sandbox.joor.setCredits(300, Duration.ofSeconds(1));
        sandbox.settings.put("joor.credit-window", "1s");
        sandbox.settings.put("joor.rate-limit-timeout", "3s");
    }

    private long postsAnswered(int status) {
        return sandbox.joor.requestLog().stream().filter(l -> l.startsWith("POST") && l.endsWith(" " + status)).count();
    }

    @Test
    void joorAnswering429WindowAfterWindowEndsTheCycleAndTheNextCycleSendsTheBatches() throws Exception {
        shortWindows();
        sandbox.settings.put("joor.batch-size", "20"); // four batches: the first one meets the 429s, the rest stay
        sandbox.joor.answer429Forever("POST");

        SyncApplication.CycleResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sandbox.runOnce());

        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).startsWith("SYNC FAILED")
                .contains("JoorRateLimitTimeoutException", "joor.rate-limit-timeout=3s", " joor_429=2 ");
        // the first batch met JOOR's 429 twice, then the cycle gave up: no other batch was tried
        assertThat(postsAnswered(429)).isEqualTo(2);
        assertThat(sandbox.joor.bulkPosts()).isZero();
        assertThat(sandbox.deadLetters()).extracting(d -> d.get("destination").asText()).doesNotContain("joor");
        assertThat(sandbox.templateFiles()).isEmpty();

        // JOOR takes POSTs again: the next cycle reads the same window and sends every batch, once
        sandbox.joor.answer429Forever(null);
        SyncApplication.CycleResult next = sandbox.runOnce();

        assertThat(next.failed()).as(next.summary()).isFalse();
        assertThat(next.summary()).contains(" full_sweep=true ", " joor_updated=" + sandbox.knownEligible().size() + " ");
        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
    }

    @Test
    void joorAnswering429ToItsConnectionListEndsTheCycleBeforeShopifyIsRead() throws Exception {
        shortWindows();
        sandbox.joor.answer429Forever("*");

        SyncApplication.CycleResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sandbox.runOnce());

        assertThat(result.failed()).isTrue();
        assertThat(result.summary()).startsWith("SYNC FAILED").contains("JoorRateLimitTimeoutException", " fetched=0 ");
        assertThat(sandbox.joor.http429Count()).isEqualTo(2);
        assertThat(sandbox.shopify.receivedSearchQueries()).isEmpty();
    }

    @Test
    void aRateLimitTimeoutShorterThanThreeWindowsIsRefusedAtStart() {
        sandbox.settings.put("joor.rate-limit-timeout", "10m");

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> sandbox.runOnce());

        assertThat(SyncApplication.configurationProblem(refused)).isNotNull();
        assertThat(SyncApplication.configurationProblem(refused).getMessage())
                .contains("joor.rate-limit-timeout=10m must be at least three times joor.credit-window=300s");
    }

    private record Command(int exit, String out) {
    }

    /** A command of the launcher, in this JVM, on the sync's state store, with output folders of its own. */
    private Command command(String name, String... args) {
        Map<String, String> settings = new HashMap<>(sandbox.settings);
        settings.put("sync.dead-letter-uri", "file:" + dir.resolve(name + "/dead-letter"));
        settings.put("data-services.endpoint-uri", "file:" + dir.resolve(name + "/data-services"));
        settings.put("sync.work-dir", dir.resolve(name + "/work").toString());
        settings.put("link-report.dir", dir.resolve(name + "/reports").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Launcher.run(args, settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Command(exit, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandsRunBesideTheSyncWaitForTheBudgetTheyShareInsteadOfCausingA429() throws Exception {
        // JOOR's budget: 20 credits (four POSTs) a 2-second window, enforced by the sandbox
        sandbox.joor.setCredits(20, Duration.ofSeconds(2));
        sandbox.settings.put("joor.credits-per-window", "20");
        sandbox.settings.put("joor.credit-window", "2s");
        sandbox.settings.put("joor.batch-size", "10"); // eight POSTs: the sync spends for several windows

        CompletableFuture<SyncApplication.CycleResult> sync = CompletableFuture.supplyAsync(() -> {
            try {
                return sandbox.runOnce();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.joor.bulkPosts() >= 1);

        Command check = command("check", "--check");
        Command report = command("report", "--link-report");
        Command replay = command("replay", "--replay-dead-letters");
        SyncApplication.CycleResult cycle = sync.get(60, TimeUnit.SECONDS);

        assertThat(sandbox.joor.http429Count()).as(String.join("\n", sandbox.joor.requestLog())).isZero();
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(report.exit()).as(report.out()).isZero();
        assertThat(replay.exit()).as(replay.out()).isZero();
        assertThat(cycle.failed()).as(cycle.summary()).isFalse();
        assertThat(receivedCodes()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sandbox.knownEligible());
        assertThat(sandbox.joor.bulkPosts()).isEqualTo(8);
    }
}
