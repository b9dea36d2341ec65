//! Fixed-window rate limits for submissions and sign-in attempts, keyed by API key, email
//! address or account, so one client's flood cannot crowd out everyone else's. The counts
//! live in the database: every `civic serve` behind a load balancer counts together.

use crate::AppError;
use crate::app::auth::ClientAddress;
use civic_storage::{StorageError, Store};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use time::OffsetDateTime;

/// How many counts pass between sweeps of ended windows (each process sweeps its share).
const SWEEP_EVERY: u64 = 1000;

/// Allows `limit` events per key per window.
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    store: Arc<dyn Store>,
    counted: AtomicU64,
}

impl RateLimiter {
    /// A limiter allowing `limit` events per `window` for each key, counted in `store`.
    pub fn new(store: Arc<dyn Store>, limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit,
            window,
            store,
            counted: AtomicU64::new(0),
        }
    }

    /// Records an event for `key`: `Ok(Err(seconds to wait))` when over the limit.
    pub async fn count(&self, key: &str) -> Result<Result<(), u64>, StorageError> {
        let now = OffsetDateTime::now_utc();
        let verdict = self
            .store
            .count_event(key, self.limit, self.window, now)
            .await?;
        if self.counted.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            // Windows that ended long ago hold nothing a count needs.
            self.store.prune_rate_limits(now - self.window * 2).await?;
        }
        Ok(verdict)
    }

    /// Records an event for `key`; a plain-English 429 when over the limit.
    pub async fn check(&self, key: &str) -> Result<(), AppError> {
        self.count(key).await?.map_err(AppError::TooManyRequests)
    }

    /// Records a form that sends email to `email` from `client`: limited per address (no
    /// one's inbox can be flooded through us) and per client (nor everyone's from one place).
    pub async fn check_sender(&self, client: &ClientAddress, email: &str) -> Result<(), AppError> {
        self.check(&format!("email:{}", email.trim().to_lowercase()))
            .await?;
        self.check(&format!("sender:{}", client.0)).await
    }
}
