//! The SQLite and PostgreSQL stores: their pools, and how each engine is opened. What they
//! do is written once, over `crate::dialect::Dialect`.

use crate::StorageResult;
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
    /// Running sums of services' places, per scope.
    place_indexes: crate::place_index::PlaceIndexes,
    /// The national list's order.
    service_orders: crate::place_index::ServiceOrders,
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
            .busy_timeout(Duration::from_secs(10))
            // Welsh A–Z order (digraphs as single letters), as PostgreSQL's ICU "cy-x-icu".
            .collation("welsh", civic_domain::collation::welsh_cmp);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.clone())
            .await?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            // The one writer's page cache (8 MB): at 64 MB it filled at start-up with pages
            // it only read (60 MB of a hub's 96 MB before its first request), while neither
            // ingest (77,000 events/s) nor an address import ran any faster than at 8 MB.
            .connect_with(
                options
                    .pragma("cache_size", "-8192")
                    .pragma("wal_autocheckpoint", "16384")
                    // A multi-row statement that may fail part-way keeps the pages it changes
                    // in a statement journal; in memory that is a copy, on disk a write each.
                    .pragma("temp_store", "memory")
                    // Room for every shape `shaped_chunks` gives each multi-row statement.
                    .statement_cache_capacity(256),
            )
            .await?;
        Ok(SqliteStore {
            pool,
            writer,
            place_indexes: Default::default(),
            service_orders: Default::default(),
        })
    }

    /// The pool write transactions use.
    pub fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    /// Running sums of services' places, per scope.
    pub(crate) fn place_indexes(&self) -> &crate::place_index::PlaceIndexes {
        &self.place_indexes
    }

    /// The national list's order.
    pub(crate) fn service_orders(&self) -> &crate::place_index::ServiceOrders {
        &self.service_orders
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
    /// Running sums of services' places, per scope.
    place_indexes: crate::place_index::PlaceIndexes,
    /// The national list's order.
    service_orders: crate::place_index::ServiceOrders,
}

impl PostgresStore {
    /// Connects to the server named by a `postgres://` URL.
    pub async fn open(url: &str) -> StorageResult<Self> {
        // JIT compilation pays off for long analytic scans, never for Civic's short queries:
        // on the hub's catalogue page (cost estimates in the hundreds of thousands from its
        // correlated look-ups) it spent 230 ms compiling a query that ran in 10 ms.
        let options = PgConnectOptions::from_str(url)?.options([("jit", "off")]);
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(PostgresStore {
            pool,
            place_indexes: Default::default(),
            service_orders: Default::default(),
        })
    }

    /// Running sums of services' places, per scope.
    pub(crate) fn place_indexes(&self) -> &crate::place_index::PlaceIndexes {
        &self.place_indexes
    }

    /// The national list's order.
    pub(crate) fn service_orders(&self) -> &crate::place_index::ServiceOrders {
        &self.service_orders
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

/// Current time in UTC, truncated to microseconds so SQLite text and PostgreSQL
/// `timestamptz` round-trip to the same value.
pub(crate) fn now() -> OffsetDateTime {
    to_micros(OffsetDateTime::now_utc())
}

/// An instant in UTC at microsecond precision, the finest both databases keep.
pub(crate) fn to_micros(t: OffsetDateTime) -> OffsetDateTime {
    let t = t.to_offset(time::UtcOffset::UTC);
    t.replace_nanosecond(t.nanosecond() / 1000 * 1000)
        .unwrap_or(t)
}
