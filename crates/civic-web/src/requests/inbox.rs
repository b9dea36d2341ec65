//! The staff inbox: every channel in one place; triage, status changes, updates, notes,
//! assignment, duplicates and moderation.

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
use crate::requests::public::labelled_answers;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::Contact;
use civic_domain::FieldErrors;
use civic_domain::RequestChannel;
use civic_domain::RequestStatus;
use civic_domain::RequestUpdate;
use civic_domain::Service;
use civic_domain::ServiceRequest;
use civic_domain::Staff;
use civic_domain::Visibility;
use civic_storage::RequestChange;
use civic_storage::RequestQuery;
use civic_storage::ServiceQuery;
use serde::Deserialize;
use time::OffsetDateTime;

const INBOX_PAGE: i64 = 50;

/// Inbox filters.
#[derive(Debug, Default, Deserialize)]
pub struct InboxParams {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    overdue: Option<String>,
    #[serde(default)]
    mine: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

#[derive(Template)]
#[template(path = "requests/inbox.html")]
struct InboxPage {
    layout: Layout,
    body: Body,
    requests: Vec<ServiceRequest>,
    services: Vec<Service>,
    statuses: Vec<RequestStatus>,
    channels: Vec<RequestChannel>,
    status: String,
    service: String,
    channel: String,
    overdue: bool,
    mine: bool,
    now: OffsetDateTime,
    next: Option<String>,
    previous: Option<String>,
}

impl InboxPage {
    fn when(&self, t: &OffsetDateTime) -> String {
        format_datetime(*t)
    }

    fn status_label(&self, status: &RequestStatus) -> String {
        crate::requests::status_label(self.layout.lang, *status)
    }

    fn channel_label(&self, channel: &RequestChannel) -> String {
        crate::requests::channel_label(self.layout.lang, *channel)
    }

    fn overdue(&self, r: &ServiceRequest) -> bool {
        r.is_overdue(self.now)
    }
}

/// `GET /staff/bodies/{body}/requests`: every request from every channel, filterable.
pub async fn inbox(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { staff, body }: StaffOf,
    Query(params): Query<InboxParams>,
) -> Result<Response, AppError> {
    let now = OffsetDateTime::now_utc();
    let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_string();
    let status = text(&params.status);
    let service = text(&params.service);
    let channel = text(&params.channel);
    let overdue = params.overdue.as_deref() == Some("yes");
    let mine = params.mine.as_deref() == Some("yes");
    let page = crate::app::layout::page_number(params.page.as_deref())?;
    let mut query = RequestQuery {
        body: Some(body.slug.clone()),
        limit: INBOX_PAGE + 1,
        offset: (page - 1) * INBOX_PAGE,
        ..Default::default()
    };
    match status.as_str() {
        "" | "all" => {}
        "open" => query.open = Some(true),
        "closed" => query.open = Some(false),
        s => query
            .statuses
            .push(RequestStatus::parse(s).ok_or_else(|| AppError::Unclear {
                id: "requests-error-status-unknown",
                args: vec![("status", s.to_string())],
            })?),
    }
    if !service.is_empty() {
        query.services.push(service.clone());
    }
    if !channel.is_empty() {
        query.channel = Some(
            RequestChannel::parse(&channel).ok_or_else(|| AppError::Unclear {
                id: "requests-error-channel-unknown",
                args: vec![("channel", channel.clone())],
            })?,
        );
    }
    if overdue {
        query.overdue_at = Some(now);
    }
    if mine {
        query.assigned_to = Some(staff.id);
    }
    let mut requests = state.store.list_requests(&query).await?;
    let more = i64::try_from(requests.len()).unwrap_or(0) > INBOX_PAGE;
    requests.truncate(usize::try_from(INBOX_PAGE).unwrap_or(50));
    let link = |p: i64| {
        let mut q = vec![format!("page={p}")];
        for (k, v) in [
            ("status", &status),
            ("service", &service),
            ("channel", &channel),
        ] {
            if !v.is_empty() {
                q.push(format!("{k}={}", crate::app::layout::encode_query_value(v)));
            }
        }
        if overdue {
            q.push("overdue=yes".into());
        }
        if mine {
            q.push("mine=yes".into());
        }
        format!("/staff/bodies/{}/requests?{}", body.slug, q.join("&"))
    };
    let services = state
        .store
        .list_services(&ServiceQuery {
            body: Some(body.slug.clone()),
            include_retired: true,
            ..Default::default()
        })
        .await?
        .services
        .into_iter()
        .filter(|s| s.accepts_requests)
        .collect();
    render(
        StatusCode::OK,
        &InboxPage {
            layout: ctx.layout(ctx.lang.t_with(
                "requests-inbox-title",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            previous: (page > 1).then(|| link(page - 1)),
            next: more.then(|| link(page + 1)),
            body,
            requests,
            services,
            statuses: RequestStatus::ALL.to_vec(),
            channels: RequestChannel::ALL.to_vec(),
            status,
            service,
            channel,
            overdue,
            mine,
            now,
        },
    )
}

#[derive(Template)]
#[template(path = "requests/staff_request.html")]
struct RequestPage {
    layout: Layout,
    body: Body,
    request: ServiceRequest,
    contact: Contact,
    answers: Vec<(String, String)>,
    updates: Vec<RequestUpdate>,
    staff: Vec<Staff>,
    statuses: Vec<RequestStatus>,
    errors: FormErrors,
    now: OffsetDateTime,
    saved: bool,
}

impl RequestPage {
    fn when(&self, t: &OffsetDateTime) -> String {
        format_datetime(*t)
    }

    fn status_label(&self, status: &RequestStatus) -> String {
        crate::requests::status_label(self.layout.lang, *status)
    }

    fn channel_label(&self, channel: &RequestChannel) -> String {
        crate::requests::channel_label(self.layout.lang, *channel)
    }

    fn overdue(&self, r: &ServiceRequest) -> bool {
        r.is_overdue(self.now)
    }

    fn assignee(&self) -> String {
        self.request
            .assigned_to
            .and_then(|id| self.staff.iter().find(|s| s.id == id))
            .map(|s| s.name.clone())
            .unwrap_or_else(|| self.layout.t("requests-staff-nobody"))
    }
}

async fn request_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    id: &str,
    errors: FieldErrors,
    saved: bool,
) -> Result<RequestPage, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let request = state
        .store
        .get_request(id)
        .await?
        .filter(|r| r.body == body.slug)
        .ok_or(AppError::NotFound)?;
    let contact = state
        .store
        .request_contact(&body.slug, id)
        .await?
        .unwrap_or_default();
    let service = state
        .store
        .get_service(&body.slug, &request.service)
        .await?;
    let updates = state.store.request_updates(id, true).await?;
    let staff = state.store.list_staff(&body.slug).await?;
    Ok(RequestPage {
        layout: {
            let title = ctx.lang.t_with(
                "requests-staff-title",
                &[
                    ("id", Arg::from(request.id.to_string())),
                    ("service", Arg::from(&request.service_name)),
                ],
            );
            if errors.is_empty() {
                ctx.layout(title)
            } else {
                ctx.layout(ctx.error_title(&title))
            }
        },
        answers: labelled_answers(service.as_ref(), &request),
        body,
        request,
        contact,
        updates,
        staff,
        statuses: RequestStatus::ALL.to_vec(),
        errors: FormErrors(errors),
        now: OffsetDateTime::now_utc(),
        saved,
    })
}

/// `GET /staff/bodies/{body}/requests/{id}`: one request, with contact details and every
/// update, public and private.
pub async fn request(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, id)): Path<(String, String)>,
    Query(params): Query<SavedParam>,
) -> Result<Response, AppError> {
    let page = request_page(
        &state,
        &ctx,
        body,
        &id,
        FieldErrors::default(),
        params.saved.is_some(),
    )
    .await?;
    render(StatusCode::OK, &page)
}

/// The change form on a request's page.
#[derive(Debug, Default, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    update: String,
    #[serde(default)]
    private: Option<String>,
    #[serde(default)]
    assigned_to: String,
    #[serde(default)]
    duplicate_of: String,
    #[serde(default)]
    visibility: String,
}

/// `POST /staff/bodies/{body}/requests/{id}`: changes status, writes an update or a private
/// note, assigns, marks a duplicate, hides or makes private.
pub async fn change(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { staff, body }: StaffOf,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, AppError> {
    let request_id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let status = match form.status.trim() {
        "" => None,
        s => {
            let parsed = RequestStatus::parse(s);
            if parsed.is_none() {
                errors.add_t(
                    "status",
                    "requests-error-status",
                    "Choose a status from the list",
                );
            }
            parsed
        }
    };
    let update = form.update.trim().to_string();
    if update.chars().count() > civic_domain::request::MAX_DESCRIPTION {
        errors.add_t(
            "update",
            "requests-error-update-length",
            "The update must be 4,000 characters or fewer",
        );
    }
    let private = form.private.as_deref() == Some("yes");
    if private && update.is_empty() {
        errors.add_t(
            "update",
            "requests-error-private-note",
            "Write the private note",
        );
    }
    let assigned_to = match form.assigned_to.trim() {
        "" => None,
        "none" => Some(None),
        s => match s.parse::<i64>() {
            Ok(id) => Some(Some(id)),
            Err(_) => {
                errors.add_t(
                    "assigned_to",
                    "requests-error-assignee",
                    "Choose someone from the list",
                );
                None
            }
        },
    };
    let duplicate_of = match form.duplicate_of.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(id) if id != request_id => Some(id),
            _ => {
                errors.add_t(
                    "duplicate_of",
                    "requests-error-duplicate",
                    "Enter the reference number of another request",
                );
                None
            }
        },
    };
    let visibility = match form.visibility.trim() {
        "" => None,
        v => {
            let parsed = Visibility::parse(v);
            if parsed.is_none() {
                errors.add_t(
                    "visibility",
                    "requests-error-visibility",
                    "Choose who can see it",
                );
            }
            parsed
        }
    };
    let current = state
        .store
        .get_request(request_id)
        .await?
        .filter(|r| r.body == body.slug)
        .ok_or(AppError::NotFound)?;
    let nothing_to_do = form.update.trim().is_empty()
        && status.is_none_or(|s| s == current.status)
        && assigned_to.is_none()
        && duplicate_of.is_none()
        && visibility.is_none_or(|v| v == current.visibility);
    if errors.is_empty() && nothing_to_do {
        return Ok(Redirect::to(&format!(
            "/staff/bodies/{}/requests/{request_id}",
            body.slug
        ))
        .into_response());
    }
    if errors.is_empty() {
        let change = RequestChange {
            status: if private { None } else { status },
            description: update,
            private,
            actor: staff.name.clone(),
            staff_id: Some(staff.id),
            external_id: None,
            visibility,
            assigned_to,
            duplicate_of,
            survey: Some(crate::app::tokens::survey_invite()),
            // Staff of the body change any of its requests.
            scope: civic_storage::ChangeScope::Any,
            at: None,
        };
        match state
            .store
            .change_request(&body.slug, request_id, &change)
            .await
        {
            Ok(_) => {
                return Ok(Redirect::to(&format!(
                    "/staff/bodies/{}/requests/{request_id}?saved=1",
                    body.slug
                ))
                .into_response());
            }
            Err(civic_storage::StorageError::NotFound)
                if duplicate_of.is_some() || matches!(assigned_to, Some(Some(_))) =>
            {
                if duplicate_of.is_some() {
                    errors.add_t(
                        "duplicate_of",
                        "requests-error-duplicate-unknown",
                        "There is no request with that reference for this body",
                    );
                } else {
                    errors.add_t(
                        "assigned_to",
                        "requests-error-assignee",
                        "Choose someone from the list",
                    );
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = request_page(&state, &ctx, body, &id, errors, false).await?;
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
