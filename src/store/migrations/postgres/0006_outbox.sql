-- 0006_outbox (PostgreSQL): messages to applicants (submitted, returned, issued, rejected), written
-- in the same transaction as the event and delivered by a background worker with retries.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  BIGINT REFERENCES applications (id),
    region_code     TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient_enc   TEXT NOT NULL,            -- sealed e-mail address or phone number (UU 27/2022)
    recipient_masked TEXT NOT NULL,
    template        TEXT NOT NULL,            -- submitted | returned | issued | rejected | escalated
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_region ON outbox (region_code, status, id);
