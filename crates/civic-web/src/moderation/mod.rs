//! Moderation: a body's staff and moderators look over what residents published there and
//! hide what should not be public (abuse, personal details typed into a description), or
//! restore it. Moderators see only what the public saw; every decision is kept, privately,
//! in the request's history.

use crate::AppError;
use crate::AppState;
use crate::app::auth::{ModeratorOf, StaffRoutes};
use crate::app::extract::{Form, Path, Query};
use crate::app::i18n::Arg;
use crate::app::layout::{FormErrors, Layout, PageContext, format_date, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_domain::{FieldErrors, ServiceRequest, Visibility};
use civic_storage::{ChangeScope, RequestChange, RequestQuery};
use serde::Deserialize;

/// Requests shown on one page of the queue.
const PER_PAGE: i64 = 25;

/// The moderation pages, open to the body's staff and moderators.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .moderation("/moderation", get(queue))
        .moderation("/moderation/requests/{id}", post(decide))
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueuePage {
    layout: Layout,
    body_slug: String,
    body_name: String,
    requests: Vec<ServiceRequest>,
    page: i64,
    more: bool,
    errors: FormErrors,
    failed: Option<i64>,
    reason: String,
}

impl QueuePage {
    fn when(&self, at: &time::OffsetDateTime) -> String {
        format_date(*at)
    }

    /// The field holding the reason for one request.
    fn field(&self, request: &ServiceRequest) -> String {
        format!("reason-{}", request.id)
    }

    /// The error on one request's form, if that is the form that failed.
    fn error_for(&self, request: &ServiceRequest) -> Option<String> {
        self.errors.message_for(&self.layout, &self.field(request))
    }

    /// What was typed on the form that failed.
    fn reason_for(&self, request: &ServiceRequest) -> &str {
        if self.failed == Some(request.id) {
            &self.reason
        } else {
            ""
        }
    }

    fn is_hidden(&self, request: &ServiceRequest) -> bool {
        request.visibility == Visibility::Hidden
    }
}

/// The queue's title: "Moderation: Northshire Council", marked when the page shows errors.
fn title(ctx: &PageContext, body_name: &str, failed: bool) -> String {
    let title = ctx
        .lang
        .t_with("moderation-title", &[("body", Arg::from(body_name))]);
    if failed {
        ctx.error_title(&title)
    } else {
        title
    }
}

/// The queue's query string.
#[derive(Debug, Default, Deserialize)]
pub struct QueueParams {
    #[serde(default)]
    page: Option<i64>,
}

async fn queue_page(
    state: &AppState,
    ctx: &PageContext,
    moderator: &ModeratorOf,
    page: i64,
) -> Result<QueuePage, AppError> {
    let page = page.max(1);
    let mut requests = state
        .store
        .list_requests(&RequestQuery {
            body: Some(moderator.body.slug.clone()),
            moderated_only: true,
            limit: PER_PAGE + 1,
            offset: (page - 1).saturating_mul(PER_PAGE),
            ..Default::default()
        })
        .await?;
    let more = requests.len() as i64 > PER_PAGE;
    requests.truncate(PER_PAGE as usize);
    Ok(QueuePage {
        layout: ctx.layout(title(ctx, &moderator.body.name, false)),
        body_slug: moderator.body.slug.clone(),
        body_name: moderator.body.name.clone(),
        requests,
        page,
        more,
        errors: FormErrors::default(),
        failed: None,
        reason: String::new(),
    })
}

/// `GET /staff/bodies/{body}/moderation`: what residents published, newest first.
async fn queue(
    State(state): State<AppState>,
    ctx: PageContext,
    moderator: ModeratorOf,
    Query(params): Query<QueueParams>,
) -> Result<Response, AppError> {
    let page = queue_page(&state, &ctx, &moderator, params.page.unwrap_or(1)).await?;
    render(StatusCode::OK, &page)
}

/// A moderation decision.
#[derive(Debug, Default, Deserialize)]
pub struct Decision {
    /// `hide` or `restore`.
    #[serde(default)]
    action: String,
    /// Why, kept in the request's private history.
    #[serde(default)]
    reason: String,
    /// The queue page to go back to.
    #[serde(default)]
    page: Option<i64>,
}

/// `POST /staff/bodies/{body}/moderation/requests/{id}`: hides a published request from
/// the public, or restores it.
async fn decide(
    State(state): State<AppState>,
    ctx: PageContext,
    moderator: ModeratorOf,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<Decision>,
) -> Result<Response, AppError> {
    let page = form.page.unwrap_or(1).max(1);
    let reason = form.reason.trim().to_string();
    let mut errors = FieldErrors::default();
    let visibility = match form.action.as_str() {
        "hide" => Visibility::Hidden,
        "restore" => Visibility::Public,
        _ => return Err(AppError::unclear("moderation-error-hide-or-restore")),
    };
    if visibility == Visibility::Hidden && reason.is_empty() {
        errors.add_t(
            format!("reason-{id}"),
            "moderation-error-reason-missing",
            "Say why it is hidden: it is kept in the request's history",
        );
    } else if reason.chars().count() > 1000 {
        errors.add_t(
            format!("reason-{id}"),
            "moderation-error-reason-too-long",
            "The reason must be 1,000 characters or fewer",
        );
    }
    if !errors.is_empty() {
        let mut queue = queue_page(&state, &ctx, &moderator, page).await?;
        queue.layout = ctx.layout(title(&ctx, &moderator.body.name, true));
        queue.errors = FormErrors(errors);
        queue.failed = Some(id);
        queue.reason = reason;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &queue);
    }
    let note = match visibility {
        Visibility::Hidden => format!("Hidden from the public by moderation: {reason}"),
        _ if reason.is_empty() => "Shown to the public again by moderation.".to_string(),
        _ => format!("Shown to the public again by moderation: {reason}"),
    };
    let change = RequestChange {
        description: note,
        private: true,
        actor: moderator.staff.name.clone(),
        staff_id: Some(moderator.staff.id),
        visibility: Some(visibility),
        // Only what moderation looks after, checked on the row the change locks: never a
        // private or unconfirmed request, even one made so a moment ago.
        scope: ChangeScope::Moderated,
        ..Default::default()
    };
    state
        .store
        .change_request(&moderator.body.slug, id, &change)
        .await?;
    tracing::info!(
        staff_id = moderator.staff.id,
        request = id,
        action = form.action,
        "moderated"
    );
    Ok(Redirect::to(&format!(
        "/staff/bodies/{}/moderation?page={page}#request-{id}",
        moderator.body.slug
    ))
    .into_response())
}
