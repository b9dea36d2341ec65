//! The open data catalogue's storage: datasets with their keywords and resources, the
//! rows of uploaded tables, and search with facets.

use crate::StorageResult;
use async_trait::async_trait;
use civic_domain::catalogue::{
    CatalogueDataset, CertificateLevel, Clause, DatasetDescription, DatasetSource, Field,
    OwnDataset, Query, Resource,
};
use time::OffsetDateTime;

pub(crate) mod sql;

pub(crate) use sql::{body_of, parse_day};

/// A page of an uploaded table's rows, kept as the text the database wrote (a JSON array of
/// `[number, [cells…]]`): [`TableRows::rows`] reads the cells in place rather than copying
/// each into a string of its own, which was most of a large table export's time.
#[derive(Debug, Default)]
pub struct TableRows {
    json: String,
}

/// One row of a [`TableRows`] page: its number in the table and its cells.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct TableRow<'a>(pub i64, #[serde(borrow)] pub Vec<Cell<'a>>);

/// A cell's text, borrowed from its page unless it held an escape.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct Cell<'a>(#[serde(borrow)] pub std::borrow::Cow<'a, str>);

impl TableRows {
    /// A page from the JSON rows (joined by commas, without the brackets) a query gave.
    pub(crate) fn from_joined(joined: Option<String>) -> Self {
        TableRows {
            json: joined.map_or_else(String::new, |rows| format!("[{rows}]")),
        }
    }

    /// The page's rows in table order.
    pub fn rows(&self) -> StorageResult<Vec<TableRow<'_>>> {
        if self.json.is_empty() {
            return Ok(Vec::new());
        }
        let mut rows: Vec<TableRow<'_>> = serde_json::from_str(&self.json)
            .map_err(|e| crate::StorageError::Corrupt(format!("row cells: {e}")))?;
        // An aggregate's order is the engine's to choose; the page's is by number.
        rows.sort_unstable_by_key(|row| row.0);
        Ok(rows)
    }
}

impl TableRow<'_> {
    /// The cells' texts.
    pub fn texts(&self) -> Vec<&str> {
        self.1.iter().map(|c| c.0.as_ref()).collect()
    }
}

/// How search results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogueSort {
    /// Best match first, then most recently updated.
    Relevance,
    /// Most recently (or, when false, least recently) updated first.
    Modified(bool),
    /// Most recently (or least recently) added first.
    Created(bool),
    /// By title, A to Z (or Z to A when false).
    Title(bool),
    /// By title in Welsh (the English where there is none), in Welsh A–Z order (or Z to A).
    WelshTitle(bool),
    /// By name, A to Z (or Z to A).
    Name(bool),
}

/// A field search results can be counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetField {
    /// The publishing body.
    Organization,
    /// Keywords.
    Tags,
    /// Resource formats.
    ResFormat,
    /// Licences.
    LicenseId,
    /// Themes.
    Groups,
    /// Certificate levels.
    Certificate,
    /// Where the content comes from.
    Source,
}

impl FacetField {
    /// CKAN's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            FacetField::Organization => "organization",
            FacetField::Tags => "tags",
            FacetField::ResFormat => "res_format",
            FacetField::LicenseId => "license_id",
            FacetField::Groups => "groups",
            FacetField::Certificate => "certificate",
            FacetField::Source => "source",
        }
    }

    /// Reads CKAN's name.
    pub fn parse(name: &str) -> Option<FacetField> {
        [
            FacetField::Organization,
            FacetField::Tags,
            FacetField::ResFormat,
            FacetField::LicenseId,
            FacetField::Groups,
            FacetField::Certificate,
            FacetField::Source,
        ]
        .into_iter()
        .find(|f| f.as_str() == name)
    }
}

/// A catalogue search.
#[derive(Debug, Clone)]
pub struct CatalogueSearch {
    /// What to match (the `q` and `fq` together).
    pub query: Query,
    /// Only datasets at this certificate level.
    pub certificate: Option<CertificateLevel>,
    /// Order.
    pub sort: CatalogueSort,
    /// At most this many datasets.
    pub rows: i64,
    /// Skip this many first.
    pub start: i64,
    /// Count matches by these fields.
    pub facets: Vec<FacetField>,
    /// At most this many values per facet, most common first.
    pub facet_limit: i64,
    /// For a Welsh page: match each searched word in every form Welsh mutation gives it.
    pub welsh: bool,
}

impl CatalogueSearch {
    /// The first `rows` datasets `query` matches, in `sort` order, without facets.
    pub fn list(query: Query, sort: CatalogueSort, rows: i64) -> CatalogueSearch {
        CatalogueSearch {
            query,
            certificate: None,
            sort,
            rows,
            start: 0,
            facets: Vec::new(),
            facet_limit: 0,
            welsh: false,
        }
    }

    /// Every dataset (`rows` at a time from `start`).
    pub fn everything(sort: CatalogueSort, rows: i64, start: i64) -> CatalogueSearch {
        CatalogueSearch {
            start,
            ..CatalogueSearch::list(Query(Clause::All), sort, rows)
        }
    }

    /// The first thousand datasets of one body.
    pub fn of_body(body: &str, sort: CatalogueSort) -> CatalogueSearch {
        let query = Query(Clause::Term(Field::Organization, body.to_lowercase()));
        CatalogueSearch::list(query, sort, 1000)
    }
}

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The value as searched (`organization:northshire`).
    pub name: String,
    /// Words for people.
    pub display_name: String,
    /// The same in Welsh, where the catalogue keeps it (a body's Welsh name); else empty.
    pub display_name_cy: String,
    /// Matching datasets.
    pub count: i64,
}

/// What a search found.
#[derive(Debug, Clone)]
pub struct CatalogueResults {
    /// How many matched in all.
    pub count: i64,
    /// The page asked for.
    pub datasets: Vec<CatalogueDataset>,
    /// Counts per requested facet, in the order asked.
    pub facets: Vec<(FacetField, Vec<FacetValue>)>,
}

/// A body that publishes datasets, with how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publisher {
    /// The body's identifier.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Its name in Welsh; empty when it has none.
    pub name_cy: String,
    /// Its datasets.
    pub datasets: i64,
    /// When it joined Civic.
    pub created_at: OffsetDateTime,
}

/// The catalogue's storage.
#[async_trait]
pub trait CatalogueStore: Send + Sync {
    /// Lists (or refreshes) Civic's own datasets for `body`: metadata is written when a
    /// dataset is first listed, and after that only its Welsh where it has none (or only
    /// what [`OwnDataset::replaces_cy`] names) and its search text; resources are replaced
    /// every time.
    async fn publish_own_datasets(&self, body: &str, own: &[OwnDataset]) -> StorageResult<()>;

    /// Adds a dataset staff describe, with its resources and, for an upload, the rows of
    /// its one table (`rows` line up with the first resource's columns). `Conflict` when
    /// the name is taken; `NotFound` for an unknown body.
    async fn add_catalogue_dataset(
        &self,
        body: &str,
        source: DatasetSource,
        description: &DatasetDescription,
        resources: &[Resource],
        rows: &[Vec<String>],
    ) -> StorageResult<CatalogueDataset>;

    /// Appends rows to an uploaded table (for loading large files in batches); returns
    /// the table's new row count.
    async fn append_catalogue_rows(
        &self,
        resource_id: &str,
        rows: &[Vec<String>],
    ) -> StorageResult<i64>;

    /// Replaces a dataset's descriptive metadata (its name stays). `NotFound` unless
    /// `body` publishes it.
    async fn describe_catalogue_dataset(
        &self,
        body: &str,
        name: &str,
        description: &DatasetDescription,
    ) -> StorageResult<CatalogueDataset>;

    /// Replaces the resources of one of `body`'s own-added datasets (a new version of an
    /// uploaded table, with its `rows`, or new links). `NotFound` unless `body` publishes it
    /// and staff added it.
    async fn replace_catalogue_resources(
        &self,
        body: &str,
        name: &str,
        resources: &[Resource],
        rows: &[Vec<String>],
    ) -> StorageResult<CatalogueDataset>;

    /// Removes a dataset `body`'s staff added, with its resources and rows. `NotFound` unless
    /// `body` publishes it and staff added it; `Conflict` when a request for data was
    /// answered with it (the answer would point nowhere).
    async fn withdraw_catalogue_dataset(&self, body: &str, name: &str) -> StorageResult<()>;

    /// Describes the columns of one of `body`'s hosted tables, in order, each in English and
    /// in Welsh (empty when there is none yet); descriptions beyond the table's columns are
    /// ignored. `NotFound` unless `body` publishes it.
    async fn describe_catalogue_columns(
        &self,
        body: &str,
        name: &str,
        resource_id: &str,
        descriptions: &[(String, String)],
    ) -> StorageResult<CatalogueDataset>;

    /// One dataset by name.
    async fn catalogue_dataset(&self, name: &str) -> StorageResult<Option<CatalogueDataset>>;

    /// Datasets in name order after `after` (for package_list, DCAT pages and sweeps).
    async fn catalogue_page(&self, after: &str, limit: i64)
    -> StorageResult<Vec<CatalogueDataset>>;

    /// Searches, counts and facets.
    async fn search_catalogue(&self, search: &CatalogueSearch) -> StorageResult<CatalogueResults>;

    /// Bodies with their dataset counts, by identifier.
    async fn catalogue_publishers(&self) -> StorageResult<Vec<Publisher>>;

    /// Keywords in use, alphabetically, optionally only those containing `containing`.
    async fn catalogue_tags(&self, containing: Option<&str>) -> StorageResult<Vec<String>>;

    /// A resource and the name of its dataset.
    async fn catalogue_resource(
        &self,
        id: &str,
    ) -> StorageResult<Option<(CatalogueDataset, usize)>>;

    /// Up to `limit` rows of an uploaded table after row `after`, with their numbers.
    async fn catalogue_rows(
        &self,
        resource_id: &str,
        after: i64,
        limit: i64,
    ) -> StorageResult<TableRows>;

    /// Recomputes every dataset's stored certificate level at `now` (levels depend on
    /// time: a dataset falls behind its schedule); returns how many changed.
    async fn refresh_certificates(&self, now: OffsetDateTime) -> StorageResult<u64>;
}
