-- Portal roles (ACC-12). The four built-in roles are rows too, so that a contact's role and the
-- workspace's default for new contacts are plain references; what a built-in role may do is
-- defined in code (PortalRole), what a custom one may do is its permissions column (permission
-- keys separated by spaces). A contact without a role (role_id NULL, as every contact before
-- this migration) is primary, as is a workspace without a default.
CREATE TABLE portal_role (
    id {{pk}},
    built_in TEXT UNIQUE,
    name TEXT NOT NULL UNIQUE,
    permissions TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
INSERT INTO portal_role (built_in, name, created_at) VALUES ('primary', 'Primary', 0);
INSERT INTO portal_role (built_in, name, created_at) VALUES ('technical', 'Technical', 0);
INSERT INTO portal_role (built_in, name, created_at) VALUES ('billing', 'Billing', 0);
INSERT INTO portal_role (built_in, name, created_at) VALUES ('read_only', 'Read-only', 0);
ALTER TABLE contact ADD COLUMN role_id BIGINT REFERENCES portal_role(id);
ALTER TABLE workspace ADD COLUMN new_contacts_role_id BIGINT REFERENCES portal_role(id)
