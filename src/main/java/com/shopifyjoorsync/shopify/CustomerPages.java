package com.shopifyjoorsync.shopify;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Body;

/**
 * The route's view of a {@link CustomerPage}: its cursor and its customers. A bean rather than
 * {@code ${body.endCursor}}: Camel caches the methods of a body called from simple by the body
 * object itself (up to 1,000 of them), which kept every page read, and its customers, in memory.
 *
 * <p>Bean {@code sjsShopifyPages}.
 */
public class CustomerPages {

    public String endCursor(@Body CustomerPage page) {
        return page.endCursor();
    }

    public boolean hasNextPage(@Body CustomerPage page) {
        return page.hasNextPage();
    }

    public List<ObjectNode> customers(@Body CustomerPage page) {
        return page.customers();
    }
}
