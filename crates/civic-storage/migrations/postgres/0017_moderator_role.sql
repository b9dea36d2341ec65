-- A third role: a moderator of one body, who hides and restores what residents published
-- there and sees nothing private.
ALTER TABLE staff DROP CONSTRAINT IF EXISTS staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check CHECK (role IN ('staff', 'moderator', 'admin'));
