package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.sandbox.ShopifySandbox;
import com.shopifyjoorsync.webhooks.ShopifyWebhooks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in a child JVM takes a signed webhook delivery and is killed with SIGKILL before
 * any run could process it; started again, it processes the stored delivery: the change reaches JOOR.
 */
class WebhookCrashIT {
    private static final String SECRET = "crash-test-client-secret";

    @TempDir
    Path work;
    SandboxHarness sandbox;
    Process running;

    @BeforeEach
    void start() throws IOException {
        sandbox = new SandboxHarness(work.resolve("sandbox"));
        ChildJar.copyConfiguration(work);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
            running.waitFor(30, TimeUnit.SECONDS);
        }
        sandbox.close();
    }

    private Process launch(int port, String linger) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shopify.shop", ShopifySandbox.SHOP_DOMAIN.replace(".myshopify.com", ""));
        settings.put("shopify.base-url", sandbox.shopify.baseUrl());
        settings.put("shopify.access-token", sandbox.shopify.accessToken());
        settings.put("joor.api-url", sandbox.joor.apiUrl());
        settings.put("joor.api-token", sandbox.joor.token());
        settings.put("joor.price-label", "Wholesale USD");
        settings.put("joor.job-poll-interval", "50ms");
        settings.put("webhooks.enabled", "true");
        settings.put("webhooks.linger", linger);
        settings.put("camel.server.port", Integer.toString(port));
        settings.put("camel.management.port", Integer.toString(SandboxHarness.freePort()));
        ProcessBuilder builder = ChildJar.command(work, List.of(), settings).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("log.txt").toFile()));
        builder.environment().put("WEBHOOKS_SECRETS", SECRET);
        return builder.start();
    }

    @Test
    void aDeliveryStoredJustBeforeAKillIsProcessedAfterTheRestart() throws Exception {
        int port = SandboxHarness.freePort();
        // a linger no run reaches before the kill: the delivery is only stored
        running = launch(port, "5m");
        await().atMost(Duration.ofSeconds(120)).until(() -> log().contains("SYNC SUMMARY"));
        long id = Long.parseLong(sandbox.knownEligible().iterator().next());
        sandbox.shopify.update(id, c -> c.setFirstName("AfterTheCrash"));
        ObjectNode payload = (ObjectNode) SandboxHarness.JSON.readTree(
                Files.readString(Path.of("src/test/resources/shopify/webhooks/customers-update.json")));
        payload.put("admin_graphql_api_id", "gid://shopify/Customer/" + id);
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/shopify/webhooks"))
                        .header("X-Shopify-Topic", "customers/update")
                        .header("X-Shopify-Shop-Domain", ShopifySandbox.SHOP_DOMAIN)
                        .header("X-Shopify-Webhook-Id", "crash-1")
                        .header("X-Shopify-Hmac-SHA256", ShopifyWebhooks.sign(SECRET, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(log()).isEqualTo(200);
        running.destroyForcibly(); // SIGKILL: nothing runs after the answer
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sandbox.joor.receivedConnections().stream().map(Object::toString))
                .noneMatch(c -> c.contains("AfterTheCrash"));

        running = launch(port, "300ms");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> sandbox.joor.receivedConnections().stream().map(Object::toString)
                        .anyMatch(c -> c.contains("AfterTheCrash")));
        await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("WEBHOOK SUMMARY"));
        assertThat(log()).contains("deliveries=1 ");
        assertThat(sandbox.joor.receivedConnections().stream().map(Object::toString)
                .filter(c -> c.contains("AfterTheCrash"))).hasSize(1);
    }

    private String log() throws IOException {
        Path log = work.resolve("log.txt");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
