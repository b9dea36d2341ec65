//! Public pages: a body's contracts with every rating and reply, the ratings as CSV, and
//! the page through which a supplier replies to a rating (reached only by its link).

use super::rating_label_id;
use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::download::table_file;
use crate::app::extract::{Form, Path};
use crate::app::layout::{FormErrors, Layout, PageContext, format_pence, render};
use crate::app::tokens::token_hash;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use civic_domain::catalogue::ColumnType;
use civic_domain::contract::checked_reply;
use civic_domain::{Body, FieldErrors};
use civic_storage::{Contract, Rating, StorageError};
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;

#[derive(Template)]
#[template(path = "contracts/list.html")]
struct ContractsPage {
    layout: Layout,
    body: Body,
    contracts: Vec<Contract>,
}

impl ContractsPage {
    fn money(&self, pence: &i64) -> String {
        format_pence(*pence)
    }
}

#[derive(Template)]
#[template(path = "contracts/show.html")]
struct ContractPage {
    layout: Layout,
    body: Body,
    contract: Contract,
}

impl ContractPage {
    fn money(&self, pence: &i64) -> String {
        format_pence(*pence)
    }

    fn rating_label(&self, r: &Rating) -> String {
        self.layout.t(rating_label_id(r.details.rating))
    }
}

#[derive(Template)]
#[template(path = "contracts/reply.html")]
struct ReplyPage {
    layout: Layout,
    contract: Contract,
    rating: Rating,
    token: String,
    reply: String,
    errors: FormErrors,
}

impl ReplyPage {
    fn rating_label(&self, r: &Rating) -> String {
        self.layout.t(rating_label_id(r.details.rating))
    }
}

/// `GET /bodies/{body}/contracts`.
pub async fn contracts(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
) -> Result<Response, AppError> {
    let body = state.body(&body).await?;
    let contracts = state.store.contracts(&body.slug).await?;
    let title = ctx.lang.t_with(
        "contracts-title",
        &[(
            "body",
            crate::app::i18n::Arg::from(body.name_in(crate::app::i18n::is_welsh())),
        )],
    );
    render(
        StatusCode::OK,
        &ContractsPage {
            layout: ctx.layout(title),
            body,
            contracts,
        },
    )
}

/// `GET /bodies/{body}/contracts/{contract}`.
pub async fn contract(
    State(state): State<AppState>,
    ctx: PageContext,
    Path((body, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let body = state.body(&body).await?;
    let contract = state
        .store
        .contract(&body.slug, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    render(
        StatusCode::OK,
        &ContractPage {
            layout: ctx.layout(contract.details.title.clone()),
            body,
            contract,
        },
    )
}

/// The ratings file's columns.
const RATING_COLUMNS: [(&str, ColumnType, &str); 12] = [
    (
        "contract",
        ColumnType::String,
        "The contract's identifier within the body",
    ),
    (
        "contract_title",
        ColumnType::String,
        "What the contract is for",
    ),
    (
        "supplier_org_id",
        ColumnType::String,
        "The supplier's organisation identifier",
    ),
    ("supplier_name", ColumnType::String, "The supplier's name"),
    (
        "kpi",
        ColumnType::String,
        "The key performance indicator rated",
    ),
    (
        "period_start",
        ColumnType::Date,
        "First day of the period rated",
    ),
    (
        "period_end",
        ColumnType::Date,
        "Last day of the period rated",
    ),
    (
        "rating",
        ColumnType::String,
        "good, approaching_target, requires_improvement, inadequate or other (Procurement Act 2023)",
    ),
    ("note", ColumnType::String, "The buyer's note"),
    (
        "rated_at",
        ColumnType::DateTime,
        "When the rating was published",
    ),
    (
        "supplier_reply",
        ColumnType::String,
        "The supplier's reply, if it has replied",
    ),
    (
        "replied_at",
        ColumnType::DateTime,
        "When the supplier replied",
    ),
];

/// `GET /bodies/{body}/contracts/ratings.csv`: every rating of the body's suppliers.
pub async fn ratings_csv(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    let body = state.body(&body).await?;
    let contracts = state.store.contracts(&body.slug).await?;
    let time = |t: time::OffsetDateTime| t.format(&Rfc3339).unwrap_or_default();
    let rows = contracts
        .iter()
        .flat_map(|c| {
            c.ratings.iter().map(move |r| {
                vec![
                    c.details.slug.clone(),
                    c.details.title.clone(),
                    c.details.supplier.to_string(),
                    c.supplier_name.clone(),
                    r.details.kpi.clone(),
                    r.details.period_start.to_string(),
                    r.details.period_end.to_string(),
                    r.details.rating.as_str().to_string(),
                    r.details.note.clone(),
                    time(r.rated_at),
                    r.reply.as_ref().map(|(t, _)| t.clone()).unwrap_or_default(),
                    r.reply
                        .as_ref()
                        .map(|(_, at)| time(*at))
                        .unwrap_or_default(),
                ]
            })
        })
        .collect();
    table_file(true, &RATING_COLUMNS, rows)
}

async fn reply_page(
    state: &AppState,
    ctx: &PageContext,
    token: &str,
    reply: String,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let (contract, rating) = state
        .store
        .rating_for_reply(&token_hash(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut response = render(
        status,
        &ReplyPage {
            layout: ctx.layout_t("contracts-reply-title"),
            contract,
            rating,
            token: token.to_string(),
            reply,
            errors: FormErrors(errors),
        },
    )?;
    // The link is the supplier's only credential: no cache or referrer may keep it.
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response.headers_mut().insert(
        axum::http::header::REFERRER_POLICY,
        axum::http::HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
}

/// `GET /contract-replies/{token}`: the rating and the form for the supplier's reply.
pub async fn reply_form(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    reply_page(&state, &ctx, &token, String::new(), FieldErrors::default()).await
}

/// The reply form.
#[derive(Debug, Default, Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    reply: String,
}

/// `POST /contract-replies/{token}`: publishes the reply (once), then shows it on the
/// contract's public page.
pub async fn reply(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
    Form(form): Form<ReplyForm>,
) -> Result<Response, AppError> {
    let text = match checked_reply(&form.reply) {
        Ok(text) => text,
        Err(errors) => return reply_page(&state, &ctx, &token, form.reply, errors).await,
    };
    let hash = token_hash(&token);
    let (contract, _) = state
        .store
        .rating_for_reply(&hash)
        .await?
        .ok_or(AppError::NotFound)?;
    match state.store.reply_to_rating(&hash, &text).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}/bodies/{}/contracts/{}#replies",
            ctx.lang.prefix(),
            contract.body,
            contract.details.slug
        ))
        .into_response()),
        Err(StorageError::Conflict(_)) => {
            let mut errors = FieldErrors::default();
            errors.add_t(
                "reply",
                "contracts-error-replied",
                "You have replied to this rating already: a reply is final",
            );
            reply_page(&state, &ctx, &token, form.reply, errors).await
        }
        Err(other) => Err(other.into()),
    }
}
