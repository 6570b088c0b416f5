-- 0004_applications (PostgreSQL): applications with the workflow they started with, their events
-- (every transition with actor and time), uploaded documents, and idempotency keys.
CREATE TABLE applications (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid                 TEXT NOT NULL UNIQUE,
    region_code          TEXT NOT NULL REFERENCES regions (code),
    service_id           BIGINT NOT NULL REFERENCES services (id),
    workflow             TEXT NOT NULL,    -- the service's workflow when the application began
    sla_minutes          INTEGER NOT NULL, -- the service's budget when the application began
    tracking_no          TEXT NOT NULL UNIQUE,
    pin_hash             TEXT NOT NULL,    -- keyed blind index of tracking number and PIN
    applicant_id         BIGINT REFERENCES users (id),
    applicant_name       TEXT NOT NULL,
    applicant_nik_enc    TEXT,             -- sealed (UU 27/2022)
    applicant_nik_bidx   TEXT,
    applicant_nik_masked TEXT,
    channel              TEXT NOT NULL CHECK (channel IN ('online', 'counter', 'mobile')),
    answers              TEXT NOT NULL,    -- JSON
    state                TEXT NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    created_by           BIGINT REFERENCES users (id),
    submitted_at         BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX applications_by_region_state ON applications (region_code, state);
CREATE INDEX applications_by_applicant ON applications (applicant_id, id);

CREATE TABLE application_events (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES applications (id),
    at             BIGINT NOT NULL,
    actor_id       BIGINT,
    actor_name     TEXT,
    role           TEXT,
    action         TEXT NOT NULL,
    from_state     TEXT,
    to_state       TEXT NOT NULL,
    comment        TEXT
);
CREATE INDEX events_by_application ON application_events (application_id, id);

CREATE TABLE application_documents (
    application_id BIGINT NOT NULL REFERENCES applications (id),
    requirement    TEXT NOT NULL,
    sha256         TEXT NOT NULL,          -- the file lives at DATA_DIR/documents/<sha256>
    size           BIGINT NOT NULL,
    type           TEXT NOT NULL,
    uploaded_at    BIGINT NOT NULL,
    PRIMARY KEY (application_id, requirement)
);

CREATE TABLE idempotency_keys (
    owner        TEXT NOT NULL,            -- "u<user id>"
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (owner, key)
);
