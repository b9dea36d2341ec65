//! API keys on machine routes: finding the key a request presents, holding it to its
//! limit per minute, checking it may do what is asked, and telling the client its
//! allowance in the IETF `RateLimit-Policy` and `RateLimit` headers on every answer.

use crate::AppError;
use crate::AppState;
use crate::app::tokens::token_hash;
use axum::extract::{FromRequestParts, Request};
use axum::http::HeaderValue;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use civic_domain::api_key::{KeyRefusal, Scope};
use civic_storage::ApiKey;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use time::OffsetDateTime;

/// Every key's window: limits are per minute.
const WINDOW: Duration = Duration::from_secs(60);

/// Where a key's check leaves its allowance for the response: the quota, what is left of
/// it and the seconds until the window ends.
#[derive(Debug, Clone, Default)]
pub struct AllowanceSlot(Arc<Mutex<Option<(u32, u64, u64)>>>);

impl AllowanceSlot {
    fn set(&self, quota: u32, remaining: u64, reset: u64) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some((quota, remaining, reset));
        }
    }

    /// The allowance's two headers, if a key was checked.
    pub fn headers(&self) -> Option<(HeaderValue, HeaderValue)> {
        let (quota, remaining, reset) = (*self.0.lock().ok()?)?;
        Some((
            HeaderValue::from_str(&format!("\"per-key\";q={quota};w={}", WINDOW.as_secs())).ok()?,
            HeaderValue::from_str(&format!("\"per-key\";r={remaining};t={reset}")).ok()?,
        ))
    }
}

/// Middleware for machine routes: gives each request an empty allowance slot and, when a
/// key was checked, adds `RateLimit-Policy` and `RateLimit` to whatever was answered
/// (a 429 included).
pub async fn allowance_headers(mut req: Request, next: Next) -> Response {
    let slot = AllowanceSlot::default();
    req.extensions_mut().insert(slot.clone());
    let mut response = next.run(req).await;
    if let Some((policy, now)) = slot.headers() {
        let headers = response.headers_mut();
        headers.insert("ratelimit-policy", policy);
        headers.insert("ratelimit", now);
    }
    response
}

/// The key a request presents as `Authorization: Bearer …`, not yet checked.
#[derive(Debug, Clone, Default)]
pub struct PresentedKey {
    secret: Option<String>,
    slot: AllowanceSlot,
}

impl FromRequestParts<AppState> for PresentedKey {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        Ok(PresentedKey {
            secret: crate::app::auth::bearer_token(&parts.headers).map(str::to_string),
            slot: parts
                .extensions
                .get::<AllowanceSlot>()
                .cloned()
                .unwrap_or_default(),
        })
    }
}

impl PresentedKey {
    /// A key sent some other way (Open311's `api_key` parameter), with the slot of the
    /// request it came in.
    pub fn from_secret(secret: Option<&str>, slot: AllowanceSlot) -> PresentedKey {
        PresentedKey {
            secret: secret.map(str::to_string),
            slot,
        }
    }

    /// True when the request carried a bearer credential at all.
    pub fn is_present(&self) -> bool {
        self.secret.is_some()
    }

    /// Finds the key, counts the request against its limit, and checks it may do `scope`
    /// on `body`'s data today: 401 for no key or a revoked or expired one, 429 over the
    /// limit, 403 for another body's key, a missing scope or an agreement not in force.
    pub async fn authorise(
        &self,
        state: &AppState,
        body: &str,
        scope: &Scope,
    ) -> Result<ApiKey, AppError> {
        let key = self.find(state).await?;
        key.terms()
            .permits(body, scope, OffsetDateTime::now_utc().date())
            .map_err(AppError::KeyRefused)?;
        Ok(key)
    }

    /// Finds the key and counts the request against its limit, without checking a scope:
    /// for routes where the scope depends on the key (which data set it pushes to).
    pub async fn find(&self, state: &AppState) -> Result<ApiKey, AppError> {
        let secret = self
            .secret
            .as_deref()
            .ok_or(AppError::KeyRefused(KeyRefusal::Unknown))?;
        let key = state
            .store
            .api_key(&token_hash(secret))
            .await?
            .ok_or(AppError::KeyRefused(KeyRefusal::Unknown))?;
        let now = OffsetDateTime::now_utc();
        key.terms()
            .usable(now.date())
            .map_err(AppError::KeyRefused)?;
        let (hits, reset) = state
            .store
            .count_hit(&format!("apikey:{}", key.id), WINDOW, now)
            .await?;
        let quota = key.per_minute;
        self.slot
            .set(quota, u64::from(quota).saturating_sub(hits), reset);
        if hits > u64::from(quota) {
            return Err(AppError::TooManyRequests(reset));
        }
        Ok(key)
    }
}
