//! A body's spend totals as open data (CSV and JSON).

use crate::ApiError;
use crate::AppState;
use crate::app::download::table_file;
use crate::app::extract::Path;
use axum::extract::State;
use axum::response::Response;

/// `GET /bodies/{body}/spend.csv`: spend mapped to services, by service and day (no
/// supplier or personal details).
pub async fn spend_csv(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    spend_file(state, body, true).await
}

/// `GET /bodies/{body}/spend.json`: the same as JSON.
pub async fn spend_json(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    spend_file(state, body, false).await
}

async fn spend_file(state: AppState, body: String, csv: bool) -> Result<Response, ApiError> {
    let body = state.body(&body).await?;
    let from = time::macros::date!(1900 - 01 - 01);
    let to = time::macros::date!(9999 - 12 - 31);
    let totals = state
        .store
        .spend_totals(Some(&body.slug), None, None, from, to)
        .await?;
    let pounds = |pence: i64| {
        format!(
            "{}{}.{:02}",
            if pence < 0 { "-" } else { "" },
            pence.unsigned_abs() / 100,
            pence.unsigned_abs() % 100
        )
    };
    let rows = totals
        .iter()
        .map(|t| vec![t.paid_on.to_string(), t.service.clone(), pounds(t.pence)])
        .collect();
    table_file(csv, &civic_domain::catalogue::own::SPEND_COLUMNS, rows)
}
