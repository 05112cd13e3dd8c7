package com.shopifyjoorsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopifyjoorsync.webhooks.ShopifyWebhooks;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox store's webhook subscriptions (Shopify's query and mutations, userErrors included) and
 * the deliveries it makes when its customers change, received by a bare HTTP server.
 */
class ShopifySandboxWebhooksTest {
    private static final String CREATE = "mutation($topic: WebhookSubscriptionTopic!, $s: WebhookSubscriptionInput!) {"
            + " webhookSubscriptionCreate(topic: $topic, webhookSubscription: $s) {"
            + " webhookSubscription { id topic uri format apiVersion { handle } } userErrors { field message } } }";
    private static final String UPDATE = "mutation($id: ID!, $s: WebhookSubscriptionInput!) {"
            + " webhookSubscriptionUpdate(id: $id, webhookSubscription: $s) {"
            + " webhookSubscription { id uri } userErrors { field message } } }";
    private static final String LIST = "query($after: String) { webhookSubscriptions(first: 2, after: $after,"
            + " topics: [CUSTOMERS_UPDATE, CUSTOMERS_DELETE]) { nodes { id topic uri } pageInfo { hasNextPage endCursor } } }";

    private record Received(Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        JsonNode json() throws IOException {
            return ShopifySandboxHttp.JSON.readTree(body);
        }
    }

    private final ShopifySandbox sandbox = ShopifySandbox.start(DemoData.demo());
    private final ShopifySandboxHttp http = new ShopifySandboxHttp(sandbox);
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        sandbox.close();
    }

    private String receiverUrl() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(new Received(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    private ShopifySandboxHttp.Reply create(String topic, String uri) {
        return http.query(CREATE, Map.of("topic", topic, "s", Map.of("uri", uri, "format", "JSON")));
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        assertThat(r).as("a delivery within 5 s").isNotNull();
        return r;
    }

    @Test
    void subscriptionsAreCreatedListedPagedAndUpdatedAndRefusalsAreUserErrors() {
        ShopifySandboxHttp.Reply created = create("CUSTOMERS_UPDATE", "https://a.example/hooks");
        JsonNode subscription = created.data().at("/webhookSubscriptionCreate/webhookSubscription");
        assertThat(created.data().at("/webhookSubscriptionCreate/userErrors")).isEmpty();
        assertThat(subscription.path("topic").asText()).isEqualTo("CUSTOMERS_UPDATE");
        assertThat(subscription.path("format").asText()).isEqualTo("JSON");
        assertThat(subscription.at("/apiVersion/handle").asText()).isEqualTo("2026-10");
        create("CUSTOMERS_DELETE", "https://a.example/hooks");
        create("CUSTOMERS_DELETE", "https://b.example/hooks");
        create("CUSTOMERS_CREATE", "https://a.example/hooks");

        JsonNode page1 = http.query(LIST).data().path("webhookSubscriptions");
        assertThat(page1.path("nodes")).hasSize(2);
        assertThat(page1.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        JsonNode page2 = http.query(LIST, Map.of("after", page1.at("/pageInfo/endCursor").asText()))
                .data().path("webhookSubscriptions");
        assertThat(page2.path("nodes")).singleElement().satisfies(n -> assertThat(n.path("uri").asText())
                .isEqualTo("https://b.example/hooks"));
        assertThat(page2.at("/pageInfo/hasNextPage").asBoolean()).isFalse();

        assertThat(userErrors(create("CUSTOMERS_UPDATE", "https://a.example/hooks"), "webhookSubscriptionCreate"))
                .containsExactly("Address for this topic has already been taken");
        assertThat(userErrors(create("CUSTOMERS_UPDATE", "http://a.example/hooks"), "webhookSubscriptionCreate"))
                .containsExactly("Address protocol http:// is not supported");
        assertThat(userErrors(create("CUSTOMERS_UPDATE", ""), "webhookSubscriptionCreate"))
                .containsExactly("Address can't be blank");

        ShopifySandboxHttp.Reply updated = http.query(UPDATE, Map.of("id", subscription.path("id").asText(),
                "s", Map.of("uri", "https://c.example/hooks")));
        assertThat(updated.data().at("/webhookSubscriptionUpdate/webhookSubscription/uri").asText())
                .isEqualTo("https://c.example/hooks");
        assertThat(sandbox.webhooks().subscriptions().get("CUSTOMERS_UPDATE")).containsExactly("https://c.example/hooks");
        assertThat(userErrors(http.query(UPDATE, Map.of("id", "gid://shopify/WebhookSubscription/9",
                "s", Map.of("uri", "https://c.example/hooks"))), "webhookSubscriptionUpdate"))
                .containsExactly("Webhook subscription does not exist");
        // the other mutations stay refused
        assertThat(http.query("mutation { customerDelete(input: {id: \"gid://shopify/Customer/1\"}) { deletedCustomerId } }")
                .firstError().path("extensions").path("code").asText()).isEqualTo("NOT_SUPPORTED_BY_SANDBOX");
    }

    @Test
    void aChangedCustomerIsDeliveredSignedWithShopifysHeadersAndPayloads() throws Exception {
        String url = receiverUrl();
        for (String topic : List.of("CUSTOMERS_UPDATE", "CUSTOMER_TAGS_ADDED", "CUSTOMERS_DELETE", "CUSTOMERS_CREATE")) {
            create(topic, url);
        }
        long id = DemoData.demo().eligibleIds().get(0);

        sandbox.update(id, c -> c.setFirstName("Hooked").setTags(java.util.stream.Stream.concat(c.getTags().stream(),
                java.util.stream.Stream.of("VIP")).toList()));
        Received update = next();
        Received tags = next();
        if (!"customers/update".equals(update.header("X-Shopify-Topic"))) {
            Received swap = update;
            update = tags;
            tags = swap;
        }

        assertThat(update.header("X-Shopify-Topic")).isEqualTo("customers/update");
        assertThat(update.header("X-Shopify-Hmac-SHA256")).isEqualTo(ShopifyWebhooks.sign(sandbox.clientSecret(),
                update.body()));
        assertThat(update.header("X-Shopify-Shop-Domain")).isEqualTo(ShopifySandbox.SHOP_DOMAIN);
        assertThat(update.header("X-Shopify-API-Version")).isEqualTo("2026-10");
        assertThat(update.header("X-Shopify-Webhook-Id")).isNotBlank();
        assertThat(update.header("X-Shopify-Event-Id")).isNotBlank();
        assertThat(Instant.parse(update.header("X-Shopify-Triggered-At"))).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(10, java.time.temporal.ChronoUnit.SECONDS));
        assertThat(update.json().path("admin_graphql_api_id").asText()).isEqualTo("gid://shopify/Customer/" + id);
        assertThat(update.json().path("id").asLong()).isEqualTo(id);
        assertThat(update.json().path("first_name").asText()).isEqualTo("Hooked");
        assertThat(update.json().has("tags")).isFalse();
        assertThat(tags.header("X-Shopify-Topic")).isEqualTo("customer.tags_added");
        assertThat(tags.json().path("customerId").asText()).isEqualTo("gid://shopify/Customer/" + id);
        assertThat(tags.json().path("tags")).extracting(JsonNode::asText).containsExactly("VIP");

        sandbox.webhooks().setSigningSecret("rotated");
        sandbox.remove(id);
        Received delete = next();
        assertThat(delete.header("X-Shopify-Topic")).isEqualTo("customers/delete");
        assertThat(delete.header("X-Shopify-Hmac-SHA256")).isEqualTo(ShopifyWebhooks.sign("rotated", delete.body()));
        assertThat(new String(delete.body(), StandardCharsets.UTF_8)).contains("\"admin_graphql_api_id\":\"gid://shopify/Customer/" + id);

        SandboxCustomer fresh = DemoData.demo().customers().get(0).copy().setLegacyResourceId(990_000_002L);
        sandbox.put(fresh);
        Received create = next();
        assertThat(create.header("X-Shopify-Topic")).isEqualTo("customers/create");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("nothing else").isNull();
        assertThat(sandbox.webhooks().deliveries()).hasSize(4).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
    }

    @Test
    void withoutSubscriptionsNothingIsDelivered() throws Exception {
        receiverUrl();
        sandbox.update(DemoData.demo().eligibleIds().get(0), c -> c.setFirstName("Quiet"));
        assertThat(received.poll(Duration.ofMillis(300).toMillis(), TimeUnit.MILLISECONDS)).isNull();
        assertThat(sandbox.webhooks().deliveries()).isEmpty();
    }

    private static List<String> userErrors(ShopifySandboxHttp.Reply reply, String mutation) {
        assertThat(reply.data().path(mutation).path("webhookSubscription").isNull()).isTrue();
        return reply.data().path(mutation).path("userErrors").findValuesAsText("message");
    }
}
