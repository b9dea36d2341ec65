//! Metrics (by route pattern) and the health check.

use crate::AppState;
use axum::Json;
use axum::extract::MatchedPath;
use axum::extract::Request;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::Method;
use axum::http::StatusCode;
use axum::http::header;
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::response::Response;
use metrics_exporter_prometheus::PrometheusBuilder;
use metrics_exporter_prometheus::PrometheusHandle;
use std::sync::OnceLock;
use std::time::Instant;

/// The process-wide Prometheus recorder; installed once, shared by every app in the process.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            // Another recorder may already be installed (a host program); ours still renders.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

/// Middleware: counts requests and times them by route pattern (never the raw path, which
/// would make one series per service).
pub async fn record(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = known_method(req.method());
    let started = Instant::now();
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    let labels = [
        ("method", method.to_string()),
        ("route", route),
        ("status", status),
    ];
    metrics::counter!("civic_http_requests_total", &labels).increment(1);
    metrics::histogram!("civic_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}

/// A method's label: made-up methods share one, so they cannot add series without end.
fn known_method(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// `GET /metrics`: Prometheus text format; with a metrics token configured, only for
/// `Authorization: Bearer <token>`.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(expected) = state.config.metrics_token.as_deref() {
        let given = crate::app::auth::bearer_token(&headers).unwrap_or_default();
        if !crate::app::tokens::constant_time_eq(given.as_bytes(), expected.as_bytes()) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")],
                "Metrics need the operator's token.\n",
            )
                .into_response();
        }
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
pub async fn healthz(State(state): State<AppState>) -> Response {
    let backend = state.store.backend().name();
    match state.store.ping().await {
        Ok(()) => Json(serde_json::json!({"status": "ok", "database": backend})).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "unavailable", "database": backend})),
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_up_methods_share_one_label() {
        assert_eq!(known_method(&Method::GET), "GET");
        let made_up = Method::from_bytes(b"BREW").unwrap();
        assert_eq!(known_method(&made_up), "other");
    }
}
