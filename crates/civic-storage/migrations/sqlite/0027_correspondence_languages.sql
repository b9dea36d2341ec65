-- The language each person asked us to write to them in (Welsh Language Standards:
-- ask at first contact, record it, use it in every letter and email after). Keyed by the
-- address we write to, in lower case: residents have no accounts yet.
CREATE TABLE correspondence_languages (
    email TEXT PRIMARY KEY,
    language TEXT NOT NULL CHECK (language IN ('en', 'cy')),
    recorded_at BIGINT NOT NULL
);
