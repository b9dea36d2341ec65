-- no-transaction
-- A third role: a moderator of one body, who hides and restores what residents published
-- there and sees nothing private. SQLite cannot alter a CHECK constraint, so the staff
-- table is rebuilt the way SQLite documents (foreign keys off, one transaction, checked
-- before commit); every id stays, so nothing that refers to a staff member changes.
-- Written to be safe to run twice, since the bookkeeping row is written after it.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS staff_rebuilt;
CREATE TABLE staff_rebuilt (
    id INTEGER PRIMARY KEY,
    body_id INTEGER REFERENCES bodies (id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('staff', 'moderator', 'admin')),
    created_at TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1
);
INSERT INTO staff_rebuilt (id, body_id, email, name, password_hash, role, created_at, active)
    SELECT id, body_id, email, name, password_hash, role, created_at, active FROM staff;
DROP TABLE staff;
ALTER TABLE staff_rebuilt RENAME TO staff;
COMMIT;
PRAGMA foreign_keys = ON;
