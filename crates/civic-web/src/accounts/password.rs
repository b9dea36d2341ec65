//! Changing one's password (which signs one out everywhere else).

use crate::AppError;
use crate::AppState;
use crate::app::auth;
use crate::app::auth::SignedIn;
use crate::app::extract::Form;
use crate::app::extract::Query;
use crate::app::layout::FormErrors;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::SavedParam;
use crate::app::layout::render;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::FieldErrors;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "accounts/password.html")]
struct PasswordPage {
    layout: Layout,
    errors: FormErrors,
    saved: bool,
}

/// `GET /staff/password`.
pub async fn password_form(
    ctx: PageContext,
    _staff: SignedIn,
    Query(params): Query<SavedParam>,
) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &PasswordPage {
            layout: ctx.layout_t("accounts-password-title"),
            errors: FormErrors::default(),
            saved: params.saved.is_some(),
        },
    )
}

/// The change-password form.
#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /staff/password`: checks the current password, sets the new one, and signs the
/// account out everywhere else.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: PageContext,
    SignedIn(staff): SignedIn,
    client: auth::ClientAddress,
    headers: HeaderMap,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    if auth::authenticate(&state, &client, &staff.email, &form.current)
        .await?
        .is_none()
    {
        errors.add_t(
            "current",
            "accounts-error-current-password",
            "Your current password is not right",
        );
    }
    civic_domain::staff::check_new_password(&mut errors, &form.password, &form.confirm);
    if errors.for_field("password").is_none() && form.password == form.current {
        errors.add_t(
            "password",
            "accounts-error-password-unchanged",
            "The new password must be different from the current one",
        );
    }
    if !errors.is_empty() {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &PasswordPage {
                layout: ctx.layout(ctx.error_title(&ctx.t("accounts-password-title"))),
                errors: FormErrors(errors),
                saved: false,
            },
        );
    }
    let hash = auth::hash_password(form.password).await?;
    let keep = crate::app::csrf::cookie_value(&headers, auth::SESSION_COOKIE)
        .map(|t| crate::app::tokens::token_hash(&t));
    state
        .store
        .set_password_hash(
            staff.id,
            &hash,
            keep.as_deref(),
            &super::emails::password_changed(&staff.email),
        )
        .await?;
    tracing::info!(staff_id = staff.id, "password changed");
    Ok(Redirect::to("/staff/password?saved=1").into_response())
}
