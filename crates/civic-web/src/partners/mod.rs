//! Partners and API keys (seed R17, R22): organisations outside the bodies — community
//! groups, charities, the makers of apps — get keys from a body with a kind (live, test,
//! team), scopes, an expiry, a limit per minute and optionally the data-sharing agreement
//! they serve. Open311 client keys and data set tokens are keys like any other. Each body
//! has one page of its keys, each partner one page of its keys from every body, and the
//! public register of partners shows who may use whose data and under which agreement.

pub mod admin;
pub mod keys;
pub mod pages;

use crate::AppState;
use crate::app::auth::StaffRoutes;
use axum::Router;
use axum::routing::{get, post};

/// The public register of partners.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/partners", get(pages::partners))
        .route("/partners/{partner}", get(pages::partner))
}

/// Administrators' pages: add partners, see each one's keys from every body.
pub fn admin_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/partners",
            get(admin::partners).post(admin::create_partner),
        )
        .route("/admin/partners/{partner}", get(admin::partner))
}

/// A body's keys, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .route("/api-keys", get(keys::api_keys).post(keys::create_api_key))
        .route("/api-keys/{id}/revoke", post(keys::revoke_api_key))
}

/// Message ids naming each kind of key, for forms and tables.
pub fn kind_label_id(kind: civic_domain::api_key::KeyKind) -> &'static str {
    match kind {
        civic_domain::api_key::KeyKind::Live => "keys-kind-live",
        civic_domain::api_key::KeyKind::Test => "keys-kind-test",
        civic_domain::api_key::KeyKind::Team => "keys-kind-team",
    }
}
