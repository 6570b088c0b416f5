-- 0001_init (SQLite): reference regions, key/value metadata, agencies, users and grants.
-- Times are UTC epoch milliseconds.

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,              -- Kemendagri code: 32, 32.11, 32.11.01, 32.11.01.2001
    name        TEXT NOT NULL,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4), -- 1 province .. 4 village
    parent_code TEXT REFERENCES regions (code),
    search_name TEXT NOT NULL                  -- lower-cased name for case-insensitive search
) WITHOUT ROWID;
CREATE INDEX regions_by_parent ON regions (parent_code, code);
CREATE INDEX regions_by_level ON regions (level, code);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    region_code TEXT NOT NULL REFERENCES regions (code),
    kind        TEXT NOT NULL CHECK (kind IN ('opd', 'vertical', 'bumn', 'other')),
    name        TEXT NOT NULL,
    short_name  TEXT,
    created_at  INTEGER NOT NULL,
    UNIQUE (region_code, name)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE grants (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    region_code TEXT REFERENCES regions (code),
    agency_id   INTEGER REFERENCES agencies (id),
    created_at  INTEGER NOT NULL,
    UNIQUE (user_id, role, region_code, agency_id)
);
