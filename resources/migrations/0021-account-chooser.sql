-- Several accounts on one email (ACC-8). A session remembers the address it proved by an emailed
-- code or link, and when: its contact may choose or switch only among the contacts with that
-- address. A session opened by a password proved no address (NULL).
ALTER TABLE portal_session ADD COLUMN proven_email TEXT;
ALTER TABLE portal_session ADD COLUMN proven_at BIGINT;
-- When staff last revoked the contact's access or turned it off: an address proved before then
-- does not reach this contact through the chooser or the switcher.
ALTER TABLE contact ADD COLUMN access_revoked_at BIGINT;
-- The access log (ACC-11) also records the second step of a sign-in (ACC-10): how each sign-in
-- was made (method) and wrong authenticator codes. A CHECK constraint cannot be changed in
-- SQLite, so the table is rebuilt (its ids are renumbered in order; nothing refers to them).
CREATE TABLE portal_access_log_new (
    id {{pk}},
    contact_id BIGINT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    session_id BIGINT REFERENCES portal_session(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('sign_in', 'request', 'second_step_failed')),
    method TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
INSERT INTO portal_access_log_new (contact_id, session_id, created_at, kind, ip, user_agent)
    SELECT contact_id, session_id, created_at, kind, ip, user_agent FROM portal_access_log
    ORDER BY id;
DROP TABLE portal_access_log;
ALTER TABLE portal_access_log_new RENAME TO portal_access_log;
CREATE INDEX portal_access_log_contact ON portal_access_log (contact_id, created_at)
