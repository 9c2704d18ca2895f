-- Form entries and checklist ticks (ONB-4). A form's fields and a checklist's items live in
-- the task's config; what contacts and staff answer and tick lives here.
-- An entry: one contact's answers, {"<field id>": answer}, as JSON text. A single-entry form
-- has at most one row per task (the service replaces it); others may have many.
CREATE TABLE form_entry (
    id {{pk}},
    task_id BIGINT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    contact_id BIGINT REFERENCES contact(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    answers TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX form_entry_task ON form_entry (task_id, id);
-- Every tick and un-tick, appended and never changed: an item's state is its newest row.
CREATE TABLE checklist_tick (
    id {{pk}},
    task_id BIGINT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    ticked INTEGER NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'contact')),
    actor_name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX checklist_tick_task ON checklist_tick (task_id, item_id, id);
