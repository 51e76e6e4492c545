-- runbook-bot schema, version 6: a remediation run can be CANCELLED, its own final state for a run whose incident ended
-- (resolved by its alert, or closed by a person) before it ran. SQLite cannot change a CHECK constraint in place, so
-- remediation_run is rebuilt the way SQLite documents (create the new table, copy every row, drop the old one, rename
-- the new one, recreate its indexes). Foreign-key enforcement is off while migrations run and every reference is
-- checked (PRAGMA foreign_key_check) before they commit; rows and ids are unchanged, so run_approval, run_transition,
-- timeline_event and automation_event still point at the same runs.
CREATE TABLE remediation_run_v6 (
    id                   INTEGER PRIMARY KEY,
    incident_id          INTEGER NOT NULL REFERENCES incident (id),
    remediation_id       TEXT    NOT NULL,
    attempt              INTEGER NOT NULL CHECK (attempt >= 1),
    action               TEXT    NOT NULL,
    preview              TEXT    NOT NULL,
    state                TEXT    NOT NULL
        CHECK (state IN ('PROPOSED', 'APPROVED', 'REJECTED', 'EXPIRED', 'RUNNING', 'SUCCEEDED', 'FAILED',
                         'INTERRUPTED', 'CANCELLED')),
    requested_by         TEXT    NOT NULL,
    requested_ms         INTEGER NOT NULL,
    required_approvals   INTEGER NOT NULL CHECK (required_approvals >= 0),
    approval_deadline_ms INTEGER,
    run_deadline_ms      INTEGER,
    worker               TEXT,
    message_channel      TEXT,
    message_ts           TEXT,
    version              INTEGER NOT NULL DEFAULT 0,
    -- The idempotency key of a run: proposing the same attempt twice gives one run.
    UNIQUE (incident_id, remediation_id, attempt),
    CHECK ((message_channel IS NULL) = (message_ts IS NULL)),
    CHECK (state <> 'RUNNING' OR (worker IS NOT NULL AND run_deadline_ms IS NOT NULL))
);

INSERT INTO remediation_run_v6 (
    id, incident_id, remediation_id, attempt, action, preview, state, requested_by, requested_ms, required_approvals,
    approval_deadline_ms, run_deadline_ms, worker, message_channel, message_ts, version)
SELECT
    id, incident_id, remediation_id, attempt, action, preview, state, requested_by, requested_ms, required_approvals,
    approval_deadline_ms, run_deadline_ms, worker, message_channel, message_ts, version
FROM remediation_run;

DROP TABLE remediation_run;

ALTER TABLE remediation_run_v6 RENAME TO remediation_run;

CREATE INDEX remediation_run_state ON remediation_run (state, id);
