package com.shopifyjoorsync.shopify;

/**
 * Shopify refused (HTTP 401) a token obtained by the client-credentials grant that had been in use
 * for a while: the cached token was dropped and the next request fetches a fresh one. Retryable,
 * unlike {@link ShopifyAuthException}.
 */
public class ShopifyTokenExpiredException extends ShopifyRetryableException {

    private static final long serialVersionUID = 1L;

    public ShopifyTokenExpiredException(String message) {
        super(message);
    }
}
