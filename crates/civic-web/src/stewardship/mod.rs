//! Data stewardship: requests for data that anyone can make and follow, and the register
//! of data-sharing agreements.

pub mod data_requests;
pub mod emails;
pub mod sharing;

use crate::AppState;
use crate::app::auth::StaffRoutes;
use axum::Router;
use axum::routing::{get, post};

/// Public pages and open data of requests for data and data sharing.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bodies/{body}/data-requests", get(data_requests::list))
        .route(
            "/bodies/{body}/data-requests/new",
            get(data_requests::new_form).post(data_requests::create),
        )
        .route(
            "/bodies/{body}/data-requests.csv",
            get(data_requests::data_requests_csv),
        )
        .route(
            "/bodies/{body}/data-requests.json",
            get(data_requests::data_requests_json),
        )
        .route(
            "/data-requests/confirm/{token}",
            get(data_requests::confirm),
        )
        .route(
            "/data-requests/support/{token}",
            get(data_requests::confirm_support),
        )
        .route("/data-requests/{id}", get(data_requests::show))
        .route("/data-requests/{id}/support", post(data_requests::support))
        .route("/bodies/{body}/data-sharing", get(sharing::sharing))
        .route("/bodies/{body}/data-sharing.csv", get(sharing::sharing_csv))
        .route(
            "/bodies/{body}/data-sharing.json",
            get(sharing::sharing_json),
        )
}

/// Staff pages, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .route("/data-requests", get(data_requests::staff_list))
        .route("/data-requests/{id}/answer", post(data_requests::answer))
        .route(
            "/data-sharing",
            get(sharing::staff_sharing).post(sharing::save_sharing),
        )
}
