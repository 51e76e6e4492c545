-- runbook-bot schema on PostgreSQL, version 6: a remediation run can be CANCELLED, as SQLite's V6__run_cancelled.sql.
-- PostgreSQL changes the named check constraint in place; rows and ids are untouched.
ALTER TABLE remediation_run DROP CONSTRAINT remediation_run_state_check;
ALTER TABLE remediation_run ADD CONSTRAINT remediation_run_state_check
    CHECK (state IN ('PROPOSED', 'APPROVED', 'REJECTED', 'EXPIRED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED',
                     'CANCELLED'));
