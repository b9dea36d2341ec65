//! The GOV.UK Registers v1 API over every register, so the clients and scripts written for
//! GOV.UK's registers read Civic unchanged: the `register` summary, `records` keyed by key
//! and paged by `page-index`, a record's history, records by field value, `entries` from
//! `start`, items, the reference implementation's singular paths, and the Merkle proofs in
//! the v1 shapes. JSON is canonical (every value a string, lists for many-valued fields);
//! CSV joins lists with `;`. A `.json` or `.csv` suffix beats `Accept`.

use super::api::{audit_path, consistency_path, spec_of, whole_number};
use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::negotiate::open_data as open;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::HeaderValue;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::register::schema::{RegisterSpec, register_item};
use civic_domain::register::v1::{EntryView, RecordView};
use civic_domain::register::{Entry, FieldValue, Item, rfc3339_seconds};
use civic_storage::StoredItem;
use serde::Deserialize;

/// Records or entries per page unless a client asks for another size.
const DEFAULT_PAGE: u64 = 100;
/// The largest page a client may ask for.
const MAX_PAGE: u64 = 5000;
/// The most records a register may hold and still be filtered by a field it keeps no index
/// of: past this, one request would read every item (2.6 s for 1,000,000 addresses).
const UNINDEXED_FILTER_LIMIT: u64 = 100_000;
/// The only proof type: RFC 6962 Merkle trees over SHA-256.
const PROOF: &str = "merkle:sha-256";

/// JSON or CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fmt {
    Json,
    Csv,
}

/// Splits a `.json` or `.csv` suffix off the last segment; without one, reads `Accept`
/// (JSON when it allows anything); 406 when it allows neither.
fn format_of<'a>(segment: &'a str, headers: &HeaderMap) -> Result<(&'a str, Fmt), AppError> {
    if let Some(stem) = segment.strip_suffix(".json") {
        return Ok((stem, Fmt::Json));
    }
    if let Some(stem) = segment.strip_suffix(".csv") {
        return Ok((stem, Fmt::Csv));
    }
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim();
    if accept.is_empty() {
        return Ok((segment, Fmt::Json));
    }
    let mut ranges: Vec<(f32, &str)> = accept
        .split(',')
        .map(|range| {
            let mut parts = range.split(';');
            let media = parts.next().unwrap_or("").trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q, media)
        })
        .filter(|(q, _)| *q > 0.0)
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, media) in ranges {
        match media {
            "application/json" | "application/*" | "*/*" | "text/html" => {
                return Ok((segment, Fmt::Json));
            }
            "text/csv" | "text/*" => return Ok((segment, Fmt::Csv)),
            _ => {}
        }
    }
    Err(AppError::NotAcceptable(
        "Registers are served as JSON (application/json) or CSV (text/csv); add .json or .csv to the address, or accept one of them".into(),
    ))
}

fn page_size(raw: Option<&str>, what: &str) -> Result<u64, AppError> {
    let size = whole_number(raw, what, DEFAULT_PAGE)?;
    if !(1..=MAX_PAGE).contains(&size) {
        return Err(AppError::BadRequest(format!(
            "{what} must be from 1 to {MAX_PAGE}, not {size}"
        )));
    }
    Ok(size)
}

fn json_response(value: &impl serde::Serialize) -> Result<Response, AppError> {
    let body = serde_json::to_vec(value).map_err(|e| AppError::Internal(format!("json: {e}")))?;
    Ok(open(
        ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
    ))
}

fn csv_response(rows: Vec<Vec<String>>) -> Result<Response, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.write_record(&row)
            .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    Ok(open(
        ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response(),
    ))
}

fn with_link(mut response: Response, links: &[String]) -> Response {
    if !links.is_empty()
        && let Ok(value) = HeaderValue::from_str(&links.join(", "))
    {
        response.headers_mut().insert(header::LINK, value);
    }
    response
}

fn csv_value(value: Option<&FieldValue>) -> String {
    match value {
        Some(FieldValue::One(v)) => v.clone(),
        Some(FieldValue::Many(v)) => v.join(";"),
        None => String::new(),
    }
}

const ENTRY_COLUMNS: [&str; 5] = [
    "index-entry-number",
    "entry-number",
    "entry-timestamp",
    "key",
    "item-hash",
];

/// An entry's CSV cells, in `ENTRY_COLUMNS` order: its v1 view's values.
fn entry_cells(e: &Entry) -> [String; 5] {
    let v = EntryView::of(e);
    [
        v.index_entry_number,
        v.entry_number,
        v.entry_timestamp,
        v.key.to_string(),
        v.item_hash[0].to_string(),
    ]
}

fn entries_response(entries: &[Entry], fmt: Fmt) -> Result<Response, AppError> {
    match fmt {
        Fmt::Json => json_response(&entries.iter().map(EntryView::of).collect::<Vec<_>>()),
        Fmt::Csv => {
            let mut rows = vec![ENTRY_COLUMNS.iter().map(|c| (*c).to_string()).collect()];
            rows.extend(entries.iter().map(|e| entry_cells(e).to_vec()));
            csv_response(rows)
        }
    }
}

/// Records as an object keyed by record key (JSON), or one row each with the register's
/// fields as columns (CSV).
fn records_response(
    spec: &RegisterSpec,
    records: &[(Entry, Option<Item>)],
    fmt: Fmt,
) -> Result<Response, AppError> {
    match fmt {
        Fmt::Json => {
            let mut object = serde_json::Map::with_capacity(records.len());
            for (entry, item) in records {
                let view = serde_json::to_value(RecordView::of(entry, item.as_ref()))
                    .map_err(|e| AppError::Internal(format!("json: {e}")))?;
                object.insert(entry.key.clone(), view);
            }
            json_response(&object)
        }
        Fmt::Csv => {
            let mut header_row: Vec<String> = ENTRY_COLUMNS[..4]
                .iter()
                .map(|c| (*c).to_string())
                .collect();
            header_row.extend(spec.fields.iter().map(|f| (*f).to_string()));
            let mut rows = vec![header_row];
            for (e, item) in records {
                let mut row = entry_cells(e)[..4].to_vec();
                for f in spec.fields {
                    row.push(csv_value(item.as_ref().and_then(|i| i.0.get(*f))));
                }
                rows.push(row);
            }
            csv_response(rows)
        }
    }
}

/// `GET /registers/{name}/register`: the register's summary.
pub async fn summary(
    state: &AppState,
    name: &str,
    headers: &HeaderMap,
    file: &str,
) -> Result<Response, AppError> {
    let (_, fmt) = format_of(file, headers)?;
    if fmt == Fmt::Csv {
        return Err(AppError::NotAcceptable(
            "A register's summary is served as JSON only".into(),
        ));
    }
    let spec = spec_of(name)?;
    let head = state.store.register_head(spec.name).await?;
    let records = state.store.record_count(spec.name).await?;
    let domain = state
        .config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or(&state.config.base_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("")
        .to_string();
    let mut body = serde_json::json!({
        "domain": domain,
        "total-records": records.to_string(),
        "total-entries": head.as_ref().map(|h| h.size).unwrap_or(0).to_string(),
        "register-record": register_item(spec, &state.config.operator),
        "custodian": state.config.operator,
    });
    if let Some(at) = head.as_ref().and_then(|h| h.timestamp) {
        body["last-updated"] = serde_json::Value::String(rfc3339_seconds(at));
    }
    json_response(&body)
}

/// Paging of records.
#[derive(Debug, Default, Deserialize)]
pub struct RecordsPage {
    #[serde(default, rename = "page-index")]
    page_index: Option<String>,
    #[serde(default, rename = "page-size")]
    page_size: Option<String>,
}

impl RecordsPage {
    /// (offset, size) of the page asked for.
    fn window(&self) -> Result<(u64, u64, u64), AppError> {
        let index = whole_number(self.page_index.as_deref(), "page-index", 1)?;
        if index == 0 {
            return Err(AppError::BadRequest("page-index counts from 1".into()));
        }
        let size = page_size(self.page_size.as_deref(), "page-size")?;
        Ok(((index - 1).saturating_mul(size), size, index))
    }
}

fn page_links(path: &str, index: u64, size: u64, more: bool) -> Vec<String> {
    let mut links = Vec::new();
    if more {
        links.push(format!(
            "<{path}?page-index={}&page-size={size}>; rel=\"next\"",
            index + 1
        ));
    }
    if index > 1 {
        links.push(format!(
            "<{path}?page-index={}&page-size={size}>; rel=\"previous\"",
            index - 1
        ));
    }
    links
}

/// `GET /registers/{name}/records`: current records, in the order their keys first appeared,
/// a page at a time; a page past the last is 404, as GOV.UK's registers answered.
pub async fn records(
    state: &AppState,
    name: &str,
    headers: &HeaderMap,
    file: &str,
    page: &RecordsPage,
) -> Result<Response, AppError> {
    let (_, fmt) = format_of(file, headers)?;
    let (offset, size, index) = page.window()?;
    let spec = spec_of(name)?;
    let total = state.store.record_count(spec.name).await?;
    if index > 1 && offset >= total {
        return Err(AppError::NotFound);
    }
    let rows = state
        .store
        .register_records(spec.name, offset, size)
        .await?;
    let response = records_response(spec, &rows, fmt)?;
    Ok(with_link(
        response,
        &page_links(file, index, size, offset + size < total),
    ))
}

/// `GET /registers/{name}/records/{key}` (and `record/{key}`): one record, keyed by its key,
/// with a link to its history.
pub async fn record(
    State(state): State<AppState>,
    Path((name, key)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (key, fmt) = format_of(&key, &headers)?;
    let spec = spec_of(&name)?;
    let (latest, item) = state
        .store
        .register_record(spec.name, key)
        .await?
        .ok_or(AppError::NotFound)?;
    let response = records_response(spec, &[(latest, item.shown())], fmt)?;
    let history_link = format!(
        "<{}/entries>; rel=\"version-history\"",
        crate::app::layout::encode_query_value(key)
    );
    Ok(with_link(response, &[history_link]))
}

/// Paging of entries.
#[derive(Debug, Default, Deserialize)]
pub struct EntriesPage {
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    limit: Option<String>,
}

/// `GET /registers/{name}/records/{key}/entries` or `…/records/{field}/{value}`: a record's
/// history, or the records whose `field` has `value`.
pub async fn record_entries_or_facet(
    State(state): State<AppState>,
    Path((name, first, second)): Path<(String, String, String)>,
    Query(page): Query<RecordsPage>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (stem, fmt) = format_of(&second, &headers)?;
    let spec = spec_of(&name)?;
    if stem == "entries" {
        let history = state.store.key_entries(spec.name, &first).await?;
        if history.is_empty() {
            return Err(AppError::NotFound.into());
        }
        return Ok(entries_response(&history, fmt)?);
    }
    if !spec.fields.contains(&first.as_str()) {
        return Err(AppError::NotFound.into());
    }
    let indexed = civic_storage::INDEXED_FIELDS;
    if !indexed.contains(&first.as_str()) {
        let total = state.store.record_count(spec.name).await?;
        if total > UNINDEXED_FILTER_LIMIT {
            let usable: Vec<&str> = spec
                .fields
                .iter()
                .copied()
                .filter(|f| indexed.contains(f))
                .collect();
            return Err(AppError::BadRequest(format!(
                "The {} register has {total} records, too many to filter by {first}, which it keeps no index of. Filter by {} instead, or download the register (download-rsf).",
                spec.name,
                if usable.is_empty() { "key".to_string() } else { usable.join(" or ") }
            ))
            .into());
        }
    }
    let (offset, size, index) = page.window()?;
    let mut rows = state
        .store
        .records_by_field(spec.name, &first, stem, offset, size + 1)
        .await?;
    let more = rows.len() as u64 > size;
    rows.truncate(usize::try_from(size).unwrap_or(usize::MAX));
    if index > 1 && rows.is_empty() {
        return Err(AppError::NotFound.into());
    }
    let rows: Vec<(Entry, Option<Item>)> = rows.into_iter().map(|(e, i)| (e, Some(i))).collect();
    let response = records_response(spec, &rows, fmt)?;
    Ok(with_link(response, &page_links(&second, index, size, more)))
}

/// `GET /registers/{name}/entries`: entries from `start` (default 1), `limit` at a time
/// (default 100); a start past the last entry is 404.
pub async fn entries(
    state: &AppState,
    name: &str,
    headers: &HeaderMap,
    file: &str,
    page: &EntriesPage,
) -> Result<Response, AppError> {
    let (_, fmt) = format_of(file, headers)?;
    let start = whole_number(page.start.as_deref(), "start", 1)?.max(1);
    let limit = page_size(page.limit.as_deref(), "limit")?;
    let spec = spec_of(name)?;
    let size = state.store.register_size(spec.name).await?;
    if start > size && start > 1 {
        return Err(AppError::NotFound);
    }
    let end = start.saturating_add(limit - 1).min(size);
    let list = if start > size {
        Vec::new()
    } else {
        state.store.register_entries(spec.name, start, end).await?
    };
    let mut links = Vec::new();
    if end < size {
        links.push(format!(
            "<{file}?start={}&limit={limit}>; rel=\"next\"",
            end + 1
        ));
    }
    if start > 1 {
        links.push(format!(
            "<{file}?start={}&limit={limit}>; rel=\"previous\"",
            start.saturating_sub(limit).max(1)
        ));
    }
    Ok(with_link(entries_response(&list, fmt)?, &links))
}

/// `GET /registers/{name}/entries/{n}` (and `entry/{n}`): one entry, always as an array.
pub async fn entry(
    State(state): State<AppState>,
    Path((name, n)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (n, fmt) = format_of(&n, &headers)?;
    let n = whole_number(Some(n), "the entry number", 0)?;
    let spec = spec_of(&name)?;
    if n == 0 || n > state.store.register_size(spec.name).await? {
        return Err(AppError::NotFound.into());
    }
    let list = state.store.register_entries(spec.name, n, n).await?;
    Ok(entries_response(&list, fmt)?)
}

/// `GET /registers/{name}/items/{hash}` (and `item/{hash}`): an item; once redacted, its
/// values replaced by their hashes as Registers v2 redacts them.
pub async fn item(
    State(state): State<AppState>,
    Path((name, hash)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (hash, fmt) = format_of(&hash, &headers)?;
    let spec = spec_of(&name)?;
    if !civic_domain::register::is_valid_item_hash(hash) {
        return Err(AppError::BadRequest(format!(
            "'{hash}' is not an item hash: expected sha-256: and 64 hex digits"
        ))
        .into());
    }
    match state.store.register_item(hash).await?.map(StoredItem::shown) {
        None => Err(AppError::NotFound.into()),
        Some(None) => Ok(open(
            (
                axum::http::StatusCode::GONE,
                axum::Json(serde_json::json!({"status": 410, "error": "redacted", "message": "This item was redacted. Its hash stays in the log, so the register can still be verified."})),
            )
                .into_response(),
        )),
        Some(Some(item)) => match fmt {
            Fmt::Json => Ok(json_response(&item)?),
            Fmt::Csv => {
                let mut fields: Vec<&str> = spec
                    .fields
                    .iter()
                    .copied()
                    .filter(|f| item.0.contains_key(*f))
                    .collect();
                fields.extend(
                    item.0
                        .keys()
                        .map(String::as_str)
                        .filter(|k| !spec.fields.contains(k)),
                );
                let values = fields.iter().map(|f| csv_value(item.0.get(*f))).collect();
                Ok(csv_response(vec![
                    fields.iter().map(|f| (*f).to_string()).collect(),
                    values,
                ])?)
            }
        },
    }
}

fn proof_type(id: &str) -> Result<(), AppError> {
    if id == PROOF {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

fn hashes(list: &[civic_translog::Hash]) -> Vec<String> {
    list.iter()
        .map(|h| format!("sha-256:{}", h.to_hex()))
        .collect()
}

/// `GET /registers/{name}/proof/register/merkle:sha-256`: the root over every entry.
pub async fn register_proof(
    State(state): State<AppState>,
    Path((name, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    proof_type(&id)?;
    let spec = spec_of(&name)?;
    let (size, root) = state
        .store
        .register_head(spec.name)
        .await?
        .map(|h| (h.size, h.root))
        .unwrap_or((0, civic_translog::EMPTY_ROOT));
    Ok(json_response(&serde_json::json!({
        "proof-identifier": PROOF,
        "root-hash": format!("sha-256:{}", root.to_hex()),
        "total-entries": size.to_string(),
    }))?)
}

/// `GET /registers/{name}/proof/entries/{n}/{size}/merkle:sha-256` (and `proof/entry/…`):
/// the audit path of entry n in the tree of the first `size` entries.
pub async fn entry_proof(
    State(state): State<AppState>,
    Path((name, n, size, id)): Path<(String, String, String, String)>,
) -> Result<Response, ApiError> {
    proof_type(&id)?;
    let n = whole_number(Some(&n), "the entry number", 0)?;
    let size = whole_number(Some(&size), "the log size", 0)?;
    let spec = spec_of(&name)?;
    let have = state.store.register_size(spec.name).await?;
    if size == 0 || size > have {
        return Err(AppError::BadRequest(format!(
            "the log size must be from 1 to the register's {have} entries"
        ))
        .into());
    }
    if n == 0 || n > size {
        return Err(AppError::BadRequest(format!(
            "entry {n} is not in a log of {size} entries (entries count from 1)"
        ))
        .into());
    }
    let path = audit_path(&state, spec.name, n, size).await?;
    Ok(json_response(&serde_json::json!({
        "proof-identifier": PROOF,
        "entry-number": n.to_string(),
        "merkle-audit-path": hashes(&path),
    }))?)
}

/// `GET /registers/{name}/proof/consistency/{m}/{n}/merkle:sha-256`: that the log of n
/// entries extends the log of m; empty when m equals n.
pub async fn consistency_proof(
    State(state): State<AppState>,
    Path((name, m, n, id)): Path<(String, String, String, String)>,
) -> Result<Response, ApiError> {
    proof_type(&id)?;
    let m = whole_number(Some(&m), "the smaller log size", 0)?;
    let n = whole_number(Some(&n), "the larger log size", 0)?;
    let spec = spec_of(&name)?;
    let have = state.store.register_size(spec.name).await?;
    if m == 0 || m > n || n > have {
        return Err(AppError::BadRequest(format!(
            "log sizes must satisfy 1 <= smaller <= larger <= {have} (the register's entries)"
        ))
        .into());
    }
    let nodes = if m == n {
        Vec::new()
    } else {
        consistency_path(&state, spec.name, m, n).await?
    };
    Ok(json_response(&serde_json::json!({
        "proof-identifier": PROOF,
        "merkle-consistency-nodes": hashes(&nodes),
    }))?)
}
