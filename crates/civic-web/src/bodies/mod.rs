//! Bodies: the home page, the list of public bodies and each body's page, as HTML and JSON.

pub mod open_data;
pub mod pages;

use crate::AppState;
use crate::app::negotiate::negotiated;
use axum::Router;
use axum::routing::get;

/// The home page and the bodies' pages and data.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/bodies", negotiated(get(pages::bodies)))
        .route("/bodies.json", get(open_data::bodies_json))
        .route("/bodies/{body}", negotiated(get(pages::body)))
}
