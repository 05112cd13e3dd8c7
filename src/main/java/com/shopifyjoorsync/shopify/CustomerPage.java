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
}
