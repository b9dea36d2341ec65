//! Staff pages for spend: upload the "spending over £500" CSV and map expense areas to
//! services.

use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::i18n::Arg;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::group_digits;
use crate::app::layout::render;
use askama::Template;
use axum::extract::FromRequest;
use axum::extract::Multipart;
use axum::extract::Request;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::Service;
use civic_storage::NewSpendLine;
use civic_storage::SpendArea;
use civic_storage::SpendUpload;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "spend/staff.html")]
struct SpendPage {
    layout: Layout,
    body: Body,
    uploads: Vec<SpendUpload>,
    areas: Vec<SpendArea>,
    services: Vec<Service>,
    problems: Vec<String>,
    result: Option<SpendUpload>,
    more_problems: usize,
}

impl SpendPage {
    fn money(&self, pence: &i64) -> String {
        format!("£{}.{:02}", group_digits(pence / 100), (pence % 100).abs())
    }

    fn counts(upload: &SpendUpload) -> [(&'static str, Arg); 3] {
        [
            ("stored", Arg::Number(upload.stored)),
            ("duplicates", Arg::Number(upload.duplicates)),
            ("rejected", Arg::Number(upload.rejected)),
        ]
    }

    /// What the upload just made did.
    fn result_text(&self, upload: &SpendUpload) -> String {
        self.layout
            .lang
            .t_with("spend-result", &Self::counts(upload))
    }

    /// What an earlier upload did, in the list of uploads.
    fn upload_text(&self, upload: &SpendUpload) -> String {
        self.layout
            .lang
            .t_with("spend-upload-summary", &Self::counts(upload))
    }
}

async fn spend_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    status: StatusCode,
    result: Option<SpendUpload>,
    mut problems: Vec<String>,
) -> Result<Response, AppError> {
    let more_problems = problems.len().saturating_sub(100);
    problems.truncate(100);
    let services = state
        .store
        .list_services(&civic_storage::ServiceQuery {
            body: Some(body.slug.clone()),
            ..Default::default()
        })
        .await?
        .services;
    render(
        status,
        &SpendPage {
            layout: ctx.layout(ctx.lang.t_with(
                if problems.is_empty() && status.is_success() {
                    "spend-title"
                } else {
                    "spend-title-error"
                },
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            uploads: state.store.spend_uploads(&body.slug).await?,
            areas: state.store.spend_areas(&body.slug).await?,
            services,
            body,
            problems,
            result,
            more_problems,
        },
    )
}

/// `GET /staff/bodies/{body}/spend`.
pub async fn spend(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    spend_page(&state, &ctx, body, StatusCode::OK, None, Vec::new()).await
}

/// `POST /staff/bodies/{body}/spend`: a "spending over £500" CSV. Good lines load; each bad
/// one is listed with its line number and what is wrong.
pub async fn spend_upload(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    req: Request,
) -> Result<Response, AppError> {
    let mut form = Multipart::from_request(req, &state).await.map_err(|e| {
        AppError::BadRequest(format!("The upload could not be read: {}", e.body_text()))
    })?;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = form.next_field().await.map_err(|e| {
        AppError::BadRequest(format!("The upload could not be read: {}", e.body_text()))
    })? {
        if field.name() == Some("file") {
            let name = field
                .file_name()
                .unwrap_or("spend.csv")
                .chars()
                .take(200)
                .collect();
            let bytes = field.bytes().await.map_err(|e| {
                AppError::BadRequest(format!("The upload could not be read: {}", e.body_text()))
            })?;
            file = Some((name, bytes.to_vec()));
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return spend_page(
            &state,
            &ctx,
            body,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            vec![ctx.t("spend-error-choose-file")],
        )
        .await;
    };
    if let Some(line) =
        civic_domain::validation::forbidden_char_line(&String::from_utf8_lossy(&bytes))
    {
        return spend_page(
            &state,
            &ctx,
            body,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            vec![ctx.lang.t_with(
                "spend-error-control-character",
                &[("line", Arg::Text(line.to_string()))],
            )],
        )
        .await;
    }
    let parsed = match civic_domain::spend::parse_spend_csv(&bytes) {
        Ok(parsed) => parsed,
        Err(e) => {
            return spend_page(
                &state,
                &ctx,
                body,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                vec![e.to_string()],
            )
            .await;
        }
    };
    let lines: Vec<NewSpendLine> = parsed
        .lines
        .iter()
        .map(|l| NewSpendLine {
            line: l.line,
            paid_on: l.date,
            amount_pence: l.amount_pence,
            supplier: l.supplier.clone(),
            expense_area: l.expense_area.clone(),
            expense_type: l.expense_type.clone(),
            reference: l.reference.clone(),
            description: l.description.clone(),
        })
        .collect();
    let mut rejected: Vec<u64> = parsed.errors.iter().map(|e| e.line).collect();
    rejected.dedup();
    let result = state
        .store
        .upload_spend(&body.slug, &name, &lines, rejected.len() as i64)
        .await?;
    let problems = parsed.errors.into_iter().map(|e| e.message).collect();
    spend_page(&state, &ctx, body, StatusCode::OK, Some(result), problems).await
}

/// The mapping form.
#[derive(Debug, Default, Deserialize)]
pub struct MapForm {
    /// The expense area.
    #[serde(default)]
    pub area: String,
    /// The service, or empty to unmap.
    #[serde(default)]
    pub service: String,
}

/// `POST /staff/bodies/{body}/spend/map`: maps an expense area to a service.
pub async fn spend_map(
    State(state): State<AppState>,
    StaffOf { body, .. }: StaffOf,
    crate::app::extract::Form(form): crate::app::extract::Form<MapForm>,
) -> Result<Response, AppError> {
    let service = Some(form.service.trim()).filter(|s| !s.is_empty());
    match state
        .store
        .map_spend_area(&body.slug, form.area.trim(), service)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/staff/bodies/{}/spend", body.slug)).into_response()),
        Err(civic_storage::StorageError::NotFound) => Err(AppError::BadRequest(
            crate::app::i18n::current()
                .lang
                .t("spend-error-not-your-service"),
        )),
        Err(e) => Err(e.into()),
    }
}
