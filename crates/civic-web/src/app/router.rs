//! The router, read as a table of contents: each feature's routes, the machine routes
//! (outside the browser layer, so no CSRF check applies to them), and the middleware every
//! request passes through; and `serve`, which runs it with the background jobs.

use crate::AppState;
use crate::Config;
use crate::about;
use crate::accounts;
use crate::addresses;
use crate::app::api_keys;
use crate::app::auth::StaffRoutes;
use crate::app::csrf;
use crate::app::http_cache;
use crate::app::layout;
use crate::app::limits;
use crate::app::negotiate;
use crate::app::observe;
use crate::app::openapi;
use crate::app::page_cache;
use crate::app::text_guard;
use crate::bodies;
use crate::catalogue;
use crate::catalogue::files::publish_all_own;
use crate::catalogue::files::refresh_certificates_hourly;
use crate::contracts;
use crate::developers;
use crate::moderation;
use crate::open311;
use crate::openreferral;
use crate::partners;
use crate::performance;
use crate::places;
use crate::registers;
use crate::requests;
use crate::services;
use crate::spend;
use crate::stewardship;
use crate::suppliers;
use crate::undelivered;
use crate::webhooks;
use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::HeaderName;
use axum::http::HeaderValue;
use axum::http::header;
use axum::routing::get;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::TraceLayer;

/// Staff pages of one body, mounted under `/staff/bodies/{body}`: the guard checks the
/// signed-in person works for `{body}` before any handler runs, so a new staff page cannot
/// forget the tenant wall.
fn staff_of_body() -> StaffRoutes {
    StaffRoutes::new()
        .merge(services::staff_routes())
        .merge(requests::staff_routes())
        .merge(partners::staff_routes())
        .merge(contracts::staff_routes())
        .merge(openreferral::staff_routes())
        .merge(places::staff_routes())
        .merge(performance::staff_routes())
        .merge(spend::staff_routes())
        .merge(catalogue::staff_routes())
        .merge(stewardship::staff_routes())
        .merge(moderation::staff_routes())
        .merge(webhooks::staff_routes())
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

/// Staff and account pages (new keys shown once, private requests) are never kept by a
/// browser's or a proxy's cache.
fn private() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))
}

/// Every route of the application, with its middleware.
pub fn router(state: AppState) -> Router {
    let secure = state.config.behind_tls();
    let staff_of_body = staff_of_body().into_router(state.clone());
    // Pages people use in a browser, behind the CSRF check.
    let browser = Router::new()
        .route("/assets/civic.css", get(layout::stylesheet))
        .merge(about::routes())
        .merge(developers::routes())
        .merge(suppliers::routes())
        .merge(partners::routes())
        .merge(contracts::routes())
        .merge(accounts::routes().layer(private()))
        .merge(undelivered::routes().layer(private()))
        .merge(suppliers::admin_routes().layer(private()))
        .merge(partners::admin_routes().layer(private()))
        .merge(bodies::routes())
        .merge(services::routes())
        .merge(places::routes())
        .merge(requests::routes())
        .merge(addresses::routes())
        .merge(registers::routes())
        .merge(performance::routes())
        .merge(spend::routes())
        .merge(catalogue::routes())
        .merge(stewardship::routes())
        .nest("/staff/bodies/{body}", staff_of_body.layer(private()))
        .layer(axum::middleware::from_fn(text_guard::refuse_forbidden_text))
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
        .merge(registers::api_routes())
        .merge(openreferral::api_routes())
        .merge(webhooks::api_routes())
        .layer(axum::middleware::from_fn(text_guard::refuse_forbidden_text))
        .layer(axum::middleware::from_fn(negotiate::errors_always_as_data))
        .merge(open311::routes())
        .layer(axum::middleware::from_fn(api_keys::allowance_headers))
        .route("/healthz", get(observe::healthz))
        .route("/metrics", get(observe::metrics));

    let mut app = browser
        .merge(machine)
        .fallback(layout::not_found)
        .layer(axum::middleware::from_fn(negotiate::errors_as_data))
        .layer(axum::middleware::from_fn(http_cache::conditional))
        .layer(axum::Extension(page_cache::PageCacheHandle {
            cache: state.page_cache.clone(),
            store: state.store.clone(),
        }))
        .layer(axum::middleware::from_fn(observe::record))
        // No body larger than an upload is read at all; and only the upload routes
        // (`limits::uploads`) raise the small default their extractors read.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            limits::MAX_UPLOAD,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(limits::SMALL_BODY))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            layout::panic_response,
        ))
        // The path only: a query may carry an Open311 `api_key` or another secret, and no
        // secret is ever written to a log.
        .layer(TraceLayer::new_for_http().make_span_with(
            |req: &axum::http::Request<axum::body::Body>| {
                tracing::debug_span!("request", method = %req.method(), path = %req.uri().path())
            },
        ))
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
    let app = app.with_state(state);
    // Welsh pages are the same routes under `/cy`: one router answers both languages.
    Router::new()
        .nest_service(
            "/cy",
            app.clone()
                .layer(axum::middleware::from_fn(crate::app::i18n::welsh)),
        )
        .fallback_service(app.layer(axum::middleware::from_fn(crate::app::i18n::english)))
}

/// Serves the application on `listener`, with the outbox worker beside it, until
/// `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_when_ready(listener, state, shutdown, || {}).await
}

/// As [`serve`], calling `ready` once start-up work is done and just before the first
/// connection is answered: until then nothing, `/healthz` included, answers (connections
/// wait in the listen queue), so a load balancer never sends traffic to a process that
/// cannot yet serve it.
pub async fn serve_when_ready(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ready: impl FnOnce(),
) -> std::io::Result<()> {
    crate::registers::api::ensure_registers(state.store.as_ref(), &state.config.operator)
        .await
        .map_err(std::io::Error::other)?;
    publish_all_own(state.store.as_ref())
        .await
        .map_err(std::io::Error::other)?;
    // Its first round runs now, beside serving: pages compute their own level afresh.
    let certificates = tokio::spawn(refresh_certificates_hourly(state.clone()));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(crate::app::outbox::work(
        state.clone(),
        state.config.outbox_interval,
        stopped.clone(),
    ));
    let deliveries = tokio::spawn(crate::webhooks::deliver::work(
        state.clone(),
        state.config.outbox_interval,
        stopped,
    ));
    let config = state.config.clone();
    ready();
    let result = serve_connections(listener, router(state), &config, shutdown).await;
    let _ = stop.send(true);
    let _ = worker.await;
    let _ = deliveries.await;
    certificates.abort();
    result
}

/// How long open connections may take to finish their requests once shutdown begins.
const DRAIN: Duration = Duration::from_secs(10);

/// Accepts connections until `shutdown`, at most `max_connections` at once (more are closed
/// on arrival, so a flood of idle sockets cannot starve everyone else of descriptors); each
/// must send its headers within `header_timeout` (which also ends idle keep-alive
/// connections) and its body within `body_timeout`. axum's own `serve` sets neither.
async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: Router,
    config: &Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = app.layer(RequestBodyTimeoutLayer::new(config.body_timeout));
    let slots = Arc::new(Semaphore::new(config.max_connections));
    let per_client = ClientConnections::new(config.max_connections_per_client);
    let (closing, closed) = tokio::sync::watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of descriptors, say: back off instead of spinning.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            metrics::counter!("civic_connections_refused_total").increment(1);
            drop(stream);
            continue;
        };
        // One address may not hold every slot (behind a proxy every connection comes from
        // the proxy, so there the proxy's own per-client limit applies instead).
        let Some(held) = per_client.admit(peer.ip(), !config.trust_forwarded_for) else {
            metrics::counter!("civic_connections_refused_total").increment(1);
            drop(stream);
            continue;
        };
        let service = app
            .clone()
            .map_request(move |mut req: axum::extract::Request| {
                req.extensions_mut().insert(ConnectInfo(peer));
                req
            });
        let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
            service.clone().oneshot(req.map(axum::body::Body::new))
        });
        let header_timeout = config.header_timeout;
        let mut closed = closed.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let _held = held;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = closed.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    let _ = closing.send(true);
    // Wait for the connections to drain: every slot back, or the drain time up.
    let all = u32::try_from(config.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(DRAIN, slots.acquire_many(all)).await;
    Ok(())
}

/// Connections held per client address, so no one address can take every slot.
#[derive(Clone)]
struct ClientConnections {
    most: usize,
    held: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
}

/// One connection counted against its address until dropped.
struct HeldConnection {
    ip: Option<std::net::IpAddr>,
    held: Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>,
}

impl ClientConnections {
    fn new(most: usize) -> ClientConnections {
        ClientConnections {
            most,
            held: Arc::default(),
        }
    }

    /// Counts a connection from `ip`; `None` when that address already holds its share.
    /// Uncounted (always admitted) when `per_address` is false.
    fn admit(&self, ip: std::net::IpAddr, per_address: bool) -> Option<HeldConnection> {
        if !per_address {
            return Some(HeldConnection {
                ip: None,
                held: self.held.clone(),
            });
        }
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let count = held.entry(ip).or_insert(0);
        if *count >= self.most {
            return None;
        }
        *count += 1;
        Some(HeldConnection {
            ip: Some(ip),
            held: self.held.clone(),
        })
    }
}

impl Drop for HeldConnection {
    fn drop(&mut self) {
        let Some(ip) = self.ip else { return };
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = held.get_mut(&ip) {
            *count -= 1;
            if *count == 0 {
                held.remove(&ip);
            }
        }
    }
}
