//! Emails about requests for data: confirming a request, confirming support, and the
//! body's answer.

use crate::AppState;
use crate::app::i18n::Arg;
use crate::app::mail::{Email, RenderError, paragraphs, payload, site_base};
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

/// Renders a queued message of one of [`KINDS`] from current data, in the language its
/// recipient chose (the outbox sets it).
pub async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let lang = crate::app::i18n::lang();
    let base = site_base(&state.config);
    let retry = |e: civic_storage::StorageError| RenderError::Retry(e.to_string());
    let text = |s: &str| Arg::Text(s.to_string());
    match item.kind.as_str() {
        "confirm_data_request" => {
            let Asked { token, title, body } = payload(item)?;
            Ok(Email {
                unsubscribe: None,
                subject: lang.t_with(
                    "stewardship-email-confirm-subject",
                    &[("title", text(&title))],
                ),
                body: paragraphs(&[
                    lang.t_with(
                        "stewardship-email-confirm-asked",
                        &[("body", text(&body)), ("title", text(&title))],
                    ),
                    lang.t_with(
                        "stewardship-email-confirm-link",
                        &[(
                            "link",
                            Arg::Text(format!("{base}/data-requests/confirm/{token}")),
                        )],
                    ),
                    lang.t("stewardship-email-confirm-private"),
                ]),
            })
        }
        "confirm_data_request_support" => {
            let Supported { token, title } = payload(item)?;
            Ok(Email {
                unsubscribe: None,
                subject: lang.t_with(
                    "stewardship-email-support-subject",
                    &[("title", text(&title))],
                ),
                body: paragraphs(&[
                    lang.t_with(
                        "stewardship-email-support-asked",
                        &[("title", text(&title))],
                    ),
                    lang.t_with(
                        "stewardship-email-support-link",
                        &[(
                            "link",
                            Arg::Text(format!("{base}/data-requests/support/{token}")),
                        )],
                    ),
                    lang.t("stewardship-email-support-private"),
                ]),
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
                (Some(date), _) => lang.t_with(
                    "stewardship-email-answered-promised",
                    &[("date", Arg::Text(date.to_string()))],
                ),
                (_, Some(dataset)) => lang.t_with(
                    "stewardship-email-answered-published",
                    &[("link", Arg::Text(format!("{base}/datasets/{dataset}")))],
                ),
                _ => String::new(),
            };
            let status = Arg::Text(super::data_requests::status_label(lang, request.status));
            Ok(Email {
                unsubscribe: None,
                subject: lang.t_with(
                    "stewardship-email-answered-subject",
                    &[("status", status.clone())],
                ),
                body: paragraphs(&[
                    lang.t_with(
                        "stewardship-email-answered",
                        &[
                            ("body", text(&request.body_name)),
                            ("title", text(&request.title)),
                            ("status", status),
                        ],
                    ),
                    detail,
                    request.answer.clone(),
                    lang.t_with(
                        "stewardship-email-answered-see",
                        &[("link", Arg::Text(format!("{base}/data-requests/{id}")))],
                    ),
                ]),
            })
        }
        kind => Err(RenderError::Obsolete(format!(
            "cannot render '{kind}' message"
        ))),
    }
}
