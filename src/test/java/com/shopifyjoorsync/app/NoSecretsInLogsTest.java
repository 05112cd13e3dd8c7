package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Tokens never reach a log line, raw or base64, even with the product's own loggers at DEBUG. */
class NoSecretsInLogsTest {
    @TempDir
    Path dir;

    @Test
    void aCycleWithRetriesAndFailuresLogsNoToken() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger product = logging.getLogger("com.shopifyjoorsync");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logging);
        captured.start();
        root.addAppender(captured);
        Level before = product.getLevel();
        product.setLevel(Level.DEBUG);
        try (SandboxHarness sandbox = new SandboxHarness(dir)) {
            sandbox.shopify.throttleNext(1);
            sandbox.joor.failNextPosts(1, 503);
            sandbox.joor.rejectCode(sandbox.demo.knownCodes().iterator().next());
            SyncApplication.CycleResult result = sandbox.runOnce();
            assertThat(result.failed()).isFalse();

            String logs = captured.list.stream()
                    .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                            : " " + e.getThrowableProxy().getMessage()))
                    .collect(Collectors.joining("\n"));
            assertThat(logs).contains("SYNC SUMMARY", "Dead-lettered customer");
            String joorToken = sandbox.joor.token();
            for (String secret : List.of(sandbox.shopify.accessToken(), joorToken,
                    Base64.getEncoder().encodeToString(joorToken.getBytes(StandardCharsets.UTF_8)))) {
                assertThat(logs).doesNotContain(secret);
            }
        } finally {
            root.detachAppender(captured);
            product.setLevel(before);
        }
    }
}
