//! The staff page that imports an Open Referral UK feed into the body's register: a file of
//! JSON, or the feed's address (fetched from a public address only), is read, every service checked against the body's rules, and either all are saved
//! in one transaction or none, with what the feed holds that Civic does not keep listed.

use super::walk::{MAX_SERVICES, WalkError, walk};
use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::fetch::fetch;
use crate::app::i18n::{Arg, Lang, args_of};
use crate::app::layout::{Layout, PageContext, message_in, render};
use crate::app::limits::MAX_UPLOAD;
use askama::Template;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::openreferral::import::{LeftOut, read_feed};
use civic_storage::Actor;

/// Lines of a list shown at most; the rest are counted.
const MOST_LINES: usize = 200;

/// How long fetching a feed's address may take.
const FETCH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
/// How long reading a whole feed (every page and service) may take.
const WALK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

#[derive(Template)]
#[template(path = "openreferral/staff_import.html")]
struct ImportPage {
    layout: Layout,
    body: Body,
    /// Why nothing was imported, one line each.
    problems: Vec<String>,
    /// What the import did, once it ran.
    outcome: Option<String>,
    /// What the feed holds that Civic does not keep, one line each.
    left_out: Vec<String>,
    /// Lines past [`MOST_LINES`].
    more: usize,
}

async fn page(
    ctx: &PageContext,
    body: Body,
    status: StatusCode,
    problems: Vec<String>,
    outcome: Option<String>,
    mut left_out: Vec<String>,
) -> Result<Response, AppError> {
    let more = left_out.len().saturating_sub(MOST_LINES);
    left_out.truncate(MOST_LINES);
    let title = if problems.is_empty() {
        "openreferral-import-title"
    } else {
        "openreferral-import-title-error"
    };
    render(
        status,
        &ImportPage {
            layout: ctx.layout(ctx.lang.t_with(
                title,
                &[("body", Arg::from(body.name_in(ctx.lang == Lang::Cy)))],
            )),
            body,
            problems,
            outcome,
            left_out,
            more,
        },
    )
}

/// `GET /staff/bodies/{body}/openreferral/import`.
pub async fn import_form(
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    page(&ctx, body, StatusCode::OK, Vec::new(), None, Vec::new()).await
}

/// A line of what was left out, in `lang`.
fn left_out_in(lang: Lang, line: &LeftOut) -> String {
    let mut args = line.args.clone();
    args.push(("service", line.service.clone()));
    lang.t_with(line.id, &args_of(&args))
}

/// `POST /staff/bodies/{body}/openreferral/import`: the feed file, and whether only to check it.
pub async fn import(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, staff }: StaffOf,
    req: Request,
) -> Result<Response, AppError> {
    let unreadable = |reason: String| AppError::Unclear {
        id: "openreferral-error-unreadable",
        args: vec![("reason", reason)],
    };
    let mut form = Multipart::from_request(req, &state)
        .await
        .map_err(|e| unreadable(e.body_text()))?;
    let mut bytes = Vec::new();
    let mut address = String::new();
    let mut check_only = false;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| unreadable(e.body_text()))?
    {
        match field.name() {
            Some("file") => {
                bytes = field
                    .bytes()
                    .await
                    .map_err(|e| unreadable(e.body_text()))?
                    .to_vec()
            }
            Some("url") => {
                address = field
                    .text()
                    .await
                    .map_err(|e| unreadable(e.body_text()))?
                    .trim()
                    .to_string()
            }
            Some("check_only") => check_only = true,
            _ => {}
        }
    }
    let refuse = |problems: Vec<String>| {
        page(
            &ctx,
            body.clone(),
            StatusCode::UNPROCESSABLE_ENTITY,
            problems,
            None,
            Vec::new(),
        )
    };
    match (bytes.is_empty(), address.is_empty()) {
        (true, true) => return refuse(vec![ctx.t("openreferral-error-choose-file")]).await,
        (false, false) => return refuse(vec![ctx.t("openreferral-error-both")]).await,
        (true, false) => {
            let (allow, limit) = (state.config.allow_private_addresses, MAX_UPLOAD);
            let walked = tokio::time::timeout(
                WALK_TIMEOUT,
                walk(&address, |a: String| async move {
                    fetch(&a, allow, limit, FETCH_TIMEOUT).await
                }),
            )
            .await
            .unwrap_or_else(|_| {
                Err(WalkError::Fetch(crate::app::fetch::FetchError::Failed(
                    "it took longer than five minutes".into(),
                )))
            });
            match walked {
                Ok(text) => bytes = text.into_bytes(),
                Err(WalkError::Fetch(e)) => {
                    let (id, args) = e.message();
                    return refuse(vec![ctx.lang.t_with(id, &args_of(&args))]).await;
                }
                Err(WalkError::TooMany) => {
                    return refuse(vec![ctx.lang.t_with(
                        "openreferral-error-too-many",
                        &[(
                            "max",
                            Arg::Number(i64::try_from(MAX_SERVICES).unwrap_or(i64::MAX)),
                        )],
                    )])
                    .await;
                }
            }
        }
        (false, true) => {}
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return refuse(vec![ctx.t("openreferral-error-not-utf8")]).await;
    };
    let feed = match read_feed(&text) {
        Ok(feed) => feed,
        Err(e) => return refuse(vec![ctx.t(e.id())]).await,
    };
    let left_out: Vec<String> = feed
        .left_out
        .iter()
        .map(|l| left_out_in(ctx.lang, l))
        .collect();
    let drafts = match feed.drafts_for(&body) {
        Ok(drafts) => drafts,
        Err(failing) => {
            let mut lines = vec![ctx.lang.t_with(
                "openreferral-nothing-imported",
                &[(
                    "count",
                    Arg::Number(i64::try_from(feed.services.len()).unwrap_or(i64::MAX)),
                )],
            )];
            for (name, errors) in &failing {
                for error in &errors.0 {
                    lines.push(ctx.lang.t_with(
                        "openreferral-problem",
                        &[
                            ("service", Arg::from(name)),
                            ("problem", Arg::Text(message_in(ctx.lang, error))),
                        ],
                    ));
                }
            }
            lines.truncate(MOST_LINES);
            return page(
                &ctx,
                body,
                StatusCode::UNPROCESSABLE_ENTITY,
                lines,
                None,
                left_out,
            )
            .await;
        }
    };
    let count = Arg::Number(i64::try_from(drafts.len()).unwrap_or(i64::MAX));
    let outcome = if check_only {
        ctx.lang.t_with("openreferral-checked", &[("count", count)])
    } else {
        if !drafts.is_empty() {
            state
                .store
                .create_services(&body.slug, &drafts, &Actor::staff(&staff))
                .await?;
        }
        ctx.lang
            .t_with("openreferral-imported", &[("count", count)])
    };
    page(
        &ctx,
        body,
        StatusCode::OK,
        Vec::new(),
        Some(outcome),
        left_out,
    )
    .await
}
