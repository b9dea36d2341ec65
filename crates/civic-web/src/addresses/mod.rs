//! Address look-up by postcode and by UPRN, as a page and as JSON.

use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::register::Item;
use civic_domain::register::normalise_postcode;
use serde::Deserialize;
use serde::Serialize;

/// One address, as the look-up returns it.
#[derive(Debug, Clone, Serialize)]
pub struct Address {
    /// Unique Property Reference Number.
    pub uprn: String,
    /// The address on one line.
    pub text: String,
    /// Postcode.
    pub postcode: String,
    /// Latitude, when known.
    pub latitude: Option<String>,
    /// Longitude, when known.
    pub longitude: Option<String>,
}

impl Address {
    fn from_item(item: &Item) -> Address {
        let parts: Vec<&str> = ["address-line-1", "address-line-2", "town"]
            .into_iter()
            .filter_map(|f| item.get(f))
            .collect();
        Address {
            uprn: item.get("uprn").unwrap_or_default().to_string(),
            text: parts.join(", "),
            postcode: item.get("postcode").unwrap_or_default().to_string(),
            latitude: item.get("latitude").map(str::to_string),
            longitude: item.get("longitude").map(str::to_string),
        }
    }
}

/// Every address in a postcode; a 400 saying so (in the page's language, English for
/// APIs) when it is not a postcode.
pub async fn in_postcode(state: &AppState, raw: &str) -> Result<Vec<Address>, AppError> {
    let postcode = normalise_postcode(raw).ok_or_else(|| AppError::Unclear {
        id: "addresses-error-not-postcode",
        args: vec![("postcode", raw.trim().to_string())],
    })?;
    let records = state
        .store
        .records_by_field("addresses", "postcode", &postcode, 0, 500)
        .await?;
    Ok(records
        .iter()
        .map(|(_, item)| Address::from_item(item))
        .collect())
}

/// One address by UPRN.
pub async fn by_uprn(state: &AppState, uprn: &str) -> Result<Option<Address>, AppError> {
    // A redacted address is no address: its redacted form is for the register's audit only.
    Ok(state
        .store
        .register_record("addresses", uprn)
        .await?
        .and_then(|(_, item)| item.content())
        .map(|item| Address::from_item(&item)))
}

/// The look-up's query.
#[derive(Debug, Default, Deserialize)]
pub struct LookupParams {
    #[serde(default)]
    postcode: Option<String>,
}

#[derive(Template)]
#[template(path = "addresses/lookup.html")]
struct LookupPage {
    layout: Layout,
    postcode: String,
    addresses: Vec<Address>,
    error: Option<String>,
    searched: bool,
}

/// `GET /addresses?postcode=…`: find the addresses in a postcode.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageContext,
    Query(params): Query<LookupParams>,
) -> Result<Response, AppError> {
    let postcode = params.postcode.unwrap_or_default();
    let (addresses, error, status) = if postcode.trim().is_empty() {
        (Vec::new(), None, StatusCode::OK)
    } else {
        match in_postcode(&state, &postcode).await {
            Ok(a) => (a, None, StatusCode::OK),
            // The only refusal is a postcode that is not one, said on the page.
            Err(e @ AppError::Unclear { .. }) => (
                Vec::new(),
                Some(e.explain_in(ctx.lang).1),
                StatusCode::BAD_REQUEST,
            ),
            Err(e) => return Err(e),
        }
    };
    render(
        status,
        &LookupPage {
            layout: ctx.layout_t(if error.is_some() {
                "addresses-title-error"
            } else {
                "addresses-title"
            }),
            searched: !postcode.trim().is_empty(),
            postcode,
            addresses,
            error,
        },
    )
}

/// `GET /addresses.json?postcode=…`.
pub async fn json(
    State(state): State<AppState>,
    Query(params): Query<LookupParams>,
) -> Result<Response, crate::ApiError> {
    let postcode = params
        .postcode
        .filter(|p| !p.trim().is_empty())
        .ok_or_else(|| AppError::BadRequest("Give a postcode, like ?postcode=ZZ1 1AA".into()))?;
    let addresses = in_postcode(&state, &postcode).await?;
    Ok(Json(
        serde_json::json!({ "postcode": normalise_postcode(&postcode), "addresses": addresses }),
    )
    .into_response())
}

/// `GET /addresses/{uprn}.json`.
pub async fn one(
    State(state): State<AppState>,
    Path(uprn): Path<String>,
) -> Result<Response, crate::ApiError> {
    let uprn = uprn.strip_suffix(".json").unwrap_or(&uprn);
    let address = by_uprn(&state, uprn).await?.ok_or(AppError::NotFound)?;
    Ok(Json(address).into_response())
}

/// Address look-up pages and JSON.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/addresses", get(page))
        .route("/addresses.json", get(json))
        .route("/addresses/{uprn}", get(one))
}
