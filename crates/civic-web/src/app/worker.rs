//! Background workers (the email outbox, webhook deliveries): a pass run every interval
//! until shutdown, a failed pass logged and tried again next time.

use std::future::Future;
use std::time::Duration;

/// Runs `pass` every `interval` until `stop` fires; `what` names the worker in logs.
pub async fn every<F, Fut, T, E>(
    what: &'static str,
    interval: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
    mut pass: F,
) where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: std::fmt::Display,
{
    loop {
        if let Err(e) = pass().await {
            tracing::warn!(error = %e, worker = what, "worker pass failed; will retry");
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.changed() => return,
        }
    }
}
