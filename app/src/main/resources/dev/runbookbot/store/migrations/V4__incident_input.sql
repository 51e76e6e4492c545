-- runbook-bot schema, version 4: the template inputs of each incident, so that a remediation approved after a restart
-- renders with the values it was proposed with. One row per incident, written when the incident opens. Each column is
-- a JSON object: params maps a declared parameter to its typed value (string, whole number, number or boolean);
-- labels and annotations map names to the alert's strings, which are hostile data and are kept exactly as received.
CREATE TABLE incident_input (
    incident_id      INTEGER PRIMARY KEY REFERENCES incident (id),
    params_json      TEXT    NOT NULL CHECK (json_valid(params_json) AND json_type(params_json) = 'object'),
    labels_json      TEXT    NOT NULL CHECK (json_valid(labels_json) AND json_type(labels_json) = 'object'),
    annotations_json TEXT    NOT NULL
        CHECK (json_valid(annotations_json) AND json_type(annotations_json) = 'object')
);
