//! The satisfaction survey's invitation, sent when a request first reaches its outcome.

use crate::AppState;
use crate::app::mail::{Email, RenderError, WithToken, payload};
use civic_storage::OutboxItem;

/// The outbox message kinds this feature renders.
pub const KINDS: [&str; 1] = ["satisfaction_survey"];

/// Renders a queued message of one of [`KINDS`] from current data.
pub async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let base = state.config.base_url.trim_end_matches('/');
    let r = crate::requests::emails::request_of(state, item).await?;
    let WithToken { token } = payload(item)?;
    match item.kind.as_str() {
        "satisfaction_survey" => Ok(Email {
            unsubscribe: None,
            subject: format!("How did we do? Request {} ({})", r.id, r.service_name),
            body: format!(
                "Your request {} ({}) is now: {}.\n\nWe would like to know how satisfied you are with how it was handled. It is one question and takes a few seconds:\n{base}/survey/{token}\n\nYour answer is counted in the service's published performance figures. It is never shown with your name or your request.\n",
                r.id,
                r.service_name,
                r.status.label()
            ),
        }),
        kind => Err(RenderError::Obsolete(format!(
            "cannot render '{kind}' message"
        ))),
    }
}
