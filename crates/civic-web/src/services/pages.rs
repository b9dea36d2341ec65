//! Public pages of the service register: a body's services, national search, one service
//! with every way to use it, and the digital inclusion scale.

use super::open_data::{self, Table};
use super::search::{NATIONAL_PAGE_SIZE, SearchParams};
use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::i18n::Arg;
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
            .map(|c| self.layout.t(super::channel_label_id(c.kind)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn level_summary(&self, level: &DigitalInclusionLevel) -> String {
        self.layout.ta2(
            "services-list-level",
            "level",
            u32::from(level.number()),
            "name",
            self.layout.t(super::level_name_id(level.number())),
        )
    }

    fn result_summary(&self) -> String {
        if self.query.is_empty() {
            self.layout.tn("services-count", self.total)
        } else {
            self.layout.ta2(
                "services-count-matching",
                "count",
                self.total,
                "query",
                &self.query,
            )
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
            welsh: ctx.lang == crate::app::i18n::Lang::Cy,
            ..Default::default()
        })
        .await?;
    let base = format!("/bodies/{}/services", body.slug);
    render(
        StatusCode::OK,
        &RegisterPage {
            layout: ctx.layout(ctx.lang.t_with(
                "services-register-title",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            heading: ctx.lang.t_with(
                "services-register-heading",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            ),
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
            welsh: ctx.lang == crate::app::i18n::Lang::Cy,
            ..Default::default()
        })
        .await?;
    let last_page = (page.total + NATIONAL_PAGE_SIZE - 1) / NATIONAL_PAGE_SIZE;
    let link = |number: i64| PageLink {
        href: with_query("/services", &query, Some(number)),
        number,
    };
    let title = if page_number > 1 {
        ctx.lang.t_with(
            "services-all-title-page",
            &[
                ("page", Arg::from(page_number)),
                ("pages", Arg::from(last_page)),
            ],
        )
    } else {
        ctx.t("services-all-title")
    };
    render(
        StatusCode::OK,
        &RegisterPage {
            layout: ctx.layout(title),
            heading: ctx.t("services-all-title"),
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
    /// "Get help using this service near you".
    help: crate::places::pages::HelpNearby,
}

impl ServicePage {
    fn channel(&self, kind: &str) -> Option<&str> {
        self.service
            .channel_entry(ChannelKind::parse(kind)?)
            .map(|c| c.detail_in(self.layout.is_welsh()))
    }

    /// True on a Welsh page showing this service's English for want of its Welsh.
    fn english_only(&self) -> bool {
        self.layout.is_welsh() && !self.service.has_welsh()
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

    fn level_name(&self) -> String {
        let level = self.service.digital_inclusion_level;
        self.layout.t(super::level_name_id(level.number()))
    }

    fn level_of_nine(&self) -> String {
        let level = self.service.digital_inclusion_level;
        self.layout
            .ta("services-level-of-nine", "level", u32::from(level.number()))
    }
}

/// `GET /bodies/{body}/services/{service}` (or `.json`): one service and every way to use it.
pub async fn service(
    State(state): State<AppState>,
    ctx: PageContext,
    headers: HeaderMap,
    Path((body, service)): Path<(String, String)>,
    Query(near): Query<crate::places::pages::PostcodeParams>,
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
    let (help, status) =
        crate::places::pages::help_for_service(&state, ctx.lang, &body, &found, near.postcode)
            .await?;
    render(
        status,
        &ServicePage {
            layout: {
                let welsh = ctx.lang == crate::app::i18n::Lang::Cy;
                ctx.layout(format!(
                    "{} – {}",
                    found.name_in(welsh),
                    body.name_in(welsh)
                ))
            },
            body,
            service: found,
            manageable,
            help,
        },
    )
}

#[derive(Template)]
#[template(path = "services/inclusion_scale.html")]
struct InclusionScalePage {
    layout: Layout,
    levels: Vec<DigitalInclusionLevel>,
}

impl InclusionScalePage {
    fn level_name(&self, number: u8) -> String {
        self.layout.t(super::level_name_id(number))
    }
}

/// `GET /digital-inclusion-scale`: what the nine levels mean.
pub async fn inclusion_scale(ctx: PageContext) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &InclusionScalePage {
            layout: ctx.layout_t("services-scale-title"),
            levels: DigitalInclusionLevel::all().collect(),
        },
    )
}
