//! The service register: each body's services with every channel that reaches them, their
//! pages, national search, open data (JSON, CSV), staff pages and the write API.

pub mod open_data;
pub mod pages;
pub mod search;
pub mod staff;
pub mod write_api;

use crate::AppState;
use crate::app::auth::StaffRoutes;
use crate::app::negotiate::negotiated;
use crate::app::page_cache::cached;
use axum::Router;
use axum::routing::{get, post, put};
use civic_domain::ChannelKind;
use civic_storage::DataTopic;

/// What the register's public pages show, for the page cache.
const SHOWS: &[DataTopic] = &[DataTopic::Services, DataTopic::Bodies];

/// A service's page also shows the places that help with it.
const SHOWS_WITH_PLACES: &[DataTopic] =
    &[DataTopic::Services, DataTopic::Bodies, DataTopic::Places];

/// Public pages and open data of the register.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/bodies/{body}/services",
            cached(SHOWS, negotiated(get(pages::register))),
        )
        .route(
            "/bodies/{body}/services.json",
            cached(SHOWS, get(open_data::register_json)),
        )
        .route(
            "/bodies/{body}/services.csv",
            cached(SHOWS, get(open_data::register_csv)),
        )
        .route(
            "/bodies/{body}/services/{service}",
            cached(SHOWS_WITH_PLACES, negotiated(get(pages::service))),
        )
        .route("/services", cached(SHOWS, negotiated(get(pages::national))))
        .route(
            "/services.json",
            cached(SHOWS, get(open_data::national_json)),
        )
        .route("/services.csv", get(open_data::national_csv))
        .route("/digital-inclusion-scale", get(pages::inclusion_scale))
}

/// Staff pages, under `/staff/bodies/{body}`.
pub fn staff_routes() -> StaffRoutes {
    StaffRoutes::new()
        .route("/services", get(staff::services))
        .route(
            "/services/new",
            get(staff::new_service).post(staff::create_service),
        )
        .route(
            "/services/{service}/edit",
            get(staff::edit_service).post(staff::update_service),
        )
        .route("/services/{service}/retire", post(staff::retire_service))
        .route("/services/{service}/restore", post(staff::restore_service))
        .route("/services/{service}/history", get(staff::history))
}

/// The write API for staff systems (HTTP Basic, JSON): a machine route, outside CSRF.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/bodies/{body}/services",
            post(write_api::create_service),
        )
        .route(
            "/api/bodies/{body}/services/{service}",
            put(write_api::update_service),
        )
        .route(
            "/api/bodies/{body}/services/{service}/retire",
            post(write_api::retire_service),
        )
        .route(
            "/api/bodies/{body}/services/{service}/restore",
            post(write_api::restore_service),
        )
}

/// The message id of a level's name on the digital inclusion scale (1–9); the scale's
/// names in civic-domain are the English ones open data carries.
pub fn level_name_id(number: u8) -> &'static str {
    match number {
        1 => "services-level-name-1",
        2 => "services-level-name-2",
        3 => "services-level-name-3",
        4 => "services-level-name-4",
        5 => "services-level-name-5",
        6 => "services-level-name-6",
        7 => "services-level-name-7",
        8 => "services-level-name-8",
        _ => "services-level-name-9",
    }
}

/// The message id of a channel's name on pages ("Online", "In person"…).
pub fn channel_label_id(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Online => "services-channel-online",
        ChannelKind::Phone => "services-channel-phone",
        ChannelKind::Counter => "services-channel-counter",
        ChannelKind::Post => "services-channel-post",
        ChannelKind::AssistedDigital => "services-channel-assisted-digital",
    }
}

/// The message id of the hint saying what a channel's detail field holds.
pub fn channel_hint_id(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Online => "services-channel-hint-online",
        ChannelKind::Phone => "services-channel-hint-phone",
        ChannelKind::Counter => "services-channel-hint-counter",
        ChannelKind::Post => "services-channel-hint-post",
        ChannelKind::AssistedDigital => "services-channel-hint-assisted-digital",
    }
}
