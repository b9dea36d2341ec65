//! The developer hub: every API Civic offers, each with its own page (what it is for, where
//! it is, whether it needs a key, its operations) and its own OpenAPI document cut from the
//! whole one, and the list in the GOV.UK API catalogue's CSV layout so a deployment can
//! submit its APIs to api.gov.uk.

pub mod apis;
pub mod pages;

use crate::AppState;
use axum::Router;
use axum::routing::get;

/// Public pages and their data.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/developers", get(pages::hub))
        .route("/developers.csv", get(pages::catalogue_csv))
        .route("/developers/{api}", get(pages::api))
        .route("/developers/{api}/openapi.json", get(pages::api_openapi))
}
