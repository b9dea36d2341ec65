//! The SQLite and PostgreSQL stores. Both are generated from one body of code by
//! `store_methods!`, so the two can only differ where the dialects must: how a write
//! transaction begins, row locking, and the migrations.

use crate::event_backends::{TimeChanges, add_time};
use crate::registers::NewEntry;
use crate::{
    Actor, Backend, ServicePage, ServiceQuery, StaffCredentials, StorageError, StorageResult, Store,
};
use async_trait::async_trait;
use civic_domain::register::{organisation_item, service_item, service_key};
use civic_domain::{
    Body, BodyDraft, BodyKind, Channel, DigitalInclusionLevel, FieldChange, RequestType, Role,
    Service, ServiceChange, ServiceChangeAction, ServiceDraft, ServiceStatus, Staff, StaffDraft,
    slugify,
};
use futures_util::TryStreamExt;
use sqlx::Row;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;
use time::OffsetDateTime;

/// Civic's store on an embedded SQLite file.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// One connection for writes: SQLite allows one writer at a time, and queueing for
    /// this pool is fair and quick where queueing on the file lock means sleeping and
    /// retrying.
    writer: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the SQLite file named by a `sqlite://PATH` URL.
    pub async fn open(url: &str) -> StorageResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            // WAL lets pages be read while a write commits; FULL sync means a commit we
            // acknowledged survives power loss, not only a crash of Civic.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.clone())
            .await?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            // The one writer keeps the hot pages of every index it updates in memory (64 MB)
            // so large batches neither spill dirty pages mid-transaction nor re-read them.
            .connect_with(
                options
                    .pragma("cache_size", "-65536")
                    .pragma("wal_autocheckpoint", "16384")
                    // A multi-row statement that may fail part-way keeps the pages it changes
                    // in a statement journal; in memory that is a copy, on disk a write each.
                    .pragma("temp_store", "memory")
                    // Room for every shape `shaped_chunks` gives each multi-row statement.
                    .statement_cache_capacity(256),
            )
            .await?;
        Ok(SqliteStore { pool, writer })
    }

    /// The pool write transactions use.
    pub fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    /// The underlying pool, for tools that need raw SQL (benchmarks, tests).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

/// `items` in chunks of `max` (a power of two), then the rest in chunks of descending powers
/// of two: every multi-row statement then has one of a few shapes, which sqlx keeps
/// prepared. A statement of a new shape is parsed afresh, and parsing thousands of
/// placeholders costs more than running them.
pub(crate) fn shaped_chunks<T>(items: &[T], max: usize) -> impl Iterator<Item = &[T]> {
    let mut rest = items;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let size = if rest.len() >= max {
            max
        } else {
            1 << rest.len().ilog2()
        };
        let (chunk, tail) = rest.split_at(size);
        rest = tail;
        Some(chunk)
    })
}

#[cfg(test)]
mod shaped_chunk_tests {
    use super::shaped_chunks;

    #[test]
    fn chunks_are_the_largest_size_then_the_binary_digits_of_the_rest() {
        let items: Vec<u32> = (0..1300).collect();
        let sizes: Vec<usize> = shaped_chunks(&items, 512).map(<[u32]>::len).collect();
        assert_eq!(sizes, vec![512, 512, 256, 16, 4]);
        let again: Vec<u32> = shaped_chunks(&items, 512).flatten().copied().collect();
        assert_eq!(again, items);
        assert_eq!(shaped_chunks(&items[..0], 512).count(), 0);
        assert_eq!(
            shaped_chunks(&items[..1], 512)
                .map(<[u32]>::len)
                .collect::<Vec<_>>(),
            vec![1]
        );
    }
}

/// Civic's store on a PostgreSQL server.
#[derive(Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to the server named by a `postgres://` URL.
    pub async fn open(url: &str) -> StorageResult<Self> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(PostgresStore { pool })
    }

    /// The underlying pool, for tools that need raw SQL (benchmarks, tests).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// The pool write transactions use (the same one: PostgreSQL takes many writers).
    pub fn writer(&self) -> &PgPool {
        &self.pool
    }
}

/// The columns every service query reads, joined to the owning body.
macro_rules! service_select {
    () => {
        "SELECT s.id, b.slug AS body_slug, s.slug, s.code, s.name, s.description, s.keywords, \
         s.channels, s.inclusion_level, s.status, s.created_at, s.updated_at, \
         s.accepts_requests, s.request_type, s.request_group, s.target_days, s.attributes \
         FROM services s JOIN bodies b ON b.id = s.body_id "
    };
}

/// The filter shared by the one-body and national lists: status, then up to four search
/// terms, each matched anywhere in the service's search text.
macro_rules! service_filter {
    () => {
        " ($2 OR s.status = 'active') \
          AND s.search_text LIKE $3 ESCAPE '\\' AND s.search_text LIKE $4 ESCAPE '\\' \
          AND s.search_text LIKE $5 ESCAPE '\\' AND s.search_text LIKE $6 ESCAPE '\\' "
    };
}

/// Turns free text into four LIKE patterns; terms past the fourth are folded into the last.
fn search_patterns(text: Option<&str>) -> [String; 4] {
    let terms: Vec<String> = text
        .unwrap_or("")
        .split_whitespace()
        .map(|t| {
            t.to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        })
        .collect();
    let mut patterns = [
        "%".to_string(),
        "%".to_string(),
        "%".to_string(),
        "%".to_string(),
    ];
    for (i, term) in terms.iter().enumerate() {
        let slot = i.min(3);
        patterns[slot].push_str(term);
        patterns[slot].push('%');
    }
    patterns
}

/// The lower-cased text a search matches against.
fn search_text(draft: &ServiceDraft) -> String {
    format!(
        "{} {} {} {}",
        draft.name,
        draft.code,
        draft.keywords.join(" "),
        draft.description
    )
    .to_lowercase()
}

fn to_json<T: serde::Serialize>(value: &T) -> StorageResult<String> {
    serde_json::to_string(value).map_err(|e| StorageError::Corrupt(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> StorageResult<T> {
    serde_json::from_str(text).map_err(|e| StorageError::Corrupt(format!("{what}: {e}")))
}

/// Current time in UTC, truncated to microseconds so SQLite text and PostgreSQL
/// `timestamptz` round-trip to the same value.
/// An instant as SQLite stores it: fixed-width RFC 3339 UTC with microseconds, so that text
/// comparison and ordering agree with time (sqlx's own encoding trims trailing zeros, which
/// would sort "…27.731Z" after "…27.73104Z").
pub(crate) fn sqlite_time(t: OffsetDateTime) -> String {
    let t = to_micros(t);
    let year = t.year();
    if !(0..=9999).contains(&year) {
        return format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            year,
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.microsecond()
        );
    }
    // Digits pushed by hand: `format!` took longer than SQLite took to store a row, and an
    // event carries two or three instants.
    let mut out = String::with_capacity(27);
    push_digits(&mut out, year.unsigned_abs(), 4);
    out.push('-');
    push_digits(&mut out, u8::from(t.month()).into(), 2);
    out.push('-');
    push_digits(&mut out, t.day().into(), 2);
    out.push('T');
    push_digits(&mut out, t.hour().into(), 2);
    out.push(':');
    push_digits(&mut out, t.minute().into(), 2);
    out.push(':');
    push_digits(&mut out, t.second().into(), 2);
    out.push('.');
    push_digits(&mut out, t.microsecond(), 6);
    out.push('Z');
    out
}

/// Pushes the last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        out.push(char::from_digit(digit, 10).unwrap_or('0'));
    }
}

#[cfg(test)]
mod sqlite_time_tests {
    use super::sqlite_time;
    use time::macros::datetime;

    #[test]
    fn instants_are_fixed_width_utc_with_microseconds() {
        for (t, text) in [
            (
                datetime!(2026-11-04 09:05:07.000_500_9 UTC),
                "2026-11-04T09:05:07.000500Z",
            ),
            (
                datetime!(2026-11-04 09:05:07.731 +01:00),
                "2026-11-04T08:05:07.731000Z",
            ),
            (
                datetime!(0001-01-01 00:00:00 UTC),
                "0001-01-01T00:00:00.000000Z",
            ),
            (
                datetime!(9999-12-31 23:59:59.999_999 UTC),
                "9999-12-31T23:59:59.999999Z",
            ),
            (
                datetime!(-0001-06-01 12:00:00 UTC),
                "-001-06-01T12:00:00.000000Z",
            ),
        ] {
            assert_eq!(sqlite_time(t), text);
        }
    }
}

/// An instant as PostgreSQL stores it (`timestamptz` at microsecond precision).
pub(crate) fn postgres_time(t: OffsetDateTime) -> OffsetDateTime {
    to_micros(t)
}

pub(crate) fn now() -> OffsetDateTime {
    to_micros(OffsetDateTime::now_utc())
}

/// An instant in UTC at microsecond precision, the finest both databases keep.
pub(crate) fn to_micros(t: OffsetDateTime) -> OffsetDateTime {
    let t = t.to_offset(time::UtcOffset::UTC);
    t.replace_nanosecond(t.nanosecond() / 1000 * 1000)
        .unwrap_or(t)
}

fn service_from_draft(
    body: &str,
    slug: String,
    draft: &ServiceDraft,
    status: ServiceStatus,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
) -> Service {
    Service {
        body: body.to_string(),
        slug,
        code: draft.code.clone(),
        name: draft.name.clone(),
        description: draft.description.clone(),
        keywords: draft.keywords.clone(),
        channels: draft.channels.clone(),
        digital_inclusion_level: draft.digital_inclusion_level,
        status,
        accepts_requests: draft.accepts_requests,
        request_type: draft.request_type,
        group: draft.group.clone(),
        target_days: draft.target_days,
        attributes: draft.attributes.clone(),
        created_at,
        updated_at,
    }
}

fn body_kind(stored: &str) -> StorageResult<BodyKind> {
    BodyKind::parse(stored).ok_or_else(|| StorageError::Corrupt(format!("body kind {stored}")))
}

fn role(stored: &str) -> StorageResult<Role> {
    Role::parse(stored).ok_or_else(|| StorageError::Corrupt(format!("role {stored}")))
}

/// Writes a history entry inside the caller's transaction.
macro_rules! insert_change {
    ($tx:expr, $service_id:expr, $actor:expr, $action:expr, $changes:expr, $at:expr) => {
        sqlx::query(
            "INSERT INTO service_changes (service_id, staff_id, actor, action, changes, at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind($service_id)
        .bind($actor.staff_id)
        .bind($actor.name.as_str())
        .bind($action.as_str())
        .bind(to_json(&$changes)?)
        .bind($at)
        .execute(&mut *$tx)
        .await?
    };
}

macro_rules! store_methods {
    ($store:ident, $row:ty, $backend:expr, $migrations:literal, begin_write = $begin:literal, lock = $lock:literal, lock_rows = $lock_rows:literal, time = $time:path) => {
        impl $store {
            fn body_from_row(row: &$row) -> StorageResult<Body> {
                Ok(Body {
                    slug: row.try_get("slug")?,
                    name: row.try_get("name")?,
                    kind: body_kind(row.try_get("kind")?)?,
                    website: row.try_get("website")?,
                    created_at: row.try_get("created_at")?,
                })
            }

            fn service_from_row(row: &$row) -> StorageResult<Service> {
                let level: i32 = row.try_get("inclusion_level")?;
                let status: String = row.try_get("status")?;
                Ok(Service {
                    body: row.try_get("body_slug")?,
                    slug: row.try_get("slug")?,
                    code: row.try_get("code")?,
                    name: row.try_get("name")?,
                    description: row.try_get("description")?,
                    keywords: from_json(row.try_get("keywords")?, "keywords")?,
                    channels: from_json::<Vec<Channel>>(row.try_get("channels")?, "channels")?,
                    digital_inclusion_level: DigitalInclusionLevel::new(i64::from(level))
                        .ok_or_else(|| StorageError::Corrupt(format!("inclusion level {level}")))?,
                    status: ServiceStatus::parse(&status)
                        .ok_or_else(|| StorageError::Corrupt(format!("status {status}")))?,
                    accepts_requests: row.try_get("accepts_requests")?,
                    request_type: RequestType::parse(row.try_get("request_type")?)
                        .ok_or_else(|| StorageError::Corrupt("request type".into()))?,
                    group: row.try_get("request_group")?,
                    target_days: row
                        .try_get::<Option<i32>, _>("target_days")?
                        .and_then(|d| u32::try_from(d).ok()),
                    attributes: from_json(row.try_get("attributes")?, "attributes")?,
                    created_at: row.try_get("created_at")?,
                    updated_at: row.try_get("updated_at")?,
                })
            }

            fn staff_from_row(row: &$row) -> StorageResult<Staff> {
                Ok(Staff {
                    id: row.try_get("id")?,
                    body: row.try_get("body_slug")?,
                    email: row.try_get("email")?,
                    name: row.try_get("name")?,
                    role: role(row.try_get("role")?)?,
                })
            }
        }

        #[async_trait]
        impl Store for $store {
            fn backend(&self) -> Backend {
                $backend
            }

            async fn migrate(&self) -> StorageResult<()> {
                sqlx::migrate!($migrations).run(&self.pool).await?;
                self.finish_pending_rebuilds().await
            }

            async fn ping(&self) -> StorageResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn create_body(&self, draft: &BodyDraft) -> StorageResult<Body> {
                let created_at = now();
                let mut tx = self.writer().begin_with($begin).await?;
                sqlx::query(
                    "INSERT INTO bodies (slug, name, kind, website, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&draft.slug)
                .bind(&draft.name)
                .bind(draft.kind.as_str())
                .bind(&draft.website)
                .bind($time(created_at))
                .execute(&mut *tx)
                .await?;
                let entry = NewEntry {
                    key: draft.slug.clone(),
                    item: organisation_item(&draft.slug, &draft.name, draft.kind, draft.website.as_deref()),
                };
                crate::registers::append_on::<<$row as sqlx::Row>::Database>(&mut tx, "organisations", &[entry]).await?;
                tx.commit().await?;
                let body = Body {
                    slug: draft.slug.clone(),
                    name: draft.name.clone(),
                    kind: draft.kind,
                    website: draft.website.clone(),
                    created_at,
                };
                // Listed straight away; `civic serve` lists them again at start should this
                // step ever be interrupted.
                crate::CatalogueStore::publish_own_datasets(
                    self,
                    &body.slug,
                    &civic_domain::catalogue::own_datasets(&body),
                )
                .await?;
                Ok(body)
            }

            async fn list_bodies(&self) -> StorageResult<Vec<Body>> {
                let rows = sqlx::query(
                    "SELECT slug, name, kind, website, created_at FROM bodies ORDER BY name, slug",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(Self::body_from_row).collect()
            }

            async fn get_body(&self, slug: &str) -> StorageResult<Option<Body>> {
                let row = sqlx::query(
                    "SELECT slug, name, kind, website, created_at FROM bodies WHERE slug = $1",
                )
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(Self::body_from_row).transpose()
            }

            async fn create_services(
                &self,
                body: &str,
                drafts: &[ServiceDraft],
                actor: &Actor,
            ) -> StorageResult<Vec<Service>> {
                let mut tx = self.writer().begin_with($begin).await?;
                let body_id: i64 = sqlx::query("SELECT id FROM bodies WHERE slug = $1")
                    .bind(body)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(StorageError::NotFound)?
                    .try_get(0)?;
                let at = now();
                let mut created = Vec::with_capacity(drafts.len());
                let mut register_entries = Vec::with_capacity(drafts.len());
                for draft in drafts {
                    let mut base = slugify(&draft.name);
                    if base.len() < 2 {
                        base = "service".to_string();
                    }
                    let mut slug = base.clone();
                    let mut n = 1;
                    while sqlx::query("SELECT 1 FROM services WHERE body_id = $1 AND slug = $2")
                        .bind(body_id)
                        .bind(&slug)
                        .fetch_optional(&mut *tx)
                        .await?
                        .is_some()
                    {
                        n += 1;
                        slug = format!("{base}-{n}");
                    }
                    let service_id: i64 = sqlx::query(
                        "INSERT INTO services (body_id, slug, code, name, description, keywords, \
                         channels, inclusion_level, status, search_text, created_at, updated_at, \
                         accepts_requests, request_type, request_group, target_days, attributes) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $10, $10, \
                         $11, $12, $13, $14, $15) RETURNING id",
                    )
                    .bind(body_id)
                    .bind(&slug)
                    .bind(&draft.code)
                    .bind(&draft.name)
                    .bind(&draft.description)
                    .bind(to_json(&draft.keywords)?)
                    .bind(to_json(&draft.channels)?)
                    .bind(i32::from(draft.digital_inclusion_level.number()))
                    .bind(search_text(draft))
                    .bind($time(at))
                    .bind(draft.accepts_requests)
                    .bind(draft.request_type.as_str())
                    .bind(&draft.group)
                    .bind(draft.target_days.and_then(|d| i32::try_from(d).ok()))
                    .bind(to_json(&draft.attributes)?)
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get(0)?;
                    insert_change!(
                        tx,
                        service_id,
                        actor,
                        ServiceChangeAction::Created,
                        draft.as_creation(), $time(at));
                    register_entries.push(NewEntry {
                        key: service_key(body, &slug),
                        item: service_item(body, &slug, draft, ServiceStatus::Active),
                    });
                    created.push(service_from_draft(body, slug, draft, ServiceStatus::Active, at, at));
                }
                crate::registers::append_on::<<$row as sqlx::Row>::Database>(&mut tx, "services", &register_entries).await?;
                tx.commit().await?;
                Ok(created)
            }

            async fn update_service(
                &self,
                body: &str,
                slug: &str,
                draft: &ServiceDraft,
                actor: &Actor,
            ) -> StorageResult<Service> {
                let mut tx = self.writer().begin_with($begin).await?;
                let row = sqlx::query(concat!(
                    service_select!(),
                    "WHERE b.slug = $1 AND s.slug = $2",
                    $lock
                ))
                .bind(body)
                .bind(slug)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StorageError::NotFound)?;
                let service_id: i64 = row.try_get("id")?;
                let before = Self::service_from_row(&row)?;
                let changes = draft.changes_from(&before.to_draft());
                if changes.is_empty() {
                    return Ok(before);
                }
                let at = now();
                sqlx::query(
                    "UPDATE services SET code = $1, name = $2, description = $3, keywords = $4, \
                     channels = $5, inclusion_level = $6, search_text = $7, updated_at = $8, \
                     accepts_requests = $10, request_type = $11, request_group = $12, \
                     target_days = $13, attributes = $14 WHERE id = $9",
                )
                .bind(&draft.code)
                .bind(&draft.name)
                .bind(&draft.description)
                .bind(to_json(&draft.keywords)?)
                .bind(to_json(&draft.channels)?)
                .bind(i32::from(draft.digital_inclusion_level.number()))
                .bind(search_text(draft))
                .bind($time(at))
                .bind(service_id)
                .bind(draft.accepts_requests)
                .bind(draft.request_type.as_str())
                .bind(&draft.group)
                .bind(draft.target_days.and_then(|d| i32::try_from(d).ok()))
                .bind(to_json(&draft.attributes)?)
                .execute(&mut *tx)
                .await?;
                if draft.code != before.code {
                    // Exact times are kept by code, so the service's move from each row's
                    // code's runs to the new code's, as every other measure follows it. The
                    // rows are locked first, as every other writer of them locks them before
                    // it locks runs, and so none changes between this read and the update.
                    let new_code = if draft.code.is_empty() { slug } else { draft.code.as_str() };
                    let mut times = TimeChanges::new();
                    let mut rows = sqlx::query(concat!(
                        "SELECT service_code, outcome_month, duration_s FROM transactions \
                         WHERE service_id = $1 AND duration_s IS NOT NULL AND outcome_month IS NOT NULL",
                        $lock_rows
                    ))
                    .bind(service_id)
                    .fetch(&mut *tx);
                    while let Some(row) = rows.try_next().await? {
                        let code: String = row.try_get(0)?;
                        let (month, seconds): (i32, i64) = (row.try_get(1)?, row.try_get(2)?);
                        if code != new_code {
                            add_time(&mut times, &code, month, seconds, -1);
                            add_time(&mut times, new_code, month, seconds, 1);
                        }
                    }
                    drop(rows);
                    Self::apply_times(&mut *tx, times).await?;
                    sqlx::query(
                        "UPDATE transactions SET service_code = \
                         CASE WHEN $1 = '' THEN $2 ELSE $1 END WHERE service_id = $3",
                    )
                    .bind(&draft.code)
                    .bind(slug)
                    .bind(service_id)
                    .execute(&mut *tx)
                    .await?;
                }
                let entry = NewEntry {
                    key: service_key(body, slug),
                    item: service_item(body, slug, draft, before.status),
                };
                crate::registers::append_on::<<$row as sqlx::Row>::Database>(&mut tx, "services", &[entry]).await?;
                insert_change!(
                    tx,
                    service_id,
                    actor,
                    ServiceChangeAction::Updated,
                    changes, $time(at));
                tx.commit().await?;
                Ok(service_from_draft(
                    body,
                    before.slug,
                    draft,
                    before.status,
                    before.created_at,
                    at,
                ))
            }

            async fn set_service_status(
                &self,
                body: &str,
                slug: &str,
                status: ServiceStatus,
                actor: &Actor,
            ) -> StorageResult<Service> {
                let mut tx = self.writer().begin_with($begin).await?;
                let row = sqlx::query(concat!(
                    service_select!(),
                    "WHERE b.slug = $1 AND s.slug = $2",
                    $lock
                ))
                .bind(body)
                .bind(slug)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StorageError::NotFound)?;
                let service_id: i64 = row.try_get("id")?;
                let before = Self::service_from_row(&row)?;
                if before.status == status {
                    return Ok(before);
                }
                let at = now();
                sqlx::query("UPDATE services SET status = $1, updated_at = $2 WHERE id = $3")
                    .bind(status.as_str())
                    .bind($time(at))
                    .bind(service_id)
                    .execute(&mut *tx)
                    .await?;
                let action = match status {
                    ServiceStatus::Retired => ServiceChangeAction::Retired,
                    ServiceStatus::Active => ServiceChangeAction::Restored,
                };
                let changes = [FieldChange {
                    field: "status".into(),
                    from: before.status.as_str().into(),
                    to: status.as_str().into(),
                }];
                let entry = NewEntry {
                    key: service_key(body, slug),
                    item: service_item(body, slug, &before.to_draft(), status),
                };
                crate::registers::append_on::<<$row as sqlx::Row>::Database>(&mut tx, "services", &[entry]).await?;
                insert_change!(tx, service_id, actor, action, changes, $time(at));
                tx.commit().await?;
                Ok(Service {
                    status,
                    updated_at: at,
                    ..before
                })
            }

            async fn get_service(&self, body: &str, slug: &str) -> StorageResult<Option<Service>> {
                let row = sqlx::query(concat!(
                    service_select!(),
                    "WHERE b.slug = $1 AND s.slug = $2"
                ))
                .bind(body)
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(Self::service_from_row).transpose()
            }

            async fn list_services(&self, query: &ServiceQuery) -> StorageResult<ServicePage> {
                let [p1, p2, p3, p4] = search_patterns(query.text.as_deref());
                let limit = query.limit.unwrap_or(i64::MAX).max(0);
                let offset = query.offset.max(0);
                let rows = match &query.body {
                    Some(body) => {
                        sqlx::query(concat!(
                            service_select!(),
                            "WHERE b.slug = $1 AND",
                            service_filter!(),
                            "ORDER BY s.name, s.id LIMIT $7 OFFSET $8"
                        ))
                        .bind(body)
                        .bind(query.include_retired)
                        .bind(p1)
                        .bind(p2)
                        .bind(p3)
                        .bind(p4)
                        .bind(limit)
                        .bind(offset)
                        .fetch_all(&self.pool)
                        .await?
                    }
                    None => {
                        sqlx::query(concat!(
                            service_select!(),
                            "WHERE $1 = $1 AND",
                            service_filter!(),
                            "ORDER BY b.name, b.slug, s.name, s.id LIMIT $7 OFFSET $8"
                        ))
                        .bind(1_i64)
                        .bind(query.include_retired)
                        .bind(p1)
                        .bind(p2)
                        .bind(p3)
                        .bind(p4)
                        .bind(limit)
                        .bind(offset)
                        .fetch_all(&self.pool)
                        .await?
                    }
                };
                let services = rows
                    .iter()
                    .map(Self::service_from_row)
                    .collect::<StorageResult<Vec<_>>>()?;
                let returned = i64::try_from(services.len()).unwrap_or(i64::MAX);
                let total = if offset == 0 && returned < limit {
                    returned
                } else {
                    self.count_services(query).await?
                };
                Ok(ServicePage { services, total })
            }

            async fn service_history(
                &self,
                body: &str,
                slug: &str,
            ) -> StorageResult<Vec<ServiceChange>> {
                let rows = sqlx::query(
                    "SELECT c.actor, c.action, c.changes, c.at FROM service_changes c \
                     JOIN services s ON s.id = c.service_id JOIN bodies b ON b.id = s.body_id \
                     WHERE b.slug = $1 AND s.slug = $2 ORDER BY c.id DESC",
                )
                .bind(body)
                .bind(slug)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        let action: String = row.try_get("action")?;
                        Ok(ServiceChange {
                            actor: row.try_get("actor")?,
                            action: ServiceChangeAction::parse(&action).ok_or_else(|| {
                                StorageError::Corrupt(format!("change action {action}"))
                            })?,
                            changes: from_json(row.try_get("changes")?, "changes")?,
                            at: row.try_get("at")?,
                        })
                    })
                    .collect()
            }

            async fn create_staff(
                &self,
                body: Option<&str>,
                draft: &StaffDraft,
                password_hash: &str,
                role: Role,
            ) -> StorageResult<Staff> {
                let mut tx = self.writer().begin_with($begin).await?;
                let body_id: Option<i64> = match body {
                    Some(slug) => Some(
                        sqlx::query("SELECT id FROM bodies WHERE slug = $1")
                            .bind(slug)
                            .fetch_optional(&mut *tx)
                            .await?
                            .ok_or(StorageError::NotFound)?
                            .try_get(0)?,
                    ),
                    None => None,
                };
                let id: i64 = sqlx::query(
                    "INSERT INTO staff (body_id, email, name, password_hash, role, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(body_id)
                .bind(draft.email.to_lowercase())
                .bind(&draft.name)
                .bind(password_hash)
                .bind(role.as_str())
                .bind($time(now()))
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
                tx.commit().await?;
                Ok(Staff {
                    id,
                    body: body.map(str::to_string),
                    email: draft.email.to_lowercase(),
                    name: draft.name.clone(),
                    role,
                })
            }

            async fn staff_credentials(
                &self,
                email: &str,
            ) -> StorageResult<Option<StaffCredentials>> {
                let row = sqlx::query(
                    "SELECT st.id, b.slug AS body_slug, st.email, st.name, st.role, st.password_hash \
                     FROM staff st LEFT JOIN bodies b ON b.id = st.body_id WHERE st.email = $1",
                )
                .bind(email.trim().to_lowercase())
                .fetch_optional(&self.pool)
                .await?;
                match row {
                    Some(row) => Ok(Some(StaffCredentials {
                        staff: Self::staff_from_row(&row)?,
                        password_hash: row.try_get("password_hash")?,
                    })),
                    None => Ok(None),
                }
            }

            async fn list_staff(&self, body: &str) -> StorageResult<Vec<Staff>> {
                let rows = sqlx::query(
                    "SELECT st.id, b.slug AS body_slug, st.email, st.name, st.role \
                     FROM staff st JOIN bodies b ON b.id = st.body_id \
                     WHERE b.slug = $1 ORDER BY st.name, st.id",
                )
                .bind(body)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(Self::staff_from_row).collect()
            }

            async fn set_password_hash(
                &self,
                staff_id: i64,
                password_hash: &str,
                keep_session: Option<&str>,
            ) -> StorageResult<()> {
                let mut tx = self.writer().begin_with($begin).await?;
                let done = sqlx::query("UPDATE staff SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(staff_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if done != 1 {
                    return Err(StorageError::NotFound);
                }
                sqlx::query("DELETE FROM sessions WHERE staff_id = $1 AND token_hash <> $2")
                    .bind(staff_id)
                    .bind(keep_session.unwrap_or(""))
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn create_session(
                &self,
                token_hash: &str,
                staff_id: i64,
                expires_at: OffsetDateTime,
            ) -> StorageResult<()> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(staff_id)
                .bind($time(now()))
                .bind($time(expires_at))
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn session_staff(
                &self,
                token_hash: &str,
                now: OffsetDateTime,
            ) -> StorageResult<Option<Staff>> {
                let row = sqlx::query(
                    "SELECT st.id, b.slug AS body_slug, st.email, st.name, st.role \
                     FROM sessions se JOIN staff st ON st.id = se.staff_id \
                     LEFT JOIN bodies b ON b.id = st.body_id \
                     WHERE se.token_hash = $1 AND se.expires_at > $2",
                )
                .bind(token_hash)
                .bind($time(now))
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(Self::staff_from_row).transpose()
            }

            async fn delete_session(&self, token_hash: &str) -> StorageResult<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }
        }

        impl $store {
            async fn count_services(&self, query: &ServiceQuery) -> StorageResult<i64> {
                let [p1, p2, p3, p4] = search_patterns(query.text.as_deref());
                let row = sqlx::query(concat!(
                    "SELECT COUNT(*) FROM services s JOIN bodies b ON b.id = s.body_id \
                     WHERE ($1 = '' OR b.slug = $1) AND",
                    service_filter!()
                ))
                .bind(query.body.as_deref().unwrap_or(""))
                .bind(query.include_retired)
                .bind(p1)
                .bind(p2)
                .bind(p3)
                .bind(p4)
                .fetch_one(&self.pool)
                .await?;
                Ok(row.try_get(0)?)
            }
        }
    };
}

store_methods!(
    SqliteStore,
    sqlx::sqlite::SqliteRow,
    Backend::Sqlite,
    "./migrations/sqlite",
    // IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
    // instead of one failing when it upgrades from a read.
    begin_write = "BEGIN IMMEDIATE",
    lock = "",
    lock_rows = "",
    time = sqlite_time
);

store_methods!(
    PostgresStore,
    sqlx::postgres::PgRow,
    Backend::Postgres,
    "./migrations/postgres",
    begin_write = "BEGIN",
    lock = " FOR UPDATE OF s",
    lock_rows = " FOR UPDATE",
    time = postgres_time
);

#[cfg(test)]
mod tests {
    use super::search_patterns;

    #[test]
    fn search_terms_become_escaped_patterns() {
        let [a, b, c, d] = search_patterns(Some("Bin 100% a_b x y"));
        assert_eq!(a, "%bin%");
        assert_eq!(b, "%100\\%%");
        assert_eq!(c, "%a\\_b%");
        assert_eq!(d, "%x%y%");
        assert_eq!(
            search_patterns(None),
            ["%", "%", "%", "%"].map(String::from)
        );
    }
}
