//! The OpenAPI 3.1 document describing every JSON and CSV route.

use crate::app::negotiate::open_data;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;

/// `GET /api/openapi.json`: the OpenAPI 3.1 description of this API.
pub async fn openapi() -> Response {
    open_data(
        (
            [(header::CONTENT_TYPE, "application/json")],
            include_str!("../../openapi.json"),
        )
            .into_response(),
    )
}
