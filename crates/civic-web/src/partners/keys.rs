//! Staff pages for a body's API keys: issue one (shown once, stored as a hash) for a
//! partner or the body's own systems, see every key with its kind, scopes, limit, expiry
//! and agreement, and revoke one.

use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::extract::{Form, Path};
use crate::app::i18n::Arg;
use crate::app::layout::{FormErrors, Layout, PageContext, format_datetime, render};
use crate::app::tokens::{new_api_key, token_hash};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use civic_domain::api_key::{KeyInput, KeyKind, PLAIN_SCOPES, Scope, display_prefix};
use civic_domain::catalogue::stewardship::SharingAgreement;
use civic_domain::{Body, FieldErrors};
use civic_storage::{ApiKey, DatasetAccess, NewApiKey, Partner};
use time::OffsetDateTime;

/// Downloads of restricted datasets listed on the page.
const SHOWN_ACCESSES: i64 = 50;

/// The form as shown again: what was typed, chosen and ticked.
#[derive(Debug, Clone, Default)]
pub struct KeyFields {
    name: String,
    partner: String,
    kind: String,
    scopes: Vec<String>,
    more_scopes: String,
    expires_on: String,
    agreement: String,
    per_minute: String,
}

impl KeyFields {
    fn from_pairs(pairs: Vec<(String, String)>) -> KeyFields {
        let mut fields = KeyFields::default();
        for (name, value) in pairs {
            match name.as_str() {
                "name" => fields.name = value,
                "partner" => fields.partner = value,
                "kind" => fields.kind = value,
                "scopes" => fields.scopes.push(value),
                "more_scopes" => fields.more_scopes = value,
                "expires_on" => fields.expires_on = value,
                "agreement" => fields.agreement = value,
                "per_minute" => fields.per_minute = value,
                _ => {}
            }
        }
        fields
    }

    fn ticks(&self, scope: &Scope) -> bool {
        self.scopes.iter().any(|s| *s == scope.as_string())
    }

    fn chose_kind(&self, kind: &KeyKind) -> bool {
        self.kind == kind.as_str() || (self.kind.is_empty() && *kind == KeyKind::Live)
    }

    fn input(&self) -> KeyInput {
        KeyInput {
            name: self.name.clone(),
            kind: self.kind.clone(),
            scopes: format!("{} {}", self.scopes.join(" "), self.more_scopes),
            expires_on: self.expires_on.clone(),
            per_minute: self.per_minute.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "partners/keys.html")]
struct KeysPage {
    layout: Layout,
    body: Body,
    keys: Vec<ApiKey>,
    partners: Vec<Partner>,
    agreements: Vec<SharingAgreement>,
    accesses: Vec<DatasetAccess>,
    new_key: Option<String>,
    form: KeyFields,
    kinds: [KeyKind; 3],
    plain_scopes: [Scope; 3],
    errors: FormErrors,
}

impl KeysPage {
    fn when(&self, t: &OffsetDateTime) -> String {
        format_datetime(*t)
    }

    fn kind_label(&self, kind: &KeyKind) -> String {
        self.layout.t(super::kind_label_id(*kind))
    }

    fn kind_hint(&self, kind: &KeyKind) -> String {
        self.layout
            .t(&format!("{}-hint", super::kind_label_id(*kind)))
    }

    fn scope_hint(&self, scope: &Scope) -> String {
        self.layout.t(match scope {
            Scope::Open311Write => "keys-scope-open311-hint",
            Scope::ServicesWrite => "keys-scope-services-hint",
            _ => "keys-scope-webhooks-hint",
        })
    }

    fn status(&self, key: &ApiKey) -> String {
        key_status(&self.layout, key)
    }

    fn agreement_id(&self, a: &SharingAgreement) -> String {
        a.id.to_string()
    }
}

/// "Active", "Revoked 3 March 2027 10:00" or "Expired": a key's state today.
pub fn key_status(layout: &Layout, key: &ApiKey) -> String {
    match (key.revoked_at, key.expires_on) {
        (Some(at), _) => layout.ta("keys-status-revoked", "when", format_datetime(at)),
        (None, Some(last)) if OffsetDateTime::now_utc().date() > last => {
            layout.t("keys-status-expired")
        }
        (None, Some(last)) => layout.ta("keys-status-until", "date", last.to_string()),
        (None, None) => layout.t("keys-status-active"),
    }
}

async fn page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    form: KeyFields,
    new_key: Option<String>,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let keys = state.store.list_api_keys(&body.slug).await?;
    let partners = state.store.partners().await?;
    let agreements = state.store.sharing_agreements(&body.slug).await?;
    let accesses = state
        .store
        .dataset_accesses(&body.slug, SHOWN_ACCESSES)
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = ctx.lang.t_with(
        "keys-title",
        &[(
            "body",
            Arg::from(body.name_in(crate::app::i18n::is_welsh())),
        )],
    );
    render(
        status,
        &KeysPage {
            layout: ctx.layout(title),
            body,
            keys,
            partners,
            agreements,
            accesses,
            new_key,
            form,
            kinds: KeyKind::ALL,
            plain_scopes: PLAIN_SCOPES,
            errors: FormErrors(errors),
        },
    )
}

/// `GET /staff/bodies/{body}/api-keys`: the body's keys and the form to issue one.
pub async fn api_keys(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    page(
        &state,
        &ctx,
        body,
        KeyFields::default(),
        None,
        FieldErrors::default(),
    )
    .await
}

/// `POST /staff/bodies/{body}/api-keys`: issues a key and shows it once, or shows what is
/// wrong (nothing issued).
pub async fn create_api_key(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = KeyFields::from_pairs(pairs);
    let today = OffsetDateTime::now_utc().date();
    let mut errors = FieldErrors::default();
    let draft = form
        .input()
        .validate(today)
        .map_err(|e| errors.0.extend(e.0))
        .ok();
    let partner = match form.partner.trim() {
        "" => None,
        slug => {
            if state.store.partner(slug).await?.is_none() {
                errors.add_t(
                    "partner",
                    "keys-error-partner",
                    "Choose a partner from the list",
                );
            }
            Some(slug.to_string())
        }
    };
    let agreements = state.store.sharing_agreements(&body.slug).await?;
    let agreement = match form.agreement.trim() {
        "" => None,
        text => {
            let id = text
                .parse::<i64>()
                .ok()
                .filter(|id| agreements.iter().any(|a| a.id == *id));
            if id.is_none() {
                errors.add_t(
                    "agreement",
                    "keys-error-agreement",
                    "Choose one of this body's data-sharing agreements",
                );
            }
            id
        }
    };
    let (Some(draft), true) = (draft, errors.is_empty()) else {
        return page(&state, &ctx, body, form, None, errors).await;
    };
    let secret = new_api_key(draft.kind);
    state
        .store
        .create_api_key(
            &body.slug,
            &NewApiKey {
                draft: &draft,
                partner: partner.as_deref(),
                agreement,
                key_hash: &token_hash(&secret),
                shown: &display_prefix(&secret),
            },
        )
        .await?;
    page(
        &state,
        &ctx,
        body,
        KeyFields::default(),
        Some(secret),
        errors,
    )
    .await
}

/// `POST /staff/bodies/{body}/api-keys/{id}/revoke`.
pub async fn revoke_api_key(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    state.store.revoke_api_key(&body.slug, id).await?;
    Ok(Redirect::to(&format!(
        "{}/staff/bodies/{}/api-keys",
        ctx.lang.prefix(),
        body.slug
    ))
    .into_response())
}
