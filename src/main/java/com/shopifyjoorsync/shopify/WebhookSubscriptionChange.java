package com.shopifyjoorsync.shopify;

/**
 * A subscription to make or to point elsewhere: {@code id} null creates one for {@code topic},
 * else the subscription {@code id} is updated. Either way it delivers JSON to {@code uri}.
 *
 * @param topic Shopify's WebhookSubscriptionTopic value, e.g. CUSTOMERS_UPDATE
 */
public record WebhookSubscriptionChange(String topic, String id, String uri) {
    public boolean creates() {
        return id == null;
    }
}
