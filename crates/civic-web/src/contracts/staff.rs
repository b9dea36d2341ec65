//! Staff pages: a body's contracts (record one), and each contract's ratings with the form
//! to rate the supplier against a KPI for a period (the supplier's reply link is shown once).

use super::rating_label_id;
use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::extract::{Form, Path};
use crate::app::layout::{FormErrors, Layout, PageContext, absolute, format_pence, render};
use crate::app::tokens::{new_token, token_hash};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use civic_domain::contract::{ContractInput, KpiRating, RatingInput};
use civic_domain::{Body, FieldErrors};
use civic_storage::{Contract, Rating, StorageError};

#[derive(Template)]
#[template(path = "contracts/staff_list.html")]
struct ContractsPage {
    layout: Layout,
    body: Body,
    contracts: Vec<Contract>,
    input: ContractInput,
    errors: FormErrors,
}

impl ContractsPage {
    fn money(&self, pence: &i64) -> String {
        format_pence(*pence)
    }
}

#[derive(Template)]
#[template(path = "contracts/staff_contract.html")]
struct ContractPage {
    layout: Layout,
    body: Body,
    contract: Contract,
    input: RatingInput,
    ratings: [KpiRating; 5],
    reply_link: Option<String>,
    errors: FormErrors,
}

impl ContractPage {
    fn money(&self, pence: &i64) -> String {
        format_pence(*pence)
    }

    fn rating_label(&self, r: &Rating) -> String {
        self.layout.t(rating_label_id(r.details.rating))
    }

    fn scale_label(&self, r: &KpiRating) -> String {
        self.layout.t(rating_label_id(*r))
    }
}

fn status(errors: &FieldErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

async fn list_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    input: ContractInput,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let contracts = state.store.contracts(&body.slug).await?;
    render(
        status(&errors),
        &ContractsPage {
            layout: ctx.layout_t("contracts-staff-title"),
            body,
            contracts,
            input,
            errors: FormErrors(errors),
        },
    )
}

/// `GET /staff/bodies/{body}/contracts`.
pub async fn contracts(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    list_page(
        &state,
        &ctx,
        body,
        ContractInput::default(),
        FieldErrors::default(),
    )
    .await
}

/// `POST /staff/bodies/{body}/contracts`: records a contract, or shows what is wrong
/// (nothing saved).
pub async fn create_contract(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut input = ContractInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "title" => input.title = value,
            "supplier" => input.supplier = value,
            "description" => input.description = value,
            "value" => input.value = value,
            "starts_on" => input.starts_on = value,
            "ends_on" => input.ends_on = value,
            "kpis" => input.kpis = value,
            _ => {}
        }
    }
    let draft = match input.validate() {
        Ok(draft) => draft,
        Err(errors) => return list_page(&state, &ctx, body, input, errors).await,
    };
    let mut errors = FieldErrors::default();
    match state.store.create_contract(&body.slug, &draft).await {
        Ok(made) => {
            return Ok(Redirect::to(&format!(
                "{}/staff/bodies/{}/contracts/{}",
                ctx.lang.prefix(),
                body.slug,
                made.details.slug
            ))
            .into_response());
        }
        Err(StorageError::NotFound) => errors.add_t(
            "supplier",
            "contracts-error-supplier-unknown",
            "This supplier is not in the supplier register: ask an administrator to add it first",
        ),
        Err(StorageError::Conflict(_)) => errors.add_t(
            "title",
            "contracts-error-title-taken",
            "You already have a contract with this title: choose another",
        ),
        Err(other) => return Err(other.into()),
    }
    list_page(&state, &ctx, body, input, errors).await
}

async fn contract_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    slug: &str,
    input: RatingInput,
    reply_link: Option<String>,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let contract = state
        .store
        .contract(&body.slug, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    render(
        status(&errors),
        &ContractPage {
            layout: ctx.layout(contract.details.title.clone()),
            body,
            contract,
            input,
            ratings: KpiRating::ALL,
            reply_link,
            errors: FormErrors(errors),
        },
    )
}

/// `GET /staff/bodies/{body}/contracts/{contract}`.
pub async fn contract(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let input = RatingInput::default();
    contract_page(
        &state,
        &ctx,
        body,
        &slug,
        input,
        None,
        FieldErrors::default(),
    )
    .await
}

/// `POST /staff/bodies/{body}/contracts/{contract}/ratings`: rates the supplier and shows,
/// once, the link through which it may reply.
pub async fn rate(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let contract = state
        .store
        .contract(&body.slug, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut input = RatingInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "kpi" => input.kpi = value,
            "period_start" => input.period_start = value,
            "period_end" => input.period_end = value,
            "rating" => input.rating = value,
            "note" => input.note = value,
            _ => {}
        }
    }
    let draft = match input.validate(&contract.details.kpis) {
        Ok(draft) => draft,
        Err(errors) => {
            return contract_page(&state, &ctx, body, &slug, input, None, errors).await;
        }
    };
    let token = new_token();
    state
        .store
        .rate_contract(&body.slug, &slug, &draft, &token_hash(&token))
        .await?;
    let link = absolute(
        &state.config.base_url,
        &format!("/contract-replies/{token}"),
    );
    let input = RatingInput::default();
    contract_page(
        &state,
        &ctx,
        body,
        &slug,
        input,
        Some(link),
        FieldErrors::default(),
    )
    .await
}
