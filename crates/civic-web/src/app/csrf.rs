//! Cross-site request forgery protection for browser routes, checked on every state-changing
//! form. A signed-in person's token is derived from their session, so a cookie planted by a
//! neighbouring site cannot stand in for it; before sign-in there is no session, and a
//! double-submit cookie guards the sign-in and public forms. Machine routes are merged
//! outside this layer.

use crate::AppError;
use crate::AppState;
use crate::app::tokens::{constant_time_eq, derived_token, new_token};
use axum::body::Body;
use axum::extract::Request;
use axum::extract::State;
use axum::http::Method;
use axum::http::header;
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::response::Response;

/// The cookie holding the token.
pub const COOKIE: &str = "civic_csrf";
/// The form field that must echo it.
pub const FIELD: &str = "csrf_token";

/// The current visitor's token, for hidden form fields.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Reads one cookie's value from the request headers.
pub fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Builds a `Set-Cookie` value with Civic's standard attributes.
pub fn set_cookie(
    name: &str,
    value: &str,
    secure: bool,
    same_site: &str,
    max_age: Option<i64>,
) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// The form token of a session (see [`derived_token`]).
fn session_token(session: &str) -> String {
    derived_token(session, "csrf")
}

/// Middleware: issues the token, and refuses unsafe requests that do not echo it.
pub async fn protect(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let cookie = cookie_value(req.headers(), COOKIE).filter(|t| well_formed(t));
    let session =
        cookie_value(req.headers(), crate::app::auth::SESSION_COOKIE).filter(|t| well_formed(t));
    // What a form must echo; `None` (a first visit) matches nothing.
    let expected = match &session {
        Some(session) => Some(session_token(session)),
        None => cookie.clone(),
    };
    let token = expected.clone().unwrap_or_else(new_token);
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"));
    if unsafe_method && multipart {
        // File uploads carry the token in the form's action URL, so the (large) body need
        // not be read twice.
        let submitted = req
            .uri()
            .query()
            .and_then(|q| form_urlencoded_field(q.as_bytes(), FIELD));
        if !echoes(submitted.as_deref(), expected.as_deref()) {
            return AppError::FormExpired.into_response();
        }
    } else if unsafe_method {
        // Every state change here needs the token, whatever the body claims to be: no
        // browser route reads JSON (the API is a machine route, outside this layer).
        let (parts, body) = req.into_parts();
        let bytes = match axum::body::to_bytes(body, 1024 * 1024).await {
            Ok(bytes) => bytes,
            Err(_) => {
                return AppError::TooLarge.into_response();
            }
        };
        let submitted = form_urlencoded_field(&bytes, FIELD);
        if !echoes(submitted.as_deref(), expected.as_deref()) {
            return AppError::FormExpired.into_response();
        }
        req = Request::from_parts(parts, Body::from(bytes));
    }
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(req).await;
    if cookie.is_none() {
        // The cookie holds a random token of its own, never the session's.
        let value = if session.is_none() {
            token
        } else {
            new_token()
        };
        let cookie = set_cookie(COOKIE, &value, state.config.behind_tls(), "Strict", None);
        if let Ok(value) = cookie.parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// True when a form echoed the expected token (and there was one to expect).
fn echoes(submitted: Option<&str>, expected: Option<&str>) -> bool {
    submitted
        .zip(expected)
        .is_some_and(|(s, e)| constant_time_eq(s.as_bytes(), e.as_bytes()))
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_well_formed() {
        let a = new_token();
        assert!(well_formed(&a));
        assert_ne!(a, new_token());
        assert!(!well_formed("short"));
    }

    #[test]
    fn a_session_token_is_well_formed_and_not_the_stored_hash() {
        let session = new_token();
        let token = session_token(&session);
        assert!(well_formed(&token));
        assert_ne!(token, crate::app::tokens::token_hash(&session));
        assert_ne!(token, session_token(&new_token()));
    }

    #[test]
    fn reads_the_field_from_a_form() {
        assert_eq!(
            form_urlencoded_field(b"name=x&csrf_token=abc%2Bd", FIELD).as_deref(),
            Some("abc+d")
        );
        assert_eq!(form_urlencoded_field(b"name=x", FIELD), None);
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
    }
}
