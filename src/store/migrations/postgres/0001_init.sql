-- 0001_init (PostgreSQL): reference regions, key/value metadata, agencies, users and grants.
-- Times are UTC epoch milliseconds.

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    parent_code TEXT REFERENCES regions (code),
    search_name TEXT NOT NULL
);
CREATE INDEX regions_by_parent ON regions (parent_code, code);
CREATE INDEX regions_by_level ON regions (level, code);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE agencies (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    region_code TEXT NOT NULL REFERENCES regions (code),
    kind        TEXT NOT NULL CHECK (kind IN ('opd', 'vertical', 'bumn', 'other')),
    name        TEXT NOT NULL,
    short_name  TEXT,
    created_at  BIGINT NOT NULL,
    UNIQUE (region_code, name)
);

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE grants (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    region_code TEXT REFERENCES regions (code),
    agency_id   BIGINT REFERENCES agencies (id),
    created_at  BIGINT NOT NULL,
    UNIQUE (user_id, role, region_code, agency_id)
);
