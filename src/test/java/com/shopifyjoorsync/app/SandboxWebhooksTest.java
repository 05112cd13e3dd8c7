package com.shopifyjoorsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.sandbox.ShopifySandboxWebhooks;
import com.shopifyjoorsync.sandbox.ShopifySandboxWebhooks.Delivery;
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
        int port = sandbox.webhooksOn(hooks.signingSecret() + "," + OLD_SECRET);
        app = sandbox.startAfterFirstCycle();

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

        SandboxHarness.soon("JOOR got the change")
                .until(() -> sandbox.receivedFor(id).stream().anyMatch(c -> c.toString().contains("Pushed")));
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
        SandboxHarness.soon("JOOR got the change")
                .until(() -> sandbox.receivedFor(id).size() == 1 && SandboxHarness.webhookInbox(app).waiting() == 0);
        Delivery delivery = deliveryAbout(id, "customers/update");

        hooks.resend(delivery);

        SandboxHarness.soon("the resend answered 200")
                .until(() -> delivery.attempts() == 2 && delivery.status() == 200);
        Thread.sleep(800); // a few webhook runs
        assertThat(SandboxHarness.webhookInbox(app).waiting()).isZero();
        assertThat(sandbox.receivedFor(id)).hasSize(1);
    }

    @Test
    void aDeliverySignedWithTheOldSecretIsTakenWhileBothAreConfiguredAndAnUnknownSecretIsRefused() throws Exception {
        List<Long> ids = sandbox.knownEligible().stream().map(Long::parseLong).sorted().limit(2).toList();
        hooks.signNextWith(OLD_SECRET);
        sandbox.shopify.update(ids.get(0), c -> c.setFirstName("Rotated"));
        SandboxHarness.soon("JOOR got it")
                .until(() -> sandbox.receivedFor(ids.get(0)).stream().anyMatch(c -> c.toString().contains("Rotated")));
        assertThat(deliveryAbout(ids.get(0), "customers/update").status()).isEqualTo(200);

        hooks.signNextWith("a-secret-nobody-configured");
        sandbox.shopify.update(ids.get(1), c -> c.setFirstName("Forged"));
        Delivery forged = deliveryAbout(ids.get(1), "customers/update");
        SandboxHarness.soon("refused")
                .until(() -> forged.status() == 401);
        Thread.sleep(800);
        assertThat(sandbox.receivedFor(ids.get(1))).isEmpty();
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

        SandboxHarness.soon("the earlier one answered and processed")
                .until(() -> both.get(0).status() == 200 && SandboxHarness.webhookInbox(app).waiting() == 0);
        assertThat(both.get(1).answeredAt()).as("the later delivery arrived first").isBefore(both.get(0).answeredAt());
        Thread.sleep(600);

        // each run reads the customer as Shopify has it now: the older state never reaches JOOR
        assertThat(sandbox.receivedFor(id)).singleElement().asString().contains("Later").doesNotContain("Earlier");
    }

    // ------------------------------------------------------------------

    private long knownCustomer() {
        return sandbox.knownEligible().stream().map(Long::parseLong).sorted().findFirst().orElseThrow();
    }

    private Delivery deliveryAbout(long id, String topic) {
        return hooks.deliveries().stream().filter(d -> d.topic().equals(topic)
                && d.body().contains("\"gid://shopify/Customer/" + id + "\"")).reduce((a, b) -> b).orElseThrow();
    }
}
