-- 0003_services (SQLite): the service catalogue. A service belongs to a region and an agency,
-- holds its Standar Pelayanan (PermenPAN-RB 15/2014), required documents, form, fee, channels,
-- SLA budget in working minutes, breach policy and workflow (as JSON documents).
CREATE TABLE services (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    region_code   TEXT NOT NULL REFERENCES regions (code),
    agency_id     INTEGER NOT NULL REFERENCES agencies (id),
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    standard      TEXT NOT NULL,            -- JSON object of the 14 components
    requirements  TEXT NOT NULL,            -- JSON array
    form          TEXT NOT NULL,            -- JSON array
    fee           INTEGER NOT NULL CHECK (fee >= 0),
    channels      TEXT NOT NULL,            -- ",online,counter," for filtering
    sla_minutes   INTEGER NOT NULL CHECK (sla_minutes > 0),
    breach_policy TEXT NOT NULL CHECK (breach_policy IN ('escalate', 'deemed_approval')),
    workflow      TEXT NOT NULL,            -- JSON of the workflow (with its version)
    status        TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (region_code, code)
);
CREATE INDEX services_by_region ON services (region_code, status);
