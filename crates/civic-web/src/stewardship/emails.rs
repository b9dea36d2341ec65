//! Emails about requests for data: confirming a request, confirming support, and the
//! body's answer.

use crate::AppState;
use crate::app::mail::{Email, RenderError, payload};
use civic_storage::OutboxItem;
use serde::Deserialize;

/// The outbox message kinds this feature renders.
pub const KINDS: [&str; 3] = [
    "confirm_data_request",
    "confirm_data_request_support",
    "data_request_answered",
];

/// A request for data to confirm.
#[derive(Debug, Deserialize)]
struct Asked {
    token: String,
    title: String,
    body: String,
}

/// Support for a request for data to confirm.
#[derive(Debug, Deserialize)]
struct Supported {
    token: String,
    title: String,
}

/// A request for data that has been answered.
#[derive(Debug, Deserialize)]
struct Answered {
    id: i64,
}

/// Renders a queued message of one of [`KINDS`] from current data.
pub async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let base = state.config.base_url.trim_end_matches('/');
    let retry = |e: civic_storage::StorageError| RenderError::Retry(e.to_string());
    match item.kind.as_str() {
        "confirm_data_request" => {
            let Asked { token, title, body } = payload(item)?;
            Ok(Email {
                unsubscribe: None,
                subject: format!("Confirm your request for data: {title}"),
                body: format!(
                    "You asked {body} for data: {title}\n\nTo publish your request, confirm your email address by opening this link:\n{base}/data-requests/confirm/{token}\n\nYour email address is never published. We will tell you when the body answers.\nIf you did not ask for this, ignore this email and nothing will be published.\n",
                ),
            })
        }
        "confirm_data_request_support" => {
            let Supported { token, title } = payload(item)?;
            Ok(Email {
                unsubscribe: None,
                subject: format!("Confirm your support: {title}"),
                body: format!(
                    "Someone asked to add this address's support to the request for data \"{title}\".\n\nTo count your support, open this link:\n{base}/data-requests/support/{token}\n\nYour address is never published. If it was not you, ignore this email.\n",
                ),
            })
        }
        "data_request_answered" => {
            let Answered { id } = payload(item)?;
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
