package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopifyjoorsync.sandbox.ShopifySandboxWebhooks;
import com.shopifyjoorsync.sandbox.ShopifySandboxWebhooks.Delivery;
import com.shopifyjoorsync.state.WebhookInbox;
import com.shopifyjoorsync.webhooks.WebhookSubscriptionPlan;
import com.shopifyjoorsync.webhooks.WebhookSubscriptions;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The near-real-time path end to end, as --sandbox runs it: the sync subscribes its receiver in the
 * sandbox store (the --register-webhooks route), a customer changes there, the store's own signed
 * delivery reaches the receiver and the change reaches the JOOR sandbox. No delivery is built by the
 * test.
 */
class SandboxWebhooksTest extends SandboxTest {
    private static final String OLD_SECRET = "rotated-out-client-secret";

    private SyncApplication app;
    private ShopifySandboxWebhooks hooks;

    @BeforeEach
    void startWithWebhooks() throws Exception {
        hooks = sandbox.shopify.webhooks();
        int port = freePort();
        sandbox.settings.put("webhooks.enabled", "true");
        sandbox.settings.put("webhooks.secrets", hooks.signingSecret() + "," + OLD_SECRET);
        sandbox.settings.put("webhooks.linger", "200ms");
        sandbox.settings.put("camel.server.port", Integer.toString(port));
        sandbox.settings.put("camel.management.port", Integer.toString(freePort()));
        app = sandbox.startApp();
        SyncApplication.CycleResult first = app.runCycle();
        assertThat(first.failed()).as(first.summary()).isFalse();
        sandbox.joor.resetStats();

        String url = "http://127.0.0.1:" + port + "/shopify/webhooks";
        Exchange done = app.context().createProducerTemplate().send("direct:sjs-register-webhooks",
                exchange -> exchange.setProperty(WebhookSubscriptions.URL, url));
        assertThat(done.getException()).isNull();
        WebhookSubscriptionPlan plan = done.getProperty(WebhookSubscriptions.PLAN, WebhookSubscriptionPlan.class);
        assertThat(plan.failed()).as(String.join("\n", plan.lines())).isFalse();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aCustomerChangedInTheSandboxReachesJoorWithinFiveSecondsByItsOwnSignedDelivery() throws Exception {
        long id = knownCustomer();
        long started = System.nanoTime();

        sandbox.shopify.update(id, c -> c.setFirstName("Pushed"));

        awaitTrue(() -> received(id).stream().anyMatch(c -> c.toString().contains("Pushed")), "JOOR got the change");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        Delivery delivery = deliveryAbout(id, "customers/update");
        assertThat(delivery.status()).isEqualTo(200);
        JsonNode body = SandboxHarness.JSON.readTree(delivery.body());
        assertThat(body.path("admin_graphql_api_id").asText()).isEqualTo("gid://shopify/Customer/" + id);
        assertThat(body.path("first_name").asText()).isEqualTo("Pushed");
        assertThat(body.has("tags")).as("customers/update carries no tags since 2025-01").isFalse();
    }

    @Test
    void aDeliveryTheSandboxSendsAgainIsTakenOnce() throws Exception {
        long id = knownCustomer();
        sandbox.shopify.update(id, c -> c.setFirstName("Once"));
        awaitTrue(() -> received(id).size() == 1 && inbox().waiting() == 0, "JOOR got the change");
        Delivery delivery = deliveryAbout(id, "customers/update");

        hooks.resend(delivery);

        awaitTrue(() -> delivery.attempts() == 2 && delivery.status() == 200, "the resend answered 200");
        Thread.sleep(800); // a few webhook runs
        assertThat(inbox().waiting()).isZero();
        assertThat(received(id)).hasSize(1);
    }

    @Test
    void aDeliverySignedWithTheOldSecretIsTakenWhileBothAreConfiguredAndAnUnknownSecretIsRefused() throws Exception {
        List<Long> ids = sandbox.knownEligible().stream().map(Long::parseLong).sorted().limit(2).toList();
        hooks.signNextWith(OLD_SECRET);
        sandbox.shopify.update(ids.get(0), c -> c.setFirstName("Rotated"));
        awaitTrue(() -> received(ids.get(0)).stream().anyMatch(c -> c.toString().contains("Rotated")), "JOOR got it");
        assertThat(deliveryAbout(ids.get(0), "customers/update").status()).isEqualTo(200);

        hooks.signNextWith("a-secret-nobody-configured");
        sandbox.shopify.update(ids.get(1), c -> c.setFirstName("Forged"));
        Delivery forged = deliveryAbout(ids.get(1), "customers/update");
        awaitTrue(() -> forged.status() == 401, "refused");
        Thread.sleep(800);
        assertThat(received(ids.get(1))).isEmpty();
    }

    @Test
    void aDeliveryArrivingAfterALaterOneLeavesJoorWithTheLatestCustomer() throws Exception {
        long id = knownCustomer();
        hooks.holdNext(Duration.ofSeconds(3));
        sandbox.shopify.update(id, c -> c.setFirstName("Earlier"));
        sandbox.shopify.update(id, c -> c.setFirstName("Later"));
        List<Delivery> both = hooks.deliveries().stream().filter(d -> d.body().contains("/Customer/" + id + "\""))
                .toList();
        assertThat(both).hasSize(2);

        awaitTrue(() -> both.get(0).status() == 200 && inbox().waiting() == 0, "the earlier one answered and processed");
        assertThat(both.get(1).answeredAt()).as("the later delivery arrived first").isBefore(both.get(0).answeredAt());
        Thread.sleep(600);

        // each run reads the customer as Shopify has it now: the older state never reaches JOOR
        assertThat(received(id)).singleElement().asString().contains("Later").doesNotContain("Earlier");
    }

    // ------------------------------------------------------------------

    private long knownCustomer() {
        return sandbox.knownEligible().stream().map(Long::parseLong).sorted().findFirst().orElseThrow();
    }

    private Delivery deliveryAbout(long id, String topic) {
        return hooks.deliveries().stream().filter(d -> d.topic().equals(topic)
                && d.body().contains("\"gid://shopify/Customer/" + id + "\"")).reduce((a, b) -> b).orElseThrow();
    }

    private WebhookInbox inbox() {
        return app.context().getRegistry().lookupByNameAndType("sjsWebhookInbox", WebhookInbox.class);
    }

    private List<ObjectNode> received(long id) {
        return sandbox.joor.receivedConnections().stream()
                .filter(c -> c.path("customer_code").asText().equals(Long.toString(id))).toList();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
