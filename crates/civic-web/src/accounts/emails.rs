//! Emails about accounts: the forgotten-password link.

use crate::AppState;
use crate::app::mail::{Email, RenderError, WithToken, payload};
use civic_domain::staff::PASSWORD_RESET_MINUTES;
use civic_storage::OutboxItem;

/// The kind of the forgotten-password email.
pub const PASSWORD_RESET: &str = "password_reset";

/// The outbox message kinds this feature renders.
pub const KINDS: [&str; 1] = [PASSWORD_RESET];

/// Renders a queued message of one of [`KINDS`].
pub async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let base = state.config.base_url.trim_end_matches('/');
    match item.kind.as_str() {
        PASSWORD_RESET => {
            let WithToken { token } = payload(item)?;
            Ok(Email {
                unsubscribe: None,
                subject: "Reset your password".into(),
                body: format!(
                    "Someone, we hope you, asked to reset the password of the staff account for this email address on {operator}.\n\nTo choose a new password, open this link within {PASSWORD_RESET_MINUTES} minutes:\n{base}/staff/reset-password/{token}\n\nThe link works once. Using it signs the account out everywhere.\nIf you did not ask for this, ignore this email: your password has not changed.\n",
                    operator = state.config.operator,
                ),
            })
        }
        other => Err(RenderError::Obsolete(format!(
            "accounts cannot render '{other}'"
        ))),
    }
}
