-- Shopify's webhooks (routes/webhooks.camel.yaml). A delivery is stored before Shopify gets its 200,
-- so that a crash right after loses nothing, and processed later by the webhook runs. Shopify
-- delivers at least once and a retry carries the same ids: the key makes a repeat a no-op.
-- Portable SQL: the same script runs on H2 and PostgreSQL.

-- One row per delivery, keyed by X-Shopify-Event-Id when Shopify sends one, else by
-- X-Shopify-Webhook-Id. customer_id is the Customer Code (the legacy id's digits) the delivery is
-- about; other_customer_id the customer a merge kept. processed_at is null until a run took it.
CREATE TABLE sjs_webhook_delivery (
    shop              VARCHAR(255) NOT NULL,
    delivery_key      VARCHAR(255) NOT NULL,
    webhook_id        VARCHAR(255) NOT NULL,
    topic             VARCHAR(64)  NOT NULL,
    customer_id       VARCHAR(40),
    other_customer_id VARCHAR(40),
    triggered_at      TIMESTAMP WITH TIME ZONE,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (shop, delivery_key)
);
CREATE INDEX sjs_webhook_delivery_pending ON sjs_webhook_delivery (shop, processed_at, received_at);

-- Customers Shopify deleted or merged into another (only webhooks tell): reported, never deleted
-- from JOOR by the sync.
CREATE TABLE sjs_removed_customer (
    shop        VARCHAR(255) NOT NULL,
    customer_id VARCHAR(40)  NOT NULL,
    removal     VARCHAR(16)  NOT NULL,
    merged_into VARCHAR(40),
    removed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (shop, customer_id)
);
