//! Bodies: the home page, the list of public bodies and each body's page, as HTML and JSON.

pub mod open_data;
pub mod pages;

use crate::AppState;
use crate::app::negotiate::negotiated;
use crate::app::page_cache::cached;
use axum::Router;
use axum::routing::get;
use civic_storage::DataTopic;

/// What these pages show, for the page cache.
const SHOWS: &[DataTopic] = &[DataTopic::Bodies, DataTopic::Services];

/// The home page and the bodies' pages and data.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/bodies", cached(SHOWS, negotiated(get(pages::bodies))))
        .route("/bodies.json", cached(SHOWS, get(open_data::bodies_json)))
        .route("/bodies/{body}", negotiated(get(pages::body)))
}
