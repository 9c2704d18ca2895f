CREATE TABLE workspace (
    id {{pk}},
    name TEXT NOT NULL,
    accent_color TEXT NOT NULL DEFAULT '#1f6f5c',
    welcome_message TEXT NOT NULL DEFAULT '',
    code_lifetime_minutes INTEGER NOT NULL DEFAULT 30,
    created_at BIGINT NOT NULL
);
CREATE TABLE staff (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'admin',
    created_at BIGINT NOT NULL,
    UNIQUE (workspace_id, email)
);
CREATE TABLE company (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE TABLE contact (
    id {{pk}},
    company_id BIGINT NOT NULL REFERENCES company(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    portal_access INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    UNIQUE (company_id, email)
);
CREATE INDEX contact_email ON contact (email);
CREATE TABLE template (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE TABLE template_phase (
    id {{pk}},
    template_id BIGINT NOT NULL REFERENCES template(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE template_task (
    id {{pk}},
    template_phase_id BIGINT NOT NULL REFERENCES template_phase(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    evidence_type TEXT NOT NULL,
    owner_side TEXT NOT NULL,
    due_offset_days INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE onboarding (
    id {{pk}},
    company_id BIGINT NOT NULL REFERENCES company(id) ON DELETE CASCADE,
    template_id BIGINT REFERENCES template(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX onboarding_company ON onboarding (company_id);
CREATE TABLE phase (
    id {{pk}},
    onboarding_id BIGINT NOT NULL REFERENCES onboarding(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX phase_onboarding ON phase (onboarding_id, position);
CREATE TABLE task (
    id {{pk}},
    onboarding_id BIGINT NOT NULL REFERENCES onboarding(id) ON DELETE CASCADE,
    phase_id BIGINT NOT NULL REFERENCES phase(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    evidence_type TEXT NOT NULL,
    owner_side TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    due_date TEXT NOT NULL DEFAULT '',
    completed_at BIGINT,
    completed_by TEXT NOT NULL DEFAULT '',
    completion_note TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
CREATE INDEX task_onboarding ON task (onboarding_id, phase_id, position);
CREATE TABLE invite (
    id {{pk}},
    contact_id BIGINT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE TABLE login_challenge (
    id {{pk}},
    contact_id BIGINT REFERENCES contact(id) ON DELETE CASCADE,
    handle_hash TEXT NOT NULL UNIQUE,
    magic_hash TEXT NOT NULL UNIQUE,
    code_hash TEXT NOT NULL,
    sends INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    consumed_at BIGINT
);
CREATE TABLE portal_session (
    id {{pk}},
    contact_id BIGINT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX portal_session_contact ON portal_session (contact_id);
CREATE TABLE outbox (
    id {{pk}},
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);
CREATE TABLE activity (
    id {{pk}},
    workspace_id BIGINT NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
    company_id BIGINT,
    onboarding_id BIGINT,
    task_id BIGINT,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
