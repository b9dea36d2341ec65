//! Reporting a problem or making a request on the web: choose the service, say where,
//! answer its questions, add photos, confirm by email.

use crate::AppError;
use crate::AppState;
use crate::app::auth::ClientAddress;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::i18n::Arg;
use crate::app::layout::FormErrors;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::message_in;
use crate::app::layout::render;
use crate::app::photo::check_photo;
use crate::app::tokens::token_hash;
use askama::Template;
use axum::extract::FromRequest;
use axum::extract::Multipart;
use axum::extract::Request;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::AttributeDatatype;
use civic_domain::Body;
use civic_domain::Contact;
use civic_domain::FieldErrors;
use civic_domain::RequestChannel;
use civic_domain::RequestInput;
use civic_domain::Service;
use civic_domain::ServiceAttribute;
use civic_domain::Visibility;
use civic_domain::add_working_days;
use civic_domain::validation::is_forbidden_char;
use civic_storage::NewRequest;
use civic_storage::OutboxMessage;
use civic_storage::ServiceQuery;
use serde::Deserialize;
use time::OffsetDateTime;

/// The services of a body that take requests, in groups for the chooser.
pub async fn reportable(state: &AppState, body: &Body) -> Result<Vec<Service>, AppError> {
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
    let body = state.body(&body).await?;
    let services = reportable(&state, &body).await?;
    render(
        StatusCode::OK,
        &ChoosePage {
            layout: ctx.layout(ctx.lang.t_with(
                "requests-report-to-body",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
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
    addresses: Vec<crate::addresses::Address>,
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
                .0
                .0
                .iter()
                .find(|e| e.field == format!("attribute[{}]", a.code))
                .map(|e| message_in(ctx.lang, e)),
            attribute: a.clone(),
        })
        .collect();
    let title = ctx.lang.t_with(
        "requests-report-title",
        &[
            ("service", Arg::from(&service.name)),
            (
                "body",
                Arg::from(body.name_in(crate::app::i18n::is_welsh())),
            ),
        ],
    );
    let title = if errors.is_empty() {
        title
    } else {
        ctx.error_title(&title)
    };
    let action = format!(
        "/bodies/{}/report/{}?csrf_token={}",
        body.slug,
        service.slug,
        crate::app::layout::encode_query_value(&ctx.csrf)
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
    let body = state.body(body).await?;
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
        match crate::addresses::in_postcode(&state, &lookup).await {
            Ok(found) if found.is_empty() => {
                page.lookup_error = Some(ctx.t("requests-lookup-none"));
            }
            Ok(found) => page.addresses = found,
            // Not a postcode: the address finder's reason, in the page's language.
            Err(e @ AppError::Unclear { .. }) => {
                page.lookup_error = Some(e.explain_in(ctx.lang).1);
            }
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
        let mut form =
            Multipart::from_request(req, state)
                .await
                .map_err(|e| AppError::Unclear {
                    id: "app-error-form-unreadable-because",
                    args: vec![("reason", e.body_text())],
                })?;
        while let Some(field) = form.next_field().await.map_err(|e| AppError::Unclear {
            id: "app-error-form-unreadable-because",
            args: vec![("reason", e.body_text())],
        })? {
            let name = field.name().unwrap_or("").to_string();
            let is_file = field.file_name().is_some();
            let bytes = field.bytes().await.map_err(|e| AppError::Unclear {
                id: "app-error-upload-unreadable",
                args: vec![("reason", e.body_text())],
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
            .map_err(|_| AppError::TooLarge)?;
        pairs = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| AppError::unclear("app-error-form-unreadable-plain"))?;
    }
    let forbidden = pairs
        .iter()
        .any(|(k, v): &(String, String)| k.chars().chain(v.chars()).any(is_forbidden_char));
    if forbidden {
        return Err(crate::app::text_guard::refusal());
    }
    Ok((ReportForm { pairs }, photo))
}

/// "Check your email": shown after a report or a subscription that needs confirming.
#[derive(Template)]
#[template(path = "requests/sent.html")]
pub struct SentPage {
    /// Frame.
    pub layout: Layout,
    /// Where the confirmation went.
    pub email: String,
}

/// `POST /bodies/{body}/report/{service}`: validates and stores the report unconfirmed, and
/// queues the email that confirms it.
pub async fn submit_report(
    State(state): State<AppState>,
    ctx: PageContext,
    Path((body, service)): Path<(String, String)>,
    client: ClientAddress,
    req: Request,
) -> Result<Response, AppError> {
    let (body, service) = reportable_service(&state, &body, &service).await?;
    let (mut form, photo) = read_form(&state, req).await?;
    let picked = form.value("uprn").trim().to_string();
    let mut picked_missing = false;
    if !picked.is_empty() {
        match crate::addresses::by_uprn(&state, &picked).await? {
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
        errors.add_t(
            "description",
            "requests-error-description",
            "Describe the problem",
        );
    }
    if picked_missing {
        errors.add_t(
            "uprn",
            "requests-error-uprn",
            "Choose an address from the list, or type the address",
        );
    }
    if form.value("email").trim().is_empty() {
        errors.add_t(
            "email",
            "requests-error-email",
            "Enter your email address, so we can confirm your report and tell you about it",
        );
    }
    let photos = match photo.map(check_photo) {
        Some(Ok(p)) => vec![p],
        Some(Err(message)) => {
            errors.0.push(message);
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
    state
        .submissions
        .check_sender(&client, &draft.contact.email)
        .await?;
    let token = crate::app::tokens::new_token();
    let email = draft.contact.email.clone();
    let now = OffsetDateTime::now_utc();
    // Recorded first: the confirmation email is the first thing written in it.
    crate::app::i18n::record_choice(&state, &email, form.value("language"), ctx.lang).await?;
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
            reporter_subscription: Some(crate::app::tokens::new_token()),
            photos,
            notifications: vec![OutboxMessage {
                kind: "confirm_report".into(),
                recipient: email.clone(),
                payload: serde_json::json!({ "token": token }),
            }],
            expected_at: service.target_days.map(|d| add_working_days(now, d)),
            received_at: None,
        })
        .await?;
    let page = SentPage {
        layout: ctx.layout_t("requests-sent-title"),
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
        .ok_or_else(|| AppError::unclear("requests-error-confirm-link"))?;
    Ok(Redirect::to(&format!("/requests/{}?confirmed=1", request.id)).into_response())
}
