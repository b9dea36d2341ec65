//! Open Referral UK: every body's service register, and the hub's, as a feed in the UK
//! profile of HSDS 3.0, so that service finders built on the standard can read Civic's
//! register unchanged. Open to all (no key), with `Access-Control-Allow-Origin: *` on every
//! response, and one API stub per publisher: `/openreferral` for the hub and
//! `/bodies/{body}/openreferral` for a body.

pub mod api;
pub mod feed;
pub mod staff;
pub mod walk;

use crate::AppState;
use crate::app::auth::StaffRoutes;
use crate::app::limits::uploads;
use crate::app::page_cache::cached;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use civic_storage::DataTopic;
use tower_http::set_header::SetResponseHeaderLayer;

/// The feed shows services and their bodies.
const SHOWS: &[DataTopic] = &[DataTopic::Services, DataTopic::Bodies, DataTopic::Places];

/// The hub's feed and each body's, each route written out whole (the OpenAPI test reads
/// them from here). Not nested: a nested router sees its paths without the stub, and the
/// page cache, which keys pages by path, would answer a body's feed from the hub's.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/openreferral", cached(SHOWS, get(api::meta)))
        .route("/openreferral/", cached(SHOWS, get(api::meta)))
        .route("/openreferral/services", cached(SHOWS, get(api::services)))
        .route(
            "/openreferral/services/{id}",
            cached(SHOWS, get(api::service)),
        )
        .route(
            "/openreferral/service_at_locations",
            cached(SHOWS, get(api::service_at_locations)),
        )
        .route(
            "/openreferral/service_at_locations/{id}",
            cached(SHOWS, get(api::service_at_location)),
        )
        .route(
            "/openreferral/taxonomies",
            cached(SHOWS, get(api::taxonomies)),
        )
        .route(
            "/openreferral/taxonomies/{id}",
            cached(SHOWS, get(api::taxonomy)),
        )
        .route(
            "/openreferral/taxonomy_terms",
            cached(SHOWS, get(api::taxonomy_terms)),
        )
        .route(
            "/openreferral/taxonomy_terms/{id}",
            cached(SHOWS, get(api::taxonomy_term)),
        )
        .route("/bodies/{body}/openreferral", cached(SHOWS, get(api::meta)))
        .route(
            "/bodies/{body}/openreferral/",
            cached(SHOWS, get(api::meta)),
        )
        .route(
            "/bodies/{body}/openreferral/services",
            cached(SHOWS, get(api::services)),
        )
        .route(
            "/bodies/{body}/openreferral/services/{id}",
            cached(SHOWS, get(api::service)),
        )
        .route(
            "/bodies/{body}/openreferral/service_at_locations",
            cached(SHOWS, get(api::service_at_locations)),
        )
        .route(
            "/bodies/{body}/openreferral/service_at_locations/{id}",
            cached(SHOWS, get(api::service_at_location)),
        )
        .route(
            "/bodies/{body}/openreferral/taxonomies",
            cached(SHOWS, get(api::taxonomies)),
        )
        .route(
            "/bodies/{body}/openreferral/taxonomies/{id}",
            cached(SHOWS, get(api::taxonomy)),
        )
        .route(
            "/bodies/{body}/openreferral/taxonomy_terms",
            cached(SHOWS, get(api::taxonomy_terms)),
        )
        .route(
            "/bodies/{body}/openreferral/taxonomy_terms/{id}",
            cached(SHOWS, get(api::taxonomy_term)),
        )
        // Every response, errors included, may be read by a page on any site.
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
}

/// The import page, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new().route(
        "/openreferral/import",
        uploads(get(staff::import_form).post(staff::import)),
    )
}
