-- The console reads these on every start; with years of data they scanned whole tables.
-- The review queue: blocked approvals and in-person trainings among the open tasks (the
-- queries say status <> 'completed' so that both engines take this partial index).
CREATE INDEX task_open_kind ON task (evidence_type, status) WHERE status <> 'completed';
-- The Activity page: a workspace's newest events and their count,
CREATE INDEX audit_event_workspace ON audit_event (workspace_id, id);
-- and the actions to filter by.
CREATE INDEX audit_event_action ON audit_event (workspace_id, action)
