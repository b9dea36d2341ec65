//! The email outbox worker: claims due messages, renders each from current data, sends it
//! and records failures for retry; it also works through batch (token) submissions.

use crate::AppState;
use civic_storage::OutboxItem;
use std::time::Duration;
use time::OffsetDateTime;

/// A rendered email.
struct Email {
    subject: String,
    body: String,
}

/// Why a queued message could not be rendered.
enum RenderError {
    /// The thing it was about is gone or no longer public; drop the message.
    Obsolete(String),
    /// Try again later (the database failed).
    Retry(String),
}

async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let base = state.config.base_url.trim_end_matches('/');
    let retry = |e: civic_storage::StorageError| RenderError::Retry(e.to_string());
    let request = match item.request_id {
        Some(id) => state.store.get_request(id).await.map_err(retry)?,
        None => None,
    };
    let token = item.payload["token"].as_str().unwrap_or_default();
    match (item.kind.as_str(), request) {
        ("confirm_report", Some(r)) => Ok(Email {
            subject: format!(
                "Confirm your report: {} (reference {})",
                r.service_name, r.id
            ),
            body: format!(
                "Thank you for your report to us.\n\n{}\nReference: {}\n\nTo send it, confirm your email address by opening this link:\n{base}/requests/confirm/{token}\n\nIf you did not make this report, ignore this email and it will not be sent.\n",
                r.service_name, r.id
            ),
        }),
        ("confirm_subscription", Some(r)) => Ok(Email {
            subject: format!("Confirm you want updates on request {}", r.id),
            body: format!(
                "Someone asked for updates on request {} ({}) to be sent to this address.\n\nTo start getting them, open this link:\n{base}/subscriptions/confirm/{token}\n\nIf it was not you, ignore this email.\n",
                r.id, r.service_name
            ),
        }),
        ("request_update", Some(r)) => {
            if !r.is_public() {
                return Err(RenderError::Obsolete(format!(
                    "request {} is no longer public",
                    r.id
                )));
            }
            let update_id = item.payload["update_id"].as_i64().unwrap_or_default();
            let updates = state
                .store
                .request_updates(r.id, false)
                .await
                .map_err(retry)?;
            let Some(update) = updates.into_iter().find(|u| u.id == update_id) else {
                return Err(RenderError::Obsolete(format!(
                    "update {update_id} not found"
                )));
            };
            let unsubscribe = state
                .store
                .subscription_token(r.id, &item.recipient)
                .await
                .map_err(retry)?
                .ok_or_else(|| RenderError::Obsolete("no longer subscribed".into()))?;
            let said = if update.description.trim().is_empty() {
                String::new()
            } else {
                format!("\n{}\n", update.description.trim())
            };
            Ok(Email {
                subject: format!("Update on request {}: {}", r.id, update.status.label()),
                body: format!(
                    "Request {} ({}) is now: {}.\n{said}\nSee the whole history:\n{base}/requests/{}\n\nStop getting these emails:\n{base}/subscriptions/unsubscribe/{unsubscribe}\n",
                    r.id,
                    r.service_name,
                    update.status.label(),
                    r.id
                ),
            })
        }
        ("satisfaction_survey", Some(r)) => Ok(Email {
            subject: format!("How did we do? Request {} ({})", r.id, r.service_name),
            body: format!(
                "Your request {} ({}) is now: {}.\n\nWe would like to know how satisfied you are with how it was handled. It is one question and takes a few seconds:\n{base}/survey/{token}\n\nYour answer is counted in the service's published performance figures. It is never shown with your name or your request.\n",
                r.id,
                r.service_name,
                r.status.label()
            ),
        }),
        ("confirm_data_request", _) => Ok(Email {
            subject: format!(
                "Confirm your request for data: {}",
                item.payload["title"].as_str().unwrap_or_default()
            ),
            body: format!(
                "You asked {} for data: {}\n\nTo publish your request, confirm your email address by opening this link:\n{base}/data-requests/confirm/{token}\n\nYour email address is never published. We will tell you when the body answers.\nIf you did not ask for this, ignore this email and nothing will be published.\n",
                item.payload["body"].as_str().unwrap_or_default(),
                item.payload["title"].as_str().unwrap_or_default()
            ),
        }),
        ("confirm_data_request_support", _) => Ok(Email {
            subject: format!(
                "Confirm your support: {}",
                item.payload["title"].as_str().unwrap_or_default()
            ),
            body: format!(
                "Someone asked to add this address's support to the request for data \"{}\".\n\nTo count your support, open this link:\n{base}/data-requests/support/{token}\n\nYour address is never published. If it was not you, ignore this email.\n",
                item.payload["title"].as_str().unwrap_or_default()
            ),
        }),
        ("data_request_answered", _) => {
            let id = item.payload["id"].as_i64().unwrap_or_default();
            let request = state
                .store
                .data_request(id)
                .await
                .map_err(retry)?
                .ok_or_else(|| RenderError::Obsolete(format!("data request {id} not found")))?;
            let detail = match (request.promised_on, &request.dataset) {
                (Some(date), _) => format!("The data will be published by {date}."),
                (_, Some(dataset)) => format!("The data is published:\n{base}/datasets/{dataset}"),
                _ => String::new(),
            };
            Ok(Email {
                subject: format!("Your request for data: {}", request.status.label()),
                body: format!(
                    "{} has answered your request for data \"{}\": {}.\n{detail}\n{}\n\nSee the request:\n{base}/data-requests/{id}\n",
                    request.body_name,
                    request.title,
                    request.status.label(),
                    request.answer
                ),
            })
        }
        (kind, _) => Err(RenderError::Obsolete(format!(
            "cannot render '{kind}' message"
        ))),
    }
}

/// Delay before the next attempt after `attempts` failures: 30 s doubling, at most 6 hours.
pub fn backoff(attempts: i32) -> time::Duration {
    let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let seconds = 30_i64.saturating_mul(1_i64 << exponent).min(6 * 60 * 60);
    time::Duration::seconds(seconds)
}

/// Processes batch submissions and sends due email once; returns how many were sent.
pub async fn run_once(state: &AppState) -> Result<usize, civic_storage::StorageError> {
    let processed = state.store.process_batch().await?;
    if !processed.is_empty() {
        tracing::info!(count = processed.len(), "batch requests processed");
    }
    let now = OffsetDateTime::now_utc();
    let items = state
        .store
        .claim_outbox(now, now + time::Duration::minutes(10), 20)
        .await?;
    let mut sent = 0;
    for item in items {
        match render(state, &item).await {
            Ok(email) => match state
                .mailer
                .send(&item.recipient, &email.subject, email.body)
                .await
            {
                Ok(()) => {
                    state
                        .store
                        .outbox_sent(item.id, OffsetDateTime::now_utc())
                        .await?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(id = item.id, attempts = item.attempts, %error, "email not sent; will retry");
                    let retry = OffsetDateTime::now_utc() + backoff(item.attempts);
                    state.store.outbox_failed(item.id, &error, retry).await?;
                }
            },
            Err(RenderError::Obsolete(why)) => {
                tracing::info!(id = item.id, why, "queued email dropped");
                state
                    .store
                    .outbox_sent(item.id, OffsetDateTime::now_utc())
                    .await?;
            }
            Err(RenderError::Retry(error)) => {
                let retry = OffsetDateTime::now_utc() + backoff(item.attempts);
                state.store.outbox_failed(item.id, &error, retry).await?;
            }
        }
    }
    Ok(sent)
}

/// Runs the worker every `interval` until `stop` fires.
pub async fn work(
    state: AppState,
    interval: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        if let Err(e) = run_once(&state).await {
            tracing::warn!(error = %e, "outbox worker pass failed; will retry");
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.changed() => return,
        }
    }
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
