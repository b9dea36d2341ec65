//! Atom feeds of public request updates, for one request and for a body.

use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::i18n::Arg;
use crate::app::i18n::Lang;
use crate::app::layout::rfc3339;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::RequestUpdate;
use civic_domain::ServiceRequest;
use civic_domain::validation::is_forbidden_char;
use quick_xml::Writer;
use quick_xml::events::BytesDecl;
use quick_xml::events::BytesEnd;
use quick_xml::events::BytesStart;
use quick_xml::events::BytesText;
use quick_xml::events::Event;
use time::OffsetDateTime;

struct Entry {
    id: String,
    title: String,
    link: String,
    updated: OffsetDateTime,
    summary: String,
}

fn element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))?;
    // Never an ill-formed feed, whatever old text holds.
    let clean: String = text.chars().filter(|c| !is_forbidden_char(*c)).collect();
    w.write_event(Event::Text(BytesText::new(&clean)))?;
    w.write_event(Event::End(BytesEnd::new(name)))
}

fn link(w: &mut Writer<Vec<u8>>, href: &str, rel: Option<&str>) -> std::io::Result<()> {
    let mut start = BytesStart::new("link");
    start.push_attribute(("href", href));
    if let Some(rel) = rel {
        start.push_attribute(("rel", rel));
    }
    w.write_event(Event::Empty(start))
}

fn feed(
    id: &str,
    title: &str,
    self_url: &str,
    alternate: &str,
    entries: &[Entry],
) -> Result<Vec<u8>, AppError> {
    let io = |e: std::io::Error| AppError::Internal(format!("atom: {e}"));
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .map_err(io)?;
    let mut root = BytesStart::new("feed");
    root.push_attribute(("xmlns", "http://www.w3.org/2005/Atom"));
    w.write_event(Event::Start(root)).map_err(io)?;
    element(&mut w, "id", id).map_err(io)?;
    element(&mut w, "title", title).map_err(io)?;
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    element(&mut w, "updated", &rfc3339(updated)).map_err(io)?;
    link(&mut w, self_url, Some("self")).map_err(io)?;
    link(&mut w, alternate, None).map_err(io)?;
    w.write_event(Event::Start(BytesStart::new("author")))
        .map_err(io)?;
    element(&mut w, "name", "Civic").map_err(io)?;
    w.write_event(Event::End(BytesEnd::new("author")))
        .map_err(io)?;
    for e in entries {
        w.write_event(Event::Start(BytesStart::new("entry")))
            .map_err(io)?;
        element(&mut w, "id", &e.id).map_err(io)?;
        element(&mut w, "title", &e.title).map_err(io)?;
        link(&mut w, &e.link, None).map_err(io)?;
        element(&mut w, "updated", &rfc3339(e.updated)).map_err(io)?;
        element(&mut w, "summary", &e.summary).map_err(io)?;
        w.write_event(Event::End(BytesEnd::new("entry")))
            .map_err(io)?;
    }
    w.write_event(Event::End(BytesEnd::new("feed")))
        .map_err(io)?;
    Ok(w.into_inner())
}

fn atom_response(bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        bytes,
    )
        .into_response()
}

/// One update as an entry, in the feed's language (the entry's id is the same in both
/// languages' feeds: it is one update).
fn entry(base: &str, lang: Lang, request: &ServiceRequest, update: &RequestUpdate) -> Entry {
    let status = super::status_label(lang, update.status);
    let service = Arg::Text(request.service_name.clone());
    Entry {
        id: format!("{base}/requests/{}#update-{}", request.id, update.id),
        title: lang.t_with(
            "requests-feed-entry-title",
            &[
                ("service", service.clone()),
                ("id", Arg::Number(request.id)),
                ("status", Arg::Text(status.clone())),
            ],
        ),
        link: format!("{base}{}/requests/{}", lang.prefix(), request.id),
        updated: update.at,
        summary: if update.description.is_empty() {
            lang.t_with(
                "requests-feed-entry-summary",
                &[
                    ("service", service),
                    ("status", Arg::Text(status.to_lowercase())),
                ],
            )
        } else {
            update.description.clone()
        },
    }
}

/// The feed of one public request's updates.
pub async fn request_feed(
    state: &AppState,
    body: &Body,
    request: &ServiceRequest,
) -> Result<Response, AppError> {
    let base = state.config.base_url.trim_end_matches('/');
    let lang = crate::app::i18n::lang();
    let site = format!("{base}{}", lang.prefix());
    let updates = state.store.request_updates(request.id, false).await?;
    let entries: Vec<Entry> = updates
        .iter()
        .rev()
        .map(|u| entry(base, lang, request, u))
        .collect();
    let bytes = feed(
        &format!("{site}/requests/{}", request.id),
        &lang.t_with(
            "requests-feed-request-title",
            &[
                ("service", Arg::Text(request.service_name.clone())),
                ("id", Arg::Number(request.id)),
                ("body", Arg::from(body.name_in(lang == Lang::Cy))),
            ],
        ),
        &format!("{site}/requests/{}.atom", request.id),
        &format!("{site}/requests/{}", request.id),
        &entries,
    )?;
    Ok(atom_response(bytes))
}

/// `GET /bodies/{body}/requests.atom`: the latest public updates to a body's requests.
pub async fn body_feed(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, AppError> {
    let body = state.body(&body).await?;
    let base = state.config.base_url.trim_end_matches('/').to_string();
    let lang = crate::app::i18n::lang();
    let site = format!("{base}{}", lang.prefix());
    let now = OffsetDateTime::now_utc();
    let updates = state
        .store
        .body_updates(&body.slug, now - time::Duration::days(30), now, 0, 10_000)
        .await?;
    let mut entries = Vec::new();
    for u in updates.iter().rev().take(50) {
        if let Some(request) = state
            .store
            .get_request(u.update.request_id)
            .await?
            .filter(ServiceRequest::is_public)
        {
            entries.push(entry(&base, lang, &request, &u.update));
        }
    }
    let bytes = feed(
        &format!("{site}/bodies/{}/requests", body.slug),
        &lang.t_with(
            "requests-feed-body-title",
            &[("body", Arg::from(body.name_in(lang == Lang::Cy)))],
        ),
        &format!("{site}/bodies/{}/requests.atom", body.slug),
        &format!("{site}/bodies/{}/requests", body.slug),
        &entries,
    )?;
    Ok(atom_response(bytes))
}
