-- runbook-bot schema on PostgreSQL, version 4: the template inputs of each incident, as SQLite's
-- V4__incident_input.sql. The columns stay TEXT (the JSON exactly as written); the checks require JSON objects.
CREATE TABLE incident_input (
    incident_id      BIGINT PRIMARY KEY REFERENCES incident (id),
    params_json      TEXT   NOT NULL CHECK (json_typeof(params_json::json) = 'object'),
    labels_json      TEXT   NOT NULL CHECK (json_typeof(labels_json::json) = 'object'),
    annotations_json TEXT   NOT NULL CHECK (json_typeof(annotations_json::json) = 'object')
);
