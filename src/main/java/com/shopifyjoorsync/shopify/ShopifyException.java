package com.shopifyjoorsync.shopify;

/**
 * Base of every failure the Shopify client reports. Messages name what went wrong and which
 * setting to check; they never contain an access token or a client secret.
 *
 * <p>Subclasses of {@link ShopifyRetryableException} are worth retrying (after the pacer's wait);
 * every other {@code ShopifyException} is fatal for the cycle.
 */
public class ShopifyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ShopifyException(String message) {
        super(message);
    }

    public ShopifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
