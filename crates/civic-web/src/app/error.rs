//! The one error type: every failure a handler can meet, mapped to an HTTP status and a
//! plain-English message, rendered as an HTML page or as JSON.

use crate::app::layout::ErrorPage;
use axum::Json;
use axum::http::HeaderValue;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::FieldErrors;
use civic_storage::StorageError;
use serde::Serialize;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such page, body or service.
    #[error("not found")]
    NotFound,
    /// The person must sign in first; carries the page to return to.
    #[error("sign in required")]
    SignInRequired(String),
    /// Signed in, but this belongs to another body or needs an administrator.
    #[error("forbidden")]
    Forbidden,
    /// API credentials missing or wrong.
    #[error("unauthorised")]
    Unauthorised,
    /// An API key was missing, unknown, revoked or expired (401), or may not do this (403).
    #[error("API key refused: {0:?}")]
    KeyRefused(civic_domain::api_key::KeyRefusal),
    /// The form's anti-forgery token was missing or wrong.
    #[error("form expired")]
    FormExpired,
    /// The request could not be understood.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request could not be understood, said by a message id (and its arguments) so a
    /// Welsh page says it in Welsh; APIs get the English.
    #[error("bad request: {id}")]
    Unclear {
        /// The message's id in the interface's message files.
        id: &'static str,
        /// Its named arguments, as text.
        args: Vec<(&'static str, String)>,
    },
    /// The body is not in a format this route takes (a machine route given a form, say).
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// None of the representations the client accepts is offered here.
    #[error("not acceptable: {0}")]
    NotAcceptable(String),
    /// The body is larger than this route reads.
    #[error("too large")]
    TooLarge,
    /// Fields failed validation.
    #[error("invalid input: {0}")]
    Invalid(FieldErrors),
    /// Something with this identifier already exists.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too many submissions from one client; carries the seconds to wait.
    #[error("rate limited")]
    TooManyRequests(u64),
    /// The database is not answering.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Too much work of one kind at once (password checks); carries the seconds to wait.
    #[error("busy")]
    Busy(u64),
    /// A fault of ours.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StorageError> for AppError {
    fn from(err: StorageError) -> Self {
        match err {
            StorageError::NotFound => AppError::NotFound,
            StorageError::Conflict(what) => AppError::Conflict(what),
            e if e.is_unavailable() => AppError::Unavailable(e.to_string()),
            e => AppError::Internal(e.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(format!("template: {err}"))
    }
}

impl AppError {
    /// A 400 said by the message `id` (no arguments).
    pub fn unclear(id: &'static str) -> AppError {
        AppError::Unclear {
            id,
            args: Vec::new(),
        }
    }

    /// The HTTP status for this error.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::SignInRequired(_) => StatusCode::SEE_OTHER,
            AppError::Forbidden | AppError::FormExpired => StatusCode::FORBIDDEN,
            AppError::Unauthorised => StatusCode::UNAUTHORIZED,
            AppError::KeyRefused(r) if r.is_unauthenticated() => StatusCode::UNAUTHORIZED,
            AppError::KeyRefused(_) => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) | AppError::Unclear { .. } => StatusCode::BAD_REQUEST,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) | AppError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::SignInRequired(_) | AppError::Unauthorised => "unauthorised",
            AppError::Forbidden => "forbidden",
            AppError::KeyRefused(r) if r.is_unauthenticated() => "unauthorised",
            AppError::KeyRefused(_) => "forbidden",
            AppError::FormExpired => "csrf_token_invalid",
            AppError::BadRequest(_) | AppError::Unclear { .. } => "bad_request",
            AppError::UnsupportedMediaType(_) => "unsupported_media_type",
            AppError::NotAcceptable(_) => "not_acceptable",
            AppError::TooLarge => "too_large",
            AppError::Invalid(_) => "invalid",
            AppError::Conflict(_) => "conflict",
            AppError::TooManyRequests(_) => "rate_limited",
            AppError::Unavailable(_) => "unavailable",
            AppError::Busy(_) => "busy",
            AppError::Internal(_) => "internal",
        }
    }

    /// A heading and explanation a person can act on, in the language of the page being
    /// answered; never internal detail.
    pub fn explain(&self) -> (String, String) {
        self.explain_in(crate::app::i18n::lang())
    }

    /// A heading and explanation a person can act on, in `lang`.
    pub fn explain_in(&self, lang: crate::app::i18n::Lang) -> (String, String) {
        let pair = |title: &str, message: &str| (lang.t(title), lang.t(message));
        let waiting = |title: &str, message: &str, wait: u64| {
            let wait = i64::try_from(wait).unwrap_or(i64::MAX);
            (
                lang.t(title),
                lang.t_with(message, &[("wait", crate::app::i18n::Arg::Number(wait))]),
            )
        };
        match self {
            AppError::NotFound => pair("app-error-not-found-title", "app-error-not-found"),
            AppError::SignInRequired(_) | AppError::Unauthorised => {
                pair("app-error-sign-in-title", "app-error-sign-in")
            }
            AppError::Forbidden => pair("app-error-forbidden-title", "app-error-forbidden"),
            // Said to a client's developer, in English like every API message.
            AppError::KeyRefused(r) if r.is_unauthenticated() => {
                (lang.t("app-error-sign-in-title"), r.message())
            }
            AppError::KeyRefused(r) => (lang.t("app-error-forbidden-title"), r.message()),
            AppError::FormExpired => pair("app-error-form-expired-title", "app-error-form-expired"),
            AppError::BadRequest(msg)
            | AppError::UnsupportedMediaType(msg)
            | AppError::NotAcceptable(msg) => (lang.t("app-error-bad-request-title"), msg.clone()),
            AppError::Unclear { id, args } => (
                lang.t("app-error-bad-request-title"),
                lang.t_with(id, &crate::app::i18n::args_of(args)),
            ),
            AppError::TooLarge => pair("app-error-too-large-title", "app-error-too-large"),
            AppError::Invalid(errors) => (lang.t("app-error-invalid-title"), errors.to_string()),
            AppError::Conflict(_) => pair("app-error-conflict-title", "app-error-conflict"),
            AppError::TooManyRequests(wait) => {
                waiting("app-error-too-many-title", "app-error-too-many", *wait)
            }
            AppError::Busy(wait) => waiting("app-error-busy-title", "app-error-busy", *wait),
            AppError::Unavailable(_) => {
                pair("app-error-unavailable-title", "app-error-unavailable")
            }
            AppError::Internal(_) => pair("app-error-internal-title", "app-error-internal"),
        }
    }

    fn log(&self) {
        match self {
            AppError::Internal(detail) | AppError::Unavailable(detail) => {
                tracing::error!(error = %detail, "request failed");
            }
            _ => {}
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        if let AppError::SignInRequired(next) = &self {
            let location = format!(
                "/staff/login?next={}",
                crate::app::layout::encode_query_value(next)
            );
            return (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, location)],
                "Sign in required",
            )
                .into_response();
        }
        let (title, message) = self.explain();
        let mut response = ErrorPage::render_response(self.status(), &title, &message);
        if let AppError::TooManyRequests(wait) | AppError::Busy(wait) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        }
        // Kept so a data URL (`.json`, `.csv`) or a client asking for JSON gets this error
        // as JSON instead of the page (see `negotiate::errors_as_data`).
        response.extensions_mut().insert(ErrorBody::of(&self));
        response
    }
}

/// The JSON body of every API error.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorBody {
    /// The HTTP status code.
    pub status: u16,
    /// A short machine-readable code.
    pub error: &'static str,
    /// What went wrong, in plain English.
    pub message: String,
    /// Field-level problems, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<civic_domain::FieldError>,
}

impl ErrorBody {
    /// What API clients are told about `err`.
    pub fn of(err: &AppError) -> ErrorBody {
        let (title, explanation) = err.explain();
        let (message, fields) = match err {
            AppError::Invalid(errors) => {
                ("Some fields are not valid".to_string(), errors.0.clone())
            }
            AppError::BadRequest(msg)
            | AppError::UnsupportedMediaType(msg)
            | AppError::NotAcceptable(msg) => (msg.clone(), Vec::new()),
            AppError::KeyRefused(refusal) => (refusal.message(), Vec::new()),
            AppError::Unclear { id, args } => (
                crate::app::i18n::Lang::En.t_with(id, &crate::app::i18n::args_of(args)),
                Vec::new(),
            ),
            _ => (format!("{title}. {explanation}"), Vec::new()),
        };
        ErrorBody {
            status: err.status().as_u16(),
            error: err.code(),
            message,
            fields,
        }
    }
}

impl IntoResponse for ErrorBody {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self)).into_response()
    }
}

/// An [`AppError`] rendered as JSON, for API routes.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(err: E) -> Self {
        ApiError(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let err = match self.0 {
            AppError::SignInRequired(_) => AppError::Unauthorised,
            other => other,
        };
        err.log();
        let status = err.status();
        let retry_after = match err {
            AppError::TooManyRequests(wait) | AppError::Busy(wait) => Some(wait),
            _ => None,
        };
        let mut response = ErrorBody::of(&err).into_response();
        if let Some(wait) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        }
        if matches!(err, AppError::KeyRefused(_)) && status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"Civic\""),
            );
        } else if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"Civic\", charset=\"UTF-8\""),
            );
        }
        response
    }
}
