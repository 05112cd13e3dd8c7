package com.shopifyjoorsync.shopify;

import java.time.Duration;
import java.util.Optional;

/**
 * Shopify throttled the request (GraphQL {@code THROTTLED}, HTTP 429). Retryable: the pacer has
 * already recorded the bucket level (and any {@code Retry-After}), so the next
 * {@link ShopifyCostPacer#beforeRequest()} waits long enough.
 */
public class ShopifyThrottledException extends ShopifyRetryableException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public ShopifyThrottledException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
