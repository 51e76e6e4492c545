-- runbook-bot schema on PostgreSQL, version 9: the leases and diagnosis claims of several replicas, as SQLite's
-- V9__lease.sql (docs/scaling.md). expires_ms and claimed_ms are times on the server's clock (clock_timestamp()).
CREATE TABLE lease (
    name       TEXT   PRIMARY KEY,
    holder     TEXT   NOT NULL,
    token      BIGINT NOT NULL CHECK (token > 0),
    expires_ms BIGINT NOT NULL
);

CREATE TABLE diagnosis_claim (
    incident_id BIGINT PRIMARY KEY REFERENCES incident (id),
    holder      TEXT   NOT NULL,
    claimed_ms  BIGINT NOT NULL
);
