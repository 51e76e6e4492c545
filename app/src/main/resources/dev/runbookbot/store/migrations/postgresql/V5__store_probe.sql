-- runbook-bot schema on PostgreSQL, version 5: the heartbeat row of the readiness check, as SQLite's
-- V5__store_probe.sql. On PostgreSQL the probe proves that the primary takes writes (a lost connection, a server
-- restarting or a standby after a switch-over fails it).
CREATE TABLE store_probe (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    written_ms BIGINT  NOT NULL,
    ballast    BYTEA   NOT NULL
);
