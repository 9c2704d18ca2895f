-- Optional contact password (ACC-7): an Argon2id hash, NULL until the contact sets one.
ALTER TABLE contact ADD COLUMN password_hash TEXT;
