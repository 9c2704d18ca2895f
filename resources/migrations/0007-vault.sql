-- The credential vault (TRU-1). The portal server seals with the workspace's public key; the
-- private key exists here only sealed to a staff member's own key pair, whose private key is
-- wrapped with a key derived from that member's password (Argon2id). No column holds a
-- plaintext secret or an unwrapped key.
CREATE TABLE vault (
    workspace_id BIGINT PRIMARY KEY REFERENCES workspace(id) ON DELETE CASCADE,
    public_key {{blob}} NOT NULL,
    created_by BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
-- A staff member's X25519 key pair. wrapped_private_key: secretbox nonce || ciphertext, under
-- the key Argon2id derives from the password with kdf_salt, kdf_opslimit and kdf_memlimit
-- (kept per row so the work factors can be raised for new wraps).
CREATE TABLE staff_key (
    staff_id BIGINT PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
    public_key {{blob}} NOT NULL,
    wrapped_private_key {{blob}} NOT NULL,
    kdf_salt {{blob}} NOT NULL,
    kdf_opslimit BIGINT NOT NULL,
    kdf_memlimit BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- Who may open the vault: its private key sealed to the member's public key. A revoked grant
-- stays as a record; a new grant is a new row.
CREATE TABLE vault_grant (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    sealed_vault_key {{blob}},
    granted_by BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    granted_at BIGINT NOT NULL,
    revoked_by BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX vault_grant_active ON vault_grant (staff_id) WHERE revoked_at IS NULL;
-- What a contact handed over for a credential task, sealed to the vault on arrival. sealed is
-- NULL once purged (after staff moved it into their password manager).
CREATE TABLE credential_submission (
    id {{pk}},
    task_id BIGINT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    contact_id BIGINT REFERENCES contact(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('single', 'bulk_text', 'bulk_file')),
    sealed {{blob}},
    file_name TEXT NOT NULL DEFAULT '',
    file_size BIGINT,
    submitted_at BIGINT NOT NULL,
    moved_at BIGINT,
    moved_by TEXT NOT NULL DEFAULT '',
    purged_at BIGINT
);
CREATE INDEX credential_submission_task ON credential_submission (task_id, submitted_at);
