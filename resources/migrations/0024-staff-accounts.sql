-- Staff accounts (CON-11). Members are deactivated, never deleted: the audit trail names them.
-- must_change_password: an administrator set the password, so the member chooses their own at
-- the next sign-in. last_login_at: the last finished sign-in, for the Staff tab.
ALTER TABLE staff ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN last_login_at BIGINT;
-- A member's optional TOTP second factor, as contact_totp (0018) is a contact's: the console
-- must read the secret to check codes. enabled_at is NULL while the enrolment waits for its
-- first code; last_step is the last accepted time step (replay).
CREATE TABLE staff_totp (
    staff_id BIGINT PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    enabled_at BIGINT,
    last_step BIGINT NOT NULL DEFAULT 0
);
-- Single-use recovery codes, stored as SHA-256.
CREATE TABLE staff_recovery_code (
    id {{pk}},
    staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX staff_recovery_code_staff ON staff_recovery_code (staff_id, code_hash)
