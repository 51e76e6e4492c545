-- runbook-bot schema, version 1: incidents, remediation runs with their approvals and audit trail, the timeline,
-- automation events, and the inbox of deliveries. Times are milliseconds since the epoch (UTC), deadlines included,
-- so timers survive restarts. Rows are never deleted by the bot; `version` columns make state changes
-- compare-and-set.

CREATE TABLE incident (
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
        CHECK (state IN ('OPEN', 'DIAGNOSING', 'AWAITING_APPROVAL', 'REMEDIATING', 'RESOLVED', 'ESCALATED')),
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

-- At most one open incident per dedup key (Alertmanager fingerprint, PagerDuty incident id).
CREATE UNIQUE INDEX incident_open_dedup_key ON incident (dedup_key)
    WHERE dedup_key IS NOT NULL AND state <> 'RESOLVED';
CREATE INDEX incident_dedup_key ON incident (dedup_key, id);
CREATE INDEX incident_state ON incident (state, id);
CREATE INDEX incident_escalation_deadline ON incident (escalation_deadline_ms)
    WHERE escalation_deadline_ms IS NOT NULL;

CREATE TABLE remediation_run (
    id                   INTEGER PRIMARY KEY,
    incident_id          INTEGER NOT NULL REFERENCES incident (id),
    remediation_id       TEXT    NOT NULL,
    attempt              INTEGER NOT NULL CHECK (attempt >= 1),
    action               TEXT    NOT NULL,
    preview              TEXT    NOT NULL,
    state                TEXT    NOT NULL
        CHECK (state IN ('PROPOSED', 'APPROVED', 'REJECTED', 'EXPIRED', 'RUNNING', 'SUCCEEDED', 'FAILED',
                         'INTERRUPTED')),
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

CREATE INDEX remediation_run_state ON remediation_run (state, id);

-- One row per person per run: the primary key makes a double click one approval.
CREATE TABLE run_approval (
    run_id   INTEGER NOT NULL REFERENCES remediation_run (id),
    approver TEXT    NOT NULL,
    at_ms    INTEGER NOT NULL,
    reason   TEXT    NOT NULL,
    PRIMARY KEY (run_id, approver)
);

-- The audit trail of every run: who moved it from what to what, when and why. Append-only.
CREATE TABLE run_transition (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES remediation_run (id),
    from_state TEXT,
    to_state   TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    at_ms      INTEGER NOT NULL,
    reason     TEXT    NOT NULL
);

CREATE INDEX run_transition_run ON run_transition (run_id, id);

CREATE TABLE timeline_event (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id),
    run_id      INTEGER REFERENCES remediation_run (id),
    at_ms       INTEGER NOT NULL,
    kind        TEXT    NOT NULL
        CHECK (kind IN ('ALERT', 'DIAGNOSTIC', 'DECISION', 'APPROVAL', 'ACTION', 'MESSAGE', 'ACKNOWLEDGEMENT',
                        'ESCALATION', 'STATE', 'NOTE')),
    actor       TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX timeline_event_incident ON timeline_event (incident_id, at_ms, id);

-- Column names and lower-case status values follow the runbook-bots article, so its query runs as written:
--   select action, count(*) as overrides from automation_event where status = 'requires_manual'
--   group by action order by overrides desc;
CREATE TABLE automation_event (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER REFERENCES incident (id),
    run_id      INTEGER REFERENCES remediation_run (id),
    at_ms       INTEGER NOT NULL,
    service     TEXT    NOT NULL,
    environment TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    status      TEXT    NOT NULL
        CHECK (status IN ('succeeded', 'failed', 'timed_out', 'interrupted', 'requires_manual', 'overridden')),
    actor       TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX automation_event_action ON automation_event (action, status);

-- Raw deliveries stored under their idempotency key before they are acknowledged.
CREATE TABLE inbound_event (
    key          TEXT    PRIMARY KEY,
    source       TEXT    NOT NULL,
    received_ms  INTEGER NOT NULL,
    body         TEXT    NOT NULL,
    processed_ms INTEGER,
    outcome      TEXT
);

CREATE INDEX inbound_event_unprocessed ON inbound_event (received_ms) WHERE processed_ms IS NULL;
