-- Secure file drops (ONB-4, TRU-1): each file a contact drops is encrypted as it arrives with a
-- key of its own (libsodium secretstream); only the ciphertext is stored (stored_file, one
-- encrypted frame per file_chunk row), and the file's key only sealed to the vault's public key.
-- How long a drop is kept is set per task in task.config ("expiryDays", 1..90, default 7).
-- file_id and sealed_key are NULL once the ciphertext is gone: deleted by the contact before
-- staff downloaded it (deleted_at) or purged after expiry (purged_at). The row stays as the
-- record of what was dropped, never of what it held.
CREATE TABLE file_drop (
    id {{pk}},
    task_id BIGINT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    contact_id BIGINT REFERENCES contact(id) ON DELETE SET NULL,
    file_name TEXT NOT NULL,
    file_size BIGINT NOT NULL,
    file_id BIGINT REFERENCES stored_file(id) ON DELETE SET NULL,
    stream_header {{blob}} NOT NULL,
    sealed_key {{blob}},
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    downloaded_at BIGINT,
    downloaded_by TEXT NOT NULL DEFAULT '',
    deleted_at BIGINT,
    purged_at BIGINT
);
CREATE INDEX file_drop_task ON file_drop (task_id, created_at);
CREATE INDEX file_drop_expiry ON file_drop (expires_at) WHERE deleted_at IS NULL AND purged_at IS NULL;
