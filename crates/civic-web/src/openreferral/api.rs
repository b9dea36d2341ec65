//! The feed's handlers. Each serves the hub's feed (`/openreferral/…`) and a body's
//! (`/bodies/{body}/openreferral/…`): the scope is the path's `body`, when it has one.

use super::feed::{
    FeedPage, FeedService, FeedServiceAtLocationListed, FeedServiceSummary, FeedTaxonomyTerm,
    FeedTaxonomyView, service_prefix,
};
use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::extract::{Path, Query};
use crate::places::pages::not_kept_if;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use civic_domain::openreferral::{FeedTaxonomy, FeedTerm, looks_like_uuid, service_feed_id};
use civic_domain::place::NearbyPlace;
use civic_domain::{Body, Service};
use civic_storage::{HelpAtPlace, ServiceQuery};
use serde::Deserialize;
use std::collections::HashMap;

/// Results per page unless `per_page` says otherwise.
const DEFAULT_PER_PAGE: i64 = 50;
/// The most results a page holds.
const MAX_PER_PAGE: i64 = 1000;
/// How far from a postcode to look when `proximity` is not given, in metres.
const DEFAULT_PROXIMITY: f64 = 10_000.0;
/// The furthest from a postcode a search looks, in metres.
const MAX_PROXIMITY: f64 = 200_000.0;
/// The most places a search near a postcode considers.
const MAX_NEAR_PLACES: usize = 2_000;

/// The path's parameters: `body` in a body's feed, `id` for one resource.
type PathParams = Path<HashMap<String, String>>;

/// The parameters the profile defines for its lists. Numbers arrive as text so that a bad
/// one is refused with a message naming it, not a generic rejection.
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    page: Option<String>,
    per_page: Option<String>,
    search: Option<String>,
    taxonomy_term_id: Option<String>,
    taxonomy_id: Option<String>,
    modified_after: Option<String>,
    minimum_age: Option<String>,
    maximum_age: Option<String>,
    postcode: Option<String>,
    proximity: Option<String>,
}

/// A list request, checked.
struct ListRequest {
    page: i64,
    per_page: i64,
    query: ServiceQuery,
    /// Only places giving digital help within this many metres of this postcode.
    near: Option<(String, f64)>,
}

impl ListParams {
    fn check(&self, body: Option<&Body>) -> Result<ListRequest, AppError> {
        let page = whole_number(self.page.as_deref(), "page", 1)?;
        let per_page = whole_number(self.per_page.as_deref(), "per_page", DEFAULT_PER_PAGE)?;
        if page < 1 {
            return Err(AppError::BadRequest("page must be 1 or more".into()));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(AppError::BadRequest(format!(
                "per_page must be from 1 to {MAX_PER_PAGE}"
            )));
        }
        for (name, value) in [
            ("minimum_age", &self.minimum_age),
            ("maximum_age", &self.maximum_age),
            ("proximity", &self.proximity),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty())
                && !value.parse::<f64>().is_ok_and(f64::is_finite)
            {
                return Err(AppError::BadRequest(format!("{name} must be a number")));
            }
        }
        let changed_since = match self.modified_after.as_deref().filter(|v| !v.is_empty()) {
            None => None,
            Some(text) => Some(instant(text).ok_or_else(|| {
                AppError::BadRequest(
                    "modified_after must be a date (2026-03-01) or a date and time \
                     (2026-03-01T09:00:00Z)"
                        .into(),
                )
            })?),
        };
        Ok(ListRequest {
            page,
            per_page,
            query: ServiceQuery {
                body: body.map(|b| b.slug.clone()),
                text: self.search.clone().filter(|s| !s.trim().is_empty()),
                limit: Some(per_page),
                offset: (page - 1).saturating_mul(per_page),
                changed_since,
                in_added_order: true,
                ..Default::default()
            },
            near: match self.postcode.as_deref().map(str::trim) {
                Some(postcode) if !postcode.is_empty() => {
                    let metres = match self.proximity.as_deref().map(str::trim) {
                        Some(p) if !p.is_empty() => p.parse::<f64>().unwrap_or(DEFAULT_PROXIMITY),
                        _ => DEFAULT_PROXIMITY,
                    };
                    if metres < 0.0 {
                        return Err(AppError::BadRequest("proximity must be 0 or more".into()));
                    }
                    Some((postcode.to_string(), metres.min(MAX_PROXIMITY)))
                }
                _ => None,
            },
        })
    }
}

impl ListRequest {
    /// `contents` as this request's page of `total` results.
    fn respond<T: serde::Serialize>(&self, contents: Vec<T>, total: i64) -> Response {
        Json(FeedPage::new(contents, total, self.page, self.per_page)).into_response()
    }

    /// This request's page of `all`, the whole list held in memory.
    fn respond_from<T: serde::Serialize>(&self, all: Vec<T>) -> Response {
        let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
        self.respond(self.page_of(all), total)
    }

    /// The items of this request's page among `items`, the whole list.
    fn page_of<T>(&self, items: Vec<T>) -> Vec<T> {
        let start = (self.page - 1).saturating_mul(self.per_page);
        self.window(items, start)
    }

    /// At most a page of `items`, from the `skip`th on.
    fn window<T>(&self, items: Vec<T>, skip: i64) -> Vec<T> {
        items
            .into_iter()
            .skip(usize::try_from(skip).unwrap_or(usize::MAX))
            .take(usize::try_from(self.per_page).unwrap_or(usize::MAX))
            .collect()
    }
}

/// A whole number parameter, or `default` when absent or empty.
fn whole_number(value: Option<&str>, name: &str, default: i64) -> Result<i64, AppError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| AppError::BadRequest(format!("{name} must be a whole number"))),
    }
}

/// An RFC 3339 instant, or a date taken as its midnight UTC.
fn instant(text: &str) -> Option<time::OffsetDateTime> {
    use time::format_description::well_known::Rfc3339;
    if let Ok(at) = time::OffsetDateTime::parse(text, &Rfc3339) {
        return Some(at);
    }
    let date = time::Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()?;
    Some(date.midnight().assume_utc())
}

/// The body the path names, if it names one (404 when there is no such body).
async fn scope(
    state: &AppState,
    params: &HashMap<String, String>,
) -> Result<Option<Body>, AppError> {
    match params.get("body") {
        Some(slug) => Ok(Some(state.body(slug).await?)),
        None => Ok(None),
    }
}

/// The path's `id`, which must look like a UUID to name anything here.
fn id_of(params: &HashMap<String, String>) -> Result<&str, AppError> {
    params
        .get("id")
        .map(String::as_str)
        .filter(|id| looks_like_uuid(id))
        .ok_or(AppError::NotFound)
}

/// The bodies of `services` by slug, to give each listed service its organization: the
/// scope's own, or each body a service on the page belongs to (never every body of a hub).
async fn bodies(
    state: &AppState,
    scope: Option<&Body>,
    services: &[Service],
) -> Result<HashMap<String, Body>, AppError> {
    if let Some(body) = scope {
        return Ok(HashMap::from([(body.slug.clone(), body.clone())]));
    }
    let mut found = HashMap::new();
    for service in services {
        if !found.contains_key(&service.body) {
            found.insert(service.body.clone(), state.body(&service.body).await?);
        }
    }
    Ok(found)
}

fn body_of<'a>(bodies: &'a HashMap<String, Body>, service: &Service) -> Result<&'a Body, AppError> {
    bodies
        .get(&service.body)
        .ok_or_else(|| AppError::Internal(format!("no body {} for a service", service.body)))
}

/// `GET …/openreferral/`: what this API is.
pub async fn meta(
    State(state): State<AppState>,
    Path(params): PathParams,
) -> Result<Response, ApiError> {
    let body = scope(&state, &params).await?;
    let base = &state.config.base_url;
    let stub = match &body {
        Some(b) => format!("{base}/bodies/{}/openreferral", b.slug),
        None => format!("{base}/openreferral"),
    };
    Ok(Json(serde_json::json!({
        "version": "3.0",
        "profile": "https://openreferraluk.org/",
        "openapi_url": format!("{base}/api/openapi.json"),
        "api_stub": stub,
    }))
    .into_response())
}

/// `GET …/services`: a page of services, searched and filtered.
pub async fn services(
    State(state): State<AppState>,
    Path(params): PathParams,
    Query(list): Query<ListParams>,
) -> Result<Response, ApiError> {
    let body = scope(&state, &params).await?;
    let mut request = list.check(body.as_ref())?;
    if !narrow_by_taxonomy(&state, body.as_ref(), &list, &mut request.query).await? {
        return Ok(request.respond(Vec::<FeedServiceSummary>::new(), 0));
    }
    let mut unknown = false;
    if let Some((postcode, metres)) = &request.near {
        let near = near_places(&state, body.as_ref(), postcode, *metres).await?;
        unknown = near.is_none();
        let ids = near
            .unwrap_or_default()
            .into_iter()
            .map(|n| n.place.feed_id);
        request.query.at_places = Some(ids.collect());
    }
    let found = state.store.list_services(&request.query).await?;
    let bodies = bodies(&state, body.as_ref(), &found.services).await?;
    let base = &state.config.base_url;
    let contents = found
        .services
        .iter()
        .map(|s| Ok(FeedServiceSummary::new(s, body_of(&bodies, s)?, base)))
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(not_kept_if(unknown, request.respond(contents, found.total)))
}

/// The places giving digital help within `metres` of `postcode` (in scope), nearest first;
/// `None` when the addresses register does not know the postcode.
async fn near_places(
    state: &AppState,
    body: Option<&Body>,
    postcode: &str,
    metres: f64,
) -> Result<Option<Vec<NearbyPlace>>, AppError> {
    let Some(centre) = crate::places::nearby::postcode_point(state, postcode).await? else {
        return Ok(None);
    };
    let scope = body.map(|b| b.slug.as_str());
    let near = state
        .store
        .places_near(centre, metres, scope, MAX_NEAR_PLACES)
        .await?;
    Ok(Some(near))
}

/// The places giving digital help with each of `services`, by service feed identifier.
async fn helps_for(
    state: &AppState,
    services: &[Service],
) -> Result<HashMap<String, Vec<HelpAtPlace>>, AppError> {
    let ids: Vec<String> = services
        .iter()
        .map(|s| service_feed_id(&s.body, &s.slug))
        .collect();
    let mut helps: HashMap<String, Vec<HelpAtPlace>> = HashMap::new();
    for help in state.store.help_at_places(&ids).await? {
        helps
            .entry(help.service_feed_id.clone())
            .or_default()
            .push(help);
    }
    Ok(helps)
}

/// Narrows `query` to a taxonomy term or taxonomy; false when the one asked for is not
/// Civic's (so nothing matches).
async fn narrow_by_taxonomy(
    state: &AppState,
    body: Option<&Body>,
    list: &ListParams,
    query: &mut ServiceQuery,
) -> Result<bool, AppError> {
    if let Some(id) = list.taxonomy_term_id.as_deref().filter(|v| !v.is_empty()) {
        match term(state, body, id).await? {
            Some(FeedTerm::Code(code)) => query.code = Some(code),
            Some(FeedTerm::Level(level)) => query.inclusion_level = Some(level),
            None => return Ok(false),
        }
    }
    // Every service has a code and a level, so either taxonomy holds them all.
    if let Some(id) = list.taxonomy_id.as_deref().filter(|v| !v.is_empty())
        && FeedTaxonomy::from_id(id).is_none()
    {
        return Ok(false);
    }
    Ok(true)
}

/// The services in scope whose feed identifiers are among `ids`.
async fn services_by_id(
    state: &AppState,
    body: Option<&Body>,
    ids: &[String],
) -> Result<Vec<Service>, AppError> {
    Ok(state
        .store
        .services_by_feed_id(ids)
        .await?
        .into_iter()
        .filter(|s| body.is_none_or(|b| b.slug == s.body))
        .collect())
}

/// `GET …/services/{id}`: one service, fully nested.
pub async fn service(
    State(state): State<AppState>,
    Path(params): PathParams,
) -> Result<Response, ApiError> {
    let body = scope(&state, &params).await?;
    let id = id_of(&params)?;
    let service = services_by_id(&state, body.as_ref(), &[id.to_string()])
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let owner = match body {
        Some(b) => b,
        None => state.body(&service.body).await?,
    };
    let helps = state
        .store
        .help_at_places(&[id.to_ascii_lowercase()])
        .await?;
    Ok(Json(FeedService::new(
        &service,
        &owner,
        &state.config.base_url,
        &helps,
    ))
    .into_response())
}

/// `GET …/service_at_locations`: a page of the places and postal addresses services are
/// reached at, and of the places giving digital help with them. With `postcode`, only the
/// places giving digital help within `proximity` metres of it (10 km unless given), nearest
/// first: Civic keeps in-person and postal channels as text, without a point.
pub async fn service_at_locations(
    State(state): State<AppState>,
    Path(params): PathParams,
    Query(list): Query<ListParams>,
) -> Result<Response, ApiError> {
    let body = scope(&state, &params).await?;
    let mut request = list.check(body.as_ref())?;
    let offset = request.query.offset;
    if !narrow_by_taxonomy(&state, body.as_ref(), &list, &mut request.query).await? {
        return Ok(request.respond(Vec::<FeedServiceAtLocationListed>::new(), 0));
    }
    if let Some((postcode, metres)) = &request.near {
        let near = near_places(&state, body.as_ref(), postcode, *metres).await?;
        let unknown = near.is_none();
        let near = near.unwrap_or_default();
        let distance: HashMap<&str, f64> = near
            .iter()
            .map(|n| (n.place.feed_id.as_str(), n.metres))
            .collect();
        let query = ServiceQuery {
            at_places: Some(near.iter().map(|n| n.place.feed_id.clone()).collect()),
            limit: None,
            offset: 0,
            ..request.query.clone()
        };
        let services = state.store.list_services(&query).await?.services;
        let bodies = bodies(&state, body.as_ref(), &services).await?;
        let helps = helps_for(&state, &services).await?;
        let mut located: Vec<(f64, FeedServiceAtLocationListed)> = Vec::new();
        for service in &services {
            let owner = body_of(&bodies, service)?;
            let id = service_feed_id(&service.body, &service.slug);
            for help in helps.get(&id).into_iter().flatten() {
                if let Some(metres) = distance.get(help.place.feed_id.as_str()) {
                    located.push((
                        *metres,
                        FeedServiceAtLocationListed::at_place(service, owner, help),
                    ));
                }
            }
        }
        located.sort_by(|a, b| a.0.total_cmp(&b.0));
        let page = request.respond_from(located.into_iter().map(|(_, at)| at).collect());
        return Ok(not_kept_if(unknown, page));
    }
    let found = state
        .store
        .services_by_place(&request.query, offset, request.per_page)
        .await?;
    let bodies = bodies(&state, body.as_ref(), &found.services).await?;
    let helps = helps_for(&state, &found.services).await?;
    let mut located = Vec::new();
    for service in &found.services {
        let id = service_feed_id(&service.body, &service.slug);
        let here: Vec<&HelpAtPlace> = helps.get(&id).into_iter().flatten().collect();
        located.extend(FeedServiceAtLocationListed::of(
            service,
            body_of(&bodies, service)?,
            &here,
        ));
    }
    Ok(request.respond(request.window(located, found.skip), found.total))
}

/// `GET …/service_at_locations/{id}`: one service at a location.
pub async fn service_at_location(
    State(state): State<AppState>,
    Path(params): PathParams,
) -> Result<Response, ApiError> {
    let body = scope(&state, &params).await?;
    let id = id_of(&params)?;
    let prefix = service_prefix(id).ok_or(AppError::NotFound)?;
    // The identifier is its service's with the last two digits changed: any of the 256
    // identifiers sharing the rest may be the service's.
    let candidates: Vec<String> = (0..=255u8).map(|b| format!("{prefix}{b:02x}")).collect();
    for service in services_by_id(&state, body.as_ref(), &candidates).await? {
        let owner = match &body {
            Some(b) => b.clone(),
            None => state.body(&service.body).await?,
        };
        if let Some(found) = FeedServiceAtLocationListed::of(&service, &owner, &[])
            .into_iter()
            .find(|at| at.id().eq_ignore_ascii_case(id))
        {
            return Ok(Json(found).into_response());
        }
    }
    // Otherwise it may be a place giving digital help with a service.
    let help = state
        .store
        .help_at_place(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let service = services_by_id(
        &state,
        body.as_ref(),
        std::slice::from_ref(&help.service_feed_id),
    )
    .await?
    .into_iter()
    .find(|s| s.status == civic_domain::ServiceStatus::Active)
    .ok_or(AppError::NotFound)?;
    let owner = match &body {
        Some(b) => b.clone(),
        None => state.body(&service.body).await?,
    };
    Ok(Json(FeedServiceAtLocationListed::at_place(
        &service, &owner, &help,
    ))
    .into_response())
}

/// `GET …/taxonomies`: Civic's two taxonomies.
pub async fn taxonomies(
    State(state): State<AppState>,
    Path(params): PathParams,
    Query(list): Query<ListParams>,
) -> Result<Response, ApiError> {
    let body = scope(&state, &params).await?;
    let request = list.check(body.as_ref())?;
    let all: Vec<FeedTaxonomyView> = FeedTaxonomy::ALL
        .into_iter()
        .map(|t| FeedTaxonomyView::new(t, &state.config.base_url, None))
        .collect();
    Ok(request.respond_from(all))
}

/// `GET …/taxonomies/{id}`: a taxonomy with its terms.
pub async fn taxonomy(
    State(state): State<AppState>,
    Path(params): PathParams,
) -> Result<Response, ApiError> {
    let body = scope(&state, &params).await?;
    let taxonomy = FeedTaxonomy::from_id(id_of(&params)?).ok_or(AppError::NotFound)?;
    let terms = terms(&state, body.as_ref())
        .await?
        .into_iter()
        .filter(|t| t.taxonomy() == taxonomy)
        .collect();
    Ok(Json(FeedTaxonomyView::new(
        taxonomy,
        &state.config.base_url,
        Some(terms),
    ))
    .into_response())
}

/// The term in scope with feed identifier `id`: a level of the scale, or a code in use.
async fn term(
    state: &AppState,
    body: Option<&Body>,
    id: &str,
) -> Result<Option<FeedTerm>, AppError> {
    let codes = state
        .store
        .service_codes(body.map(|b| b.slug.as_str()))
        .await?;
    Ok(FeedTerm::find(
        id,
        codes.iter().map(|(code, _)| code.as_str()),
    ))
}

/// Every term in scope: the levels of the scale, then the codes in use.
async fn terms(state: &AppState, body: Option<&Body>) -> Result<Vec<FeedTerm>, AppError> {
    let codes = state
        .store
        .service_codes(body.map(|b| b.slug.as_str()))
        .await?;
    Ok(FeedTerm::levels()
        .chain(codes.into_iter().map(|(code, _)| FeedTerm::Code(code)))
        .collect())
}

/// `GET …/taxonomy_terms`: a page of terms.
pub async fn taxonomy_terms(
    State(state): State<AppState>,
    Path(params): PathParams,
    Query(list): Query<ListParams>,
) -> Result<Response, ApiError> {
    let body = scope(&state, &params).await?;
    let request = list.check(body.as_ref())?;
    let all: Vec<FeedTaxonomyTerm> = terms(&state, body.as_ref())
        .await?
        .iter()
        .map(FeedTaxonomyTerm::new)
        .collect();
    Ok(request.respond_from(all))
}

/// `GET …/taxonomy_terms/{id}`: one term.
pub async fn taxonomy_term(
    State(state): State<AppState>,
    Path(params): PathParams,
) -> Result<Response, ApiError> {
    let body = scope(&state, &params).await?;
    let term = term(&state, body.as_ref(), id_of(&params)?)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(FeedTaxonomyTerm::new(&term)).into_response())
}
