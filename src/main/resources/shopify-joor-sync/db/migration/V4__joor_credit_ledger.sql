-- JOOR's credit budget is the account's, not a process's: every process on this store (the sync,
-- --replay-dead-letters, --link-report, --check, several nodes on one PostgreSQL) records here what
-- it spends and reads what the others spent before it sends, so that together they stay within
-- JOOR's window (JoorCreditPacer says how the window is counted). Times are the pacer's clock:
-- nanoseconds since 1970-01-01 UTC.
-- Portable SQL: the same script runs on H2 and PostgreSQL.

-- One row per JOOR account (its API URL). A process locks it while it decides whether a request
-- may go; it also holds JOOR's last pause (a 429's Retry-After), which every process waits out.
CREATE TABLE sjs_joor_credit_account (
    account      VARCHAR(1000) NOT NULL,
    paused_until BIGINT,
    reset_at     BIGINT,
    PRIMARY KEY (account)
);

-- One row per request sent whose credits may still count: until expires_at (a window and a margin
-- after its answer; two windows after its sending while no answer came).
CREATE TABLE sjs_joor_credit_spend (
    id          BIGINT        NOT NULL,
    account     VARCHAR(1000) NOT NULL,
    credits     INTEGER       NOT NULL,
    sent_at     BIGINT        NOT NULL,
    answered_at BIGINT,
    expires_at  BIGINT        NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX sjs_joor_credit_spend_account ON sjs_joor_credit_spend (account, expires_at);
