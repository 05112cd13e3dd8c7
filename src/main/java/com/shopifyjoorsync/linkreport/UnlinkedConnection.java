package com.shopifyjoorsync.linkreport;

/** A JOOR connection whose Customer Code is no tagged Shopify customer's id, with its likely match. */
public record UnlinkedConnection(ListedConnection connection, LikelyMatch match) {
}
