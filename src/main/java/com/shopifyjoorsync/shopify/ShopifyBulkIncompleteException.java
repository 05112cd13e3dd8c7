package com.shopifyjoorsync.shopify;

/** A bulk read's file held fewer (or more) customers than Shopify counted: the window is read again. */
public class ShopifyBulkIncompleteException extends ShopifyException {
    public ShopifyBulkIncompleteException(String message) {
        super(message);
    }
}
