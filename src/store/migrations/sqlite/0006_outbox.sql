-- 0006_outbox (SQLite): messages to applicants (submitted, returned, issued, rejected), written
-- in the same transaction as the event and delivered by a background worker with retries.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER REFERENCES applications (id),
    region_code     TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient_enc   TEXT NOT NULL,            -- sealed e-mail address or phone number (UU 27/2022)
    recipient_masked TEXT NOT NULL,
    template        TEXT NOT NULL,            -- submitted | returned | issued | rejected | escalated
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_region ON outbox (region_code, status, id);
