//! `EventStore`, written once for every engine but for the queries in `EventEngine`, and the
//! bookkeeping that keeps the measure cells equal to the sum of the transactions: every
//! write to `transactions` applies the difference it makes to its cells in the same
//! database transaction, so a closed request shows on the dashboards at once.

use crate::backends::{now, shaped_chunks, sqlite_time, to_micros};
use crate::dialect::{
    Binds, BuilderExt, Dialect, Engine, QueryExt, RowExt, SeparatedExt, Stamp, json_rows,
};
use crate::events::{
    Backlog, Dataset, EventStore, ExactTimes, Ingested, MeasureCell, MeasureFilter, NewSpendLine,
    SpendArea, SpendTotal, SpendUpload, Survey, SurveyAnswer,
};
use crate::requests::OutboxMessage;
use crate::services::body_id;
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::measures::{
    DurationRun, DurationSketch, EventChannel, Grain, Measures, MonthDays, Outcome,
    TransactionEvent, TransactionFact, median_and_p90, month_time_key, runs_to_merge,
};
use civic_domain::{RequestChannel, RequestStatus};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::{Postgres, QueryBuilder, Row, Sqlite};
use std::collections::{BTreeMap, HashMap};
use time::{Date, OffsetDateTime};

/// The count columns of `measure_cells`, in `Measures` order.
pub(crate) const CELL_COUNTS: [&str; 18] = [
    "started_digital",
    "started_assisted_digital",
    "started_phone",
    "started_counter",
    "started_post",
    "started_email",
    "completed_digital",
    "completed_assisted_digital",
    "completed_phone",
    "completed_counter",
    "completed_post",
    "completed_email",
    "not_completed",
    "satisfaction_1",
    "satisfaction_2",
    "satisfaction_3",
    "satisfaction_4",
    "satisfaction_5",
];

/// A stored cell's measures: its counts (`Measures::counts` order) and sketch.
fn measures_from(counts: &[i64; 18], durations: &[u8]) -> StorageResult<Measures> {
    let mut m = Measures::from_counts(counts);
    m.durations = sketch_from(durations)?;
    Ok(m)
}

/// A stored time-to-outcome sketch.
fn sketch_from(durations: &[u8]) -> StorageResult<DurationSketch> {
    DurationSketch::from_bytes(durations)
        .ok_or_else(|| StorageError::Corrupt("measure cell durations".into()))
}

/// A stored month cell's days.
fn days_from(days: &[u8]) -> StorageResult<MonthDays> {
    MonthDays::from_bytes(days).ok_or_else(|| StorageError::Corrupt("measure cell days".into()))
}

/// A body-month summary as stored: `[[service_id, count, …], …]`, JSON so that the
/// migration which made the table could fill it in SQL.
fn parse_summary(text: &str) -> StorageResult<Vec<(i64, [i64; 18])>> {
    let rows: Vec<[i64; 19]> = serde_json::from_str(text)
        .map_err(|e| StorageError::Corrupt(format!("month summary: {e}")))?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut counts = [0i64; 18];
            counts.copy_from_slice(&row[1..]);
            (row[0], counts)
        })
        .collect())
}

/// The stored form of a body-month summary (see `parse_summary`).
fn summary_text(services: &BTreeMap<i64, [i64; 18]>) -> String {
    let rows: Vec<Vec<i64>> = services
        .iter()
        .map(|(service, counts)| {
            std::iter::once(*service)
                .chain(counts.iter().copied())
                .collect()
        })
        .collect();
    serde_json::Value::from(rows).to_string()
}

/// A stored month cell's time-to-outcome sketch and days.
fn month_of(durations: &[u8], days: &[u8]) -> StorageResult<(DurationSketch, MonthDays)> {
    Ok((sketch_from(durations)?, days_from(days)?))
}

/// How sqlx stores a `Date` in SQLite.
const SQLITE_DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// A blob SQLite gave back as `hex()`.
fn unhex(text: &str) -> StorageResult<Vec<u8>> {
    hex::decode(text).map_err(|e| StorageError::Corrupt(format!("hex blob: {e}")))
}

/// `YYYYMM`, the month key of the exact times to outcome.
fn month_key(at: OffsetDateTime) -> i32 {
    month_key_of(at.date())
}

/// `YYYYMM` of a date.
fn month_key_of(date: Date) -> i32 {
    date.year() * 100 + i32::from(u8::from(date.month()))
}

fn month_from_key(key: i32) -> Option<Date> {
    let month = time::Month::try_from(u8::try_from(key % 100).ok()?).ok()?;
    Date::from_calendar_date(key / 100, month, 1).ok()
}

/// Cell changes gathered before they are written.
pub(crate) type CellDeltas = HashMap<(i64, Grain, Date), Measures>;

/// Adds `sign` times a transaction to the changes for `service`.
pub(crate) fn add_fact(deltas: &mut CellDeltas, service: i64, fact: &TransactionFact, sign: i64) {
    fact.contribute(sign, |grain, day, apply| {
        apply(deltas.entry((service, grain, day)).or_default())
    });
}

/// Exact-time changes gathered before they are written: service code → changes of
/// `(month_time_key, count)`.
pub(crate) type TimeChanges = HashMap<String, Vec<(i64, i64)>>;

/// Adds `sign` times a duration completed in `month` (`YYYYMM`) under `code`.
pub(crate) fn add_time(changes: &mut TimeChanges, code: &str, month: i32, seconds: i64, sign: i64) {
    let change = (month_time_key(month, seconds), sign);
    // Looked up by `&str` first: most events add to a code already in the batch.
    match changes.get_mut(code) {
        Some(code_changes) => code_changes.push(change),
        None => {
            changes.insert(code.to_string(), vec![change]);
        }
    }
}

/// Adds `sign` times a transaction's time to outcome, if it has one, under `code`.
pub(crate) fn add_fact_time(
    changes: &mut TimeChanges,
    code: &str,
    fact: &TransactionFact,
    sign: i64,
) {
    if let (Some(seconds), Some((at, _))) = (fact.duration_seconds(), fact.outcome) {
        add_time(changes, code, month_key(at), seconds, sign);
    }
}

/// The runs of gathered changes, one per standard service that changes, in code order (the
/// order PostgreSQL writers lock them in).
fn runs_of(changes: TimeChanges) -> Vec<(String, DurationRun)> {
    let mut runs: Vec<(String, DurationRun)> = changes
        .into_iter()
        .map(|(code, changes)| (code, DurationRun::from_changes(changes)))
        .filter(|(_, run)| !run.is_empty())
        .collect();
    runs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    runs
}

/// A service's exact times in the months `from..to` (`YYYYMM`), from all its runs.
fn exact_of(
    code: &str,
    runs: &[DurationRun],
    from: i32,
    to: i32,
) -> StorageResult<Vec<ExactTimes>> {
    let mut out = Vec::new();
    for (month, group) in DurationRun::merged(runs).by_month() {
        if month < from || month >= to {
            continue;
        }
        let (n, median, p90) = median_and_p90(&group).ok_or_else(|| {
            StorageError::Corrupt(format!(
                "duration runs of {code} in {month} remove more than they add"
            ))
        })?;
        out.push(ExactTimes {
            month: month_from_key(month)
                .ok_or_else(|| StorageError::Corrupt(format!("outcome month {month}")))?,
            code: code.to_string(),
            completed: n,
            median_seconds: median,
            p90_seconds: p90,
        });
    }
    Ok(out)
}

/// The advisory lock PostgreSQL writers take on one service's duration runs: a range of
/// its own, above the bodies' (2^40 + body id).
fn duration_group_lock(code: &str) -> i64 {
    // FNV-1a: stable across builds, unlike the standard library's hasher.
    let mut hash: u32 = 0x811c_9dc5;
    for byte in code.bytes() {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    (1i64 << 42) + i64::from(hash)
}

/// A transaction as stored, enough to take its contribution back out.
fn stored_fact(
    channel: &str,
    started_at: OffsetDateTime,
    outcome_at: Option<OffsetDateTime>,
    outcome: Option<String>,
    satisfaction: Option<i32>,
) -> StorageResult<TransactionFact> {
    let channel = EventChannel::parse(channel)
        .ok_or_else(|| StorageError::Corrupt(format!("transaction channel {channel}")))?;
    let outcome = match outcome.as_deref() {
        None => None,
        Some(name) => Some(
            Outcome::parse(name)
                .ok_or_else(|| StorageError::Corrupt(format!("transaction outcome {name}")))?,
        ),
    };
    Ok(TransactionFact {
        channel,
        started_at,
        outcome: outcome_at.zip(outcome),
        satisfaction: satisfaction.and_then(|s| u8::try_from(s).ok()),
    })
}

/// A fingerprint of a spend line, so the same file uploaded twice stores each line once;
/// `ordinal` tells apart identical lines within one file.
fn spend_fingerprint(line: &NewSpendLine, ordinal: u32) -> String {
    let mut hasher = Sha256::new();
    for part in [
        line.paid_on.to_string(),
        line.amount_pence.to_string(),
        line.supplier.clone(),
        line.expense_area.clone(),
        line.expense_type.clone(),
        line.reference.clone(),
        line.description.clone(),
        ordinal.to_string(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

macro_rules! dataset_select {
    () => {
        "SELECT d.id, b.slug AS body_slug, d.slug, d.name, d.service, d.expected_every_hours, \
         d.created_at, d.last_received_at, d.events FROM datasets d JOIN bodies b ON b.id = \
         d.body_id "
    };
}

macro_rules! backlog_of_service {
    () => {
        "FROM transactions t JOIN services s ON s.id = t.service_id \
         JOIN bodies b ON b.id = s.body_id \
         WHERE b.slug = $1 AND s.slug = $2 AND t.outcome_at IS NULL"
    };
}

/// Pushes `(a, b, …), (…)`, one bound row value per item, for SQLite's row-value `IN`.
macro_rules! push_row_values {
    ($sql:ident, $items:expr, |$item:pat_param| ($first:expr $(, $rest:expr)*)) => {{
        let mut list = $sql.separated(", ");
        for $item in $items {
            list.push("(");
            list.push_bind_unseparated($first);
            $(
                list.push_unseparated(", ");
                list.push_bind_unseparated($rest);
            )*
            list.push_unseparated(")");
        }
    }};
}

/// Decodes a `(body_id, period_start, services)` row into `stored`.
macro_rules! keep_summary {
    ($stored:ident, $row:ident) => {{
        let services = parse_summary(&$row.try_get::<String, _>(2)?)?;
        $stored.insert(
            ($row.try_get(0)?, $row.try_get(1)?),
            services.into_iter().collect(),
        );
    }};
}

/// Stored month cells' sketches and days by `(service, month)`.
type StoredMonths = HashMap<(i64, Date), (DurationSketch, MonthDays)>;
/// Stored month summaries (every service's counts) by `(body, month)`.
type StoredSummaries = HashMap<(i64, Date), BTreeMap<i64, [i64; 18]>>;
/// Month count changes by `(body, month)`: `(service, counts)` each.
type SummaryChanges = BTreeMap<(i64, Date), Vec<(i64, [i64; 18])>>;
/// Stored runs' numbers and sizes in bytes by service code, oldest first.
type RunSizes = HashMap<String, Vec<(i64, usize)>>;
/// Runs taken out of storage to be merged, by service code.
type TakenRuns = HashMap<String, Vec<DurationRun>>;

/// Stored transactions by event id: the service and fact of each.
type StoredEvents = HashMap<String, (i64, TransactionFact)>;

/// An event of a batch, with its service's id and standard code.
type BatchEvent<'e> = (&'e TransactionEvent, i64, &'e str);

/// The events of `chunk` not among `stored`.
fn fresh_events<'e>(chunk: &[BatchEvent<'e>], stored: &StoredEvents) -> Vec<BatchEvent<'e>> {
    chunk
        .iter()
        .filter(|(event, _, _)| !stored.contains_key(&event.id))
        .copied()
        .collect()
}

/// The columns an ingested event fills, for the engines' inserts.
const TRANSACTIONS_INSERT: &str = "INSERT INTO transactions (service_id, service_code, \
     dataset_id, event_id, channel, started_at, outcome_at, outcome, duration_s, outcome_month, \
     satisfaction, received_at) ";

/// An instant encoded once to be bound many times (a batch's time of receipt, on each row):
/// on SQLite, writing one out as text costs about what storing a small row does.
pub(crate) trait Clock {
    /// The instant as the engine binds it.
    type Instant: Send + Sync;
    /// Encodes `t` at microsecond precision.
    fn instant(t: OffsetDateTime) -> Self::Instant;
}

impl Clock for Sqlite {
    type Instant = String;
    fn instant(t: OffsetDateTime) -> String {
        sqlite_time(t)
    }
}

impl Clock for Postgres {
    type Instant = OffsetDateTime;
    fn instant(t: OffsetDateTime) -> OffsetDateTime {
        to_micros(t)
    }
}

/// The performance-data queries that differ per engine beyond the dialect's fragments, as
/// two impls side by side. SQLite takes lists of (row) values, and hands many small rows back
/// as one JSON row: sqlx runs SQLite on a thread of its own and hands over each row with a
/// wake-up, which costs more than SQLite's own work on a small row. PostgreSQL joins to arrays
/// (`UNNEST`), as it plans a list of row values arm by arm on every statement, and runs many
/// writers at once, so it locks what SQLite's one writer need not.
pub(crate) trait EventEngine:
    Dialect + Clock + for<'a> Binds<&'a <Self as Clock>::Instant>
{
    /// Locks one body's cells for the rest of the transaction (`$1`: the body's id); empty
    /// where there is one writer at a time.
    const LOCK_BODY: &'static str;
    /// New events per insert statement (a power of two; 12 values each, under the engine's
    /// limit on bound values). Each statement also costs a savepoint, its release and a read
    /// of the ids already stored, round trips that weigh more on PostgreSQL.
    const EVENTS_PER_INSERT: usize;
    /// Locks the cells and month summaries against every other writer; empty on SQLite.
    const LOCK_MEASURES: &'static str;
    /// Locks the transactions and duration runs against every other writer; empty on SQLite.
    const LOCK_TIMES: &'static str;

    /// Locks each service's runs, in one order, so two writers never merge the same runs and
    /// never wait on each other in a circle.
    fn lock_duration_groups(
        conn: &mut Self::Connection,
        codes: &[&str],
    ) -> impl Future<Output = StorageResult<()>> + Send;

    /// The stored runs' numbers and sizes in bytes of these services, oldest first.
    fn stored_run_sizes(
        conn: &mut Self::Connection,
        codes: &[&str],
    ) -> impl Future<Output = StorageResult<RunSizes>> + Send;

    /// Takes these `(code, run number)` runs out of storage, to be merged.
    fn take_runs(
        conn: &mut Self::Connection,
        runs: &[(&str, i64)],
    ) -> impl Future<Output = StorageResult<TakenRuns>> + Send;

    /// The stored transactions of a data set among these events: SQLite probes its unique
    /// index once per listed id; PostgreSQL is told to, by a lateral join, as its planner may
    /// otherwise filter every row of the data set through the list.
    fn stored_events(
        conn: &mut Self::Connection,
        dataset: i64,
        events: &[BatchEvent<'_>],
    ) -> impl Future<Output = StorageResult<StoredEvents>> + Send;

    /// The insert of a batch's new events into `transactions`, skipping any id stored
    /// meanwhile (so the rows it inserts tell whether another writer got there first).
    fn insert_events(
        dataset: i64,
        fresh: &[BatchEvent<'_>],
        received_at: &Self::Instant,
    ) -> QueryBuilder<Self>;

    /// The stored sketches and days of these `(service, month)` cells.
    fn stored_months(
        conn: &mut Self::Connection,
        keys: &[(i64, Date)],
    ) -> impl Future<Output = StorageResult<StoredMonths>> + Send;

    /// The stored month summaries of these `(body, month)` keys.
    fn stored_summaries(
        conn: &mut Self::Connection,
        keys: &[(i64, Date)],
    ) -> impl Future<Output = StorageResult<StoredSummaries>> + Send;
}

impl EventEngine for Sqlite {
    const LOCK_BODY: &'static str = "";
    const EVENTS_PER_INSERT: usize = 512;
    const LOCK_MEASURES: &'static str = "";
    const LOCK_TIMES: &'static str = "";

    /// SQLite has one writer at a time: nothing to lock.
    async fn lock_duration_groups(
        _conn: &mut sqlx::SqliteConnection,
        _codes: &[&str],
    ) -> StorageResult<()> {
        Ok(())
    }

    async fn stored_run_sizes(
        conn: &mut sqlx::SqliteConnection,
        codes: &[&str],
    ) -> StorageResult<RunSizes> {
        let mut sizes = RunSizes::new();
        for chunk in shaped_chunks(codes, 256) {
            let mut sql: QueryBuilder<sqlx::Sqlite> = QueryBuilder::new(
                "SELECT json_group_array(json_array(service_code, run, length(durations))) \
                 FROM duration_runs WHERE service_code IN (",
            );
            let mut list = sql.separated(", ");
            for code in chunk {
                list.push_bind(*code);
            }
            sql.push(")");
            let rows: Vec<(String, i64, usize)> = json_rows::<sqlx::Sqlite, _>(conn, sql).await?;
            for (code, run, bytes) in rows {
                sizes.entry(code).or_default().push((run, bytes));
            }
        }
        // Oldest first, as `runs_to_merge` takes them.
        for runs in sizes.values_mut() {
            runs.sort_unstable();
        }
        Ok(sizes)
    }

    async fn take_runs(
        conn: &mut sqlx::SqliteConnection,
        runs: &[(&str, i64)],
    ) -> StorageResult<TakenRuns> {
        let mut taken = TakenRuns::new();
        for chunk in shaped_chunks(runs, 512) {
            let mut sql: QueryBuilder<sqlx::Sqlite> = QueryBuilder::new(
                "SELECT json_group_array(json_array(service_code, hex(durations))) \
                 FROM duration_runs WHERE (service_code, run) IN (",
            );
            push_row_values!(sql, chunk, |(code, run)| (*code, *run));
            sql.push(")");
            let rows: Vec<(String, String)> = json_rows::<sqlx::Sqlite, _>(conn, sql).await?;
            for (code, durations) in rows {
                let run = DurationRun::from_bytes(&unhex(&durations)?)
                    .ok_or_else(|| StorageError::Corrupt("duration run".into()))?;
                taken.entry(code).or_default().push(run);
            }
            let mut sql: QueryBuilder<sqlx::Sqlite> =
                QueryBuilder::new("DELETE FROM duration_runs WHERE (service_code, run) IN (");
            push_row_values!(sql, chunk, |(code, run)| (*code, *run));
            sql.push(")");
            sql.build().execute(&mut *conn).await?;
        }
        Ok(taken)
    }
    fn insert_events(
        dataset: i64,
        fresh: &[BatchEvent<'_>],
        received_at: &String,
    ) -> QueryBuilder<Sqlite> {
        let mut sql: QueryBuilder<Sqlite> = QueryBuilder::new(TRANSACTIONS_INSERT);
        sql.push_values(fresh, |mut b, (event, service, code)| {
            let duration = event.fact().duration_seconds();
            b.push_bind(*service)
                .push_bind(*code)
                .push_bind(dataset)
                .push_bind(event.id.as_str())
                .push_bind(event.channel.as_str())
                .push_bind(sqlite_time(event.started_at))
                .push_bind(event.outcome_at.map(sqlite_time))
                .push_bind(event.outcome.map(Outcome::as_str))
                .push_bind(duration)
                .push_bind(duration.and(event.outcome_at).map(month_key))
                .push_bind(event.satisfaction.map(i32::from))
                .push_bind(received_at);
        });
        sql.push(" ON CONFLICT (dataset_id, event_id) DO NOTHING");
        sql
    }

    async fn stored_events(
        conn: &mut sqlx::SqliteConnection,
        dataset: i64,
        events: &[BatchEvent<'_>],
    ) -> StorageResult<StoredEvents> {
        let mut sql: QueryBuilder<sqlx::Sqlite> = QueryBuilder::new(
            "SELECT event_id, service_id, channel, started_at, outcome_at, outcome, \
             satisfaction FROM transactions WHERE dataset_id = ",
        );
        sql.push_bind(dataset).push(" AND event_id IN (");
        let mut list = sql.separated(", ");
        for (event, _, _) in events {
            list.push_bind(event.id.as_str());
        }
        sql.push(")");
        stored_events_from::<Self>(sql.build().fetch_all(&mut *conn).await?)
    }
    async fn stored_months(
        conn: &mut sqlx::SqliteConnection,
        keys: &[(i64, Date)],
    ) -> StorageResult<StoredMonths> {
        let mut stored = HashMap::new();
        for chunk in shaped_chunks(keys, 512) {
            let mut sql: QueryBuilder<sqlx::Sqlite> = QueryBuilder::new(
                "SELECT json_group_array(json_array(service_id, period_start, hex(durations), \
                 hex(days))) \
                 FROM measure_cells WHERE grain = 'month' AND (service_id, period_start) IN (",
            );
            push_row_values!(sql, chunk, |(service, start)| (*service, *start));
            sql.push(")");
            let rows: Vec<(i64, String, String, String)> =
                json_rows::<sqlx::Sqlite, _>(conn, sql).await?;
            for (service, start, durations, days) in rows {
                let start = Date::parse(&start, SQLITE_DATE)
                    .map_err(|e| StorageError::Corrupt(format!("cell period {start}: {e}")))?;
                stored.insert(
                    (service, start),
                    month_of(&unhex(&durations)?, &unhex(&days)?)?,
                );
            }
        }
        Ok(stored)
    }

    async fn stored_summaries(
        conn: &mut sqlx::SqliteConnection,
        keys: &[(i64, Date)],
    ) -> StorageResult<StoredSummaries> {
        let mut stored = HashMap::new();
        for chunk in shaped_chunks(keys, 256) {
            let mut sql: QueryBuilder<sqlx::Sqlite> = QueryBuilder::new(
                "SELECT body_id, period_start, services FROM measure_month_summaries \
                 WHERE (body_id, period_start) IN (",
            );
            push_row_values!(sql, chunk, |(body, start)| (*body, *start));
            sql.push(")");
            for row in sql.build().fetch_all(&mut *conn).await? {
                keep_summary!(stored, row);
            }
        }
        Ok(stored)
    }
}

impl EventEngine for Postgres {
    const LOCK_BODY: &'static str = "SELECT pg_advisory_xact_lock(1099511627776 + $1)";
    const EVENTS_PER_INSERT: usize = 2048;
    const LOCK_MEASURES: &'static str =
        "LOCK TABLE measure_cells, measure_month_summaries IN EXCLUSIVE MODE";
    const LOCK_TIMES: &'static str = "LOCK TABLE transactions, duration_runs IN EXCLUSIVE MODE";

    /// Locks each service's runs in one order, so two writers never merge the same runs and
    /// never wait on each other in a circle.
    async fn lock_duration_groups(
        conn: &mut sqlx::PgConnection,
        codes: &[&str],
    ) -> StorageResult<()> {
        let mut locks: Vec<i64> = codes.iter().map(|code| duration_group_lock(code)).collect();
        locks.sort_unstable();
        locks.dedup();
        // Volatile functions are evaluated after the sort, so the locks are taken in order.
        sqlx::query(
            "SELECT pg_advisory_xact_lock(k) FROM UNNEST($1::bigint[]) WITH ORDINALITY AS u (k, i) \
             ORDER BY i",
        )
        .bind(locks)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    async fn stored_run_sizes(
        conn: &mut sqlx::PgConnection,
        codes: &[&str],
    ) -> StorageResult<RunSizes> {
        let rows = sqlx::query(
            "SELECT service_code, run, CAST(length(durations) AS BIGINT) FROM duration_runs \
             WHERE service_code = ANY($1::text[]) ORDER BY 1, 2",
        )
        .bind(codes)
        .fetch_all(&mut *conn)
        .await?;
        let mut sizes = RunSizes::new();
        for row in rows {
            let bytes: i64 = row.try_get(2)?;
            sizes
                .entry(row.try_get(0)?)
                .or_default()
                .push((row.try_get(1)?, usize::try_from(bytes).unwrap_or(0)));
        }
        Ok(sizes)
    }

    async fn take_runs(
        conn: &mut sqlx::PgConnection,
        runs: &[(&str, i64)],
    ) -> StorageResult<TakenRuns> {
        let rows = sqlx::query(
            "DELETE FROM duration_runs r USING UNNEST($1::text[], $2::bigint[]) AS k \
             (service_code, run) \
             WHERE r.service_code = k.service_code AND r.run = k.run \
             RETURNING r.service_code, r.durations",
        )
        .bind(runs.iter().map(|r| r.0).collect::<Vec<&str>>())
        .bind(runs.iter().map(|r| r.1).collect::<Vec<i64>>())
        .fetch_all(&mut *conn)
        .await?;
        let mut taken = TakenRuns::new();
        for row in rows {
            let run = DurationRun::from_bytes(&row.try_get::<Vec<u8>, _>(1)?)
                .ok_or_else(|| StorageError::Corrupt("duration run".into()))?;
            taken.entry(row.try_get(0)?).or_default().push(run);
        }
        Ok(taken)
    }
    fn insert_events(
        dataset: i64,
        fresh: &[BatchEvent<'_>],
        received_at: &OffsetDateTime,
    ) -> QueryBuilder<Postgres> {
        // One array per column: PostgreSQL parses and plans twelve parameters, where a
        // list of row values costs it twelve per row.
        let n = fresh.len();
        let mut services = Vec::with_capacity(n);
        let mut codes = Vec::with_capacity(n);
        let mut ids = Vec::with_capacity(n);
        let mut channels = Vec::with_capacity(n);
        let mut started = Vec::with_capacity(n);
        let mut ended = Vec::with_capacity(n);
        let mut outcomes = Vec::with_capacity(n);
        let mut durations = Vec::with_capacity(n);
        let mut months = Vec::with_capacity(n);
        let mut ratings = Vec::with_capacity(n);
        for (event, service, code) in fresh {
            let duration = event.fact().duration_seconds();
            services.push(*service);
            codes.push(*code);
            ids.push(event.id.as_str());
            channels.push(event.channel.as_str());
            started.push(to_micros(event.started_at));
            ended.push(event.outcome_at.map(to_micros));
            outcomes.push(event.outcome.map(Outcome::as_str));
            durations.push(duration);
            months.push(duration.and(event.outcome_at).map(month_key));
            ratings.push(event.satisfaction.map(i32::from));
        }
        let mut sql: QueryBuilder<Postgres> = QueryBuilder::new(TRANSACTIONS_INSERT);
        sql.push("SELECT s, c, ")
            .push_bind(dataset)
            .push(", i, ch, st, oa, o, d, m, r, ")
            .push_bind(received_at)
            .push(" FROM UNNEST(")
            .push_bind(services)
            .push("::bigint[], ")
            .push_bind(codes)
            .push("::text[], ")
            .push_bind(ids)
            .push("::text[], ")
            .push_bind(channels)
            .push("::text[], ")
            .push_bind(started)
            .push("::timestamptz[], ")
            .push_bind(ended)
            .push("::timestamptz[], ")
            .push_bind(outcomes)
            .push("::text[], ")
            .push_bind(durations)
            .push("::bigint[], ")
            .push_bind(months)
            .push("::int[], ")
            .push_bind(ratings)
            .push("::int[]) AS e (s, c, i, ch, st, oa, o, d, m, r)")
            .push(" ON CONFLICT (dataset_id, event_id) DO NOTHING");
        sql
    }

    async fn stored_events(
        conn: &mut sqlx::PgConnection,
        dataset: i64,
        events: &[BatchEvent<'_>],
    ) -> StorageResult<StoredEvents> {
        let rows = sqlx::query(
            "SELECT t.event_id, t.service_id, t.channel, t.started_at, t.outcome_at, t.outcome, \
             t.satisfaction FROM UNNEST($2::text[]) AS k (event_id) \
             JOIN LATERAL (SELECT * FROM transactions x \
             WHERE x.dataset_id = $1 AND x.event_id = k.event_id) t ON true",
        )
        .bind(dataset)
        .bind(
            events
                .iter()
                .map(|(e, _, _)| e.id.as_str())
                .collect::<Vec<&str>>(),
        )
        .fetch_all(&mut *conn)
        .await?;
        stored_events_from::<Self>(rows)
    }
    async fn stored_months(
        conn: &mut sqlx::PgConnection,
        keys: &[(i64, Date)],
    ) -> StorageResult<StoredMonths> {
        let rows = sqlx::query(
            "SELECT c.service_id, c.period_start, c.durations, c.days FROM measure_cells c \
             JOIN UNNEST($1::bigint[], $2::date[]) AS k (service_id, period_start) \
             ON c.grain = 'month' AND c.service_id = k.service_id AND c.period_start = \
             k.period_start",
        )
        .bind(keys.iter().map(|k| k.0).collect::<Vec<i64>>())
        .bind(keys.iter().map(|k| k.1).collect::<Vec<Date>>())
        .fetch_all(&mut *conn)
        .await?;
        let mut stored = HashMap::with_capacity(rows.len());
        for row in rows {
            let month = month_of(
                &row.try_get::<Vec<u8>, _>(2)?,
                &row.try_get::<Vec<u8>, _>(3)?,
            )?;
            stored.insert((row.try_get(0)?, row.try_get(1)?), month);
        }
        Ok(stored)
    }

    async fn stored_summaries(
        conn: &mut sqlx::PgConnection,
        keys: &[(i64, Date)],
    ) -> StorageResult<StoredSummaries> {
        let rows = sqlx::query(
            "SELECT m.body_id, m.period_start, m.services FROM measure_month_summaries m \
             JOIN UNNEST($1::bigint[], $2::date[]) AS k (body_id, period_start) \
             ON m.body_id = k.body_id AND m.period_start = k.period_start",
        )
        .bind(keys.iter().map(|k| k.0).collect::<Vec<i64>>())
        .bind(keys.iter().map(|k| k.1).collect::<Vec<Date>>())
        .fetch_all(&mut *conn)
        .await?;
        let mut stored = HashMap::with_capacity(rows.len());
        for row in rows {
            keep_summary!(stored, row);
        }
        Ok(stored)
    }
}

/// Narrows a query over `b` (bodies) and `s` (services) to a body, a service and a
/// standard code (a service without one goes by its identifier), each if given.
fn push_service_filter<D: Dialect>(
    sql: &mut QueryBuilder<D>,
    body: Option<&str>,
    service: Option<&str>,
    code: Option<&str>,
) {
    if let Some(body) = body {
        sql.push(" AND b.slug = ").arg(body.to_string());
    }
    if let Some(service) = service {
        sql.push(" AND s.slug = ").arg(service.to_string());
    }
    if let Some(code) = code {
        sql.push(" AND (s.code = ").arg(code.to_string());
        sql.push(" OR (s.code = '' AND s.slug = ")
            .arg(code.to_string())
            .push("))");
    }
}

fn dataset_from_row<D: Dialect>(row: &D::Row) -> StorageResult<Dataset> {
    Ok(Dataset {
        id: row.col("id")?,
        body: row.col("body_slug")?,
        slug: row.col("slug")?,
        name: row.col("name")?,
        service: row.col("service")?,
        expected_every_hours: row.col("expected_every_hours")?,
        created_at: row.col("created_at")?,
        last_received_at: row.col("last_received_at")?,
        events: row.col("events")?,
    })
}

/// Cells merged across services, one per standard code and period, as they stream in:
/// a national report over every service kept a cell per service and month in memory (over
/// a million at hub scale, gigabytes with their duration sketches).
#[derive(Default)]
struct CodeCells {
    cells: HashMap<(String, Date), MeasureCell>,
    /// Each code's target: the one every cell of it has, or none once two differ (a
    /// target that became none stays none, as no cell's target equals none and another).
    targets: HashMap<String, Option<i32>>,
}

impl CodeCells {
    fn add(&mut self, cell: MeasureCell) {
        let target = self
            .targets
            .entry(cell.code.clone())
            .or_insert(cell.target_days);
        if *target != cell.target_days {
            *target = None;
        }
        let key = (cell.code.clone(), cell.period_start);
        match self.cells.get_mut(&key) {
            Some(merged) => merged.measures.merge(&cell.measures),
            None => {
                let merged = code_cell(cell.code, cell.period_start, None, cell.measures);
                self.cells.insert(key, merged);
            }
        }
    }

    fn into_cells(self) -> Vec<MeasureCell> {
        let mut out: Vec<MeasureCell> = self.cells.into_values().collect();
        for cell in &mut out {
            // A target shared by every service of the code is the code's target.
            cell.target_days = self.targets.get(&cell.code).copied().flatten();
        }
        out.sort_by(|a, b| (&a.code, a.period_start).cmp(&(&b.code, b.period_start)));
        out
    }
}

/// A cell of a whole standard code: no body nor service.
fn code_cell(
    code: String,
    period_start: Date,
    target_days: Option<i32>,
    measures: Measures,
) -> MeasureCell {
    MeasureCell {
        body: String::new(),
        body_name: String::new(),
        service: String::new(),
        service_name: String::new(),
        code,
        target_days,
        period_start,
        measures,
    }
}

/// A cell's counts, read by position from `first` on: a name lookup per column costs more
/// than the whole query on large rollups.
fn counts_at<D: Dialect>(row: &D::Row, first: usize) -> StorageResult<[i64; 18]> {
    let mut counts = [0i64; 18];
    for (i, count) in counts.iter_mut().enumerate() {
        *count = row.col(first + i)?;
    }
    Ok(counts)
}

/// Month cells added up by code in the database: a row per code and month crosses from it,
/// carrying the services' sketches as hexadecimal text to merge here, where a row per
/// service and month took seconds to hand over at hub scale.
async fn code_months<S: Engine>(
    store: &S,
    filter: &MeasureFilter,
) -> StorageResult<Vec<MeasureCell>> {
    let sums: Vec<String> = CELL_COUNTS
        .iter()
        .map(|c| format!("CAST(SUM(c.{c}) AS BIGINT)"))
        .collect();
    let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(format!(
        "SELECT CASE WHEN s.code = '' THEN s.slug ELSE s.code END AS code, c.period_start, \
         CASE WHEN COUNT(s.target_days) = COUNT(*) AND MIN(s.target_days) = MAX(s.target_days) \
         THEN MIN(s.target_days) END AS target_days, {}, {}({}, ',') AS durations \
         FROM measure_cells c JOIN services s ON s.id = c.service_id \
         JOIN bodies b ON b.id = s.body_id WHERE c.grain = 'month'",
        sums.join(", "),
        S::Db::JOIN_TEXTS,
        S::Db::hex("c.durations"),
    ));
    push_cell_filter(&mut sql, filter, filter.from);
    sql.push(" GROUP BY 1, 2");
    // A row at a time: each carries the sketches of every service with its code.
    let mut conn = store.read_conn().await?;
    let mut rows = sql.build().stream(&mut conn);
    let mut merged = CodeCells::default();
    while let Some(row) = rows.try_next().await? {
        let mut measures = Measures::from_counts(&counts_at::<S::Db>(&row, 3)?);
        let durations: String = row.col(3 + CELL_COUNTS.len())?;
        for blob in durations.split(',').filter(|b| !b.is_empty()) {
            measures
                .durations
                .merge(&sketch_from(&unhex(blob)?)?)
                .map_err(StorageError::Corrupt)?;
        }
        merged.add(code_cell(row.col(0)?, row.col(1)?, row.col(2)?, measures));
    }
    Ok(merged.into_cells())
}

/// Narrows a query over month cells (`c`) of services (`s`) of bodies (`b`) to `filter`'s
/// services and its months from `from`.
fn push_cell_filter<D: Dialect>(sql: &mut QueryBuilder<D>, filter: &MeasureFilter, from: Date) {
    sql.push(" AND c.period_start >= ").arg(from);
    sql.push(" AND c.period_start < ").arg(filter.to);
    push_service_filter(
        sql,
        filter.body.as_deref(),
        filter.service.as_deref(),
        filter.code.as_deref(),
    );
}

/// Where [`read_cells`] puts the cells it reads.
enum CellSink {
    /// Every service's cells.
    Each(Vec<MeasureCell>),
    /// Merged by code and period.
    ByCode(CodeCells),
}

impl CellSink {
    fn add(&mut self, cell: MeasureCell) {
        match self {
            CellSink::Each(cells) => cells.push(cell),
            CellSink::ByCode(merged) => merged.add(cell),
        }
    }

    fn into_cells(self) -> Vec<MeasureCell> {
        match self {
            CellSink::Each(cells) => cells,
            CellSink::ByCode(merged) => merged.into_cells(),
        }
    }
}

/// Cells matching `filter`; with `times` false the time-to-outcome sketches are
/// neither read nor decoded (counts are most of a rollup's rows, sketches most
/// of its bytes). Day cells are unpacked from the days of their months' cells.
async fn read_cells<S: Engine>(
    store: &S,
    filter: &MeasureFilter,
    times: bool,
    mut out: CellSink,
) -> StorageResult<Vec<MeasureCell>> {
    let by_day = filter.grain == Grain::Day;
    let columns = if by_day {
        "c.days".to_string()
    } else {
        let counts: Vec<String> = CELL_COUNTS.iter().map(|c| format!("c.{c}")).collect();
        format!(
            "{}{}",
            counts.join(", "),
            if times { ", c.durations" } else { "" }
        )
    };
    let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(format!(
        "SELECT b.slug AS body, b.name AS body_name, s.slug AS service, s.name AS service_name, \
         CASE WHEN s.code = '' THEN s.slug ELSE s.code END AS code, s.target_days, \
         c.period_start, {columns} FROM measure_cells c \
         JOIN services s ON s.id = c.service_id JOIN bodies b ON b.id = s.body_id \
         WHERE c.grain = 'month'"
    ));
    // A day's cell is in its month's row, which may start before `from`.
    let from = if by_day {
        Grain::Month.start(filter.from)
    } else {
        filter.from
    };
    push_cell_filter(&mut sql, filter, from);
    let mut conn = store.read_conn().await?;
    let mut rows = sql.build().stream(&mut conn);
    let empty = DurationSketch::default().to_bytes();
    while let Some(row) = rows.try_next().await? {
        let cell = |period_start: Date, measures: Measures| -> StorageResult<MeasureCell> {
            Ok(MeasureCell {
                body: row.col(0)?,
                body_name: row.col(1)?,
                service: row.col(2)?,
                service_name: row.col(3)?,
                code: row.col(4)?,
                target_days: row.col(5)?,
                period_start,
                measures,
            })
        };
        let month: Date = row.col(6)?;
        if by_day {
            let days = days_from(&row.col::<Vec<u8>>(7)?)?;
            for (day, m) in days.days() {
                let date = month
                    .replace_day(day)
                    .map_err(|e| StorageError::Corrupt(format!("day {day} of {month}: {e}")))?;
                if date < filter.from || date >= filter.to {
                    continue;
                }
                let mut m = m.clone();
                if !times {
                    m.durations = DurationSketch::default();
                }
                out.add(cell(date, m)?);
            }
            continue;
        }
        let counts = counts_at::<S::Db>(&row, 7)?;
        let durations: Vec<u8> = if times {
            row.col(7 + CELL_COUNTS.len())?
        } else {
            empty.clone()
        };
        out.add(cell(month, measures_from(&counts, &durations)?)?);
    }
    Ok(out.into_cells())
}

/// Adds month count changes to the bodies' month summaries: one row per body
/// and month holding every service's counts, so a rollup across all bodies reads
/// a row per body-month instead of one per cell.
async fn apply_summaries<D: EventEngine>(
    conn: &mut D::Connection,
    changes: SummaryChanges,
) -> StorageResult<()> {
    let keys: Vec<(i64, Date)> = changes.keys().copied().collect();
    for chunk in shaped_chunks(&keys, 256) {
        let mut stored = D::stored_summaries(&mut *conn, chunk).await?;
        let mut sql: QueryBuilder<D> = QueryBuilder::new(
            "INSERT INTO measure_month_summaries (body_id, period_start, services) ",
        );
        sql.push_values(chunk, |mut b, key| {
            let mut services = stored.remove(key).unwrap_or_default();
            for (service, counts) in changes.get(key).into_iter().flatten() {
                let total = services.entry(*service).or_insert([0; 18]);
                for (n, change) in total.iter_mut().zip(counts) {
                    *n += change;
                }
            }
            b.arg(key.0).arg(key.1).arg(summary_text(&services));
        });
        sql.push(" ON CONFLICT (body_id, period_start) DO UPDATE SET services = excluded.services");
        sql.build().run(&mut *conn).await?;
    }
    Ok(())
}

/// Month counts of every service (of one body, or all), from the month summaries.
async fn summary_counts<S: Engine>(
    store: &S,
    filter: &MeasureFilter,
) -> StorageResult<Vec<MeasureCell>> {
    struct ServiceNames {
        body: String,
        body_name: String,
        service: String,
        service_name: String,
        code: String,
        target_days: Option<i32>,
    }
    let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
        "SELECT m.period_start, m.services FROM measure_month_summaries m \
         JOIN bodies b ON b.id = m.body_id WHERE m.period_start >= ",
    );
    sql.arg(filter.from);
    sql.push(" AND m.period_start < ").arg(filter.to);
    if let Some(body) = &filter.body {
        sql.push(" AND b.slug = ").arg(body.clone());
    }
    // Summaries first: services are never deleted nor moved, so the names read
    // after them cover every service they hold, even one added meanwhile.
    let summaries = sql.build().all(&mut *store.read_conn().await?).await?;
    // Names come one row per body too: a row per service costs more to fetch
    // through the driver than the summaries themselves.
    let (open, close) = S::Db::JSON_ARRAY_OF;
    let array = S::Db::JSON_ARRAY;
    let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(format!(
        "SELECT b.slug, b.name, {open}{array}(s.id, s.slug, s.name, \
         CASE WHEN s.code = '' THEN s.slug ELSE s.code END, s.target_days){close} \
         FROM bodies b JOIN services s ON s.body_id = b.id"
    ));
    if let Some(body) = &filter.body {
        sql.push(" WHERE b.slug = ").arg(body.clone());
    }
    sql.push(" GROUP BY b.id, b.slug, b.name");
    let mut names: HashMap<i64, ServiceNames> = HashMap::new();
    for row in sql.build().all(&mut *store.read_conn().await?).await? {
        let body: String = row.col(0)?;
        let body_name: String = row.col(1)?;
        let services: Vec<(i64, String, String, String, Option<i32>)> =
            serde_json::from_str(&row.col::<String>(2)?)
                .map_err(|e| StorageError::Corrupt(format!("service names: {e}")))?;
        for (id, service, service_name, code, target_days) in services {
            names.insert(
                id,
                ServiceNames {
                    body: body.clone(),
                    body_name: body_name.clone(),
                    service,
                    service_name,
                    code,
                    target_days,
                },
            );
        }
    }
    let mut out = Vec::new();
    let empty = DurationSketch::default().to_bytes();
    for row in summaries {
        let period_start: Date = row.col(0)?;
        for (service, counts) in parse_summary(&row.col::<String>(1)?)? {
            let n = names.get(&service).ok_or_else(|| {
                StorageError::Corrupt(format!("month summary of unknown service {service}"))
            })?;
            out.push(MeasureCell {
                body: n.body.clone(),
                body_name: n.body_name.clone(),
                service: n.service.clone(),
                service_name: n.service_name.clone(),
                code: n.code.clone(),
                target_days: n.target_days,
                period_start,
                measures: measures_from(&counts, &empty)?,
            });
        }
    }
    Ok(out)
}

/// Writes cell changes. A day's changes go into its month's cell, which packs
/// the month's days (`MonthDays`). Counts are added in SQL (`n = n + excluded.n`);
/// the sketch and the days are read, changed and written back. Each body's month
/// summaries change with its month cells. On PostgreSQL the bodies are locked
/// first, in order, so two writers never lose each other's changes; SQLite has
/// one writer at a time.
pub(crate) async fn apply_cells<D: EventEngine>(
    conn: &mut D::Connection,
    deltas: CellDeltas,
) -> StorageResult<()> {
    if deltas.is_empty() {
        return Ok(());
    }
    let mut months: BTreeMap<(i64, Date), (Measures, MonthDays)> = BTreeMap::new();
    for ((service, grain, start), m) in deltas {
        let month = months
            .entry((service, Grain::Month.start(start)))
            .or_default();
        match grain {
            Grain::Month => month.0 = m,
            Grain::Day => month.1.add(start.day(), &m),
        }
    }
    let mut services: Vec<i64> = months.keys().map(|k| k.0).collect();
    services.dedup();
    let body_of = bodies_of::<D>(&mut *conn, &services).await?;
    let mut summaries: SummaryChanges = BTreeMap::new();
    for ((service, start), (m, _)) in &months {
        let body = *body_of.get(service).ok_or(StorageError::NotFound)?;
        summaries
            .entry((body, *start))
            .or_default()
            .push((*service, m.counts()));
    }
    if !D::LOCK_BODY.is_empty() {
        let mut bodies: Vec<i64> = body_of.values().copied().collect();
        bodies.sort_unstable();
        bodies.dedup();
        for id in &bodies {
            D::query(D::LOCK_BODY).arg(*id).run(&mut *conn).await?;
        }
    }
    apply_summaries::<D>(&mut *conn, summaries).await?;
    let keys: Vec<(i64, Date)> = months.keys().copied().collect();
    let mut stored = D::stored_months(&mut *conn, &keys).await?;
    let mut months = months.into_iter();
    // The next `size` cells, merged with what is stored, as one upsert.
    let mut next = |size: usize| -> StorageResult<QueryBuilder<D>> {
        let mut rows = Vec::with_capacity(size);
        for (key, (mut m, days)) in months.by_ref().take(size) {
            let (sketch, mut stored_days) = stored.remove(&key).unwrap_or_default();
            let change = std::mem::replace(&mut m.durations, sketch);
            m.durations.merge(&change).map_err(StorageError::Corrupt)?;
            for (day, change) in days.days() {
                stored_days.add(day, change);
            }
            rows.push((key, m, stored_days));
        }
        let mut sql: QueryBuilder<D> = QueryBuilder::new(format!(
            "INSERT INTO measure_cells (service_id, grain, period_start, {}, durations, days) ",
            CELL_COUNTS.join(", ")
        ));
        sql.push_values(&rows, |mut b, ((service, start), m, month_days)| {
            b.arg(*service).arg(Grain::Month.as_str()).arg(*start);
            for n in m.counts() {
                b.arg(n);
            }
            b.arg(m.durations.to_bytes()).arg(month_days.to_bytes());
        });
        sql.push(" ON CONFLICT (grain, service_id, period_start) DO UPDATE SET ");
        let mut set = sql.separated(", ");
        for column in CELL_COUNTS {
            set.push(format!(
                "{column} = measure_cells.{column} + excluded.{column}"
            ));
        }
        set.push("durations = excluded.durations");
        set.push("days = excluded.days");
        Ok(sql)
    };
    let mut sizes = shaped_chunks(&keys, 256).map(<[_]>::len);
    let Some(first) = sizes.next() else {
        return Ok(());
    };
    let mut sql = next(first)?;
    // Each upsert is built while the database runs the one before.
    for size in sizes {
        let (done, following) =
            futures_util::future::join(sql.build().run(&mut *conn), async { next(size) }).await;
        done?;
        sql = following?;
    }
    sql.build().run(&mut *conn).await?;
    Ok(())
}

/// The body of each of `services`.
async fn bodies_of<D: Dialect>(
    conn: &mut D::Connection,
    services: &[i64],
) -> StorageResult<HashMap<i64, i64>> {
    let mut body_of = HashMap::with_capacity(services.len());
    for chunk in shaped_chunks(services, 512) {
        let mut sql: QueryBuilder<D> =
            QueryBuilder::new("SELECT id, body_id FROM services WHERE id IN (");
        let mut list = sql.separated(", ");
        for id in chunk {
            list.arg(*id);
        }
        sql.push(")");
        for row in sql.build().all(&mut *conn).await? {
            body_of.insert(row.col(0)?, row.col(1)?);
        }
    }
    Ok(body_of)
}

/// Writes exact-time changes: per standard service a new run, merged with the
/// newest stored runs as `runs_to_merge` says. Called after `apply_cells`, so
/// PostgreSQL writers lock bodies before services' runs.
pub(crate) async fn apply_times<D: EventEngine>(
    conn: &mut D::Connection,
    changes: TimeChanges,
) -> StorageResult<()> {
    let runs = runs_of(changes);
    if runs.is_empty() {
        return Ok(());
    }
    let codes: Vec<&str> = runs.iter().map(|(code, _)| code.as_str()).collect();
    D::lock_duration_groups(&mut *conn, &codes).await?;
    let sizes = D::stored_run_sizes(&mut *conn, &codes).await?;
    let mut merged: Vec<(&str, i64)> = Vec::new();
    let mut numbered = Vec::with_capacity(runs.len());
    for (code, run) in &runs {
        let stored = sizes.get(code).map(Vec::as_slice).unwrap_or_default();
        let bytes = run.to_bytes();
        let stored_bytes: Vec<usize> = stored.iter().map(|(_, n)| *n).collect();
        let merge = runs_to_merge(&stored_bytes, bytes.len());
        for (number, _) in &stored[stored.len() - merge..] {
            merged.push((code.as_str(), *number));
        }
        let next = stored.last().map_or(0, |(number, _)| number + 1);
        numbered.push((code.as_str(), next, run, bytes));
    }
    let mut taken = D::take_runs(&mut *conn, &merged).await?;
    let mut rows: Vec<(&str, i64, Vec<u8>)> = Vec::with_capacity(numbered.len());
    for (code, number, run, bytes) in numbered {
        let bytes = match taken.remove(code) {
            Some(old) => {
                let run = DurationRun::merged(old.iter().chain([run]));
                if run.is_empty() {
                    continue;
                }
                run.to_bytes()
            }
            None => bytes,
        };
        rows.push((code, number, bytes));
    }
    insert_runs::<D>(&mut *conn, &rows).await
}

/// Stores new duration runs: `(code, run number, encoded run)`.
async fn insert_runs<D: EventEngine>(
    conn: &mut D::Connection,
    rows: &[(&str, i64, Vec<u8>)],
) -> StorageResult<()> {
    for chunk in shaped_chunks(rows, 512) {
        let mut sql: QueryBuilder<D> =
            QueryBuilder::new("INSERT INTO duration_runs (service_code, run, durations) ");
        sql.push_values(chunk, |mut b, (code, number, bytes)| {
            b.arg(*code).arg(*number).arg(bytes.as_slice());
        });
        sql.build().run(&mut *conn).await?;
    }
    Ok(())
}

/// A stored transaction's fact, from a row with its `channel`, `started_at`,
/// `outcome_at`, `outcome` and `satisfaction`.
fn fact_from_row<D: Dialect>(row: &D::Row) -> StorageResult<TransactionFact> {
    stored_fact(
        &row.col::<String>("channel")?,
        row.col("started_at")?,
        row.col("outcome_at")?,
        row.col("outcome")?,
        row.col("satisfaction")?,
    )
}

/// Stored transactions by event id, from rows with `event_id`, `service_id` and
/// what `fact_from_row` reads.
fn stored_events_from<D: EventEngine>(rows: Vec<D::Row>) -> StorageResult<StoredEvents> {
    let mut stored = StoredEvents::with_capacity(rows.len());
    for row in rows {
        let fact = fact_from_row::<D>(&row)?;
        stored.insert(row.col("event_id")?, (row.col("service_id")?, fact));
    }
    Ok(stored)
}

/// Finishes the rebuilds a migration asked for (see `pending_rebuilds`).
pub(crate) async fn finish_pending_rebuilds<S: Engine>(store: &S) -> StorageResult<()> {
    let pending: Vec<String> = S::Db::query("SELECT name FROM pending_rebuilds")
        .all(&mut *store.read_conn().await?)
        .await?
        .iter()
        .map(|row| row.col(0))
        .collect::<StorageResult<_>>()?;
    if pending.iter().any(|name| name == "day_cells") {
        fold_day_cells(store).await?;
    }
    if pending.iter().any(|name| name == "duration_runs") {
        store.rebuild_duration_runs().await?;
    }
    Ok(())
}

/// Folds day cells stored a row each (before migration 0011) into their
/// months' cells, a page of rows at a time, in one transaction.
async fn fold_day_cells<S: Engine>(store: &S) -> StorageResult<()> {
    let mut tx = store.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
    // On PostgreSQL every body first, in order, as every writer of cells locks
    // bodies before it writes them (`apply_cells` below takes them again).
    if !S::Db::LOCK_BODY.is_empty() {
        let bodies: Vec<i64> = S::Db::query("SELECT id FROM bodies ORDER BY id")
            .all(&mut tx)
            .await?
            .iter()
            .map(|row| row.col(0))
            .collect::<StorageResult<_>>()?;
        for id in bodies {
            S::Db::query(S::Db::LOCK_BODY).arg(id).run(&mut tx).await?;
        }
    }
    if !S::Db::LOCK_MEASURES.is_empty() {
        S::Db::query(S::Db::LOCK_MEASURES).run(&mut tx).await?;
    }
    let mut after: Option<(i64, Date)> = None;
    loop {
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(format!(
            "SELECT service_id, period_start, {}, durations FROM measure_cells \
             WHERE grain = 'day'",
            CELL_COUNTS.join(", ")
        ));
        if let Some((service, start)) = after {
            sql.push(" AND (service_id, period_start) > (").arg(service);
            sql.push(", ").arg(start).push(")");
        }
        sql.push(" ORDER BY service_id, period_start LIMIT 20000");
        let rows = sql.build().all(&mut tx).await?;
        let Some(last) = rows.last() else { break };
        after = Some((last.col(0)?, last.col(1)?));
        let mut days = CellDeltas::with_capacity(rows.len());
        for row in &rows {
            let counts = counts_at::<S::Db>(row, 2)?;
            let durations: Vec<u8> = row.col(2 + CELL_COUNTS.len())?;
            days.insert(
                (row.col(0)?, Grain::Day, row.col(1)?),
                measures_from(&counts, &durations)?,
            );
        }
        apply_cells::<S::Db>(&mut *tx, days).await?;
    }
    S::Db::query("DELETE FROM measure_cells WHERE grain = 'day'")
        .run(&mut tx)
        .await?;
    S::Db::query("DELETE FROM pending_rebuilds WHERE name = 'day_cells'")
        .run(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Brings a request's transaction and its cells up to date with the request:
/// counted once confirmed, its outcome set when it closes (at `changed_at`, when
/// the change that closed it was made) and taken back out if it reopens. When it
/// first closes and `survey` is given, the reporter is sent the one-question
/// satisfaction survey.
pub(crate) async fn sync_request_measures<D: EventEngine>(
    conn: &mut D::Connection,
    request_id: i64,
    survey: Option<(&str, &str)>,
    changed_at: OffsetDateTime,
) -> StorageResult<()> {
    let Some(row) = D::query(
        "SELECT r.service_id, CASE WHEN s.code = '' THEN s.slug ELSE s.code END AS code, \
         r.status, r.channel, r.confirmed, r.requested_at, c.email \
         FROM requests r JOIN services s ON s.id = r.service_id \
         LEFT JOIN request_contacts c ON c.request_id = r.id WHERE r.id = $1",
    )
    .arg(request_id)
    .optional(&mut *conn)
    .await?
    else {
        return Err(StorageError::NotFound);
    };
    if !row.col::<bool>("confirmed")? {
        return Ok(());
    }
    let service: i64 = row.col("service_id")?;
    let code: String = row.col("code")?;
    let status_text: String = row.col("status")?;
    let status = RequestStatus::parse(&status_text)
        .ok_or_else(|| StorageError::Corrupt(format!("request status {status_text}")))?;
    let channel_text: String = row.col("channel")?;
    let channel = RequestChannel::parse(&channel_text)
        .ok_or_else(|| StorageError::Corrupt(format!("request channel {channel_text}")))?;
    let requested_at: OffsetDateTime = row.col("requested_at")?;
    let email: Option<String> = row.col("email")?;
    let existing = D::query(
        "SELECT service_id, service_code, channel, started_at, outcome_at, outcome, \
         satisfaction, survey_token_hash, duration_s, outcome_month FROM transactions \
         WHERE request_id = $1",
    )
    .arg(request_id)
    .optional(&mut *conn)
    .await?;
    let mut deltas = CellDeltas::new();
    let mut times = TimeChanges::new();
    let (old_outcome_at, satisfaction, surveyed) = match &existing {
        Some(old) => take_out_stored::<D>(old, &mut deltas, &mut times)?,
        None => (None, None, false),
    };
    let outcome = Outcome::of_request(status);
    let outcome_at = outcome.map(|_| old_outcome_at.unwrap_or(changed_at));
    let fact = TransactionFact {
        channel: EventChannel::of_request(channel),
        started_at: requested_at,
        outcome: outcome_at.zip(outcome),
        satisfaction,
    };
    add_fact(&mut deltas, service, &fact, 1);
    add_fact_time(&mut times, &code, &fact, 1);
    let duration = fact.duration_seconds();
    let invite = match (survey, email.as_deref()) {
        (Some((token, hash)), Some(to))
            if old_outcome_at.is_none() && outcome.is_some() && !surveyed && !to.is_empty() =>
        {
            Some((token, hash, to.to_string()))
        }
        _ => None,
    };
    let at = now();
    if existing.is_some() {
        D::query(
            "UPDATE transactions SET service_id = $1, service_code = $2, channel = $3, \
             outcome_at = $4, outcome = $5, duration_s = $6, outcome_month = $7, \
             survey_token_hash = COALESCE(survey_token_hash, $8) WHERE request_id = $9",
        )
        .arg(service)
        .arg(&code)
        .arg(fact.channel.as_str())
        .arg(outcome_at.map(Stamp))
        .arg(outcome.map(Outcome::as_str))
        .arg(duration)
        .arg(duration.and(outcome_at).map(month_key))
        .arg(invite.as_ref().map(|i| i.1))
        .arg(request_id)
        .run(&mut *conn)
        .await?;
    } else {
        D::query(
            "INSERT INTO transactions (service_id, service_code, request_id, event_id, \
             channel, started_at, outcome_at, outcome, duration_s, outcome_month, \
             survey_token_hash, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, \
             $8, $9, $10, $11, $12)",
        )
        .arg(service)
        .arg(&code)
        .arg(request_id)
        .arg(request_id.to_string())
        .arg(fact.channel.as_str())
        .arg(Stamp(requested_at))
        .arg(outcome_at.map(Stamp))
        .arg(outcome.map(Outcome::as_str))
        .arg(duration)
        .arg(duration.and(outcome_at).map(month_key))
        .arg(invite.as_ref().map(|i| i.1))
        .arg(Stamp(at))
        .run(&mut *conn)
        .await?;
    }
    if let Some((token, _, to)) = invite {
        let message = OutboxMessage {
            kind: "satisfaction_survey".into(),
            recipient: to,
            payload: serde_json::json!({ "token": token, "request_id": request_id }),
        };
        crate::requests::enqueue::<D>(&mut *conn, &message, Some(request_id), at).await?;
    }
    deltas.retain(|_, m| !m.is_empty());
    apply_cells::<D>(&mut *conn, deltas).await?;
    apply_times::<D>(conn, times).await
}

/// Takes a request's stored transaction back out of the changes; returns its outcome time,
/// its satisfaction and whether its survey was sent, which the request's sync keeps.
fn take_out_stored<D: EventEngine>(
    old: &D::Row,
    deltas: &mut CellDeltas,
    times: &mut TimeChanges,
) -> StorageResult<(Option<OffsetDateTime>, Option<u8>, bool)> {
    let fact = fact_from_row::<D>(old)?;
    add_fact(deltas, old.col("service_id")?, &fact, -1);
    // The time as stored leaves, not one worked out again from the times.
    let month: Option<i32> = old.col("outcome_month")?;
    let seconds: Option<i64> = old.col("duration_s")?;
    if let (Some(month), Some(seconds)) = (month, seconds) {
        let code: String = old.col("service_code")?;
        add_time(times, &code, month, seconds, -1);
    }
    let surveyed = old.col::<Option<String>>("survey_token_hash")?.is_some();
    Ok((fact.outcome.map(|(at, _)| at), fact.satisfaction, surveyed))
}

/// Brings a chunk's stored events up to date: a pending transaction that now has its outcome
/// is updated, with its cells; any other id already stored is a duplicate.
async fn settle_stored<D: EventEngine>(
    conn: &mut D::Connection,
    dataset: i64,
    chunk: &[BatchEvent<'_>],
    stored: &StoredEvents,
    (deltas, times): (&mut CellDeltas, &mut TimeChanges),
    result: &mut Ingested,
) -> StorageResult<()> {
    for (event, service, code) in chunk {
        let fact = event.fact();
        match stored.get(&event.id) {
            None => {}
            // A pending transaction has no time to outcome to take back out.
            Some((old_service, old)) if old.outcome.is_none() && fact.outcome.is_some() => {
                let duration = fact.duration_seconds();
                // Still pending when updated: another writer (PostgreSQL) may
                // have brought it up to date since it was read, and then this
                // is a duplicate.
                let updated = D::query(
                    "UPDATE transactions SET service_id = $1, service_code = $2, \
                     channel = $3, started_at = $4, outcome_at = $5, outcome = $6, \
                     duration_s = $7, outcome_month = $8, satisfaction = $9 \
                     WHERE dataset_id = $10 AND event_id = $11 AND outcome_at \
                     IS NULL",
                )
                .arg(*service)
                .arg(*code)
                .arg(fact.channel.as_str())
                .arg(Stamp(fact.started_at))
                .arg(event.outcome_at.map(Stamp))
                .arg(event.outcome.map(Outcome::as_str))
                .arg(duration)
                .arg(duration.and(event.outcome_at).map(month_key))
                .arg(event.satisfaction.map(i32::from))
                .arg(dataset)
                .arg(&event.id)
                .run(&mut *conn)
                .await?;
                if updated == 0 {
                    result.duplicates += 1;
                    continue;
                }
                add_fact(deltas, *old_service, old, -1);
                add_fact(deltas, *service, &fact, 1);
                add_fact_time(times, code, &fact, 1);
                result.updated += 1;
            }
            Some(_) => result.duplicates += 1,
        }
    }
    Ok(())
}

/// The services of a data set's body by identifier: each one's id and standard code (its
/// identifier when it has none).
async fn dataset_body_services<D: Dialect>(
    conn: &mut D::Connection,
    dataset: i64,
) -> StorageResult<HashMap<String, (i64, String)>> {
    let rows = D::query(
        "SELECT s.id, s.slug, CASE WHEN s.code = '' THEN s.slug ELSE s.code END AS code \
         FROM services s WHERE s.body_id = (SELECT body_id FROM datasets WHERE id = $1)",
    )
    .arg(dataset)
    .all(conn)
    .await?;
    let mut services = HashMap::with_capacity(rows.len());
    for row in rows {
        services.insert(row.col("slug")?, (row.col("id")?, row.col("code")?));
    }
    Ok(services)
}

#[async_trait]
impl<S: Engine> EventStore for S {
    async fn create_dataset(
        &self,
        body: &str,
        slug: &str,
        name: &str,
        service: &str,
        token_hash: &str,
        expected_every_hours: i32,
    ) -> StorageResult<Dataset> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let known = if service.is_empty() {
            S::Db::query("SELECT id FROM bodies WHERE slug = $1")
                .arg(body)
                .optional(&mut tx)
                .await?
        } else {
            S::Db::query(
                "SELECT s.id FROM services s JOIN bodies b ON b.id = s.body_id \
                 WHERE b.slug = $1 AND s.slug = $2",
            )
            .arg(body)
            .arg(service)
            .optional(&mut tx)
            .await?
        };
        if known.is_none() {
            return Err(StorageError::NotFound);
        }
        let at = now();
        let id: i64 = S::Db::query(
            "INSERT INTO datasets (body_id, slug, name, service, token_hash, \
             expected_every_hours, created_at) \
             SELECT id, $2, $3, $4, $5, $6, $7 FROM bodies WHERE slug = $1 RETURNING id",
        )
        .arg(body)
        .arg(slug)
        .arg(name)
        .arg(service)
        .arg(token_hash)
        .arg(expected_every_hours)
        .arg(Stamp(at))
        .one(&mut tx)
        .await?
        .col(0)?;
        // The data set's token is an API key like any other, so it is listed, limited and
        // revoked with the body's other keys.
        S::Db::query(
            "INSERT INTO api_keys (body_id, name, key_hash, created_at, kind, scopes, per_minute) \
             SELECT id, $2, $3, $4, 'live', $5, $6 FROM bodies WHERE slug = $1",
        )
        .arg(body)
        .arg(format!("Data set: {name}"))
        .arg(token_hash)
        .arg(Stamp(at))
        .arg(civic_domain::api_key::Scope::EventsWrite(slug.to_string()).as_string())
        .arg(i64::from(
            civic_domain::api_key::KeyKind::Live.default_per_minute(),
        ))
        .run(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(Dataset {
            id,
            body: body.to_string(),
            slug: slug.to_string(),
            name: name.to_string(),
            service: service.to_string(),
            expected_every_hours,
            created_at: at,
            last_received_at: None,
            events: 0,
        })
    }

    async fn dataset(&self, body: &str, slug: &str) -> StorageResult<Option<Dataset>> {
        let row = S::Db::query(concat!(
            dataset_select!(),
            "WHERE b.slug = $1 AND d.slug = $2"
        ))
        .arg(body)
        .arg(slug)
        .optional(&mut *self.read_conn().await?)
        .await?;
        row.as_ref().map(dataset_from_row::<S::Db>).transpose()
    }

    async fn list_datasets(&self, body: &str) -> StorageResult<Vec<Dataset>> {
        let rows = S::Db::query(concat!(
            dataset_select!(),
            "WHERE b.slug = $1 ORDER BY d.slug"
        ))
        .arg(body)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(dataset_from_row::<S::Db>).collect()
    }

    async fn dataset_services(&self, dataset: &Dataset) -> StorageResult<Vec<String>> {
        let rows = S::Db::query(
            "SELECT s.slug FROM services s JOIN bodies b ON b.id = s.body_id \
             WHERE b.slug = $1 AND ($2 = '' OR s.slug = $2) ORDER BY s.slug",
        )
        .arg(&dataset.body)
        .arg(&dataset.service)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(|r| r.col(0)).collect()
    }

    async fn ingest_events(
        &self,
        dataset: &Dataset,
        events: &[TransactionEvent],
    ) -> StorageResult<Ingested> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let services = dataset_body_services::<S::Db>(&mut tx, dataset.id).await?;
        // The first event with an id wins within a batch, as across batches.
        let mut seen = std::collections::HashSet::new();
        let mut batch: Vec<(&TransactionEvent, i64, &str)> = Vec::with_capacity(events.len());
        let mut result = Ingested::default();
        for event in events {
            let slug = event.service.as_deref().unwrap_or(&dataset.service);
            let (service, code) = services.get(slug).ok_or(StorageError::NotFound)?;
            if seen.insert(event.id.as_str()) {
                batch.push((event, *service, code.as_str()));
            } else {
                result.duplicates += 1;
            }
        }
        let mut deltas = CellDeltas::new();
        let mut times = TimeChanges::new();
        let at = now();
        let received_at = S::Db::instant(at);
        // Ids already stored (a batch sent again, or a pending event now ending) are
        // read first, so that the insert of the rest returns nothing: sqlx hands each
        // returned row across threads with a wake-up, which costs more than the row.
        // All are read before any insert, so each insert can be built while the
        // database runs the one before.
        let chunks: Vec<&[BatchEvent]> = shaped_chunks(&batch, S::Db::EVENTS_PER_INSERT).collect();
        let mut stored_sets = Vec::with_capacity(chunks.len());
        for chunk in &chunks {
            stored_sets.push(S::Db::stored_events(&mut tx, dataset.id, chunk).await?);
        }
        let insert_of = |fresh: &[BatchEvent<'_>]| {
            (!fresh.is_empty()).then(|| S::Db::insert_events(dataset.id, fresh, &received_at))
        };
        let count =
            |fresh: &[BatchEvent], deltas: &mut CellDeltas, times: &mut TimeChanges, sign: i64| {
                for (event, service, code) in fresh {
                    let fact = event.fact();
                    add_fact(deltas, *service, &fact, sign);
                    add_fact_time(times, code, &fact, sign);
                }
            };
        let mut prepared: Option<QueryBuilder<S::Db>> = None;
        for (i, &chunk) in chunks.iter().enumerate() {
            let mut stored = std::mem::take(&mut stored_sets[i]);
            let mut fresh = fresh_events(chunk, &stored);
            let mut insert = prepared.take().or_else(|| insert_of(&fresh));
            while let Some(mut sql) = insert.take() {
                S::Db::query("SAVEPOINT fresh_events").run(&mut tx).await?;
                let following = chunks.get(i + 1).zip(stored_sets.get(i + 1));
                // The new events' changes, and the next insert, are worked out while
                // the database stores these rows (sqlx runs SQLite on a thread of its
                // own); the changes are taken back out below if the rows do not all go in.
                let (inserted, next) =
                    futures_util::future::join(sql.build().run(&mut tx), async {
                        count(&fresh, &mut deltas, &mut times, 1);
                        following
                            .and_then(|(chunk, stored)| insert_of(&fresh_events(chunk, stored)))
                    })
                    .await;
                if inserted? == fresh.len() as u64 {
                    S::Db::query("RELEASE SAVEPOINT fresh_events")
                        .run(&mut tx)
                        .await?;
                    prepared = next;
                    break;
                }
                count(&fresh, &mut deltas, &mut times, -1);
                // Another writer (PostgreSQL) stored some of these ids since they were
                // read: undo, and read them again now that they are visible.
                S::Db::query("ROLLBACK TO SAVEPOINT fresh_events")
                    .run(&mut tx)
                    .await?;
                S::Db::query("RELEASE SAVEPOINT fresh_events")
                    .run(&mut tx)
                    .await?;
                stored = S::Db::stored_events(&mut tx, dataset.id, chunk).await?;
                fresh = fresh_events(chunk, &stored);
                insert = insert_of(&fresh);
            }
            result.accepted += fresh.len() as u64;
            settle_stored::<S::Db>(
                &mut tx,
                dataset.id,
                chunk,
                &stored,
                (&mut deltas, &mut times),
                &mut result,
            )
            .await?;
        }
        deltas.retain(|_, m| !m.is_empty());
        apply_cells::<S::Db>(&mut *tx, deltas).await?;
        apply_times::<S::Db>(&mut *tx, times).await?;
        S::Db::query(
            "UPDATE datasets SET last_received_at = $1, events = events + $2 WHERE id = $3",
        )
        .arg(Stamp(at))
        .arg(i64::try_from(result.accepted).unwrap_or(i64::MAX))
        .arg(dataset.id)
        .run(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(result)
    }

    async fn measures(&self, filter: &MeasureFilter) -> StorageResult<Vec<MeasureCell>> {
        read_cells(self, filter, true, CellSink::Each(Vec::new())).await
    }

    async fn measures_by_code(&self, filter: &MeasureFilter) -> StorageResult<Vec<MeasureCell>> {
        if filter.grain == Grain::Day {
            // Days are packed in their month's cell: merged here, as they are read.
            return read_cells(self, filter, true, CellSink::ByCode(CodeCells::default())).await;
        }
        code_months(self, filter).await
    }

    async fn measure_counts(&self, filter: &MeasureFilter) -> StorageResult<Vec<MeasureCell>> {
        if filter.grain == Grain::Month && filter.service.is_none() && filter.code.is_none() {
            return summary_counts(self, filter).await;
        }
        read_cells(self, filter, false, CellSink::Each(Vec::new())).await
    }

    async fn rebuild_month_summaries(&self) -> StorageResult<u64> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        if !S::Db::LOCK_MEASURES.is_empty() {
            S::Db::query(S::Db::LOCK_MEASURES).run(&mut tx).await?;
        }
        S::Db::query("DELETE FROM measure_month_summaries")
            .run(&mut tx)
            .await?;
        let counts = CELL_COUNTS.map(|c| format!("c.{c}")).join(", ");
        let (open, close) = S::Db::JSON_ARRAY_OF;
        let array = S::Db::JSON_ARRAY;
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(format!(
            "INSERT INTO measure_month_summaries (body_id, period_start, services) \
             SELECT s.body_id, c.period_start, {open}{array}(c.service_id, {counts}){close} \
             FROM measure_cells c JOIN services s ON s.id = c.service_id \
             WHERE c.grain = 'month' GROUP BY s.body_id, c.period_start"
        ));
        let written = sql.build().run(&mut tx).await?;
        tx.commit().await?;
        Ok(written)
    }

    async fn backlog(
        &self,
        body: Option<&str>,
        service: Option<&str>,
        code: Option<&str>,
    ) -> StorageResult<Vec<Backlog>> {
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
            "SELECT b.slug AS body, s.slug AS service, COUNT(t.id) AS open, MIN(t.started_at) \
             AS oldest \
             FROM transactions t JOIN services s ON s.id = t.service_id \
             JOIN bodies b ON b.id = s.body_id WHERE t.outcome_at IS NULL",
        );
        push_service_filter(&mut sql, body, service, code);
        sql.push(" GROUP BY b.slug, s.slug ORDER BY b.slug, s.slug");
        let rows = sql.build().all(&mut *self.read_conn().await?).await?;
        rows.iter()
            .map(|row| {
                Ok(Backlog {
                    body: row.col("body")?,
                    service: row.col("service")?,
                    open: row.col("open")?,
                    oldest: row.col("oldest")?,
                })
            })
            .collect()
    }

    async fn backlog_median_start(
        &self,
        body: &str,
        service: &str,
    ) -> StorageResult<Option<OffsetDateTime>> {
        let open: i64 = S::Db::query(concat!("SELECT COUNT(*) ", backlog_of_service!()))
            .arg(body)
            .arg(service)
            .one(&mut *self.read_conn().await?)
            .await?
            .col(0)?;
        // The middle start time, read off the backlog index without sorting.
        S::Db::query(concat!(
            "SELECT t.started_at ",
            backlog_of_service!(),
            " ORDER BY t.started_at LIMIT 1 OFFSET $3"
        ))
        .arg(body)
        .arg(service)
        .arg((open - 1).max(0) / 2)
        .optional(&mut *self.read_conn().await?)
        .await?
        .map(|r| r.col(0))
        .transpose()
    }

    async fn exact_times(
        &self,
        code: Option<&str>,
        from: Date,
        to: Date,
    ) -> StorageResult<Vec<ExactTimes>> {
        let (from_key, to_key) = (month_key_of(from), month_key_of(to));
        let mut sql: QueryBuilder<S::Db> =
            QueryBuilder::new("SELECT service_code, durations FROM duration_runs");
        if let Some(code) = code {
            sql.push(" WHERE service_code = ").arg(code.to_string());
        }
        sql.push(" ORDER BY service_code, run");
        let mut out = Vec::new();
        let mut service: Option<String> = None;
        let mut runs: Vec<DurationRun> = Vec::new();
        let mut conn = self.read_conn().await?;
        let mut rows = sql.build().stream(&mut conn);
        while let Some(row) = rows.try_next().await? {
            let code: String = row.col(0)?;
            if service.as_ref() != Some(&code)
                && let Some(done) = service.replace(code)
            {
                out.extend(exact_of(&done, &runs, from_key, to_key)?);
                runs.clear();
            }
            runs.push(
                DurationRun::from_bytes(&row.col::<Vec<u8>>(1)?)
                    .ok_or_else(|| StorageError::Corrupt("duration run".into()))?,
            );
        }
        if let Some(done) = service {
            out.extend(exact_of(&done, &runs, from_key, to_key)?);
        }
        Ok(out)
    }

    async fn rebuild_duration_runs(&self) -> StorageResult<u64> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        if !S::Db::LOCK_TIMES.is_empty() {
            S::Db::query(S::Db::LOCK_TIMES).run(&mut tx).await?;
        }
        S::Db::query("DELETE FROM duration_runs")
            .run(&mut tx)
            .await?;
        let mut changes = TimeChanges::new();
        {
            let mut rows = S::Db::query(
                "SELECT service_code, outcome_month, duration_s FROM transactions \
                 WHERE duration_s IS NOT NULL AND outcome_month IS NOT NULL",
            )
            .stream(&mut tx);
            while let Some(row) = rows.try_next().await? {
                add_time(
                    &mut changes,
                    &row.col::<String>(0)?,
                    row.col(1)?,
                    row.col(2)?,
                    1,
                );
            }
        }
        let runs = runs_of(changes);
        let rows: Vec<(&str, i64, Vec<u8>)> = runs
            .iter()
            .map(|(code, run)| (code.as_str(), 0, run.to_bytes()))
            .collect();
        insert_runs::<S::Db>(&mut *tx, &rows).await?;
        S::Db::query("DELETE FROM pending_rebuilds WHERE name = 'duration_runs'")
            .run(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(rows.len() as u64)
    }

    async fn survey(&self, token_hash: &str) -> StorageResult<Option<Survey>> {
        let row = S::Db::query(
            "SELECT t.request_id, s.name AS service_name, b.name AS body_name, t.satisfaction \
             FROM transactions t JOIN services s ON s.id = t.service_id \
             JOIN bodies b ON b.id = s.body_id WHERE t.survey_token_hash = $1",
        )
        .arg(token_hash)
        .optional(&mut *self.read_conn().await?)
        .await?;
        row.map(|row| {
            Ok(Survey {
                request_id: row.col::<Option<i64>>("request_id")?.unwrap_or_default(),
                service_name: row.col("service_name")?,
                body_name: row.col("body_name")?,
                answer: row.col("satisfaction")?,
            })
        })
        .transpose()
    }

    async fn answer_survey(&self, token_hash: &str, rating: u8) -> StorageResult<SurveyAnswer> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let row = S::Db::query(
            "SELECT service_id, channel, started_at, outcome_at, outcome, satisfaction \
             FROM transactions WHERE survey_token_hash = $1",
        )
        .arg(token_hash)
        .optional(&mut tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        let service: i64 = row.col("service_id")?;
        let old = fact_from_row::<S::Db>(&row)?;
        if old.satisfaction.is_some() {
            return Ok(SurveyAnswer::AlreadyAnswered);
        }
        let new = TransactionFact {
            satisfaction: Some(rating.clamp(1, 5)),
            ..old.clone()
        };
        S::Db::query("UPDATE transactions SET satisfaction = $1 WHERE survey_token_hash = $2")
            .arg(i32::from(rating.clamp(1, 5)))
            .arg(token_hash)
            .run(&mut tx)
            .await?;
        let mut deltas = CellDeltas::new();
        add_fact(&mut deltas, service, &old, -1);
        add_fact(&mut deltas, service, &new, 1);
        deltas.retain(|_, m| !m.is_empty());
        apply_cells::<S::Db>(&mut *tx, deltas).await?;
        tx.commit().await?;
        Ok(SurveyAnswer::Recorded)
    }

    async fn upload_spend(
        &self,
        body: &str,
        filename: &str,
        lines: &[NewSpendLine],
        rejected: i64,
    ) -> StorageResult<SpendUpload> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let at = now();
        let upload: i64 = S::Db::query(
            "INSERT INTO spend_uploads (body_id, filename, uploaded_at, stored, \
             duplicates, rejected) \
             SELECT id, $2, $3, 0, 0, $4 FROM bodies WHERE slug = $1 RETURNING id",
        )
        .arg(body)
        .arg(filename)
        .arg(Stamp(at))
        .arg(rejected)
        .optional(&mut tx)
        .await?
        .ok_or(StorageError::NotFound)?
        .col(0)?;
        let mut ordinals: HashMap<String, u32> = HashMap::new();
        let mut stored = 0u64;
        let mut keyed = Vec::with_capacity(lines.len());
        for line in lines {
            let first = spend_fingerprint(line, 0);
            let n = ordinals.entry(first.clone()).or_insert(0);
            let print = if *n == 0 {
                first
            } else {
                spend_fingerprint(line, *n)
            };
            *n += 1;
            keyed.push((line, print));
        }
        for chunk in keyed.chunks(1000) {
            let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
                "INSERT INTO spend_lines (body_id, upload_id, line, paid_on, amount_pence, \
                 supplier, \
                 expense_area, expense_type, reference, description, fingerprint) ",
            );
            sql.push_values(chunk, |mut b, (line, print)| {
                b.push("(SELECT id FROM bodies WHERE slug = ")
                    .arg_unseparated(body.to_string())
                    .push_unseparated(")")
                    .arg(upload)
                    .arg(i64::try_from(line.line).unwrap_or(i64::MAX))
                    .arg(line.paid_on)
                    .arg(line.amount_pence)
                    .arg(line.supplier.clone())
                    .arg(line.expense_area.clone())
                    .arg(line.expense_type.clone())
                    .arg(line.reference.clone())
                    .arg(line.description.clone())
                    .arg(print.clone());
            });
            sql.push(" ON CONFLICT (body_id, fingerprint) DO NOTHING");
            stored += sql.build().run(&mut tx).await?;
        }
        let stored = i64::try_from(stored).unwrap_or(i64::MAX);
        let duplicates = i64::try_from(lines.len()).unwrap_or(i64::MAX) - stored;
        S::Db::query("UPDATE spend_uploads SET stored = $1, duplicates = $2 WHERE id = $3")
            .arg(stored)
            .arg(duplicates)
            .arg(upload)
            .run(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(SpendUpload {
            id: upload,
            filename: filename.to_string(),
            uploaded_at: at,
            stored,
            duplicates,
            rejected,
        })
    }

    async fn spend_uploads(&self, body: &str) -> StorageResult<Vec<SpendUpload>> {
        let rows = S::Db::query(
            "SELECT u.id, u.filename, u.uploaded_at, u.stored, u.duplicates, u.rejected \
             FROM spend_uploads u JOIN bodies b ON b.id = u.body_id WHERE b.slug = $1 \
             ORDER BY u.id DESC",
        )
        .arg(body)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SpendUpload {
                    id: r.col("id")?,
                    filename: r.col("filename")?,
                    uploaded_at: r.col("uploaded_at")?,
                    stored: r.col("stored")?,
                    duplicates: r.col("duplicates")?,
                    rejected: r.col("rejected")?,
                })
            })
            .collect()
    }

    async fn spend_areas(&self, body: &str) -> StorageResult<Vec<SpendArea>> {
        let rows = S::Db::query(
            "SELECT l.expense_area, COUNT(*) AS lines, CAST(SUM(l.amount_pence) AS \
             BIGINT) AS total, s.slug AS service \
             FROM spend_lines l JOIN bodies b ON b.id = l.body_id \
             LEFT JOIN spend_mappings m ON m.body_id = l.body_id AND m.expense_area = \
             l.expense_area \
             LEFT JOIN services s ON s.id = m.service_id \
             WHERE b.slug = $1 GROUP BY l.expense_area, s.slug ORDER BY l.expense_area",
        )
        .arg(body)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SpendArea {
                    area: r.col("expense_area")?,
                    lines: r.col("lines")?,
                    total_pence: r.col::<Option<i64>>("total")?.unwrap_or(0),
                    service: r.col("service")?,
                })
            })
            .collect()
    }

    async fn map_spend_area(
        &self,
        body: &str,
        area: &str,
        service: Option<&str>,
    ) -> StorageResult<()> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let body_id = body_id::<S::Db>(&mut tx, body).await?;
        S::Db::query("DELETE FROM spend_mappings WHERE body_id = $1 AND expense_area = $2")
            .arg(body_id)
            .arg(area)
            .run(&mut tx)
            .await?;
        if let Some(service) = service {
            let done = S::Db::query(
                "INSERT INTO spend_mappings (body_id, expense_area, service_id) \
                 SELECT $1, $2, id FROM services WHERE body_id = $1 AND slug = $3",
            )
            .arg(body_id)
            .arg(area)
            .arg(service)
            .run(&mut tx)
            .await?;
            if done == 0 {
                return Err(StorageError::NotFound);
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn spend_totals(
        &self,
        body: Option<&str>,
        service: Option<&str>,
        code: Option<&str>,
        from: Date,
        to: Date,
    ) -> StorageResult<Vec<SpendTotal>> {
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
            "SELECT b.slug AS body, s.slug AS service, \
             CASE WHEN s.code = '' THEN s.slug ELSE s.code END AS code, l.paid_on, \
             CAST(SUM(l.amount_pence) AS BIGINT) AS pence \
             FROM spend_lines l JOIN spend_mappings m ON m.body_id = l.body_id \
             AND m.expense_area = l.expense_area JOIN services s ON s.id = m.service_id \
             JOIN bodies b ON b.id = l.body_id WHERE l.paid_on >= ",
        );
        sql.arg(from).push(" AND l.paid_on < ").arg(to);
        push_service_filter(&mut sql, body, service, code);
        sql.push(" GROUP BY b.slug, s.slug, s.code, l.paid_on ORDER BY b.slug, s.slug, l.paid_on");
        let rows = sql.build().all(&mut *self.read_conn().await?).await?;
        rows.iter()
            .map(|r| {
                Ok(SpendTotal {
                    body: r.col("body")?,
                    service: r.col("service")?,
                    code: r.col("code")?,
                    paid_on: r.col("paid_on")?,
                    pence: r.col::<Option<i64>>("pence")?.unwrap_or(0),
                })
            })
            .collect()
    }
}
