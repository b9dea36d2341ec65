//! Places that give digital help (seed R5): libraries, town halls, community centres and
//! partner charities where people get help to use services online. Residents find the
//! nearest to a postcode (`/digital-help`, each body's list, each service's page); staff
//! list their places at addresses of the addresses register and report their use, which
//! is open data and shown on the performance pages. The Open Referral UK feed publishes
//! each place helping with a service as a service at location (see `openreferral`).

pub mod nearby;
pub mod open_data;
pub mod pages;
pub mod performance;
pub mod staff;
pub mod view;

use crate::AppState;
use crate::app::auth::StaffRoutes;
use crate::app::page_cache::cached;
use axum::Router;
use axum::routing::get;
use civic_storage::DataTopic;

/// What the places' pages show, for the page cache.
const SHOWS: &[DataTopic] = &[DataTopic::Places, DataTopic::Services, DataTopic::Bodies];

/// Public pages and open data.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/digital-help", cached(SHOWS, get(pages::finder)))
        .route(
            "/digital-help.csv",
            cached(SHOWS, get(open_data::hub_places_csv)),
        )
        .route(
            "/digital-help.json",
            cached(SHOWS, get(open_data::hub_places_json)),
        )
        .route(
            "/digital-help/usage.csv",
            cached(SHOWS, get(open_data::hub_usage_csv)),
        )
        .route(
            "/digital-help/usage.json",
            cached(SHOWS, get(open_data::hub_usage_json)),
        )
        .route(
            "/bodies/{body}/digital-help",
            cached(SHOWS, get(pages::body_places)),
        )
        .route(
            "/bodies/{body}/digital-help.csv",
            cached(SHOWS, get(open_data::places_csv)),
        )
        .route(
            "/bodies/{body}/digital-help.json",
            cached(SHOWS, get(open_data::places_json)),
        )
        .route(
            "/bodies/{body}/digital-help/usage.csv",
            cached(SHOWS, get(open_data::usage_csv)),
        )
        .route(
            "/bodies/{body}/digital-help/usage.json",
            cached(SHOWS, get(open_data::usage_json)),
        )
        .route(
            "/bodies/{body}/digital-help/{place}",
            cached(SHOWS, get(pages::place)),
        )
}

/// Staff pages, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .route("/digital-help", get(staff::places))
        .route(
            "/digital-help/new",
            get(staff::new_place).post(staff::create_place),
        )
        .route(
            "/digital-help/{place}/edit",
            get(staff::edit_place).post(staff::update_place),
        )
        .route(
            "/digital-help/{place}/usage",
            get(staff::usage_form).post(staff::record_usage),
        )
}
