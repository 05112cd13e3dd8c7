package com.shopifyjoorsync.shopify;

import java.util.List;

/**
 * Shopify answered with GraphQL errors other than throttling (a wrong field, a missing scope, an
 * unexpected answer shape). Fatal: retrying the same query gives the same answer.
 */
public class ShopifyQueryException extends ShopifyException {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public ShopifyQueryException(String message, List<String> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /** The error messages Shopify sent, as sent. */
    public List<String> errors() {
        return errors;
    }
}
