-- Portal access (ACC-9, ACC-11): whether new contacts may use the portal, and every use of
-- it: each sign-in, then at most one row per session a minute (when its expiry slides).
ALTER TABLE workspace ADD COLUMN new_contacts_portal_access INTEGER NOT NULL DEFAULT 1;
CREATE TABLE portal_access_log (
    id {{pk}},
    contact_id BIGINT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    session_id BIGINT REFERENCES portal_session(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('sign_in', 'request')),
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX portal_access_log_contact ON portal_access_log (contact_id, created_at);
