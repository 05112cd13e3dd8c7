package com.shopifyjoorsync.app;

import java.time.Instant;
import java.util.List;

import com.shopifyjoorsync.shopify.CustomerSearchQuery;

/** The cycle's Shopify search: the configured tags, updated since the window start (by day). */
public final class CustomerSearch {
    private final List<String> tags;

    public CustomerSearch(List<String> tags) {
        this.tags = List.copyOf(tags);
    }

    public String build(Instant windowStart) {
        return CustomerSearchQuery.build(tags, windowStart);
    }
}
