//! Registers with verifiable history: append-only logs of entries over content-addressed
//! items, RFC 6962 proofs and signed tree heads, served as the GOV.UK Registers v1 API.

pub mod api;
pub mod rsf;
pub mod v1;

use crate::AppState;
use crate::app::negotiate::negotiated;
use axum::Router;
use axum::routing::get;

/// The register index page.
pub fn routes() -> Router<AppState> {
    Router::new().route("/registers", negotiated(get(api::index_page)))
}

/// Every register's resources and proofs: machine routes (data only, never cookies). The
/// singular paths (`record/`, `entry/`, `item/`, `proof/entry/`) are those GOV.UK's
/// reference implementation served, which its clients use.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/registers.json", get(api::index))
        .route("/registers/public-key", get(api::key))
        .route("/registers/{name}", get(api::summary))
        .route("/registers/{name}/{file}", get(api::file))
        .route("/registers/{name}/entries/{n}", get(v1::entry))
        .route("/registers/{name}/entry/{n}", get(v1::entry))
        .route("/registers/{name}/records/{key}", get(v1::record))
        .route("/registers/{name}/record/{key}", get(v1::record))
        .route(
            "/registers/{name}/records/{key}/{second}",
            get(v1::record_entries_or_facet),
        )
        .route(
            "/registers/{name}/record/{key}/{second}",
            get(v1::record_entries_or_facet),
        )
        .route("/registers/{name}/items/{hash}", get(v1::item))
        .route("/registers/{name}/item/{hash}", get(v1::item))
        .route(
            "/registers/{name}/download-rsf/{from}",
            get(rsf::download_rsf_from),
        )
        .route(
            "/registers/{name}/download-rsf/{from}/{to}",
            get(rsf::download_rsf_between),
        )
        .route("/registers/{name}/proof/tree-head", get(api::tree_head))
        .route("/registers/{name}/proof/inclusion", get(api::inclusion))
        .route("/registers/{name}/proof/consistency", get(api::consistency))
        .route(
            "/registers/{name}/proof/register/{id}",
            get(v1::register_proof),
        )
        .route(
            "/registers/{name}/proof/entries/{n}/{size}/{id}",
            get(v1::entry_proof),
        )
        .route(
            "/registers/{name}/proof/entry/{n}/{size}/{id}",
            get(v1::entry_proof),
        )
        .route(
            "/registers/{name}/proof/consistency/{m}/{n}/{id}",
            get(v1::consistency_proof),
        )
}
