-- The sync's state, keyed by shop from the start (one deployment may serve several shops later).
-- Portable SQL: the same script runs on H2 and PostgreSQL.

-- Where the next window starts, per shop and stream, and when the last full sweep ran.
CREATE TABLE sjs_watermark (
    shop            VARCHAR(255)             NOT NULL,
    stream          VARCHAR(64)              NOT NULL,
    watermark       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_full_sweep TIMESTAMP WITH TIME ZONE,
    last_cycle_id   VARCHAR(64),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (shop, stream)
);

-- One row per customer ever delivered or dead-lettered: where it stands, the content hash of what
-- was last delivered to each destination (unchanged content is never sent again), and the hash of
-- the customer as it was when dead-lettered (it waits for a change or a replay, not for every cycle).
CREATE TABLE sjs_customer_state (
    shop              VARCHAR(255)             NOT NULL,
    customer_id       VARCHAR(50)              NOT NULL,
    status            VARCHAR(32)              NOT NULL,
    joor_hash         VARCHAR(64),
    template_hash     VARCHAR(64),
    dead_letter_hash  VARCHAR(64),
    pending_since     TIMESTAMP WITH TIME ZONE,
    last_delivered_at TIMESTAMP WITH TIME ZONE,
    last_seen_cycle   VARCHAR(64),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (shop, customer_id)
);
CREATE INDEX sjs_customer_state_status ON sjs_customer_state (shop, status);

-- Template rows written in a cycle's working file, committed to sjs_customer_state only once the
-- file has reached Data Services.
CREATE TABLE sjs_template_staging (
    shop          VARCHAR(255)  NOT NULL,
    cycle_id      VARCHAR(64)   NOT NULL,
    customer_id   VARCHAR(50)   NOT NULL,
    template_hash VARCHAR(64)   NOT NULL,
    replay_file   VARCHAR(1000),
    PRIMARY KEY (shop, cycle_id, customer_id)
);
