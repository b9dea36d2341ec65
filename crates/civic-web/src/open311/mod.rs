//! Open311 GeoReport v2: the hub endpoint and each body's own, in XML and JSON, and the
//! staff pages for API keys.

pub mod format;
pub mod georeport;
pub mod keys;

pub use georeport::routes;

use crate::app::auth::StaffRoutes;
use axum::routing::{get, post};

/// API key pages, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .route("/api-keys", get(keys::api_keys).post(keys::create_api_key))
        .route("/api-keys/{id}/revoke", post(keys::revoke_api_key))
}
