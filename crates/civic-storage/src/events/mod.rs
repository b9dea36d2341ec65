//! Storage of performance data: transactions (Civic's own requests and events pushed by
//! services run elsewhere), the day and month cells they add up into, data sets and their
//! freshness, satisfaction answers, and spend.

use crate::StorageResult;
use async_trait::async_trait;
use civic_domain::measures::{Grain, Measures, TransactionEvent};
use time::{Date, OffsetDateTime};

mod sql;

pub(crate) use sql::{
    EventEngine, TimeChanges, add_time, apply_times, finish_pending_rebuilds, sync_request_measures,
};

/// A data set: a stream of transaction events from a system outside Civic, with its own
/// ingest token.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Internal id.
    pub id: i64,
    /// The body it belongs to.
    pub body: String,
    /// Its identifier within the body.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// The service its events belong to; empty when each event names one of the body's
    /// services.
    pub service: String,
    /// How often events should arrive; longer silence makes it stale.
    pub expected_every_hours: i32,
    /// When it was set up.
    pub created_at: OffsetDateTime,
    /// When the last batch arrived.
    pub last_received_at: Option<OffsetDateTime>,
    /// Events stored in all.
    pub events: i64,
}

impl Dataset {
    /// True when nothing has arrived for longer than expected (counting from set-up when
    /// nothing has arrived at all).
    pub fn is_stale(&self, now: OffsetDateTime) -> bool {
        let since = self.last_received_at.unwrap_or(self.created_at);
        now - since > time::Duration::hours(i64::from(self.expected_every_hours.max(1)))
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ingested {
    /// Events stored now.
    pub accepted: u64,
    /// Pending transactions brought up to date with their outcome.
    pub updated: u64,
    /// Events already stored (the same id sent again), left as they were.
    pub duplicates: u64,
}

/// Which measures to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureFilter {
    /// One body, or all.
    pub body: Option<String>,
    /// One service of that body (by identifier), or all.
    pub service: Option<String>,
    /// Services with this standard code across bodies, or all.
    pub code: Option<String>,
    /// Day or month cells.
    pub grain: Grain,
    /// First period start included.
    pub from: Date,
    /// First period start excluded.
    pub to: Date,
}

/// One service's measures for one day or month.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureCell {
    /// The body.
    pub body: String,
    /// The body's name.
    pub body_name: String,
    /// The service's identifier.
    pub service: String,
    /// The service's name.
    pub service_name: String,
    /// The service's standard code, or its identifier when it has none.
    pub code: String,
    /// The service's target time in working days, if set.
    pub target_days: Option<i32>,
    /// The first day of the period.
    pub period_start: Date,
    /// What was counted.
    pub measures: Measures,
}

/// Open transactions of one service now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backlog {
    /// The body.
    pub body: String,
    /// The service's identifier.
    pub service: String,
    /// How many are open.
    pub open: i64,
    /// When the oldest open one started.
    pub oldest: Option<OffsetDateTime>,
}

/// Exact time to outcome for one standard service in one month, across bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct ExactTimes {
    /// The standard code.
    pub code: String,
    /// The month (first day) in which the transactions completed.
    pub month: Date,
    /// How many completed.
    pub completed: i64,
    /// Median seconds (the value at rank ⌊0.5·(n−1)⌋).
    pub median_seconds: i64,
    /// 90th percentile seconds (the value at rank ⌊0.9·(n−1)⌋).
    pub p90_seconds: i64,
}

/// The outcome of answering a satisfaction survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyAnswer {
    /// The answer was recorded.
    Recorded,
    /// An answer was already recorded; it stays.
    AlreadyAnswered,
}

/// What a survey link is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    /// The request's number.
    pub request_id: i64,
    /// The service's name.
    pub service_name: String,
    /// The body's name.
    pub body_name: String,
    /// The answer already given, if any.
    pub answer: Option<i32>,
}

/// A spend line as stored from an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSpendLine {
    /// Line number in the uploaded file.
    pub line: u64,
    /// Date paid.
    pub paid_on: Date,
    /// Amount in pence.
    pub amount_pence: i64,
    /// Supplier as published.
    pub supplier: String,
    /// Expense area (service area).
    pub expense_area: String,
    /// Expense type.
    pub expense_type: String,
    /// Transaction number.
    pub reference: String,
    /// Description.
    pub description: String,
}

/// A spend upload as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpendUpload {
    /// Internal id.
    pub id: i64,
    /// File name given.
    pub filename: String,
    /// When.
    pub uploaded_at: OffsetDateTime,
    /// Lines stored.
    pub stored: i64,
    /// Lines already stored by an earlier upload.
    pub duplicates: i64,
    /// Lines refused as malformed.
    pub rejected: i64,
}

/// An expense area in a body's spend, and the service it is mapped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpendArea {
    /// The area as published.
    pub area: String,
    /// Lines in it.
    pub lines: i64,
    /// Their total in pence.
    pub total_pence: i64,
    /// The service it pays for, if mapped.
    pub service: Option<String>,
}

/// Spend mapped to one service on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpendTotal {
    /// The body.
    pub body: String,
    /// The service.
    pub service: String,
    /// The service's standard code, or its identifier when it has none.
    pub code: String,
    /// The day paid.
    pub paid_on: Date,
    /// Pence.
    pub pence: i64,
}

/// Performance data.
#[async_trait]
pub trait EventStore: Send + Sync {
    /// Sets up a data set for one of `body`'s services (or, with `service` empty, for any
    /// of them), with a live API key (stored as `token_hash`) scoped to push its events, in
    /// one transaction; `Conflict` if the slug is taken, `NotFound` if the service is not
    /// the body's.
    async fn create_dataset(
        &self,
        body: &str,
        slug: &str,
        name: &str,
        service: &str,
        token_hash: &str,
        expected_every_hours: i32,
    ) -> StorageResult<Dataset>;

    /// One of `body`'s data sets.
    async fn dataset(&self, body: &str, slug: &str) -> StorageResult<Option<Dataset>>;

    /// A body's data sets.
    async fn list_datasets(&self, body: &str) -> StorageResult<Vec<Dataset>>;

    /// The services a data set's events may name.
    async fn dataset_services(&self, dataset: &Dataset) -> StorageResult<Vec<String>>;

    /// Stores a batch in one transaction: all of it or none. An event id already stored
    /// for the data set is skipped, so a retried batch never counts twice; a pending one
    /// sent again with its outcome is brought up to date. Each event's service must be
    /// one of `dataset_services` (an event without one belongs to the data set's service).
    async fn ingest_events(
        &self,
        dataset: &Dataset,
        events: &[TransactionEvent],
    ) -> StorageResult<Ingested>;

    /// Measures per service and period, from the cells.
    async fn measures(&self, filter: &MeasureFilter) -> StorageResult<Vec<MeasureCell>>;

    /// Measures per standard code and period: the cells of every service with that code
    /// added up, with empty body and service, and the target its services share (none if
    /// they differ). What national reports by code read, in memory for each code rather
    /// than each service.
    async fn measures_by_code(&self, filter: &MeasureFilter) -> StorageResult<Vec<MeasureCell>>;

    /// The same cells with their counts only (every time-to-outcome sketch empty), for
    /// rollups of volumes that need no times.
    async fn measure_counts(&self, filter: &MeasureFilter) -> StorageResult<Vec<MeasureCell>>;

    /// Rebuilds every body-month summary from the month cells (should they ever drift, as
    /// when an older Civic wrote cells after the summaries were made); returns how many
    /// summaries there are. Writers wait while it runs.
    async fn rebuild_month_summaries(&self) -> StorageResult<u64>;

    /// Rebuilds the runs of exact times to outcome from the transactions, one run per
    /// standard service; returns how many. Writers wait while it runs.
    async fn rebuild_duration_runs(&self) -> StorageResult<u64>;

    /// Open transactions per service now.
    async fn backlog(
        &self,
        body: Option<&str>,
        service: Option<&str>,
        code: Option<&str>,
    ) -> StorageResult<Vec<Backlog>>;

    /// When the middle one (by age) of a service's open transactions started.
    async fn backlog_median_start(
        &self,
        body: &str,
        service: &str,
    ) -> StorageResult<Option<OffsetDateTime>>;

    /// Exact median and 90th percentile of time to outcome by standard code and month of
    /// outcome, across bodies, for months in `[from, to)`.
    async fn exact_times(
        &self,
        code: Option<&str>,
        from: Date,
        to: Date,
    ) -> StorageResult<Vec<ExactTimes>>;

    /// The survey a token opens, if it is one.
    async fn survey(&self, token_hash: &str) -> StorageResult<Option<Survey>>;

    /// Records a satisfaction answer (1–5) once; `NotFound` for an unknown token.
    async fn answer_survey(&self, token_hash: &str, rating: u8) -> StorageResult<SurveyAnswer>;

    /// Stores an upload's good lines, skipping lines an earlier upload already stored.
    async fn upload_spend(
        &self,
        body: &str,
        filename: &str,
        lines: &[NewSpendLine],
        rejected: i64,
    ) -> StorageResult<SpendUpload>;

    /// A body's uploads, newest first.
    async fn spend_uploads(&self, body: &str) -> StorageResult<Vec<SpendUpload>>;

    /// A body's expense areas and their mappings.
    async fn spend_areas(&self, body: &str) -> StorageResult<Vec<SpendArea>>;

    /// Maps an expense area to one of the body's services, or unmaps it.
    async fn map_spend_area(
        &self,
        body: &str,
        area: &str,
        service: Option<&str>,
    ) -> StorageResult<()>;

    /// Spend mapped to services, per day paid in `[from, to)`.
    async fn spend_totals(
        &self,
        body: Option<&str>,
        service: Option<&str>,
        code: Option<&str>,
        from: Date,
        to: Date,
    ) -> StorageResult<Vec<SpendTotal>>;
}
