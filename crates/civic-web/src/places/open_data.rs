//! Places and their reported use as open data (CSV and JSON); use counts from 1 to 4 are
//! withheld, as on the performance pages, so no small group can be picked out.

use crate::ApiError;
use crate::AppState;
use crate::app::download::table_file;
use crate::app::extract::Path;
use axum::extract::State;
use axum::response::Response;
use civic_domain::catalogue::own::{PLACE_COLUMNS, PLACE_USAGE_COLUMNS};
use civic_domain::place::Place;
use civic_storage::PlaceUsage;

/// A count as published: empty when from 1 to 4.
pub fn published(count: u32) -> String {
    if is_small(count) {
        String::new()
    } else {
        count.to_string()
    }
}

/// True for a count from 1 to 4, withheld wherever it is published.
pub fn is_small(count: u32) -> bool {
    (1..5).contains(&count)
}

/// The people helped in all as published: withheld too when any level is, as the level
/// would otherwise be the total less the others.
pub fn published_total(people: &[u32; 9]) -> String {
    if people.iter().any(|n| is_small(*n)) {
        String::new()
    } else {
        published(people.iter().sum())
    }
}

fn joined<T>(items: &[T], text: impl Fn(&T) -> String, separator: &str) -> String {
    items.iter().map(text).collect::<Vec<_>>().join(separator)
}

fn place_row(p: &Place) -> Vec<String> {
    vec![
        p.body.clone(),
        p.slug.clone(),
        p.name.clone(),
        p.name_cy.clone(),
        p.kind.as_str().to_string(),
        p.address.text.clone(),
        p.address.postcode.clone(),
        p.address.uprn.clone(),
        format!("{:.6}", p.address.point.lat),
        format!("{:.6}", p.address.point.long),
        joined(
            &p.opening,
            |o| format!("{} {}-{}", o.day.as_str(), o.opens, o.closes),
            "; ",
        ),
        p.opening_note.clone(),
        joined(&p.help, |h| h.as_str().to_string(), " "),
        joined(&p.course_levels, |l| l.number().to_string(), " "),
        p.services.join(" "),
        joined(&p.accessibility, |a| a.as_str().to_string(), " "),
        p.languages.join("; "),
        p.booking.as_str().to_string(),
        p.website.clone(),
        p.updated_at.clone(),
    ]
}

fn usage_row(u: &PlaceUsage) -> Vec<String> {
    let r = &u.report;
    let mut row = vec![
        u.body.clone(),
        u.place.clone(),
        r.month.to_string(),
        r.service.clone().unwrap_or_default(),
        r.sessions.to_string(),
        published_total(&r.people),
    ];
    row.extend(r.people.iter().map(|n| published(*n)));
    row
}

async fn places_file(
    state: &AppState,
    body: Option<&str>,
    csv: bool,
) -> Result<Response, ApiError> {
    if let Some(body) = body {
        state.body(body).await?;
    }
    let places = state.store.places(body, false).await?;
    table_file(csv, &PLACE_COLUMNS, places.iter().map(place_row).collect())
}

async fn usage_file(state: &AppState, body: Option<&str>, csv: bool) -> Result<Response, ApiError> {
    if let Some(body) = body {
        state.body(body).await?;
    }
    let usage = state.store.place_usage(body, None, None).await?;
    table_file(
        csv,
        &PLACE_USAGE_COLUMNS,
        usage.iter().map(usage_row).collect(),
    )
}

/// `GET /digital-help.csv`: every body's places.
pub async fn hub_places_csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    places_file(&state, None, true).await
}

/// `GET /digital-help.json`: the same as JSON.
pub async fn hub_places_json(State(state): State<AppState>) -> Result<Response, ApiError> {
    places_file(&state, None, false).await
}

/// `GET /bodies/{body}/digital-help.csv`: a body's places.
pub async fn places_csv(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    places_file(&state, Some(&body), true).await
}

/// `GET /bodies/{body}/digital-help.json`: the same as JSON.
pub async fn places_json(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    places_file(&state, Some(&body), false).await
}

/// `GET /digital-help/usage.csv`: every body's reported use.
pub async fn hub_usage_csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    usage_file(&state, None, true).await
}

/// `GET /digital-help/usage.json`: the same as JSON.
pub async fn hub_usage_json(State(state): State<AppState>) -> Result<Response, ApiError> {
    usage_file(&state, None, false).await
}

/// `GET /bodies/{body}/digital-help/usage.csv`: a body's reported use.
pub async fn usage_csv(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    usage_file(&state, Some(&body), true).await
}

/// `GET /bodies/{body}/digital-help/usage.json`: the same as JSON.
pub async fn usage_json(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    usage_file(&state, Some(&body), false).await
}
