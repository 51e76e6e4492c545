-- runbook-bot schema, version 7: the alerts of Alertmanager groups. One Alertmanager notification (one group key) is one
-- incident; this table says which incident each alert of a group belongs to, whether it still fires, and when it last
-- ended, so a later alert joins its group's incident, the incident resolves when the last alert of its group resolves,
-- and a firing that did not start after the alert's recorded end is recognised as stale. Rows are never deleted.
CREATE TABLE alert_group_member (
    group_key   TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    alert_name  TEXT    NOT NULL,
    incident_id INTEGER REFERENCES incident (id),
    status      TEXT    NOT NULL CHECK (status IN ('FIRING', 'RESOLVED')),
    starts_ms   INTEGER NOT NULL,
    ended_ms    INTEGER,
    PRIMARY KEY (group_key, fingerprint),
    CHECK (status = 'FIRING' OR ended_ms IS NOT NULL)
);

CREATE INDEX alert_group_member_incident ON alert_group_member (incident_id);
CREATE INDEX alert_group_member_fingerprint ON alert_group_member (fingerprint, ended_ms);
