//! The supplier register (seed R27): suppliers by org-id with their size, VCSE and social
//! enterprise status, standards, frameworks, areas and kinds of service; searchable by
//! name, distance from a postcode, size, status, standard and kind; each supplier's page
//! shows what every body spent with it and for which services (linked through the names it
//! goes by in spend data). Administrators keep the register; it is open data.

pub mod admin;
pub mod open_data;
pub mod pages;

use crate::AppState;
use axum::Router;
use axum::routing::get;

/// Public pages and open data.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/suppliers", get(pages::search))
        .route("/suppliers.csv", get(open_data::suppliers_csv))
        .route("/suppliers.json", get(open_data::suppliers_json))
        .route("/suppliers/{org_id}", get(pages::supplier))
}

/// Administrators' pages.
pub fn admin_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/suppliers/new",
            get(admin::new_supplier).post(admin::create_supplier),
        )
        .route(
            "/admin/suppliers/{org_id}/edit",
            get(admin::edit_supplier).post(admin::update_supplier),
        )
}
