//! Text that no field may hold (a NUL byte, other control characters) is refused at the edge
//! with a clear 400, the same on both databases: PostgreSQL cannot store NUL at all, and the
//! rest would make the XML and CSV Civic publishes ill-formed for every reader.

use crate::AppError;
use crate::app::limits::{MAX_UPLOAD, SMALL_BODY};
use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use civic_domain::validation::is_forbidden_char;

/// The plain-English refusal.
pub fn refusal() -> AppError {
    AppError::unclear("app-error-control-character")
}

/// True when a form-encoded string, once decoded, holds a forbidden character.
pub fn form_has_forbidden(encoded: &[u8]) -> bool {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(encoded).is_ok_and(|pairs| {
        pairs
            .iter()
            .any(|(k, v)| k.chars().chain(v.chars()).any(is_forbidden_char))
    })
}

/// True when a JSON text escapes a forbidden character (`\u0000`…); raw control characters
/// are already not JSON.
fn json_has_forbidden(body: &[u8]) -> bool {
    body.windows(6).any(|w| {
        let escaped = w.starts_with(b"\\u00") && matches!(w[4], b'0' | b'1');
        let code = std::str::from_utf8(&w[4..6])
            .ok()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        escaped && code.is_some_and(|c| !matches!(c, 0x09 | 0x0a | 0x0d))
    }) || body
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"\\ufffe") || w.eq_ignore_ascii_case(b"\\uffff"))
}

/// Middleware: refuses a request whose path, query, form body or JSON body holds a
/// forbidden character. Multipart bodies (photos are binary) are checked field by field
/// where they are read.
pub async fn refuse_forbidden_text(req: Request, next: Next) -> Response {
    let path = percent_decoded(req.uri().path());
    let query = req.uri().query().unwrap_or("");
    if path.chars().any(is_forbidden_char) || form_has_forbidden(query.as_bytes()) {
        return refusal().into_response();
    }
    let kind = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let form = kind.starts_with("application/x-www-form-urlencoded");
    let json = kind.starts_with("application/json");
    if !form && !json {
        return next.run(req).await;
    }
    // Forms here are small (uploads are multipart); JSON may be an event batch.
    let most = if form { SMALL_BODY } else { MAX_UPLOAD };
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, most).await else {
        return AppError::TooLarge.into_response();
    };
    if form && form_has_forbidden(&bytes) {
        return refusal().into_response();
    }
    if json && json_has_forbidden(&bytes) {
        // Whoever sends JSON reads JSON back.
        return crate::ApiError(refusal()).into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// A path with its `%XX` escapes decoded (bytes that are not UTF-8 are replaced).
fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_text_is_found_in_every_encoding() {
        assert!(form_has_forbidden(b"q=a%00b"));
        assert!(form_has_forbidden(b"a%1B=x"));
        assert!(!form_has_forbidden(b"q=caf%C3%A9+%0D%0A%09"));
        assert!(json_has_forbidden(br#"{"name": "a\u0000"}"#));
        assert!(json_has_forbidden(br#"{"name": "\u001b[31m"}"#));
        assert!(json_has_forbidden(br#"{"name": "\uFFFF"}"#));
        assert!(!json_has_forbidden(br#"{"name": "tab\u0009 and \u00e9"}"#));
        assert_eq!(percent_decoded("/a%00b%zz"), "/a\u{0}b%zz");
    }
}
