//! Registers with verifiable history: append-only logs of entries over content-addressed
//! items, RFC 6962 proofs and signed tree heads.

pub mod api;

use crate::AppState;
use crate::app::negotiate::negotiated;
use axum::Router;
use axum::routing::get;

/// The register index page.
pub fn routes() -> Router<AppState> {
    Router::new().route("/registers", negotiated(get(api::index_page)))
}

/// Every register's resources and proofs: machine routes (data only, never cookies).
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/registers.json", get(api::index))
        .route("/registers/public-key", get(api::key))
        .route("/registers/{name}", get(api::summary))
        .route("/registers/{name}/{file}", get(api::file))
        .route("/registers/{name}/entries/{n}", get(api::entry))
        .route("/registers/{name}/records/{key}", get(api::record))
        .route(
            "/registers/{name}/records/{key}/entries",
            get(api::record_entries),
        )
        .route("/registers/{name}/items/{hash}", get(api::item))
        .route("/registers/{name}/proof/tree-head", get(api::tree_head))
        .route("/registers/{name}/proof/inclusion", get(api::inclusion))
        .route("/registers/{name}/proof/consistency", get(api::consistency))
}
