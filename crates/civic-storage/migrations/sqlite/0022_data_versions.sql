-- Data versions: one counter per kind of public content, moved on by the database itself
-- whenever a table behind it changes. A page shown to everyone is cached under the versions
-- it reads (app/page_cache.rs), so it is served from memory until the data it shows changes,
-- and never after: the counter commits in the same transaction as the change.
CREATE TABLE data_versions (
    topic TEXT PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO data_versions (topic) VALUES ('bodies'), ('services'), ('catalogue'), ('measures'), ('requests'), ('spend');

CREATE TRIGGER dv_bodies_insert AFTER INSERT ON bodies BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'bodies'; END;
CREATE TRIGGER dv_bodies_update AFTER UPDATE ON bodies BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'bodies'; END;
CREATE TRIGGER dv_bodies_delete AFTER DELETE ON bodies BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'bodies'; END;
CREATE TRIGGER dv_services_insert AFTER INSERT ON services BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'services'; END;
CREATE TRIGGER dv_services_update AFTER UPDATE ON services BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'services'; END;
CREATE TRIGGER dv_services_delete AFTER DELETE ON services BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'services'; END;
CREATE TRIGGER dv_service_changes_insert AFTER INSERT ON service_changes BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'services'; END;
CREATE TRIGGER dv_service_changes_update AFTER UPDATE ON service_changes BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'services'; END;
CREATE TRIGGER dv_service_changes_delete AFTER DELETE ON service_changes BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'services'; END;
CREATE TRIGGER dv_catalogue_datasets_insert AFTER INSERT ON catalogue_datasets BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_catalogue_datasets_update AFTER UPDATE ON catalogue_datasets BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_catalogue_datasets_delete AFTER DELETE ON catalogue_datasets BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_catalogue_tags_insert AFTER INSERT ON catalogue_tags BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_catalogue_tags_update AFTER UPDATE ON catalogue_tags BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_catalogue_tags_delete AFTER DELETE ON catalogue_tags BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_catalogue_resources_insert AFTER INSERT ON catalogue_resources BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_catalogue_resources_update AFTER UPDATE ON catalogue_resources BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_catalogue_resources_delete AFTER DELETE ON catalogue_resources BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_data_requests_insert AFTER INSERT ON data_requests BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_data_requests_update AFTER UPDATE ON data_requests BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_data_requests_delete AFTER DELETE ON data_requests BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_data_request_supports_insert AFTER INSERT ON data_request_supports BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_data_request_supports_update AFTER UPDATE ON data_request_supports BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_data_request_supports_delete AFTER DELETE ON data_request_supports BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'catalogue'; END;
CREATE TRIGGER dv_measure_cells_insert AFTER INSERT ON measure_cells BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_measure_cells_update AFTER UPDATE ON measure_cells BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_measure_cells_delete AFTER DELETE ON measure_cells BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_measure_month_summaries_insert AFTER INSERT ON measure_month_summaries BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_measure_month_summaries_update AFTER UPDATE ON measure_month_summaries BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_measure_month_summaries_delete AFTER DELETE ON measure_month_summaries BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_duration_runs_insert AFTER INSERT ON duration_runs BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_duration_runs_update AFTER UPDATE ON duration_runs BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_duration_runs_delete AFTER DELETE ON duration_runs BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_datasets_insert AFTER INSERT ON datasets BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_datasets_update AFTER UPDATE ON datasets BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_datasets_delete AFTER DELETE ON datasets BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_transactions_insert AFTER INSERT ON transactions BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_transactions_update AFTER UPDATE ON transactions BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_transactions_delete AFTER DELETE ON transactions BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'measures'; END;
CREATE TRIGGER dv_requests_insert AFTER INSERT ON requests BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'requests'; END;
CREATE TRIGGER dv_requests_update AFTER UPDATE ON requests BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'requests'; END;
CREATE TRIGGER dv_requests_delete AFTER DELETE ON requests BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'requests'; END;
CREATE TRIGGER dv_request_updates_insert AFTER INSERT ON request_updates BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'requests'; END;
CREATE TRIGGER dv_request_updates_update AFTER UPDATE ON request_updates BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'requests'; END;
CREATE TRIGGER dv_request_updates_delete AFTER DELETE ON request_updates BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'requests'; END;
CREATE TRIGGER dv_request_photos_insert AFTER INSERT ON request_photos BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'requests'; END;
CREATE TRIGGER dv_request_photos_update AFTER UPDATE ON request_photos BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'requests'; END;
CREATE TRIGGER dv_request_photos_delete AFTER DELETE ON request_photos BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'requests'; END;
CREATE TRIGGER dv_spend_uploads_insert AFTER INSERT ON spend_uploads BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'spend'; END;
CREATE TRIGGER dv_spend_uploads_update AFTER UPDATE ON spend_uploads BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'spend'; END;
CREATE TRIGGER dv_spend_uploads_delete AFTER DELETE ON spend_uploads BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'spend'; END;
CREATE TRIGGER dv_spend_mappings_insert AFTER INSERT ON spend_mappings BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'spend'; END;
CREATE TRIGGER dv_spend_mappings_update AFTER UPDATE ON spend_mappings BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'spend'; END;
CREATE TRIGGER dv_spend_mappings_delete AFTER DELETE ON spend_mappings BEGIN UPDATE data_versions SET version = version + 1 WHERE topic = 'spend'; END;
