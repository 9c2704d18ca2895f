-- Branding (ONB-10): the workspace's logo, a PNG Gatehouse made from what staff chose (SVGs are
-- drawn to PNG, PNG and JPEG re-encoded), so what the portal serves never carries markup.
ALTER TABLE workspace ADD COLUMN logo_file_id BIGINT REFERENCES stored_file(id) ON DELETE SET NULL;
