//! Undelivered email: the messages the outbox set aside after their last attempt, or because
//! they could not be read, shown to administrators to send again or discard.

use crate::AppError;
use crate::AppState;
use crate::app::auth::Admin;
use crate::app::extract::Path;
use crate::app::layout::{Layout, PageContext, format_datetime, render};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use civic_storage::SetAsideMessage;
use time::OffsetDateTime;

/// How many set-aside messages one page shows; the count above it says how many there are.
const SHOWN: i64 = 200;

/// The administrators' page of undelivered email and its two actions.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/undelivered-email", get(list))
        .route("/admin/undelivered-email/{id}/retry", post(retry))
        .route("/admin/undelivered-email/{id}/discard", post(discard))
}

#[derive(Template)]
#[template(path = "undelivered/list.html")]
struct ListPage {
    layout: Layout,
    messages: Vec<SetAsideMessage>,
    total: i64,
    pending: i64,
}

impl ListPage {
    fn when(&self, at: &OffsetDateTime) -> String {
        format_datetime(*at)
    }
}

/// `GET /admin/undelivered-email`: messages set aside, newest first, and the queue's size.
async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
) -> Result<Response, AppError> {
    let (messages, total) = state.store.outbox_set_aside_list(SHOWN).await?;
    let page = ListPage {
        layout: ctx.layout_t("undelivered-title"),
        messages,
        total,
        pending: state.store.outbox_pending().await?,
    };
    render(StatusCode::OK, &page)
}

/// `POST /admin/undelivered-email/{id}/retry`: back into the queue for a fresh round.
async fn retry(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state
        .store
        .outbox_retry(id, OffsetDateTime::now_utc())
        .await?;
    Ok(Redirect::to("/admin/undelivered-email").into_response())
}

/// `POST /admin/undelivered-email/{id}/discard`: gives up on a message for good.
async fn discard(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state.store.outbox_discard(id).await?;
    Ok(Redirect::to("/admin/undelivered-email").into_response())
}
