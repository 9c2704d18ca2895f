-- A contact's decision on an approval task (ONB-6): approved or rejected, with their comment
-- and where it came from. The latest row is the task's answer; earlier ones stay as history.
CREATE TABLE task_decision (
    id {{pk}},
    task_id BIGINT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    contact_id BIGINT REFERENCES contact(id) ON DELETE SET NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
    comment TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX task_decision_task ON task_decision (task_id, created_at);
