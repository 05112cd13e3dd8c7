package com.shopifyjoorsync.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.state.WebhookInbox;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Checks a Shopify webhook delivery before anything of it is read, then reads what it is about.
 * Shopify's "Verify webhooks" (shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook):
 * {@code X-Shopify-Hmac-SHA256} is the base64 HMAC-SHA256 of the raw body with the app's client
 * secret; after a secret rotation the old one signs for up to an hour, so several secrets are tried.
 * Headers (same page): X-Shopify-Topic, X-Shopify-Shop-Domain, X-Shopify-Webhook-Id,
 * X-Shopify-Event-Id, X-Shopify-Triggered-At. Payloads: ../shared/shopify/webhooks/ (2026-07).
 */
public final class ShopifyWebhooks {
    /** The topics the receiver takes; anything else is refused (a subscription this product never makes). */
    public static final Set<String> TOPICS = Set.of("customers/create", "customers/update", "customers/delete",
            "customers/merge", "customer.tags_added", "customer.tags_removed");
    private static final String CUSTOMER_GID = "gid://shopify/Customer/";

    private final List<byte[]> secrets;
    private final String shopDomain;
    private final int maxBytes;
    private final ObjectMapper json;

    /**
     * @param secrets the client secrets deliveries may be signed with (the current one first)
     * @param shopDomain the shop's myshopify.com domain, as Shopify names it in X-Shopify-Shop-Domain
     * @param maxBytes the largest body taken
     */
    public ShopifyWebhooks(List<String> secrets, String shopDomain, int maxBytes, ObjectMapper json) {
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.shopDomain = shopDomain;
        this.maxBytes = maxBytes;
        this.json = json;
    }

    /**
     * The delivery as the inbox stores it, or {@link WebhookRefusedException}: 413 oversized, 401
     * unsigned or badly signed, 400 from another shop, of another topic, without ids, or unreadable.
     */
    public WebhookInbox.Delivery verify(Exchange exchange) {
        Message in = exchange.getMessage();
        Long length = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (length != null && length > maxBytes) {
            throw new WebhookRefusedException(413, "body of " + length + " bytes, over webhooks.max-body-size=" + maxBytes);
        }
        byte[] body = in.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > maxBytes) {
            throw new WebhookRefusedException(413, "body of " + body.length + " bytes, over webhooks.max-body-size=" + maxBytes);
        }
        String signature = in.getHeader("X-Shopify-Hmac-SHA256", String.class);
        if (signature == null || signature.isBlank()) {
            throw new WebhookRefusedException(401, "no X-Shopify-Hmac-SHA256 signature");
        }
        if (!signedByOneOf(body, signature.trim())) {
            throw new WebhookRefusedException(401, "X-Shopify-Hmac-SHA256 does not match the body with any of webhooks.secrets");
        }
        String domain = in.getHeader("X-Shopify-Shop-Domain", String.class);
        if (domain == null || !domain.trim().equalsIgnoreCase(shopDomain)) {
            throw new WebhookRefusedException(400, "X-Shopify-Shop-Domain " + domain + " is not this sync's shop " + shopDomain);
        }
        String topic = in.getHeader("X-Shopify-Topic", String.class);
        if (topic == null || !TOPICS.contains(topic.trim())) {
            throw new WebhookRefusedException(400, "X-Shopify-Topic " + topic + " is not one this sync subscribes to");
        }
        topic = topic.trim();
        String webhookId = in.getHeader("X-Shopify-Webhook-Id", String.class);
        if (webhookId == null || webhookId.isBlank()) {
            throw new WebhookRefusedException(400, "no X-Shopify-Webhook-Id");
        }
        String eventId = in.getHeader("X-Shopify-Event-Id", String.class);
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new WebhookRefusedException(400, topic + " payload is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new WebhookRefusedException(400, topic + " payload cannot be read: " + e.getMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw new WebhookRefusedException(400, topic + " payload is not a JSON object");
        }
        String customer;
        String other = null;
        if (topic.equals("customers/merge")) {
            // the customer merged away, and the one kept (customers/merge payload). Only a merge whose
            // status says it is done removed anyone; the example payload shows "failed" with errors.
            // Assumed (no list of statuses is published): "completed" is the one that did.
            boolean done = "completed".equalsIgnoreCase(payload.path("status").asText(""));
            customer = done ? code(payload, "admin_graphql_api_customer_deleted_id", topic) : null;
            other = done ? code(payload, "admin_graphql_api_customer_kept_id", topic) : null;
        } else if (topic.startsWith("customer.")) {
            customer = code(payload, "customerId", topic);
        } else {
            // never the numeric "id": JSON numbers beyond 2^53 arrive rounded (the examples show it)
            customer = code(payload, "admin_graphql_api_id", topic);
        }
        String key = eventId == null || eventId.isBlank() ? "webhook:" + webhookId.trim() : "event:" + eventId.trim() + ":" + topic;
        return new WebhookInbox.Delivery(key, webhookId.trim(), topic, customer, other,
                instant(in.getHeader("X-Shopify-Triggered-At", String.class)));
    }

    private boolean signedByOneOf(byte[] body, String signature) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean match = false;
        for (byte[] secret : secrets) {
            // every secret is tried, so the time taken does not tell which one matched
            match |= MessageDigest.isEqual(hmac(secret, body), given);
        }
        return match;
    }

    /** Base64 HMAC-SHA256 of a body with a secret: how Shopify signs (and how the tests and the sandbox sign). */
    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The Customer Code (legacy id digits) of a customer GID field. */
    private static String code(JsonNode payload, String field, String topic) {
        JsonNode value = payload.get(field);
        String text = value == null || !value.isTextual() ? null : value.asText();
        if (text == null || !text.startsWith(CUSTOMER_GID) || !text.substring(CUSTOMER_GID.length()).matches("\\d{1,19}")) {
            throw new WebhookRefusedException(400, topic + " payload has no customer GID in " + field + " (got " + value + ")");
        }
        return text.substring(CUSTOMER_GID.length());
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
