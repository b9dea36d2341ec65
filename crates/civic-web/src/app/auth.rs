//! Passwords (argon2), sessions, and the extractors that say who is asking: signed-in staff,
//! administrators, staff of one body, and staff systems on the write API.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::csrf::cookie_value;
use crate::app::tokens::token_hash;
use argon2::Argon2;
use argon2::password_hash::PasswordHasher;
use argon2::password_hash::PasswordVerifier;
use argon2::password_hash::phc::PasswordHash;
use axum::Router;
use axum::extract::ConnectInfo;
use axum::extract::FromRequestParts;
use axum::extract::OriginalUri;
use axum::extract::RawPathParams;
use axum::extract::Request;
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::MethodRouter;
use base64::Engine;
use civic_domain::Body;
use civic_domain::Staff;
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "civic_session";
/// How long a session lasts at most, in seconds: a working day.
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;

/// Hashes a password with argon2id off the async threads (it is deliberately slow).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hashing password: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("hashing task: {e}")))?
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, checked when the email is unknown so that a wrong email
/// takes as long as a wrong password and does not reveal which accounts exist.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let password: [u8; 16] = rand::random();
        Argon2::default()
            .hash_password(&password)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// How long one account's count of wrong passwords lasts.
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// How long a password check may wait for a turn before the caller is told to come back.
const CHECK_QUEUE: Duration = Duration::from_secs(10);

/// Checks an email and password from `client`; the account when they match. Every path that
/// checks a password comes here, so every one is limited alike: per client address, a
/// minute's and an hour's allowance (the wait grows as guessing goes on); per account, a
/// ceiling on wrong passwords from anywhere, which a right password does not add to, so an
/// attacker elsewhere slows only themselves until the ceiling. At most a few checks run at
/// once: argon2 is slow and large on purpose.
pub async fn authenticate(
    state: &AppState,
    client: &ClientAddress,
    email: &str,
    password: &str,
) -> Result<Option<Staff>, AppError> {
    let now = time::OffsetDateTime::now_utc();
    let per_minute = state.config.password_attempts_per_minute;
    for (window, allowed) in [(60, per_minute), (3600, per_minute.saturating_mul(10))] {
        let key = format!("password:{window}:{}", client.0);
        let window = Duration::from_secs(window);
        if let Err(wait) = state.store.count_event(&key, allowed, window, now).await? {
            return Err(AppError::TooManyRequests(wait));
        }
    }
    let failures = format!("password-failures:{}", email.trim().to_lowercase());
    let (failed, left) = state
        .store
        .window_hits(&failures, FAILURE_WINDOW, now)
        .await?;
    if failed >= u64::from(state.config.password_failures_per_account) {
        return Err(AppError::TooManyRequests(left.unwrap_or(1)));
    }
    let credentials = state.store.staff_credentials(email).await?;
    let password = password.to_string();
    let (hash, staff) = match credentials {
        Some(c) => (c.password_hash, Some(c.staff)),
        None => (String::new(), None),
    };
    let Ok(Ok(_turn)) =
        tokio::time::timeout(CHECK_QUEUE, state.password_checks.clone().acquire_owned()).await
    else {
        return Err(AppError::Busy(CHECK_QUEUE.as_secs()));
    };
    let ok = tokio::task::spawn_blocking(move || {
        let hash = if hash.is_empty() {
            decoy_hash().to_string()
        } else {
            hash
        };
        verify_blocking(&password, &hash)
    })
    .await
    .map_err(|e| AppError::Internal(format!("verify task: {e}")))?;
    if !ok {
        // Counted only: the ceiling is looked at before the next check.
        let _counted = state
            .store
            .count_event(&failures, u32::MAX, FAILURE_WINDOW, now)
            .await?;
    }
    Ok(staff.filter(|s| ok && s.active))
}

/// The address a request came from, for per-client limits: the connection's peer, or with
/// `trust_forwarded_for` the last address the reverse proxy added to `X-Forwarded-For`.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, std::convert::Infallible> {
        let forwarded = state
            .config
            .trust_forwarded_for
            .then(|| {
                parts
                    .headers
                    .get_all("x-forwarded-for")
                    .iter()
                    .next_back()
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.rsplit(',').next())
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
            })
            .flatten();
        let peer = || {
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string())
        };
        Ok(ClientAddress(forwarded.unwrap_or_else(peer)))
    }
}

/// How long a session may go unused before it ends.
fn idle_time(state: &AppState) -> time::Duration {
    time::Duration::try_from(state.config.session_idle).unwrap_or(time::Duration::hours(1))
}

/// Starts a session for `staff` and returns the `Set-Cookie` header value.
pub async fn start_session(state: &AppState, staff: &Staff) -> Result<String, AppError> {
    let token = crate::app::tokens::new_token();
    // A session ends after the idle time unless used; `CurrentStaff` keeps it alive.
    let idle = idle_time(state).min(time::Duration::seconds(SESSION_SECONDS));
    let expires = time::OffsetDateTime::now_utc() + idle;
    state
        .store
        .create_session(&token_hash(&token), staff.id, expires)
        .await?;
    Ok(crate::app::csrf::set_cookie(
        SESSION_COOKIE,
        &token,
        state.config.behind_tls(),
        "Lax",
        Some(SESSION_SECONDS),
    ))
}

/// Ends the session carried by these headers, if any, and returns the clearing cookie.
pub async fn end_session(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<String, AppError> {
    if let Some(token) = cookie_value(headers, SESSION_COOKIE) {
        state.store.delete_session(&token_hash(&token)).await?;
    }
    Ok(clearing_cookie(state))
}

/// The `Set-Cookie` header value that removes the session cookie.
pub fn clearing_cookie(state: &AppState) -> String {
    crate::app::csrf::set_cookie(
        SESSION_COOKIE,
        "",
        state.config.behind_tls(),
        "Lax",
        Some(0),
    )
}

/// The signed-in staff member, if any.
#[derive(Debug, Clone)]
pub struct CurrentStaff(pub Option<Staff>);

impl FromRequestParts<AppState> for CurrentStaff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(found) = parts.extensions.get::<CurrentStaff>() {
            return Ok(found.clone());
        }
        let staff = match cookie_value(&parts.headers, SESSION_COOKIE) {
            Some(token) if !token.is_empty() => {
                let absolute = time::Duration::seconds(SESSION_SECONDS);
                let idle = idle_time(state).min(absolute);
                let now = time::OffsetDateTime::now_utc();
                state
                    .store
                    .use_session(&token_hash(&token), now, idle, absolute)
                    .await?
            }
            _ => None,
        };
        let current = CurrentStaff(staff);
        parts.extensions.insert(current.clone());
        Ok(current)
    }
}

/// A signed-in staff member or administrator; anyone else is sent to sign in.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Staff);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match CurrentStaff::from_request_parts(parts, state).await?.0 {
            Some(staff) => Ok(SignedIn(staff)),
            // Nested routers see their own part of the path; come back to the whole of it.
            None => Err(AppError::SignInRequired(
                parts
                    .extensions
                    .get::<OriginalUri>()
                    .map_or(&parts.uri, |o| &o.0)
                    .path_and_query()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_else(|| "/staff".into()),
            )),
        }
    }
}

/// A signed-in person who works for the body named by the path's `{body}`, with that body:
/// the tenant wall, checked once, before any staff page of a body runs.
#[derive(Debug, Clone)]
pub struct StaffOf {
    /// Who is asking.
    pub staff: Staff,
    /// The body they work for, named in the path.
    pub body: Body,
}

/// The signed-in person and the body named in the path, when `allowed` admits them there.
async fn person_of_body(
    parts: &mut Parts,
    state: &AppState,
    allowed: fn(&Staff, &str) -> bool,
) -> Result<StaffOf, AppError> {
    let SignedIn(staff) = SignedIn::from_request_parts(parts, state).await?;
    let params = RawPathParams::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound)?;
    let slug = params
        .iter()
        .find(|(name, _)| *name == "body")
        .map(|(_, value)| value.to_string())
        .ok_or(AppError::NotFound)?;
    if !allowed(&staff, &slug) {
        return Err(AppError::Forbidden);
    }
    let body = state.body(&slug).await?;
    Ok(StaffOf { staff, body })
}

impl FromRequestParts<AppState> for StaffOf {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(found) = parts.extensions.get::<StaffOf>() {
            return Ok(found.clone());
        }
        let found = person_of_body(parts, state, Staff::may_manage).await?;
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// A signed-in staff member or moderator of the body named in the path: who may hide and
/// restore what residents published there.
#[derive(Debug, Clone)]
pub struct ModeratorOf {
    /// Who is asking.
    pub staff: Staff,
    /// The body they moderate, named in the path.
    pub body: Body,
}

impl FromRequestParts<AppState> for ModeratorOf {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(found) = parts.extensions.get::<ModeratorOf>() {
            return Ok(found.clone());
        }
        let StaffOf { staff, body } = person_of_body(parts, state, Staff::may_moderate).await?;
        let found = ModeratorOf { staff, body };
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// The staff pages of one body, mounted under `/staff/bodies/{body}`: most behind
/// [`StaffOf`], moderation pages behind [`ModeratorOf`]. Each path is recorded, so the
/// tenancy tests probe every staff page there is.
#[derive(Default)]
pub struct StaffRoutes {
    staff: Router<AppState>,
    moderators: Router<AppState>,
    paths: Vec<&'static str>,
}

impl StaffRoutes {
    /// No pages yet.
    pub fn new() -> StaffRoutes {
        StaffRoutes::default()
    }

    /// Adds a page at `path` (relative to `/staff/bodies/{body}`) for the body's staff.
    pub fn route(mut self, path: &'static str, methods: MethodRouter<AppState>) -> StaffRoutes {
        self.staff = self.staff.route(path, methods);
        self.paths.push(path);
        self
    }

    /// Adds a page at `path` for the body's staff and its moderators.
    pub fn moderation(
        mut self,
        path: &'static str,
        methods: MethodRouter<AppState>,
    ) -> StaffRoutes {
        self.moderators = self.moderators.route(path, methods);
        self.paths.push(path);
        self
    }

    /// Adds another feature's staff pages.
    pub fn merge(mut self, other: StaffRoutes) -> StaffRoutes {
        self.staff = self.staff.merge(other.staff);
        self.moderators = self.moderators.merge(other.moderators);
        self.paths.extend(other.paths);
        self
    }

    /// Every path, relative to `/staff/bodies/{body}`.
    pub fn paths(&self) -> &[&'static str] {
        &self.paths
    }

    /// The pages behind the tenant wall: no handler runs unless its guard admits the caller.
    pub fn into_router(self, state: AppState) -> Router<AppState> {
        let staff = self.staff.route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            admit::<StaffOf>,
        ));
        let moderators = self
            .moderators
            .route_layer(axum::middleware::from_fn_with_state(
                state,
                admit::<ModeratorOf>,
            ));
        staff.merge(moderators)
    }
}

/// Middleware: runs the page only for those the guard `G` admits (and keeps who they are for
/// the handler's own extractor).
async fn admit<G: Clone + Send + Sync + 'static>(
    guard: G,
    mut req: Request,
    next: Next,
) -> Response {
    req.extensions_mut().insert(guard);
    next.run(req).await
}

/// A signed-in administrator of the deployment.
#[derive(Debug, Clone)]
pub struct Admin(pub Staff);

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let SignedIn(staff) = SignedIn::from_request_parts(parts, state).await?;
        if staff.is_admin() {
            Ok(Admin(staff))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The token of an `Authorization: Bearer …` header, if one was sent.
pub fn bearer_token(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// A staff member authenticated by HTTP Basic credentials, for the write API.
#[derive(Debug, Clone)]
pub struct ApiStaff(pub Staff);

impl FromRequestParts<AppState> for ApiStaff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (email, password) = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Basic "))
            .and_then(|b64| {
                base64::engine::general_purpose::STANDARD
                    .decode(b64.trim())
                    .ok()
            })
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|pair| {
                pair.split_once(':')
                    .map(|(e, p)| (e.to_string(), p.to_string()))
            })
            .ok_or(ApiError(AppError::Unauthorised))?;
        let Ok(client) = ClientAddress::from_request_parts(parts, state).await;
        match authenticate(state, &client, &email, &password).await? {
            Some(staff) => Ok(ApiStaff(staff)),
            None => Err(ApiError(AppError::Unauthorised)),
        }
    }
}

impl ApiStaff {
    /// Refuses unless this person works for `body`.
    pub fn for_body(&self, body: &str) -> Result<&Staff, ApiError> {
        if self.0.may_manage(body) {
            Ok(&self.0)
        } else {
            Err(ApiError(AppError::Forbidden))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_when_right() {
        let hash = Argon2::default()
            .hash_password(b"correct horse battery")
            .map(|h| h.to_string())
            .unwrap();
        assert!(verify_blocking("correct horse battery", &hash));
        assert!(!verify_blocking("wrong horse battery", &hash));
        assert!(!verify_blocking("anything", "not a hash"));
    }

    #[test]
    fn token_hashes_are_hex_sha256() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
