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

import com.shopifyjoorsync.state.TestPostgres;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second instance started by mistake on the embedded H2 state store of a running one (here: the
 * application in this JVM, and the packaged jar in a child JVM) is refused at once, naming the
 * file; the running one goes on. Several nodes on one PostgreSQL state store (a real one, TestPostgres)
 * are a supported setup.
 */
class SecondInstanceIT {
    @TempDir
    Path work;
    SandboxHarness sandbox;
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

    private Process launch(Map<String, String> settings, Path log, String... args) throws IOException {
        Process process = ChildJar.command(work, List.of(), settings, args).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        started.add(process);
        return process;
    }

    @Test
    void aSecondInstanceOnTheSameH2FileIsRefusedAtOnce() throws Exception {
        try (SyncApplication running = sandbox.startApp()) {
            Path log = work.resolve("second.txt");
            Process second = launch(sandbox.settings, log, "--once");

            // from the moment it opens the state store: a refusal, not a wait for the file
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                    .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("sjs-state - Starting"));
            long opening = System.nanoTime();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - opening)).isLessThan(Duration.ofSeconds(5));

            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(second.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("another instance holds " + sandbox.dir.resolve("state/sync.mv.db").toAbsolutePath()
                    + " (sync.state.jdbc-url=");
            assertThat(sandbox.joor.requestCount()).as("the second instance sent nothing").isZero();

            SyncApplication.CycleResult cycle = running.runCycle();
            assertThat(cycle.failed()).as(cycle.summary()).isFalse();
        }
    }

    @Test
    void severalNodesOnOnePostgresqlStateStoreAreNotRefused() throws Exception {
        sandbox.settings.put("sync.state.jdbc-url", TestPostgres.newDatabase());
        sandbox.settings.put("sync.state.username", TestPostgres.USER);
        sandbox.settings.put("sync.state.password", TestPostgres.PASSWORD);

        try (SyncApplication first = sandbox.startApp()) {
            Path log = work.resolve("node-2.txt");
            Process node = launch(sandbox.settings, log, "--check");

            assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(node.exitValue()).as(output).isZero();
            assertThat(output).containsPattern("(?m)^OK +State store +opened and migrated");
        }
    }
}
