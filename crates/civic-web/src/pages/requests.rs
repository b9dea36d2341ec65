//! Residents' side of requests: reporting a problem (no JavaScript needed, photo optional),
//! confirming by email, following a request, subscribing to its updates, and the public
//! lists of a body's requests. Private, hidden and unconfirmed requests are 404 here.

use super::public::format_datetime;
use super::{FormErrors, Layout, PageContext, render};
use crate::auth::token_hash;
use crate::open311::check_photo;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use civic_domain::{
    AttributeDatatype, Body, Contact, FieldErrors, RequestChannel, RequestInput, RequestStatus,
    RequestUpdate, Service, ServiceAttribute, ServiceRequest, Visibility, add_working_days,
};
use civic_storage::{NewRequest, OutboxMessage, RequestQuery, ServiceQuery};
use serde::Deserialize;
use time::OffsetDateTime;

/// Requests shown per page of a public list.
pub const PAGE_SIZE: i64 = 50;

async fn body_or_404(state: &AppState, slug: &str) -> Result<Body, AppError> {
    state.store.get_body(slug).await?.ok_or(AppError::NotFound)
}

/// The services of a body that take requests, in groups for the chooser.
async fn reportable(state: &AppState, body: &Body) -> Result<Vec<Service>, AppError> {
    let page = state
        .store
        .list_services(&ServiceQuery {
            body: Some(body.slug.clone()),
            ..Default::default()
        })
        .await?;
    let mut services: Vec<Service> = page
        .services
        .into_iter()
        .filter(|s| s.accepts_requests)
        .collect();
    services.sort_by(|a, b| a.group.cmp(&b.group).then(a.name.cmp(&b.name)));
    Ok(services)
}

#[derive(Template)]
#[template(path = "requests/choose.html")]
struct ChoosePage {
    layout: Layout,
    body: Body,
    services: Vec<Service>,
}

impl ChoosePage {
    fn starts_group(&self, i: &usize) -> bool {
        *i == 0
            || self.services.get(*i - 1).map(|s| &s.group)
                != self.services.get(*i).map(|s| &s.group)
    }
}

/// `GET /bodies/{body}/report`: pick what the problem is about.
pub async fn choose(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
) -> Result<Response, AppError> {
    let body = body_or_404(&state, &body).await?;
    let services = reportable(&state, &body).await?;
    render(
        StatusCode::OK,
        &ChoosePage {
            layout: ctx.layout(format!("Report a problem to {}", body.name)),
            body,
            services,
        },
    )
}

/// What the person typed, kept to show the form again.
#[derive(Debug, Clone, Default)]
pub struct ReportForm {
    /// Raw pairs, for attribute answers.
    pairs: Vec<(String, String)>,
}

impl ReportForm {
    /// The first value of a field.
    pub fn value(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The request the form describes, for `service`; `show_name` when the reporter agreed.
    pub fn to_input(&self, service: &str, show_name: bool) -> RequestInput {
        RequestInput {
            service: service.to_string(),
            description: self.value("description").to_string(),
            lat: Some(self.value("lat").to_string()),
            long: Some(self.value("long").to_string()),
            address: self.value("address").to_string(),
            uprn: self.value("uprn").to_string(),
            postcode: self.value("postcode").to_string(),
            attributes: self.answers(),
            media_url: String::new(),
            contact: Contact {
                name: self.value("name").to_string(),
                email: self.value("email").to_string(),
                phone: self.value("phone").to_string(),
            },
            show_name,
        }
    }

    /// Sets a field's value, replacing any it had.
    pub fn set(&mut self, name: &str, value: String) {
        self.pairs.retain(|(k, _)| k != name);
        self.pairs.push((name.to_string(), value));
    }

    /// True when a field has this value (checkboxes, radios).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.pairs.iter().any(|(k, v)| k == name && v == value)
    }

    /// Answers to the service's questions, grouped by question code.
    pub fn answers(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for (k, v) in &self.pairs {
            let Some(code) = k
                .strip_prefix("attribute[")
                .and_then(|r| r.strip_suffix(']'))
            else {
                continue;
            };
            match out.iter_mut().find(|(c, _)| c == code) {
                Some((_, values)) => values.push(v.clone()),
                None => out.push((code.to_string(), vec![v.clone()])),
            }
        }
        out
    }
}

/// One question on the report form.
pub struct Question {
    attribute: ServiceAttribute,
    name: String,
    id: String,
    error: Option<String>,
}

impl Question {
    fn kind(&self) -> &'static str {
        match self.attribute.datatype {
            AttributeDatatype::Text => "textarea",
            AttributeDatatype::SingleValueList => "radios",
            AttributeDatatype::MultiValueList => "checkboxes",
            _ => "input",
        }
    }
}

#[derive(Template)]
#[template(path = "requests/report.html")]
struct ReportPage {
    layout: Layout,
    body: Body,
    service: Service,
    form: ReportForm,
    questions: Vec<Question>,
    errors: FormErrors,
    action: String,
    lookup: String,
    addresses: Vec<super::addresses::Address>,
    lookup_error: Option<String>,
}

fn report_page(
    ctx: &PageContext,
    body: Body,
    service: Service,
    form: ReportForm,
    errors: FieldErrors,
) -> ReportPage {
    let errors = FormErrors(errors);
    let questions = service
        .attributes
        .iter()
        .filter(|a| a.variable)
        .map(|a| Question {
            name: format!("attribute[{}]", a.code),
            id: format!("attribute-{}", a.code),
            error: errors
                .get(&format!("attribute[{}]", a.code))
                .map(str::to_string),
            attribute: a.clone(),
        })
        .collect();
    let title = format!(
        "{}{} – report to {}",
        if errors.is_empty() { "" } else { "Error: " },
        service.name,
        body.name
    );
    let action = format!(
        "/bodies/{}/report/{}?csrf_token={}",
        body.slug,
        service.slug,
        crate::encode_query_value(&ctx.csrf)
    );
    ReportPage {
        layout: ctx.layout(title),
        body,
        service,
        form,
        questions,
        errors,
        action,
        lookup: String::new(),
        addresses: Vec::new(),
        lookup_error: None,
    }
}

/// Query of the report form: a postcode to look addresses up in.
#[derive(Debug, Default, Deserialize)]
pub struct ReportParams {
    #[serde(default)]
    postcode_lookup: Option<String>,
}

async fn reportable_service(
    state: &AppState,
    body: &str,
    service: &str,
) -> Result<(Body, Service), AppError> {
    let body = body_or_404(state, body).await?;
    let service = state
        .store
        .get_service(&body.slug, service)
        .await?
        .filter(|s| s.accepts_requests && s.status == civic_domain::ServiceStatus::Active)
        .ok_or(AppError::NotFound)?;
    Ok((body, service))
}

/// `GET /bodies/{body}/report/{service}`: the report form; with `postcode_lookup`, it lists
/// the addresses in that postcode to pick from.
pub async fn report_form(
    State(state): State<AppState>,
    ctx: PageContext,
    Path((body, service)): Path<(String, String)>,
    Query(params): Query<ReportParams>,
) -> Result<Response, AppError> {
    let (body, service) = reportable_service(&state, &body, &service).await?;
    let mut page = report_page(
        &ctx,
        body,
        service,
        ReportForm::default(),
        FieldErrors::default(),
    );
    if let Some(lookup) = params.postcode_lookup.filter(|p| !p.trim().is_empty()) {
        match super::addresses::in_postcode(&state, &lookup).await {
            Ok(found) if found.is_empty() => {
                page.lookup_error =
                    Some("No addresses found in that postcode. Type the address instead.".into());
            }
            Ok(found) => page.addresses = found,
            Err(AppError::BadRequest(message)) => page.lookup_error = Some(message),
            Err(e) => return Err(e),
        }
        page.lookup = lookup;
    }
    render(StatusCode::OK, &page)
}

/// Reads a form that may be multipart (with a photo) or URL-encoded.
pub async fn read_form(
    state: &AppState,
    req: Request,
) -> Result<(ReportForm, Option<Vec<u8>>), AppError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"));
    let mut pairs = Vec::new();
    let mut photo = None;
    if multipart {
        let mut form = Multipart::from_request(req, state).await.map_err(|e| {
            AppError::BadRequest(format!("The form could not be read: {}", e.body_text()))
        })?;
        while let Some(field) = form.next_field().await.map_err(|e| {
            AppError::BadRequest(format!("The form could not be read: {}", e.body_text()))
        })? {
            let name = field.name().unwrap_or("").to_string();
            let is_file = field.file_name().is_some();
            let bytes = field.bytes().await.map_err(|e| {
                AppError::BadRequest(format!("The upload could not be read: {}", e.body_text()))
            })?;
            if is_file {
                if name == "photo" && !bytes.is_empty() {
                    photo = Some(bytes.to_vec());
                }
            } else {
                pairs.push((name, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    } else {
        let bytes = axum::body::to_bytes(req.into_body(), 1024 * 1024)
            .await
            .map_err(|_| AppError::BadRequest("The form was too large to send.".into()))?;
        pairs = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| AppError::BadRequest("The form could not be read.".into()))?;
    }
    Ok((ReportForm { pairs }, photo))
}

#[derive(Template)]
#[template(path = "requests/sent.html")]
struct SentPage {
    layout: Layout,
    email: String,
}

/// `POST /bodies/{body}/report/{service}`: validates and stores the report unconfirmed, and
/// queues the email that confirms it.
pub async fn submit_report(
    State(state): State<AppState>,
    ctx: PageContext,
    Path((body, service)): Path<(String, String)>,
    req: Request,
) -> Result<Response, AppError> {
    let (body, service) = reportable_service(&state, &body, &service).await?;
    let (mut form, photo) = read_form(&state, req).await?;
    let picked = form.value("uprn").trim().to_string();
    let mut picked_missing = false;
    if !picked.is_empty() {
        match super::addresses::by_uprn(&state, &picked).await? {
            Some(address) => {
                // The register's address stands in for anything not typed.
                for (field, value) in [
                    ("address", address.text.clone()),
                    ("postcode", address.postcode.clone()),
                    ("lat", address.latitude.clone().unwrap_or_default()),
                    ("long", address.longitude.clone().unwrap_or_default()),
                ] {
                    if form.value(field).trim().is_empty() {
                        form.set(field, value);
                    }
                }
            }
            None => picked_missing = true,
        }
    }
    let input = form.to_input(&service.slug, form.has("show_name", "yes"));
    let validated = input.validate(&service.attributes);
    let mut errors = validated.as_ref().err().cloned().unwrap_or_default();
    if form.value("description").trim().is_empty() {
        errors.add("description", "Describe the problem");
    }
    if picked_missing {
        errors.add(
            "uprn",
            "Choose an address from the list, or type the address",
        );
    }
    if form.value("email").trim().is_empty() {
        errors.add(
            "email",
            "Enter your email address, so we can confirm your report and tell you about it",
        );
    }
    let photos = match photo.map(check_photo) {
        Some(Ok(p)) => vec![p],
        Some(Err(message)) => {
            errors.add("photo", message);
            Vec::new()
        }
        None => Vec::new(),
    };
    let draft = match validated {
        Ok(d) if errors.is_empty() => d,
        _ => {
            let page = report_page(&ctx, body, service, form, errors);
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    if let Err(wait) = state
        .submissions
        .check(&format!("email:{}", draft.contact.email))
    {
        return Err(AppError::TooManyRequests(wait));
    }
    let token = crate::csrf::new_token();
    let email = draft.contact.email.clone();
    let now = OffsetDateTime::now_utc();
    state
        .store
        .create_request(&NewRequest {
            body: body.slug.clone(),
            service: service.slug.clone(),
            draft,
            channel: RequestChannel::Web,
            visibility: Visibility::Public,
            confirmed: false,
            token: None,
            api_key_id: None,
            consent: "Given on the web report form".into(),
            confirm_token_hash: Some(token_hash(&token)),
            reporter_subscription: Some(crate::csrf::new_token()),
            photos,
            notifications: vec![OutboxMessage {
                kind: "confirm_report".into(),
                recipient: email.clone(),
                payload: serde_json::json!({ "token": token }),
            }],
            expected_at: service.target_days.map(|d| add_working_days(now, d)),
        })
        .await?;
    let page = SentPage {
        layout: ctx.layout("Check your email"),
        email,
    };
    render(StatusCode::OK, &page)
}

/// `GET /requests/confirm/{token}`: confirms a report from the link in its email.
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let request = state
        .store
        .confirm_request(&token_hash(&token))
        .await?
        .ok_or_else(|| {
            AppError::BadRequest(
                "This confirmation link has already been used or is not right. If you have confirmed your report already, it is published.".into(),
            )
        })?;
    Ok(Redirect::to(&format!("/requests/{}?confirmed=1", request.id)).into_response())
}

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
    banner: Option<&'static str>,
    manageable: bool,
}

impl RequestPage {
    fn when(&self, t: &OffsetDateTime) -> String {
        format_datetime(*t)
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
    let body = body_or_404(state, &request.body).await?;
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
        return crate::api::request_json(&state, &request).await;
    }
    if let Some(stem) = id.strip_suffix(".atom") {
        let (body, request) = public_request(&state, stem).await?;
        return crate::feeds::request_feed(&state, &body, &request).await;
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
        Some(
            "Thank you. Your report is confirmed and published. We have sent you an email with its reference, and will email you when it changes.",
        )
    } else if params.subscribed.is_some() {
        Some("You will get an email when this request changes.")
    } else {
        None
    };
    render(
        StatusCode::OK,
        &RequestPage {
            layout: ctx.layout(format!("{} – request {}", request.service_name, request.id)),
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
}

/// `POST /requests/{id}/subscribe`: asks for updates by email (confirmed by a link).
pub async fn subscribe(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<SubscribeForm>,
) -> Result<Response, AppError> {
    let (_, request) = public_request(&state, &id).await?;
    let email = form.email.trim().to_lowercase();
    if !civic_domain::validation::is_valid_email(&email) {
        let mut errors = FieldErrors::default();
        errors.add(
            "email",
            "Enter an email address in the correct format, like name@example.org",
        );
        return Err(AppError::Invalid(errors));
    }
    if let Err(wait) = state.submissions.check(&format!("email:{email}")) {
        return Err(AppError::TooManyRequests(wait));
    }
    state
        .store
        .subscribe(request.id, &email, &crate::csrf::new_token())
        .await?;
    render(
        StatusCode::OK,
        &SentPage {
            layout: ctx.layout("Check your email"),
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
        .ok_or_else(|| {
            AppError::BadRequest("This link is not right or the subscription has ended.".into())
        })?;
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
            layout: ctx.layout("Stop getting updates"),
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
            layout: ctx.layout("You will not get any more updates"),
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
        let page = super::page_number(self.page.as_deref())?;
        let open = match self.status.as_deref().map(str::trim) {
            None | Some("") | Some("all") => None,
            Some("open") => Some(true),
            Some("closed") => Some(false),
            Some(other) => {
                return Err(AppError::BadRequest(format!(
                    "Status '{other}' is not open, closed or all."
                )));
            }
        };
        let near = match (self.lat.as_deref(), self.long.as_deref()) {
            (Some(lat), Some(long)) if !lat.trim().is_empty() && !long.trim().is_empty() => {
                let lat: f64 = lat
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.abs() <= 90.0)
                    .ok_or_else(|| {
                        AppError::BadRequest("Latitude must be a number from -90 to 90.".into())
                    })?;
                let long: f64 = long
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.abs() <= 180.0)
                    .ok_or_else(|| {
                        AppError::BadRequest("Longitude must be a number from -180 to 180.".into())
                    })?;
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
}

/// `GET /bodies/{body}/requests`: a body's public requests, newest first, filterable, and
/// near a point when `lat` and `long` are given.
pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<Response, AppError> {
    let body = body_or_404(&state, &body).await?;
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
                q.push(format!("{k}={}", crate::encode_query_value(v)));
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
            layout: ctx.layout(format!("Reported problems – {}", body.name)),
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
