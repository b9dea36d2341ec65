//! Public request pages: a body's requests, one request with its history and photos, and
//! subscriptions to its updates.

use crate::AppError;
use crate::AppState;
use crate::app::auth::ClientAddress;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::i18n::Arg;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::format_datetime;
use crate::app::layout::render;
use crate::requests::report::SentPage;
use crate::requests::report::reportable;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::FieldErrors;
use civic_domain::RequestStatus;
use civic_domain::RequestUpdate;
use civic_domain::Service;
use civic_domain::ServiceRequest;
use civic_storage::RequestQuery;
use serde::Deserialize;
use time::OffsetDateTime;

/// Requests shown per page of a public list.
pub const PAGE_SIZE: i64 = 50;

/// Query of a public request page.
#[derive(Debug, Default, Deserialize)]
pub struct RequestParams {
    #[serde(default)]
    confirmed: Option<String>,
    #[serde(default)]
    subscribed: Option<String>,
}

#[derive(Template)]
#[template(path = "requests/show.html")]
struct RequestPage {
    layout: Layout,
    body: Body,
    request: ServiceRequest,
    answers: Vec<(String, String)>,
    updates: Vec<RequestUpdate>,
    photos: Vec<i64>,
    banner: Option<String>,
    manageable: bool,
}

impl RequestPage {
    fn when(&self, t: &OffsetDateTime) -> String {
        format_datetime(*t)
    }

    fn status_label(&self, status: &RequestStatus) -> String {
        crate::requests::status_label(self.layout.lang, *status)
    }

    /// When it was reported, by whom and how: "5 March 2026 at 14:05 UTC, by a resident
    /// (website)".
    fn reported(&self) -> String {
        let when = Arg::from(self.when(&self.request.requested_at));
        let channel = Arg::from(
            crate::requests::channel_label(self.layout.lang, self.request.channel).to_lowercase(),
        );
        match &self.request.public_name {
            Some(name) => self.layout.lang.t_with(
                "requests-show-reported-by",
                &[
                    ("when", when),
                    ("name", Arg::from(name)),
                    ("channel", channel),
                ],
            ),
            None => self.layout.lang.t_with(
                "requests-show-reported-by-resident",
                &[("when", when), ("channel", channel)],
            ),
        }
    }
}

/// A public request, or 404 when it is private, hidden, unconfirmed or unknown.
pub async fn public_request(
    state: &AppState,
    id: &str,
) -> Result<(Body, ServiceRequest), AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let request = state
        .store
        .get_request(id)
        .await?
        .filter(ServiceRequest::is_public)
        .ok_or(AppError::NotFound)?;
    let body = state.body(&request.body).await?;
    Ok((body, request))
}

/// The answers to a request's questions, labelled with the questions and option names.
pub fn labelled_answers(
    service: Option<&Service>,
    request: &ServiceRequest,
) -> Vec<(String, String)> {
    request
        .attributes
        .iter()
        .map(|a| {
            let question = service.and_then(|s| s.attributes.iter().find(|q| q.code == a.code));
            let label = question
                .map(|q| q.description.clone())
                .unwrap_or_else(|| a.code.clone());
            let values: Vec<String> = a
                .values
                .iter()
                .map(|v| {
                    question
                        .and_then(|q| q.values.iter().find(|o| &o.key == v))
                        .map(|o| o.name.clone())
                        .unwrap_or_else(|| v.clone())
                })
                .collect();
            (label, values.join(", "))
        })
        .collect()
}

/// `GET /requests/{id}`: a request and its history (`.json` and `.atom` too).
pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(id): Path<String>,
    Query(params): Query<RequestParams>,
) -> Result<Response, AppError> {
    if let Some(stem) = id.strip_suffix(".json") {
        let (_, request) = public_request(&state, stem).await?;
        return crate::requests::downloads::request_json(&state, &request).await;
    }
    if let Some(stem) = id.strip_suffix(".atom") {
        let (body, request) = public_request(&state, stem).await?;
        return crate::requests::feeds::request_feed(&state, &body, &request).await;
    }
    let (body, request) = public_request(&state, &id).await?;
    let service = state
        .store
        .get_service(&body.slug, &request.service)
        .await?;
    let updates = state.store.request_updates(request.id, false).await?;
    let photos = (1..=state.store.request_photo_count(request.id).await?).collect();
    let manageable = ctx.staff.as_ref().is_some_and(|s| s.may_manage(&body.slug));
    let banner = if params.confirmed.is_some() {
        Some(ctx.t("requests-show-confirmed"))
    } else if params.subscribed.is_some() {
        Some(ctx.t("requests-show-subscribed"))
    } else {
        None
    };
    render(
        StatusCode::OK,
        &RequestPage {
            layout: ctx.layout(ctx.lang.t_with(
                "requests-show-title",
                &[
                    ("service", Arg::from(&request.service_name)),
                    ("id", Arg::from(request.id.to_string())),
                ],
            )),
            answers: labelled_answers(service.as_ref(), &request),
            body,
            request,
            updates,
            photos,
            banner,
            manageable,
        },
    )
}

/// `GET /requests/{id}/photos/{n}`: a public request's photo.
pub async fn photo(
    State(state): State<AppState>,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, request) = public_request(&state, &id).await?;
    let n: i32 = n.parse().map_err(|_| AppError::NotFound)?;
    let (content_type, bytes) = state
        .store
        .request_photo(request.id, n)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// The subscribe form.
#[derive(Debug, Default, Deserialize)]
pub struct SubscribeForm {
    #[serde(default)]
    email: String,
    /// The language to write in (`en`, `cy`); the page's when absent.
    #[serde(default)]
    language: String,
}

/// `POST /requests/{id}/subscribe`: asks for updates by email (confirmed by a link).
pub async fn subscribe(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(id): Path<String>,
    client: ClientAddress,
    crate::app::extract::Form(form): crate::app::extract::Form<SubscribeForm>,
) -> Result<Response, AppError> {
    let (_, request) = public_request(&state, &id).await?;
    let email = form.email.trim().to_lowercase();
    if !civic_domain::validation::is_valid_email(&email) {
        let mut errors = FieldErrors::default();
        errors.add_t(
            "email",
            "requests-error-email-format",
            "Enter an email address in the correct format, like name@example.org",
        );
        return Err(AppError::Invalid(errors));
    }
    state.submissions.check_sender(&client, &email).await?;
    crate::app::i18n::record_choice(&state, &email, &form.language, ctx.lang).await?;
    state
        .store
        .subscribe(request.id, &email, &crate::app::tokens::new_token())
        .await?;
    render(
        StatusCode::OK,
        &SentPage {
            layout: ctx.layout_t("requests-sent-title"),
            email,
        },
    )
}

/// `GET /subscriptions/confirm/{token}`.
pub async fn confirm_subscription(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let id = state
        .store
        .confirm_subscription(&token)
        .await?
        .ok_or_else(|| AppError::unclear("requests-error-subscription-link"))?;
    Ok(Redirect::to(&format!("/requests/{id}?subscribed=1")).into_response())
}

#[derive(Template)]
#[template(path = "requests/unsubscribe.html")]
struct UnsubscribePage {
    layout: Layout,
    token: String,
    done: bool,
}

/// `GET /subscriptions/unsubscribe/{token}`: asks to confirm (a GET must not change
/// anything, as mail scanners follow links).
pub async fn unsubscribe_form(
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &UnsubscribePage {
            layout: ctx.layout_t("requests-unsubscribe-title"),
            token,
            done: false,
        },
    )
}

/// `POST /subscriptions/unsubscribe/{token}`.
pub async fn unsubscribe(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    state.store.unsubscribe(&token).await?;
    render(
        StatusCode::OK,
        &UnsubscribePage {
            layout: ctx.layout_t("requests-unsubscribed-title"),
            token,
            done: true,
        },
    )
}

/// Filters of a public request list.
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    lat: Option<String>,
    #[serde(default)]
    long: Option<String>,
}

impl ListParams {
    /// The list's query, or a plain-English 400.
    pub fn query(&self, body: &str) -> Result<RequestQuery, AppError> {
        let page = crate::app::layout::page_number(self.page.as_deref())?;
        let open = match self.status.as_deref().map(str::trim) {
            None | Some("") | Some("all") => None,
            Some("open") => Some(true),
            Some("closed") => Some(false),
            Some(other) => {
                return Err(AppError::Unclear {
                    id: "requests-error-status-filter",
                    args: vec![("status", other.to_string())],
                });
            }
        };
        let near = match (self.lat.as_deref(), self.long.as_deref()) {
            (Some(lat), Some(long)) if !lat.trim().is_empty() && !long.trim().is_empty() => {
                let lat: f64 = lat
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.abs() <= 90.0)
                    .ok_or_else(|| AppError::unclear("requests-error-latitude"))?;
                let long: f64 = long
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.abs() <= 180.0)
                    .ok_or_else(|| AppError::unclear("requests-error-longitude"))?;
                // About 2 km each way.
                let d = 0.018;
                Some((
                    civic_domain::Point {
                        lat: lat - d,
                        long: long - d * 1.6,
                    },
                    civic_domain::Point {
                        lat: lat + d,
                        long: long + d * 1.6,
                    },
                ))
            }
            _ => None,
        };
        Ok(RequestQuery {
            body: Some(body.to_string()),
            services: self
                .service
                .iter()
                .filter(|s| !s.trim().is_empty())
                .cloned()
                .collect(),
            open,
            public_only: true,
            within: near,
            limit: PAGE_SIZE + 1,
            offset: (page - 1) * PAGE_SIZE,
            ..Default::default()
        })
    }
}

#[derive(Template)]
#[template(path = "requests/list.html")]
struct ListPage {
    layout: Layout,
    body: Body,
    requests: Vec<ServiceRequest>,
    services: Vec<Service>,
    status: String,
    service: String,
    lat: String,
    long: String,
    previous: Option<String>,
    next: Option<String>,
}

impl ListPage {
    fn when(&self, t: &OffsetDateTime) -> String {
        format_datetime(*t)
    }

    fn status_label(&self, status: &RequestStatus) -> String {
        crate::requests::status_label(self.layout.lang, *status)
    }
}

/// `GET /bodies/{body}/requests`: a body's public requests, newest first, filterable, and
/// near a point when `lat` and `long` are given.
pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<Response, AppError> {
    let body = state.body(&body).await?;
    let query = params.query(&body.slug)?;
    let page = query.offset / PAGE_SIZE + 1;
    let mut requests = state.store.list_requests(&query).await?;
    let more = i64::try_from(requests.len()).unwrap_or(0) > PAGE_SIZE;
    requests.truncate(usize::try_from(PAGE_SIZE).unwrap_or(50));
    let link = |p: i64| {
        let mut q = vec![format!("page={p}")];
        for (k, v) in [
            ("status", &params.status),
            ("service", &params.service),
            ("lat", &params.lat),
            ("long", &params.long),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                q.push(format!("{k}={}", crate::app::layout::encode_query_value(v)));
            }
        }
        format!("/bodies/{}/requests?{}", body.slug, q.join("&"))
    };
    let previous = (page > 1).then(|| link(page - 1));
    let next = more.then(|| link(page + 1));
    let services = reportable(&state, &body).await?;
    render(
        StatusCode::OK,
        &ListPage {
            layout: ctx.layout(ctx.lang.t_with(
                "requests-list-title",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            requests,
            services,
            status: params.status.clone().unwrap_or_default(),
            service: params.service.clone().unwrap_or_default(),
            lat: params.lat.clone().unwrap_or_default(),
            long: params.long.clone().unwrap_or_default(),
            previous,
            next,
            body,
        },
    )
}

/// The status of a request as a tag class.
pub fn status_class(status: RequestStatus) -> &'static str {
    if status.is_open() {
        "tag tag--blue"
    } else {
        "tag"
    }
}
