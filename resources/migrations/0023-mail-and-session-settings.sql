-- How long a portal session lasts since it was last used (ACC-6); it slides while in use.
ALTER TABLE workspace ADD COLUMN session_lifetime_hours INTEGER NOT NULL DEFAULT 24;
-- Outgoing mail as staff set it in the console (CON-10). The SMTP password is not stored here:
-- the console keeps it in the OS keychain, a portal server reads it from its environment.
CREATE TABLE mail_config (
    workspace_id BIGINT PRIMARY KEY REFERENCES workspace(id) ON DELETE CASCADE,
    smtp_url TEXT NOT NULL DEFAULT '',
    smtp_user TEXT NOT NULL DEFAULT '',
    from_address TEXT NOT NULL DEFAULT '',
    from_name TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
)
