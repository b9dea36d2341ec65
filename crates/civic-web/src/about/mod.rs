//! The pages every UK public body must publish about its website: the privacy notice (what
//! Civic keeps about people, why, for how long, and their rights) and the accessibility
//! statement (how accessible the site is, how that is checked, and how to complain).

pub mod pages;

use crate::AppState;
use axum::Router;
use axum::routing::get;

/// The privacy notice and the accessibility statement.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/privacy", get(pages::privacy))
        .route("/accessibility", get(pages::accessibility))
}
