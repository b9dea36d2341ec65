//! Background workers (the email outbox, webhook deliveries): a pass run every interval
//! until shutdown, a failed pass logged and tried again next time.

use std::future::Future;
use std::time::Duration;

/// Runs `pass` every `interval` until `stop` fires, and again at once when it says more
/// work is waiting (`Ok(true)`); `what` names the worker in logs.
pub async fn every<F, Fut, E>(
    what: &'static str,
    interval: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
    mut pass: F,
) where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<bool, E>>,
    E: std::fmt::Display,
{
    loop {
        match pass().await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, worker = what, "worker pass failed; will retry"),
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.changed() => return,
        }
    }
}
