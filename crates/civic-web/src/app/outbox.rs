//! The email outbox worker: claims due messages, renders each from current data, sends it
//! and records failures for retry; it also works through batch (token) submissions.

use crate::app::i18n;
use crate::app::i18n::Lang;
use crate::app::mail::{Email, RenderError};
use crate::{AppState, accounts, performance, requests, stewardship};
use civic_storage::OutboxItem;
use std::time::Duration;
use time::OffsetDateTime;

/// Renders a queued message from current data, by the feature that owns its kind, in the
/// language its recipient asked to be written to in (English when they never said).
async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    // A message may name its language (staff asking for a password reset, in the
    // language of the page they asked on); else the recipient's recorded choice.
    let named = item
        .payload
        .get("lang")
        .and_then(|v| v.as_str())
        .and_then(Lang::from_code);
    let lang = match named {
        Some(lang) => lang,
        None => state
            .store
            .correspondence_language(&item.recipient)
            .await
            .map_err(|e| RenderError::Retry(e.to_string()))?
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default(),
    };
    let address = i18n::PageAddress {
        lang,
        ..Default::default()
    };
    i18n::scope(address, render_in_language(state, item)).await
}

async fn render_in_language(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let kind = item.kind.as_str();
    if accounts::emails::KINDS.contains(&kind) {
        accounts::emails::render(state, item).await
    } else if requests::emails::KINDS.contains(&kind) {
        requests::emails::render(state, item).await
    } else if performance::emails::KINDS.contains(&kind) {
        performance::emails::render(state, item).await
    } else if stewardship::emails::KINDS.contains(&kind) {
        stewardship::emails::render(state, item).await
    } else {
        Err(RenderError::Obsolete(format!(
            "cannot render '{kind}' message"
        )))
    }
}

/// Attempts before a message that keeps failing is set aside for an administrator: with
/// the back-off below, about eight and a half hours of trying.
pub const MAX_ATTEMPTS: i32 = 10;

/// Delay before the next attempt after `attempts` failures: 30 s doubling, at most 6 hours.
pub fn backoff(attempts: i32) -> time::Duration {
    let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let seconds = 30_i64.saturating_mul(1_i64 << exponent).min(6 * 60 * 60);
    time::Duration::seconds(seconds)
}

/// Processes batch submissions and sends due email once; returns how many were sent.
pub async fn run_once(state: &AppState) -> Result<usize, civic_storage::StorageError> {
    // A failing batch pass is logged and retried next time; it never holds up the email.
    match state.store.process_batch().await {
        Ok(processed) if !processed.is_empty() => {
            tracing::info!(count = processed.len(), "batch requests processed");
        }
        Ok(_) => {}
        Err(error) => tracing::error!(%error, "batch requests not processed; will retry"),
    }
    let now = OffsetDateTime::now_utc();
    let items = state
        .store
        .claim_outbox(now, now + time::Duration::minutes(10), 20)
        .await?;
    let mut sent = 0;
    for item in items {
        match render(state, &item).await {
            Ok(email) => match state.mailer.send(&item.recipient, email).await {
                Ok(()) => {
                    state
                        .store
                        .outbox_sent(item.id, OffsetDateTime::now_utc())
                        .await?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(id = item.id, attempts = item.attempts, %error, "email not sent");
                    failed(state, &item, &error).await?;
                }
            },
            Err(RenderError::Undecodable(why)) => {
                tracing::error!(id = item.id, why, "queued email cannot be read; set aside");
                state
                    .store
                    .outbox_set_aside(
                        item.id,
                        &format!("The message cannot be read: {why}"),
                        OffsetDateTime::now_utc(),
                    )
                    .await?;
            }
            Err(RenderError::Obsolete(why)) => {
                tracing::info!(id = item.id, why, "queued email dropped");
                state
                    .store
                    .outbox_sent(item.id, OffsetDateTime::now_utc())
                    .await?;
            }
            Err(RenderError::Retry(error)) => failed(state, &item, &error).await?,
        }
    }
    Ok(sent)
}

/// Schedules another attempt, or sets the message aside once it has had its last.
async fn failed(
    state: &AppState,
    item: &OutboxItem,
    error: &str,
) -> Result<(), civic_storage::StorageError> {
    let now = OffsetDateTime::now_utc();
    if item.attempts >= MAX_ATTEMPTS {
        tracing::error!(
            id = item.id,
            attempts = item.attempts,
            error,
            "email set aside after its last attempt"
        );
        state.store.outbox_set_aside(item.id, error, now).await
    } else {
        state
            .store
            .outbox_failed(item.id, error, now + backoff(item.attempts))
            .await
    }
}

/// Runs the worker every `interval` until `stop` fires.
pub async fn work(state: AppState, interval: Duration, stop: tokio::sync::watch::Receiver<bool>) {
    // Each pass sends at most a claim's worth and then waits, so email goes out at a
    // steady pace rather than in bursts a mail server may refuse.
    crate::app::worker::every("outbox", interval, stop, || async {
        run_once(&state).await.map(|_| false)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1).whole_seconds(), 30);
        assert_eq!(backoff(2).whole_seconds(), 60);
        assert_eq!(backoff(5).whole_seconds(), 480);
        assert_eq!(backoff(50).whole_seconds(), 6 * 60 * 60);
        assert_eq!(backoff(0).whole_seconds(), 30);
    }
}
