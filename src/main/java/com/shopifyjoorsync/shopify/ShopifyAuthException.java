package com.shopifyjoorsync.shopify;

/** Shopify refused the credentials (HTTP 401/403, or a refused client-credentials grant). Fatal. */
public class ShopifyAuthException extends ShopifyException {

    private static final long serialVersionUID = 1L;

    public ShopifyAuthException(String message) {
        super(message);
    }
}
