//! Civic's storage: one [`Store`] trait with two implementations, SQLite (the embedded
//! default) and PostgreSQL (for a national hub), sharing their SQL text wherever the two
//! dialects agree. The conformance suite in `tests/` runs unchanged against both.

use async_trait::async_trait;
use civic_domain::{
    Body, BodyDraft, Role, Service, ServiceChange, ServiceDraft, ServiceStatus, Staff, StaffDraft,
};
use std::sync::Arc;
use time::OffsetDateTime;

mod accounts;
mod backends;
mod catalogue;
mod contracts;
mod dialect;
mod events;
mod languages;
mod partners;
mod place_index;
mod places;
mod ratelimits;
mod registers;
mod requests;
mod services;
mod settings;
mod stewardship;
mod suppliers;
mod versions;
mod webhooks;

#[cfg(feature = "testing")]
pub mod testing;

pub use accounts::AccountStore;
pub use backends::{PostgresStore, SqliteStore};
pub use catalogue::{
    CatalogueResults, CatalogueSearch, CatalogueSort, CatalogueStore, Cell, FacetField, FacetValue,
    Publisher, TableRow, TableRows,
};
pub use contracts::{Contract, ContractPayment, ContractStore, Rating};
pub use events::{
    Backlog, Dataset, EventStore, ExactTimes, Ingested, MeasureCell, MeasureFilter, NewSpendLine,
    SpendArea, SpendTotal, SpendUpload, Survey, SurveyAnswer,
};
pub use languages::CorrespondenceStore;
pub use partners::{ApiKey, DatasetAccess, KeyAgreement, NewApiKey, Partner, PartnerStore};
pub use places::{HelpAtPlace, PlaceStore, PlaceUsage};
pub use ratelimits::RateLimitStore;
pub use registers::{INDEXED_FIELDS, NewEntry, RegisterHead, RegisterStore, StoredItem};
pub use requests::{
    BodyUpdate, ChangeScope, NewRequest, OutboxItem, OutboxMessage, RequestChange, RequestQuery,
    RequestStore, SetAsideMessage,
};
pub use settings::SettingStore;
pub use stewardship::{Confirmation, StewardshipStore};
pub use suppliers::{
    Supplier, SupplierPage, SupplierQuery, SupplierSpend, SupplierStore, VerificationCounts,
};
pub use versions::{DataTopic, DataVersionStore};
pub use webhooks::{AttemptRecord, DueDelivery, WebhookDelivery, WebhookEndpoint, WebhookStore};

/// The outcome of a statement that must touch exactly one row: `NotFound` when it touched
/// none (the row is not there, or not in the state the statement asked for).
pub(crate) fn one_row(done: u64) -> StorageResult<()> {
    if done == 1 {
        Ok(())
    } else {
        Err(StorageError::NotFound)
    }
}

/// Which database engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The engine's name for logs and health checks.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Why a storage call failed.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The thing asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A unique value (an identifier or email address) is already taken.
    #[error("already exists: {0}")]
    Conflict(String),
    /// The database URL is not one Civic understands.
    #[error("unsupported database URL: {0} (use sqlite://PATH or postgres://...)")]
    UnsupportedUrl(String),
    /// A stored value could not be read back; the database holds something Civic never wrote.
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// Migrating the schema failed.
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// The database refused or failed the operation.
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl StorageError {
    /// True when the database could not be reached, so the caller should say "try again later".
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            StorageError::Database(
                sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
            )
        )
    }
}

impl From<sqlx::Error> for StorageError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => StorageError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StorageError::Conflict(db.message().to_string())
            }
            _ => StorageError::Database(err),
        }
    }
}

/// Shorthand for storage results.
pub type StorageResult<T> = Result<T, StorageError>;

/// Who made a change, for the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The staff member, if a person made it.
    pub staff_id: Option<i64>,
    /// The name shown in the history.
    pub name: String,
}

impl Actor {
    /// A change made by Civic itself (demo data, imports from the command line).
    pub fn system(what: &str) -> Actor {
        Actor {
            staff_id: None,
            name: what.to_string(),
        }
    }

    /// A change made by a signed-in staff member.
    pub fn staff(staff: &Staff) -> Actor {
        Actor {
            staff_id: Some(staff.id),
            name: staff.name.clone(),
        }
    }
}

/// Which services to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceQuery {
    /// One body's register, or every body's when `None`.
    pub body: Option<String>,
    /// Words that must all appear in the name, code, keywords or description.
    pub text: Option<String>,
    /// Include retired services (staff views).
    pub include_retired: bool,
    /// At most this many results.
    pub limit: Option<i64>,
    /// Skip this many results first (for paging).
    pub offset: i64,
    /// For a Welsh page: order bodies and services by their names in Welsh (the English
    /// where there is none), in Welsh A–Z order, and match each searched word in every
    /// form Welsh mutation gives it.
    pub welsh: bool,
    /// Only services with this standard code (such as "LGSL 524").
    pub code: Option<String>,
    /// Only services at this level of the digital inclusion scale.
    pub inclusion_level: Option<civic_domain::DigitalInclusionLevel>,
    /// Only services changed at or after this instant.
    pub changed_since: Option<OffsetDateTime>,
    /// List in the order services were added (after relevance when searching) instead of
    /// by body and name: a page deep in the national list is then read along the primary
    /// key, not sorted from every service.
    pub in_added_order: bool,
    /// Only services that places giving digital help (by feed identifier; active ones)
    /// help with: none at all when the list is empty.
    pub at_places: Option<Vec<String>>,
}

/// The services whose places (in-person and postal channels) fill one page of places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacePage {
    /// The services, in list order, whose places the page shows.
    pub services: Vec<Service>,
    /// How many places of the first service fall on the page before.
    pub skip: i64,
    /// How many places match in all.
    pub total: i64,
}

/// Most places of one kind (in person, or by post) counted for one service.
pub const MAX_PLACES_OF_A_KIND: i64 = 128;

/// A page of services with the total that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicePage {
    /// The services on this page.
    pub services: Vec<Service>,
    /// How many matched in all.
    pub total: i64,
}

/// A staff account as stored, with its password hash, for signing in.
#[derive(Debug, Clone)]
pub struct StaffCredentials {
    /// The account.
    pub staff: Staff,
    /// Its argon2 PHC string.
    pub password_hash: String,
}

/// Everything Civic stores. Every method that touches a body's data takes the body's
/// identifier and only ever reads or writes rows of that body: tenancy is enforced here,
/// not only in the web layer.
#[async_trait]
pub trait Store:
    AccountStore
    + RequestStore
    + RateLimitStore
    + CorrespondenceStore
    + SettingStore
    + RegisterStore
    + EventStore
    + CatalogueStore
    + StewardshipStore
    + PlaceStore
    + WebhookStore
    + PartnerStore
    + ContractStore
    + SupplierStore
    + DataVersionStore
    + Send
    + Sync
    + 'static
{
    /// The engine behind this store.
    fn backend(&self) -> Backend;

    /// Brings the schema up to date.
    async fn migrate(&self) -> StorageResult<()>;

    /// Checks the database answers.
    async fn ping(&self) -> StorageResult<()>;

    /// Adds a public body; `Conflict` if its identifier is taken.
    async fn create_body(&self, draft: &BodyDraft) -> StorageResult<Body>;

    /// Changes a body's name, kind and website (its identifier never changes), recording the
    /// new details in the organisations register in the same transaction; `NotFound` for an
    /// unknown body.
    async fn update_body(&self, slug: &str, draft: &BodyDraft) -> StorageResult<Body>;

    /// Every body, by name.
    async fn list_bodies(&self) -> StorageResult<Vec<Body>>;

    /// One body by identifier.
    async fn get_body(&self, slug: &str) -> StorageResult<Option<Body>>;

    /// Adds services to a body's register in one transaction, with a history entry each;
    /// identifiers are derived from the names and made unique within the body.
    async fn create_services(
        &self,
        body: &str,
        drafts: &[ServiceDraft],
        actor: &Actor,
    ) -> StorageResult<Vec<Service>>;

    /// Replaces a service's fields, recording what changed; `NotFound` if the body has no
    /// such service.
    async fn update_service(
        &self,
        body: &str,
        slug: &str,
        draft: &ServiceDraft,
        actor: &Actor,
    ) -> StorageResult<Service>;

    /// Retires or restores a service, recording the change.
    async fn set_service_status(
        &self,
        body: &str,
        slug: &str,
        status: ServiceStatus,
        actor: &Actor,
    ) -> StorageResult<Service>;

    /// One service of one body.
    async fn get_service(&self, body: &str, slug: &str) -> StorageResult<Option<Service>>;

    /// Services matching `query`, ordered by body then name.
    async fn list_services(&self, query: &ServiceQuery) -> StorageResult<ServicePage>;

    /// The services whose Open Referral feed identifiers are among `feed_ids` (any case),
    /// retired or not.
    async fn services_by_feed_id(&self, feed_ids: &[String]) -> StorageResult<Vec<Service>>;

    /// Places `offset..offset + limit` of the services matching `query` (its own paging
    /// ignored), counting each in-person and each postal channel of each service, in list
    /// order (at most [`MAX_PLACES_OF_A_KIND`] of each kind a service).
    async fn services_by_place(
        &self,
        query: &ServiceQuery,
        offset: i64,
        limit: i64,
    ) -> StorageResult<PlacePage>;

    /// The standard codes of the offered services of one body (every body's when `None`),
    /// each with how many services carry it, in code order.
    async fn service_codes(&self, body: Option<&str>) -> StorageResult<Vec<(String, i64)>>;

    /// A service's history, newest first.
    async fn service_history(&self, body: &str, slug: &str) -> StorageResult<Vec<ServiceChange>>;

    /// Adds a staff account for `body`, or a deployment administrator when `body` is `None`.
    async fn create_staff(
        &self,
        body: Option<&str>,
        draft: &StaffDraft,
        password_hash: &str,
        role: Role,
    ) -> StorageResult<Staff>;

    /// An account and its password hash, by email address (case-insensitive).
    async fn staff_credentials(&self, email: &str) -> StorageResult<Option<StaffCredentials>>;

    /// A body's staff, by name.
    async fn list_staff(&self, body: &str) -> StorageResult<Vec<Staff>>;

    /// Replaces an account's password hash, ends every session of it except `keep`, and
    /// queues `notice` (telling the account's owner) in the same transaction.
    async fn set_password_hash(
        &self,
        staff_id: i64,
        password_hash: &str,
        keep_session: Option<&str>,
        notice: &OutboxMessage,
    ) -> StorageResult<()>;

    /// Records a signed-in session under the hash of its token.
    async fn create_session(
        &self,
        token_hash: &str,
        staff_id: i64,
        expires_at: OffsetDateTime,
    ) -> StorageResult<()>;

    /// The account behind an unexpired session.
    async fn session_staff(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> StorageResult<Option<Staff>>;

    /// The account behind an unexpired session, keeping the session alive as
    /// [`Store::touch_session`] does — but writing only when the extension is due, so reading
    /// pages is not a write each (on SQLite every write queues for the one writer).
    async fn use_session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
        idle: time::Duration,
        absolute: time::Duration,
    ) -> StorageResult<Option<Staff>>;

    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> StorageResult<()>;

    /// Keeps a session in use alive for `idle` more, but never past `absolute` from its start
    /// (it is not extended once it is older than `absolute - idle`). Written at most once per
    /// `idle / 4` (a minute at most), so reading pages does not mean a write each.
    async fn touch_session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
        idle: time::Duration,
        absolute: time::Duration,
    ) -> StorageResult<()>;

    /// Ends every session of an account but `keep` (every one when `None`); how many ended.
    async fn end_sessions(&self, staff_id: i64, keep: Option<&str>) -> StorageResult<u64>;

    /// Deactivates (ending every session) or reactivates a staff member of `body`;
    /// `NotFound` when `body` has no such staff member.
    async fn set_staff_active(
        &self,
        body: &str,
        staff_id: i64,
        active: bool,
    ) -> StorageResult<Staff>;
}

/// Opens the database at `url` (`sqlite://PATH` or `postgres://…`), creating a SQLite file
/// when missing, and migrates it.
pub async fn connect(url: &str) -> StorageResult<Arc<dyn Store>> {
    let store: Arc<dyn Store> = if url.starts_with("sqlite:") {
        Arc::new(SqliteStore::open(url).await?)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Arc::new(PostgresStore::open(url).await?)
    } else {
        return Err(StorageError::UnsupportedUrl(redact(url)));
    };
    store.migrate().await?;
    Ok(store)
}

/// A database URL with any password replaced, for logs and error messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            super::redact("postgres://civic:secret@db:5432/civic"),
            "postgres://civic:***@db:5432/civic"
        );
        assert_eq!(
            super::redact("postgres://postgres@127.0.0.1/x"),
            "postgres://postgres@127.0.0.1/x"
        );
    }
}
