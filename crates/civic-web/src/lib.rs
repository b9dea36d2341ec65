//! Civic's web layer. Each feature owns a folder holding all its representations (HTML,
//! JSON, CSV, RDF, feeds), its staff pages, its emails and its `routes()`; `app/` holds only
//! what every feature shares. Handlers are thin: they parse input, call the domain and the
//! store, and render. ARCHITECTURE.md says how to add a feature.

pub mod app;

pub mod about;
pub mod accounts;
pub mod addresses;
pub mod bodies;
pub mod catalogue;
pub mod contracts;
pub mod developers;
pub mod moderation;
pub mod open311;
pub mod openreferral;
pub mod partners;
pub mod performance;
pub mod places;
pub mod registers;
pub mod requests;
pub mod services;
pub mod spend;
pub mod stewardship;
pub mod suppliers;
pub mod undelivered;
pub mod webhooks;

pub use app::error::{ApiError, AppError};
pub use app::router::{router, serve, serve_when_ready};
pub use app::state::{AppState, Config};
