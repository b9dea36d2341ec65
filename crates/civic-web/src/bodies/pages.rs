//! The home page, the list of bodies and each body's page.

use super::open_data;
use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::i18n::Lang;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use crate::app::negotiate::Format;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::collation::welsh_cmp;
use civic_storage::ServiceQuery;

#[derive(Template)]
#[template(path = "bodies/home.html")]
struct HomePage {
    layout: Layout,
    bodies: Vec<Body>,
}

/// Bodies in A–Z order of the names the page shows: Welsh order on a Welsh page, where
/// "Cyngor Sir Ddinbych" comes after "Cyngor Sir Conwy" and "ll" after "l" (the store
/// lists them in English order).
fn in_page_order(mut bodies: Vec<Body>, lang: Lang) -> Vec<Body> {
    if lang == Lang::Cy {
        bodies.sort_by(|a, b| welsh_cmp(a.name_in(true), b.name_in(true)));
    }
    bodies
}

/// `GET /`: search, and the list of bodies.
pub async fn home(State(state): State<AppState>, ctx: PageContext) -> Result<Response, AppError> {
    let bodies = in_page_order(state.store.list_bodies().await?, ctx.lang);
    render(
        StatusCode::OK,
        &HomePage {
            layout: ctx.layout_t("bodies-home-title"),
            bodies,
        },
    )
}

#[derive(Template)]
#[template(path = "bodies/list.html")]
struct BodiesPage {
    layout: Layout,
    bodies: Vec<Body>,
}

/// `GET /bodies`: every public body on this deployment.
pub async fn bodies(
    State(state): State<AppState>,
    ctx: PageContext,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if Format::from_accept(&headers) == Format::Json {
        return Ok(open_data::bodies(&state).await.into_response());
    }
    let bodies = in_page_order(state.store.list_bodies().await?, ctx.lang);
    render(
        StatusCode::OK,
        &BodiesPage {
            layout: ctx.layout_t("bodies-list-title"),
            bodies,
        },
    )
}

#[derive(Template)]
#[template(path = "bodies/show.html")]
struct BodyPage {
    layout: Layout,
    body: Body,
    service_count: i64,
}

/// `GET /bodies/{body}` (or `.json`): one body.
pub async fn body(
    State(state): State<AppState>,
    ctx: PageContext,
    headers: HeaderMap,
    Path(body): Path<String>,
) -> Result<Response, AppError> {
    let (slug, format) = Format::from_path(&body, &headers);
    let body = state.body(slug).await?;
    if format == Format::Json {
        return Ok(open_data::body_json(&body));
    }
    if format == Format::Csv {
        return Err(AppError::NotFound);
    }
    let count = state
        .store
        .list_services(&ServiceQuery {
            body: Some(body.slug.clone()),
            limit: Some(0),
            ..Default::default()
        })
        .await?
        .total;
    render(
        StatusCode::OK,
        &BodyPage {
            layout: ctx.layout(body.name.clone()),
            body,
            service_count: count,
        },
    )
}
