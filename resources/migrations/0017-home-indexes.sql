-- The console's Home reads aggregates over every task and the activity feed; these keep those
-- reads to index-only scans of the few rows that matter. Each task index holds the columns the
-- Home's queries read, so the task rows themselves are not visited.
-- Open tasks per onboarding and phase: the current phase, stalled onboardings, open and
-- overdue counts.
CREATE INDEX task_open ON task (onboarding_id, phase_id, due_date, status) WHERE status <> 'completed';
-- The overdue tasks listed, oldest due first:
CREATE INDEX task_open_due ON task (due_date, onboarding_id, status) WHERE status <> 'completed';
-- The burn-down of open tasks walks back through recent completions:
CREATE INDEX task_completed ON task (completed_at, onboarding_id);
-- An onboarding's last activity (stalled onboardings):
CREATE INDEX activity_onboarding ON activity (onboarding_id, created_at);
