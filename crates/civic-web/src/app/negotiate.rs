//! Content negotiation: which representation a client asked for, by suffix or `Accept`.

use axum::http::HeaderMap;
use axum::http::header;
use axum::response::Response;

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
