//! Requests, reports and feedback: reporting on the web, public lists and pages, feeds,
//! open data downloads, photos, subscriptions, the staff inbox and assisted entry, and the
//! emails each sends.

pub mod assisted;
pub mod downloads;
pub mod emails;
pub mod feeds;
pub mod inbox;
pub mod public;
pub mod report;

use crate::AppState;
use crate::app::auth::StaffRoutes;
use crate::app::i18n::Lang;
use crate::app::limits::uploads;
use crate::app::page_cache::cached;
use axum::Router;
use axum::routing::{get, post};
use civic_domain::RequestChannel;
use civic_domain::RequestStatus;
use civic_storage::DataTopic;

/// What a body's public list of requests shows, for the page cache.
const SHOWS: &[DataTopic] = &[DataTopic::Requests, DataTopic::Services, DataTopic::Bodies];

/// Reporting, public requests, feeds and downloads.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bodies/{body}/report", get(report::choose))
        .route(
            "/bodies/{body}/report/{service}",
            uploads(get(report::report_form).post(report::submit_report)),
        )
        .route("/bodies/{body}/requests", cached(SHOWS, get(public::list)))
        .route("/bodies/{body}/requests.csv", get(downloads::requests_csv))
        .route(
            "/bodies/{body}/requests.json",
            get(downloads::requests_json),
        )
        .route("/bodies/{body}/requests.atom", get(feeds::body_feed))
        .route(
            "/bodies/{body}/request-updates.csv",
            get(downloads::request_updates_csv),
        )
        .route("/requests/confirm/{token}", get(report::confirm))
        .route("/requests/{id}", get(public::show))
        .route("/requests/{id}/photos/{n}", get(public::photo))
        .route("/requests/{id}/subscribe", post(public::subscribe))
        .route(
            "/subscriptions/confirm/{token}",
            get(public::confirm_subscription),
        )
        .route(
            "/subscriptions/unsubscribe/{token}",
            get(public::unsubscribe_form).post(public::unsubscribe),
        )
}

/// The inbox and assisted entry, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .route("/requests", get(inbox::inbox))
        .route(
            "/requests/new",
            uploads(get(assisted::new_request).post(assisted::create_request)),
        )
        .route("/requests/{id}", get(inbox::request).post(inbox::change))
}

/// A request status's name in `lang`, for pages (open data keeps the English labels).
pub fn status_label(lang: Lang, status: RequestStatus) -> String {
    lang.t(match status {
        RequestStatus::Received => "requests-status-received",
        RequestStatus::Acknowledged => "requests-status-acknowledged",
        RequestStatus::InProgress => "requests-status-in-progress",
        RequestStatus::ActionScheduled => "requests-status-action-scheduled",
        RequestStatus::Reopened => "requests-status-reopened",
        RequestStatus::Fixed => "requests-status-fixed",
        RequestStatus::Closed => "requests-status-closed",
        RequestStatus::NotResponsible => "requests-status-not-responsible",
        RequestStatus::Duplicate => "requests-status-duplicate",
        RequestStatus::NoFurtherAction => "requests-status-no-further-action",
    })
}

/// A channel's name in `lang`, for pages (open data keeps the English labels).
pub fn channel_label(lang: Lang, channel: RequestChannel) -> String {
    lang.t(match channel {
        RequestChannel::Web => "requests-channel-web",
        RequestChannel::Api => "requests-channel-api",
        RequestChannel::Phone => "requests-channel-phone",
        RequestChannel::Counter => "requests-channel-counter",
        RequestChannel::Post => "requests-channel-post",
        RequestChannel::Email => "requests-channel-email",
    })
}
