//! Open performance data: dashboards, the data API and its accuracy check, events pushed by
//! services that run elsewhere (and the staff pages for their data sets), and the
//! satisfaction survey asked at a request's outcome.

pub mod dashboards;
pub mod data;
pub mod datasets;
pub mod emails;
pub mod ingest;
pub mod survey;

use crate::AppState;
use crate::app::auth::StaffRoutes;
use crate::app::limits::uploads;
use crate::app::page_cache::cached;
use axum::Router;
use axum::routing::{get, post};
use civic_storage::DataTopic;

/// What dashboards and the data API show, for the page cache.
const SHOWS: &[DataTopic] = &[
    DataTopic::Measures,
    DataTopic::Services,
    DataTopic::Bodies,
    DataTopic::Places,
];

/// Dashboards, the data API and the survey.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/performance", cached(SHOWS, get(dashboards::index)))
        .route(
            "/performance/compare",
            cached(SHOWS, get(dashboards::compare)),
        )
        .route("/performance/schema.json", get(data::schema))
        .route("/performance/{file}", cached(SHOWS, get(data::data)))
        .route(
            "/bodies/{body}/performance",
            cached(SHOWS, get(dashboards::body_dashboard)),
        )
        .route(
            "/bodies/{body}/services/{service}/performance",
            cached(SHOWS, get(dashboards::service_dashboard)),
        )
        .route(
            "/survey/{token}",
            get(survey::survey_form).post(survey::survey_answer),
        )
}

/// Data set pages, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new().route(
        "/datasets",
        get(datasets::datasets).post(datasets::create_dataset),
    )
}

/// `POST /api/events` (a data set's bearer token): a machine route, outside CSRF.
pub fn api_routes() -> Router<AppState> {
    Router::new().route("/api/events", uploads(post(ingest::ingest_events)))
}
