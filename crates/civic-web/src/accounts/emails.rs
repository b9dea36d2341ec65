//! Emails about accounts: the forgotten-password link, and the notice that a password
//! changed (so an owner learns at once if someone else changed it).

use crate::AppState;
use crate::app::i18n::Arg;
use crate::app::mail::{Email, RenderError, WithToken, paragraphs, payload, site_base};
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

/// Renders a queued message of one of [`KINDS`], in the language the outbox chose (the
/// page a reset was asked for on).
pub async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let lang = crate::app::i18n::lang();
    let base = site_base(&state.config);
    let operator = Arg::Text(state.config.operator_in(lang).to_string());
    match item.kind.as_str() {
        PASSWORD_RESET => {
            let WithToken { token } = payload(item)?;
            Ok(Email {
                unsubscribe: None,
                subject: lang.t("accounts-email-reset-subject"),
                body: paragraphs(&[
                    lang.t_with("accounts-email-reset-asked", &[("operator", operator)]),
                    lang.t_with(
                        "accounts-email-reset-link",
                        &[
                            ("minutes", Arg::from(PASSWORD_RESET_MINUTES)),
                            (
                                "link",
                                Arg::Text(format!("{base}/staff/reset-password/{token}")),
                            ),
                        ],
                    ),
                    lang.t("accounts-email-reset-once"),
                ]),
            })
        }
        PASSWORD_CHANGED => Ok(Email {
            unsubscribe: None,
            subject: lang.t("accounts-email-changed-subject"),
            body: paragraphs(&[
                lang.t_with("accounts-email-changed", &[("operator", operator)]),
                lang.t_with(
                    "accounts-email-changed-not-you",
                    &[("link", Arg::Text(format!("{base}/staff/forgot-password")))],
                ),
            ]),
        }),
        other => Err(RenderError::Obsolete(format!(
            "accounts cannot render '{other}'"
        ))),
    }
}
