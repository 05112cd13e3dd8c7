package com.shopifyjoorsync.shopify;

/** Shopify's customersCount: the count, and whether it is only a lower bound (precision AT_LEAST). */
public record CustomerCount(long count, boolean atLeast) {
}
