-- Pages (ONB-7): reference articles staff write in Markdown (welcome, support, security FAQ),
-- shown in the portal once visible. The Markdown is stored as written; the portal gets it
-- rendered by cmark in its safe mode, never the raw text as markup.
CREATE TABLE portal_page (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    visible INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by_staff_id BIGINT REFERENCES staff(id) ON DELETE SET NULL
);
CREATE INDEX portal_page_order ON portal_page (workspace_id, position);
