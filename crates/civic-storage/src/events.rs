//! Storage of transaction events pushed by services that run outside Civic.

use crate::StorageResult;
use async_trait::async_trait;
use civic_domain::measures::TransactionEvent;
use time::OffsetDateTime;

/// A data set: one service's stream of events, with its own ingest token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// Internal id.
    pub id: i64,
    /// The body it belongs to.
    pub body: String,
    /// Its identifier within the body.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// The service the events are transactions of.
    pub service: String,
    /// How often events should arrive; longer silence makes it stale.
    pub expected_every_hours: i32,
    /// When it was set up.
    pub created_at: OffsetDateTime,
}

/// What a batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ingested {
    /// Events stored now.
    pub accepted: u64,
    /// Events already stored (the same id sent again), left as they were.
    pub duplicates: u64,
}

/// Data sets and their events.
#[async_trait]
pub trait EventStore: Send + Sync {
    /// Sets up a data set for one of `body`'s services; `Conflict` if the slug is taken.
    async fn create_dataset(
        &self,
        body: &str,
        slug: &str,
        name: &str,
        service: &str,
        token_hash: &str,
        expected_every_hours: i32,
    ) -> StorageResult<Dataset>;

    /// The data set an ingest token belongs to.
    async fn dataset_by_token(&self, token_hash: &str) -> StorageResult<Option<Dataset>>;

    /// A body's data sets.
    async fn list_datasets(&self, body: &str) -> StorageResult<Vec<Dataset>>;

    /// Stores a batch in one transaction: all of it or none; an event id already stored for
    /// the data set is skipped, so a retried batch never counts twice.
    async fn ingest_events(
        &self,
        dataset: i64,
        events: &[TransactionEvent],
    ) -> StorageResult<Ingested>;

    /// Events stored for a data set, and when the last batch arrived.
    async fn dataset_totals(&self, dataset: i64) -> StorageResult<(i64, Option<OffsetDateTime>)>;
}
