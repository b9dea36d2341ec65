//! The delivery worker: claims due deliveries, posts each signed (`webhook-id`,
//! `webhook-timestamp`, `webhook-signature`) to its endpoint's checked address, and records
//! what came of it, deciding retries and disabling by the domain's rules.

use crate::AppState;
use crate::app::fetch::pinned_client;
use civic_domain::webhook::{
    ATTEMPT_TIMEOUT, AttemptOutcome, DisabledReason, Secret, failed_too_long, message_id,
    next_attempt, signature_header,
};
use civic_storage::{AttemptRecord, DueDelivery, StorageError};
use futures_util::StreamExt;
use std::time::Duration;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Deliveries claimed per pass.
const CLAIM: i64 = 200;

/// Deliveries in flight at once: enough that one slow endpoint does not hold up the rest.
const IN_FLIGHT: usize = 32;

/// The thin payload of a message: its type, when the change happened, and where the
/// subject can be read through the public APIs.
pub fn payload(d: &DueDelivery, base: &str) -> serde_json::Value {
    let base = base.trim_end_matches('/');
    let data = match d.event_type.as_str() {
        "request.created" | "request.updated" => serde_json::json!({
            "body": d.body,
            "service_request_id": d.subject,
            "url": format!("{base}/bodies/{}/open311/v2/requests/{}.json", d.body, d.subject),
        }),
        "dataset.published" => serde_json::json!({
            "body": d.body,
            "dataset": d.subject,
            "url": format!("{base}/datasets/{}", d.subject),
        }),
        _ => serde_json::json!({
            "body": d.body,
            "data_request_id": d.subject,
            "url": format!("{base}/data-requests/{}", d.subject),
        }),
    };
    serde_json::json!({
        "type": d.event_type,
        "timestamp": d.occurred_at.format(&Rfc3339).unwrap_or_default(),
        "data": data,
    })
}

/// Posts one delivery; the status it was answered with, or why there was none.
async fn post(state: &AppState, d: &DueDelivery, now: OffsetDateTime) -> Result<u16, String> {
    let body =
        serde_json::to_vec(&payload(d, &state.config.base_url)).map_err(|e| e.to_string())?;
    let secrets: Vec<Secret> = d.secrets.iter().filter_map(|s| Secret::parse(s)).collect();
    if secrets.is_empty() {
        return Err("the endpoint's secret cannot be read".into());
    }
    let id = message_id(d.message_id);
    let timestamp = now.unix_timestamp();
    let signature = signature_header(&secrets.iter().collect::<Vec<_>>(), &id, timestamp, &body);
    let (client, url) = pinned_client(
        &d.url,
        state.config.allow_private_addresses,
        ATTEMPT_TIMEOUT,
    )
    .await
    .map_err(|e| e.to_string())?;
    let response = client
        .post(url)
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(reqwest::header::USER_AGENT, "Civic-Webhooks/1.0")
        .body(body)
        .send()
        .await
        .map_err(|e| format!("could not be reached: {e}"))?;
    Ok(response.status().as_u16())
}

/// What to record of an attempt made at `now` that was answered with `answer`.
pub fn record_of(
    d: &DueDelivery,
    answer: Result<u16, String>,
    now: OffsetDateTime,
) -> AttemptRecord {
    let status = answer.as_ref().ok().copied();
    let attempts = u32::try_from(d.attempts).unwrap_or(0).saturating_add(1);
    match AttemptOutcome::of(status) {
        AttemptOutcome::Delivered => AttemptRecord::Delivered {
            status: i32::from(status.unwrap_or(200)),
        },
        AttemptOutcome::Gone => AttemptRecord::Failed {
            status: status.map(i32::from),
            error: "answered HTTP 410 Gone: the endpoint asked for no more deliveries".into(),
            retry_at: None,
            disable: Some(DisabledReason::Gone),
        },
        AttemptOutcome::Failed => AttemptRecord::Failed {
            status: status.map(i32::from),
            error: match answer {
                Ok(code) => format!("answered HTTP {code}"),
                Err(why) => why,
            },
            retry_at: next_attempt(attempts, now),
            disable: failed_too_long(d.failing_since, now).then_some(DisabledReason::Failing),
        },
    }
}

/// Attempts every due delivery once (at most [`CLAIM`]) and records what came of each in
/// one transaction; whether more may be waiting (a full claim).
pub async fn run_once(state: &AppState) -> Result<bool, StorageError> {
    let now = OffsetDateTime::now_utc();
    // The lease outlasts an attempt's time limit, so a delivery is never sent twice at once.
    let lease = now + time::Duration::seconds(60);
    let due = state
        .store
        .claim_webhook_deliveries(now, lease, CLAIM)
        .await?;
    let full = i64::try_from(due.len()).is_ok_and(|n| n == CLAIM);
    let attempts: Vec<(i64, i64, OffsetDateTime, AttemptRecord)> = futures_util::stream::iter(due)
        .map(|d| async move {
            let now = OffsetDateTime::now_utc();
            let answer = post(state, &d, now).await;
            if let Err(why) = &answer {
                tracing::info!(
                    message = d.message_id,
                    endpoint = d.endpoint_id,
                    why,
                    "webhook not delivered"
                );
            }
            (d.message_id, d.endpoint_id, now, record_of(&d, answer, now))
        })
        .buffer_unordered(IN_FLIGHT)
        .collect()
        .await;
    state.store.record_webhook_attempts(&attempts).await?;
    Ok(full)
}

/// Runs the worker every `interval` until `stop` fires, at once again while deliveries
/// are waiting.
pub async fn work(state: AppState, interval: Duration, stop: tokio::sync::watch::Receiver<bool>) {
    crate::app::worker::every("webhooks", interval, stop, || run_once(&state)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(attempts: i32, failing_since: Option<OffsetDateTime>) -> DueDelivery {
        DueDelivery {
            message_id: 7,
            endpoint_id: 1,
            body: "eastvale".into(),
            event_type: "request.created".into(),
            subject: "42".into(),
            occurred_at: OffsetDateTime::UNIX_EPOCH,
            url: "https://partner.example/hooks".into(),
            secrets: vec![],
            attempts,
            failing_since,
        }
    }

    #[test]
    fn payloads_are_thin_and_point_at_public_apis() {
        let p = payload(&due(0, None), "https://civic.example/");
        assert_eq!(p["type"], "request.created");
        assert_eq!(p["timestamp"], "1970-01-01T00:00:00Z");
        assert_eq!(
            p["data"]["url"],
            "https://civic.example/bodies/eastvale/open311/v2/requests/42.json"
        );
        assert_eq!(p["data"].as_object().map(|o| o.len()), Some(3));
    }

    #[test]
    fn attempts_become_records() {
        let now = OffsetDateTime::UNIX_EPOCH + time::Duration::days(10);
        assert_eq!(
            record_of(&due(0, None), Ok(204), now),
            AttemptRecord::Delivered { status: 204 }
        );
        let AttemptRecord::Failed {
            retry_at, disable, ..
        } = record_of(&due(0, None), Ok(500), now)
        else {
            panic!("a 500 fails")
        };
        assert_eq!(retry_at, Some(now + time::Duration::seconds(5)));
        assert_eq!(disable, None);
        let AttemptRecord::Failed {
            retry_at, disable, ..
        } = record_of(&due(7, None), Err("refused".into()), now)
        else {
            panic!("no answer fails")
        };
        assert_eq!(
            (retry_at, disable),
            (None, None),
            "the eighth attempt is the last"
        );
        let long_ago = Some(now - time::Duration::days(5));
        let AttemptRecord::Failed { disable, .. } = record_of(&due(1, long_ago), Ok(503), now)
        else {
            panic!("fails")
        };
        assert_eq!(disable, Some(DisabledReason::Failing));
        let AttemptRecord::Failed {
            disable, retry_at, ..
        } = record_of(&due(1, None), Ok(410), now)
        else {
            panic!("gone fails")
        };
        assert_eq!((disable, retry_at), (Some(DisabledReason::Gone), None));
    }
}
