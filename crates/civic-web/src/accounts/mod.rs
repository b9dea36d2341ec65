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
use civic_domain::BodyKind;
use civic_domain::Role;

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

/// The message id of a kind of body's name on pages.
pub fn body_kind_id(kind: BodyKind) -> &'static str {
    match kind {
        BodyKind::CountyCouncil => "accounts-body-kind-county-council",
        BodyKind::DistrictCouncil => "accounts-body-kind-district-council",
        BodyKind::CityCouncil => "accounts-body-kind-city-council",
        BodyKind::UnitaryAuthority => "accounts-body-kind-unitary-authority",
        BodyKind::ParishCouncil => "accounts-body-kind-parish-council",
        BodyKind::GovernmentDepartment => "accounts-body-kind-government-department",
        BodyKind::HealthTrust => "accounts-body-kind-health-trust",
        BodyKind::Other => "accounts-body-kind-other",
    }
}

/// The message id of a role's name on pages.
pub fn role_label_id(role: Role) -> &'static str {
    match role {
        Role::Staff => "accounts-role-staff",
        Role::Moderator => "accounts-role-moderator",
        Role::Admin => "accounts-role-admin",
    }
}

/// The message id of the sentence saying what a role may do.
pub fn role_description_id(role: Role) -> &'static str {
    match role {
        Role::Staff => "accounts-role-staff-description",
        Role::Moderator => "accounts-role-moderator-description",
        Role::Admin => "accounts-role-admin-description",
    }
}
