-- runbook-bot schema, version 9: what lets several bot processes on one store act as one bot (docs/scaling.md).
-- A lease is held by one replica until expires_ms, a time on the store's own clock (never a replica's); its token goes
-- up by one each time the lease changes hands or is taken again after it expired, so a write made under a lease can
-- say which tenure it belongs to and be refused once that tenure is over. Each replica keeps a lease named
-- 'replica:<id>' as its heartbeat; the background work (reaper, sweeps, timers) is done by the holder of 'background'.
CREATE TABLE lease (
    name       TEXT    PRIMARY KEY,
    holder     TEXT    NOT NULL,
    token      INTEGER NOT NULL CHECK (token > 0),
    expires_ms INTEGER NOT NULL
);

-- The replica whose diagnosis an incident is: written with the incident's inputs, taken over (compare-and-set on the
-- holder) by the background lease's holder when that replica's heartbeat has expired.
CREATE TABLE diagnosis_claim (
    incident_id INTEGER PRIMARY KEY REFERENCES incident (id),
    holder      TEXT    NOT NULL,
    claimed_ms  INTEGER NOT NULL
);
