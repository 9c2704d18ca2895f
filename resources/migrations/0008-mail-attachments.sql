-- Files sent with a mail (a meeting invitation's .ics), stored with the outbox row so that a
-- retry sends them again exactly as they were.
CREATE TABLE outbox_attachment (
    id {{pk}},
    outbox_id BIGINT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    data {{blob}} NOT NULL
);
CREATE INDEX outbox_attachment_outbox ON outbox_attachment (outbox_id, position);
