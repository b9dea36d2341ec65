//! Contracts and open buyer feedback (seed R28; the Procurement Act 2023's public KPI
//! ratings): a body's staff record contracts with suppliers from the register and rate
//! each supplier against the contract's KPIs every period; the supplier replies once
//! through a link only it is given; the ratings and replies are public on the body's
//! contract pages and the supplier's page, as CSV, and as OCDS 1.1 release packages.

pub mod ocds;
pub mod pages;
pub mod staff;

use crate::AppState;
use crate::app::auth::StaffRoutes;
use axum::Router;
use axum::routing::{get, post};

/// Public pages and open data.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bodies/{body}/contracts", get(pages::contracts))
        .route(
            "/bodies/{body}/contracts/ocds.json",
            get(ocds::release_package),
        )
        .route(
            "/bodies/{body}/contracts/ocds-records.json",
            get(ocds::record_package),
        )
        .route(
            "/bodies/{body}/contracts/ratings.csv",
            get(pages::ratings_csv),
        )
        .route("/bodies/{body}/contracts/{contract}", get(pages::contract))
        .route(
            "/contract-replies/{token}",
            get(pages::reply_form).post(pages::reply),
        )
        .route(
            "/ocds/extensions/{extension}/{*file}",
            get(ocds::extension_file),
        )
}

/// Staff pages, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .route(
            "/contracts",
            get(staff::contracts).post(staff::create_contract),
        )
        .route("/contracts/{contract}", get(staff::contract))
        .route("/contracts/{contract}/ratings", post(staff::rate))
}

/// The message id naming a rating on the Act's scale.
pub fn rating_label_id(rating: civic_domain::contract::KpiRating) -> &'static str {
    use civic_domain::contract::KpiRating;
    match rating {
        KpiRating::Good => "contracts-rating-good",
        KpiRating::ApproachingTarget => "contracts-rating-approaching-target",
        KpiRating::RequiresImprovement => "contracts-rating-requires-improvement",
        KpiRating::Inadequate => "contracts-rating-inadequate",
        KpiRating::Other => "contracts-rating-other",
    }
}
