//! The open-data API: bodies and service registers as JSON and CSV, and the write API staff
//! systems use to keep their register up to date. Described by `/api/openapi.json`.

use crate::auth::ApiStaff;
use crate::pages::public::{NATIONAL_PAGE_SIZE, SearchParams};
use crate::{ApiError, AppError, AppState};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use civic_domain::{Body, ChannelKind, Service, ServiceInput, ServiceStatus};
use civic_storage::{Actor, ServiceQuery};
use serde::Serialize;

/// The representation a client asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A web page.
    Html,
    /// JSON.
    Json,
    /// CSV.
    Csv,
}

impl Format {
    /// Picks a format from the Accept header: HTML unless JSON or CSV is asked for first.
    pub fn from_accept(headers: &HeaderMap) -> Format {
        let accept = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        for media in accept.split(',') {
            let media = media.split(';').next().unwrap_or("").trim();
            match media {
                "text/html" | "application/xhtml+xml" => return Format::Html,
                "application/json" => return Format::Json,
                "text/csv" => return Format::Csv,
                _ => {}
            }
        }
        Format::Html
    }

    /// Splits a `.json` or `.csv` suffix off a path segment; without one, uses Accept.
    pub fn from_path<'a>(segment: &'a str, headers: &HeaderMap) -> (&'a str, Format) {
        if let Some(stem) = segment.strip_suffix(".json") {
            (stem, Format::Json)
        } else if let Some(stem) = segment.strip_suffix(".csv") {
            (stem, Format::Csv)
        } else {
            (segment, Format::from_accept(headers))
        }
    }
}

/// A service as published, with its addresses.
#[derive(Serialize)]
pub struct ServiceView<'a> {
    #[serde(flatten)]
    service: &'a Service,
    /// This service's page.
    url: String,
}

impl<'a> ServiceView<'a> {
    /// Wraps a service for publishing.
    pub fn new(service: &'a Service) -> Self {
        ServiceView {
            url: format!("/bodies/{}/services/{}", service.body, service.slug),
            service,
        }
    }
}

#[derive(Serialize)]
struct BodyView<'a> {
    #[serde(flatten)]
    body: &'a Body,
    kind_label: &'static str,
    url: String,
    services_url: String,
}

impl<'a> BodyView<'a> {
    fn new(body: &'a Body) -> Self {
        BodyView {
            kind_label: body.kind.label(),
            url: format!("/bodies/{}", body.slug),
            services_url: format!("/bodies/{}/services.json", body.slug),
            body,
        }
    }
}

/// Open data may be fetched from any site.
fn open_data(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        header::HeaderValue::from_static("*"),
    );
    response
}

/// `GET /bodies.json`: every body.
pub async fn bodies_json(State(state): State<AppState>) -> Result<Response, ApiError> {
    let bodies = state.store.list_bodies().await?;
    let views: Vec<BodyView> = bodies.iter().map(BodyView::new).collect();
    Ok(open_data(
        Json(serde_json::json!({ "bodies": views })).into_response(),
    ))
}

/// One body as JSON.
pub fn body_json(body: &Body) -> Response {
    open_data(Json(BodyView::new(body)).into_response())
}

/// One service as JSON.
pub fn service_json(service: &Service) -> Response {
    open_data(Json(ServiceView::new(service)).into_response())
}

#[derive(Serialize)]
struct RegisterView<'a> {
    body: BodyView<'a>,
    total: i64,
    services: Vec<ServiceView<'a>>,
}

async fn register_page(
    state: &AppState,
    body: &str,
    params: &SearchParams,
) -> Result<(Body, civic_storage::ServicePage), ApiError> {
    let body = state
        .store
        .get_body(body)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = state
        .store
        .list_services(&ServiceQuery {
            body: Some(body.slug.clone()),
            text: params.text(),
            ..Default::default()
        })
        .await?;
    Ok((body, page))
}

/// `GET /bodies/{body}/services.json`: a body's register.
pub async fn register_json(
    State(state): State<AppState>,
    Path(body): Path<String>,
    Query(params): Query<SearchParams>,
) -> Result<Response, ApiError> {
    let (body, page) = register_page(&state, &body, &params).await?;
    let view = RegisterView {
        body: BodyView::new(&body),
        total: page.total,
        services: page.services.iter().map(ServiceView::new).collect(),
    };
    Ok(open_data(Json(view).into_response()))
}

/// `GET /bodies/{body}/services.csv`: a body's register.
pub async fn register_csv(
    State(state): State<AppState>,
    Path(body): Path<String>,
    Query(params): Query<SearchParams>,
) -> Result<Response, ApiError> {
    let (body, page) = register_page(&state, &body, &params).await?;
    csv_response(&page.services, &format!("{}-services.csv", body.slug))
}

#[derive(Serialize)]
struct NationalView<'a> {
    total: i64,
    page: i64,
    per_page: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    services: Vec<ServiceView<'a>>,
}

/// `GET /services.json`: every body's services, a page at a time.
pub async fn national_json(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Response, ApiError> {
    let page_number = params.page()?;
    let page = state
        .store
        .list_services(&ServiceQuery {
            text: params.text(),
            limit: Some(NATIONAL_PAGE_SIZE),
            offset: (page_number - 1) * NATIONAL_PAGE_SIZE,
            ..Default::default()
        })
        .await?;
    let more = page_number * NATIONAL_PAGE_SIZE < page.total;
    let next = more.then(|| {
        let mut url = format!("/services.json?page={}", page_number + 1);
        if let Some(q) = params.text() {
            url.push_str(&format!("&q={}", crate::encode_query_value(&q)));
        }
        url
    });
    let view = NationalView {
        total: page.total,
        page: page_number,
        per_page: NATIONAL_PAGE_SIZE,
        next,
        services: page.services.iter().map(ServiceView::new).collect(),
    };
    Ok(open_data(Json(view).into_response()))
}

/// `GET /services.csv`: every body's services in one file.
pub async fn national_csv(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Response, ApiError> {
    let page = state
        .store
        .list_services(&ServiceQuery {
            text: params.text(),
            ..Default::default()
        })
        .await?;
    csv_response(&page.services, "services.csv")
}

/// The CSV columns, one per channel so the file needs no nested values.
pub const CSV_HEADER: [&str; 16] = [
    "body",
    "service",
    "code",
    "name",
    "description",
    "keywords",
    "digital_inclusion_level",
    "digital_inclusion_level_name",
    "online",
    "phone",
    "counter",
    "post",
    "assisted_digital",
    "status",
    "updated_at",
    "url",
];

fn csv_response(services: &[Service], filename: &str) -> Result<Response, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    writer.write_record(CSV_HEADER).map_err(csv_err)?;
    for s in services {
        let channel = |k: ChannelKind| s.channel(k).unwrap_or("").to_string();
        let updated = s
            .updated_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        writer
            .write_record([
                s.body.clone(),
                s.slug.clone(),
                s.code.clone(),
                s.name.clone(),
                s.description.clone(),
                s.keywords.join("; "),
                s.digital_inclusion_level.number().to_string(),
                s.digital_inclusion_level.name().to_string(),
                channel(ChannelKind::Online),
                channel(ChannelKind::Phone),
                channel(ChannelKind::Counter),
                channel(ChannelKind::Post),
                channel(ChannelKind::AssistedDigital),
                s.status.as_str().to_string(),
                updated,
                format!("/bodies/{}/services/{}", s.body, s.slug),
            ])
            .map_err(csv_err)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    Ok(open_data(
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{filename}\""),
                ),
            ],
            bytes,
        )
            .into_response(),
    ))
}

/// `GET /api/openapi.json`: the OpenAPI 3.1 description of this API.
pub async fn openapi() -> Response {
    open_data(
        (
            [(header::CONTENT_TYPE, "application/json")],
            include_str!("../openapi.json"),
        )
            .into_response(),
    )
}

fn json_body(body: Result<Json<ServiceInput>, JsonRejection>) -> Result<ServiceInput, ApiError> {
    match body {
        Ok(Json(input)) => Ok(input),
        Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError(AppError::BadRequest(
            "Send the service as JSON with Content-Type: application/json.".into(),
        ))),
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
    let draft = json_body(input)?.validate().map_err(AppError::Invalid)?;
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
    let draft = json_body(input)?.validate().map_err(AppError::Invalid)?;
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
