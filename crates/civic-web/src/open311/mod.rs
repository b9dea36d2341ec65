//! Open311 GeoReport v2: the hub endpoint and each body's own, in XML and JSON. Clients
//! send an API key with the `open311:write` scope (the keys are the partners feature's).

pub mod format;
pub mod georeport;

pub use georeport::routes;
