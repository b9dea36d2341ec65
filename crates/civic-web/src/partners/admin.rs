//! Administrators' pages: the partners (add one), and one partner's keys from every body.

use super::keys::key_status;
use crate::AppError;
use crate::AppState;
use crate::app::auth::Admin;
use crate::app::extract::{Form, Path};
use crate::app::layout::{FormErrors, Layout, PageContext, format_datetime, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use civic_domain::FieldErrors;
use civic_domain::api_key::Scope;
use civic_domain::partner::PartnerInput;
use civic_storage::{ApiKey, Partner, StorageError};
use time::OffsetDateTime;

#[derive(Template)]
#[template(path = "partners/admin_list.html")]
struct PartnersPage {
    layout: Layout,
    partners: Vec<Partner>,
    input: PartnerInput,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "partners/admin_partner.html")]
struct PartnerPage {
    layout: Layout,
    partner: Partner,
    keys: Vec<ApiKey>,
}

impl PartnerPage {
    fn when(&self, t: &OffsetDateTime) -> String {
        format_datetime(*t)
    }

    fn kind_label(&self, key: &ApiKey) -> String {
        self.layout.t(super::kind_label_id(key.kind))
    }

    fn scopes_of(&self, key: &ApiKey) -> String {
        Scope::join(&key.scopes)
    }

    fn status(&self, key: &ApiKey) -> String {
        key_status(&self.layout, key)
    }
}

async fn list_page(
    state: &AppState,
    ctx: &PageContext,
    input: PartnerInput,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &PartnersPage {
            layout: ctx.layout_t("partners-admin-title"),
            partners: state.store.partners().await?,
            input,
            errors: FormErrors(errors),
        },
    )
}

/// `GET /admin/partners`.
pub async fn partners(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
) -> Result<Response, AppError> {
    list_page(
        &state,
        &ctx,
        PartnerInput::default(),
        FieldErrors::default(),
    )
    .await
}

/// `POST /admin/partners`: adds a partner, or shows what is wrong (nothing saved).
pub async fn create_partner(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut input = PartnerInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "name" => input.name = value,
            "org_id" => input.org_id = value,
            "website" => input.website = value,
            "description" => input.description = value,
            _ => {}
        }
    }
    let draft = match input.validate() {
        Ok(draft) => draft,
        Err(errors) => return list_page(&state, &ctx, input, errors).await,
    };
    match state.store.create_partner(&draft).await {
        Ok(created) => Ok(Redirect::to(&format!(
            "{}/admin/partners/{}",
            ctx.lang.prefix(),
            created.details.slug
        ))
        .into_response()),
        Err(StorageError::Conflict(_)) => {
            let mut errors = FieldErrors::default();
            errors.add_t(
                "name",
                "partners-error-duplicate",
                "A partner with this name is in the register already",
            );
            list_page(&state, &ctx, input, errors).await
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /admin/partners/{partner}`: the partner and its keys from every body.
pub async fn partner(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let partner = state
        .store
        .partner(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let keys = state.store.partner_api_keys(&slug).await?;
    render(
        StatusCode::OK,
        &PartnerPage {
            layout: ctx.layout(partner.details.name.clone()),
            partner,
            keys,
        },
    )
}
