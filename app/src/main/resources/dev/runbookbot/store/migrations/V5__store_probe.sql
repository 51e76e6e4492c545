-- runbook-bot schema, version 5: the heartbeat of the "store writable" readiness check. The probe rewrites its one row
-- (with a blob large enough to need new pages in the write-ahead log) on a timer, so /readyz reports a full disk or a
-- failing file even while nothing else is being written, and reports it fixed once a write works again.
CREATE TABLE store_probe (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    written_ms INTEGER NOT NULL,
    ballast    BLOB    NOT NULL
);
