//! Staff pages for a body's Open311 API keys: create (shown once) and revoke.

use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::extract::Form;
use crate::app::extract::Path;
use crate::app::i18n::Arg;
use crate::app::layout::FormErrors;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::format_datetime;
use crate::app::layout::render;
use crate::app::tokens::token_hash;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::FieldErrors;
use civic_storage::ApiKey;
use serde::Deserialize;
use time::OffsetDateTime;

#[derive(Template)]
#[template(path = "open311/api_keys.html")]
struct KeysPage {
    layout: Layout,
    body: Body,
    keys: Vec<ApiKey>,
    new_key: Option<String>,
    errors: FormErrors,
}

impl KeysPage {
    fn when(&self, t: &OffsetDateTime) -> String {
        format_datetime(*t)
    }
}

/// The page's title: "Open311 API keys – Northshire Council".
fn title(ctx: &PageContext, body: &Body) -> String {
    ctx.lang.t_with(
        "open311-keys-title",
        &[(
            "body",
            Arg::from(body.name_in(crate::app::i18n::is_welsh())),
        )],
    )
}

/// `GET /staff/bodies/{body}/api-keys`: the body's Open311 client keys.
pub async fn api_keys(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    let keys = state.store.list_api_keys(&body.slug).await?;
    render(
        StatusCode::OK,
        &KeysPage {
            layout: ctx.layout(title(&ctx, &body)),
            body,
            keys,
            new_key: None,
            errors: FormErrors::default(),
        },
    )
}

/// The new key form.
#[derive(Debug, Default, Deserialize)]
pub struct KeyForm {
    #[serde(default)]
    name: String,
    /// Present ("yes") when the key is for the body's own back-office system.
    #[serde(default)]
    back_office: Option<String>,
}

/// `POST /staff/bodies/{body}/api-keys`: issues a key and shows it once.
pub async fn create_api_key(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Form(form): Form<KeyForm>,
) -> Result<Response, AppError> {
    let name = form.name.trim().to_string();
    let mut errors = FieldErrors::default();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add_t(
            "name",
            "open311-error-name",
            "Enter the app or system's name, up to 100 characters",
        );
    }
    let mut new_key = None;
    if errors.is_empty() {
        let key = crate::app::tokens::new_token();
        state
            .store
            .create_api_key(
                &body.slug,
                &name,
                &token_hash(&key),
                form.back_office.is_some(),
            )
            .await?;
        new_key = Some(key);
    }
    let keys = state.store.list_api_keys(&body.slug).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &KeysPage {
            layout: ctx.layout(title(&ctx, &body)),
            body,
            keys,
            new_key,
            errors: FormErrors(errors),
        },
    )
}

/// `POST /staff/bodies/{body}/api-keys/{id}/revoke`.
pub async fn revoke_api_key(
    State(state): State<AppState>,
    StaffOf { body, .. }: StaffOf,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    state.store.revoke_api_key(&body.slug, id).await?;
    Ok(Redirect::to(&format!("/staff/bodies/{}/api-keys", body.slug)).into_response())
}
