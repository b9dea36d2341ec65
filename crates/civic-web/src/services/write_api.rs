//! The write API staff systems use to keep their service register up to date (JSON, HTTP
//! Basic credentials).

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::auth::ApiStaff;
use crate::app::extract::Path;
use crate::services::open_data::ServiceView;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::ServiceInput;
use civic_domain::ServiceStatus;
use civic_storage::Actor;

fn json_body(body: Result<Json<ServiceInput>, JsonRejection>) -> Result<ServiceInput, ApiError> {
    match body {
        Ok(Json(input)) => Ok(input),
        // Never acting on anything but JSON is what keeps this route safe from forged
        // cross-site forms (a browser may attach cached Basic credentials to them).
        Err(JsonRejection::MissingJsonContentType(_)) => {
            Err(ApiError(AppError::UnsupportedMediaType(
                "Send the service as JSON with Content-Type: application/json.".into(),
            )))
        }
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Err(ApiError(AppError::TooLarge))
        }
        Err(rejection) => Err(ApiError(AppError::BadRequest(format!(
            "The request body is not a valid service: {}",
            rejection.body_text()
        )))),
    }
}

/// `POST /api/bodies/{body}/services`: adds a service to the caller's own body.
pub async fn create_service(
    State(state): State<AppState>,
    staff: ApiStaff,
    Path(body): Path<String>,
    input: Result<Json<ServiceInput>, JsonRejection>,
) -> Result<Response, ApiError> {
    let actor = Actor::staff(staff.for_body(&body)?);
    let owner = state.body(&body).await?;
    let draft = json_body(input)?
        .validate_for(&owner)
        .map_err(AppError::Invalid)?;
    let created = state
        .store
        .create_services(&body, std::slice::from_ref(&draft), &actor)
        .await?;
    let service = created
        .into_iter()
        .next()
        .ok_or_else(|| AppError::Internal("no service created".into()))?;
    let location = format!("/bodies/{}/services/{}", service.body, service.slug);
    let mut response = (StatusCode::CREATED, Json(ServiceView::new(&service))).into_response();
    if let Ok(value) = location.parse() {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

/// `PUT /api/bodies/{body}/services/{service}`: replaces a service's fields.
pub async fn update_service(
    State(state): State<AppState>,
    staff: ApiStaff,
    Path((body, slug)): Path<(String, String)>,
    input: Result<Json<ServiceInput>, JsonRejection>,
) -> Result<Response, ApiError> {
    let actor = Actor::staff(staff.for_body(&body)?);
    let owner = state.body(&body).await?;
    let draft = json_body(input)?
        .validate_for(&owner)
        .map_err(AppError::Invalid)?;
    let service = state
        .store
        .update_service(&body, &slug, &draft, &actor)
        .await?;
    Ok(Json(ServiceView::new(&service)).into_response())
}

async fn set_status(
    state: &AppState,
    staff: &ApiStaff,
    body: &str,
    slug: &str,
    status: ServiceStatus,
) -> Result<Response, ApiError> {
    let actor = Actor::staff(staff.for_body(body)?);
    let service = state
        .store
        .set_service_status(body, slug, status, &actor)
        .await?;
    Ok(Json(ServiceView::new(&service)).into_response())
}

/// `POST /api/bodies/{body}/services/{service}/retire`: withdraws a service, keeping it.
pub async fn retire_service(
    State(state): State<AppState>,
    staff: ApiStaff,
    Path((body, slug)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    set_status(&state, &staff, &body, &slug, ServiceStatus::Retired).await
}

/// `POST /api/bodies/{body}/services/{service}/restore`: offers a retired service again.
pub async fn restore_service(
    State(state): State<AppState>,
    staff: ApiStaff,
    Path((body, slug)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    set_status(&state, &staff, &body, &slug, ServiceStatus::Active).await
}
