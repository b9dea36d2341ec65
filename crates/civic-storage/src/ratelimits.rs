//! Rate-limit counters kept in the database, so every process behind a load balancer counts
//! one client's submissions and sign-in attempts together.

use crate::StorageResult;
use crate::dialect::{Dialect, Engine, QueryExt, RowExt};
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

/// Fixed-window counters shared by every process of a deployment.
#[async_trait]
pub trait RateLimitStore {
    /// Counts one event for `key` in its current window of length `window` (a new window
    /// starts with the first event after the last one ended); `Ok(Err(seconds))` when the
    /// window already holds `limit` events, with the seconds until it ends.
    async fn count_event(
        &self,
        key: &str,
        limit: u32,
        window: Duration,
        now: OffsetDateTime,
    ) -> StorageResult<Result<(), u64>>;

    /// Counts one event for `key` in its current window of length `window`; returns the
    /// events the window now holds and the seconds until it ends, for callers that tell
    /// the client both (the `RateLimit` header).
    async fn count_hit(
        &self,
        key: &str,
        window: Duration,
        now: OffsetDateTime,
    ) -> StorageResult<(u64, u64)>;

    /// The events counted for `key` in its current window, without counting one; with the
    /// seconds until that window ends (`None` when no window is open).
    async fn window_hits(
        &self,
        key: &str,
        window: Duration,
        now: OffsetDateTime,
    ) -> StorageResult<(u64, Option<u64>)>;

    /// Forgets windows that started before `before`; returns how many.
    async fn prune_rate_limits(&self, before: OffsetDateTime) -> StorageResult<u64>;
}

// One statement, so two processes counting the same key at once cannot both start a
// window or lose a hit: the upsert takes the row's lock.
const COUNT: &str = "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
     ON CONFLICT (key) DO UPDATE SET \
     hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END, \
     window_start = CASE WHEN rate_limits.window_start <= $3 THEN excluded.window_start \
     ELSE rate_limits.window_start END \
     RETURNING hits, window_start";

fn millis(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

fn window_millis(window: Duration) -> i64 {
    i64::try_from(window.as_millis()).unwrap_or(i64::MAX)
}

/// Seconds from `now` until a window that started at `start` ends, at least one.
fn seconds_left(start: i64, window: i64, now: i64) -> u64 {
    let left = u64::try_from(start.saturating_add(window).saturating_sub(now)).unwrap_or(0);
    left.div_ceil(1000).max(1)
}

/// The verdict on a window holding `hits` that started at `start` (milliseconds).
fn verdict(hits: i64, start: i64, limit: u32, window: i64, now: i64) -> Result<(), u64> {
    if hits <= i64::from(limit) {
        Ok(())
    } else {
        Err(seconds_left(start, window, now))
    }
}

/// Counts a hit for `key` at `now` (milliseconds): the window's hits and start after it.
async fn count<S: Engine>(
    store: &S,
    key: &str,
    now: i64,
    window: i64,
) -> StorageResult<(i64, i64)> {
    let row = S::Db::query(COUNT)
        .arg(key)
        .arg(now)
        .arg(now.saturating_sub(window))
        .one(&mut *store.write_conn().await?)
        .await?;
    Ok((row.col("hits")?, row.col("window_start")?))
}

#[async_trait]
impl<S: Engine> RateLimitStore for S {
    async fn count_event(
        &self,
        key: &str,
        limit: u32,
        window: Duration,
        now: OffsetDateTime,
    ) -> StorageResult<Result<(), u64>> {
        let (hits, start) = count::<S>(self, key, millis(now), window_millis(window)).await?;
        Ok(verdict(
            hits,
            start,
            limit,
            window_millis(window),
            millis(now),
        ))
    }

    async fn count_hit(
        &self,
        key: &str,
        window: Duration,
        now: OffsetDateTime,
    ) -> StorageResult<(u64, u64)> {
        let (now, window) = (millis(now), window_millis(window));
        let (hits, start) = count::<S>(self, key, now, window).await?;
        Ok((
            u64::try_from(hits).unwrap_or(0),
            seconds_left(start, window, now),
        ))
    }

    async fn window_hits(
        &self,
        key: &str,
        window: Duration,
        now: OffsetDateTime,
    ) -> StorageResult<(u64, Option<u64>)> {
        let row = S::Db::query("SELECT hits, window_start FROM rate_limits WHERE key = $1")
            .arg(key)
            .optional(&mut *self.read_conn().await?)
            .await?;
        let (now, window) = (millis(now), window_millis(window));
        let Some(row) = row else {
            return Ok((0, None));
        };
        let (hits, start): (i64, i64) = (row.col("hits")?, row.col("window_start")?);
        if start <= now.saturating_sub(window) {
            return Ok((0, None));
        }
        Ok((
            u64::try_from(hits).unwrap_or(0),
            Some(seconds_left(start, window, now)),
        ))
    }

    async fn prune_rate_limits(&self, before: OffsetDateTime) -> StorageResult<u64> {
        S::Db::query("DELETE FROM rate_limits WHERE window_start < $1")
            .arg(millis(before))
            .run(&mut *self.write_conn().await?)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::verdict;

    #[test]
    fn a_full_window_says_how_long_is_left() {
        assert_eq!(verdict(3, 0, 3, 60_000, 10_000), Ok(()));
        assert_eq!(verdict(4, 0, 3, 60_000, 10_000), Err(50));
        assert_eq!(verdict(4, 0, 3, 60_000, 59_999), Err(1));
        assert_eq!(verdict(4, 0, 3, 60_000, 70_000), Err(1));
    }
}
