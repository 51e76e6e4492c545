-- runbook-bot schema on PostgreSQL, version 2: the encrypted credential store, as SQLite's V2__secret.sql. Only
-- SecretBox envelopes are stored; no plaintext value and no key material ever reaches this database.
CREATE TABLE secret (
    name       TEXT   NOT NULL PRIMARY KEY,
    ciphertext TEXT   NOT NULL,
    key_id     TEXT   NOT NULL,
    created_ms BIGINT NOT NULL,
    created_by TEXT   NOT NULL,
    updated_ms BIGINT NOT NULL,
    updated_by TEXT   NOT NULL
);
