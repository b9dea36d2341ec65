//! The satisfaction survey's invitation, sent when a request first reaches its outcome.

use crate::AppState;
use crate::app::i18n::Arg;
use crate::app::mail::{Email, RenderError, WithToken, paragraphs, payload, site_base};
use civic_storage::OutboxItem;

/// The outbox message kinds this feature renders.
pub const KINDS: [&str; 1] = ["satisfaction_survey"];

/// Renders a queued message of one of [`KINDS`] from current data, in the language its
/// recipient chose when they reported (the outbox sets it).
pub async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let lang = crate::app::i18n::lang();
    let base = site_base(&state.config);
    let r = crate::requests::emails::request_of(state, item).await?;
    let WithToken { token } = payload(item)?;
    let id = Arg::Number(r.id);
    let service = Arg::Text(r.service_name.clone());
    match item.kind.as_str() {
        "satisfaction_survey" => Ok(Email {
            unsubscribe: None,
            subject: lang.t_with(
                "performance-email-survey-subject",
                &[("id", id.clone()), ("service", service.clone())],
            ),
            body: paragraphs(&[
                lang.t_with(
                    "performance-email-survey-now",
                    &[
                        ("id", id),
                        ("service", service),
                        (
                            "status",
                            Arg::Text(crate::requests::status_label(lang, r.status)),
                        ),
                    ],
                ),
                lang.t_with(
                    "performance-email-survey-ask",
                    &[("link", Arg::Text(format!("{base}/survey/{token}")))],
                ),
                lang.t("performance-email-survey-private"),
            ]),
        }),
        kind => Err(RenderError::Obsolete(format!(
            "cannot render '{kind}' message"
        ))),
    }
}
