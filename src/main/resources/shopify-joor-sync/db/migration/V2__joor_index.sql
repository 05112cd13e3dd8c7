-- The known-code index (the Customer Codes JOOR's connection list gave) the sync last routed on, per
-- shop: how many codes it held and when it was read. A later list much smaller than this is not
-- routed on (joor.index-shrink-tolerance), across restarts too.
-- Portable SQL: the same script runs on H2 and PostgreSQL.
CREATE TABLE sjs_joor_index (
    shop        VARCHAR(255)             NOT NULL,
    known_codes INTEGER                  NOT NULL,
    read_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (shop)
);
