-- Each service's identifier in the Open Referral UK feed: a UUID derived from its body's and
-- its own slug (civic_domain::openreferral::service_feed_id), kept here only so that a feed
-- client's `/services/{id}` finds the service by an index. Services made before this
-- migration get theirs when the store next migrates (services::fill_feed_ids).
ALTER TABLE services ADD COLUMN feed_id TEXT;
CREATE UNIQUE INDEX services_by_feed_id ON services (feed_id);
