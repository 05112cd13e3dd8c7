package com.shopifyjoorsync.shopify;

/** Shopify could not answer properly (HTTP 5xx, a body that is not JSON, a network failure). Retryable. */
public class ShopifyUnavailableException extends ShopifyRetryableException {

    private static final long serialVersionUID = 1L;

    public ShopifyUnavailableException(String message) {
        super(message);
    }

    public ShopifyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
