package com.shopifyjoorsync.shopify;

import java.util.List;

/**
 * The {@code query:} search string of the customers query that finds customers by id
 * ({@code id:123 OR id:456}), whatever their tags: used to tell whether a code belongs to a Shopify
 * customer without reading the whole store.
 */
public final class CustomerIdSearch {
    /** Ids per search: keeps the search string short; a template rarely has more rows than a few batches. */
    public static final int IDS_PER_SEARCH = 50;

    private CustomerIdSearch() {
    }

    /** @param ids legacyResourceIds (digits only), at least one */
    public static String build(List<String> ids) {
        if (ids.isEmpty() || ids.stream().anyMatch(id -> !id.matches("\\d{1,19}"))) {
            throw new IllegalArgumentException("customer ids are digits, and at least one is needed: " + ids);
        }
        return "id:" + String.join(" OR id:", ids);
    }
}
