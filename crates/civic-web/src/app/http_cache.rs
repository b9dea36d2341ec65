//! HTTP caching for everything public: an `ETag` on every whole response (a hash of its
//! bytes, so it changes exactly when what is shown changes and can never be stale), `304 Not
//! Modified` for a conditional request that already has it, and a `Cache-Control` a CDN in
//! front of a hub can act on. Pages that carry one visitor's form token, set a cookie, or
//! are shown to someone signed in are `private`; staff pages stay `no-store`.

use axum::body::Body;
use axum::body::HttpBody as _;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Responses larger than this (whole downloads, streamed tables) are not hashed: they are
/// sent as they are made, and carry only `Cache-Control`.
const HASHED_UP_TO: u64 = 4 * 1024 * 1024;

/// What a shared cache may do with a page anyone may see: keep it, but ask again each time
/// (a 304 costs little), so a change shows at once.
const PUBLIC_PAGE: &str = "public, no-cache";
/// Open data: a minute fresh, then revalidated.
const PUBLIC_DATA: &str = "public, max-age=60, must-revalidate";
/// For one visitor only: their browser may keep it and revalidate.
const PRIVATE: &str = "private, no-cache";

/// Middleware: adds `ETag` and `Cache-Control`, and answers `If-None-Match` with 304.
pub async fn conditional(req: Request, next: Next) -> Response {
    let cacheable_method = matches!(*req.method(), Method::GET | Method::HEAD);
    let signed_in =
        crate::app::csrf::cookie_value(req.headers(), crate::app::auth::SESSION_COOKIE).is_some();
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(req).await;
    if !cacheable_method || response.status() != StatusCode::OK {
        return response;
    }
    if response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store"))
    {
        return response;
    }
    let is_html = is_html(response.headers());
    let sets_cookie = response.headers().contains_key(header::SET_COOKIE);
    let (mut parts, body) = response.into_parts();
    let (body, personal) = if parts.headers.contains_key(header::ETAG) {
        // Tagged already (the page cache tags a page once, when it keeps one with no form
        // token).
        (body, signed_in || sets_cookie)
    } else if body.size_hint().exact().is_some_and(|n| n <= HASHED_UP_TO) {
        let Ok(bytes) = axum::body::to_bytes(body, HASHED_UP_TO as usize).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let tag = entity_tag(&bytes, &parts.headers);
        if let Ok(value) = HeaderValue::from_str(&tag) {
            parts.headers.insert(header::ETAG, value);
        }
        // A page holding a form token is one visitor's: never shared from a cache.
        let personal = signed_in || sets_cookie || (is_html && holds_form_token(&bytes));
        (Body::from(bytes), personal)
    } else {
        set_cache_control(&mut parts.headers, is_html, signed_in || sets_cookie);
        return Response::from_parts(parts, body);
    };
    set_cache_control(&mut parts.headers, is_html, personal);
    let tag = parts
        .headers
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok());
    if if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .zip(tag)
        .is_some_and(|(v, tag)| matches_any(v, tag))
    {
        return not_modified(&parts.headers);
    }
    Response::from_parts(parts, body)
}

/// True when a response is an HTML page.
pub(crate) fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// A 304 with the headers a 200 would have carried that caches need (RFC 9110 15.4.5).
fn not_modified(headers: &HeaderMap) -> Response {
    let mut not_modified = Response::new(Body::empty());
    *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
    for name in [
        header::ETAG,
        header::CACHE_CONTROL,
        header::VARY,
        header::CONTENT_LOCATION,
        header::EXPIRES,
    ] {
        for value in headers.get_all(&name) {
            not_modified
                .headers_mut()
                .append(name.clone(), value.clone());
        }
    }
    not_modified
}

fn set_cache_control(headers: &mut HeaderMap, is_html: bool, personal: bool) {
    if headers.contains_key(header::CACHE_CONTROL) {
        return;
    }
    let value = if personal {
        PRIVATE
    } else if is_html {
        // The same address shows a signed-in person their name and menus: a shared cache
        // must keep apart what it got with different cookies.
        headers.append(header::VARY, HeaderValue::from_static("Cookie"));
        PUBLIC_PAGE
    } else {
        PUBLIC_DATA
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
}

/// True when a page holds a visitor's form token (and so is theirs alone).
pub(crate) fn holds_form_token(bytes: &[u8]) -> bool {
    let needle = b"name=\"csrf_token\"";
    bytes.windows(needle.len()).any(|w| w == needle)
        || bytes.windows(12).any(|w| w == b"?csrf_token=")
}

/// A strong tag over the bytes and the representation's type, so the JSON and HTML of one
/// URL never share a tag.
pub(crate) fn entity_tag(bytes: &[u8], headers: &HeaderMap) -> String {
    let mut hasher = Sha256::new();
    if let Some(content_type) = headers.get(header::CONTENT_TYPE) {
        hasher.update(content_type.as_bytes());
    }
    hasher.update([0]);
    hasher.update(bytes);
    let digest = hasher.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// `If-None-Match`: `*`, or a list of tags compared weakly (RFC 9110 13.1.2).
fn matches_any(header_value: &str, tag: &str) -> bool {
    header_value.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists() {
        assert!(matches_any("\"a\", \"b\"", "\"b\""));
        assert!(matches_any("W/\"b\"", "\"b\""));
        assert!(matches_any("*", "\"b\""));
        assert!(!matches_any("\"c\"", "\"b\""));
    }

    #[test]
    fn tags_differ_by_bytes_and_by_type() {
        let mut html = HeaderMap::new();
        html.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        let mut json = HeaderMap::new();
        json.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        assert_ne!(entity_tag(b"x", &html), entity_tag(b"y", &html));
        assert_ne!(entity_tag(b"x", &html), entity_tag(b"x", &json));
        assert_eq!(entity_tag(b"x", &html), entity_tag(b"x", &html));
    }

    #[test]
    fn form_tokens_make_a_page_personal() {
        assert!(holds_form_token(b"<input name=\"csrf_token\" value=\"x\">"));
        assert!(holds_form_token(b"action=\"/report?csrf_token=abc\""));
        assert!(!holds_form_token(b"<p>hello</p>"));
    }
}
