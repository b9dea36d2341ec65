//! `POST /api/events`: transaction events pushed by services that run outside Civic.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::response::Response;

/// Events one ingest call may carry.
pub const MAX_EVENTS_PER_BATCH: usize = 10_000;

/// An ingest batch.
#[derive(Debug, serde::Deserialize)]
pub struct EventBatch {
    /// The events.
    pub events: Vec<civic_domain::measures::EventInput>,
}

/// `POST /api/events`: a service that runs outside Civic pushes its transaction events,
/// authenticated by its data set's token (`Authorization: Bearer …`). The batch is stored
/// whole or not at all; events whose id was stored before are skipped, so a retry after a
/// lost answer never counts twice.
pub async fn ingest_events(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<EventBatch>, JsonRejection>,
) -> Result<Response, ApiError> {
    let token = crate::app::auth::bearer_token(&headers).ok_or(AppError::Unauthorised)?;
    let dataset = state
        .store
        .dataset_by_token(&crate::app::tokens::token_hash(token))
        .await?
        .ok_or(AppError::Unauthorised)?;
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
