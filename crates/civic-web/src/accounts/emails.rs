//! Emails about accounts: the forgotten-password link, and the notice that a password
//! changed (so an owner learns at once if someone else changed it).

use crate::AppState;
use crate::app::mail::{Email, RenderError, WithToken, payload};
use civic_domain::staff::PASSWORD_RESET_MINUTES;
use civic_storage::OutboxItem;

/// The kind of the forgotten-password email.
pub const PASSWORD_RESET: &str = "password_reset";

/// The kind of the notice that an account's password changed.
pub const PASSWORD_CHANGED: &str = "password_changed";

/// The outbox message kinds this feature renders.
pub const KINDS: [&str; 2] = [PASSWORD_RESET, PASSWORD_CHANGED];

/// The notice to queue, with the change, when `email`'s password changes.
pub fn password_changed(email: &str) -> civic_storage::OutboxMessage {
    civic_storage::OutboxMessage {
        kind: PASSWORD_CHANGED.into(),
        recipient: email.to_string(),
        payload: serde_json::json!({}),
    }
}

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
        PASSWORD_CHANGED => Ok(Email {
            unsubscribe: None,
            subject: "Your password was changed".into(),
            body: format!(
                "The password of the staff account for this email address on {operator} was just changed, and the account was signed out everywhere else.\n\nIf this was you, there is nothing more to do.\nIf it was not, choose a new password now at {base}/staff/forgot-password and tell your organisation's administrator.\n",
                operator = state.config.operator,
            ),
        }),
        other => Err(RenderError::Obsolete(format!(
            "accounts cannot render '{other}'"
        ))),
    }
}
