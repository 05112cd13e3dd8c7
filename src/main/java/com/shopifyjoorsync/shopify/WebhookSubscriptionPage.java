package com.shopifyjoorsync.shopify;

import java.util.List;

/** One page of {@link ShopifyQueries#WEBHOOK_SUBSCRIPTIONS}. */
public record WebhookSubscriptionPage(List<WebhookSubscription> subscriptions, boolean hasNextPage, String endCursor) {
}
