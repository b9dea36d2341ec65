//! Bodies as open data (JSON).

use crate::ApiError;
use crate::AppState;
use crate::app::negotiate::open_data;
use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::Body;
use serde::Serialize;

#[derive(Serialize)]
pub struct BodyView<'a> {
    #[serde(flatten)]
    body: &'a Body,
    kind_label: &'static str,
    url: String,
    services_url: String,
}

impl<'a> BodyView<'a> {
    /// Wraps a body for publishing.
    pub fn new(body: &'a Body) -> Self {
        BodyView {
            kind_label: body.kind.label(),
            url: format!("/bodies/{}", body.slug),
            services_url: format!("/bodies/{}/services.json", body.slug),
            body,
        }
    }
}

/// `GET /bodies.json`: every body.
pub async fn bodies_json(State(state): State<AppState>) -> Result<Response, ApiError> {
    bodies(&state).await
}

/// Every body as JSON; the bodies page answers with this when `Accept` asks for JSON.
pub async fn bodies(state: &AppState) -> Result<Response, ApiError> {
    let bodies = state.store.list_bodies().await?;
    let views: Vec<BodyView> = bodies.iter().map(BodyView::new).collect();
    Ok(open_data(
        Json(serde_json::json!({ "bodies": views })).into_response(),
    ))
}

/// One body as JSON.
pub fn body_json(body: &Body) -> Response {
    open_data(Json(BodyView::new(body)).into_response())
}
