package com.shopifyjoorsync.shopify;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@code query:} search string of the customers query: any of the tags, optionally
 * changed since an instant, e.g.
 * {@code (tag:'JOOR_ENABLED' OR tag:'JOOR' OR tag:'WHOLESALE') updated_at:>='2026-11-01T00:00:00Z'}.
 *
 * <p><b>The search only narrows.</b> Shopify's {@code updated_at} filter matches whole days (the
 * time part is reported ignored, {@code >} acting as {@code >=}) and its search index can lag tag
 * changes. The caller must still compare each customer's {@code updatedAt} with its window and
 * check the tags itself; this string only saves reading customers that cannot qualify.
 */
public final class CustomerSearchQuery {

    private CustomerSearchQuery() {
    }

    /**
     * @param tags         the customer tags, any of which makes a customer eligible; blank entries
     *                     and duplicates are dropped; at least one must remain
     * @param updatedSince lower bound of {@code updated_at} (inclusive, truncated to the second), or
     *                     null for every tagged customer
     * @throws IllegalArgumentException when no tag is given
     */
    public static String build(List<String> tags, Instant updatedSince) {
        if (tags == null) {
            throw new IllegalArgumentException("At least one customer tag is needed (shopify.customer-tags is empty)");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag != null && !tag.isBlank()) {
                distinct.add(tag.trim());
            }
        }
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("At least one customer tag is needed (shopify.customer-tags is empty)");
        }
        StringBuilder query = new StringBuilder("(");
        String separator = "";
        for (String tag : distinct) {
            query.append(separator).append("tag:").append(quote(tag));
            separator = " OR ";
        }
        query.append(')');
        if (updatedSince != null) {
            String since = DateTimeFormatter.ISO_INSTANT.format(updatedSince.truncatedTo(ChronoUnit.SECONDS));
            query.append(" updated_at:>=").append(quote(since));
        }
        return query.toString();
    }

    /** Single-quotes a search value, escaping backslashes and single quotes with a backslash. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
