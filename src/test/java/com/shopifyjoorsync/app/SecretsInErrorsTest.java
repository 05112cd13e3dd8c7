package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;

import com.shopifyjoorsync.observe.SecretMask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Services and proxies put the request's headers in their error bodies. Both sandboxes echo the
 * credentials they received in every 4xx/5xx answer; whatever the product keeps of those errors (the
 * log as its logback configuration writes it, dead letters, the summary line, what the commands
 * print, every file under its data folder) holds no form of any secret: raw, base64, URL-safe base64.
 */
class SecretsInErrorsTest extends SandboxTest {
    private static final String STATE_PASSWORD = "state-Pa55word-" + Long.toHexString(System.nanoTime());

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> capture;
    private Level productLevel;
    private final StringBuilder printed = new StringBuilder();

    /** The log as the product's configuration writes it: through the encoder of its TEXT appender. */
    @BeforeEach
    void captureTheLog() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> configured = (OutputStreamAppender<ILoggingEvent>) root.getAppender("TEXT");
        capture = new OutputStreamAppender<>();
        capture.setContext(logging);
        capture.setEncoder(configured.getEncoder());
        capture.setOutputStream(log);
        capture.start();
        root.addAppender(capture);
        Logger product = logging.getLogger("com.shopifyjoorsync");
        productLevel = product.getLevel();
        product.setLevel(Level.DEBUG);

        sandbox.shopify.echoCredentialsInErrors(true);
        sandbox.joor.echoCredentialsInErrors(true);
        // a password inside the state store's JDBC URL (H2 reads USER and PASSWORD from it)
        sandbox.settings.put("sync.state.jdbc-url", sandbox.settings.get("sync.state.jdbc-url")
                + ";USER=sjs;PASSWORD=" + STATE_PASSWORD);
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
        logging.getLogger("com.shopifyjoorsync").setLevel(productLevel);
    }

    private int launch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Launcher.run(args, sandbox.settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        printed.append(out.toString(StandardCharsets.UTF_8)).append(err.toString(StandardCharsets.UTF_8));
        return exit;
    }

    @Test
    void staticTokensEchoedByShopifyAndJoorAreMaskedWhereverTheErrorIsKept() throws Exception {
        // a cycle that fails: Shopify answers 502 (echoing its token) beyond every retry
        sandbox.shopify.failNext(20, 502);
        assertThat(launch("--once")).isEqualTo(1);
        // a cycle that completes: a retried Shopify 503, a retried JOOR 503, and a batch JOOR refuses (400)
        sandbox.shopify.failNext(1, 503);
        sandbox.joor.failNextPosts(1, 503);
        sandbox.joor.rejectCode(sandbox.knownEligible().iterator().next());
        assertThat(launch("--once")).isZero();
        // --check while both answer 500 once
        sandbox.shopify.failNext(1, 500);
        sandbox.joor.failNext(1, 500);
        assertThat(launch("--check")).isEqualTo(1);

        String kept = log.toString(StandardCharsets.UTF_8) + printed;
        assertThat(kept).as("the services did echo, and the errors were kept")
                .contains("SYNC FAILED", "Dead-lettered customer", "Request headers: Authorization: OAuth2 ",
                        "Request headers: X-Shopify-Access-Token: ", "PROBLEM");
        assertThat(sandbox.deadLetters()).anySatisfy(d -> assertThat(d.path("error").asText())
                .contains("JOOR rejected", "Request headers: Authorization: OAuth2 " + SecretMask.MASK));
        assertNoSecretIn(kept, Set.of(sandbox.shopify.accessToken(), sandbox.joor.token(), STATE_PASSWORD));
    }

    @Test
    void aClientSecretAndTheTokensItObtainsAreMaskedToo() throws Exception {
        sandbox.settings.put("shopify.access-token", "");
        sandbox.settings.put("shopify.client-id", sandbox.shopify.clientId());
        sandbox.settings.put("shopify.client-secret", sandbox.shopify.clientSecret());
        // the token endpoint answers 503 once (echoing the client secret), then a query 502 (echoing the token)
        sandbox.shopify.failNextTokenRequests(1, 503);
        sandbox.shopify.failAfter(1, 1, 502);

        assertThat(launch("--once")).isZero();

        String kept = log.toString(StandardCharsets.UTF_8) + printed;
        assertThat(kept).contains("Request headers: client_secret=", "Request headers: X-Shopify-Access-Token: ");
        Set<String> secrets = new HashSet<>(sandbox.shopify.issuedTokens());
        assertThat(secrets).isNotEmpty();
        secrets.add(sandbox.shopify.clientSecret());
        assertNoSecretIn(kept, secrets);
    }

    /** Every form of every secret is absent from the text and from every file under the data folder. */
    private void assertNoSecretIn(String kept, Set<String> secrets) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        assertThat(files.keySet()).as("the data folder holds dead letters, templates and the state store")
                .anyMatch(name -> name.startsWith("dead-letter")).anyMatch(name -> name.startsWith("data-services"))
                .anyMatch(name -> name.startsWith("state"));
        for (String secret : secrets) {
            for (String form : forms(secret)) {
                assertThat(kept).as("the log and what the commands printed").doesNotContain(form);
                files.forEach((name, content) -> assertThat(new String(content, StandardCharsets.ISO_8859_1))
                        .as(name).doesNotContain(new String(form.getBytes(StandardCharsets.UTF_8),
                                StandardCharsets.ISO_8859_1)));
            }
        }
    }

    private static List<String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
