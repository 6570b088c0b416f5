-- 0007_workflows (PostgreSQL): each distinct workflow an application started with, stored once and
-- addressed by its SHA-256, instead of a copy in every application row. Older applications keep
-- their copy in applications.workflow; newer ones leave it empty and point at workflow_id.
CREATE TABLE workflows (
    id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE, -- of body
    body   TEXT NOT NULL         -- JSON, as the service held it when the application began
);
ALTER TABLE applications ADD COLUMN workflow_id BIGINT REFERENCES workflows (id);
