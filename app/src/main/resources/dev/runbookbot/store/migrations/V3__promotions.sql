-- runbook-bot schema, version 3: promotions. Someone validated a scoped remediation (safety.scopes) and allowed it in
-- one more environment: `runbookctl promote --action clear-cache --env prod --evidence-url URL`. Rows are only ever
-- added, so the table is the audit trail of who widened which action's scope, when, and on what evidence.
-- promoted_at is milliseconds since the epoch (UTC), like every time in this schema.
CREATE TABLE promotion (
    id           INTEGER PRIMARY KEY,
    action       TEXT    NOT NULL CHECK (length(trim(action)) > 0),
    environment  TEXT    NOT NULL CHECK (length(trim(environment)) > 0),
    promoted_by  TEXT    NOT NULL CHECK (length(trim(promoted_by)) > 0),
    evidence_url TEXT    NOT NULL CHECK (length(trim(evidence_url)) > 0),
    promoted_at  INTEGER NOT NULL
);

CREATE INDEX promotion_action_environment ON promotion (action, environment COLLATE NOCASE);
