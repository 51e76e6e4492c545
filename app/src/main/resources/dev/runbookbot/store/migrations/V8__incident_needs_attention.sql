-- runbook-bot schema, version 8: an incident may wait for a person after a remediation that did not help
-- (NEEDS_ATTENTION). SQLite cannot change a CHECK constraint in place, so the incident table is rebuilt with the same
-- columns, rows and indexes. Foreign keys stay on (the pragma cannot change inside the migration's transaction), so
-- their check is deferred to the commit: dropping the old table leaves the rows that refer to it without a parent,
-- and inserting the saved rows into the new table (renamed first, so references find it by name) gives it back.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE incident_v7 AS SELECT * FROM incident;

CREATE TABLE incident_v8 (
    id                     INTEGER PRIMARY KEY,
    title                  TEXT    NOT NULL,
    runbook_id             TEXT    NOT NULL,
    runbook_version        TEXT    NOT NULL,
    service                TEXT    NOT NULL,
    severity               TEXT    NOT NULL CHECK (severity IN ('P1', 'P2', 'P3', 'P4')),
    environment            TEXT    NOT NULL,
    source                 TEXT    NOT NULL
        CHECK (source IN ('ALERTMANAGER', 'PAGERDUTY', 'SLASH_COMMAND', 'CLI', 'METRIC_THRESHOLD')),
    dedup_key              TEXT,
    thread_channel         TEXT,
    thread_ts              TEXT,
    state                  TEXT    NOT NULL
        CHECK (state IN ('OPEN', 'DIAGNOSING', 'AWAITING_APPROVAL', 'REMEDIATING', 'RESOLVED', 'ESCALATED',
                         'NEEDS_ATTENTION')),
    triggered_by           TEXT    NOT NULL,
    created_ms             INTEGER NOT NULL,
    updated_ms             INTEGER NOT NULL,
    previous_id            INTEGER REFERENCES incident (id),
    acknowledged_by        TEXT,
    acknowledged_ms        INTEGER,
    escalation_deadline_ms INTEGER,
    version                INTEGER NOT NULL DEFAULT 0,
    CHECK ((thread_channel IS NULL) = (thread_ts IS NULL)),
    CHECK ((acknowledged_by IS NULL) = (acknowledged_ms IS NULL))
);

DROP TABLE incident;
ALTER TABLE incident_v8 RENAME TO incident;
INSERT INTO incident SELECT * FROM temp.incident_v7 ORDER BY id;
DROP TABLE temp.incident_v7;

-- At most one open incident per dedup key (Alertmanager fingerprint, PagerDuty incident id).
CREATE UNIQUE INDEX incident_open_dedup_key ON incident (dedup_key)
    WHERE dedup_key IS NOT NULL AND state <> 'RESOLVED';
CREATE INDEX incident_dedup_key ON incident (dedup_key, id);
CREATE INDEX incident_state ON incident (state, id);
CREATE INDEX incident_escalation_deadline ON incident (escalation_deadline_ms)
    WHERE escalation_deadline_ms IS NOT NULL;
