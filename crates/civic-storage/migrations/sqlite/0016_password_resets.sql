-- Forgotten-password links: only the SHA-256 of each link's token is kept, each works once
-- and for a short time, and a new link or a successful reset retires the earlier ones.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX password_resets_by_staff ON password_resets (staff_id);
