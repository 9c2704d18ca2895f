-- Who answers for an onboarding (whoever started it, until handed on) and, where staff set
-- one, for a single task: signature certificates and clients' questions go to them instead of
-- to every member of staff.
ALTER TABLE onboarding ADD COLUMN owner_staff_id BIGINT REFERENCES staff(id) ON DELETE SET NULL;
ALTER TABLE task ADD COLUMN owner_staff_id BIGINT REFERENCES staff(id) ON DELETE SET NULL
