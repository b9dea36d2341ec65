//! Emails about requests for data: confirming a request, confirming support, and the
//! body's answer.

use crate::AppState;
use crate::app::mail::{Email, RenderError};
use civic_storage::OutboxItem;

/// The outbox message kinds this feature renders.
pub const KINDS: [&str; 3] = [
    "confirm_data_request",
    "confirm_data_request_support",
    "data_request_answered",
];

/// Renders a queued message of one of [`KINDS`] from current data.
pub async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let base = state.config.base_url.trim_end_matches('/');
    let retry = |e: civic_storage::StorageError| RenderError::Retry(e.to_string());
    let token = item.payload["token"].as_str().unwrap_or_default();
    match item.kind.as_str() {
        "confirm_data_request" => Ok(Email {
            unsubscribe: None,
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
        "confirm_data_request_support" => Ok(Email {
            unsubscribe: None,
            subject: format!(
                "Confirm your support: {}",
                item.payload["title"].as_str().unwrap_or_default()
            ),
            body: format!(
                "Someone asked to add this address's support to the request for data \"{}\".\n\nTo count your support, open this link:\n{base}/data-requests/support/{token}\n\nYour address is never published. If it was not you, ignore this email.\n",
                item.payload["title"].as_str().unwrap_or_default()
            ),
        }),
        "data_request_answered" => {
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
                unsubscribe: None,
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
        kind => Err(RenderError::Obsolete(format!(
            "cannot render '{kind}' message"
        ))),
    }
}
