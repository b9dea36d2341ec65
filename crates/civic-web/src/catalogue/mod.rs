//! The open data catalogue: search pages, each dataset's page and files (CSVW, Data
//! Package, DCAT), staff pages for a body's datasets, and the CKAN Action API.

pub mod ckan;
pub mod dcat;
pub mod files;
pub mod pages;
pub mod paths;
pub mod staff;
pub mod words;

use crate::AppState;
use crate::app::api_keys;
use crate::app::auth::StaffRoutes;
use crate::app::limits::uploads;
use crate::app::page_cache::cached;
use axum::Router;
use axum::routing::{get, post};
use civic_storage::DataTopic;

/// What these pages show, for the page cache.
const SHOWS: &[DataTopic] = &[DataTopic::Catalogue, DataTopic::Bodies];

/// Catalogue pages and files.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/catalogue", cached(SHOWS, get(pages::national)))
        .route(
            "/catalogue/{file}",
            cached(SHOWS, get(files::catalogue_file)),
        )
        .route("/bodies/{body}/catalogue", cached(SHOWS, get(pages::body)))
        .route("/datasets/{name}", cached(SHOWS, get(pages::dataset)))
        .route("/datasets/{name}/{file}", get(files::dataset_file))
        .route(
            "/datasets/{name}/resources/{file}",
            get(files::resource_file).layer(axum::middleware::from_fn(api_keys::allowance_headers)),
        )
}

/// Dataset pages, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .route("/catalogue", get(staff::staff_list))
        .route(
            "/catalogue/new",
            uploads(get(staff::new_form).post(staff::create)),
        )
        .route(
            "/catalogue/{name}/edit",
            uploads(get(staff::edit_form).post(staff::update)),
        )
        .route("/catalogue/{name}/withdraw", post(staff::withdraw))
}

/// The CKAN Action API (read actions, no cookies): a machine route, outside CSRF.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/3/action/{action}",
            cached(SHOWS, get(ckan::action).post(ckan::action)),
        )
        .route("/api/action/{action}", get(ckan::action).post(ckan::action))
}
