//! Integration tests: the real application on a random port, driven over HTTP, each test
//! run once on SQLite and once on PostgreSQL.

mod accounts;
mod addresses;
mod app;
mod catalogue;
mod contracts;
mod developers;
mod hub;
mod i18n;
mod moderation;
mod open311;
mod openapi;
mod openreferral;
mod partners;
mod performance;
mod places;
mod registers;
mod requests;
mod services;
mod spend;
mod stewardship;
mod suppliers;
mod support;
mod tenancy;
mod undelivered;
mod webhooks;
