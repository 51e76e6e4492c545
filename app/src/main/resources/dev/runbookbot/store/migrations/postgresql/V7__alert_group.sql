-- runbook-bot schema on PostgreSQL, version 7: the alerts of Alertmanager groups, as SQLite's V7__alert_group.sql, with
-- the `rowid` identity column standing in for SQLite's implicit rowid (the ledger lists a group in insertion order).
CREATE TABLE alert_group_member (
    group_key   TEXT   NOT NULL,
    fingerprint TEXT   NOT NULL,
    alert_name  TEXT   NOT NULL,
    incident_id BIGINT REFERENCES incident (id),
    status      TEXT   NOT NULL CHECK (status IN ('FIRING', 'RESOLVED')),
    starts_ms   BIGINT NOT NULL,
    ended_ms    BIGINT,
    rowid       BIGINT GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (group_key, fingerprint),
    CHECK (status = 'FIRING' OR ended_ms IS NOT NULL)
);

CREATE INDEX alert_group_member_incident ON alert_group_member (incident_id);
CREATE INDEX alert_group_member_fingerprint ON alert_group_member (fingerprint, ended_ms);
