//! Staff pages: a body's webhook endpoints (add, change, rotate the secret, turn off and on)
//! and each endpoint's latest deliveries.

use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::extract::{Form, Path, Query};
use crate::app::fetch::{FetchError, pinned_client};
use crate::app::i18n::Arg;
use crate::app::layout::{FormErrors, Layout, PageContext, format_datetime, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use civic_domain::webhook::{
    DisabledReason, EndpointDraft, EndpointInput, EventType, ROTATION_OVERLAP, SECRET_BYTES, Secret,
};
use civic_domain::{Body, FieldErrors};
use civic_storage::{WebhookDelivery, WebhookEndpoint};
use serde::Deserialize;
use time::OffsetDateTime;

/// Deliveries listed on an endpoint's page.
const SHOWN_DELIVERIES: i64 = 50;

/// The endpoint form as shown again: what was typed and ticked.
#[derive(Debug, Clone, Default)]
pub struct EndpointFields {
    url: String,
    description: String,
    events: Vec<String>,
}

impl EndpointFields {
    /// The fields as a partner sent them through the API.
    pub fn new(url: String, description: String, events: Vec<String>) -> EndpointFields {
        EndpointFields {
            url,
            description,
            events,
        }
    }

    fn of(endpoint: &WebhookEndpoint) -> EndpointFields {
        EndpointFields {
            url: endpoint.url.clone(),
            description: endpoint.description.clone(),
            events: endpoint
                .events
                .iter()
                .map(|e| e.as_str().to_string())
                .collect(),
        }
    }

    fn from_pairs(pairs: Vec<(String, String)>) -> EndpointFields {
        let mut fields = EndpointFields::default();
        for (name, value) in pairs {
            match name.as_str() {
                "url" => fields.url = value,
                "description" => fields.description = value,
                "events" => fields.events.push(value),
                _ => {}
            }
        }
        fields
    }

    /// Whether the form has `event` ticked.
    fn ticks(&self, event: &EventType) -> bool {
        self.events.iter().any(|e| e == event.as_str())
    }
}

/// Event types with their message ids, for the checkboxes and tables.
fn event_label_id(event: &EventType) -> &'static str {
    match event {
        EventType::RequestCreated => "webhooks-event-request-created",
        EventType::RequestUpdated => "webhooks-event-request-updated",
        EventType::DatasetPublished => "webhooks-event-dataset-published",
        EventType::DataRequestAnswered => "webhooks-event-data-request-answered",
    }
}

#[derive(Template)]
#[template(path = "webhooks/staff_list.html")]
struct EndpointsPage {
    layout: Layout,
    body: Body,
    endpoints: Vec<WebhookEndpoint>,
    form: EndpointFields,
    events: [EventType; 4],
    errors: FormErrors,
}

impl EndpointsPage {
    fn event_label(&self, event: &EventType) -> String {
        self.layout.t(event_label_id(event))
    }

    fn status(&self, endpoint: &WebhookEndpoint) -> String {
        status_text(&self.layout, endpoint)
    }
}

#[derive(Template)]
#[template(path = "webhooks/staff_endpoint.html")]
struct EndpointPage {
    layout: Layout,
    body: Body,
    endpoint: WebhookEndpoint,
    deliveries: Vec<WebhookDelivery>,
    form: EndpointFields,
    events: [EventType; 4],
    errors: FormErrors,
    notice: Option<String>,
}

impl EndpointPage {
    fn event_label(&self, event: &EventType) -> String {
        self.layout.t(event_label_id(event))
    }

    fn status(&self, endpoint: &WebhookEndpoint) -> String {
        status_text(&self.layout, endpoint)
    }

    fn when(&self, t: &OffsetDateTime) -> String {
        format_datetime(*t)
    }

    fn event_name(&self, name: &str) -> String {
        EventType::parse(name)
            .map(|e| self.layout.t(event_label_id(&e)))
            .unwrap_or_else(|| name.to_string())
    }

    fn outcome(&self, d: &WebhookDelivery) -> String {
        if let Some(at) = d.delivered_at {
            return self
                .layout
                .ta("webhooks-delivered-at", "when", format_datetime(at));
        }
        let tried = match (&d.last_status, &d.last_error) {
            (_, Some(error)) => error.clone(),
            _ => String::new(),
        };
        let next = match d.next_attempt_at {
            Some(at) => self
                .layout
                .ta("webhooks-next-attempt", "when", format_datetime(at)),
            None if d.attempts == 0 => self.layout.t("webhooks-not-sent"),
            None => self.layout.t("webhooks-given-up"),
        };
        if tried.is_empty() {
            next
        } else {
            format!("{tried}. {next}")
        }
    }
}

/// "Active", "Failing since …", or "Turned off …" with the reason.
fn status_text(layout: &Layout, endpoint: &WebhookEndpoint) -> String {
    match (endpoint.disabled, endpoint.failing_since) {
        (Some((at, reason)), _) => {
            let id = match reason {
                DisabledReason::ByStaff => "webhooks-status-off-staff",
                DisabledReason::ByPartner => "webhooks-status-off-partner",
                DisabledReason::Gone => "webhooks-status-off-gone",
                DisabledReason::Failing => "webhooks-status-off-failing",
            };
            layout.ta(id, "when", format_datetime(at))
        }
        (None, Some(since)) => layout.ta("webhooks-status-failing", "when", format_datetime(since)),
        (None, None) => layout.t("webhooks-status-active"),
    }
}

fn list_title(ctx: &PageContext, body: &Body) -> String {
    ctx.lang.t_with(
        "webhooks-title",
        &[(
            "body",
            Arg::from(body.name_in(crate::app::i18n::is_welsh())),
        )],
    )
}

/// `GET /staff/bodies/{body}/webhooks`: the body's endpoints and the form to add one.
pub async fn endpoints(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    list_page(
        &state,
        &ctx,
        body,
        EndpointFields::default(),
        FieldErrors::default(),
    )
    .await
}

async fn list_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    form: EndpointFields,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let endpoints = state.store.webhook_endpoints(&body.slug).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &EndpointsPage {
            layout: ctx.layout(list_title(ctx, &body)),
            body,
            endpoints,
            form,
            events: EventType::ALL,
            errors: FormErrors(errors),
        },
    )
}

/// Checks the form, and that the address does not lead inside the network (unless the
/// deployment allows it). A host that cannot be looked up now is accepted: deliveries say
/// so, and it may be a partner's name not yet published.
/// Checks an endpoint as staff or a partner gave it: the domain's rules, then that its
/// address does not lead inside the network (unless private addresses are allowed).
pub async fn checked(
    state: &AppState,
    form: &EndpointFields,
) -> Result<EndpointDraft, FieldErrors> {
    let allow_private = state.config.allow_private_addresses;
    let draft = EndpointInput {
        url: form.url.clone(),
        description: form.description.clone(),
        events: form.events.clone(),
    }
    .validate(allow_private)?;
    if !allow_private
        && let Err(FetchError::Private(host)) =
            pinned_client(&draft.url, false, std::time::Duration::from_secs(5)).await
    {
        let mut errors = FieldErrors::default();
        errors.add_with(
            "url",
            "webhooks-error-url-private",
            vec![("host", host.clone())],
            format!(
                "{host} is a private or local address; deliveries go only to the public internet"
            ),
        );
        return Err(errors);
    }
    Ok(draft)
}

/// `POST /staff/bodies/{body}/webhooks`: adds an endpoint and shows its secret.
pub async fn create_endpoint(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = EndpointFields::from_pairs(pairs);
    let draft = match checked(&state, &form).await {
        Ok(draft) => draft,
        Err(errors) => return list_page(&state, &ctx, body, form, errors).await,
    };
    let secret = Secret::from_key(rand::random::<[u8; SECRET_BYTES]>());
    let endpoint = state
        .store
        .create_webhook_endpoint(&body.slug, &draft, secret.as_str())
        .await?;
    Ok(Redirect::to(&format!(
        "{}/staff/bodies/{}/webhooks/{}?notice=created",
        ctx.lang.prefix(),
        body.slug,
        endpoint.id
    ))
    .into_response())
}

/// What was just done, shown at the top of an endpoint's page.
#[derive(Debug, Default, Deserialize)]
pub struct NoticeParam {
    #[serde(default)]
    notice: Option<String>,
}

fn endpoint_id(raw: &str) -> Result<i64, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

async fn endpoint_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    endpoint: WebhookEndpoint,
    form: Option<EndpointFields>,
    errors: FieldErrors,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let deliveries = state
        .store
        .webhook_deliveries(&body.slug, endpoint.id, SHOWN_DELIVERIES)
        .await?;
    let notice = match notice {
        Some("created") => Some(ctx.lang.t("webhooks-notice-created")),
        Some("saved") => Some(ctx.lang.t("webhooks-notice-saved")),
        Some("rotated") => Some(ctx.lang.t("webhooks-notice-rotated")),
        Some("enabled") => Some(ctx.lang.t("webhooks-notice-enabled")),
        Some("disabled") => Some(ctx.lang.t("webhooks-notice-disabled")),
        _ => None,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = ctx.lang.t_with(
        "webhooks-endpoint-title",
        &[("url", Arg::from(endpoint.url.as_str()))],
    );
    render(
        status,
        &EndpointPage {
            layout: ctx.layout(title),
            form: form.unwrap_or_else(|| EndpointFields::of(&endpoint)),
            body,
            endpoint,
            deliveries,
            events: EventType::ALL,
            errors: FormErrors(errors),
            notice,
        },
    )
}

/// `GET /staff/bodies/{body}/webhooks/{endpoint}`: its secret, settings and deliveries.
pub async fn endpoint(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, id)): Path<(String, String)>,
    Query(params): Query<NoticeParam>,
) -> Result<Response, AppError> {
    let endpoint = state
        .store
        .webhook_endpoint(&body.slug, endpoint_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    endpoint_page(
        &state,
        &ctx,
        body,
        endpoint,
        None,
        FieldErrors::default(),
        params.notice.as_deref(),
    )
    .await
}

/// `POST /staff/bodies/{body}/webhooks/{endpoint}`: changes its address, description and
/// events.
pub async fn update_endpoint(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id = endpoint_id(&id)?;
    let current = state
        .store
        .webhook_endpoint(&body.slug, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = EndpointFields::from_pairs(pairs);
    let draft = match checked(&state, &form).await {
        Ok(draft) => draft,
        Err(errors) => {
            return endpoint_page(&state, &ctx, body, current, Some(form), errors, None).await;
        }
    };
    state
        .store
        .update_webhook_endpoint(&body.slug, id, &draft)
        .await?;
    Ok(redirect_to(&ctx, &body, id, "saved"))
}

fn redirect_to(ctx: &PageContext, body: &Body, id: i64, notice: &str) -> Response {
    Redirect::to(&format!(
        "{}/staff/bodies/{}/webhooks/{id}?notice={notice}",
        ctx.lang.prefix(),
        body.slug
    ))
    .into_response()
}

/// `POST /staff/bodies/{body}/webhooks/{endpoint}/rotate`: a new secret; the old one also
/// signs for [`ROTATION_OVERLAP`] while the partner changes over.
pub async fn rotate_secret(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let id = endpoint_id(&id)?;
    let secret = Secret::from_key(rand::random::<[u8; SECRET_BYTES]>());
    state
        .store
        .rotate_webhook_secret(
            &body.slug,
            id,
            secret.as_str(),
            OffsetDateTime::now_utc() + ROTATION_OVERLAP,
        )
        .await?;
    Ok(redirect_to(&ctx, &body, id, "rotated"))
}

/// The turn on / turn off form.
#[derive(Debug, Default, Deserialize)]
pub struct EnabledForm {
    #[serde(default)]
    enabled: String,
}

/// `POST /staff/bodies/{body}/webhooks/{endpoint}/enabled`: `enabled=yes` or `no`.
pub async fn set_enabled(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<EnabledForm>,
) -> Result<Response, AppError> {
    let id = endpoint_id(&id)?;
    let enabled = match form.enabled.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            return Err(AppError::Unclear {
                id: "webhooks-error-enabled",
                args: Vec::new(),
            });
        }
    };
    state
        .store
        .set_webhook_endpoint_enabled(&body.slug, id, enabled, OffsetDateTime::now_utc())
        .await?;
    Ok(redirect_to(
        &ctx,
        &body,
        id,
        if enabled { "enabled" } else { "disabled" },
    ))
}
