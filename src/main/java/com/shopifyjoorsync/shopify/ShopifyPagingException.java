package com.shopifyjoorsync.shopify;

/**
 * Shopify's customer pages would keep a loop going forever: a cursor that does not move, empty pages
 * that keep saying more follow, more customers than Shopify counted. Fatal for the cycle (its
 * watermark stays, the next cycle reads the window again): asking again gives the same pages.
 */
public class ShopifyPagingException extends ShopifyException {
    private static final long serialVersionUID = 1L;

    public ShopifyPagingException(String message) {
        super(message);
    }
}
