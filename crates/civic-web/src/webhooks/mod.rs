//! Webhooks for partners (Standard Webhooks 1.0): a body's staff register endpoints that
//! receive its events (a request reported or updated, a dataset published, a data request
//! answered). Messages are written by the database in the transaction of each change; the
//! worker here signs and posts them, retrying on Svix's schedule with the same `webhook-id`.

pub mod api;
pub mod deliver;
pub mod staff;

use crate::app::auth::StaffRoutes;
use axum::routing::{get, post};

/// The partners' API (a machine route, outside CSRF: keys, never cookies).
pub fn api_routes() -> axum::Router<crate::AppState> {
    axum::Router::new()
        .route(
            "/api/bodies/{body}/webhooks",
            get(api::list).post(api::create),
        )
        .route(
            "/api/bodies/{body}/webhooks/{endpoint}",
            get(api::show).put(api::update).delete(api::disable),
        )
        .route(
            "/api/bodies/{body}/webhooks/{endpoint}/rotate",
            post(api::rotate),
        )
}

/// Staff pages, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .route(
            "/webhooks",
            get(staff::endpoints).post(staff::create_endpoint),
        )
        .route(
            "/webhooks/{endpoint}",
            get(staff::endpoint).post(staff::update_endpoint),
        )
        .route("/webhooks/{endpoint}/rotate", post(staff::rotate_secret))
        .route("/webhooks/{endpoint}/enabled", post(staff::set_enabled))
}
