-- A staff member can be deactivated: they can no longer sign in, their sessions end, and
-- the change history keeps their name.
ALTER TABLE staff ADD COLUMN active BOOLEAN NOT NULL DEFAULT 1;
