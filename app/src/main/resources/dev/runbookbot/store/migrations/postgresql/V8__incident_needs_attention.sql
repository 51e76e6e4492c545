-- runbook-bot schema on PostgreSQL, version 8: an incident may be NEEDS_ATTENTION, as SQLite's
-- V8__incident_needs_attention.sql. PostgreSQL changes the named check constraint in place.
ALTER TABLE incident DROP CONSTRAINT incident_state_check;
ALTER TABLE incident ADD CONSTRAINT incident_state_check
    CHECK (state IN ('OPEN', 'DIAGNOSING', 'AWAITING_APPROVAL', 'REMEDIATING', 'RESOLVED', 'ESCALATED',
                     'NEEDS_ATTENTION'));
