//! Finding the places nearest a postcode: the postcode's point is the middle of its
//! addresses in the addresses register, and the search widens until something is found.

use crate::AppError;
use crate::AppState;
use civic_domain::Point;
use civic_domain::place::{NearbyPlace, centre_of};

/// How far to look, nearest first: 3, 15 and 60 miles.
const REACHES: [f64; 3] = [5_000.0, 25_000.0, 100_000.0];

/// The point of a postcode; `None` when the register has no located address in it, and
/// an `Unclear` error (said in the page's language) when it is not a postcode.
pub async fn postcode_point(state: &AppState, raw: &str) -> Result<Option<Point>, AppError> {
    let addresses = crate::addresses::in_postcode(state, raw).await?;
    let points: Vec<Point> = addresses
        .iter()
        .filter_map(|a| {
            let lat = a.latitude.as_deref()?.parse::<f64>().ok()?;
            let long = a.longitude.as_deref()?.parse::<f64>().ok()?;
            (lat.is_finite() && long.is_finite()).then_some(Point { lat, long })
        })
        .collect();
    Ok(centre_of(&points))
}

/// Up to `limit` active places nearest `centre` (one body's when given), looking further
/// only when nothing is found nearer.
pub async fn nearest(
    state: &AppState,
    centre: Point,
    body: Option<&str>,
    limit: usize,
) -> Result<Vec<NearbyPlace>, AppError> {
    for reach in REACHES {
        let found = state.store.places_near(centre, reach, body, limit).await?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    Ok(Vec::new())
}
