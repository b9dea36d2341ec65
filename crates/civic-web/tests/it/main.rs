//! Integration tests: the real application on a random port, driven over HTTP, each test
//! run once on SQLite and once on PostgreSQL.

mod api;
mod catalogue;
mod events;
mod headers;
mod open311;
mod pages;
mod performance;
mod registers;
mod reports;
mod staff;
mod support;
mod tenancy;
