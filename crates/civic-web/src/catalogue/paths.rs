//! Where the catalogue's pages and files live: one place for the URL scheme that pages,
//! files, DCAT and the CKAN API all link to.

use civic_domain::catalogue::Resource;

/// The path of a dataset's page.
pub fn dataset_page(name: &str) -> String {
    format!("/datasets/{name}")
}

/// The path of a hosted table's CSV on the Web metadata (CSVW's "append -metadata.json").
pub fn csvw_path(dataset: &str, resource: &str) -> String {
    format!("/datasets/{dataset}/resources/{resource}.csv-metadata.json")
}

/// The path of a dataset's Data Package descriptor.
pub fn datapackage_path(dataset: &str) -> String {
    format!("/datasets/{dataset}/datapackage.json")
}

/// True for a table Civic serves and describes (it gets CSVW metadata and a place in the
/// dataset's Data Package).
pub fn is_described_table(r: &Resource) -> bool {
    r.hosted && r.format == "CSV" && !r.columns.is_empty()
}
