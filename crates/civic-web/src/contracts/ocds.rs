//! Contracts as OCDS 1.1 release packages: one compiled release per contract, with the buyer
//! and the supplier as parties (the supplier's `details.scale` from the partyScale
//! extension), the award and the contract, the payments from the body's spend data as
//! `implementation.transactions` (their ids the spend file's own), and the KPI ratings as
//! `implementation.metrics` (the metrics extension): one metric per KPI, one observation
//! per rating, the supplier's reply in its notes. Civic serves its own copies of the two
//! extensions it declares, so validators need no internet.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::layout::absolute;
use crate::app::negotiate::open_data;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use civic_storage::{Contract, ContractPayment};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

/// Civic's OCID prefix. A production hub registers its own with the Open Contracting
/// Partnership and sets it here; this one is Civic's and is not registered.
pub const OCID_PREFIX: &str = "ocds-civic1";

/// The extensions Civic declares, as (folder, file) it serves under `/ocds/extensions/`.
const EXTENSION_FILES: [(&str, &str, &str); 7] = [
    (
        "ocds_partyDetails_scale_extension",
        "extension.json",
        include_str!("../../ocds/ocds_partyDetails_scale_extension/extension.json"),
    ),
    (
        "ocds_partyDetails_scale_extension",
        "release-schema.json",
        include_str!("../../ocds/ocds_partyDetails_scale_extension/release-schema.json"),
    ),
    (
        "ocds_partyDetails_scale_extension",
        "codelists/partyScale.csv",
        include_str!("../../ocds/ocds_partyDetails_scale_extension/codelists/partyScale.csv"),
    ),
    (
        "ocds_partyDetails_scale_extension",
        "LICENSE",
        include_str!("../../ocds/ocds_partyDetails_scale_extension/LICENSE"),
    ),
    (
        "ocds_metrics_extension",
        "extension.json",
        include_str!("../../ocds/ocds_metrics_extension/extension.json"),
    ),
    (
        "ocds_metrics_extension",
        "release-schema.json",
        include_str!("../../ocds/ocds_metrics_extension/release-schema.json"),
    ),
    (
        "ocds_metrics_extension",
        "LICENSE",
        include_str!("../../ocds/ocds_metrics_extension/LICENSE"),
    ),
];

/// `GET /ocds/extensions/{extension}/{*file}`: Civic's copy of an extension's file.
pub async fn extension_file(Path((extension, file)): Path<(String, String)>) -> Response {
    match EXTENSION_FILES
        .iter()
        .find(|(e, f, _)| *e == extension && *f == file)
    {
        Some((_, f, text)) => {
            let kind = if f.ends_with(".json") {
                "application/json"
            } else if f.ends_with(".csv") {
                "text/csv; charset=utf-8"
            } else {
                "text/plain; charset=utf-8"
            };
            open_data(([(header::CONTENT_TYPE, kind)], *text).into_response())
        }
        None => AppError::NotFound.into_response(),
    }
}

/// The OCID of one of a body's contracts.
pub fn ocid(contract: &Contract) -> String {
    format!("{OCID_PREFIX}-{}-{}", contract.body, contract.details.slug)
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

fn day_start(d: time::Date) -> String {
    rfc3339(d.midnight().assume_utc())
}

fn day_end(d: time::Date) -> String {
    rfc3339(
        d.with_hms(23, 59, 59)
            .map_or(d.midnight(), |t| t)
            .assume_utc(),
    )
}

fn pounds(pence: i64) -> Value {
    // Pence are exact; the amount is their pounds as a JSON number with two decimals.
    json!((pence as f64) / 100.0)
}

/// One contract as a compiled OCDS release.
pub fn release(base: &str, contract: &Contract, payments: &[ContractPayment]) -> Value {
    let ocid = ocid(contract);
    let d = &contract.details;
    let buyer_id = format!("GB-CIVIC-{}", contract.body);
    let supplier_id = d.supplier.to_string();
    let mut period = json!({"startDate": day_start(d.starts_on)});
    if let Some(end) = d.ends_on {
        period["endDate"] = json!(day_end(end));
    }
    let latest = contract
        .ratings
        .iter()
        .map(|r| {
            r.reply
                .as_ref()
                .map_or(r.rated_at, |(_, at)| (*at).max(r.rated_at))
        })
        .chain(std::iter::once(contract.created_at))
        .max()
        .unwrap_or(contract.created_at);
    let transactions: Vec<Value> = payments
        .iter()
        .map(|p| {
            json!({
                "id": p.id,
                "source": absolute(base, &format!("/bodies/{}/spend.csv", contract.body)),
                "date": day_start(p.paid_on),
                "value": {"amount": pounds(p.amount_pence), "currency": "GBP"},
                "payer": {"id": buyer_id, "name": contract.body_name},
                "payee": {"id": supplier_id, "name": contract.supplier_name},
            })
        })
        .collect();
    let metrics: Vec<Value> = d
        .kpis
        .iter()
        .enumerate()
        .filter_map(|(i, kpi)| {
            let observations: Vec<Value> = contract
                .ratings
                .iter()
                .filter(|r| &r.details.kpi == kpi)
                .map(|r| {
                    let mut notes = r.details.note.clone();
                    if let Some((reply, _)) = &r.reply {
                        notes = format!("{notes}\n\nThe supplier's reply: {reply}")
                            .trim()
                            .to_string();
                    }
                    let mut o = json!({
                        "id": format!("rating-{}", r.id),
                        "period": {
                            "startDate": day_start(r.details.period_start),
                            "endDate": day_end(r.details.period_end),
                        },
                        "measure": r.details.rating.label(),
                    });
                    if !notes.is_empty() {
                        o["notes"] = json!(notes);
                    }
                    o
                })
                .collect();
            // A metric needs at least one observation: KPIs not yet rated are left out.
            (!observations.is_empty()).then(|| {
                json!({
                    "id": format!("kpi-{}", i + 1),
                    "title": kpi,
                    "description": "Rated by the buyer on the Procurement Act 2023's scale: Good, Approaching target, Requires improvement, Inadequate or Other.",
                    "observations": observations,
                })
            })
        })
        .collect();
    let mut implementation = serde_json::Map::new();
    if !transactions.is_empty() {
        implementation.insert("transactions".into(), json!(transactions));
    }
    if !metrics.is_empty() {
        implementation.insert("metrics".into(), json!(metrics));
    }
    let mut contract_json = json!({
        "id": format!("{ocid}-contract"),
        "awardID": format!("{ocid}-award"),
        "title": d.title,
        "status": if d.ends_on.is_some_and(|e| e < time::OffsetDateTime::now_utc().date()) { "terminated" } else { "active" },
        "period": period,
        "value": {"amount": pounds(d.value_pence), "currency": "GBP"},
        "dateSigned": day_start(d.starts_on),
    });
    if !d.description.is_empty() {
        contract_json["description"] = json!(d.description);
    }
    if !implementation.is_empty() {
        contract_json["implementation"] = Value::Object(implementation);
    }
    json!({
        "ocid": ocid,
        "id": format!("{ocid}-{}", rfc3339(latest)),
        "date": rfc3339(latest),
        "tag": ["compiled"],
        "initiationType": "tender",
        "language": "en",
        "buyer": {"id": buyer_id, "name": contract.body_name},
        "parties": [
            {
                "id": buyer_id,
                "name": contract.body_name,
                "roles": ["buyer", "payer"],
            },
            {
                "id": supplier_id,
                "name": contract.supplier_name,
                "roles": ["supplier", "payee"],
                "identifier": {
                    "scheme": d.supplier.scheme.prefix(),
                    "id": d.supplier.id,
                    "legalName": contract.supplier_name,
                },
                // The register's sizes are partyScale codes (micro, small, medium, large).
                "details": {"scale": contract.supplier_scale.as_str()},
            },
        ],
        "awards": [{
            "id": format!("{ocid}-award"),
            "title": d.title,
            "status": "active",
            "date": day_start(d.starts_on),
            "value": {"amount": pounds(d.value_pence), "currency": "GBP"},
            "suppliers": [{"id": supplier_id, "name": contract.supplier_name}],
            "contractPeriod": period,
        }],
        "contracts": [contract_json],
    })
}

/// Contracts read and written per step of a streamed package.
const STREAM_PAGE: i64 = 500;

/// A record for the release `r` of the release package at `release_package`.
fn record(release_package: &str, r: Value) -> Value {
    json!({
        "ocid": r["ocid"],
        "releases": [{
            "url": format!("{release_package}#{}", r["id"].as_str().unwrap_or_default()),
            "date": r["date"],
            "tag": r["tag"],
        }],
        "compiledRelease": r,
    })
}

/// A body's contracts as a package streamed a page of contracts at a time, so a hub's
/// hundred thousand contracts start arriving at once and never sit whole in memory:
/// releases (`records` false) or records; 404 while the body has no contract (a package
/// must hold one).
async fn streamed_package(
    state: AppState,
    body: &str,
    records: bool,
) -> Result<Response, ApiError> {
    let owner = state.body(body).await?;
    let changed = state
        .store
        .contracts_changed_at(&owner.slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let base = state.config.base_url.clone();
    let release_package = absolute(
        &base,
        &format!("/bodies/{}/contracts/ocds.json", owner.slug),
    );
    let file = if records {
        "ocds-records.json"
    } else {
        "ocds.json"
    };
    let mut fields = json!({
        "uri": absolute(&base, &format!("/bodies/{}/contracts/{file}", owner.slug)),
        "version": "1.1",
        "extensions": EXTENSION_FILES
            .iter()
            .filter(|(_, f, _)| *f == "extension.json")
            .map(|(e, _, _)| absolute(&base, &format!("/ocds/extensions/{e}/extension.json")))
            .collect::<Vec<_>>(),
        "publishedDate": rfc3339(changed),
        "publisher": {"name": owner.name, "uri": absolute(&base, &format!("/bodies/{}", owner.slug))},
        "license": "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "publicationPolicy": absolute(&base, "/developers/contracts"),
    });
    if records {
        fields["packages"] = json!([release_package]);
    }
    // The package's fields, then its list opened; each page appends to the list.
    let mut head = fields.to_string();
    head.pop();
    head.push_str(if records {
        ",\"records\":["
    } else {
        ",\"releases\":["
    });
    struct Cursor {
        state: AppState,
        body: String,
        base: String,
        release_package: String,
        records: bool,
        after: i64,
        head: Option<String>,
        first: bool,
        done: bool,
    }
    let cursor = Cursor {
        state,
        body: owner.slug.clone(),
        base,
        release_package,
        records,
        after: 0,
        head: Some(head),
        first: true,
        done: false,
    };
    let stream = futures_util::stream::unfold(cursor, |mut c| async move {
        if c.done {
            return None;
        }
        let mut chunk = c.head.take().unwrap_or_default();
        let page = match c
            .state
            .store
            .contracts_after(&c.body, c.after, STREAM_PAGE)
            .await
        {
            Ok(page) => page,
            Err(e) => return Some((Err(std::io::Error::other(e.to_string())), c)),
        };
        if page.is_empty() {
            chunk.push_str("]}");
            c.done = true;
            return Some((Ok(chunk), c));
        }
        let ids: Vec<i64> = page.iter().map(|contract| contract.id).collect();
        let mut payments = match c.state.store.payments_of_contracts(&c.body, &ids).await {
            Ok(p) => p,
            Err(e) => return Some((Err(std::io::Error::other(e.to_string())), c)),
        };
        for contract in &page {
            let paid = payments.remove(&contract.id).unwrap_or_default();
            let mut item = release(&c.base, contract, &paid);
            if c.records {
                item = record(&c.release_package, item);
            }
            if !c.first {
                chunk.push(',');
            }
            c.first = false;
            chunk.push_str(&item.to_string());
        }
        c.after = ids.last().copied().unwrap_or(c.after);
        Some((Ok(chunk), c))
    });
    Ok(open_data(
        (
            [(header::CONTENT_TYPE, "application/json")],
            axum::body::Body::from_stream(stream),
        )
            .into_response(),
    ))
}

/// `GET /bodies/{body}/contracts/ocds.json`: every contract of the body as an OCDS 1.1
/// release package (streamed); 404 while it has none.
pub async fn release_package(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    streamed_package(state, &body, false).await
}

/// `GET /bodies/{body}/contracts/ocds-records.json`: the same contracts as an OCDS 1.1
/// record package: one record per OCID, linking its release in the release package and
/// carrying it as the compiled release (Civic publishes each contract's current state).
pub async fn record_package(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    streamed_package(state, &body, true).await
}
