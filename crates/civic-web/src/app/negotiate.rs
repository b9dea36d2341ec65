//! Content negotiation: which representation a client asked for, by suffix or `Accept`.

use crate::AppState;
use crate::app::error::ErrorBody;
use axum::extract::Request;
use axum::http::HeaderMap;
use axum::http::HeaderValue;
use axum::http::header;
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::response::Response;
use axum::routing::MethodRouter;
use tower_http::set_header::SetResponseHeaderLayer;

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

/// Open data may be fetched from any site.
pub fn open_data(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        header::HeaderValue::from_static("*"),
    );
    response
}

/// True when the path names a data file (`.json`, `.csv` and the like) rather than a page.
fn is_data_path(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    [".json", ".jsonld", ".csv", ".ttl", ".xml", ".atom", ".rsf"]
        .iter()
        .any(|suffix| last.ends_with(suffix))
}

/// Middleware: a data URL, or a client that asked for JSON, never gets an HTML error page;
/// the error is sent as the API's JSON error body instead.
pub async fn errors_as_data(req: Request, next: Next) -> Response {
    let wants_data =
        is_data_path(req.uri().path()) || Format::from_accept(req.headers()) == Format::Json;
    let response = next.run(req).await;
    if !wants_data {
        return response;
    }
    as_data(response)
}

/// Middleware for routes that only ever answer data (the API, the registers' resources):
/// every error is the JSON error body, whatever the URL looks like.
pub async fn errors_always_as_data(req: Request, next: Next) -> Response {
    as_data(next.run(req).await)
}

/// `response` with an HTML error page swapped for the JSON error it describes.
fn as_data(response: Response) -> Response {
    let Some(body) = response.extensions().get::<ErrorBody>().cloned() else {
        return response;
    };
    let mut data = body.into_response();
    for name in [header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
        if let Some(value) = response.headers().get(&name) {
            data.headers_mut().insert(name, value.clone());
        }
    }
    data
}

/// Marks a page that answers HTML, JSON or CSV by `Accept`, so caches keep one copy per
/// representation.
pub fn negotiated(methods: MethodRouter<AppState>) -> MethodRouter<AppState> {
    methods.layer(SetResponseHeaderLayer::appending(
        header::VARY,
        HeaderValue::from_static("Accept"),
    ))
}

#[cfg(test)]
mod tests {
    use super::is_data_path;

    #[test]
    fn data_paths_are_told_by_their_suffix() {
        assert!(is_data_path("/bodies/northshire.json"));
        assert!(is_data_path("/registers/addresses/records.csv"));
        assert!(is_data_path("/datasets/x/catalog.ttl"));
        assert!(!is_data_path("/bodies/northshire"));
        assert!(!is_data_path("/bodies.json/services"));
    }
}
