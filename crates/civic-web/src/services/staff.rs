//! Staff pages for a body's service register: add, change, retire and restore services,
//! and each service's history.

use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::extract::Form;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::i18n::Arg;
use crate::app::layout::FormErrors;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::SavedParam;
use crate::app::layout::format_datetime;
use crate::app::layout::render;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::ChannelInput;
use civic_domain::ChannelKind;
use civic_domain::DigitalInclusionLevel;
use civic_domain::FieldErrors;
use civic_domain::Service;
use civic_domain::ServiceChange;
use civic_domain::ServiceChangeAction;
use civic_domain::ServiceInput;
use civic_domain::ServiceStatus;
use civic_domain::Staff;
use civic_storage::Actor;
use civic_storage::ServiceQuery;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "services/staff_list.html")]
struct StaffServicesPage {
    layout: Layout,
    body: Body,
    services: Vec<Service>,
    saved: Option<String>,
}

/// `GET /staff/bodies/{body}/services`: the body's services, retired ones included.
pub async fn services(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Query(params): Query<SavedParam>,
) -> Result<Response, AppError> {
    let page = state
        .store
        .list_services(&ServiceQuery {
            body: Some(body.slug.clone()),
            include_retired: true,
            ..Default::default()
        })
        .await?;
    let saved = params
        .saved
        .and_then(|slug| page.services.iter().find(|s| s.slug == slug))
        .map(|s| s.name.clone());
    render(
        StatusCode::OK,
        &StaffServicesPage {
            layout: ctx.layout(ctx.lang.t_with(
                "services-manage-title",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            body,
            services: page.services,
            saved,
        },
    )
}

/// The service form as submitted: one text field per channel, so it works without script.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ServiceForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    name_cy: String,
    #[serde(default)]
    description_cy: String,
    #[serde(default)]
    keywords: String,
    #[serde(default)]
    digital_inclusion_level: String,
    #[serde(default)]
    channel_online: String,
    #[serde(default)]
    channel_phone: String,
    #[serde(default)]
    channel_counter: String,
    #[serde(default)]
    channel_post: String,
    #[serde(default)]
    channel_assisted_digital: String,
    #[serde(default)]
    channel_counter_cy: String,
    #[serde(default)]
    channel_post_cy: String,
    #[serde(default)]
    channel_assisted_digital_cy: String,
    #[serde(default)]
    accepts_requests: Option<String>,
    #[serde(default)]
    request_group: String,
    #[serde(default)]
    target_days: String,
}

impl ServiceForm {
    fn from_service(service: &Service) -> ServiceForm {
        let channel = |k| service.channel(k).unwrap_or("").to_string();
        let channel_cy = |k| {
            service
                .channel_entry(k)
                .map(|c| c.detail_cy.clone())
                .unwrap_or_default()
        };
        ServiceForm {
            code: service.code.clone(),
            name: service.name.clone(),
            description: service.description.clone(),
            name_cy: service.name_cy.clone(),
            description_cy: service.description_cy.clone(),
            keywords: service.keywords.join(", "),
            digital_inclusion_level: service.digital_inclusion_level.number().to_string(),
            channel_counter_cy: channel_cy(ChannelKind::Counter),
            channel_post_cy: channel_cy(ChannelKind::Post),
            channel_assisted_digital_cy: channel_cy(ChannelKind::AssistedDigital),
            channel_online: channel(ChannelKind::Online),
            channel_phone: channel(ChannelKind::Phone),
            channel_counter: channel(ChannelKind::Counter),
            channel_post: channel(ChannelKind::Post),
            channel_assisted_digital: channel(ChannelKind::AssistedDigital),
            accepts_requests: service.accepts_requests.then(|| "yes".to_string()),
            request_group: service.group.clone(),
            target_days: service
                .target_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }

    fn accepts(&self) -> bool {
        self.accepts_requests.as_deref() == Some("yes")
    }

    /// The Welsh of a channel's detail: opening hours, addresses and help are written in
    /// words; web addresses and phone numbers serve both languages.
    fn channel_value_cy(&self, kind: ChannelKind) -> Option<&str> {
        match kind {
            ChannelKind::Counter => Some(&self.channel_counter_cy),
            ChannelKind::Post => Some(&self.channel_post_cy),
            ChannelKind::AssistedDigital => Some(&self.channel_assisted_digital_cy),
            ChannelKind::Online | ChannelKind::Phone => None,
        }
    }

    fn channel_value(&self, kind: ChannelKind) -> &str {
        match kind {
            ChannelKind::Online => &self.channel_online,
            ChannelKind::Phone => &self.channel_phone,
            ChannelKind::Counter => &self.channel_counter,
            ChannelKind::Post => &self.channel_post,
            ChannelKind::AssistedDigital => &self.channel_assisted_digital,
        }
    }

    /// The form as a service input; questions and request type are kept from `existing`,
    /// since this form does not edit them (the API does).
    fn to_input(&self, existing: Option<&Service>) -> ServiceInput {
        let level = self.digital_inclusion_level.trim();
        let days = self.target_days.trim();
        ServiceInput {
            code: self.code.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            name_cy: self.name_cy.clone(),
            description_cy: self.description_cy.clone(),
            keywords: self.keywords.split(',').map(str::to_string).collect(),
            channels: ChannelKind::ALL
                .into_iter()
                .filter(|k| !self.channel_value(*k).trim().is_empty())
                .map(|k| ChannelInput {
                    kind: k.as_str().to_string(),
                    detail: self.channel_value(k).to_string(),
                    detail_cy: self.channel_value_cy(k).unwrap_or("").to_string(),
                })
                .collect(),
            digital_inclusion_level: if level.is_empty() {
                None
            } else {
                Some(level.parse().unwrap_or(0))
            },
            accepts_requests: self.accepts(),
            request_type: existing.map(|s| s.request_type.as_str().to_string()),
            group: self.request_group.clone(),
            target_days: if days.is_empty() {
                None
            } else {
                Some(days.parse().unwrap_or(0))
            },
            attributes: existing.map(|s| s.attributes.clone()).unwrap_or_default(),
        }
    }
}

/// One channel's input on the form.
pub struct ChannelField {
    kind: ChannelKind,
    value: String,
    /// Its Welsh, for channels written in words; `None` for addresses and numbers.
    value_cy: Option<String>,
    error: Option<String>,
    error_cy: Option<String>,
    multiline: bool,
}

/// One radio button of the inclusion level.
pub struct LevelOption {
    level: DigitalInclusionLevel,
    id: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "services/staff_form.html")]
struct ServiceFormPage {
    layout: Layout,
    body: Body,
    service: Option<Service>,
    form: ServiceForm,
    errors: FormErrors,
    channels: Vec<ChannelField>,
    levels: Vec<LevelOption>,
    action: String,
}

impl ServiceFormPage {
    fn channel_label(&self, kind: &ChannelKind) -> String {
        self.layout.t(super::channel_label_id(*kind))
    }

    fn channel_hint(&self, kind: &ChannelKind) -> String {
        self.layout.t(super::channel_hint_id(*kind))
    }

    fn level_name(&self, level: &DigitalInclusionLevel) -> String {
        self.layout.t(super::level_name_id(level.number()))
    }
}

fn form_page(
    ctx: &PageContext,
    body: Body,
    service: Option<Service>,
    form: ServiceForm,
    errors: FieldErrors,
) -> ServiceFormPage {
    let errors = FormErrors(errors);
    let (title, action) = match &service {
        Some(s) => (
            ctx.lang.t_with(
                "services-form-change-title",
                &[("name", Arg::from(&s.name))],
            ),
            format!("/staff/bodies/{}/services/{}/edit", body.slug, s.slug),
        ),
        None => (
            ctx.t("services-form-add-title"),
            format!("/staff/bodies/{}/services/new", body.slug),
        ),
    };
    let title = if errors.is_empty() {
        title
    } else {
        ctx.error_title(&title)
    };
    let layout = ctx.layout(title);
    let channels = ChannelKind::ALL
        .into_iter()
        .map(|kind| ChannelField {
            kind,
            value: form.channel_value(kind).to_string(),
            value_cy: form.channel_value_cy(kind).map(str::to_string),
            error: errors.message_for(&layout, &format!("channels.{}", kind.as_str())),
            error_cy: errors.message_for(&layout, &format!("channels.{}_cy", kind.as_str())),
            multiline: matches!(
                kind,
                ChannelKind::Counter | ChannelKind::Post | ChannelKind::AssistedDigital
            ),
        })
        .collect();
    let levels = DigitalInclusionLevel::all()
        .map(|level| LevelOption {
            id: if level.number() == 1 {
                "digital_inclusion_level".to_string()
            } else {
                format!("digital_inclusion_level-{}", level.number())
            },
            checked: form.digital_inclusion_level.trim() == level.number().to_string(),
            level,
        })
        .collect();
    ServiceFormPage {
        layout,
        body,
        service,
        form,
        errors,
        channels,
        levels,
        action,
    }
}

/// `GET /staff/bodies/{body}/services/new`.
pub async fn new_service(
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    let page = form_page(
        &ctx,
        body,
        None,
        ServiceForm::default(),
        FieldErrors::default(),
    );
    render(StatusCode::OK, &page)
}

/// `POST /staff/bodies/{body}/services/new`.
pub async fn create_service(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { staff, body }: StaffOf,
    Form(form): Form<ServiceForm>,
) -> Result<Response, AppError> {
    match form.to_input(None).validate_for(&body) {
        Err(errors) => render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form_page(&ctx, body, None, form, errors),
        ),
        Ok(draft) => {
            let created = state
                .store
                .create_services(&body.slug, &[draft], &Actor::staff(&staff))
                .await?;
            let slug = created.first().map(|s| s.slug.as_str()).unwrap_or("");
            Ok(Redirect::to(&format!(
                "/staff/bodies/{}/services?saved={slug}",
                body.slug
            ))
            .into_response())
        }
    }
}

/// One of the body's services (404 if it has none by that name), with the body.
async fn own_service(
    state: &AppState,
    body: Body,
    slug: &str,
) -> Result<(Body, Service), AppError> {
    let service = state
        .store
        .get_service(&body.slug, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((body, service))
}

/// `GET /staff/bodies/{body}/services/{service}/edit`.
pub async fn edit_service(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (body, service) = own_service(&state, body, &slug).await?;
    let form = ServiceForm::from_service(&service);
    let page = form_page(&ctx, body, Some(service), form, FieldErrors::default());
    render(StatusCode::OK, &page)
}

/// `POST /staff/bodies/{body}/services/{service}/edit`.
pub async fn update_service(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { staff, body }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
    Form(form): Form<ServiceForm>,
) -> Result<Response, AppError> {
    let (body, service) = own_service(&state, body, &slug).await?;
    match form.to_input(Some(&service)).validate_for(&body) {
        Err(errors) => render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form_page(&ctx, body, Some(service), form, errors),
        ),
        Ok(draft) => {
            state
                .store
                .update_service(&body.slug, &slug, &draft, &Actor::staff(&staff))
                .await?;
            Ok(Redirect::to(&format!(
                "/staff/bodies/{}/services?saved={slug}",
                body.slug
            ))
            .into_response())
        }
    }
}

async fn change_status(
    state: &AppState,
    staff: &Staff,
    body: Body,
    slug: &str,
    status: ServiceStatus,
) -> Result<Response, AppError> {
    let (body, _) = own_service(state, body, slug).await?;
    state
        .store
        .set_service_status(&body.slug, slug, status, &Actor::staff(staff))
        .await?;
    Ok(Redirect::to(&format!(
        "/staff/bodies/{}/services?saved={slug}",
        body.slug
    ))
    .into_response())
}

/// `POST /staff/bodies/{body}/services/{service}/retire`.
pub async fn retire_service(
    State(state): State<AppState>,
    StaffOf { staff, body }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    change_status(&state, &staff, body, &slug, ServiceStatus::Retired).await
}

/// `POST /staff/bodies/{body}/services/{service}/restore`.
pub async fn restore_service(
    State(state): State<AppState>,
    StaffOf { staff, body }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    change_status(&state, &staff, body, &slug, ServiceStatus::Active).await
}

#[derive(Template)]
#[template(path = "services/staff_history.html")]
struct HistoryPage {
    layout: Layout,
    body: Body,
    service: Service,
    history: Vec<ServiceChange>,
}

impl HistoryPage {
    fn when(&self, change: &ServiceChange) -> String {
        format_datetime(change.at)
    }

    fn field_label(&self, field: &str) -> String {
        let id = match field {
            "code" => "services-field-code",
            "name" => "services-field-name",
            "description" => "services-field-description",
            "keywords" => "services-field-keywords",
            "digital_inclusion_level" => "services-field-digital-inclusion-level",
            "status" => "services-field-status",
            other => {
                return match other.strip_prefix("channels.").and_then(ChannelKind::parse) {
                    Some(kind) => self.layout.ta(
                        "services-field-channel",
                        "channel",
                        self.layout.t(super::channel_label_id(kind)),
                    ),
                    None => other.to_string(),
                };
            }
        };
        self.layout.t(id)
    }

    /// "Changed by Jo Bloggs": who made a change, in a sentence for its kind.
    fn made_by(&self, change: &ServiceChange) -> String {
        let id = match change.action {
            ServiceChangeAction::Created => "services-history-created-by",
            ServiceChangeAction::Updated => "services-history-updated-by",
            ServiceChangeAction::Retired => "services-history-retired-by",
            ServiceChangeAction::Restored => "services-history-restored-by",
        };
        self.layout.ta(id, "actor", &change.actor)
    }

    /// The caption of a change's table of fields.
    fn fields_caption(&self, change: &ServiceChange) -> String {
        let id = match change.action {
            ServiceChangeAction::Created => "services-history-fields-created",
            ServiceChangeAction::Updated => "services-history-fields-updated",
            ServiceChangeAction::Retired => "services-history-fields-retired",
            ServiceChangeAction::Restored => "services-history-fields-restored",
        };
        self.layout.ta(id, "when", self.when(change))
    }
}

/// `GET /staff/bodies/{body}/services/{service}/history`: who changed what, and when.
pub async fn history(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (body, service) = own_service(&state, body, &slug).await?;
    let history = state.store.service_history(&body.slug, &slug).await?;
    render(
        StatusCode::OK,
        &HistoryPage {
            layout: ctx.layout(ctx.lang.t_with(
                "services-history-title",
                &[("name", Arg::from(&service.name))],
            )),
            body,
            service,
            history,
        },
    )
}
