-- JOOR's bulk-connection jobs decide what is delivered to JOOR. A customer POSTed to JOOR is held
-- here, with the job that carries it, until JOOR reports that job finished with every record
-- processed: only then is its joor_hash recorded in sjs_customer_state.
-- Portable SQL: the same script runs on H2 and PostgreSQL.

-- Jobs JOOR accepted and nobody has read back finished yet.
CREATE TABLE sjs_joor_job (
    shop         VARCHAR(255)             NOT NULL,
    job_id       BIGINT                   NOT NULL,
    record_count INTEGER                  NOT NULL,
    cycle_id     VARCHAR(64),
    posted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (shop, job_id)
);

-- Customers sent to JOOR and not confirmed yet, one row per customer (its latest content): AWAITING
-- the result of job_id, or to RESEND because job_id (finished short, or failed) did not confirm
-- them: the next cycle sends that job's customers again in two halves. sends counts the POSTs of
-- this content JOOR accepted. What was sent and the customer as fetched are kept to resend it or to
-- dead-letter it.
CREATE TABLE sjs_joor_unconfirmed (
    shop            VARCHAR(255)             NOT NULL,
    customer_id     VARCHAR(50)              NOT NULL,
    job_id          BIGINT                   NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    joor_hash       VARCHAR(64)              NOT NULL,
    sends           INTEGER                  NOT NULL,
    connection_json VARCHAR(1000000)         NOT NULL,
    customer_json   VARCHAR(1000000),
    replay_file     VARCHAR(1000),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (shop, customer_id)
);
CREATE INDEX sjs_joor_unconfirmed_job ON sjs_joor_unconfirmed (shop, job_id);
