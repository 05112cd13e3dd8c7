package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with {@code --sandbox} and {@code webhooks.enabled=true}, in a child JVM as a user
 * starts it: the sync subscribes its receiver in the sandbox store, the store changes a customer JOOR
 * knows every few seconds, and webhook runs bring the changes to the JOOR sandbox.
 */
class SandboxWebhooksIT {
    private static final Pattern UPDATED_BY_WEBHOOK = Pattern.compile("WEBHOOK SUMMARY .* joor_updated=[1-9]");

    @TempDir
    Path work;
    private Process process;

    @BeforeEach
    void copyConfiguration() throws IOException {
        ChildJar.copyConfiguration(work);
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly(); // what a failed test left running
        }
    }

    @Test
    void sandboxWithWebhooksSubscribesTheReceiverAndChangesReachJoor() throws Exception {
        Path log = work.resolve("out.txt");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("webhooks.enabled", "true");
        settings.put("webhooks.linger", "500ms");
        settings.put("camel.server.port", Integer.toString(SandboxHarness.freePort()));
        settings.put("camel.management.port", "0");
        process = ChildJar.command(work, List.of(), settings, "--sandbox").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> !process.isAlive() || UPDATED_BY_WEBHOOK.matcher(read(log)).find());
        String out = read(log);
        assertThat(process.isAlive()).as(out).isTrue();
        assertThat(out).contains("WEBHOOKS REGISTERED: http://127.0.0.1:", "/shopify/webhooks for 6 of 6 topics",
                "Sandbox Shopify store: changes the address of one of");
        assertThat(out).doesNotContain("Refused a webhook delivery");

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
        assertThat(process.exitValue()).as(read(log)).isZero();
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
