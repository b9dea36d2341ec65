-- Places that give digital help (seed R5; civic_domain::place): a body's libraries, town
-- halls, community centres and partner charities, each at an address of the addresses
-- register whose point is copied here so that "nearest to a postcode" is a range scan on
-- latitude. Opening times, help, course levels, accessibility and languages are JSON text,
-- read with the place, always. `place_services` names the services whose forms a place
-- helps with: each pair is an Open Referral UK service at location, with its own feed id,
-- and counts among the service's `places` (the feed's paging reads that column).
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    slug TEXT NOT NULL,
    feed_id TEXT NOT NULL,
    name TEXT NOT NULL,
    name_cy TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    description_cy TEXT NOT NULL DEFAULT '',
    uprn TEXT NOT NULL,
    address TEXT NOT NULL,
    postcode TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    opening TEXT NOT NULL,
    opening_note TEXT NOT NULL DEFAULT '',
    opening_note_cy TEXT NOT NULL DEFAULT '',
    help TEXT NOT NULL,
    course_levels TEXT NOT NULL,
    accessibility TEXT NOT NULL,
    languages TEXT NOT NULL,
    booking TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (body_id, slug)
);
CREATE UNIQUE INDEX places_by_feed_id ON places (feed_id);
CREATE INDEX places_by_latitude ON places (latitude, longitude) WHERE active = TRUE;

CREATE TABLE place_services (
    place_id INTEGER NOT NULL REFERENCES places (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    feed_id TEXT NOT NULL,
    PRIMARY KEY (place_id, service_id)
);
CREATE INDEX place_services_by_service ON place_services (service_id);
CREATE UNIQUE INDEX place_services_by_feed_id ON place_services (feed_id);

-- What staff report a place did in a month: sessions held and people helped by the level
-- of the digital inclusion scale they started at (a JSON array of nine counts), about one
-- service or (service_id NULL) digital help in general. A new report for the same place,
-- month and service replaces the old one.
CREATE TABLE place_usage (
    id INTEGER PRIMARY KEY,
    place_id INTEGER NOT NULL REFERENCES places (id),
    month TEXT NOT NULL,
    service_id INTEGER REFERENCES services (id),
    sessions INT NOT NULL,
    people TEXT NOT NULL,
    reported_by INTEGER REFERENCES staff (id),
    reported_at TEXT NOT NULL
);
CREATE INDEX place_usage_by_place ON place_usage (place_id, month);
CREATE INDEX place_usage_by_service ON place_usage (service_id, month) WHERE service_id IS NOT NULL;

INSERT INTO data_versions (topic) VALUES ('places');
CREATE TRIGGER dv_places_insert AFTER INSERT ON places BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'places'; END;
CREATE TRIGGER dv_places_update AFTER UPDATE ON places BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'places'; END;
CREATE TRIGGER dv_places_delete AFTER DELETE ON places BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'places'; END;
CREATE TRIGGER dv_place_services_insert AFTER INSERT ON place_services BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'places'; END;
CREATE TRIGGER dv_place_services_update AFTER UPDATE ON place_services BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'places'; END;
CREATE TRIGGER dv_place_services_delete AFTER DELETE ON place_services BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'places'; END;
CREATE TRIGGER dv_place_usage_insert AFTER INSERT ON place_usage BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'places'; END;
CREATE TRIGGER dv_place_usage_update AFTER UPDATE ON place_usage BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'places'; END;
CREATE TRIGGER dv_place_usage_delete AFTER DELETE ON place_usage BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'places'; END;
