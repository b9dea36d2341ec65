//! What every feature uses and nothing else: the router's assembly, the application state,
//! errors, CSRF, extractors (who is asking), the page frame and formatting helpers, content
//! negotiation, streamed downloads, tokens, background jobs (the outbox), email transport,
//! photos, rate limits, metrics and the OpenAPI document. No feature logic lives here.

pub mod api_keys;
pub mod auth;
pub mod csrf;
pub mod download;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod http_cache;
pub mod i18n;
pub mod layout;
pub mod limits;
pub mod mail;
pub mod negotiate;
pub mod observe;
pub mod openapi;
pub mod outbox;
pub mod page_cache;
pub mod photo;
pub mod ratelimit;
pub mod router;
pub mod state;
pub mod text_guard;
pub mod tokens;
pub mod worker;
