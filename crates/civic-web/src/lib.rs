//! Civic's web layer: server-rendered pages for residents, staff and administrators, the
//! open-data JSON and CSV API, and the OpenAPI document that describes it. Handlers are
//! thin: they parse input, call the domain and the store, and render.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::{get, post};
use civic_storage::Store;
use metrics_exporter_prometheus::PrometheusHandle;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub mod api;
pub mod auth;
pub mod catalogue;
pub mod ckan;
pub mod csrf;
pub mod dcat;
pub mod error;
pub mod feeds;
pub mod mailer;
pub mod observe;
pub mod open311;
pub mod pages;
pub mod performance;
pub mod photo;
pub mod ratelimit;
pub mod registers;

pub use error::{ApiError, AppError};

/// How this deployment is reached and how it sends email.
#[derive(Debug, Clone)]
pub struct Config {
    /// The public base URL, such as `https://civic.example.gov.uk`; `None` when serving
    /// plain HTTP locally.
    pub public_url: Option<String>,
    /// The address links in emails and feeds start with.
    pub base_url: String,
    /// SMTP server URL (`smtp://host:port`, `smtps://…`); `None` logs email instead.
    pub smtp_url: Option<String>,
    /// The From address of Civic's email.
    pub mail_from: String,
    /// How often the outbox worker looks for email to send.
    pub outbox_interval: std::time::Duration,
    /// Open311 and report submissions allowed per client per minute.
    pub submissions_per_minute: u32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            public_url: None,
            base_url: "http://127.0.0.1:8080".into(),
            smtp_url: None,
            mail_from: "Civic <civic@localhost>".into(),
            outbox_interval: std::time::Duration::from_secs(1),
            submissions_per_minute: 30,
        }
    }
}

impl Config {
    /// True when people reach Civic over TLS (directly or through a proxy), so cookies are
    /// marked Secure and browsers are told to insist on HTTPS.
    pub fn behind_tls(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

/// Everything a handler needs.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Arc<dyn Store>,
    /// Deployment settings.
    pub config: Arc<Config>,
    /// Renders the Prometheus metrics.
    pub metrics: PrometheusHandle,
    /// Sends email.
    pub mailer: Arc<mailer::Mailer>,
    /// Limits submissions per client.
    pub submissions: Arc<ratelimit::RateLimiter>,
    /// Signs registers' tree heads.
    pub signer: Arc<registers::Signer25519>,
}

impl AppState {
    /// State over `store`, installing the process-wide metrics recorder on first use; an
    /// error when the mail settings are not valid.
    pub fn new(store: Arc<dyn Store>, config: Config) -> Result<AppState, String> {
        let mailer = mailer::Mailer::new(config.smtp_url.as_deref(), &config.mail_from)?;
        let submissions = ratelimit::RateLimiter::new(
            config.submissions_per_minute,
            std::time::Duration::from_secs(60),
        );
        Ok(AppState {
            store,
            config: Arc::new(config),
            metrics: observe::metrics_handle(),
            mailer: Arc::new(mailer),
            submissions: Arc::new(submissions),
            signer: Arc::default(),
        })
    }
}

/// Every route of the application, with its middleware.
pub fn router(state: AppState) -> Router {
    let secure = state.config.behind_tls();
    let public = Router::new()
        .route("/", get(pages::public::home))
        .route("/bodies", get(pages::public::bodies))
        .route("/bodies.json", get(api::bodies_json))
        .route("/bodies/{body}", get(pages::public::body))
        .route("/bodies/{body}/services", get(pages::public::register))
        .route("/bodies/{body}/services.json", get(api::register_json))
        .route("/bodies/{body}/services.csv", get(api::register_csv))
        .route(
            "/bodies/{body}/services/{service}",
            get(pages::public::service),
        )
        .route("/services", get(pages::public::national))
        .route("/services.json", get(api::national_json))
        .route("/services.csv", get(api::national_csv))
        .route(
            "/digital-inclusion-scale",
            get(pages::public::inclusion_scale),
        )
        .route("/assets/civic.css", get(pages::stylesheet))
        .route("/addresses", get(pages::addresses::page))
        .route("/addresses.json", get(pages::addresses::json))
        .route("/addresses/{uprn}", get(pages::addresses::one))
        .route("/bodies/{body}/report", get(pages::requests::choose))
        .route(
            "/bodies/{body}/report/{service}",
            get(pages::requests::report_form).post(pages::requests::submit_report),
        )
        .route("/bodies/{body}/requests", get(pages::requests::list))
        .route("/bodies/{body}/requests.csv", get(api::requests_csv))
        .route("/bodies/{body}/requests.json", get(api::requests_json))
        .route("/bodies/{body}/requests.atom", get(feeds::body_feed))
        .route(
            "/bodies/{body}/request-updates.csv",
            get(api::request_updates_csv),
        )
        .route("/requests/confirm/{token}", get(pages::requests::confirm))
        .route("/requests/{id}", get(pages::requests::show))
        .route("/requests/{id}/photos/{n}", get(pages::requests::photo))
        .route("/requests/{id}/subscribe", post(pages::requests::subscribe))
        .route(
            "/subscriptions/confirm/{token}",
            get(pages::requests::confirm_subscription),
        )
        .route(
            "/subscriptions/unsubscribe/{token}",
            get(pages::requests::unsubscribe_form).post(pages::requests::unsubscribe),
        );
    let staff = Router::new()
        .route(
            "/staff/login",
            get(pages::staff::login_form).post(pages::staff::login),
        )
        .route("/staff/logout", post(pages::staff::logout))
        .route("/staff", get(pages::staff::home))
        .route(
            "/staff/password",
            get(pages::staff::password_form).post(pages::staff::change_password),
        )
        .route("/staff/bodies/{body}/services", get(pages::staff::services))
        .route(
            "/staff/bodies/{body}/services/new",
            get(pages::staff::new_service).post(pages::staff::create_service),
        )
        .route(
            "/staff/bodies/{body}/services/{service}/edit",
            get(pages::staff::edit_service).post(pages::staff::update_service),
        )
        .route(
            "/staff/bodies/{body}/services/{service}/retire",
            post(pages::staff::retire_service),
        )
        .route(
            "/staff/bodies/{body}/services/{service}/restore",
            post(pages::staff::restore_service),
        )
        .route(
            "/staff/bodies/{body}/services/{service}/history",
            get(pages::staff::history),
        )
        .route("/staff/bodies/{body}/requests", get(pages::inbox::inbox))
        .route(
            "/staff/bodies/{body}/requests/new",
            get(pages::inbox::new_request).post(pages::inbox::create_request),
        )
        .route(
            "/staff/bodies/{body}/requests/{id}",
            get(pages::inbox::request).post(pages::inbox::change),
        )
        .route(
            "/staff/bodies/{body}/api-keys",
            get(pages::inbox::api_keys).post(pages::inbox::create_api_key),
        )
        .route(
            "/staff/bodies/{body}/api-keys/{id}/revoke",
            post(pages::inbox::revoke_api_key),
        )
        .route(
            "/admin/bodies",
            get(pages::admin::bodies).post(pages::admin::create_body),
        )
        .route(
            "/admin/bodies/{body}/staff",
            get(pages::admin::staff).post(pages::admin::create_staff),
        );
    let api = Router::new()
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/events", post(api::ingest_events))
        .route("/api/bodies/{body}/services", post(api::create_service))
        .route(
            "/api/bodies/{body}/services/{service}",
            axum::routing::put(api::update_service),
        )
        .route(
            "/api/bodies/{body}/services/{service}/retire",
            post(api::retire_service),
        )
        .route(
            "/api/bodies/{body}/services/{service}/restore",
            post(api::restore_service),
        )
        .route("/registers", get(registers::index_page))
        .route("/registers.json", get(registers::index))
        .route("/registers/public-key", get(registers::key))
        .route("/registers/{name}", get(registers::summary))
        .route("/registers/{name}/{file}", get(registers::file))
        .route("/registers/{name}/entries/{n}", get(registers::entry))
        .route("/registers/{name}/records/{key}", get(registers::record))
        .route(
            "/registers/{name}/records/{key}/entries",
            get(registers::record_entries),
        )
        .route("/registers/{name}/items/{hash}", get(registers::item))
        .route(
            "/registers/{name}/proof/tree-head",
            get(registers::tree_head),
        )
        .route(
            "/registers/{name}/proof/inclusion",
            get(registers::inclusion),
        )
        .route(
            "/registers/{name}/proof/consistency",
            get(registers::consistency),
        )
        .route("/performance", get(pages::performance::index))
        .route("/performance/compare", get(pages::performance::compare))
        .route("/performance/schema.json", get(performance::schema))
        .route("/performance/{file}", get(performance::data))
        .route(
            "/bodies/{body}/performance",
            get(pages::performance::body_dashboard),
        )
        .route(
            "/bodies/{body}/services/{service}/performance",
            get(pages::performance::service_dashboard),
        )
        .route(
            "/survey/{token}",
            get(pages::performance::survey_form).post(pages::performance::survey_answer),
        )
        .route(
            "/staff/bodies/{body}/spend",
            get(pages::performance::spend).post(pages::performance::spend_upload),
        )
        .route(
            "/staff/bodies/{body}/datasets",
            get(pages::performance::datasets).post(pages::performance::create_dataset),
        )
        .route(
            "/staff/bodies/{body}/spend/map",
            post(pages::performance::spend_map),
        )
        .route("/catalogue", get(pages::catalogue::national))
        .route("/bodies/{body}/catalogue", get(pages::catalogue::body))
        .route("/datasets/{name}", get(pages::catalogue::dataset))
        .route(
            "/staff/bodies/{body}/catalogue",
            get(pages::catalogue::staff_list),
        )
        .route(
            "/staff/bodies/{body}/catalogue/new",
            get(pages::catalogue::new_form).post(pages::catalogue::create),
        )
        .route(
            "/staff/bodies/{body}/catalogue/{name}/edit",
            get(pages::catalogue::edit_form).post(pages::catalogue::update),
        )
        .route(
            "/staff/bodies/{body}/catalogue/{name}/withdraw",
            post(pages::catalogue::withdraw),
        )
        .route("/catalogue/{file}", get(catalogue::catalogue_file))
        .route(
            "/bodies/{body}/data-requests",
            get(pages::stewardship::list),
        )
        .route(
            "/bodies/{body}/data-requests/new",
            get(pages::stewardship::new_form).post(pages::stewardship::create),
        )
        .route(
            "/bodies/{body}/data-requests.csv",
            get(pages::stewardship::data_requests_csv),
        )
        .route(
            "/bodies/{body}/data-requests.json",
            get(pages::stewardship::data_requests_json),
        )
        .route(
            "/data-requests/confirm/{token}",
            get(pages::stewardship::confirm),
        )
        .route(
            "/data-requests/support/{token}",
            get(pages::stewardship::confirm_support),
        )
        .route("/data-requests/{id}", get(pages::stewardship::show))
        .route(
            "/data-requests/{id}/support",
            post(pages::stewardship::support),
        )
        .route(
            "/staff/bodies/{body}/data-requests",
            get(pages::stewardship::staff_list),
        )
        .route(
            "/staff/bodies/{body}/data-requests/{id}/answer",
            post(pages::stewardship::answer),
        )
        .route(
            "/bodies/{body}/data-sharing",
            get(pages::stewardship::sharing),
        )
        .route(
            "/bodies/{body}/data-sharing.csv",
            get(pages::stewardship::sharing_csv),
        )
        .route(
            "/bodies/{body}/data-sharing.json",
            get(pages::stewardship::sharing_json),
        )
        .route(
            "/staff/bodies/{body}/data-sharing",
            get(pages::stewardship::staff_sharing).post(pages::stewardship::save_sharing),
        )
        .route("/datasets/{name}/{file}", get(catalogue::dataset_file))
        .route(
            "/datasets/{name}/resources/{file}",
            get(catalogue::resource_file),
        )
        .route("/bodies/{body}/spend.csv", get(catalogue::spend_csv))
        .route("/bodies/{body}/spend.json", get(catalogue::spend_json))
        .route(
            "/api/3/action/{action}",
            get(ckan::action).post(ckan::action),
        )
        .route("/api/action/{action}", get(ckan::action).post(ckan::action))
        .route("/healthz", get(observe::healthz))
        .route("/metrics", get(observe::metrics));

    let mut app = public
        .merge(staff)
        .merge(api)
        .merge(open311::routes())
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::protect,
        ))
        .layer(axum::middleware::from_fn(observe::record))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            open311::MAX_PHOTO_BYTES * 2,
        ))
        // Extractors (multipart uploads above all) may read as much as the limit above lets in.
        .layer(axum::extract::DefaultBodyLimit::max(
            open311::MAX_PHOTO_BYTES * 2,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            pages::panic_response,
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
    registers::ensure_registers(state.store.as_ref())
        .await
        .map_err(std::io::Error::other)?;
    catalogue::publish_all_own(state.store.as_ref())
        .await
        .map_err(std::io::Error::other)?;
    let certificates = tokio::spawn(catalogue::refresh_certificates_hourly(state.clone()));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(mailer::work(
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

/// Percent-encodes a value for a query string.
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
