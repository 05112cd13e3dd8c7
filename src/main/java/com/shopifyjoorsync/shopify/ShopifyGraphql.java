package com.shopifyjoorsync.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON bodies of the GraphQL requests ({@code {"query": ..., "variables": {...}}}) and
 * announces each request's estimated cost to the pacer, so that the route's
 * {@code sjsShopifyPacer.beforeRequest} waits for the right amount.
 *
 * <p>Bean {@code sjsShopifyGraphql}.
 */
public class ShopifyGraphql {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopifyCostPacer pacer;
    private final int maxPageSize;

    /** Pages of at most 250 customers (Shopify's maximum), smaller when the pacer says so. */
    public ShopifyGraphql(ShopifyCostPacer pacer) {
        this(pacer, ShopifyCostPacer.MAX_PAGE_SIZE);
    }

    /**
     * @param maxPageSize upper bound of a page (1..250); the pacer may choose fewer to stay within
     *                    the cost limits
     */
    public ShopifyGraphql(ShopifyCostPacer pacer, int maxPageSize) {
        if (pacer == null) {
            throw new IllegalArgumentException("pacer is required");
        }
        if (maxPageSize < 1 || maxPageSize > ShopifyCostPacer.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("Shopify page size must be between 1 and "
                    + ShopifyCostPacer.MAX_PAGE_SIZE + ", got " + maxPageSize);
        }
        this.pacer = pacer;
        this.maxPageSize = maxPageSize;
    }

    /** The shop query ({@link ShopifyQueries#SHOP}) as a request body. */
    public String shopRequest() {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", ShopifyQueries.SHOP);
        body.putObject("variables");
        pacer.planned(ShopifyQueries.SHOP_ESTIMATED_COST);
        return write(body);
    }

    /** The app's granted access scopes ({@link ShopifyQueries#ACCESS_SCOPES}) as a request body. */
    public String accessScopesRequest() {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", ShopifyQueries.ACCESS_SCOPES);
        body.putObject("variables");
        pacer.planned(ShopifyQueries.ACCESS_SCOPES_ESTIMATED_COST);
        return write(body);
    }

    /** The count of customers the search matches ({@link ShopifyQueries#CUSTOMERS_COUNT}) as a request body. */
    public String customersCountRequest(String search) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", ShopifyQueries.CUSTOMERS_COUNT);
        body.putObject("variables").put("query", blankToNull(search));
        pacer.planned(ShopifyQueries.CUSTOMERS_COUNT_ESTIMATED_COST);
        return write(body);
    }

    /**
     * One page of customers ({@link ShopifyQueries#CUSTOMERS_PAGE}) as a request body.
     *
     * @param search the search string ({@link CustomerSearchQuery#build}); null or blank reads every
     *               customer
     * @param cursor the previous page's {@code endCursor}; null or blank for the first page
     */
    public String customersPageRequest(String search, String cursor) {
        int first = Math.min(maxPageSize, pacer.pageSize());
        pacer.plannedPage(first);
        ObjectNode body = JSON.createObjectNode();
        body.put("query", ShopifyQueries.CUSTOMERS_PAGE);
        ObjectNode variables = body.putObject("variables");
        variables.put("first", first);
        variables.put("after", blankToNull(cursor));
        variables.put("query", blankToNull(search));
        return write(body);
    }

    /** Starts the bulk read of the customers a search matches ({@link ShopifyQueries#BULK_CUSTOMERS_RUN}). */
    public String bulkCustomersRequest(String search) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", ShopifyQueries.BULK_CUSTOMERS_RUN);
        body.putObject("variables").put("query", ShopifyQueries.bulkCustomersQuery(search));
        pacer.planned(ShopifyQueries.MUTATION_ESTIMATED_COST);
        return write(body);
    }

    /** A bulk operation's state ({@link ShopifyQueries#BULK_OPERATION}). */
    public String bulkOperationRequest(String id) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", ShopifyQueries.BULK_OPERATION);
        body.putObject("variables").put("id", id);
        pacer.planned(ShopifyQueries.BULK_OPERATION_ESTIMATED_COST);
        return write(body);
    }

    /**
     * A page of the app's webhook subscriptions ({@link ShopifyQueries#WEBHOOK_SUBSCRIPTIONS}) for
     * these topics (WebhookSubscriptionTopic values), after {@code cursor} (null: the first page).
     */
    public String webhookSubscriptionsRequest(java.util.List<String> topics, String cursor) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", ShopifyQueries.WEBHOOK_SUBSCRIPTIONS);
        ObjectNode variables = body.putObject("variables");
        variables.put("first", ShopifyQueries.WEBHOOK_SUBSCRIPTIONS_PAGE);
        variables.put("after", blankToNull(cursor));
        topics.forEach(variables.putArray("topics")::add);
        pacer.planned(ShopifyQueries.WEBHOOK_SUBSCRIPTIONS_ESTIMATED_COST);
        return write(body);
    }

    /**
     * The mutation that makes the change: {@link ShopifyQueries#WEBHOOK_SUBSCRIPTION_CREATE} for a new
     * subscription, else {@link ShopifyQueries#WEBHOOK_SUBSCRIPTION_UPDATE}; JSON payloads either way.
     */
    public String webhookSubscriptionRequest(WebhookSubscriptionChange change) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", change.creates() ? ShopifyQueries.WEBHOOK_SUBSCRIPTION_CREATE
                : ShopifyQueries.WEBHOOK_SUBSCRIPTION_UPDATE);
        ObjectNode variables = body.putObject("variables");
        if (change.creates()) {
            variables.put("topic", change.topic());
        } else {
            variables.put("id", change.id());
        }
        ObjectNode subscription = variables.putObject("subscription");
        subscription.put("uri", change.uri());
        subscription.put("format", "JSON");
        pacer.planned(ShopifyQueries.MUTATION_ESTIMATED_COST);
        return write(body);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a GraphQL request body", e);
        }
    }
}
