-- What a task holds beyond its status (ONB-4, ONB-5, ONB-9).
-- config: the kind's settings as staff set them, a JSON object (a meeting's time, a form's
-- fields, a checklist's items, a training's video, accepted file types...). Empty is '{}'.
ALTER TABLE task ADD COLUMN config TEXT NOT NULL DEFAULT '{}';
ALTER TABLE template_task ADD COLUMN config TEXT NOT NULL DEFAULT '{}';
-- Files live in the database, in chunks of at most 256 KiB, with their SHA-256 (hex) and the
-- media type found in their bytes. A file is written once and never changed.
CREATE TABLE stored_file (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE file_chunk (
    file_id BIGINT NOT NULL REFERENCES stored_file(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data {{blob}} NOT NULL,
    PRIMARY KEY (file_id, seq)
);
-- The files of a task: what the contact uploaded ('upload', reviewed by staff), what staff
-- attached for the contact to read, sign or approve ('attachment'), and results ('signed').
CREATE TABLE task_file (
    id {{pk}},
    task_id BIGINT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    file_id BIGINT NOT NULL REFERENCES stored_file(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('upload', 'attachment', 'signed')),
    contact_id BIGINT REFERENCES contact(id) ON DELETE SET NULL,
    review_state TEXT NOT NULL DEFAULT 'uploaded'
        CHECK (review_state IN ('uploaded', 'approved', 'rejected')),
    review_note TEXT NOT NULL DEFAULT '',
    reviewed_by TEXT NOT NULL DEFAULT '',
    reviewed_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX task_file_task ON task_file (task_id, role);
-- A thread per task (ONB-9). internal = 1: a staff note, never shown to a contact.
CREATE TABLE task_comment (
    id {{pk}},
    task_id BIGINT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    author_kind TEXT NOT NULL CHECK (author_kind IN ('staff', 'contact')),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    internal INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX task_comment_task ON task_comment (task_id, created_at);
