package com.shopifyjoorsync.shopify;

import java.util.List;

/**
 * Shopify's answer to {@code webhookSubscriptionCreate} or {@code webhookSubscriptionUpdate}: the
 * subscription as it now is, or the userErrors saying why not (then {@code subscription} is null).
 */
public record WebhookSubscriptionResult(WebhookSubscription subscription, List<String> userErrors) {
}
