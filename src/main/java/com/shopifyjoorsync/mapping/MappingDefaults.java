package com.shopifyjoorsync.mapping;

/**
 * What the mapping gets from the settings rather than from Shopify: the price label, and the
 * defaults for what Shopify has no field for (null when not set).
 */
public record MappingDefaults(String priceLabel, String paymentMethod, String shippingMethod, String salesRep,
        String discount) {
}
