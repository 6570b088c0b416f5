-- 0005_issued (PostgreSQL): documents issued on approval, signed with the instance's Ed25519 key,
-- and the mark that an application's SLA breach was handled.
CREATE TABLE issued_documents (
    code           TEXT PRIMARY KEY,       -- the public verification code (in the QR URL)
    application_id BIGINT NOT NULL UNIQUE REFERENCES applications (id),
    region_code    TEXT NOT NULL,
    content        TEXT NOT NULL,          -- canonical JSON of what was issued (masked personal data)
    pdf_sha256     TEXT NOT NULL,          -- the PDF lives at DATA_DIR/documents/<pdf_sha256>
    signature      TEXT NOT NULL,          -- Ed25519 over content || "\n" || pdf_sha256
    public_key     TEXT NOT NULL,
    issued_at      BIGINT NOT NULL
);
ALTER TABLE applications ADD COLUMN breach_handled_at BIGINT;
