//! A body's service register and the national register as open data: JSON and CSV.

use super::search::{NATIONAL_PAGE_SIZE, SearchParams};
use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::download::spreadsheet_safe;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::negotiate::open_data;
use crate::bodies::open_data::BodyView;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::ChannelKind;
use civic_domain::Service;
use civic_storage::ServiceQuery;
use serde::Serialize;

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
    let body = state.body(body).await?;
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

/// Which open data representation of a list of services.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// JSON, with the body or the paging around the services.
    Json,
    /// CSV, one row per service.
    Csv,
}

/// A body's register as open data; the pages answer with this when `Accept` asks for data.
pub async fn register(
    state: &AppState,
    body: &str,
    params: &SearchParams,
    table: Table,
) -> Result<Response, ApiError> {
    let (body, page) = register_page(state, body, params).await?;
    if table == Table::Csv {
        return csv_response(&page.services, &format!("{}-services.csv", body.slug));
    }
    let view = RegisterView {
        body: BodyView::new(&body),
        total: page.total,
        services: page.services.iter().map(ServiceView::new).collect(),
    };
    Ok(open_data(Json(view).into_response()))
}

/// `GET /bodies/{body}/services.json`: a body's register.
pub async fn register_json(
    State(state): State<AppState>,
    Path(body): Path<String>,
    Query(params): Query<SearchParams>,
) -> Result<Response, ApiError> {
    register(&state, &body, &params, Table::Json).await
}

/// `GET /bodies/{body}/services.csv`: a body's register.
pub async fn register_csv(
    State(state): State<AppState>,
    Path(body): Path<String>,
    Query(params): Query<SearchParams>,
) -> Result<Response, ApiError> {
    register(&state, &body, &params, Table::Csv).await
}

/// Every body's services as open data: JSON a page at a time, or the whole CSV streamed.
pub async fn national(
    state: AppState,
    params: &SearchParams,
    table: Table,
) -> Result<Response, ApiError> {
    match table {
        Table::Json => national_page(&state, params).await,
        Table::Csv => Ok(national_table(state, params.text())),
    }
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
    national(state, &params, Table::Json).await
}

/// `GET /services.csv`: every body's services in one file.
pub async fn national_csv(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Response, ApiError> {
    national(state, &params, Table::Csv).await
}

async fn national_page(state: &AppState, params: &SearchParams) -> Result<Response, ApiError> {
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
            url.push_str(&format!(
                "&q={}",
                crate::app::layout::encode_query_value(&q)
            ));
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

/// Every service matching `text` as one CSV, streamed a thousand services at a time: a
/// national hub holds tens of thousands.
fn national_table(state: AppState, text: Option<String>) -> Response {
    const PAGE: i64 = 1000;
    let stream = futures_util::stream::unfold(
        (state, text, 0i64, false),
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
    open_data(
        (
            csv_headers("services.csv"),
            axum::body::Body::from_stream(stream),
        )
            .into_response(),
    )
}

/// The CSV columns, one per channel so the file needs no nested values.
pub const CSV_HEADER: [&str; 21] = [
    "body",
    "service",
    "code",
    "name",
    "description",
    "name_cy",
    "description_cy",
    "keywords",
    "digital_inclusion_level",
    "digital_inclusion_level_name",
    "online",
    "phone",
    "counter",
    "post",
    "assisted_digital",
    "counter_cy",
    "post_cy",
    "assisted_digital_cy",
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
        let channel_cy = |k: ChannelKind| {
            s.channel_entry(k)
                .map(|c| c.detail_cy.clone())
                .unwrap_or_default()
        };
        let updated = s
            .updated_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let row = [
            s.body.clone(),
            s.slug.clone(),
            s.code.clone(),
            s.name.clone(),
            s.description.clone(),
            s.name_cy.clone(),
            s.description_cy.clone(),
            s.keywords.join("; "),
            s.digital_inclusion_level.number().to_string(),
            s.digital_inclusion_level.name().to_string(),
            channel(ChannelKind::Online),
            channel(ChannelKind::Phone),
            channel(ChannelKind::Counter),
            channel(ChannelKind::Post),
            channel(ChannelKind::AssistedDigital),
            channel_cy(ChannelKind::Counter),
            channel_cy(ChannelKind::Post),
            channel_cy(ChannelKind::AssistedDigital),
            s.status.as_str().to_string(),
            updated,
            format!("/bodies/{}/services/{}", s.body, s.slug),
        ];
        writer.write_record(row.iter().map(|c| spreadsheet_safe(c)))?;
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
