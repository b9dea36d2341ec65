-- Data versions: one counter per kind of public content, moved on by the database itself
-- whenever a table behind it changes. A page shown to everyone is cached under the versions
-- it reads (app/page_cache.rs), so it is served from memory until the data it shows changes,
-- and never after: the counter commits in the same transaction as the change.
--
-- On PostgreSQL a statement marks the topics it changed, and the counters move once, at
-- commit, in one UPDATE: taking the counters' row locks last and in one order means writers
-- never deadlock on them, and hold them only for the moment of commit.
CREATE TABLE data_versions (
    topic TEXT PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO data_versions (topic) VALUES ('bodies'), ('services'), ('catalogue'), ('measures'), ('requests'), ('spend');


CREATE UNLOGGED TABLE data_version_marks (
    txid BIGINT NOT NULL,
    topic TEXT NOT NULL,
    PRIMARY KEY (txid, topic)
);

CREATE FUNCTION data_version_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO data_version_marks (txid, topic) VALUES (txid_current(), TG_ARGV[0])
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION data_version_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_versions SET version = version + 1
        WHERE topic IN (SELECT topic FROM data_version_marks WHERE txid = NEW.txid);
    DELETE FROM data_version_marks WHERE txid = NEW.txid;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER data_version_commit AFTER INSERT ON data_version_marks
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_commit();

CREATE TRIGGER dv_bodies AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bodies FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('bodies');
CREATE TRIGGER dv_services AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON services FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('services');
CREATE TRIGGER dv_service_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_changes FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('services');
CREATE TRIGGER dv_catalogue_datasets AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_datasets FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('catalogue');
CREATE TRIGGER dv_catalogue_tags AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_tags FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('catalogue');
CREATE TRIGGER dv_catalogue_resources AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_resources FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('catalogue');
CREATE TRIGGER dv_data_requests AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON data_requests FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('catalogue');
CREATE TRIGGER dv_data_request_supports AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON data_request_supports FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('catalogue');
CREATE TRIGGER dv_measure_cells AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON measure_cells FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('measures');
CREATE TRIGGER dv_measure_month_summaries AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON measure_month_summaries FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('measures');
CREATE TRIGGER dv_duration_runs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON duration_runs FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('measures');
CREATE TRIGGER dv_datasets AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON datasets FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('measures');
CREATE TRIGGER dv_transactions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON transactions FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('measures');
CREATE TRIGGER dv_requests AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON requests FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('requests');
CREATE TRIGGER dv_request_updates AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON request_updates FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('requests');
CREATE TRIGGER dv_request_photos AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON request_photos FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('requests');
CREATE TRIGGER dv_spend_uploads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON spend_uploads FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('spend');
CREATE TRIGGER dv_spend_mappings AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON spend_mappings FOR EACH STATEMENT EXECUTE FUNCTION data_version_mark('spend');
