-- 0001_init (SQLite): regions, metadata, agencies, accounts (users, grants, sessions, API tokens), audit trail, login throttle.
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
    active      INTEGER NOT NULL DEFAULT 1,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    UNIQUE (region_code, name)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL DEFAULT 'staff' CHECK (kind IN ('staff', 'citizen')),
    username      TEXT UNIQUE,                 -- staff only; citizens log in by e-mail or phone
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,               -- argon2id (libsodium crypto_pwhash_str)
    -- Personal data (UU 27/2022): *_enc is AEAD ciphertext, *_bidx a keyed BLAKE2b blind
    -- index for exact lookup, *_masked what lists may show.
    nik_enc       TEXT,
    nik_bidx      TEXT UNIQUE,
    nik_masked    TEXT,
    email_enc     TEXT,
    email_bidx    TEXT UNIQUE,
    email_masked  TEXT,
    phone_enc     TEXT,
    phone_bidx    TEXT UNIQUE,
    phone_masked  TEXT,
    region_code   TEXT REFERENCES regions (code), -- citizens: the regency of their NIK
    disabled      INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 1,
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

CREATE INDEX grants_by_region ON grants (region_code, role);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,         -- SHA-256 of the cookie value; the value is never stored
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL               -- absolute expiry
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    roles        TEXT NOT NULL,                -- comma-separated role names
    region_code  TEXT REFERENCES regions (code),
    created_by   INTEGER REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);

-- Hash-chained audit trail: hash = SHA-256(prev_hash | canonical content).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT,
    role        TEXT,
    region_code TEXT,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT,
    ip          TEXT,
    digest      TEXT NOT NULL,                 -- SHA-256 of the change, without personal data
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_by_region ON audit_log (region_code, id);

-- Failed logins per account and per address, for throttling.
CREATE TABLE login_throttle (
    key          TEXT PRIMARY KEY,             -- "a:<blind index of the login>" or "i:<ip>"
    failures     INTEGER NOT NULL,
    window_start INTEGER NOT NULL
);
