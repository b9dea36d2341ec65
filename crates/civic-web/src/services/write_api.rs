//! The write API staff systems use to keep their service register up to date (JSON): an
//! API key with the `services:write` scope, or (deprecated, with the same checks and a
//! `Deprecation` header on every answer) a staff member's HTTP Basic credentials.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::api_keys::PresentedKey;
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
use civic_domain::api_key::Scope;
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

/// When HTTP Basic on this API was deprecated (RFC 9745's `@` and seconds since 1970):
/// 8 December 2026.
const BASIC_DEPRECATED: &str = "@1796688000";

/// When it stops working (RFC 8594), six months on.
const BASIC_SUNSET: &str = "Wed, 30 Jun 2027 23:59:59 GMT";

/// Who is writing: a key, or a staff member by the deprecated Basic credentials.
enum Writer {
    Key(Box<civic_storage::ApiKey>),
    Basic(Actor),
}

impl Writer {
    /// Checks the caller may change `body`'s services: a presented key is held to its
    /// scope and limits; Basic credentials to the staff member's body.
    async fn of(
        state: &AppState,
        key: &PresentedKey,
        basic: Result<ApiStaff, ApiError>,
        body: &str,
    ) -> Result<Writer, ApiError> {
        if key.is_present() {
            let key = key.authorise(state, body, &Scope::ServicesWrite).await?;
            return Ok(Writer::Key(Box::new(key)));
        }
        let staff = basic?;
        Ok(Writer::Basic(Actor::staff(staff.for_body(body)?)))
    }

    fn actor(&self) -> Actor {
        match self {
            Writer::Key(key) => Actor::system(&format!("API key: {}", key.name)),
            Writer::Basic(actor) => actor.clone(),
        }
    }

    /// A sandbox key's write is checked and answered, and goes nowhere.
    fn is_sandbox(&self) -> bool {
        matches!(self, Writer::Key(key) if key.is_test())
    }

    /// The answer, marked deprecated when Basic credentials were used.
    fn answer(&self, mut response: Response) -> Response {
        if let Writer::Basic(_) = self {
            let headers = response.headers_mut();
            headers.insert(
                "deprecation",
                header::HeaderValue::from_static(BASIC_DEPRECATED),
            );
            headers.insert("sunset", header::HeaderValue::from_static(BASIC_SUNSET));
            headers.insert(
                header::LINK,
                header::HeaderValue::from_static(
                    "</developers/services>; rel=\"deprecation\"; type=\"text/html\"",
                ),
            );
        }
        response
    }

    /// What a sandbox write answers: the checked service, and that nothing was stored.
    fn sandbox_answer(&self, status: StatusCode, draft: &civic_domain::ServiceDraft) -> Response {
        self.answer(
            (
                status,
                Json(serde_json::json!({
                    "sandbox": true,
                    "stored": false,
                    "message": "This is a test key: the service is valid, and nothing was stored.",
                    "name": draft.name,
                    "code": draft.code,
                })),
            )
                .into_response(),
        )
    }
}

/// `POST /api/bodies/{body}/services`: adds a service to the caller's own body.
pub async fn create_service(
    State(state): State<AppState>,
    key: PresentedKey,
    basic: Result<ApiStaff, ApiError>,
    Path(body): Path<String>,
    input: Result<Json<ServiceInput>, JsonRejection>,
) -> Result<Response, ApiError> {
    let writer = Writer::of(&state, &key, basic, &body).await?;
    let owner = state.body(&body).await?;
    let draft = json_body(input)?
        .validate_for(&owner)
        .map_err(AppError::Invalid)?;
    if writer.is_sandbox() {
        return Ok(writer.sandbox_answer(StatusCode::CREATED, &draft));
    }
    let created = state
        .store
        .create_services(&body, std::slice::from_ref(&draft), &writer.actor())
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
    Ok(writer.answer(response))
}

/// `PUT /api/bodies/{body}/services/{service}`: replaces a service's fields.
pub async fn update_service(
    State(state): State<AppState>,
    key: PresentedKey,
    basic: Result<ApiStaff, ApiError>,
    Path((body, slug)): Path<(String, String)>,
    input: Result<Json<ServiceInput>, JsonRejection>,
) -> Result<Response, ApiError> {
    let writer = Writer::of(&state, &key, basic, &body).await?;
    let owner = state.body(&body).await?;
    let draft = json_body(input)?
        .validate_for(&owner)
        .map_err(AppError::Invalid)?;
    if writer.is_sandbox() {
        state
            .store
            .get_service(&body, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        return Ok(writer.sandbox_answer(StatusCode::OK, &draft));
    }
    let service = state
        .store
        .update_service(&body, &slug, &draft, &writer.actor())
        .await?;
    Ok(writer.answer(Json(ServiceView::new(&service)).into_response()))
}

async fn set_status(
    state: &AppState,
    writer: &Writer,
    body: &str,
    slug: &str,
    status: ServiceStatus,
) -> Result<Response, ApiError> {
    if writer.is_sandbox() {
        let service = state
            .store
            .get_service(body, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut view = serde_json::to_value(ServiceView::new(&service))
            .map_err(|e| AppError::Internal(e.to_string()))?;
        view["sandbox"] = serde_json::Value::Bool(true);
        view["stored"] = serde_json::Value::Bool(false);
        return Ok(writer.answer(Json(view).into_response()));
    }
    let service = state
        .store
        .set_service_status(body, slug, status, &writer.actor())
        .await?;
    Ok(writer.answer(Json(ServiceView::new(&service)).into_response()))
}

/// `POST /api/bodies/{body}/services/{service}/retire`: withdraws a service, keeping it.
pub async fn retire_service(
    State(state): State<AppState>,
    key: PresentedKey,
    basic: Result<ApiStaff, ApiError>,
    Path((body, slug)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let writer = Writer::of(&state, &key, basic, &body).await?;
    set_status(&state, &writer, &body, &slug, ServiceStatus::Retired).await
}

/// `POST /api/bodies/{body}/services/{service}/restore`: offers a retired service again.
pub async fn restore_service(
    State(state): State<AppState>,
    key: PresentedKey,
    basic: Result<ApiStaff, ApiError>,
    Path((body, slug)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let writer = Writer::of(&state, &key, basic, &body).await?;
    set_status(&state, &writer, &body, &slug, ServiceStatus::Active).await
}
