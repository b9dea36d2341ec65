//! Spending in context: staff upload the transparency code's spend over £500, map expense
//! areas to services, and the totals are open data beside performance.

pub mod open_data;
pub mod staff;

use crate::AppState;
use crate::app::auth::StaffRoutes;
use crate::app::limits::uploads;
use crate::app::page_cache::cached;
use axum::Router;
use axum::routing::{get, post};
use civic_storage::DataTopic;

/// What spend totals show, for the page cache.
const SHOWS: &[DataTopic] = &[DataTopic::Spend, DataTopic::Services, DataTopic::Bodies];

/// Spend totals as open data.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/bodies/{body}/spend.csv",
            cached(SHOWS, get(open_data::spend_csv)),
        )
        .route(
            "/bodies/{body}/spend.json",
            cached(SHOWS, get(open_data::spend_json)),
        )
}

/// Spend pages, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .route(
            "/spend",
            uploads(get(staff::spend).post(staff::spend_upload)),
        )
        .route("/spend/map", post(staff::spend_map))
}
