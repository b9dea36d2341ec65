//! The hub's pages: every API, one API's page, its OpenAPI document, and the list as a
//! GOV.UK API catalogue CSV.

use super::apis::{APIS, Access, Api, Operation, document, find, operations};
use crate::AppError;
use crate::AppState;
use crate::app::download::table_file;
use crate::app::extract::Path;
use crate::app::layout::{Layout, PageContext, render};
use crate::app::negotiate::open_data;
use crate::{ApiError, app::i18n::Lang};
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use civic_domain::catalogue::ColumnType;

/// The GOV.UK API catalogue's columns (`co-cddo/api-catalogue`, data/catalogue.csv).
pub const CATALOGUE_COLUMNS: [(&str, ColumnType, &str); 12] = [
    ("dateAdded", ColumnType::Date, "When the API was added."),
    ("dateUpdated", ColumnType::Date, "When it last changed."),
    ("url", ColumnType::String, "Where the API is."),
    ("name", ColumnType::String, "Its name."),
    ("description", ColumnType::String, "What it offers."),
    ("documentation", ColumnType::String, "Its documentation."),
    ("license", ColumnType::String, "The licence of its data."),
    (
        "maintainer",
        ColumnType::String,
        "Whom to contact about it.",
    ),
    ("areaServed", ColumnType::String, "Where it applies."),
    (
        "startDate",
        ColumnType::Date,
        "When it starts to be offered, if later.",
    ),
    (
        "endDate",
        ColumnType::Date,
        "When it stops being offered, if planned.",
    ),
    ("provider", ColumnType::String, "Who provides it."),
];

/// The licence of everything the APIs publish.
const LICENCE: &str = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";

/// The message id saying who may call an API.
fn access_id(access: Access) -> &'static str {
    match access {
        Access::Open => "developers-access-open",
        Access::OpenReadKeyWrite => "developers-access-key-to-write",
        Access::Key => "developers-access-key",
    }
}

/// An API as a page shows it, in the page's language.
pub struct ApiView {
    api: &'static Api,
    name: String,
    description: String,
    access: String,
}

impl ApiView {
    fn of(api: &'static Api, lang: Lang) -> ApiView {
        ApiView {
            api,
            name: lang.t(&api.name_id()),
            description: lang.t(&api.description_id()),
            access: lang.t(access_id(api.access)),
        }
    }
}

#[derive(Template)]
#[template(path = "developers/hub.html")]
struct HubPage {
    layout: Layout,
    apis: Vec<ApiView>,
}

#[derive(Template)]
#[template(path = "developers/api.html")]
struct ApiPage {
    layout: Layout,
    view: ApiView,
    base_url: String,
    operations: Vec<Operation>,
}

/// `GET /developers`: every API.
pub async fn hub(ctx: PageContext) -> Result<Response, AppError> {
    let apis = APIS.iter().map(|a| ApiView::of(a, ctx.lang)).collect();
    render(
        StatusCode::OK,
        &HubPage {
            layout: ctx.layout_t("developers-title"),
            apis,
        },
    )
}

/// `GET /developers/{api}`: one API's page.
pub async fn api(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let api = find(&slug).ok_or(AppError::NotFound)?;
    let view = ApiView::of(api, ctx.lang);
    let title = view.name.clone();
    render(
        StatusCode::OK,
        &ApiPage {
            layout: ctx.layout(title),
            view,
            base_url: state.config.base_url.trim_end_matches('/').to_string(),
            operations: operations(api),
        },
    )
}

/// `GET /developers/{api}/openapi.json`: the API's own OpenAPI document.
pub async fn api_openapi(Path(slug): Path<String>) -> Result<Response, ApiError> {
    let api = find(&slug).ok_or(AppError::NotFound)?;
    Ok(open_data(
        (
            [(header::CONTENT_TYPE, "application/json")],
            document(api).to_string(),
        )
            .into_response(),
    ))
}

/// `GET /developers.csv`: a row per API in the GOV.UK API catalogue's layout, in English
/// as that catalogue is.
pub async fn catalogue_csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    let base = state.config.base_url.trim_end_matches('/');
    let rows = APIS
        .iter()
        .map(|api| {
            vec![
                api.added.to_string(),
                api.updated.to_string(),
                format!("{base}{}", api.base),
                Lang::En.t(&api.name_id()),
                Lang::En.t(&api.description_id()),
                format!("{base}/developers/{}", api.slug),
                LICENCE.to_string(),
                state.config.contact_email.clone(),
                "United Kingdom".to_string(),
                String::new(),
                String::new(),
                state.config.operator.clone(),
            ]
        })
        .collect();
    table_file(true, &CATALOGUE_COLUMNS, rows)
}
