-- Public bodies, their service registers with history, staff and sessions.
CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    website TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    slug TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    keywords TEXT NOT NULL,
    channels TEXT NOT NULL,
    inclusion_level INT NOT NULL CHECK (inclusion_level BETWEEN 1 AND 9),
    status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (body_id, slug)
);
CREATE INDEX services_by_name ON services (body_id, name);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    body_id INTEGER REFERENCES bodies (id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
    created_at TEXT NOT NULL
);

CREATE TABLE service_changes (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    staff_id INTEGER REFERENCES staff (id),
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    changes TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX service_changes_by_service ON service_changes (service_id, id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
