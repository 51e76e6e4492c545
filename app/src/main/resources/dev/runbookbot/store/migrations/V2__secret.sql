-- runbook-bot schema, version 2: the encrypted credential store. `ciphertext` is SecretBox's base64 envelope
-- (format version, key id, random IV, AES-256-GCM ciphertext and tag; the secret's name is bound as authenticated
-- data). `key_id` repeats the envelope's key id so that listings need no key. No plaintext value and no key material
-- is ever written to this database.

CREATE TABLE secret (
    name       TEXT    NOT NULL PRIMARY KEY,
    ciphertext TEXT    NOT NULL,
    key_id     TEXT    NOT NULL,
    created_ms INTEGER NOT NULL,
    created_by TEXT    NOT NULL,
    updated_ms INTEGER NOT NULL,
    updated_by TEXT    NOT NULL
);
