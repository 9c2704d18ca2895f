-- Optional TOTP second factor for contacts (ACC-10), which a workspace may require.
ALTER TABLE workspace ADD COLUMN require_contact_totp INTEGER NOT NULL DEFAULT 0;
-- A session is 'full', or a half-session that may only finish signing in: 'totp' (enter a code)
-- or 'enrol' (set TOTP up first, when the workspace requires it). failed_attempts counts wrong
-- second-step codes.
ALTER TABLE portal_session ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';
ALTER TABLE portal_session ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
-- The secret is stored as is (base32): the portal must read it to check codes, so it cannot be
-- sealed to the vault. It is never sent out again after enrolment. enabled_at is NULL while
-- the enrolment waits for its first code; last_step is the last accepted time step (replay).
CREATE TABLE contact_totp (
    contact_id BIGINT PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    enabled_at BIGINT,
    last_step BIGINT NOT NULL DEFAULT 0
);
-- Single-use recovery codes, stored as SHA-256 like every other token.
CREATE TABLE contact_recovery_code (
    id {{pk}},
    contact_id BIGINT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX contact_recovery_code_contact ON contact_recovery_code (contact_id, code_hash)
