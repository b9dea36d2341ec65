//! Staff pages for spend: upload the "spending over £500" CSV and map expense areas to
//! services.

use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::i18n::Arg;
use crate::app::i18n::Lang;
use crate::app::i18n::args_of;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
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
        crate::app::layout::format_pence(*pence)
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

/// A problem the spend reader found, in `lang`: its message id's text, or for English the
/// reader's own words (which the command line shows too).
fn said_in(lang: Lang, english: &str, id: &'static str, args: &[(&'static str, String)]) -> String {
    match lang {
        Lang::En => english.to_string(),
        Lang::Cy => lang.t_with(id, &args_of(args)),
    }
}

/// A problem with one line of the file, in `lang`.
fn line_error_in(lang: Lang, error: &civic_domain::spend::LineError) -> String {
    said_in(lang, &error.message, error.id, &error.args)
}

/// A problem with the whole file, in `lang`.
fn file_error_in(lang: Lang, error: &civic_domain::spend::SpendFileError) -> String {
    said_in(lang, &error.to_string(), error.id(), &error.args())
}

/// The form's multipart body could not be read (the reason is axum's, in English).
fn unreadable(reason: String) -> AppError {
    AppError::Unclear {
        id: "spend-error-upload-unreadable",
        args: vec![("reason", reason)],
    }
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
    let mut form = Multipart::from_request(req, &state)
        .await
        .map_err(|e| unreadable(e.body_text()))?;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| unreadable(e.body_text()))?
    {
        if field.name() == Some("file") {
            let name = field
                .file_name()
                .unwrap_or("spend.csv")
                .chars()
                .take(200)
                .collect();
            let bytes = field.bytes().await.map_err(|e| unreadable(e.body_text()))?;
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
                vec![file_error_in(ctx.lang, &e)],
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
    let problems = parsed
        .errors
        .iter()
        .map(|e| line_error_in(ctx.lang, e))
        .collect();
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
        Err(civic_storage::StorageError::NotFound) => {
            Err(AppError::unclear("spend-error-not-your-service"))
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_domain::spend::SpendFileError;
    use civic_domain::spend::parse_spend_csv;

    /// Every problem the reader reports, said in English from the message files exactly as
    /// the reader says it, and in Welsh from the Welsh files.
    fn check(english: &str, id: &'static str, args: &[(&'static str, String)]) {
        let from_files = Lang::En.t_with(id, &args_of(args));
        assert_eq!(from_files, english, "{id}");
        let welsh = Lang::Cy.t_with(id, &args_of(args));
        assert_ne!(welsh, english, "{id}");
        assert!(!welsh.contains('{') && !welsh.contains(id), "{id}: {welsh}");
    }

    #[test]
    fn line_problems_are_said_the_same_from_the_message_files() {
        let text = "Date,Amount,Supplier,Expense Area\n\
                    31/13/2025,600,Acme,Parks\n\
                    31/03/2025,\"12,3x\",Acme,Parks\n\
                    31/03/2025,600,Acme,\n\
                    31/03/2025,600,Smith, J,Parks\n\
                    ,,Acme,\n\
                    31/03/2025,\"oops,Parks\n01/04/2025,700,Parks\n";
        let upload = parse_spend_csv(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<&str> = upload.errors.iter().map(|e| e.id).collect();
        for id in [
            "spend-line-date-invalid",
            "spend-line-amount-invalid",
            "spend-line-area-empty",
            "spend-line-width-comma",
            "spend-line-date-empty",
            "spend-line-amount-empty",
            "spend-line-width-quote",
        ] {
            assert!(ids.contains(&id), "{id} not in {ids:?}");
        }
        for e in &upload.errors {
            check(&e.message, e.id, &e.args);
            assert_eq!(line_error_in(Lang::En, e), e.message);
        }
        let welsh = line_error_in(Lang::Cy, &upload.errors[0]);
        assert_eq!(
            welsh,
            "llinell 2: nid yw'r dyddiad '31/13/2025' (colofn 'Date') yn ddyddiad fel 31/03/2025"
        );
    }

    #[test]
    fn file_problems_are_said_the_same_from_the_message_files() {
        let mut errors: Vec<SpendFileError> = [
            &b""[..],
            b"PK\x03\x04rest of zip",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...",
            b"%PDF-1.7\n",
            b"\xFF\xFEx",
            b"<!DOCTYPE html><html>",
            b"D\x00a\x00",
            b"Date,Supplier,Cost\n31/03/2025,Acme,600\n",
            b"Date;Amount;Cost Centre\n31/03/2025;600;X\n",
            b"Payee,Cost\n",
        ]
        .into_iter()
        .map(|bytes| match parse_spend_csv(bytes) {
            Ok(upload) => panic!("{bytes:?} read as {upload:?}"),
            Err(e) => e,
        })
        .collect();
        let all = ["date", "amount", "expense area"];
        for mask in 1..8_usize {
            for found in [vec!["Cost".to_string(), "Payee".to_string()], Vec::new()] {
                errors.push(SpendFileError::MissingColumns {
                    missing: all
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, c)| *c)
                        .collect(),
                    found,
                });
            }
        }
        errors.push(SpendFileError::Unreadable {
            line: 3,
            reason: "CSV error".into(),
        });
        for e in &errors {
            check(&e.to_string(), e.id(), &e.args());
            assert_eq!(file_error_in(Lang::En, e), e.to_string());
        }
        assert_eq!(
            file_error_in(Lang::Cy, &errors[3]),
            "mae'r ffeil hon yn edrych fel dogfen PDF, nid ffeil CSV: agorwch hi mewn taenlen \
             a'i chadw fel \"CSV UTF-8 (comma delimited)\""
        );
    }

    #[test]
    fn an_unreadable_upload_is_said_in_the_page_language() {
        let error = unreadable("Error parsing `multipart/form-data` request".into());
        assert_eq!(
            crate::app::error::ErrorBody::of(&error).message,
            "The upload could not be read: Error parsing `multipart/form-data` request"
        );
        assert!(
            error
                .explain_in(Lang::Cy)
                .1
                .starts_with("Nid oedd modd darllen yr uwchlwythiad: ")
        );
    }
}
