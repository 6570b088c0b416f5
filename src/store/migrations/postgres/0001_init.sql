-- 0001_init (PostgreSQL): regions, metadata, agencies, accounts (users, grants, sessions, API tokens), audit trail, login throttle.
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
    active      INTEGER NOT NULL DEFAULT 1,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    UNIQUE (region_code, name)
);

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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

CREATE INDEX grants_by_region ON grants (region_code, role);

CREATE TABLE sessions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,         -- SHA-256 of the cookie value; the value is never stored
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL               -- absolute expiry
);

CREATE TABLE api_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    roles        TEXT NOT NULL,                -- comma-separated role names
    region_code  TEXT REFERENCES regions (code),
    created_by   BIGINT REFERENCES users (id),
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);

-- Hash-chained audit trail: hash = SHA-256(prev_hash | canonical content).
CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor_id    BIGINT,
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
    window_start BIGINT NOT NULL
);
