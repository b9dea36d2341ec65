//! Integration tests for civic-translog, in one binary so the crate links once.

mod api;
mod common;
mod properties;
mod reference;
mod vectors;
