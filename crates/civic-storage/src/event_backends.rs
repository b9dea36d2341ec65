//! `EventStore` for SQLite and PostgreSQL, generated from one body of code, and the
//! bookkeeping that keeps the measure cells equal to the sum of the transactions: every
//! write to `transactions` applies the difference it makes to its cells in the same
//! database transaction, so a closed request shows on the dashboards at once.

use crate::backends::{PostgresStore, SqliteStore, now, postgres_time, shaped_chunks, sqlite_time};
use crate::dialect::Dialect;
use crate::events::{
    Backlog, Dataset, EventStore, ExactTimes, Ingested, MeasureCell, MeasureFilter, NewSpendLine,
    SpendArea, SpendTotal, SpendUpload, Survey, SurveyAnswer,
};
use crate::requests::OutboxMessage;
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::measures::{
    DurationRun, DurationSketch, EventChannel, Grain, Measures, MonthDays, Outcome,
    TransactionEvent, TransactionFact, median_and_p90, month_time_key, runs_to_merge,
};
use civic_domain::{RequestChannel, RequestStatus};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::{QueryBuilder, Row};
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
         d.created_at, d.last_received_at, d.events FROM datasets d JOIN bodies b ON b.id = d.body_id "
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

/// Stored runs' numbers and sizes in bytes by service code, oldest first.
type RunSizes = HashMap<String, Vec<(i64, usize)>>;
/// Runs taken out of storage to be merged, by service code.
type TakenRuns = HashMap<String, Vec<DurationRun>>;

/// Duration runs looked up, and taken out, by key: SQLite with lists of values, PostgreSQL
/// with arrays (see below).
impl SqliteStore {
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
            let rows: Vec<(String, i64, usize)> = Self::json_rows(conn, sql).await?;
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
            let rows: Vec<(String, String)> = Self::json_rows(conn, sql).await?;
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
}

impl PostgresStore {
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
            "DELETE FROM duration_runs r USING UNNEST($1::text[], $2::bigint[]) AS k (service_code, run) \
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
}

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

/// The stored transactions of a data set among these events: SQLite probes its unique index
/// once per listed id; PostgreSQL is told to, by a lateral join, as its planner may otherwise
/// filter every row of the data set through the list.
impl SqliteStore {
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
        Self::stored_events_from(sql.build().fetch_all(&mut *conn).await?)
    }
}

impl PostgresStore {
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
        Self::stored_events_from(rows)
    }
}

/// Cell sketches and body-month summaries already stored, looked up by key. SQLite takes a
/// list of row values; PostgreSQL plans such a list arm by arm (tens of milliseconds for a
/// few hundred keys, on every statement), so it joins to arrays instead.
impl SqliteStore {
    /// Rows read as one JSON array (`json_group_array(json_array(…))`), so one row crosses
    /// from sqlx's SQLite thread: it hands over each row with a wake-up, which costs more
    /// than SQLite's own work on a small row.
    async fn json_rows<T: serde::de::DeserializeOwned>(
        conn: &mut sqlx::SqliteConnection,
        mut sql: QueryBuilder<sqlx::Sqlite>,
    ) -> StorageResult<Vec<T>> {
        let text: String = sql.build_query_scalar().fetch_one(&mut *conn).await?;
        serde_json::from_str(&text).map_err(|e| StorageError::Corrupt(format!("rows as JSON: {e}")))
    }

    async fn stored_months(
        conn: &mut sqlx::SqliteConnection,
        keys: &[(i64, Date)],
    ) -> StorageResult<HashMap<(i64, Date), (DurationSketch, MonthDays)>> {
        let mut stored = HashMap::new();
        for chunk in shaped_chunks(keys, 512) {
            let mut sql: QueryBuilder<sqlx::Sqlite> = QueryBuilder::new(
                "SELECT json_group_array(json_array(service_id, period_start, hex(durations), hex(days))) \
                 FROM measure_cells WHERE grain = 'month' AND (service_id, period_start) IN (",
            );
            push_row_values!(sql, chunk, |(service, start)| (*service, *start));
            sql.push(")");
            let rows: Vec<(i64, String, String, String)> = Self::json_rows(conn, sql).await?;
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
    ) -> StorageResult<HashMap<(i64, Date), BTreeMap<i64, [i64; 18]>>> {
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

impl PostgresStore {
    async fn stored_months(
        conn: &mut sqlx::PgConnection,
        keys: &[(i64, Date)],
    ) -> StorageResult<HashMap<(i64, Date), (DurationSketch, MonthDays)>> {
        let rows = sqlx::query(
            "SELECT c.service_id, c.period_start, c.durations, c.days FROM measure_cells c \
             JOIN UNNEST($1::bigint[], $2::date[]) AS k (service_id, period_start) \
             ON c.grain = 'month' AND c.service_id = k.service_id AND c.period_start = k.period_start",
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
    ) -> StorageResult<HashMap<(i64, Date), BTreeMap<i64, [i64; 18]>>> {
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

/// The performance-data writes other features make inside their own transactions: a
/// service's recode moves its exact times, and every request write syncs its transaction.
/// `event_methods!` implements it for each engine's dialect.
pub(crate) trait MeasureWrites: Dialect {
    /// Applies gathered changes to exact times to outcome, merging runs as it writes.
    fn apply_times(
        conn: &mut Self::Connection,
        changes: TimeChanges,
    ) -> impl Future<Output = StorageResult<()>> + Send;

    /// Brings a request's transaction and its cells up to date with the request, and sends
    /// the satisfaction survey when it first closes and `survey` is given.
    fn sync_request_measures<'a>(
        conn: &'a mut Self::Connection,
        request_id: i64,
        survey: Option<(&'a str, &'a str)>,
    ) -> impl Future<Output = StorageResult<()>> + Send + 'a;
}

macro_rules! event_methods {
    ($store:ident, $db:ty, $row:ty, begin_write = $begin:literal, time = $time:path,
     lock_bodies = $lock:literal, json_rows = ($json_open:literal, $json_close:literal),
     lock_measures = $lock_measures:literal, lock_times = $lock_times:literal) => {
        impl MeasureWrites for $db {
            fn apply_times(
                conn: &mut Self::Connection,
                changes: TimeChanges,
            ) -> impl Future<Output = StorageResult<()>> + Send {
                $store::apply_times(conn, changes)
            }

            fn sync_request_measures<'a>(
                conn: &'a mut Self::Connection,
                request_id: i64,
                survey: Option<(&'a str, &'a str)>,
            ) -> impl Future<Output = StorageResult<()>> + Send + 'a {
                $store::sync_request_measures(conn, request_id, survey)
            }
        }

        impl $store {
            fn dataset_from_row(row: &$row) -> StorageResult<Dataset> {
                Ok(Dataset {
                    id: row.try_get("id")?,
                    body: row.try_get("body_slug")?,
                    slug: row.try_get("slug")?,
                    name: row.try_get("name")?,
                    service: row.try_get("service")?,
                    expected_every_hours: row.try_get("expected_every_hours")?,
                    created_at: row.try_get("created_at")?,
                    last_received_at: row.try_get("last_received_at")?,
                    events: row.try_get("events")?,
                })
            }

            /// Cells matching `filter`; with `times` false the time-to-outcome sketches are
            /// neither read nor decoded (counts are most of a rollup's rows, sketches most
            /// of its bytes). Day cells are unpacked from the days of their months' cells.
            async fn read_cells(
                &self,
                filter: &MeasureFilter,
                times: bool,
            ) -> StorageResult<Vec<MeasureCell>> {
                let by_day = filter.grain == Grain::Day;
                let columns = if by_day {
                    "c.days".to_string()
                } else {
                    let counts: Vec<String> = CELL_COUNTS.iter().map(|c| format!("c.{c}")).collect();
                    format!("{}{}", counts.join(", "), if times { ", c.durations" } else { "" })
                };
                let mut sql: QueryBuilder<$db> = QueryBuilder::new(format!(
                    "SELECT b.slug AS body, b.name AS body_name, s.slug AS service, s.name AS service_name, \
                     CASE WHEN s.code = '' THEN s.slug ELSE s.code END AS code, s.target_days, \
                     c.period_start, {columns} FROM measure_cells c \
                     JOIN services s ON s.id = c.service_id JOIN bodies b ON b.id = s.body_id \
                     WHERE c.grain = 'month'"
                ));
                // A day's cell is in its month's row, which may start before `from`.
                let from = if by_day { Grain::Month.start(filter.from) } else { filter.from };
                sql.push(" AND c.period_start >= ").push_bind(from);
                sql.push(" AND c.period_start < ").push_bind(filter.to);
                if let Some(body) = &filter.body {
                    sql.push(" AND b.slug = ").push_bind(body.clone());
                }
                if let Some(service) = &filter.service {
                    sql.push(" AND s.slug = ").push_bind(service.clone());
                }
                if let Some(code) = &filter.code {
                    sql.push(" AND (s.code = ").push_bind(code.clone());
                    sql.push(" OR (s.code = '' AND s.slug = ").push_bind(code.clone()).push("))");
                }
                let rows = sql.build().fetch_all(self.pool()).await?;
                let mut out = Vec::with_capacity(rows.len());
                let empty = DurationSketch::default().to_bytes();
                for row in rows {
                    let cell = |period_start: Date, measures: Measures| -> StorageResult<MeasureCell> {
                        Ok(MeasureCell {
                            body: row.try_get(0)?,
                            body_name: row.try_get(1)?,
                            service: row.try_get(2)?,
                            service_name: row.try_get(3)?,
                            code: row.try_get(4)?,
                            target_days: row.try_get(5)?,
                            period_start,
                            measures,
                        })
                    };
                    let month: Date = row.try_get(6)?;
                    if by_day {
                        let days = days_from(&row.try_get::<Vec<u8>, _>(7)?)?;
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
                            out.push(cell(date, m)?);
                        }
                        continue;
                    }
                    let mut counts = [0i64; 18];
                    // By position: a name lookup per column costs more than the
                    // whole query on large rollups.
                    for (i, count) in counts.iter_mut().enumerate() {
                        *count = row.try_get(7 + i)?;
                    }
                    let durations: Vec<u8> = if times {
                        row.try_get(7 + CELL_COUNTS.len())?
                    } else {
                        empty.clone()
                    };
                    out.push(cell(month, measures_from(&counts, &durations)?)?);
                }
                Ok(out)
            }

            /// Adds month count changes to the bodies' month summaries: one row per body
            /// and month holding every service's counts, so a rollup across all bodies reads
            /// a row per body-month instead of one per cell.
            async fn apply_summaries(
                conn: &mut <$db as sqlx::Database>::Connection,
                changes: BTreeMap<(i64, Date), Vec<(i64, [i64; 18])>>,
            ) -> StorageResult<()> {
                let keys: Vec<(i64, Date)> = changes.keys().copied().collect();
                for chunk in shaped_chunks(&keys, 256) {
                    let mut stored = Self::stored_summaries(&mut *conn, chunk).await?;
                    let mut sql: QueryBuilder<$db> = QueryBuilder::new(
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
                        b.push_bind(key.0).push_bind(key.1).push_bind(summary_text(&services));
                    });
                    sql.push(
                        " ON CONFLICT (body_id, period_start) DO UPDATE SET services = excluded.services",
                    );
                    sql.build().execute(&mut *conn).await?;
                }
                Ok(())
            }

            /// Month counts of every service (of one body, or all), from the month summaries.
            async fn summary_counts(&self, filter: &MeasureFilter) -> StorageResult<Vec<MeasureCell>> {
                struct ServiceNames {
                    body: String,
                    body_name: String,
                    service: String,
                    service_name: String,
                    code: String,
                    target_days: Option<i32>,
                }
                let mut sql: QueryBuilder<$db> = QueryBuilder::new(
                    "SELECT m.period_start, m.services FROM measure_month_summaries m \
                     JOIN bodies b ON b.id = m.body_id WHERE m.period_start >= ",
                );
                sql.push_bind(filter.from);
                sql.push(" AND m.period_start < ").push_bind(filter.to);
                if let Some(body) = &filter.body {
                    sql.push(" AND b.slug = ").push_bind(body.clone());
                }
                // Summaries first: services are never deleted nor moved, so the names read
                // after them cover every service they hold, even one added meanwhile.
                let summaries = sql.build().fetch_all(self.pool()).await?;
                // Names come one row per body too: a row per service costs more to fetch
                // through the driver than the summaries themselves.
                let mut sql: QueryBuilder<$db> = QueryBuilder::new(concat!(
                    "SELECT b.slug, b.name, ",
                    $json_open,
                    "s.id, s.slug, s.name, CASE WHEN s.code = '' THEN s.slug ELSE s.code END, s.target_days",
                    $json_close,
                    " FROM bodies b JOIN services s ON s.body_id = b.id"
                ));
                if let Some(body) = &filter.body {
                    sql.push(" WHERE b.slug = ").push_bind(body.clone());
                }
                sql.push(" GROUP BY b.id, b.slug, b.name");
                let mut names: HashMap<i64, ServiceNames> = HashMap::new();
                for row in sql.build().fetch_all(self.pool()).await? {
                    let body: String = row.try_get(0)?;
                    let body_name: String = row.try_get(1)?;
                    let services: Vec<(i64, String, String, String, Option<i32>)> =
                        serde_json::from_str(&row.try_get::<String, _>(2)?)
                            .map_err(|e| StorageError::Corrupt(format!("service names: {e}")))?;
                    for (id, service, service_name, code, target_days) in services {
                        names.insert(id, ServiceNames {
                            body: body.clone(),
                            body_name: body_name.clone(),
                            service,
                            service_name,
                            code,
                            target_days,
                        });
                    }
                }
                let mut out = Vec::new();
                let empty = DurationSketch::default().to_bytes();
                for row in summaries {
                    let period_start: Date = row.try_get(0)?;
                    for (service, counts) in parse_summary(&row.try_get::<String, _>(1)?)? {
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
            pub(crate) async fn apply_cells(
                conn: &mut <$db as sqlx::Database>::Connection,
                deltas: CellDeltas,
            ) -> StorageResult<()> {
                if deltas.is_empty() {
                    return Ok(());
                }
                let mut months: BTreeMap<(i64, Date), (Measures, MonthDays)> = BTreeMap::new();
                for ((service, grain, start), m) in deltas {
                    let month = months.entry((service, Grain::Month.start(start))).or_default();
                    match grain {
                        Grain::Month => month.0 = m,
                        Grain::Day => month.1.add(start.day(), &m),
                    }
                }
                let mut services: Vec<i64> = months.keys().map(|k| k.0).collect();
                services.dedup();
                let mut body_of: HashMap<i64, i64> = HashMap::with_capacity(services.len());
                for chunk in shaped_chunks(&services, 512) {
                    let mut sql: QueryBuilder<$db> =
                        QueryBuilder::new("SELECT id, body_id FROM services WHERE id IN (");
                    let mut list = sql.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    sql.push(")");
                    for row in sql.build().fetch_all(&mut *conn).await? {
                        body_of.insert(row.try_get(0)?, row.try_get(1)?);
                    }
                }
                let mut summaries: BTreeMap<(i64, Date), Vec<(i64, [i64; 18])>> = BTreeMap::new();
                for ((service, start), (m, _)) in &months {
                    let body = *body_of.get(service).ok_or(StorageError::NotFound)?;
                    summaries.entry((body, *start)).or_default().push((*service, m.counts()));
                }
                if !$lock.is_empty() {
                    let mut bodies: Vec<i64> = body_of.values().copied().collect();
                    bodies.sort_unstable();
                    bodies.dedup();
                    for id in &bodies {
                        sqlx::query($lock).bind(*id).execute(&mut *conn).await?;
                    }
                }
                Self::apply_summaries(&mut *conn, summaries).await?;
                let keys: Vec<(i64, Date)> = months.keys().copied().collect();
                let mut stored = Self::stored_months(&mut *conn, &keys).await?;
                let mut months = months.into_iter();
                // The next `size` cells, merged with what is stored, as one upsert.
                let mut next = |size: usize| -> StorageResult<QueryBuilder<$db>> {
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
                    let mut sql: QueryBuilder<$db> = QueryBuilder::new(format!(
                        "INSERT INTO measure_cells (service_id, grain, period_start, {}, durations, days) ",
                        CELL_COUNTS.join(", ")
                    ));
                    sql.push_values(&rows, |mut b, ((service, start), m, month_days)| {
                        b.push_bind(*service).push_bind(Grain::Month.as_str()).push_bind(*start);
                        for n in m.counts() {
                            b.push_bind(n);
                        }
                        b.push_bind(m.durations.to_bytes()).push_bind(month_days.to_bytes());
                    });
                    sql.push(" ON CONFLICT (grain, service_id, period_start) DO UPDATE SET ");
                    let mut set = sql.separated(", ");
                    for column in CELL_COUNTS {
                        set.push(format!("{column} = measure_cells.{column} + excluded.{column}"));
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
                        futures_util::future::join(sql.build().execute(&mut *conn), async { next(size) })
                            .await;
                    done?;
                    sql = following?;
                }
                sql.build().execute(&mut *conn).await?;
                Ok(())
            }

            /// Writes exact-time changes: per standard service a new run, merged with the
            /// newest stored runs as `runs_to_merge` says. Called after `apply_cells`, so
            /// PostgreSQL writers lock bodies before services' runs.
            pub(crate) async fn apply_times(
                conn: &mut <$db as sqlx::Database>::Connection,
                changes: TimeChanges,
            ) -> StorageResult<()> {
                let runs = runs_of(changes);
                if runs.is_empty() {
                    return Ok(());
                }
                let codes: Vec<&str> = runs.iter().map(|(code, _)| code.as_str()).collect();
                Self::lock_duration_groups(&mut *conn, &codes).await?;
                let sizes = Self::stored_run_sizes(&mut *conn, &codes).await?;
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
                let mut taken = Self::take_runs(&mut *conn, &merged).await?;
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
                Self::insert_runs(&mut *conn, &rows).await
            }

            /// Stores new duration runs: `(code, run number, encoded run)`.
            async fn insert_runs(
                conn: &mut <$db as sqlx::Database>::Connection,
                rows: &[(&str, i64, Vec<u8>)],
            ) -> StorageResult<()> {
                for chunk in shaped_chunks(rows, 512) {
                    let mut sql: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO duration_runs (service_code, run, durations) ",
                    );
                    sql.push_values(chunk, |mut b, (code, number, bytes)| {
                        b.push_bind(*code).push_bind(*number).push_bind(bytes.as_slice());
                    });
                    sql.build().execute(&mut *conn).await?;
                }
                Ok(())
            }

            /// A stored transaction's fact, from a row with its `channel`, `started_at`,
            /// `outcome_at`, `outcome` and `satisfaction`.
            fn fact_from_row(row: &$row) -> StorageResult<TransactionFact> {
                stored_fact(
                    &row.try_get::<String, _>("channel")?,
                    row.try_get("started_at")?,
                    row.try_get("outcome_at")?,
                    row.try_get("outcome")?,
                    row.try_get("satisfaction")?,
                )
            }

            /// Stored transactions by event id, from rows with `event_id`, `service_id` and
            /// what `fact_from_row` reads.
            fn stored_events_from(rows: Vec<$row>) -> StorageResult<StoredEvents> {
                let mut stored = StoredEvents::with_capacity(rows.len());
                for row in rows {
                    let fact = Self::fact_from_row(&row)?;
                    stored.insert(row.try_get("event_id")?, (row.try_get("service_id")?, fact));
                }
                Ok(stored)
            }

            /// Finishes the rebuilds a migration asked for (see `pending_rebuilds`).
            pub(crate) async fn finish_pending_rebuilds(&self) -> StorageResult<()> {
                let pending: Vec<String> = sqlx::query_scalar("SELECT name FROM pending_rebuilds")
                    .fetch_all(self.pool())
                    .await?;
                if pending.iter().any(|name| name == "day_cells") {
                    self.fold_day_cells().await?;
                }
                if pending.iter().any(|name| name == "duration_runs") {
                    self.rebuild_duration_runs().await?;
                }
                Ok(())
            }

            /// Folds day cells stored a row each (before migration 0011) into their
            /// months' cells, a page of rows at a time, in one transaction.
            async fn fold_day_cells(&self) -> StorageResult<()> {
                let mut tx = self.writer().begin_with($begin).await?;
                // On PostgreSQL every body first, in order, as every writer of cells locks
                // bodies before it writes them (`apply_cells` below takes them again).
                if !$lock.is_empty() {
                    let bodies: Vec<i64> = sqlx::query_scalar("SELECT id FROM bodies ORDER BY id")
                        .fetch_all(&mut *tx)
                        .await?;
                    for id in bodies {
                        sqlx::query($lock).bind(id).execute(&mut *tx).await?;
                    }
                }
                if !$lock_measures.is_empty() {
                    sqlx::query($lock_measures).execute(&mut *tx).await?;
                }
                let mut after: Option<(i64, Date)> = None;
                loop {
                    let mut sql: QueryBuilder<$db> = QueryBuilder::new(format!(
                        "SELECT service_id, period_start, {}, durations FROM measure_cells \
                         WHERE grain = 'day'",
                        CELL_COUNTS.join(", ")
                    ));
                    if let Some((service, start)) = after {
                        sql.push(" AND (service_id, period_start) > (").push_bind(service);
                        sql.push(", ").push_bind(start).push(")");
                    }
                    sql.push(" ORDER BY service_id, period_start LIMIT 20000");
                    let rows = sql.build().fetch_all(&mut *tx).await?;
                    let Some(last) = rows.last() else { break };
                    after = Some((last.try_get(0)?, last.try_get(1)?));
                    let mut days = CellDeltas::with_capacity(rows.len());
                    for row in &rows {
                        let mut counts = [0i64; 18];
                        for (i, count) in counts.iter_mut().enumerate() {
                            *count = row.try_get(2 + i)?;
                        }
                        let durations: Vec<u8> = row.try_get(2 + CELL_COUNTS.len())?;
                        days.insert(
                            (row.try_get(0)?, Grain::Day, row.try_get(1)?),
                            measures_from(&counts, &durations)?,
                        );
                    }
                    Self::apply_cells(&mut *tx, days).await?;
                }
                sqlx::query("DELETE FROM measure_cells WHERE grain = 'day'")
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM pending_rebuilds WHERE name = 'day_cells'")
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            /// Brings a request's transaction and its cells up to date with the request:
            /// counted once confirmed, its outcome set when it closes (and taken back out
            /// if it reopens). When it first closes and `survey` is given, the reporter is
            /// sent the one-question satisfaction survey.
            pub(crate) async fn sync_request_measures(
                conn: &mut <$db as sqlx::Database>::Connection,
                request_id: i64,
                survey: Option<(&str, &str)>,
            ) -> StorageResult<()> {
                let Some(row) = sqlx::query(
                    "SELECT r.service_id, CASE WHEN s.code = '' THEN s.slug ELSE s.code END AS code, \
                     r.status, r.channel, r.confirmed, r.requested_at, c.email \
                     FROM requests r JOIN services s ON s.id = r.service_id \
                     LEFT JOIN request_contacts c ON c.request_id = r.id WHERE r.id = $1",
                )
                .bind(request_id)
                .fetch_optional(&mut *conn)
                .await?
                else {
                    return Err(StorageError::NotFound);
                };
                if !row.try_get::<bool, _>("confirmed")? {
                    return Ok(());
                }
                let service: i64 = row.try_get("service_id")?;
                let code: String = row.try_get("code")?;
                let status_text: String = row.try_get("status")?;
                let status = RequestStatus::parse(&status_text)
                    .ok_or_else(|| StorageError::Corrupt(format!("request status {status_text}")))?;
                let channel_text: String = row.try_get("channel")?;
                let channel = RequestChannel::parse(&channel_text)
                    .ok_or_else(|| StorageError::Corrupt(format!("request channel {channel_text}")))?;
                let requested_at: OffsetDateTime = row.try_get("requested_at")?;
                let email: Option<String> = row.try_get("email")?;
                let existing = sqlx::query(
                    "SELECT service_id, service_code, channel, started_at, outcome_at, outcome, \
                     satisfaction, survey_token_hash, duration_s, outcome_month FROM transactions \
                     WHERE request_id = $1",
                )
                .bind(request_id)
                .fetch_optional(&mut *conn)
                .await?;
                let mut deltas = CellDeltas::new();
                let mut times = TimeChanges::new();
                let mut old_outcome_at = None;
                let mut satisfaction = None;
                let mut surveyed = false;
                if let Some(old) = &existing {
                    let old_service: i64 = old.try_get("service_id")?;
                    let fact = Self::fact_from_row(old)?;
                    old_outcome_at = fact.outcome.map(|(at, _)| at);
                    satisfaction = fact.satisfaction;
                    surveyed = old.try_get::<Option<String>, _>("survey_token_hash")?.is_some();
                    add_fact(&mut deltas, old_service, &fact, -1);
                    // The time as stored leaves, not one worked out again from the times.
                    let month: Option<i32> = old.try_get("outcome_month")?;
                    let seconds: Option<i64> = old.try_get("duration_s")?;
                    if let (Some(month), Some(seconds)) = (month, seconds) {
                        add_time(&mut times, &old.try_get::<String, _>("service_code")?, month, seconds, -1);
                    }
                }
                let outcome = Outcome::of_request(status);
                let outcome_at = outcome.map(|_| old_outcome_at.unwrap_or_else(now));
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
                    sqlx::query(
                        "UPDATE transactions SET service_id = $1, service_code = $2, channel = $3, \
                         outcome_at = $4, outcome = $5, duration_s = $6, outcome_month = $7, \
                         survey_token_hash = COALESCE(survey_token_hash, $8) WHERE request_id = $9",
                    )
                    .bind(service)
                    .bind(&code)
                    .bind(fact.channel.as_str())
                    .bind(outcome_at.map($time))
                    .bind(outcome.map(Outcome::as_str))
                    .bind(duration)
                    .bind(duration.and(outcome_at).map(month_key))
                    .bind(invite.as_ref().map(|i| i.1))
                    .bind(request_id)
                    .execute(&mut *conn)
                    .await?;
                } else {
                    sqlx::query(
                        "INSERT INTO transactions (service_id, service_code, request_id, event_id, \
                         channel, started_at, outcome_at, outcome, duration_s, outcome_month, \
                         survey_token_hash, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    )
                    .bind(service)
                    .bind(&code)
                    .bind(request_id)
                    .bind(request_id.to_string())
                    .bind(fact.channel.as_str())
                    .bind($time(requested_at))
                    .bind(outcome_at.map($time))
                    .bind(outcome.map(Outcome::as_str))
                    .bind(duration)
                    .bind(duration.and(outcome_at).map(month_key))
                    .bind(invite.as_ref().map(|i| i.1))
                    .bind($time(at))
                    .execute(&mut *conn)
                    .await?;
                }
                if let Some((token, _, to)) = invite {
                    let message = OutboxMessage {
                        kind: "satisfaction_survey".into(),
                        recipient: to,
                        payload: serde_json::json!({ "token": token, "request_id": request_id }),
                    };
                    crate::requests::enqueue::<$db>(&mut *conn, &message, Some(request_id), at).await?;
                }
                deltas.retain(|_, m| !m.is_empty());
                Self::apply_cells(&mut *conn, deltas).await?;
                Self::apply_times(conn, times).await
            }
        }

        #[async_trait]
        impl EventStore for $store {
            async fn create_dataset(
                &self,
                body: &str,
                slug: &str,
                name: &str,
                service: &str,
                token_hash: &str,
                expected_every_hours: i32,
            ) -> StorageResult<Dataset> {
                let mut tx = self.writer().begin_with($begin).await?;
                let known = if service.is_empty() {
                    sqlx::query("SELECT id FROM bodies WHERE slug = $1")
                        .bind(body)
                        .fetch_optional(&mut *tx)
                        .await?
                } else {
                    sqlx::query(
                        "SELECT s.id FROM services s JOIN bodies b ON b.id = s.body_id \
                         WHERE b.slug = $1 AND s.slug = $2",
                    )
                    .bind(body)
                    .bind(service)
                    .fetch_optional(&mut *tx)
                    .await?
                };
                if known.is_none() {
                    return Err(StorageError::NotFound);
                }
                let at = now();
                let id: i64 = sqlx::query(
                    "INSERT INTO datasets (body_id, slug, name, service, token_hash, expected_every_hours, created_at) \
                     SELECT id, $2, $3, $4, $5, $6, $7 FROM bodies WHERE slug = $1 RETURNING id",
                )
                .bind(body)
                .bind(slug)
                .bind(name)
                .bind(service)
                .bind(token_hash)
                .bind(expected_every_hours)
                .bind($time(at))
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
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

            async fn dataset_by_token(&self, token_hash: &str) -> StorageResult<Option<Dataset>> {
                let row = sqlx::query(concat!(dataset_select!(), "WHERE d.token_hash = $1"))
                    .bind(token_hash)
                    .fetch_optional(self.pool())
                    .await?;
                row.as_ref().map(Self::dataset_from_row).transpose()
            }

            async fn list_datasets(&self, body: &str) -> StorageResult<Vec<Dataset>> {
                let rows = sqlx::query(concat!(dataset_select!(), "WHERE b.slug = $1 ORDER BY d.slug"))
                    .bind(body)
                    .fetch_all(self.pool())
                    .await?;
                rows.iter().map(Self::dataset_from_row).collect()
            }

            async fn dataset_services(&self, dataset: &Dataset) -> StorageResult<Vec<String>> {
                let rows = sqlx::query(
                    "SELECT s.slug FROM services s JOIN bodies b ON b.id = s.body_id \
                     WHERE b.slug = $1 AND ($2 = '' OR s.slug = $2) ORDER BY s.slug",
                )
                .bind(&dataset.body)
                .bind(&dataset.service)
                .fetch_all(self.pool())
                .await?;
                rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
            }

            async fn ingest_events(
                &self,
                dataset: &Dataset,
                events: &[TransactionEvent],
            ) -> StorageResult<Ingested> {
                let mut tx = self.writer().begin_with($begin).await?;
                let mut services: HashMap<String, (i64, String)> = HashMap::new();
                for row in sqlx::query(
                    "SELECT s.id, s.slug, CASE WHEN s.code = '' THEN s.slug ELSE s.code END AS code \
                     FROM services s WHERE s.body_id = (SELECT body_id FROM datasets WHERE id = $1)",
                )
                .bind(dataset.id)
                .fetch_all(&mut *tx)
                .await?
                {
                    services.insert(row.try_get("slug")?, (row.try_get("id")?, row.try_get("code")?));
                }
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
                let received_at = $time(at);
                // Ids already stored (a batch sent again, or a pending event now ending) are
                // read first, so that the insert of the rest returns nothing: sqlx hands each
                // returned row across threads with a wake-up, which costs more than the row.
                // All are read before any insert, so each insert can be built while the
                // database runs the one before.
                let chunks: Vec<&[BatchEvent]> = shaped_chunks(&batch, 512).collect();
                let mut stored_sets = Vec::with_capacity(chunks.len());
                for chunk in &chunks {
                    stored_sets.push(Self::stored_events(&mut tx, dataset.id, chunk).await?);
                }
                let insert_of = |fresh: &[BatchEvent]| -> Option<QueryBuilder<$db>> {
                    if fresh.is_empty() {
                        return None;
                    }
                    let mut sql: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO transactions (service_id, service_code, dataset_id, event_id, \
                         channel, started_at, outcome_at, outcome, duration_s, outcome_month, \
                         satisfaction, received_at) ",
                    );
                    sql.push_values(fresh, |mut b, (event, service, code)| {
                        let duration = event.fact().duration_seconds();
                        b.push_bind(*service)
                            .push_bind(*code)
                            .push_bind(dataset.id)
                            .push_bind(event.id.as_str())
                            .push_bind(event.channel.as_str())
                            .push_bind($time(event.started_at))
                            .push_bind(event.outcome_at.map($time))
                            .push_bind(event.outcome.map(Outcome::as_str))
                            .push_bind(duration)
                            .push_bind(duration.and(event.outcome_at).map(month_key))
                            .push_bind(event.satisfaction.map(i32::from))
                            .push_bind(&received_at);
                    });
                    sql.push(" ON CONFLICT (dataset_id, event_id) DO NOTHING");
                    Some(sql)
                };
                let count = |fresh: &[BatchEvent], deltas: &mut CellDeltas, times: &mut TimeChanges, sign: i64| {
                    for (event, service, code) in fresh {
                        let fact = event.fact();
                        add_fact(deltas, *service, &fact, sign);
                        add_fact_time(times, code, &fact, sign);
                    }
                };
                let mut prepared: Option<QueryBuilder<$db>> = None;
                for (i, &chunk) in chunks.iter().enumerate() {
                    let mut stored = std::mem::take(&mut stored_sets[i]);
                    let mut fresh = fresh_events(chunk, &stored);
                    let mut insert = prepared.take().or_else(|| insert_of(&fresh));
                    while let Some(mut sql) = insert.take() {
                        sqlx::query("SAVEPOINT fresh_events").execute(&mut *tx).await?;
                        let following = chunks.get(i + 1).zip(stored_sets.get(i + 1));
                        // The new events' changes, and the next insert, are worked out while
                        // the database stores these rows (sqlx runs SQLite on a thread of its
                        // own); the changes are taken back out below if the rows do not all go in.
                        let (inserted, next) = futures_util::future::join(
                            sql.build().execute(&mut *tx),
                            async {
                                count(&fresh, &mut deltas, &mut times, 1);
                                following.and_then(|(chunk, stored)| insert_of(&fresh_events(chunk, stored)))
                            },
                        )
                        .await;
                        if inserted?.rows_affected() == fresh.len() as u64 {
                            sqlx::query("RELEASE SAVEPOINT fresh_events").execute(&mut *tx).await?;
                            prepared = next;
                            break;
                        }
                        count(&fresh, &mut deltas, &mut times, -1);
                        // Another writer (PostgreSQL) stored some of these ids since they were
                        // read: undo, and read them again now that they are visible.
                        sqlx::query("ROLLBACK TO SAVEPOINT fresh_events").execute(&mut *tx).await?;
                        sqlx::query("RELEASE SAVEPOINT fresh_events").execute(&mut *tx).await?;
                        stored = Self::stored_events(&mut tx, dataset.id, chunk).await?;
                        fresh = fresh_events(chunk, &stored);
                        insert = insert_of(&fresh);
                    }
                    result.accepted += fresh.len() as u64;
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
                                let updated = sqlx::query(
                                    "UPDATE transactions SET service_id = $1, service_code = $2, \
                                     channel = $3, started_at = $4, outcome_at = $5, outcome = $6, \
                                     duration_s = $7, outcome_month = $8, satisfaction = $9 \
                                     WHERE dataset_id = $10 AND event_id = $11 AND outcome_at IS NULL",
                                )
                                .bind(*service)
                                .bind(*code)
                                .bind(fact.channel.as_str())
                                .bind($time(fact.started_at))
                                .bind(event.outcome_at.map($time))
                                .bind(event.outcome.map(Outcome::as_str))
                                .bind(duration)
                                .bind(duration.and(event.outcome_at).map(month_key))
                                .bind(event.satisfaction.map(i32::from))
                                .bind(dataset.id)
                                .bind(&event.id)
                                .execute(&mut *tx)
                                .await?
                                .rows_affected();
                                if updated == 0 {
                                    result.duplicates += 1;
                                    continue;
                                }
                                add_fact(&mut deltas, *old_service, old, -1);
                                add_fact(&mut deltas, *service, &fact, 1);
                                add_fact_time(&mut times, code, &fact, 1);
                                result.updated += 1;
                            }
                            Some(_) => result.duplicates += 1,
                        }
                    }
                }
                deltas.retain(|_, m| !m.is_empty());
                Self::apply_cells(&mut *tx, deltas).await?;
                Self::apply_times(&mut *tx, times).await?;
                sqlx::query(
                    "UPDATE datasets SET last_received_at = $1, events = events + $2 WHERE id = $3",
                )
                .bind($time(at))
                .bind(i64::try_from(result.accepted).unwrap_or(i64::MAX))
                .bind(dataset.id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(result)
            }

            async fn measures(&self, filter: &MeasureFilter) -> StorageResult<Vec<MeasureCell>> {
                self.read_cells(filter, true).await
            }

            async fn measure_counts(
                &self,
                filter: &MeasureFilter,
            ) -> StorageResult<Vec<MeasureCell>> {
                if filter.grain == Grain::Month && filter.service.is_none() && filter.code.is_none() {
                    return self.summary_counts(filter).await;
                }
                self.read_cells(filter, false).await
            }

            async fn rebuild_month_summaries(&self) -> StorageResult<u64> {
                let mut tx = self.writer().begin_with($begin).await?;
                if !$lock_measures.is_empty() {
                    sqlx::query($lock_measures).execute(&mut *tx).await?;
                }
                sqlx::query("DELETE FROM measure_month_summaries")
                    .execute(&mut *tx)
                    .await?;
                let counts = CELL_COUNTS.map(|c| format!("c.{c}")).join(", ");
                let mut sql: QueryBuilder<$db> = QueryBuilder::new(format!(
                    "INSERT INTO measure_month_summaries (body_id, period_start, services) \
                     SELECT s.body_id, c.period_start, {}c.service_id, {counts}{} \
                     FROM measure_cells c JOIN services s ON s.id = c.service_id \
                     WHERE c.grain = 'month' GROUP BY s.body_id, c.period_start",
                    $json_open, $json_close
                ));
                let written = sql.build().execute(&mut *tx).await?.rows_affected();
                tx.commit().await?;
                Ok(written)
            }

            async fn backlog(
                &self,
                body: Option<&str>,
                service: Option<&str>,
                code: Option<&str>,
            ) -> StorageResult<Vec<Backlog>> {
                let mut sql: QueryBuilder<$db> = QueryBuilder::new(
                    "SELECT b.slug AS body, s.slug AS service, COUNT(t.id) AS open, MIN(t.started_at) AS oldest \
                     FROM transactions t JOIN services s ON s.id = t.service_id \
                     JOIN bodies b ON b.id = s.body_id WHERE t.outcome_at IS NULL",
                );
                if let Some(body) = body {
                    sql.push(" AND b.slug = ").push_bind(body.to_string());
                }
                if let Some(service) = service {
                    sql.push(" AND s.slug = ").push_bind(service.to_string());
                }
                if let Some(code) = code {
                    sql.push(" AND (s.code = ").push_bind(code.to_string());
                    sql.push(" OR (s.code = '' AND s.slug = ").push_bind(code.to_string()).push("))");
                }
                sql.push(" GROUP BY b.slug, s.slug ORDER BY b.slug, s.slug");
                let rows = sql.build().fetch_all(self.pool()).await?;
                rows.iter()
                    .map(|row| {
                        Ok(Backlog {
                            body: row.try_get("body")?,
                            service: row.try_get("service")?,
                            open: row.try_get("open")?,
                            oldest: row.try_get("oldest")?,
                        })
                    })
                    .collect()
            }

            async fn backlog_median_start(
                &self,
                body: &str,
                service: &str,
            ) -> StorageResult<Option<OffsetDateTime>> {
                let open: i64 = sqlx::query(concat!("SELECT COUNT(*) ", backlog_of_service!()))
                    .bind(body)
                    .bind(service)
                    .fetch_one(self.pool())
                    .await?
                    .try_get(0)?;
                // The middle start time, read off the backlog index without sorting.
                sqlx::query(concat!(
                    "SELECT t.started_at ",
                    backlog_of_service!(),
                    " ORDER BY t.started_at LIMIT 1 OFFSET $3"
                ))
                .bind(body)
                .bind(service)
                .bind((open - 1).max(0) / 2)
                .fetch_optional(self.pool())
                .await?
                .map(|r| r.try_get(0))
                .transpose()
                .map_err(Into::into)
            }

            async fn exact_times(
                &self,
                code: Option<&str>,
                from: Date,
                to: Date,
            ) -> StorageResult<Vec<ExactTimes>> {
                let (from_key, to_key) = (month_key_of(from), month_key_of(to));
                let mut sql: QueryBuilder<$db> =
                    QueryBuilder::new("SELECT service_code, durations FROM duration_runs");
                if let Some(code) = code {
                    sql.push(" WHERE service_code = ").push_bind(code.to_string());
                }
                sql.push(" ORDER BY service_code, run");
                let mut out = Vec::new();
                let mut service: Option<String> = None;
                let mut runs: Vec<DurationRun> = Vec::new();
                let mut rows = sql.build().fetch(self.pool());
                while let Some(row) = rows.try_next().await? {
                    let code: String = row.try_get(0)?;
                    if service.as_ref() != Some(&code) {
                        if let Some(done) = service.replace(code) {
                            out.extend(exact_of(&done, &runs, from_key, to_key)?);
                            runs.clear();
                        }
                    }
                    runs.push(
                        DurationRun::from_bytes(&row.try_get::<Vec<u8>, _>(1)?)
                            .ok_or_else(|| StorageError::Corrupt("duration run".into()))?,
                    );
                }
                if let Some(done) = service {
                    out.extend(exact_of(&done, &runs, from_key, to_key)?);
                }
                Ok(out)
            }

            async fn rebuild_duration_runs(&self) -> StorageResult<u64> {
                let mut tx = self.writer().begin_with($begin).await?;
                if !$lock_times.is_empty() {
                    sqlx::query($lock_times).execute(&mut *tx).await?;
                }
                sqlx::query("DELETE FROM duration_runs").execute(&mut *tx).await?;
                let mut changes = TimeChanges::new();
                {
                    let mut rows = sqlx::query(
                        "SELECT service_code, outcome_month, duration_s FROM transactions \
                         WHERE duration_s IS NOT NULL AND outcome_month IS NOT NULL",
                    )
                    .fetch(&mut *tx);
                    while let Some(row) = rows.try_next().await? {
                        add_time(
                            &mut changes,
                            &row.try_get::<String, _>(0)?,
                            row.try_get(1)?,
                            row.try_get(2)?,
                            1,
                        );
                    }
                }
                let runs = runs_of(changes);
                let rows: Vec<(&str, i64, Vec<u8>)> = runs
                    .iter()
                    .map(|(code, run)| (code.as_str(), 0, run.to_bytes()))
                    .collect();
                Self::insert_runs(&mut *tx, &rows).await?;
                sqlx::query("DELETE FROM pending_rebuilds WHERE name = 'duration_runs'")
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(rows.len() as u64)
            }

            async fn survey(&self, token_hash: &str) -> StorageResult<Option<Survey>> {
                let row = sqlx::query(
                    "SELECT t.request_id, s.name AS service_name, b.name AS body_name, t.satisfaction \
                     FROM transactions t JOIN services s ON s.id = t.service_id \
                     JOIN bodies b ON b.id = s.body_id WHERE t.survey_token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(self.pool())
                .await?;
                row.map(|row| {
                    Ok(Survey {
                        request_id: row.try_get::<Option<i64>, _>("request_id")?.unwrap_or_default(),
                        service_name: row.try_get("service_name")?,
                        body_name: row.try_get("body_name")?,
                        answer: row.try_get("satisfaction")?,
                    })
                })
                .transpose()
            }

            async fn answer_survey(&self, token_hash: &str, rating: u8) -> StorageResult<SurveyAnswer> {
                let mut tx = self.writer().begin_with($begin).await?;
                let row = sqlx::query(
                    "SELECT service_id, channel, started_at, outcome_at, outcome, satisfaction \
                     FROM transactions WHERE survey_token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StorageError::NotFound)?;
                let service: i64 = row.try_get("service_id")?;
                let old = Self::fact_from_row(&row)?;
                if old.satisfaction.is_some() {
                    return Ok(SurveyAnswer::AlreadyAnswered);
                }
                let new = TransactionFact {
                    satisfaction: Some(rating.clamp(1, 5)),
                    ..old.clone()
                };
                sqlx::query("UPDATE transactions SET satisfaction = $1 WHERE survey_token_hash = $2")
                    .bind(i32::from(rating.clamp(1, 5)))
                    .bind(token_hash)
                    .execute(&mut *tx)
                    .await?;
                let mut deltas = CellDeltas::new();
                add_fact(&mut deltas, service, &old, -1);
                add_fact(&mut deltas, service, &new, 1);
                deltas.retain(|_, m| !m.is_empty());
                Self::apply_cells(&mut *tx, deltas).await?;
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
                let mut tx = self.writer().begin_with($begin).await?;
                let at = now();
                let upload: i64 = sqlx::query(
                    "INSERT INTO spend_uploads (body_id, filename, uploaded_at, stored, duplicates, rejected) \
                     SELECT id, $2, $3, 0, 0, $4 FROM bodies WHERE slug = $1 RETURNING id",
                )
                .bind(body)
                .bind(filename)
                .bind($time(at))
                .bind(rejected)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StorageError::NotFound)?
                .try_get(0)?;
                let mut ordinals: HashMap<String, u32> = HashMap::new();
                let mut stored = 0u64;
                let mut keyed = Vec::with_capacity(lines.len());
                for line in lines {
                    let first = spend_fingerprint(line, 0);
                    let n = ordinals.entry(first.clone()).or_insert(0);
                    let print = if *n == 0 { first } else { spend_fingerprint(line, *n) };
                    *n += 1;
                    keyed.push((line, print));
                }
                for chunk in keyed.chunks(1000) {
                    let mut sql: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO spend_lines (body_id, upload_id, line, paid_on, amount_pence, supplier, \
                         expense_area, expense_type, reference, description, fingerprint) ",
                    );
                    sql.push_values(chunk, |mut b, (line, print)| {
                        b.push("(SELECT id FROM bodies WHERE slug = ")
                            .push_bind_unseparated(body.to_string())
                            .push_unseparated(")")
                            .push_bind(upload)
                            .push_bind(i64::try_from(line.line).unwrap_or(i64::MAX))
                            .push_bind(line.paid_on)
                            .push_bind(line.amount_pence)
                            .push_bind(line.supplier.clone())
                            .push_bind(line.expense_area.clone())
                            .push_bind(line.expense_type.clone())
                            .push_bind(line.reference.clone())
                            .push_bind(line.description.clone())
                            .push_bind(print.clone());
                    });
                    sql.push(" ON CONFLICT (body_id, fingerprint) DO NOTHING");
                    stored += sql.build().execute(&mut *tx).await?.rows_affected();
                }
                let stored = i64::try_from(stored).unwrap_or(i64::MAX);
                let duplicates = i64::try_from(lines.len()).unwrap_or(i64::MAX) - stored;
                sqlx::query("UPDATE spend_uploads SET stored = $1, duplicates = $2 WHERE id = $3")
                    .bind(stored)
                    .bind(duplicates)
                    .bind(upload)
                    .execute(&mut *tx)
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
                let rows = sqlx::query(
                    "SELECT u.id, u.filename, u.uploaded_at, u.stored, u.duplicates, u.rejected \
                     FROM spend_uploads u JOIN bodies b ON b.id = u.body_id WHERE b.slug = $1 \
                     ORDER BY u.id DESC",
                )
                .bind(body)
                .fetch_all(self.pool())
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(SpendUpload {
                            id: r.try_get("id")?,
                            filename: r.try_get("filename")?,
                            uploaded_at: r.try_get("uploaded_at")?,
                            stored: r.try_get("stored")?,
                            duplicates: r.try_get("duplicates")?,
                            rejected: r.try_get("rejected")?,
                        })
                    })
                    .collect()
            }

            async fn spend_areas(&self, body: &str) -> StorageResult<Vec<SpendArea>> {
                let rows = sqlx::query(
                    "SELECT l.expense_area, COUNT(*) AS lines, CAST(SUM(l.amount_pence) AS BIGINT) AS total, s.slug AS service \
                     FROM spend_lines l JOIN bodies b ON b.id = l.body_id \
                     LEFT JOIN spend_mappings m ON m.body_id = l.body_id AND m.expense_area = l.expense_area \
                     LEFT JOIN services s ON s.id = m.service_id \
                     WHERE b.slug = $1 GROUP BY l.expense_area, s.slug ORDER BY l.expense_area",
                )
                .bind(body)
                .fetch_all(self.pool())
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(SpendArea {
                            area: r.try_get("expense_area")?,
                            lines: r.try_get("lines")?,
                            total_pence: r.try_get::<Option<i64>, _>("total")?.unwrap_or(0),
                            service: r.try_get("service")?,
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
                let mut tx = self.writer().begin_with($begin).await?;
                let body_id: i64 = sqlx::query("SELECT id FROM bodies WHERE slug = $1")
                    .bind(body)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(StorageError::NotFound)?
                    .try_get(0)?;
                sqlx::query("DELETE FROM spend_mappings WHERE body_id = $1 AND expense_area = $2")
                    .bind(body_id)
                    .bind(area)
                    .execute(&mut *tx)
                    .await?;
                if let Some(service) = service {
                    let done = sqlx::query(
                        "INSERT INTO spend_mappings (body_id, expense_area, service_id) \
                         SELECT $1, $2, id FROM services WHERE body_id = $1 AND slug = $3",
                    )
                    .bind(body_id)
                    .bind(area)
                    .bind(service)
                    .execute(&mut *tx)
                    .await?;
                    if done.rows_affected() == 0 {
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
                let mut sql: QueryBuilder<$db> = QueryBuilder::new(
                    "SELECT b.slug AS body, s.slug AS service, l.paid_on, CAST(SUM(l.amount_pence) AS BIGINT) AS pence \
                     FROM spend_lines l JOIN spend_mappings m ON m.body_id = l.body_id \
                     AND m.expense_area = l.expense_area JOIN services s ON s.id = m.service_id \
                     JOIN bodies b ON b.id = l.body_id WHERE l.paid_on >= ",
                );
                sql.push_bind(from).push(" AND l.paid_on < ").push_bind(to);
                if let Some(body) = body {
                    sql.push(" AND b.slug = ").push_bind(body.to_string());
                }
                if let Some(service) = service {
                    sql.push(" AND s.slug = ").push_bind(service.to_string());
                }
                if let Some(code) = code {
                    sql.push(" AND (s.code = ").push_bind(code.to_string());
                    sql.push(" OR (s.code = '' AND s.slug = ").push_bind(code.to_string()).push("))");
                }
                sql.push(" GROUP BY b.slug, s.slug, l.paid_on ORDER BY b.slug, s.slug, l.paid_on");
                let rows = sql.build().fetch_all(self.pool()).await?;
                rows.iter()
                    .map(|r| {
                        Ok(SpendTotal {
                            body: r.try_get("body")?,
                            service: r.try_get("service")?,
                            paid_on: r.try_get("paid_on")?,
                            pence: r.try_get::<Option<i64>, _>("pence")?.unwrap_or(0),
                        })
                    })
                    .collect()
            }
        }
    };
}

event_methods!(
    SqliteStore,
    sqlx::Sqlite,
    sqlx::sqlite::SqliteRow,
    begin_write = "BEGIN IMMEDIATE",
    time = sqlite_time,
    lock_bodies = "",
    json_rows = ("json_group_array(json_array(", "))"),
    lock_measures = "",
    lock_times = ""
);

event_methods!(
    PostgresStore,
    sqlx::Postgres,
    sqlx::postgres::PgRow,
    begin_write = "BEGIN",
    time = postgres_time,
    lock_bodies = "SELECT pg_advisory_xact_lock(1099511627776 + $1)",
    json_rows = ("json_agg(json_build_array(", "))::text"),
    lock_measures = "LOCK TABLE measure_cells, measure_month_summaries IN EXCLUSIVE MODE",
    lock_times = "LOCK TABLE transactions, duration_runs IN EXCLUSIVE MODE"
);
