//! The public register of partners: who they are, their identifiers as last checked
//! against their registers, and which bodies let them use which APIs and data, under
//! which data-sharing agreement. Never a key or any part of one.

use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::layout::{Layout, PageContext, render};
use crate::suppliers::pages::verification_sentence;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use civic_storage::{ApiKey, Partner};
use time::OffsetDateTime;

#[derive(Template)]
#[template(path = "partners/list.html")]
struct PartnersPage {
    layout: Layout,
    partners: Vec<Partner>,
}

impl PartnersPage {
    fn verification(&self, p: &Partner) -> String {
        match &p.verification {
            Some(v) => verification_sentence(&self.layout, v),
            None => String::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "partners/show.html")]
struct PartnerPage {
    layout: Layout,
    partner: Partner,
    grants: Vec<ApiKey>,
}

impl PartnerPage {
    fn verification(&self) -> Option<String> {
        let v = self.partner.verification.as_ref()?;
        Some(verification_sentence(&self.layout, v))
    }

    fn register_url(&self) -> Option<String> {
        self.partner.details.org_id.as_ref()?.register_url()
    }

    fn kind_label(&self, key: &ApiKey) -> String {
        self.layout.t(super::kind_label_id(key.kind))
    }
}

/// `GET /partners`: every partner.
pub async fn partners(
    State(state): State<AppState>,
    ctx: PageContext,
) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &PartnersPage {
            layout: ctx.layout_t("partners-title"),
            partners: state.store.partners().await?,
        },
    )
}

/// `GET /partners/{partner}`: one partner and the access bodies have given it today.
pub async fn partner(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let partner = state
        .store
        .partner(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = OffsetDateTime::now_utc().date();
    let grants = state
        .store
        .partner_api_keys(&slug)
        .await?
        .into_iter()
        .filter(|k| k.terms().usable(today).is_ok())
        .collect();
    render(
        StatusCode::OK,
        &PartnerPage {
            layout: ctx.layout(partner.details.name.clone()),
            partner,
            grants,
        },
    )
}
