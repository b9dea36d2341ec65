//! What every handler shares: the deployment's settings and the application state.

use crate::app::mail;
use crate::app::observe;
use crate::app::page_cache::PageCache;
use crate::app::ratelimit;
use crate::registers::api::Signer25519;
use civic_storage::Store;
use metrics_exporter_prometheus::PrometheusHandle;
use std::sync::Arc;

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
    /// Password checks allowed per client address per minute (sign-in, password change,
    /// HTTP Basic), right or wrong; ten times as many per hour.
    pub password_attempts_per_minute: u32,
    /// Wrong passwords one account may be sent per quarter hour, from anywhere, before it
    /// refuses checks until the quarter ends.
    pub password_failures_per_account: u32,
    /// Take the client's address from the last `X-Forwarded-For` entry (set this only
    /// behind a reverse proxy that adds it).
    pub trust_forwarded_for: bool,
    /// Connections served at once; more are closed on arrival.
    pub max_connections: usize,
    /// Connections one client address may hold at once (not applied behind a proxy, where
    /// every connection comes from the proxy).
    pub max_connections_per_client: usize,
    /// Bytes of memory for pages shown to everyone (0 turns the page cache off).
    pub page_cache_bytes: usize,
    /// How long a client may take to send a request's headers (and how long an idle
    /// connection is kept).
    pub header_timeout: std::time::Duration,
    /// How long a client may take to send a request's body.
    pub body_timeout: std::time::Duration,
    /// When set, `/metrics` answers only `Authorization: Bearer <token>`.
    pub metrics_token: Option<String>,
    /// How long a staff session may go unused before it ends (at most the 8-hour day).
    pub session_idle: std::time::Duration,
    /// Who runs this deployment, as the privacy notice and accessibility statement name it.
    pub operator: String,
    /// The same in Welsh, for Welsh pages and emails.
    pub operator_cy: String,
    /// Where people write about their data or the site's accessibility.
    pub contact_email: String,
    /// Let addresses staff give (a feed to import) lead to private and loopback addresses;
    /// off unless the deployment's own network is to be reached.
    pub allow_private_addresses: bool,
}

impl Config {
    /// Who runs this deployment, in `lang`.
    pub fn operator_in(&self, lang: crate::app::i18n::Lang) -> &str {
        match lang {
            crate::app::i18n::Lang::Cy => &self.operator_cy,
            crate::app::i18n::Lang::En => &self.operator,
        }
    }
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
            password_attempts_per_minute: 10,
            password_failures_per_account: 50,
            trust_forwarded_for: false,
            max_connections: 1024,
            max_connections_per_client: 64,
            page_cache_bytes: 64 * 1024 * 1024,
            header_timeout: std::time::Duration::from_secs(10),
            body_timeout: std::time::Duration::from_secs(60),
            metrics_token: None,
            session_idle: std::time::Duration::from_secs(30 * 60),
            operator: "the operator of this Civic deployment".into(),
            operator_cy: "gweithredwr y gosodiad Civic hwn".into(),
            contact_email: "civic@localhost".into(),
            allow_private_addresses: false,
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
    pub mailer: Arc<mail::Mailer>,
    /// Limits submissions per client.
    pub submissions: Arc<ratelimit::RateLimiter>,
    /// Signs registers' tree heads.
    pub signer: Arc<Signer25519>,
    /// Turns for password checks: argon2 takes 19 MiB and tens of milliseconds a check, so
    /// only a few run at once, whatever a flood sends.
    pub password_checks: Arc<tokio::sync::Semaphore>,
    /// Pages shown to everyone, kept until the data they show changes.
    pub page_cache: Arc<PageCache>,
}

impl AppState {
    /// The body with identifier `slug`, or the plain-English 404 every page gives for an
    /// unknown one.
    pub async fn body(&self, slug: &str) -> Result<civic_domain::Body, crate::AppError> {
        self.store
            .get_body(slug)
            .await?
            .ok_or(crate::AppError::NotFound)
    }

    /// State over `store`, installing the process-wide metrics recorder on first use; an
    /// error when the mail settings are not valid.
    pub fn new(store: Arc<dyn Store>, config: Config) -> Result<AppState, String> {
        let mailer = mail::Mailer::new(config.smtp_url.as_deref(), &config.mail_from)?;
        let submissions = ratelimit::RateLimiter::new(
            store.clone(),
            config.submissions_per_minute,
            std::time::Duration::from_secs(60),
        );
        let page_cache = Arc::new(PageCache::new(config.page_cache_bytes));
        Ok(AppState {
            store,
            page_cache,
            config: Arc::new(config),
            metrics: observe::metrics_handle(),
            mailer: Arc::new(mailer),
            submissions: Arc::new(submissions),
            signer: Arc::default(),
            password_checks: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
        })
    }
}
