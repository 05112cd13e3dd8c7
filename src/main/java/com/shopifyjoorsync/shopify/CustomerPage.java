package com.shopifyjoorsync.shopify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page of the customers query.
 *
 * @param customers   the customer nodes exactly as Shopify sent them (ids untouched:
 *                    {@code legacyResourceId} stays the string Shopify sent)
 * @param hasNextPage whether another page follows
 * @param endCursor   the cursor to ask for the next page with; null on an empty last page
 */
public record CustomerPage(List<ObjectNode> customers, boolean hasNextPage, String endCursor) {

    public CustomerPage {
        customers = List.copyOf(customers);
    }

    /**
     * Camel keys its cache of bean methods by the body, and the default hash walks every node of the
     * page: the cursor and size say enough (equal pages still hash alike).
     */
    @Override
    public int hashCode() {
        return java.util.Objects.hash(endCursor, hasNextPage, customers.size());
    }
}
