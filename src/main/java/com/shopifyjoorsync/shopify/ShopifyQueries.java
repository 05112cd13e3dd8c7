package com.shopifyjoorsync.shopify;

/**
 * The GraphQL documents the sync sends to the Admin API. {@code ShopifyQueriesSchemaTest} validates
 * each one against Shopify's real schema of the pinned version and rejects deprecated fields, so a
 * change here that Shopify would refuse fails the build instead of a production cycle.
 */
public final class ShopifyQueries {

    /** The shop's identity and currency (there is no per-customer currency in GraphQL). */
    public static final String SHOP = """
            query SyncShop {
              shop {
                currencyCode
                myshopifyDomain
                name
              }
            }
            """;

    /**
     * The customer fields the mapping to JOOR needs: one selection, for the pages and the bulk read.
     * Shopify: https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Customer
     */
    static final String CUSTOMER_FIELDS = """
            id
            legacyResourceId
            firstName
            lastName
            displayName
            defaultEmailAddress { emailAddress }
            defaultPhoneNumber { phoneNumber }
            note
            tags
            state
            taxExempt
            createdAt
            updatedAt
            defaultAddress {
              firstName
              lastName
              company
              address1
              address2
              city
              province
              provinceCode
              countryCodeV2
              country
              zip
              phone
            }
            """;

    /**
     * One page of customers, oldest change first. Variables: {@code first} (page size, at most
     * 250), {@code after} (cursor, null for the first page), {@code query} (search string from
     * {@link CustomerSearchQuery}). Selects exactly what the mapping to JOOR needs.
     */
    public static final String CUSTOMERS_PAGE = """
            query SyncCustomersPage($first: Int!, $after: String, $query: String) {
              customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
                nodes {
            %s
                }
                pageInfo {
                  hasNextPage
                  endCursor
                }
              }
            }
            """.formatted(CUSTOMER_FIELDS);

    /**
     * Starts a bulk read of the customers a search matches
     * (https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/bulkOperationRunQuery). Variable
     * {@code query}: {@link #bulkCustomersQuery}. Shopify answers at once with the operation's id; the
     * customers come later as a JSONL file, one line per customer (no nested connection is asked).
     */
    public static final String BULK_CUSTOMERS_RUN = """
            mutation SyncBulkCustomers($query: String!) {
              bulkOperationRunQuery(query: $query, groupObjects: false) {
                bulkOperation {
                  id
                  status
                }
                userErrors {
                  code
                  field
                  message
                }
              }
            }
            """;

    /**
     * A bulk operation by id, polled until it ends
     * (https://shopify.dev/docs/api/admin-graphql/2026-10/objects/BulkOperation;
     * {@code currentBulkOperation} is deprecated since 2026-01). Variable {@code id}.
     */
    public static final String BULK_OPERATION = """
            query SyncBulkOperation($id: ID!) {
              bulkOperation(id: $id) {
                id
                status
                errorCode
                objectCount
                rootObjectCount
                url
                partialDataUrl
              }
            }
            """;

    /**
     * The query a bulk read runs: the customers a search matches, with the pages' fields, as
     * Shopify's bulk guide writes a connection (edges and node; first and after are ignored there).
     * https://shopify.dev/docs/api/usage/bulk-operations/queries
     */
    public static String bulkCustomersQuery(String search) {
        String argument = search == null || search.isBlank() ? "" : "query: " + quoted(search) + ", ";
        return "{\n  customers(" + argument + "sortKey: UPDATED_AT) {\n    edges {\n      node {\n" + CUSTOMER_FIELDS
                + "      }\n    }\n  }\n}\n";
    }

    /** A GraphQL string literal: its escapes are JSON's (https://spec.graphql.org/October2021/#sec-String-Value). */
    private static String quoted(String text) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /**
     * How many customers the cycle's search matches, for its progress lines. Variable {@code query}:
     * the same search string as {@link #CUSTOMERS_PAGE}. {@code limit: null} asks for the whole count;
     * Shopify may still answer a lower bound (precision {@code AT_LEAST}).
     */
    public static final String CUSTOMERS_COUNT = """
            query SyncCustomersCount($query: String) {
              customersCount(query: $query, limit: null) {
                count
                precision
              }
            }
            """;

    /**
     * The access scopes granted to the app on this shop, for {@code --check}. Protected customer data
     * is no scope: Shopify does not report it here (nor anywhere in the API).
     */
    public static final String ACCESS_SCOPES = """
            query SyncAccessScopes {
              currentAppInstallation {
                accessScopes {
                  handle
                }
              }
            }
            """;

    /** What the sync reads of a webhook subscription, in the listing and in both mutations' answers. */
    private static final String SUBSCRIPTION_FIELDS = """
            fragment SyncWebhookSubscriptionFields on WebhookSubscription {
              id
              topic
              uri
              format
            }
            """;

    /**
     * The app's webhook subscriptions for some topics, for {@code --register-webhooks} and
     * {@code --check}. Variables: {@code first}, {@code after} (cursor, null for the first page),
     * {@code topics} (WebhookSubscriptionTopic values, e.g. CUSTOMERS_UPDATE). {@code uri}, not the
     * deprecated {@code callbackUrl}
     * (shopify.dev/changelog/consolidate-webhook-graphql-surfaces). Only the subscriptions this app
     * made through the API are listed, not those of an app's TOML file.
     */
    public static final String WEBHOOK_SUBSCRIPTIONS = """
            query SyncWebhookSubscriptions($first: Int!, $after: String, $topics: [WebhookSubscriptionTopic!]) {
              webhookSubscriptions(first: $first, after: $after, topics: $topics, sortKey: CREATED_AT) {
                nodes {
                  ...SyncWebhookSubscriptionFields
                }
                pageInfo {
                  hasNextPage
                  endCursor
                }
              }
            }
            """ + SUBSCRIPTION_FIELDS;

    /**
     * Subscribes a topic at a URL, JSON payloads
     * (shopify.dev/docs/api/admin-graphql/latest/mutations/webhookSubscriptionCreate). Variables:
     * {@code topic} (e.g. CUSTOMERS_UPDATE), {@code subscription} ({@code {uri, format}}).
     */
    public static final String WEBHOOK_SUBSCRIPTION_CREATE = """
            mutation SyncWebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $subscription: WebhookSubscriptionInput!) {
              webhookSubscriptionCreate(topic: $topic, webhookSubscription: $subscription) {
                webhookSubscription {
                  ...SyncWebhookSubscriptionFields
                }
                userErrors {
                  field
                  message
                }
              }
            }
            """ + SUBSCRIPTION_FIELDS;

    /**
     * Points an existing subscription at a URL, JSON payloads
     * (shopify.dev/docs/api/admin-graphql/latest/mutations/webhookSubscriptionUpdate). Variables:
     * {@code id} (the subscription's GID), {@code subscription} ({@code {uri, format}}).
     */
    public static final String WEBHOOK_SUBSCRIPTION_UPDATE = """
            mutation SyncWebhookSubscriptionUpdate($id: ID!, $subscription: WebhookSubscriptionInput!) {
              webhookSubscriptionUpdate(id: $id, webhookSubscription: $subscription) {
                webhookSubscription {
                  ...SyncWebhookSubscriptionFields
                }
                userErrors {
                  field
                  message
                }
              }
            }
            """ + SUBSCRIPTION_FIELDS;

    /** Subscriptions read a page at a time: our six topics rarely have more than one each. */
    public static final int WEBHOOK_SUBSCRIPTIONS_PAGE = 50;

    /** Estimated cost of {@link #WEBHOOK_SUBSCRIPTIONS}: a connection of a page of objects. */
    public static final int WEBHOOK_SUBSCRIPTIONS_ESTIMATED_COST = 2 + WEBHOOK_SUBSCRIPTIONS_PAGE;

    /** Estimated cost of a mutation: Shopify charges 10 points. */
    public static final int MUTATION_ESTIMATED_COST = 10;

    /** Estimated cost of {@link #ACCESS_SCOPES}: the installation and its list of scopes. */
    public static final int ACCESS_SCOPES_ESTIMATED_COST = 2;

    /** Estimated cost of {@link #CUSTOMERS_COUNT}: one object. */
    public static final int CUSTOMERS_COUNT_ESTIMATED_COST = 1;

    /**
     * Estimated cost of {@link #SHOP}: one object. Shopify's calculated cost is 1 point per object,
     * 0 per scalar.
     */
    /** {@link #BULK_OPERATION}: one object, no connection. */
    public static final int BULK_OPERATION_ESTIMATED_COST = 1;

    public static final int SHOP_ESTIMATED_COST = 1;

    /**
     * First guess at the cost of one node of {@link #CUSTOMERS_PAGE} before Shopify has told us:
     * the customer, its default address, e-mail and phone objects (1 point each). The pacer
     * replaces it with what {@code requestedQueryCost} reports.
     */
    public static final int CUSTOMER_NODE_COST_GUESS = 4;

    private ShopifyQueries() {
    }
}
