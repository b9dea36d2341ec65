-- The catalogue shows when each of Civic's own datasets last changed: the newest record of
-- its kind for the body. These indexes make each of those a single index probe instead of
-- a scan of the body's rows (at a hub, the catalogue's first page read every service).
CREATE INDEX services_by_update ON services (body_id, updated_at);
CREATE INDEX datasets_by_body_received ON datasets (body_id, last_received_at);
CREATE INDEX spend_uploads_by_body ON spend_uploads (body_id, uploaded_at);
CREATE INDEX data_requests_by_body_confirmed ON data_requests (body_id, confirmed_at);
CREATE INDEX data_requests_by_body_answered ON data_requests (body_id, answered_at);
CREATE INDEX data_request_supports_by_request ON data_request_supports (request_id, confirmed_at);
