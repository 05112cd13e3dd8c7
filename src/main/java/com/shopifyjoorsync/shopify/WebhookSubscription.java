package com.shopifyjoorsync.shopify;

/**
 * One of the app's webhook subscriptions as Shopify lists it.
 *
 * @param id     its GID (gid://shopify/WebhookSubscription/...)
 * @param topic  Shopify's WebhookSubscriptionTopic value, e.g. CUSTOMERS_UPDATE
 * @param uri    where Shopify delivers
 * @param format JSON or XML
 */
public record WebhookSubscription(String id, String topic, String uri, String format) {
}
