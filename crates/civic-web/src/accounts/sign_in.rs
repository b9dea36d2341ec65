//! Signing in and out, and the staff home page.

use crate::AppError;
use crate::AppState;
use crate::app::auth;
use crate::app::auth::SignedIn;
use crate::app::extract::Form;
use crate::app::extract::Query;
use crate::app::layout::FormErrors;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::is_local_path;
use crate::app::layout::render;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::FieldErrors;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "accounts/sign_in.html")]
struct LoginPage {
    layout: Layout,
    next: String,
    email: String,
    errors: FormErrors,
    reset: bool,
}

/// Query string of the sign-in page.
#[derive(Debug, Default, Deserialize)]
pub struct NextParam {
    /// Where to go after signing in.
    #[serde(default)]
    pub next: Option<String>,
    /// Present after a password was reset by email.
    #[serde(default)]
    pub reset: Option<String>,
}

/// The sign-in form.
#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

fn safe_next(next: Option<&str>) -> String {
    next.filter(|n| is_local_path(n))
        .unwrap_or("/staff")
        .to_string()
}

/// `GET /staff/login`.
pub async fn login_form(
    ctx: PageContext,
    Query(params): Query<NextParam>,
) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &LoginPage {
            layout: ctx.layout_t("accounts-sign-in-title"),
            next: safe_next(params.next.as_deref()),
            email: String::new(),
            errors: FormErrors::default(),
            reset: params.reset.is_some(),
        },
    )
}

/// `POST /staff/login`: checks the password and starts a session.
pub async fn login(
    State(state): State<AppState>,
    client: auth::ClientAddress,
    ctx: PageContext,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    if form.email.trim().is_empty() {
        errors.add_t(
            "email",
            "accounts-error-email-missing",
            "Enter your email address",
        );
    }
    if form.password.is_empty() {
        errors.add_t(
            "password",
            "accounts-error-password-missing",
            "Enter your password",
        );
    }
    let staff = if errors.is_empty() {
        auth::authenticate(&state, &client, &form.email, &form.password).await?
    } else {
        None
    };
    let Some(staff) = staff else {
        if errors.is_empty() {
            errors.add_t(
                "email",
                "accounts-error-sign-in-failed",
                "The email address or password is not right",
            );
        }
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &LoginPage {
                layout: ctx.layout(ctx.error_title(&ctx.t("accounts-sign-in-title"))),
                next: safe_next(Some(&form.next)),
                email: form.email.trim().to_string(),
                errors: FormErrors(errors),
                reset: false,
            },
        );
    };
    tracing::info!(staff_id = staff.id, "signed in");
    let cookie = auth::start_session(&state, &staff).await?;
    Ok((
        [(header::SET_COOKIE, cookie)],
        Redirect::to(&safe_next(Some(&form.next))),
    )
        .into_response())
}

/// `POST /staff/logout`.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let cookie = auth::end_session(&state, &headers).await?;
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}

#[derive(Template)]
#[template(path = "accounts/home.html")]
struct StaffHomePage {
    layout: Layout,
    body: Option<Body>,
}

/// `GET /staff`: where a signed-in person starts.
pub async fn home(
    State(state): State<AppState>,
    ctx: PageContext,
    SignedIn(staff): SignedIn,
) -> Result<Response, AppError> {
    let body = match &staff.body {
        Some(slug) => state.store.get_body(slug).await?,
        None => None,
    };
    render(
        StatusCode::OK,
        &StaffHomePage {
            layout: ctx.layout_t("accounts-home-title"),
            body,
        },
    )
}

/// `POST /staff/sign-out-everywhere`: ends every session of this account, this one too (a
/// lost phone, a shared computer).
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    SignedIn(staff): SignedIn,
) -> Result<Response, AppError> {
    // Every session, this one included: only the cookie is left to clear.
    state.store.end_sessions(staff.id, None).await?;
    let cookie = auth::clearing_cookie(&state);
    Ok((
        [(header::SET_COOKIE, cookie)],
        Redirect::to("/staff/login?signed_out=everywhere"),
    )
        .into_response())
}
