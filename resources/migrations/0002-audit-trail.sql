-- The tamper-evident audit trail (TRU-2). No foreign key: the trail outlives what it
-- mentions, and nothing may delete from it in cascade. prev_hash is unique too, so even a
-- writer that skipped the lock could not fork the chain.
CREATE TABLE audit_event (
    id {{pk}},
    workspace_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'contact', 'system')),
    action TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_event_created ON audit_event (created_at);
