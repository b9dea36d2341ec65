//! `POST /api/events`: transaction events pushed by services that run outside Civic.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::api_keys::PresentedKey;
use axum::Json;
use axum::extract::Query;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::api_key::{KeyRefusal, Scope};

/// Events one ingest call may carry.
pub const MAX_EVENTS_PER_BATCH: usize = 10_000;

/// An ingest batch.
#[derive(Debug, serde::Deserialize)]
pub struct EventBatch {
    /// The events.
    pub events: Vec<civic_domain::measures::EventInput>,
}

/// Which of a key's data sets a push is for: the one its `events:{slug}:write` scope
/// names, or, for a key with several, the one `?dataset=` names.
#[derive(Debug, Default, serde::Deserialize)]
pub struct IngestTarget {
    /// The data set's identifier.
    #[serde(default)]
    dataset: Option<String>,
}

/// `POST /api/events`: a service that runs outside Civic pushes its transaction events,
/// authenticated by an API key (`Authorization: Bearer …`) with its data set's
/// `events:{slug}:write` scope; the token a data set is set up with is such a key. The
/// batch is stored whole or not at all; events whose id was stored before are skipped, so
/// a retry after a lost answer never counts twice. A test key's batch is checked and
/// answered, and nothing is stored.
pub async fn ingest_events(
    State(state): State<AppState>,
    presented: PresentedKey,
    Query(target): Query<IngestTarget>,
    body: Result<Json<EventBatch>, JsonRejection>,
) -> Result<Response, ApiError> {
    let key = presented.find(&state).await?;
    let slugs: Vec<&str> = key
        .scopes
        .iter()
        .filter_map(|s| match s {
            Scope::EventsWrite(slug) => Some(slug.as_str()),
            _ => None,
        })
        .collect();
    let slug = match (target.dataset.as_deref(), slugs.as_slice()) {
        (Some(named), _) => named,
        (None, [only]) => only,
        (None, []) => {
            return Err(AppError::KeyRefused(KeyRefusal::MissingScope(
                "events:{data set}:write".into(),
            ))
            .into());
        }
        (None, _) => {
            return Err(AppError::BadRequest(
                "This key may push to several data sets: name one with ?dataset=".into(),
            )
            .into());
        }
    };
    let scope = Scope::EventsWrite(slug.to_string());
    key.terms()
        .permits(&key.body, &scope, time::OffsetDateTime::now_utc().date())
        .map_err(AppError::KeyRefused)?;
    let dataset = state
        .store
        .dataset(&key.body, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let batch = match body {
        Ok(Json(batch)) => batch,
        Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
            return Err(AppError::TooLarge.into());
        }
        Err(rejection) => {
            return Err(AppError::BadRequest(format!(
                "The body must be JSON like {{\"events\": [...]}}: {}",
                rejection.body_text()
            ))
            .into());
        }
    };
    if batch.events.len() > MAX_EVENTS_PER_BATCH {
        return Err(AppError::BadRequest(format!(
            "Send at most {MAX_EVENTS_PER_BATCH} events per batch; this one had {}",
            batch.events.len()
        ))
        .into());
    }
    let services = state.store.dataset_services(&dataset).await?;
    let mut errors = civic_domain::FieldErrors::default();
    let mut events = Vec::with_capacity(batch.events.len());
    for (i, input) in batch.events.iter().enumerate() {
        match input.validate() {
            Ok(e) => {
                let named = e.service.as_deref().unwrap_or(&dataset.service);
                if named.is_empty() {
                    errors.add(
                        format!("events[{i}].service"),
                        "This data set covers several services: name the service of each event",
                    );
                } else if !services.iter().any(|s| s == named) {
                    errors.add(
                        format!("events[{i}].service"),
                        format!("'{named}' is not a service this data set may report on"),
                    );
                }
                events.push(e)
            }
            Err(field_errors) => {
                for e in field_errors.0 {
                    errors.add(format!("events[{i}].{}", e.field), e.message);
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    if key.is_test() {
        return Ok(Json(serde_json::json!({
            "dataset": dataset.slug,
            "body": dataset.body,
            "sandbox": true,
            "stored": false,
            "valid": events.len(),
            "message": "This is a test key: every event is valid, and nothing was stored.",
        }))
        .into_response());
    }
    let done = state.store.ingest_events(&dataset, &events).await?;
    Ok(Json(serde_json::json!({
        "dataset": dataset.slug,
        "body": dataset.body,
        "accepted": done.accepted,
        "updated": done.updated,
        "duplicates": done.duplicates,
    }))
    .into_response())
}
