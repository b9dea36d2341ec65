//! Accounts: signing in and out, sessions, changing or resetting one's password, and administrators'
//! pages for bodies and their staff.

pub mod admin;
pub mod emails;
pub mod password;
pub mod reset;
pub mod sign_in;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};

/// Sign-in, password and administration pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/staff/login",
            get(sign_in::login_form).post(sign_in::login),
        )
        .route("/staff/logout", post(sign_in::logout))
        .route(
            "/staff/forgot-password",
            get(reset::forgot_form).post(reset::forgot),
        )
        .route(
            "/staff/reset-password/{token}",
            get(reset::reset_form).post(reset::reset),
        )
        .route("/staff", get(sign_in::home))
        .route(
            "/staff/password",
            get(password::password_form).post(password::change_password),
        )
        .route("/admin/bodies", get(admin::bodies).post(admin::create_body))
        .route(
            "/admin/bodies/{body}",
            get(admin::body_form).post(admin::update_body),
        )
        .route(
            "/admin/bodies/{body}/staff",
            get(admin::staff).post(admin::create_staff),
        )
        .route(
            "/admin/bodies/{body}/staff/{id}/active",
            post(admin::set_active),
        )
        .route(
            "/staff/sign-out-everywhere",
            post(sign_in::sign_out_everywhere),
        )
}
