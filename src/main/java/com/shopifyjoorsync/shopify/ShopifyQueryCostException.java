package com.shopifyjoorsync.shopify;

/**
 * Shopify rejected a page as too expensive ({@code MAX_COST_EXCEEDED}, more than 1000 requested
 * points). The pacer has already shrunk the page size: retrying with a freshly built request
 * ({@link ShopifyGraphql#customersPageRequest}) asks for fewer customers.
 */
public class ShopifyQueryCostException extends ShopifyRetryableException {

    private static final long serialVersionUID = 1L;

    public ShopifyQueryCostException(String message) {
        super(message);
    }
}
