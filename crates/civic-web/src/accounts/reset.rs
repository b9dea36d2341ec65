//! Forgotten passwords: a link by email that works once, for an hour, and never tells
//! anyone whether an address has an account.

use crate::AppError;
use crate::AppState;
use crate::app::auth;
use crate::app::extract::{Form, Path};
use crate::app::layout::{FormErrors, Layout, PageContext, render};
use crate::app::tokens;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use civic_domain::FieldErrors;
use civic_domain::staff::{PASSWORD_RESET_MINUTES, check_new_password};
use civic_domain::validation::is_valid_email;
use civic_storage::OutboxMessage;
use serde::Deserialize;
use time::OffsetDateTime;

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage {
    layout: Layout,
    email: String,
    errors: FormErrors,
    sent: bool,
}

/// `GET /staff/forgot-password`.
pub async fn forgot_form(ctx: PageContext) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &ForgotPage {
            layout: ctx.layout_t("accounts-forgot-title"),
            email: String::new(),
            errors: FormErrors::default(),
            sent: false,
        },
    )
}

/// The forgotten-password form.
#[derive(Debug, Default, Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /staff/forgot-password`: emails a reset link when the address has an account,
/// and answers the same either way.
pub async fn forgot(
    State(state): State<AppState>,
    client: auth::ClientAddress,
    ctx: PageContext,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let email = form.email.trim().to_lowercase();
    let mut errors = FieldErrors::default();
    if email.is_empty() {
        errors.add_t(
            "email",
            "accounts-error-email-missing",
            "Enter your email address",
        );
    } else if !is_valid_email(&email) {
        errors.add_t(
            "email",
            "accounts-error-email-format",
            "Enter an email address in the correct format, like name@example.org",
        );
    }
    if !errors.is_empty() {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ForgotPage {
                layout: ctx.layout(ctx.error_title(&ctx.t("accounts-forgot-title"))),
                email,
                errors: FormErrors(errors),
                sent: false,
            },
        );
    }
    // Limited whether or not the address has an account, so the limit tells nothing either.
    state.submissions.check_sender(&client, &email).await?;
    let token = tokens::new_token();
    let now = OffsetDateTime::now_utc();
    let message = OutboxMessage {
        kind: super::emails::PASSWORD_RESET.into(),
        recipient: email.clone(),
        payload: serde_json::json!({ "token": token, "lang": ctx.lang.code() }),
    };
    let found = state
        .store
        .start_password_reset(
            &email,
            &tokens::token_hash(&token),
            &message,
            now,
            now + time::Duration::minutes(PASSWORD_RESET_MINUTES),
        )
        .await?;
    tracing::info!(account_found = found, "password reset asked for");
    render(
        StatusCode::OK,
        &ForgotPage {
            layout: ctx.layout_t("accounts-forgot-sent-title"),
            email,
            errors: FormErrors::default(),
            sent: true,
        },
    )
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    layout: Layout,
    token: String,
    email: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "accounts/reset_gone.html")]
struct ResetGonePage {
    layout: Layout,
}

/// The answer to a link that is unknown, used or expired: 410, with the way to a new one.
fn link_gone(ctx: &PageContext) -> Result<Response, AppError> {
    render(
        StatusCode::GONE,
        &ResetGonePage {
            layout: ctx.layout_t("accounts-reset-gone-title"),
        },
    )
}

/// `GET /staff/reset-password/{token}`: the form to choose a new password.
pub async fn reset_form(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = OffsetDateTime::now_utc();
    match state
        .store
        .password_reset_email(&tokens::token_hash(&token), now)
        .await?
    {
        Some(email) => render(
            StatusCode::OK,
            &ResetPage {
                layout: ctx.layout_t("accounts-reset-title"),
                token,
                email,
                errors: FormErrors::default(),
            },
        ),
        None => link_gone(&ctx),
    }
}

/// The choose-a-new-password form.
#[derive(Debug, Default, Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /staff/reset-password/{token}`: sets the new password, uses the link up and ends
/// every session of the account; then the person signs in afresh.
pub async fn reset(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    let hash = tokens::token_hash(&token);
    let now = OffsetDateTime::now_utc();
    let Some(email) = state.store.password_reset_email(&hash, now).await? else {
        return link_gone(&ctx);
    };
    let mut errors = FieldErrors::default();
    check_new_password(&mut errors, &form.password, &form.confirm);
    if !errors.is_empty() {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ResetPage {
                layout: ctx.layout(ctx.error_title(&ctx.t("accounts-reset-title"))),
                token,
                email,
                errors: FormErrors(errors),
            },
        );
    }
    let password_hash = auth::hash_password(form.password).await?;
    match state
        .store
        .complete_password_reset(
            &hash,
            &password_hash,
            &super::emails::password_changed(&email),
            OffsetDateTime::now_utc(),
        )
        .await?
    {
        Some(staff_id) => {
            tracing::info!(staff_id, "password reset by email link");
            Ok(Redirect::to("/staff/login?reset=1").into_response())
        }
        None => link_gone(&ctx),
    }
}
