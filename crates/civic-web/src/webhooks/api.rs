//! The webhooks API for partners (JSON, an API key with the `webhooks:manage` scope): a
//! partner adds, lists, changes, re-keys and turns off its own endpoints for the body that
//! issued its key. Its keys see only the endpoints added with them (or with another key of
//! the same partner); staff see every endpoint on their pages.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::api_keys::PresentedKey;
use crate::app::extract::Path;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use civic_domain::api_key::Scope;
use civic_domain::webhook::{
    DisabledReason, EndpointDraft, ROTATION_OVERLAP, SECRET_BYTES, Secret,
};
use civic_storage::{ApiKey, WebhookEndpoint};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// An endpoint as the API shows it: never its secret, except once when made or re-keyed.
#[derive(Debug, Serialize)]
pub struct EndpointView {
    id: i64,
    url: String,
    description: String,
    events: Vec<&'static str>,
    enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    disabled_reason: Option<&'static str>,
    created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
}

impl EndpointView {
    fn of(e: &WebhookEndpoint, secret: Option<String>) -> EndpointView {
        EndpointView {
            id: e.id,
            url: e.url.clone(),
            description: e.description.clone(),
            events: e.events.iter().map(|t| t.as_str()).collect(),
            enabled: e.disabled.is_none(),
            disabled_reason: e.disabled.map(|(_, r)| r.as_str()),
            created_at: e.created_at.format(&Rfc3339).unwrap_or_default(),
            secret,
        }
    }
}

/// What a partner sends to add or change an endpoint.
#[derive(Debug, Default, Deserialize)]
pub struct EndpointBody {
    #[serde(default)]
    url: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    events: Vec<String>,
}

async fn manager(state: &AppState, key: &PresentedKey, body: &str) -> Result<ApiKey, ApiError> {
    Ok(key.authorise(state, body, &Scope::WebhooksManage).await?)
}

/// The endpoint `id` of `body` that `key` manages; 404 for any other, so a partner cannot
/// learn which numbers others' endpoints have.
async fn managed(
    state: &AppState,
    key: &ApiKey,
    body: &str,
    id: &str,
) -> Result<WebhookEndpoint, ApiError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    state
        .store
        .key_webhook_endpoints(body, key.id)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| AppError::NotFound.into())
}

async fn checked(
    state: &AppState,
    input: Result<Json<EndpointBody>, JsonRejection>,
) -> Result<EndpointDraft, ApiError> {
    let Json(input) = input.map_err(|rejection| match rejection {
        JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType(
            "Send the endpoint as JSON with Content-Type: application/json.".into(),
        ),
        other => AppError::BadRequest(format!(
            "The body is not a valid endpoint: {}",
            other.body_text()
        )),
    })?;
    let fields = super::staff::EndpointFields::new(input.url, input.description, input.events);
    Ok(super::staff::checked(state, &fields)
        .await
        .map_err(AppError::Invalid)?)
}

/// `GET /api/bodies/{body}/webhooks`: the caller's endpoints.
pub async fn list(
    State(state): State<AppState>,
    key: PresentedKey,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    let key = manager(&state, &key, &body).await?;
    let endpoints = state.store.key_webhook_endpoints(&body, key.id).await?;
    let views: Vec<EndpointView> = endpoints
        .iter()
        .map(|e| EndpointView::of(e, None))
        .collect();
    Ok(Json(views).into_response())
}

/// `POST /api/bodies/{body}/webhooks`: adds an endpoint; its secret is in this answer only.
pub async fn create(
    State(state): State<AppState>,
    key: PresentedKey,
    Path(body): Path<String>,
    input: Result<Json<EndpointBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let key = manager(&state, &key, &body).await?;
    let draft = checked(&state, input).await?;
    let secret = Secret::from_key(rand::random::<[u8; SECRET_BYTES]>());
    if key.is_test() {
        // The same shape a live key gets, with number 0 and nothing stored.
        let view = serde_json::json!({
            "id": 0, "url": draft.url, "description": draft.description,
            "events": draft.events.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            "enabled": true,
            "created_at": OffsetDateTime::now_utc().format(&Rfc3339).unwrap_or_default(),
            "sandbox": true, "stored": false,
            "message": "This is a test key: the endpoint is valid, and nothing was stored.",
        });
        return Ok((StatusCode::CREATED, Json(view)).into_response());
    }
    let endpoint = state
        .store
        .create_keyed_webhook_endpoint(&body, &draft, secret.as_str(), key.id)
        .await?;
    let view = EndpointView::of(&endpoint, Some(secret.as_str().to_string()));
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// `GET /api/bodies/{body}/webhooks/{endpoint}`.
pub async fn show(
    State(state): State<AppState>,
    key: PresentedKey,
    Path((body, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let key = manager(&state, &key, &body).await?;
    let endpoint = managed(&state, &key, &body, &id).await?;
    Ok(Json(EndpointView::of(&endpoint, None)).into_response())
}

/// `PUT /api/bodies/{body}/webhooks/{endpoint}`: a new address, description or events.
pub async fn update(
    State(state): State<AppState>,
    key: PresentedKey,
    Path((body, id)): Path<(String, String)>,
    input: Result<Json<EndpointBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let key = manager(&state, &key, &body).await?;
    let endpoint = managed(&state, &key, &body, &id).await?;
    let draft = checked(&state, input).await?;
    if key.is_test() {
        return Ok(Json(EndpointView::of(&endpoint, None)).into_response());
    }
    let changed = state
        .store
        .update_webhook_endpoint(&body, endpoint.id, &draft)
        .await?;
    Ok(Json(EndpointView::of(&changed, None)).into_response())
}

/// `POST /api/bodies/{body}/webhooks/{endpoint}/rotate`: a new secret, in this answer only;
/// the old one also signs for 24 hours, so the receiver can switch without a gap.
pub async fn rotate(
    State(state): State<AppState>,
    key: PresentedKey,
    Path((body, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let key = manager(&state, &key, &body).await?;
    let endpoint = managed(&state, &key, &body, &id).await?;
    if key.is_test() {
        return Ok(Json(EndpointView::of(&endpoint, None)).into_response());
    }
    let secret = Secret::from_key(rand::random::<[u8; SECRET_BYTES]>());
    let changed = state
        .store
        .rotate_webhook_secret(
            &body,
            endpoint.id,
            secret.as_str(),
            OffsetDateTime::now_utc() + ROTATION_OVERLAP,
        )
        .await?;
    Ok(Json(EndpointView::of(
        &changed,
        Some(secret.as_str().to_string()),
    ))
    .into_response())
}

/// `DELETE /api/bodies/{body}/webhooks/{endpoint}`: turns the endpoint off for good from
/// the partner's side (staff may turn it on again); its history stays for staff.
pub async fn disable(
    State(state): State<AppState>,
    key: PresentedKey,
    Path((body, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let key = manager(&state, &key, &body).await?;
    let endpoint = managed(&state, &key, &body, &id).await?;
    if !key.is_test() {
        state
            .store
            .disable_webhook_endpoint(
                &body,
                endpoint.id,
                DisabledReason::ByPartner,
                OffsetDateTime::now_utc(),
            )
            .await?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
