//! Assisted entry: staff enter a request taken by phone, in person, by letter or by email
//! on the person's behalf, with their consent recorded.

use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::extract::Query;
use crate::app::layout::FormErrors;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use crate::requests::report::ReportForm;
use crate::requests::report::read_form;
use askama::Template;
use axum::extract::Request;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::FieldErrors;
use civic_domain::RequestChannel;
use civic_domain::Service;
use civic_domain::Visibility;
use civic_domain::add_working_days;
use civic_storage::NewRequest;
use civic_storage::ServiceQuery;
use serde::Deserialize;
use time::OffsetDateTime;

/// Query of the assisted entry form: which service.
#[derive(Debug, Default, Deserialize)]
pub struct NewParams {
    #[serde(default)]
    service: Option<String>,
}

#[derive(Template)]
#[template(path = "requests/new_request.html")]
struct NewRequestPage {
    layout: Layout,
    body: Body,
    services: Vec<Service>,
    service: Option<Service>,
    form: ReportForm,
    channels: Vec<RequestChannel>,
    errors: FormErrors,
    action: String,
}

impl NewRequestPage {
    fn attribute_error(&self, code: &str) -> Option<String> {
        self.errors
            .message_for(&self.layout, &format!("attribute[{code}]"))
    }

    fn channel_label(&self, channel: &RequestChannel) -> String {
        crate::requests::channel_label(self.layout.lang, *channel)
    }
}

async fn new_request_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    service: Option<&str>,
    form: ReportForm,
    errors: FieldErrors,
) -> Result<NewRequestPage, AppError> {
    let services: Vec<Service> = state
        .store
        .list_services(&ServiceQuery {
            body: Some(body.slug.clone()),
            ..Default::default()
        })
        .await?
        .services
        .into_iter()
        .filter(|s| s.accepts_requests)
        .collect();
    let service = match service {
        Some(slug) => Some(
            services
                .iter()
                .find(|s| s.slug == slug)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let action = format!(
        "/staff/bodies/{}/requests/new?service={}",
        body.slug,
        service.as_ref().map(|s| s.slug.as_str()).unwrap_or("")
    );
    Ok(NewRequestPage {
        layout: if errors.is_empty() {
            ctx.layout_t("requests-enter-for-someone")
        } else {
            ctx.layout(ctx.error_title(&ctx.t("requests-enter-for-someone")))
        },
        body,
        services,
        service,
        form,
        channels: RequestChannel::ASSISTED.to_vec(),
        errors: FormErrors(errors),
        action,
    })
}

/// `GET /staff/bodies/{body}/requests/new`: enter a request received by phone, in person,
/// by letter or by email, on the person's behalf.
pub async fn new_request(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Query(params): Query<NewParams>,
) -> Result<Response, AppError> {
    let service = params.service.as_deref().filter(|s| !s.is_empty());
    let page = new_request_page(
        &state,
        &ctx,
        body,
        service,
        ReportForm::default(),
        FieldErrors::default(),
    )
    .await?;
    render(StatusCode::OK, &page)
}

/// `POST /staff/bodies/{body}/requests/new?service=…`.
pub async fn create_request(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { staff, body }: StaffOf,
    Query(params): Query<NewParams>,
    req: Request,
) -> Result<Response, AppError> {
    let slug = params.service.unwrap_or_default();
    let service = state
        .store
        .get_service(&body.slug, &slug)
        .await?
        .filter(|s| s.accepts_requests)
        .ok_or(AppError::NotFound)?;
    let (form, _) = read_form(&state, req).await?;
    let validated = form
        .to_input(&service.slug, false)
        .validate(&service.attributes);
    let mut errors = validated.as_ref().err().cloned().unwrap_or_default();
    let channel = RequestChannel::parse(form.value("channel"))
        .filter(|c| RequestChannel::ASSISTED.contains(c));
    if channel.is_none() {
        errors.add_t(
            "channel",
            "requests-error-channel",
            "Choose how the request reached you",
        );
    }
    let has_contact = !form.value("name").trim().is_empty()
        || !form.value("email").trim().is_empty()
        || !form.value("phone").trim().is_empty();
    let consent = form.has("consent", "yes");
    if has_contact && !consent {
        errors.add_t(
            "consent",
            "requests-error-consent",
            "Confirm the person agreed to us keeping their contact details, or leave the details empty",
        );
    }
    if form.value("description").trim().is_empty() {
        errors.add_t(
            "description",
            "requests-error-description-told",
            "Describe the problem as the person told you",
        );
    }
    let draft = match validated {
        Ok(d) if errors.is_empty() => d,
        _ => {
            let page = new_request_page(&state, &ctx, body, Some(&slug), form, errors).await?;
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let channel = channel.unwrap_or(RequestChannel::Phone);
    let subscription = (!draft.contact.email.is_empty()).then(crate::app::tokens::new_token);
    let now = OffsetDateTime::now_utc();
    let created = state
        .store
        .create_request(&NewRequest {
            body: body.slug.clone(),
            service: service.slug.clone(),
            draft,
            channel,
            visibility: if form.has("private", "yes") {
                Visibility::Private
            } else {
                Visibility::Public
            },
            confirmed: true,
            token: None,
            api_key_id: None,
            consent: if has_contact {
                format!(
                    "Given to {} ({}) by {}",
                    staff.name,
                    staff.email,
                    channel.label().to_lowercase()
                )
            } else {
                "No contact details kept".into()
            },
            confirm_token_hash: None,
            reporter_subscription: subscription,
            photos: Vec::new(),
            notifications: Vec::new(),
            expected_at: service.target_days.map(|d| add_working_days(now, d)),
            received_at: None,
        })
        .await?;
    Ok(Redirect::to(&format!(
        "/staff/bodies/{}/requests/{}?saved=1",
        body.slug, created.id
    ))
    .into_response())
}
