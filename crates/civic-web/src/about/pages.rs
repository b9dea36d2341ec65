//! The privacy notice and the accessibility statement, filled in with the deployment's
//! operator and contact address.

use crate::AppError;
use crate::AppState;
use crate::app::layout::{Layout, PageContext, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

#[derive(Template)]
#[template(path = "about/privacy.html")]
struct PrivacyPage {
    layout: Layout,
    operator: String,
    contact: String,
}

#[derive(Template)]
#[template(path = "about/accessibility.html")]
struct AccessibilityPage {
    layout: Layout,
    operator: String,
    contact: String,
    base_url: String,
}

/// `GET /privacy`: the privacy notice.
pub async fn privacy(
    State(state): State<AppState>,
    ctx: PageContext,
) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &PrivacyPage {
            layout: ctx.layout_t("about-privacy-title"),
            operator: state.config.operator_in(ctx.lang).to_string(),
            contact: state.config.contact_email.clone(),
        },
    )
}

/// `GET /accessibility`: the accessibility statement.
pub async fn accessibility(
    State(state): State<AppState>,
    ctx: PageContext,
) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &AccessibilityPage {
            layout: ctx.layout_t("about-accessibility-title"),
            operator: state.config.operator_in(ctx.lang).to_string(),
            contact: state.config.contact_email.clone(),
            base_url: state.config.base_url.clone(),
        },
    )
}
