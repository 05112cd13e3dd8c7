-- What was sent to JOOR and the customer as fetched, held until the job confirms them, are kept
-- deflated (zlib): a first cycle of 100,000 holds some 15,000 customers at once, and as JSON text
-- those rows outgrew the embedded store's page cache, so confirming each job read its pages back
-- from disk. Rows written before this version keep their JSON text (connection_json) and are read
-- as before; new rows leave connection_json and customer_json empty.
-- Portable SQL: the same script runs on H2 and PostgreSQL.
ALTER TABLE sjs_joor_unconfirmed ADD COLUMN connection_deflated BYTEA;
ALTER TABLE sjs_joor_unconfirmed ADD COLUMN customer_deflated BYTEA;
ALTER TABLE sjs_joor_unconfirmed ALTER COLUMN connection_json DROP NOT NULL;
