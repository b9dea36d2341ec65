//! Emails about requests: confirming a report, confirming a subscription, and each public
//! update to subscribers.

use crate::AppState;
use crate::app::i18n::Arg;
use crate::app::mail::{Email, RenderError, WithToken, paragraphs, payload, site_base};
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

/// Renders a queued message of one of [`KINDS`] from current data, in the language its
/// recipient chose (the outbox sets it).
pub async fn render(state: &AppState, item: &OutboxItem) -> Result<Email, RenderError> {
    let lang = crate::app::i18n::lang();
    // Links open the site in the language the email is written in.
    let base = site_base(&state.config);
    let retry = |e: civic_storage::StorageError| RenderError::Retry(e.to_string());
    let r = request_of(state, item).await?;
    let id = Arg::Number(r.id);
    let service = Arg::Text(r.service_name.clone());
    match item.kind.as_str() {
        "confirm_report" => {
            let WithToken { token } = payload(item)?;
            Ok(Email {
                unsubscribe: None,
                subject: lang.t_with(
                    "requests-email-confirm-report-subject",
                    &[("service", service.clone()), ("id", id.clone())],
                ),
                body: paragraphs(&[
                    lang.t("requests-email-confirm-report-thanks"),
                    lang.t_with(
                        "requests-email-confirm-report-what",
                        &[("service", service), ("id", id)],
                    ),
                    lang.t_with(
                        "requests-email-confirm-report-link",
                        &[(
                            "link",
                            Arg::Text(format!("{base}/requests/confirm/{token}")),
                        )],
                    ),
                    lang.t("requests-email-confirm-report-not-you"),
                ]),
            })
        }
        "confirm_subscription" => {
            let WithToken { token } = payload(item)?;
            Ok(Email {
                unsubscribe: None,
                subject: lang.t_with(
                    "requests-email-confirm-subscription-subject",
                    &[("id", id.clone())],
                ),
                body: paragraphs(&[
                    lang.t_with(
                        "requests-email-confirm-subscription-asked",
                        &[("id", id), ("service", service)],
                    ),
                    lang.t_with(
                        "requests-email-confirm-subscription-link",
                        &[(
                            "link",
                            Arg::Text(format!("{base}/subscriptions/confirm/{token}")),
                        )],
                    ),
                    lang.t("requests-email-confirm-subscription-not-you"),
                ]),
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
            let status = Arg::Text(crate::requests::status_label(lang, update.status));
            let mut parts = vec![lang.t_with(
                "requests-email-update-now",
                &[
                    ("id", id.clone()),
                    ("service", service),
                    ("status", status.clone()),
                ],
            )];
            if !update.description.trim().is_empty() {
                parts.push(update.description.trim().to_string());
            }
            parts.push(lang.t_with(
                "requests-email-update-history",
                &[("link", Arg::Text(format!("{base}/requests/{}", r.id)))],
            ));
            parts.push(lang.t_with(
                "requests-email-update-stop",
                &[(
                    "link",
                    Arg::Text(format!("{base}/subscriptions/unsubscribe/{unsubscribe}")),
                )],
            ));
            Ok(Email {
                unsubscribe: Some(format!("{base}/subscriptions/unsubscribe/{unsubscribe}")),
                subject: lang.t_with(
                    "requests-email-update-subject",
                    &[("id", id), ("status", status)],
                ),
                body: paragraphs(&parts),
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
