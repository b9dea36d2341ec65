//! A body's public requests as open data: streamed CSV and JSON with full history, and
//! the public updates; never any personal data.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::download::spreadsheet_safe;
use crate::app::extract::Path;
use crate::app::layout::rfc3339;
use crate::app::negotiate::open_data;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_storage::RequestQuery;
use serde::Serialize;

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
        rfc3339(r.requested_at),
        rfc3339(r.updated_at),
        r.expected_at.map(rfc3339).unwrap_or_default(),
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
                    let row = csv_row(r);
                    if let Err(e) = w.write_record(row.iter().map(|c| spreadsheet_safe(c))) {
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
    let body = state.body(&body).await?;
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
    let body = state.body(&body).await?;
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
    let body = state.body(&body).await?;
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
                spreadsheet_safe(&u.update.description).into_owned(),
                rfc3339(u.update.at),
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
