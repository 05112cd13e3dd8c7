package com.shopifyjoorsync.shopify;

/**
 * A failure that a later attempt can cure (throttling, a server error, a page that cost too much,
 * an expired token). Routes redeliver on this type and treat every other
 * {@link ShopifyException} as fatal.
 */
public class ShopifyRetryableException extends ShopifyException {

    private static final long serialVersionUID = 1L;

    public ShopifyRetryableException(String message) {
        super(message);
    }

    public ShopifyRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
