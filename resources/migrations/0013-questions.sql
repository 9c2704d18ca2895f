-- Questions contacts ask (ONB-8), and staff's answers. onboarding_id NULL: a general question.
CREATE TABLE question (
    id {{pk}},
    company_id BIGINT NOT NULL REFERENCES company(id) ON DELETE CASCADE,
    onboarding_id BIGINT REFERENCES onboarding(id) ON DELETE SET NULL,
    contact_id BIGINT REFERENCES contact(id) ON DELETE SET NULL,
    asked_by TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_by TEXT NOT NULL DEFAULT '',
    answered_at BIGINT
);
CREATE INDEX question_company ON question (company_id, created_at);
CREATE INDEX question_open ON question (answered_at);
