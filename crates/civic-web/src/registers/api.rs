//! Registers over HTTP: summaries, records, entries, items, the RSF download and
//! RFC 6962 proofs, with tree heads signed by the deployment's Ed25519 key.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::extract::Query;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use civic_domain::register::Entry;
use civic_domain::register::Item;
use civic_domain::register::rfc3339_seconds;
use civic_domain::register::tree_head_signing_input;
use civic_storage::RegisterHead;
use civic_translog::Hash;
use civic_translog::PrefetchedHashes;
use ed25519_dalek::Signer;
use ed25519_dalek::SigningKey;
use serde::Deserialize;
use serde::Serialize;
use std::sync::Arc;
use tokio::sync::OnceCell;

/// Rows per page of records and entries.
pub const PAGE: i64 = 100;

/// The deployment's tree-head signing key, loaded (or created) once.
#[derive(Default)]
pub struct Signer25519(OnceCell<SigningKey>);

impl Signer25519 {
    async fn key(&self, state: &AppState) -> Result<&SigningKey, AppError> {
        self.0
            .get_or_try_init(|| async {
                let fresh: [u8; 32] = rand::random();
                let seed = state.store.signing_seed(fresh).await?;
                Ok::<_, AppError>(SigningKey::from_bytes(&seed))
            })
            .await
    }
}

/// A signed tree head, shaped like Certificate Transparency's `get-sth`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedTreeHead {
    /// The register.
    pub register: String,
    /// Entries covered.
    pub tree_size: u64,
    /// When the last entry was appended, in milliseconds since 1970.
    pub timestamp: u64,
    /// Root hash, base64.
    pub sha256_root_hash: String,
    /// Ed25519 signature over RFC 6962's `TreeHeadSignature`, base64.
    pub tree_head_signature: String,
}

/// Signs a register's head.
pub async fn sign(state: &AppState, head: &RegisterHead) -> Result<SignedTreeHead, AppError> {
    let key = state.signer.key(state).await?;
    let timestamp = head
        .timestamp
        .map(|t| u64::try_from(t.unix_timestamp()).unwrap_or(0) * 1000)
        .unwrap_or(0);
    let input = tree_head_signing_input(timestamp, head.size, head.root.as_bytes());
    Ok(SignedTreeHead {
        register: head.register.clone(),
        tree_size: head.size,
        timestamp,
        sha256_root_hash: B64.encode(head.root.as_bytes()),
        tree_head_signature: B64.encode(key.sign(&input).to_bytes()),
    })
}

/// The public key that checks every tree head of this deployment.
pub async fn public_key(state: &AppState) -> Result<String, AppError> {
    Ok(B64.encode(state.signer.key(state).await?.verifying_key().to_bytes()))
}

/// What each register holds, for the register of registers and the pages.
pub const REGISTERS: [(&str, &str); 4] = [
    (
        "addresses",
        "Addresses, keyed by Unique Property Reference Number (UPRN)",
    ),
    ("organisations", "The public bodies on this deployment"),
    (
        "services",
        "Every public body's services; every change to a service is an entry",
    ),
    ("registers", "The registers on this deployment"),
];

async fn head_or_404(state: &AppState, name: &str) -> Result<RegisterHead, AppError> {
    if !REGISTERS.iter().any(|(n, _)| *n == name) {
        return Err(AppError::NotFound);
    }
    state
        .store
        .register_head(name)
        .await?
        .ok_or(AppError::NotFound)
}

fn open(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        header::HeaderValue::from_static("*"),
    );
    response
}

#[derive(Serialize)]
struct EntryView<'a> {
    #[serde(rename = "entry-number")]
    number: String,
    #[serde(rename = "entry-timestamp")]
    timestamp: String,
    key: &'a str,
    #[serde(rename = "item-hash")]
    item_hash: &'a str,
}

fn entry_view(e: &Entry) -> EntryView<'_> {
    EntryView {
        number: e.number.to_string(),
        timestamp: rfc3339_seconds(e.timestamp),
        key: &e.key,
        item_hash: &e.item_hash,
    }
}

/// `GET /registers/public-key`: the Ed25519 key tree heads are signed with.
pub async fn key(State(state): State<AppState>) -> Result<Response, ApiError> {
    let key = public_key(&state).await?;
    Ok(open(
        Json(serde_json::json!({
            "algorithm": "ed25519",
            "public_key": key,
            "signs": "RFC 6962 TreeHeadSignature (version 0, signature type 1, timestamp ms, tree size, SHA-256 root)",
        }))
        .into_response(),
    ))
}

#[derive(askama::Template)]
#[template(path = "registers/index.html")]
struct IndexPage {
    layout: crate::app::layout::Layout,
    base: String,
    registers: Vec<(String, String, u64)>,
}

/// `GET /registers`: the registers, as a page (or JSON by `Accept`).
pub async fn index_page(
    State(state): State<AppState>,
    ctx: crate::app::layout::PageContext,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    if crate::app::negotiate::Format::from_accept(&headers) == crate::app::negotiate::Format::Json {
        return Ok(index(State(state)).await.into_response());
    }
    let mut registers = Vec::new();
    for (name, text) in REGISTERS {
        let size = state
            .store
            .register_head(name)
            .await?
            .map(|h| h.size)
            .unwrap_or(0);
        registers.push((name.to_string(), text.to_string(), size));
    }
    crate::app::layout::render(
        StatusCode::OK,
        &IndexPage {
            layout: ctx.layout("Registers"),
            base: state.config.base_url.trim_end_matches('/').to_string(),
            registers,
        },
    )
}

/// `GET /registers.json`: the registers on this deployment.
pub async fn index(State(state): State<AppState>) -> Result<Response, ApiError> {
    let mut registers = Vec::new();
    for (name, text) in REGISTERS {
        let head = state.store.register_head(name).await?;
        registers.push(serde_json::json!({
            "register": name,
            "text": text,
            "total-entries": head.as_ref().map(|h| h.size).unwrap_or(0),
            "url": format!("/registers/{name}"),
        }));
    }
    Ok(open(
        Json(serde_json::json!({ "registers": registers })).into_response(),
    ))
}

/// `GET /registers/{name}`: a register's summary and signed tree head.
pub async fn summary(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let name = name.strip_suffix(".json").unwrap_or(&name).to_string();
    let head = head_or_404(&state, &name).await?;
    let sth = sign(&state, &head).await?;
    let text = REGISTERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or("");
    Ok(open(
        Json(serde_json::json!({
            "register": name,
            "text": text,
            "total-entries": head.size,
            "last-updated": head.timestamp.map(rfc3339_seconds),
            "root-hash": format!("sha-256:{}", head.root.to_hex()),
            "signed-tree-head": sth,
            "links": {
                "records": format!("/registers/{name}/records"),
                "entries": format!("/registers/{name}/entries"),
                "download": format!("/registers/{name}/download"),
                "tree-head": format!("/registers/{name}/proof/tree-head"),
                "public-key": "/registers/public-key",
            }
        }))
        .into_response(),
    ))
}

/// Paging of entries.
#[derive(Debug, Default, Deserialize)]
pub struct EntriesParams {
    #[serde(default)]
    start: Option<String>,
}

fn number(raw: Option<&str>, field: &str, default: u64) -> Result<u64, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(default),
        Some(v) => v.parse::<u64>().map_err(|_| {
            AppError::BadRequest(format!("{field} must be a whole number, not '{v}'"))
        }),
    }
}

/// `GET /registers/{name}/entries` (`.json` or `.csv`): entries from `start` (default 1).
pub async fn entries(
    State(state): State<AppState>,
    Path((name, file)): Path<(String, String)>,
    Query(params): Query<EntriesParams>,
) -> Result<Response, ApiError> {
    let csv = match file.as_str() {
        "entries" | "entries.json" => false,
        "entries.csv" => true,
        _ => return Err(AppError::NotFound.into()),
    };
    let head = head_or_404(&state, &name).await?;
    let start = number(params.start.as_deref(), "start", 1)?.max(1);
    let end = (start + u64::try_from(PAGE).unwrap_or(100) - 1).min(head.size);
    let list = if start > head.size {
        Vec::new()
    } else {
        state.store.register_entries(&name, start, end).await?
    };
    if csv {
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
        w.write_record(["entry-number", "entry-timestamp", "key", "item-hash"])
            .map_err(err)?;
        for e in &list {
            let v = entry_view(e);
            w.write_record([v.number.as_str(), v.timestamp.as_str(), v.key, v.item_hash])
                .map_err(err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
        return Ok(open(
            ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response(),
        ));
    }
    let mut response = Json(list.iter().map(entry_view).collect::<Vec<_>>()).into_response();
    if end < head.size
        && let Ok(link) = format!(
            "</registers/{name}/entries?start={}>; rel=\"next\"",
            end + 1
        )
        .parse()
    {
        response.headers_mut().insert(header::LINK, link);
    }
    Ok(open(response))
}

/// `GET /registers/{name}/entries/{n}`: one entry (an array of one, as Registers served it).
pub async fn entry(
    State(state): State<AppState>,
    Path((name, n)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let n = number(
        Some(n.strip_suffix(".json").unwrap_or(&n)),
        "entry number",
        0,
    )?;
    let head = head_or_404(&state, &name).await?;
    if n == 0 || n > head.size {
        return Err(AppError::NotFound.into());
    }
    let list = state.store.register_entries(&name, n, n).await?;
    Ok(open(
        Json(list.iter().map(entry_view).collect::<Vec<_>>()).into_response(),
    ))
}

fn record_json(entry: &Entry, item: Option<&Item>) -> serde_json::Value {
    let mut value = serde_json::json!({
        "entry-number": entry.number.to_string(),
        "entry-timestamp": rfc3339_seconds(entry.timestamp),
        "key": entry.key,
        "item-hash": entry.item_hash,
    });
    match item {
        Some(item) => value["item"] = serde_json::to_value(item).unwrap_or_default(),
        None => value["redacted"] = serde_json::Value::Bool(true),
    }
    value
}

/// Paging of records.
#[derive(Debug, Default, Deserialize)]
pub struct RecordsParams {
    #[serde(default)]
    after: Option<String>,
}

/// `GET /registers/{name}/records` (`.json` or `.csv`): current records in key order.
pub async fn records(
    State(state): State<AppState>,
    Path((name, file)): Path<(String, String)>,
    Query(params): Query<RecordsParams>,
) -> Result<Response, ApiError> {
    let csv = match file.as_str() {
        "records" | "records.json" => false,
        "records.csv" => true,
        _ => return Err(AppError::NotFound.into()),
    };
    head_or_404(&state, &name).await?;
    let after = params.after.unwrap_or_default();
    let rows = state.store.register_records(&name, &after, PAGE).await?;
    if csv {
        let mut fields: Vec<String> = Vec::new();
        for (_, item) in &rows {
            for k in item.iter().flat_map(|i| i.0.keys()) {
                if !fields.contains(k) {
                    fields.push(k.clone());
                }
            }
        }
        fields.sort();
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
        let mut header_row = vec![
            "key".to_string(),
            "entry-number".into(),
            "entry-timestamp".into(),
            "item-hash".into(),
        ];
        header_row.extend(fields.iter().cloned());
        w.write_record(&header_row).map_err(err)?;
        for (entry, item) in &rows {
            let mut row = vec![
                entry.key.clone(),
                entry.number.to_string(),
                rfc3339_seconds(entry.timestamp),
                entry.item_hash.clone(),
            ];
            for f in &fields {
                row.push(match item.as_ref().and_then(|i| i.0.get(f)) {
                    Some(civic_domain::register::FieldValue::One(v)) => v.clone(),
                    Some(civic_domain::register::FieldValue::Many(v)) => v.join(";"),
                    None => String::new(),
                });
            }
            w.write_record(&row).map_err(err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
        return Ok(open(
            ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response(),
        ));
    }
    let list: Vec<serde_json::Value> = rows
        .iter()
        .map(|(e, i)| record_json(e, i.as_ref()))
        .collect();
    let mut response = Json(list).into_response();
    if i64::try_from(rows.len()).unwrap_or(0) == PAGE
        && let Some((last, _)) = rows.last()
        && let Ok(link) = format!(
            "</registers/{name}/records?after={}>; rel=\"next\"",
            crate::app::layout::encode_query_value(&last.key)
        )
        .parse()
    {
        response.headers_mut().insert(header::LINK, link);
    }
    Ok(open(response))
}

/// `GET /registers/{name}/records/{key}` (`.json`) and `…/{key}/entries`: a record and its history.
pub async fn record(
    State(state): State<AppState>,
    Path((name, key)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    head_or_404(&state, &name).await?;
    let key = key.strip_suffix(".json").unwrap_or(&key);
    let history = state.store.key_entries(&name, key).await?;
    let latest = history.last().ok_or(AppError::NotFound)?;
    let item = state
        .store
        .register_item(&latest.item_hash)
        .await?
        .flatten();
    let mut response = Json(record_json(latest, item.as_ref())).into_response();
    if let Ok(link) =
        format!("</registers/{name}/records/{key}/entries>; rel=\"version-history\"").parse()
    {
        response.headers_mut().insert(header::LINK, link);
    }
    Ok(open(response))
}

/// `GET /registers/{name}/records/{key}/entries`: every entry for one key.
pub async fn record_entries(
    State(state): State<AppState>,
    Path((name, key)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    head_or_404(&state, &name).await?;
    let history = state.store.key_entries(&name, &key).await?;
    if history.is_empty() {
        return Err(AppError::NotFound.into());
    }
    Ok(open(
        Json(history.iter().map(entry_view).collect::<Vec<_>>()).into_response(),
    ))
}

/// `GET /registers/{name}/items/{hash}`: an item's content; 410 once redacted.
pub async fn item(
    State(state): State<AppState>,
    Path((name, hash)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    head_or_404(&state, &name).await?;
    let hash = hash.strip_suffix(".json").unwrap_or(&hash);
    if !civic_domain::register::is_valid_item_hash(hash) {
        return Err(AppError::BadRequest(format!(
            "'{hash}' is not an item hash: expected sha-256: and 64 hex digits"
        ))
        .into());
    }
    match state.store.register_item(hash).await? {
        None => Err(AppError::NotFound.into()),
        Some(None) => Ok(open(
            (
                StatusCode::GONE,
                Json(serde_json::json!({"status": 410, "error": "redacted", "message": "This item was redacted. Its hash stays in the log, so the register can still be verified."})),
            )
                .into_response(),
        )),
        Some(Some(item)) => Ok(open(Json(item).into_response())),
    }
}

/// `GET /registers/{name}/proof/tree-head`: the current signed tree head.
pub async fn tree_head(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let head = head_or_404(&state, &name).await?;
    Ok(open(Json(sign(&state, &head).await?).into_response()))
}

/// Query of an inclusion proof.
#[derive(Debug, Default, Deserialize)]
pub struct InclusionParams {
    #[serde(default)]
    entry: Option<String>,
    #[serde(default)]
    hash: Option<String>,
    #[serde(default)]
    tree_size: Option<String>,
}

async fn prefetch(
    state: &AppState,
    name: &str,
    size: u64,
    nodes: Vec<civic_translog::NodeId>,
) -> Result<PrefetchedHashes, AppError> {
    let mut p = PrefetchedHashes::new(size);
    for (node, hash) in state.store.subtree_hashes(name, &nodes).await? {
        p.insert(node, hash);
    }
    Ok(p)
}

/// `GET /registers/{name}/proof/inclusion?entry=N&tree_size=S` (or `hash=` the entry's
/// hex leaf hash): the audit path of one entry in the tree of the first S entries.
pub async fn inclusion(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(params): Query<InclusionParams>,
) -> Result<Response, ApiError> {
    let head = head_or_404(&state, &name).await?;
    let size = number(params.tree_size.as_deref(), "tree_size", head.size)?;
    if size == 0 {
        return Err(AppError::BadRequest(
            "tree_size must be at least 1: an empty tree includes nothing".into(),
        )
        .into());
    }
    if size > head.size {
        return Err(AppError::BadRequest(format!(
            "tree_size {size} is beyond the register's {} entries",
            head.size
        ))
        .into());
    }
    let entry = match (params.entry.as_deref(), params.hash.as_deref()) {
        (Some(e), _) => number(Some(e), "entry", 0)?,
        (None, Some(h)) => {
            let leaf = Hash::from_hex(h.trim()).map_err(|e| {
                AppError::BadRequest(format!("hash is not a 64-digit hex SHA-256: {e}"))
            })?;
            find_leaf(&state, &name, head.size, &leaf)
                .await?
                .ok_or(AppError::NotFound)?
        }
        (None, None) => {
            return Err(AppError::BadRequest(
                "Give entry (a number) or hash (the entry's leaf hash)".into(),
            )
            .into());
        }
    };
    if entry == 0 || entry > size {
        return Err(AppError::BadRequest(format!(
            "entry {entry} is not in a tree of {size} entries (entries count from 1)"
        ))
        .into());
    }
    let nodes = civic_translog::inclusion_proof_nodes(entry - 1, size)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let p = prefetch(&state, &name, size, nodes).await?;
    let proof = civic_translog::inclusion_proof(&p, entry - 1, size)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(open(
        Json(serde_json::json!({
            "entry-number": entry,
            "leaf_index": entry - 1,
            "tree_size": size,
            "audit_path": proof.path.iter().map(|h| B64.encode(h.as_bytes())).collect::<Vec<_>>(),
        }))
        .into_response(),
    ))
}

async fn find_leaf(
    state: &AppState,
    name: &str,
    size: u64,
    leaf: &Hash,
) -> Result<Option<u64>, AppError> {
    // Entries are few enough per page to scan in pages; registers keep no leaf-hash index.
    let mut start = 1;
    while start <= size {
        let end = (start + 999).min(size);
        for e in state.store.register_entries(name, start, end).await? {
            if civic_translog::leaf_hash(&e.leaf_bytes()) == *leaf {
                return Ok(Some(e.number));
            }
        }
        start = end + 1;
    }
    Ok(None)
}

/// Query of a consistency proof.
#[derive(Debug, Default, Deserialize)]
pub struct ConsistencyParams {
    #[serde(default)]
    first: Option<String>,
    #[serde(default)]
    second: Option<String>,
}

/// `GET /registers/{name}/proof/consistency?first=M&second=N`.
pub async fn consistency(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(params): Query<ConsistencyParams>,
) -> Result<Response, ApiError> {
    let head = head_or_404(&state, &name).await?;
    let first = number(params.first.as_deref(), "first", 0)?;
    let second = number(params.second.as_deref(), "second", head.size)?;
    if first == 0 {
        return Err(AppError::BadRequest(
            "first must be at least 1: every tree is consistent with the empty one".into(),
        )
        .into());
    }
    if first > second {
        return Err(AppError::BadRequest(format!(
            "first ({first}) is larger than second ({second})"
        ))
        .into());
    }
    if second > head.size {
        return Err(AppError::BadRequest(format!(
            "second {second} is beyond the register's {} entries",
            head.size
        ))
        .into());
    }
    let nodes = civic_translog::consistency_proof_nodes(first, second)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let p = prefetch(&state, &name, second, nodes).await?;
    let proof = civic_translog::consistency_proof(&p, first, second)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(open(
        Json(serde_json::json!({
            "first": first,
            "second": second,
            "consistency": proof.path.iter().map(|h| B64.encode(h.as_bytes())).collect::<Vec<_>>(),
        }))
        .into_response(),
    ))
}

/// Entries per page of a download, and how often it asserts the root: a multiple of 1,024,
/// so every root it asserts is made of subtrees the register stores.
const DOWNLOAD_PAGE: u64 = 4096;

/// `GET /registers/{name}/download`: the whole register in Register Serialisation Format,
/// streamed: `add-item` and `append-entry` lines in order (`redacted-item` where an item was
/// redacted), `assert-root-hash` after every 4,096 entries and after the last (so a damaged
/// copy shows within which 4,096 entries it goes wrong), then `assert-signed-tree-head` with
/// the signed head the file was cut at. Roots are read from the stored subtree hashes, not
/// recomputed, so the file is sent as fast as its entries can be read.
pub async fn download(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let head = head_or_404(&state, &name).await?;
    let sth = sign(&state, &head).await?;
    let state = Arc::new(state);
    let stream = futures_util::stream::unfold(
        (state, name.clone(), 1u64, head, sth, false),
        |(state, name, next, head, sth, done)| async move {
            if done {
                return None;
            }
            if next > head.size {
                let out = format!(
                    "assert-signed-tree-head\t{}\n",
                    serde_json::to_string(&sth).unwrap_or_default()
                );
                return Some((
                    Ok::<_, std::io::Error>(axum::body::Bytes::from(out)),
                    (state, name, next, head, sth, true),
                ));
            }
            let end = (next + DOWNLOAD_PAGE - 1).min(head.size);
            match download_page(&state, &name, next, end).await {
                Ok(out) => Some((
                    Ok(axum::body::Bytes::from(out)),
                    (state, name, end + 1, head, sth, false),
                )),
                Err(e) => Some((
                    Err(std::io::Error::other(e.to_string())),
                    (state, name, next, head, sth, true),
                )),
            }
        },
    );
    Ok(open(
        (
            [
                (
                    header::CONTENT_TYPE,
                    "application/uk-gov-rsf; charset=utf-8".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"register.rsf\"".to_string(),
                ),
            ],
            axum::body::Body::from_stream(stream),
        )
            .into_response(),
    ))
}

/// Entries `from..=to` as RSF lines, then the root after `to`.
async fn download_page(
    state: &AppState,
    name: &str,
    from: u64,
    to: u64,
) -> Result<String, AppError> {
    use std::fmt::Write as _;
    let page = state.store.register_log(name, from, to).await?;
    let mut out = String::with_capacity(page.len() * 320);
    for (e, content) in &page {
        match content {
            Some(json) => {
                out.push_str("add-item\t");
                out.push_str(json);
                out.push('\n');
            }
            None => {
                let _ = writeln!(out, "redacted-item\t{}", e.item_hash);
            }
        }
        let _ = writeln!(
            out,
            "append-entry\tuser\t{}\t{}\t{}",
            e.key,
            rfc3339_seconds(e.timestamp),
            e.item_hash
        );
    }
    let stored = prefetch(state, name, to, civic_translog::root_nodes(to)).await?;
    let root =
        civic_translog::root_at(&stored, to).map_err(|e| AppError::Internal(e.to_string()))?;
    let _ = writeln!(out, "assert-root-hash\tsha-256:{}", root.to_hex());
    Ok(out)
}

/// `GET /registers/{name}/{file}`: entries, records (each `.json` or `.csv`) or the download.
pub async fn file(
    state: State<AppState>,
    Path((name, file)): Path<(String, String)>,
    entries_q: Query<EntriesParams>,
    records_q: Query<RecordsParams>,
) -> Result<Response, ApiError> {
    if file == "download" {
        download(state, Path(name)).await
    } else if file.starts_with("entries") {
        entries(state, Path((name, file)), entries_q).await
    } else if file.starts_with("records") {
        records(state, Path((name, file)), records_q).await
    } else {
        Err(AppError::NotFound.into())
    }
}

/// Describes every register in the register of registers; appends only what changed.
pub async fn ensure_registers(
    store: &dyn civic_storage::Store,
) -> Result<(), civic_storage::StorageError> {
    let entries: Vec<civic_storage::NewEntry> = REGISTERS
        .iter()
        .map(|(name, text)| civic_storage::NewEntry {
            key: (*name).to_string(),
            item: Item::from_pairs([
                ("register", (*name).to_string()),
                ("text", (*text).to_string()),
                (
                    "custodian",
                    "The administrators of this Civic deployment".to_string(),
                ),
            ]),
        })
        .collect();
    store.append_entries("registers", &entries).await?;
    Ok(())
}
