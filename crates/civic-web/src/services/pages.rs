//! Public pages of the service register: a body's services, national search, one service
//! with every way to use it, and the digital inclusion scale.

use super::open_data::{self, Table};
use super::search::{NATIONAL_PAGE_SIZE, SearchParams};
use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::format_date;
use crate::app::layout::render;
use crate::app::negotiate::Format;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::ChannelKind;
use civic_domain::DigitalInclusionLevel;
use civic_domain::Service;
use civic_storage::ServiceQuery;

/// A link to another page of results.
pub struct PageLink {
    /// The link's address.
    pub href: String,
    /// The page number.
    pub number: i64,
}

#[derive(Template)]
#[template(path = "services/register.html")]
struct RegisterPage {
    layout: Layout,
    heading: String,
    body: Option<Body>,
    search_action: String,
    query: String,
    services: Vec<Service>,
    total: i64,
    previous: Option<PageLink>,
    next: Option<PageLink>,
    json_url: String,
    csv_url: String,
}

impl RegisterPage {
    fn channel_labels(&self, service: &Service) -> String {
        service
            .channels
            .iter()
            .map(|c| c.kind.label())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn result_summary(&self) -> String {
        let noun = if self.total == 1 {
            "service"
        } else {
            "services"
        };
        if self.query.is_empty() {
            format!("{} {noun}", self.total)
        } else {
            format!("{} {noun} matching ‘{}’", self.total, self.query)
        }
    }
}

fn with_query(base: &str, q: &str, page: Option<i64>) -> String {
    let mut params = Vec::new();
    if !q.is_empty() {
        params.push(format!("q={}", crate::app::layout::encode_query_value(q)));
    }
    if let Some(p) = page.filter(|p| *p > 1) {
        params.push(format!("page={p}"));
    }
    if params.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", params.join("&"))
    }
}

/// `GET /bodies/{body}/services`: a body's service register, as HTML, JSON or CSV by Accept.
pub async fn register(
    State(state): State<AppState>,
    ctx: PageContext,
    headers: HeaderMap,
    Path(body): Path<String>,
    Query(params): Query<SearchParams>,
) -> Result<Response, AppError> {
    match Format::from_accept(&headers) {
        Format::Json => {
            return Ok(open_data::register(&state, &body, &params, Table::Json)
                .await
                .into_response());
        }
        Format::Csv => {
            return Ok(open_data::register(&state, &body, &params, Table::Csv)
                .await
                .into_response());
        }
        Format::Html => {}
    }
    let body = state.body(&body).await?;
    let query = params.text().unwrap_or_default();
    let page = state
        .store
        .list_services(&ServiceQuery {
            body: Some(body.slug.clone()),
            text: params.text(),
            ..Default::default()
        })
        .await?;
    let base = format!("/bodies/{}/services", body.slug);
    render(
        StatusCode::OK,
        &RegisterPage {
            layout: ctx.layout(format!("Services – {}", body.name)),
            heading: format!("{}: services", body.name),
            search_action: base.clone(),
            json_url: with_query(&format!("{base}.json"), &query, None),
            csv_url: with_query(&format!("{base}.csv"), &query, None),
            body: Some(body),
            query,
            services: page.services,
            total: page.total,
            previous: None,
            next: None,
        },
    )
}

/// `GET /services`: every body's services, a page at a time, as HTML, JSON or CSV by Accept.
pub async fn national(
    State(state): State<AppState>,
    ctx: PageContext,
    headers: HeaderMap,
    Query(params): Query<SearchParams>,
) -> Result<Response, AppError> {
    match Format::from_accept(&headers) {
        Format::Json => {
            return Ok(open_data::national(state, &params, Table::Json)
                .await
                .into_response());
        }
        Format::Csv => {
            return Ok(open_data::national(state, &params, Table::Csv)
                .await
                .into_response());
        }
        Format::Html => {}
    }
    let page_number = params.page()?;
    let query = params.text().unwrap_or_default();
    let page = state
        .store
        .list_services(&ServiceQuery {
            text: params.text(),
            limit: Some(NATIONAL_PAGE_SIZE),
            offset: (page_number - 1) * NATIONAL_PAGE_SIZE,
            ..Default::default()
        })
        .await?;
    let last_page = (page.total + NATIONAL_PAGE_SIZE - 1) / NATIONAL_PAGE_SIZE;
    let link = |number: i64| PageLink {
        href: with_query("/services", &query, Some(number)),
        number,
    };
    let title = if page_number > 1 {
        format!("All services (page {page_number} of {last_page})")
    } else {
        "All services".to_string()
    };
    render(
        StatusCode::OK,
        &RegisterPage {
            layout: ctx.layout(title),
            heading: "All services".into(),
            body: None,
            search_action: "/services".into(),
            json_url: with_query("/services.json", &query, None),
            csv_url: with_query("/services.csv", &query, None),
            previous: (page_number > 1).then(|| link(page_number - 1)),
            next: (page_number < last_page).then(|| link(page_number + 1)),
            query,
            services: page.services,
            total: page.total,
        },
    )
}

#[derive(Template)]
#[template(path = "services/show.html")]
struct ServicePage {
    layout: Layout,
    body: Body,
    service: Service,
    manageable: bool,
}

impl ServicePage {
    fn channel(&self, kind: &str) -> Option<&str> {
        ChannelKind::parse(kind).and_then(|k| self.service.channel(k))
    }

    fn phone_href(&self) -> String {
        let number: String = self
            .channel("phone")
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{number}")
    }

    fn updated(&self) -> String {
        format_date(self.service.updated_at)
    }
}

/// `GET /bodies/{body}/services/{service}` (or `.json`): one service and every way to use it.
pub async fn service(
    State(state): State<AppState>,
    ctx: PageContext,
    headers: HeaderMap,
    Path((body, service)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (slug, format) = Format::from_path(&service, &headers);
    let found = state
        .store
        .get_service(&body, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    match format {
        Format::Json => return Ok(open_data::service_json(&found)),
        Format::Csv => return Err(AppError::NotFound),
        Format::Html => {}
    }
    let body = state.body(&body).await?;
    let manageable = ctx.staff.as_ref().is_some_and(|s| s.may_manage(&body.slug));
    render(
        StatusCode::OK,
        &ServicePage {
            layout: ctx.layout(format!("{} – {}", found.name, body.name)),
            body,
            service: found,
            manageable,
        },
    )
}

#[derive(Template)]
#[template(path = "services/inclusion_scale.html")]
struct InclusionScalePage {
    layout: Layout,
    levels: Vec<DigitalInclusionLevel>,
}

/// `GET /digital-inclusion-scale`: what the nine levels mean.
pub async fn inclusion_scale(ctx: PageContext) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &InclusionScalePage {
            layout: ctx.layout("The digital inclusion scale"),
            levels: DigitalInclusionLevel::all().collect(),
        },
    )
}
