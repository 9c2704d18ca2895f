-- "View portal as…" (CON-7): a member of staff sees the portal as a contact, in the console,
-- through a portal session of its own. The session row does the work (its expires_at is the
-- impersonation's fixed end); this row says whose it is and why. staff_name and staff_email are
-- copied, so the record still names the member after their account is gone. ended_how:
-- 'closed' (staff closed the view), 'expired' or 'signed_out'; NULL while it is open.
CREATE TABLE impersonation (
    id {{pk}},
    session_id BIGINT UNIQUE REFERENCES portal_session(id) ON DELETE SET NULL,
    contact_id BIGINT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    staff_id BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    staff_name TEXT NOT NULL,
    staff_email TEXT NOT NULL,
    reason TEXT NOT NULL,
    read_only INTEGER NOT NULL DEFAULT 1,
    started_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ended_at BIGINT,
    ended_how TEXT
);
CREATE INDEX impersonation_contact ON impersonation (contact_id, started_at);
CREATE INDEX impersonation_open ON impersonation (ended_at, expires_at);
-- Each route an impersonation session requested, with how often: reads of a route go to the
-- audit trail at most once a minute (the portal polls), so this keeps the full count;
-- audited_hits is the count when it last went there.
CREATE TABLE impersonation_request (
    impersonation_id BIGINT NOT NULL REFERENCES impersonation(id) ON DELETE CASCADE,
    route TEXT NOT NULL,
    hits INTEGER NOT NULL DEFAULT 0,
    audited_hits INTEGER NOT NULL DEFAULT 0,
    last_audited_at BIGINT NOT NULL,
    PRIMARY KEY (impersonation_id, route)
);
-- How long a view lasts, in minutes; admins change it.
ALTER TABLE workspace ADD COLUMN impersonation_minutes INTEGER NOT NULL DEFAULT 15
