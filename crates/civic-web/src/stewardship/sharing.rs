//! The data-sharing register: agreements a body has made, public and open data, edited by
//! staff.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::extract::Path;
use crate::app::extract::Query as QueryParams;
use crate::app::i18n::Arg;
use crate::app::i18n::Lang;
use crate::app::layout::FormErrors;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use crate::stewardship::data_requests::body_of;
use crate::stewardship::data_requests::title_of;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::FieldErrors;
use civic_domain::catalogue::own::SHARING_COLUMNS;
use civic_domain::catalogue::stewardship::LEGAL_BASES;
use civic_domain::catalogue::stewardship::SharingAgreement;
use civic_domain::catalogue::stewardship::SharingAgreementInput;
use serde::Deserialize;

/// `GET /bodies/{body}/data-sharing.csv`: the data-sharing register.
pub async fn sharing_csv(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    sharing_file(state, body, true).await
}

/// `GET /bodies/{body}/data-sharing.json`: the same as JSON.
pub async fn sharing_json(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    sharing_file(state, body, false).await
}

async fn sharing_file(state: AppState, body: String, csv: bool) -> Result<Response, ApiError> {
    let body = body_of(&state, &body).await?;
    let rows: Vec<Vec<String>> = state
        .store
        .sharing_agreements(&body.slug)
        .await?
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.title.clone(),
                a.parties.join("; "),
                a.purpose.clone(),
                a.legal_basis.clone(),
                a.data_items.join("; "),
                a.starts_on.to_string(),
                a.review_on.to_string(),
                a.ends_on.map(|d| d.to_string()).unwrap_or_default(),
                a.owner.clone(),
            ]
        })
        .collect();
    crate::app::download::table_file(csv, &SHARING_COLUMNS, rows)
}

/// A legal basis (one of [`LEGAL_BASES`], stored in English) in `lang`; anything else as
/// it is stored.
pub fn basis_label(lang: Lang, basis: &str) -> String {
    let id = match basis {
        "UK GDPR Article 6(1)(a): consent" => "stewardship-basis-consent",
        "UK GDPR Article 6(1)(b): contract" => "stewardship-basis-contract",
        "UK GDPR Article 6(1)(c): legal obligation" => "stewardship-basis-legal-obligation",
        "UK GDPR Article 6(1)(d): vital interests" => "stewardship-basis-vital-interests",
        "UK GDPR Article 6(1)(e): public task" => "stewardship-basis-public-task",
        "UK GDPR Article 6(1)(f): legitimate interests" => "stewardship-basis-legitimate-interests",
        "Digital Economy Act 2017, Part 5" => "stewardship-basis-digital-economy-act",
        "Another statutory gateway" => "stewardship-basis-statutory-gateway",
        "No personal data shared" => "stewardship-basis-no-personal-data",
        _ => return basis.to_string(),
    };
    lang.t(id)
}

#[derive(Template)]
#[template(path = "stewardship/sharing.html")]
struct SharingPage {
    layout: Layout,
    body: Body,
    agreements: Vec<SharingAgreement>,
}

impl SharingPage {
    fn basis(&self, basis: &str) -> String {
        basis_label(self.layout.lang, basis)
    }
}

/// `GET /bodies/{body}/data-sharing`: the public register.
pub async fn sharing(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
) -> Result<Response, AppError> {
    let body = body_of(&state, &body).await?;
    let agreements = state.store.sharing_agreements(&body.slug).await?;
    render(
        StatusCode::OK,
        &SharingPage {
            layout: ctx.layout(ctx.lang.t_with(
                "stewardship-sharing-title",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            body,
            agreements,
        },
    )
}

#[derive(Template)]
#[template(path = "stewardship/staff_sharing.html")]
struct StaffSharingPage {
    layout: Layout,
    body: Body,
    agreements: Vec<SharingAgreement>,
    editing: Option<i64>,
    form: SharingAgreementInput,
    errors: FormErrors,
    bases: Vec<&'static str>,
}

impl StaffSharingPage {
    fn basis(&self, basis: &str) -> String {
        basis_label(self.layout.lang, basis)
    }
}

fn input_of(a: &SharingAgreement) -> SharingAgreementInput {
    SharingAgreementInput {
        title: a.title.clone(),
        parties: a.parties.join("\n"),
        purpose: a.purpose.clone(),
        legal_basis: a.legal_basis.clone(),
        data_items: a.data_items.join("\n"),
        starts_on: a.starts_on.to_string(),
        review_on: a.review_on.to_string(),
        ends_on: a.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        owner: a.owner.clone(),
    }
}

async fn staff_sharing_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    editing: Option<i64>,
    form: Option<SharingAgreementInput>,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let agreements = state.store.sharing_agreements(&body.slug).await?;
    let form = match (form, editing) {
        (Some(f), _) => f,
        (None, Some(id)) => agreements
            .iter()
            .find(|a| a.id == id)
            .map(input_of)
            .ok_or(AppError::NotFound)?,
        (None, None) => SharingAgreementInput::default(),
    };
    let failed = !errors.is_empty();
    render(
        if failed {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &StaffSharingPage {
            layout: ctx.layout(title_of(
                ctx,
                ctx.lang.t_with(
                    "stewardship-sharing-title",
                    &[(
                        "body",
                        Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                    )],
                ),
                failed,
            )),
            body,
            agreements,
            editing,
            form,
            errors: FormErrors(errors),
            bases: LEGAL_BASES.to_vec(),
        },
    )
}

/// Which agreement the staff page edits.
#[derive(Debug, Default, Deserialize)]
pub struct EditParams {
    #[serde(default)]
    edit: Option<i64>,
}

/// `GET /staff/bodies/{body}/data-sharing`: the register, with a form to add (or, with
/// `?edit=ID`, change) an agreement.
pub async fn staff_sharing(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    QueryParams(params): QueryParams<EditParams>,
) -> Result<Response, AppError> {
    staff_sharing_page(
        &state,
        &ctx,
        body,
        params.edit,
        None,
        FieldErrors::default(),
    )
    .await
}

/// The agreement form, with the agreement it replaces when editing.
#[derive(Debug, Default, Deserialize)]
pub struct AgreementForm {
    #[serde(flatten)]
    fields: SharingAgreementInput,
    #[serde(default)]
    id: Option<String>,
}

/// `POST /staff/bodies/{body}/data-sharing`: adds or replaces an agreement.
pub async fn save_sharing(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    crate::app::extract::Form(form): crate::app::extract::Form<AgreementForm>,
) -> Result<Response, AppError> {
    let editing = match form.id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(
            id.parse::<i64>()
                .map_err(|_| AppError::unclear("stewardship-error-agreement-number"))?,
        ),
    };
    let draft = match form.fields.validate() {
        Ok(d) => d,
        Err(errors) => {
            return staff_sharing_page(&state, &ctx, body, editing, Some(form.fields), errors)
                .await;
        }
    };
    match editing {
        Some(id) => {
            state
                .store
                .update_sharing_agreement(&body.slug, id, &draft)
                .await?;
        }
        None => {
            state
                .store
                .add_sharing_agreement(&body.slug, &draft)
                .await?;
        }
    }
    Ok(Redirect::to(&format!("/bodies/{}/data-sharing", body.slug)).into_response())
}
