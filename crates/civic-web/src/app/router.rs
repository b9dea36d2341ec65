//! The router, read as a table of contents: each feature's routes, the machine routes
//! (outside the browser layer, so no CSRF check applies to them), and the middleware every
//! request passes through; and `serve`, which runs it with the background jobs.

use crate::AppState;
use crate::accounts;
use crate::addresses;
use crate::app::auth::StaffRoutes;
use crate::app::csrf;
use crate::app::layout;
use crate::app::negotiate;
use crate::app::observe;
use crate::app::openapi;
use crate::bodies;
use crate::catalogue;
use crate::catalogue::files::publish_all_own;
use crate::catalogue::files::refresh_certificates_hourly;
use crate::open311;
use crate::performance;
use crate::registers;
use crate::requests;
use crate::services;
use crate::spend;
use crate::stewardship;
use axum::Router;
use axum::http::HeaderName;
use axum::http::HeaderValue;
use axum::http::header;
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Staff pages of one body, mounted under `/staff/bodies/{body}`: the guard checks the
/// signed-in person works for `{body}` before any handler runs, so a new staff page cannot
/// forget the tenant wall.
fn staff_of_body() -> StaffRoutes {
    StaffRoutes::new()
        .merge(services::staff_routes())
        .merge(requests::staff_routes())
        .merge(open311::staff_routes())
        .merge(performance::staff_routes())
        .merge(spend::staff_routes())
        .merge(catalogue::staff_routes())
        .merge(stewardship::staff_routes())
}

/// Every staff page of a body, as a full path pattern (`/staff/bodies/{body}/…`), for the
/// tenancy tests to probe.
pub fn staff_pages() -> Vec<String> {
    staff_of_body()
        .paths()
        .iter()
        .map(|p| format!("/staff/bodies/{{body}}{p}"))
        .collect()
}

/// Every route of the application, with its middleware.
pub fn router(state: AppState) -> Router {
    let secure = state.config.behind_tls();
    let staff_of_body = staff_of_body().into_router(state.clone());
    // Pages people use in a browser, behind the CSRF check.
    let browser = Router::new()
        .route("/assets/civic.css", get(layout::stylesheet))
        .merge(accounts::routes())
        .merge(bodies::routes())
        .merge(services::routes())
        .merge(requests::routes())
        .merge(addresses::routes())
        .merge(registers::routes())
        .merge(performance::routes())
        .merge(spend::routes())
        .merge(catalogue::routes())
        .merge(stewardship::routes())
        .nest("/staff/bodies/{body}", staff_of_body)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::protect,
        ));
    // Machine routes: clients authenticate with keys or credentials, never cookies, so a
    // forged cross-site request carries no authority and no CSRF check applies.
    let machine = Router::new()
        .route("/api/openapi.json", get(openapi::openapi))
        .merge(services::api_routes())
        .merge(performance::api_routes())
        .merge(catalogue::api_routes())
        .merge(open311::routes())
        .route("/healthz", get(observe::healthz))
        .route("/metrics", get(observe::metrics));

    let mut app = browser
        .merge(machine)
        .fallback(layout::not_found)
        .layer(axum::middleware::from_fn(negotiate::errors_as_data))
        .layer(axum::middleware::from_fn(observe::record))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            crate::app::photo::MAX_PHOTO_BYTES * 2,
        ))
        // Extractors (multipart uploads above all) may read as much as the limit above lets in.
        .layer(axum::extract::DefaultBodyLimit::max(
            crate::app::photo::MAX_PHOTO_BYTES * 2,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            layout::panic_response,
        ))
        .layer(TraceLayer::new_for_http())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                 form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(self)"),
        ));
    if secure {
        app = app.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    app.with_state(state)
}

/// Serves the application on `listener`, with the outbox worker beside it, until
/// `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    crate::registers::api::ensure_registers(state.store.as_ref())
        .await
        .map_err(std::io::Error::other)?;
    publish_all_own(state.store.as_ref())
        .await
        .map_err(std::io::Error::other)?;
    let certificates = tokio::spawn(refresh_certificates_hourly(state.clone()));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(crate::app::outbox::work(
        state.clone(),
        state.config.outbox_interval,
        stopped,
    ));
    let result = axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await;
    let _ = stop.send(true);
    let _ = worker.await;
    certificates.abort();
    result
}
