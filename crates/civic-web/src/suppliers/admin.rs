//! Administrators' pages: add a supplier, change one. Its postcode's point comes from the
//! addresses register when the register knows it.

use super::pages::scale_id;
use crate::AppError;
use crate::AppState;
use crate::app::auth::Admin;
use crate::app::extract::{Form, Path};
use crate::app::layout::{FormErrors, Layout, PageContext, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use civic_domain::FieldErrors;
use civic_domain::supplier::{OrgId, Scale, SupplierDraft, SupplierInput};
use civic_storage::StorageError;

#[derive(Template)]
#[template(path = "suppliers/form.html")]
struct FormPage {
    layout: Layout,
    /// The supplier being changed, or `None` when adding one.
    editing: Option<String>,
    input: SupplierInput,
    scales: [Scale; 4],
    errors: FormErrors,
}

impl FormPage {
    fn scale_name(&self, scale: &Scale) -> String {
        self.layout.t(scale_id(scale))
    }
}

fn form_page(
    ctx: &PageContext,
    editing: Option<String>,
    input: SupplierInput,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &FormPage {
            layout: ctx.layout_t(if editing.is_some() {
                "suppliers-edit-title"
            } else {
                "suppliers-new-title"
            }),
            editing,
            input,
            scales: Scale::ALL,
            errors: FormErrors(errors),
        },
    )
}

fn input_from(pairs: Vec<(String, String)>) -> SupplierInput {
    let mut input = SupplierInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "org_id" => input.org_id = value,
            "name" => input.name = value,
            "address" => input.address = value,
            "postcode" => input.postcode = value,
            "scale" => input.scale = value,
            "vcse" => input.vcse = true,
            "social_enterprise" => input.social_enterprise = true,
            "supported_employment" => input.supported_employment = true,
            "standards" => input.standards = value,
            "frameworks" => input.frameworks = value,
            "areas" => input.areas = value,
            "kinds" => input.kinds = value,
            "spend_names" => input.spend_names = value,
            _ => {}
        }
    }
    input
}

fn input_of(draft: &SupplierDraft) -> SupplierInput {
    SupplierInput {
        org_id: draft.org_id.to_string(),
        name: draft.name.clone(),
        address: draft.address.clone(),
        postcode: draft.postcode.clone(),
        scale: draft.scale.as_str().to_string(),
        vcse: draft.vcse,
        social_enterprise: draft.social_enterprise,
        supported_employment: draft.supported_employment,
        standards: draft.standards.join("\n"),
        frameworks: draft.frameworks.join("\n"),
        areas: draft.areas.join("\n"),
        kinds: draft.kinds.join("\n"),
        spend_names: draft.spend_names.join("\n"),
    }
}

/// `GET /admin/suppliers/new`.
pub async fn new_supplier(ctx: PageContext, _admin: Admin) -> Result<Response, AppError> {
    form_page(&ctx, None, SupplierInput::default(), FieldErrors::default())
}

/// `POST /admin/suppliers/new`: adds the supplier, or shows what is wrong (nothing saved).
pub async fn create_supplier(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let input = input_from(pairs);
    let draft = match input.validate() {
        Ok(draft) => draft,
        Err(errors) => return form_page(&ctx, None, input, errors),
    };
    let point = crate::places::nearby::postcode_point(&state, &draft.postcode).await?;
    match state.store.create_supplier(&draft, point).await {
        Ok(created) => Ok(Redirect::to(&format!(
            "{}/suppliers/{}",
            ctx.lang.prefix(),
            created.details.org_id
        ))
        .into_response()),
        Err(StorageError::Conflict(_)) => {
            let mut errors = FieldErrors::default();
            errors.add_with(
                "org_id",
                "suppliers-error-duplicate",
                vec![("org_id", draft.org_id.to_string())],
                format!(
                    "{} is registered already: change that entry instead",
                    draft.org_id
                ),
            );
            form_page(&ctx, None, input, errors)
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /admin/suppliers/{org_id}/edit`.
pub async fn edit_supplier(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
    Path(org_id): Path<String>,
) -> Result<Response, AppError> {
    let org_id = OrgId::parse(&org_id).ok_or(AppError::NotFound)?;
    let supplier = state
        .store
        .supplier(&org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    form_page(
        &ctx,
        Some(org_id.to_string()),
        input_of(&supplier.details),
        FieldErrors::default(),
    )
}

/// `POST /admin/suppliers/{org_id}/edit`: saves the changes; the org-id stays.
pub async fn update_supplier(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
    Path(org_id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let org_id = OrgId::parse(&org_id).ok_or(AppError::NotFound)?;
    let mut input = input_from(pairs);
    input.org_id = org_id.to_string();
    let draft = match input.validate() {
        Ok(draft) => draft,
        Err(errors) => return form_page(&ctx, Some(org_id.to_string()), input, errors),
    };
    let point = crate::places::nearby::postcode_point(&state, &draft.postcode).await?;
    state.store.update_supplier(&org_id, &draft, point).await?;
    Ok(Redirect::to(&format!("{}/suppliers/{org_id}", ctx.lang.prefix())).into_response())
}
