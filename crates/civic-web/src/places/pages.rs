//! Public pages: the finder (`/digital-help`), a body's places, a place's page, and the
//! "get help using this service near you" part of each service's page.

use super::nearby;
use super::view::{PlaceCard, access_id};
use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::i18n::{Arg, Lang};
use crate::app::layout::{Layout, PageContext, format_date, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use civic_domain::{Body, Service};
use serde::Deserialize;

/// How many places a finder lists.
const FINDER_LIMIT: usize = 10;

/// How many places a service's page lists.
const SERVICE_LIMIT: usize = 5;

/// The finder's query.
#[derive(Debug, Default, Deserialize)]
pub struct PostcodeParams {
    /// The postcode typed, if any.
    #[serde(default)]
    pub postcode: Option<String>,
}

/// A postcode search and what it found, for any page that offers one.
pub struct Finder {
    /// The postcode as typed.
    pub postcode: String,
    /// Why it could not be searched (not a postcode), in the page's language.
    pub error: Option<String>,
    /// True when a postcode was given and searched.
    pub searched: bool,
    /// The postcode as the register writes it, once searched.
    pub normalised: String,
    /// True when the register knows no located address in it.
    pub unknown: bool,
    /// The nearest places, nearest first.
    pub results: Vec<PlaceCard>,
}

impl Finder {
    /// A page title: `title`, with "Error:" first when the postcode was not one.
    fn title(&self, ctx: &PageContext, title: String) -> String {
        if self.error.is_some() {
            ctx.error_title(&title)
        } else {
            title
        }
    }

    /// Searches `postcode` (when given) for the places nearest it, one body's when `body`
    /// is given; the status says whether the postcode was one.
    async fn search(
        state: &AppState,
        lang: Lang,
        postcode: Option<String>,
        body: Option<&str>,
        limit: usize,
    ) -> Result<(Finder, StatusCode), AppError> {
        let postcode = postcode.unwrap_or_default();
        let mut finder = Finder {
            postcode: postcode.clone(),
            error: None,
            searched: false,
            normalised: String::new(),
            unknown: false,
            results: Vec::new(),
        };
        if postcode.trim().is_empty() {
            return Ok((finder, StatusCode::OK));
        }
        let point = match nearby::postcode_point(state, &postcode).await {
            Ok(point) => point,
            Err(e @ AppError::Unclear { .. }) => {
                finder.error = Some(e.explain_in(lang).1);
                return Ok((finder, StatusCode::BAD_REQUEST));
            }
            Err(e) => return Err(e),
        };
        finder.searched = true;
        finder.normalised =
            civic_domain::register::normalise_postcode(&postcode).unwrap_or(postcode);
        match point {
            None => finder.unknown = true,
            Some(centre) => {
                finder.results = nearby::nearest(state, centre, body, limit)
                    .await?
                    .into_iter()
                    .map(|n| PlaceCard::new(lang, n.place, Some(n.metres)))
                    .collect();
            }
        }
        Ok((finder, StatusCode::OK))
    }
}

#[derive(Template)]
#[template(path = "places/finder.html")]
struct FinderPage {
    layout: Layout,
    finder: Finder,
}

/// `GET /digital-help?postcode=…`: the places nearest a postcode, from every body.
pub async fn finder(
    State(state): State<AppState>,
    ctx: PageContext,
    Query(params): Query<PostcodeParams>,
) -> Result<Response, AppError> {
    let (finder, status) =
        Finder::search(&state, ctx.lang, params.postcode, None, FINDER_LIMIT).await?;
    let title = finder.title(&ctx, ctx.t("places-finder-title"));
    let unknown = finder.unknown;
    let page = render(
        status,
        &FinderPage {
            layout: ctx.layout(title),
            finder,
        },
    )?;
    Ok(not_kept_if(unknown, page))
}

/// The response marked not to be kept when `unknown` (a postcode the addresses register
/// did not know): the register may learn it, and it is not one of the page cache's topics.
pub fn not_kept_if(unknown: bool, mut response: Response) -> Response {
    if unknown {
        response.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-cache"),
        );
    }
    response
}

#[derive(Template)]
#[template(path = "places/body.html")]
struct BodyPlacesPage {
    layout: Layout,
    body: Body,
    places: Vec<PlaceCard>,
    finder: Finder,
    action: String,
}

/// `GET /bodies/{body}/digital-help`: a body's places, or the nearest of them to a postcode.
pub async fn body_places(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
    Query(params): Query<PostcodeParams>,
) -> Result<Response, AppError> {
    let body = state.body(&body).await?;
    let (finder, status) = Finder::search(
        &state,
        ctx.lang,
        params.postcode,
        Some(&body.slug),
        FINDER_LIMIT,
    )
    .await?;
    let places = state
        .store
        .places(Some(&body.slug), false)
        .await?
        .into_iter()
        .map(|p| PlaceCard::new(ctx.lang, p, None))
        .collect();
    let title = finder.title(
        &ctx,
        ctx.lang.t_with(
            "places-body-title",
            &[("body", Arg::from(body.name_in(ctx.lang == Lang::Cy)))],
        ),
    );
    let unknown = finder.unknown;
    let page = render(
        status,
        &BodyPlacesPage {
            layout: ctx.layout(title),
            action: format!("/bodies/{}/digital-help", body.slug),
            body,
            places,
            finder,
        },
    )?;
    Ok(not_kept_if(unknown, page))
}

/// A service a place helps with, as its page links to it.
struct ServiceLink {
    href: String,
    name: String,
}

#[derive(Template)]
#[template(path = "places/show.html")]
struct PlacePage {
    layout: Layout,
    body: Body,
    card: PlaceCard,
    services: Vec<ServiceLink>,
    levels: Vec<String>,
    accessibility: Vec<String>,
    updated: String,
}

impl PlacePage {
    fn week(&self) -> Vec<super::view::DayHours> {
        self.card.week(self.layout.lang)
    }
}

/// `GET /bodies/{body}/digital-help/{place}`: one place, everything a visitor needs.
pub async fn place(
    State(state): State<AppState>,
    ctx: PageContext,
    Path((body, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let body = state.body(&body).await?;
    let place = state
        .store
        .place(&body.slug, &slug)
        .await?
        .filter(|p| p.active)
        .ok_or(AppError::NotFound)?;
    let welsh = ctx.lang == Lang::Cy;
    let mut services = Vec::new();
    for slug in &place.services {
        if let Some(s) = state.store.get_service(&body.slug, slug).await? {
            services.push(ServiceLink {
                href: format!("/bodies/{}/services/{}", body.slug, s.slug),
                name: s.name_in(welsh).to_string(),
            });
        }
    }
    let levels = place
        .course_levels
        .iter()
        .map(|l| super::view::level_label(ctx.lang, l.number()))
        .collect();
    let accessibility = place
        .accessibility
        .iter()
        .map(|a| ctx.t(access_id(*a)))
        .collect();
    let updated = time::OffsetDateTime::parse(
        &place.updated_at,
        &time::format_description::well_known::Rfc3339,
    )
    .map(format_date)
    .unwrap_or_default();
    let card = PlaceCard::new(ctx.lang, place, None);
    render(
        StatusCode::OK,
        &PlacePage {
            layout: ctx.layout(format!("{} – {}", card.name, body.name_in(welsh))),
            body,
            card,
            services,
            levels,
            accessibility,
            updated,
        },
    )
}

/// "Get help using this service near you", as a service's page shows it.
pub struct HelpNearby {
    /// The postcode search, when one was made.
    pub finder: Finder,
    /// Without a postcode: the body's places, those helping with this service first.
    pub places: Vec<PlaceCard>,
    /// The body's name in the page's language.
    pub body_name: String,
    /// The body's identifier.
    pub body: String,
    /// The service's page (the form's action).
    pub action: String,
}

/// The places that help with `service`: with a postcode, the nearest (from any body);
/// without, the body's own, those that name this service first.
pub async fn help_for_service(
    state: &AppState,
    lang: Lang,
    body: &Body,
    service: &Service,
    postcode: Option<String>,
) -> Result<(HelpNearby, StatusCode), AppError> {
    let (mut finder, status) = Finder::search(state, lang, postcode, None, SERVICE_LIMIT).await?;
    for card in &mut finder.results {
        card.helps_with_this =
            card.place.body == service.body && card.place.helps_with(&service.slug);
    }
    let mut places = Vec::new();
    if !finder.searched {
        let mut own = state.store.places(Some(&body.slug), false).await?;
        // Stable: by name within each group.
        own.sort_by_key(|p| !p.helps_with(&service.slug));
        places = own
            .into_iter()
            .take(SERVICE_LIMIT)
            .map(|p| {
                let helps = p.helps_with(&service.slug);
                let mut card = PlaceCard::new(lang, p, None);
                card.helps_with_this = helps;
                card
            })
            .collect();
    }
    Ok((
        HelpNearby {
            finder,
            places,
            body_name: body.name_in(lang == Lang::Cy).to_string(),
            body: body.slug.clone(),
            action: format!("/bodies/{}/services/{}", body.slug, service.slug),
        },
        status,
    ))
}
