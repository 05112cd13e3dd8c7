package com.shopifyjoorsync.mapping;

/** A customer that cannot be exported as it stands in Shopify; dead-lettered, never retried unchanged. */
public class MalformedCustomerException extends RuntimeException {
    public MalformedCustomerException(String message) {
        super(message);
    }
}
