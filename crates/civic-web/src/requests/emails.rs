//! Emails about requests: confirming a report, confirming a subscription, and each public
//! update to subscribers.

use crate::AppState;
use crate::app::mail::{Email, RenderError, WithToken, payload};
use civic_domain::ServiceRequest;
use civic_storage::OutboxItem;
use serde::Deserialize;

/// The outbox message kinds this feature renders.
pub const KINDS: [&str; 3] = ["confirm_report", "confirm_subscription", "request_update"];

/// What a `request_update` message carries: the update to tell subscribers about.
#[derive(Debug, Deserialize)]
struct UpdatePayload {
    update_id: i64,
}

/// Renders a queued message of one of [`KINDS`] from current data.
pub async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let base = state.config.base_url.trim_end_matches('/');
    let retry = |e: civic_storage::StorageError| RenderError::Retry(e.to_string());
    let r = request_of(state, item).await?;
    match item.kind.as_str() {
        "confirm_report" => {
            let WithToken { token } = payload(item)?;
            Ok(Email {
                unsubscribe: None,
                subject: format!(
                    "Confirm your report: {} (reference {})",
                    r.service_name, r.id
                ),
                body: format!(
                    "Thank you for your report to us.\n\n{}\nReference: {}\n\nTo send it, confirm your email address by opening this link:\n{base}/requests/confirm/{token}\n\nIf you did not make this report, ignore this email and it will not be sent.\n",
                    r.service_name, r.id
                ),
            })
        }
        "confirm_subscription" => {
            let WithToken { token } = payload(item)?;
            Ok(Email {
                unsubscribe: None,
                subject: format!("Confirm you want updates on request {}", r.id),
                body: format!(
                    "Someone asked for updates on request {} ({}) to be sent to this address.\n\nTo start getting them, open this link:\n{base}/subscriptions/confirm/{token}\n\nIf it was not you, ignore this email.\n",
                    r.id, r.service_name
                ),
            })
        }
        "request_update" => {
            if !r.is_public() {
                return Err(RenderError::Obsolete(format!(
                    "request {} is no longer public",
                    r.id
                )));
            }
            let UpdatePayload { update_id } = payload(item)?;
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
                unsubscribe: Some(format!("{base}/subscriptions/unsubscribe/{unsubscribe}")),
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
        kind => Err(RenderError::Obsolete(format!(
            "cannot render '{kind}' message"
        ))),
    }
}

/// The request a queued message is about; obsolete when it has gone.
pub async fn request_of(
    state: &AppState,
    item: &OutboxItem,
) -> Result<ServiceRequest, RenderError> {
    let Some(id) = item.request_id else {
        return Err(RenderError::Obsolete(format!(
            "{} message without a request",
            item.kind
        )));
    };
    state
        .store
        .get_request(id)
        .await
        .map_err(|e| RenderError::Retry(e.to_string()))?
        .ok_or_else(|| RenderError::Obsolete(format!("request {id} not found")))
}
