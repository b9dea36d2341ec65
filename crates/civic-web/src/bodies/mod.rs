//! Bodies: the home page, the list of public bodies and each body's page, as HTML and JSON.

pub mod open_data;
pub mod pages;

use crate::AppState;
use crate::app::negotiate::negotiated;
use crate::app::page_cache::cached;
use axum::Router;
use axum::routing::get;
use civic_domain::BodyKind;
use civic_storage::DataTopic;

/// The message id of a kind of body's name, for pages (`{{ layout.t(crate::bodies::kind_id(b.kind)) }}`).
pub fn kind_id(kind: &BodyKind) -> &'static str {
    match kind {
        BodyKind::CountyCouncil => "bodies-kind-county-council",
        BodyKind::DistrictCouncil => "bodies-kind-district-council",
        BodyKind::CityCouncil => "bodies-kind-city-council",
        BodyKind::UnitaryAuthority => "bodies-kind-unitary-authority",
        BodyKind::ParishCouncil => "bodies-kind-parish-council",
        BodyKind::GovernmentDepartment => "bodies-kind-government-department",
        BodyKind::HealthTrust => "bodies-kind-health-trust",
        BodyKind::Other => "bodies-kind-other",
    }
}

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
