//! axum's `Query`, `Path` and `Form`, with their rejections turned into Civic's own error:
//! a plain-English page (or the JSON error, for data URLs and API clients) instead of
//! axum's plain-text 400 that no OpenAPI document or person expects.

use crate::AppError;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A query string read into `T`; a 400 saying what was wrong when it cannot be.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Query(value)),
            Err(rejection) => Err(AppError::Unclear {
                id: "app-error-query-unreadable",
                args: vec![("reason", serde_reason(&rejection.body_text()).to_string())],
            }),
        }
    }
}

/// Path parameters read into `T`; an address whose parameters do not parse names nothing
/// here, so it is a 404 like any other unknown page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Path(value))
            .map_err(|_| AppError::NotFound)
    }
}

/// A form body read into `T`; a 400 (or 413) saying what was wrong when it cannot be.
#[derive(Debug, Clone, Copy, Default)]
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Form(value)),
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::TooLarge)
            }
            Err(rejection) => Err(AppError::Unclear {
                id: "app-error-form-unreadable",
                args: vec![("reason", serde_reason(&rejection.body_text()).to_string())],
            }),
        }
    }
}

/// serde's reason without axum's "Failed to deserialize …: " preamble.
fn serde_reason(text: &str) -> &str {
    text.split_once(": ").map_or(text, |(_, reason)| reason)
}
