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
use civic_storage::{Actor, RequestQuery, ServiceQuery};
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
pub fn open_data(mut response: Response) -> Response {
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
    // Streamed a thousand services at a time: a national hub holds tens of thousands.
    const PAGE: i64 = 1000;
    let stream = futures_util::stream::unfold(
        (state, params.text(), 0i64, false),
        |(state, text, offset, done)| async move {
            if done {
                return None;
            }
            let query = ServiceQuery {
                text: text.clone(),
                limit: Some(PAGE),
                offset,
                ..Default::default()
            };
            let chunk = match state.store.list_services(&query).await {
                Ok(page) => {
                    let last = i64::try_from(page.services.len()).unwrap_or(0) < PAGE;
                    let bytes = service_csv(&page.services, offset == 0)
                        .map(axum::body::Bytes::from)
                        .map_err(std::io::Error::other);
                    return Some((bytes, (state, text, offset + PAGE, last)));
                }
                Err(e) => Err(std::io::Error::other(e.to_string())),
            };
            Some((chunk, (state, text, offset, true)))
        },
    );
    Ok(open_data(
        (
            csv_headers("services.csv"),
            axum::body::Body::from_stream(stream),
        )
            .into_response(),
    ))
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

/// Services as CSV rows, with the header row when `header` is true.
fn service_csv(services: &[Service], header: bool) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    if header {
        writer.write_record(CSV_HEADER)?;
    }
    for s in services {
        let channel = |k: ChannelKind| s.channel(k).unwrap_or("").to_string();
        let updated = s
            .updated_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        writer.write_record([
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
        ])?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

fn csv_headers(filename: &str) -> [(header::HeaderName, String); 2] {
    [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
        (
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{filename}\""),
        ),
    ]
}

fn csv_response(services: &[Service], filename: &str) -> Result<Response, ApiError> {
    let bytes = service_csv(services, true).map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    Ok(open_data((csv_headers(filename), bytes).into_response()))
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

/// One public request as open data: no contact details, no reporter's name.
#[derive(Serialize)]
struct RequestView<'a> {
    id: i64,
    body: &'a str,
    service: &'a str,
    service_name: &'a str,
    status: &'static str,
    open311_status: &'static str,
    channel: &'static str,
    description: &'a str,
    address: &'a str,
    postcode: &'a str,
    uprn: Option<&'a str>,
    lat: Option<f64>,
    long: Option<f64>,
    attributes: &'a [civic_domain::AttributeValue],
    duplicate_of: Option<i64>,
    #[serde(with = "time::serde::rfc3339")]
    requested_at: time::OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    updated_at: time::OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    expected_at: Option<time::OffsetDateTime>,
    url: String,
    updates: Vec<UpdateView<'a>>,
}

#[derive(Serialize)]
struct UpdateView<'a> {
    id: i64,
    status: &'static str,
    description: &'a str,
    #[serde(with = "time::serde::rfc3339")]
    at: time::OffsetDateTime,
}

fn request_view<'a>(
    r: &'a civic_domain::ServiceRequest,
    updates: &'a [civic_domain::RequestUpdate],
) -> RequestView<'a> {
    RequestView {
        id: r.id,
        body: &r.body,
        service: &r.service,
        service_name: &r.service_name,
        status: r.status.as_str(),
        open311_status: r.status.open311(),
        channel: r.channel.as_str(),
        description: &r.description,
        address: &r.address,
        postcode: &r.postcode,
        uprn: r.uprn.as_deref(),
        lat: r.point.map(|p| p.lat),
        long: r.point.map(|p| p.long),
        attributes: &r.attributes,
        duplicate_of: r.duplicate_of,
        requested_at: r.requested_at,
        updated_at: r.updated_at,
        expected_at: r.expected_at,
        url: format!("/requests/{}", r.id),
        updates: updates
            .iter()
            .filter(|u| !u.private)
            .map(|u| UpdateView {
                id: u.id,
                status: u.status.as_str(),
                description: &u.description,
                at: u.at,
            })
            .collect(),
    }
}

/// One public request with its public history as JSON.
pub async fn request_json(
    state: &AppState,
    request: &civic_domain::ServiceRequest,
) -> Result<Response, AppError> {
    let updates = state.store.request_updates(request.id, false).await?;
    Ok(open_data(
        Json(request_view(request, &updates)).into_response(),
    ))
}

/// Rows fetched per database round trip while streaming a download.
const DOWNLOAD_PAGE: i64 = 1000;

/// The CSV columns of the requests download.
pub const REQUEST_CSV_HEADER: [&str; 17] = [
    "id",
    "body",
    "service",
    "service_name",
    "status",
    "open311_status",
    "channel",
    "description",
    "address",
    "postcode",
    "uprn",
    "lat",
    "long",
    "duplicate_of",
    "requested_at",
    "updated_at",
    "expected_at",
];

fn rfc(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn csv_row(r: &civic_domain::ServiceRequest) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.body.clone(),
        r.service.clone(),
        r.service_name.clone(),
        r.status.as_str().into(),
        r.status.open311().into(),
        r.channel.as_str().into(),
        r.description.clone(),
        r.address.clone(),
        r.postcode.clone(),
        r.uprn.clone().unwrap_or_default(),
        r.point.map(|p| p.lat.to_string()).unwrap_or_default(),
        r.point.map(|p| p.long.to_string()).unwrap_or_default(),
        r.duplicate_of.map(|d| d.to_string()).unwrap_or_default(),
        rfc(r.requested_at),
        rfc(r.updated_at),
        r.expected_at.map(rfc).unwrap_or_default(),
    ]
}

enum Download {
    Csv,
    Json,
}

fn stream_requests(state: AppState, body: String, kind: Download) -> axum::body::Body {
    use futures_util::stream;
    struct Cursor {
        state: AppState,
        body: String,
        offset: i64,
        started: bool,
        finished: bool,
        first: bool,
    }
    let cursor = Cursor {
        state,
        body,
        offset: 0,
        started: false,
        finished: false,
        first: true,
    };
    let s = stream::unfold((cursor, kind), |(mut c, kind)| async move {
        if c.finished {
            return None;
        }
        let mut out: Vec<u8> = Vec::new();
        if !c.started {
            c.started = true;
            match kind {
                Download::Csv => {
                    out.extend_from_slice((REQUEST_CSV_HEADER.join(",") + "\r\n").as_bytes())
                }
                Download::Json => out.extend_from_slice(b"["),
            }
        }
        let query = RequestQuery {
            body: Some(c.body.clone()),
            public_only: true,
            limit: DOWNLOAD_PAGE,
            offset: c.offset,
            ..Default::default()
        };
        let page = match c.state.store.list_requests(&query).await {
            Ok(page) => page,
            Err(e) => return Some((Err(std::io::Error::other(e.to_string())), (c, kind))),
        };
        c.offset += DOWNLOAD_PAGE;
        if i64::try_from(page.len()).unwrap_or(0) < DOWNLOAD_PAGE {
            c.finished = true;
        }
        match kind {
            Download::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(Vec::new());
                for r in &page {
                    if let Err(e) = w.write_record(csv_row(r)) {
                        return Some((Err(std::io::Error::other(e.to_string())), (c, kind)));
                    }
                }
                match w.into_inner() {
                    Ok(bytes) => out.extend(bytes),
                    Err(e) => return Some((Err(std::io::Error::other(e.to_string())), (c, kind))),
                }
            }
            Download::Json => {
                for r in &page {
                    let updates = match c.state.store.request_updates(r.id, false).await {
                        Ok(u) => u,
                        Err(e) => {
                            return Some((Err(std::io::Error::other(e.to_string())), (c, kind)));
                        }
                    };
                    if !c.first {
                        out.push(b',');
                    }
                    c.first = false;
                    if let Ok(json) = serde_json::to_vec(&request_view(r, &updates)) {
                        out.extend(json);
                    }
                }
                if c.finished {
                    out.push(b']');
                }
            }
        }
        Some((
            Ok::<_, std::io::Error>(axum::body::Bytes::from(out)),
            (c, kind),
        ))
    });
    axum::body::Body::from_stream(s)
}

/// `GET /bodies/{body}/requests.csv`: every public request, streamed.
pub async fn requests_csv(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    let body = state
        .store
        .get_body(&body)
        .await?
        .ok_or(AppError::NotFound)?;
    let stream = stream_requests(state, body.slug.clone(), Download::Csv);
    Ok(open_data(
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{}-requests.csv\"", body.slug),
                ),
            ],
            stream,
        )
            .into_response(),
    ))
}

/// `GET /bodies/{body}/requests.json`: every public request with its public history, streamed.
pub async fn requests_json(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    let body = state
        .store
        .get_body(&body)
        .await?
        .ok_or(AppError::NotFound)?;
    let stream = stream_requests(state, body.slug.clone(), Download::Json);
    Ok(open_data(
        ([(header::CONTENT_TYPE, "application/json")], stream).into_response(),
    ))
}

/// `GET /bodies/{body}/request-updates.csv`: every public update of every public request.
pub async fn request_updates_csv(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    let body = state
        .store
        .get_body(&body)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(
        civic_domain::catalogue::own::REQUEST_UPDATE_COLUMNS
            .iter()
            .map(|c| c.0),
    )
    .map_err(csv_err)?;
    let mut after = 0;
    let far_future = time::OffsetDateTime::now_utc() + time::Duration::days(1);
    loop {
        let page = state
            .store
            .body_updates(
                &body.slug,
                time::OffsetDateTime::UNIX_EPOCH,
                far_future,
                after,
                DOWNLOAD_PAGE,
            )
            .await?;
        for u in &page {
            w.write_record([
                u.update.id.to_string(),
                u.update.request_id.to_string(),
                u.service.clone(),
                u.update.status.as_str().to_string(),
                u.update.status.open311().to_string(),
                u.update.description.clone(),
                rfc(u.update.at),
            ])
            .map_err(csv_err)?;
        }
        match page.last() {
            Some(last) if i64::try_from(page.len()).unwrap_or(0) == DOWNLOAD_PAGE => {
                after = last.update.id
            }
            _ => break,
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    Ok(open_data(
        ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response(),
    ))
}

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
    let token = crate::auth::bearer_token(&headers).ok_or(AppError::Unauthorised)?;
    let dataset = state
        .store
        .dataset_by_token(&crate::auth::token_hash(token))
        .await?
        .ok_or(AppError::Unauthorised)?;
    let batch = match body {
        Ok(Json(batch)) => batch,
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
