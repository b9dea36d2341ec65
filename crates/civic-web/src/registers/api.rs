//! Registers over HTTP: summaries, records, entries, items, the RSF download and
//! RFC 6962 proofs, with tree heads signed by the deployment's Ed25519 key.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::negotiate::open_data as open;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use civic_domain::register::rfc3339_seconds;
use civic_domain::register::schema::{
    REGISTER_OF_REGISTERS, REGISTERS, RegisterSpec, register_spec,
};
use civic_domain::register::tree_head_signing_input;
use civic_storage::RegisterHead;
use civic_translog::Hash;
use civic_translog::PrefetchedHashes;
use ed25519_dalek::Signer;
use ed25519_dalek::SigningKey;
use serde::Deserialize;
use serde::Serialize;
use tokio::sync::OnceCell;

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

/// The register of this name, `register` being the register of registers; 404 otherwise.
pub(crate) fn spec_of(name: &str) -> Result<&'static RegisterSpec, AppError> {
    register_spec(name).ok_or(AppError::NotFound)
}

/// A register's head; 404 for no such register, or one with no entries yet.
pub(crate) async fn head_or_404(state: &AppState, name: &str) -> Result<RegisterHead, AppError> {
    let spec = spec_of(name)?;
    state
        .store
        .register_head(spec.name)
        .await?
        .ok_or(AppError::NotFound)
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

/// Every register with its number of entries.
async fn sizes(state: &AppState) -> Result<Vec<(&'static RegisterSpec, u64)>, AppError> {
    let mut out = Vec::with_capacity(REGISTERS.len());
    for spec in &REGISTERS {
        out.push((spec, state.store.register_size(spec.name).await?));
    }
    Ok(out)
}

/// The message id of what a register holds, for its line on the registers page (its
/// `text` field stays in English in the registers themselves).
fn text_id(name: &str) -> Option<&'static str> {
    Some(match name {
        "addresses" => "registers-text-addresses",
        "organisations" => "registers-text-organisations",
        "services" => "registers-text-services",
        "registers" => "registers-text-registers",
        "field" => "registers-text-field",
        "datatype" => "registers-text-datatype",
        _ => return None,
    })
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
    let registers = sizes(&state)
        .await?
        .into_iter()
        .map(|(spec, size)| {
            let text = match text_id(spec.name) {
                Some(id) => ctx.t(id),
                None => spec.text.to_string(),
            };
            (spec.name.to_string(), text, size)
        })
        .collect();
    crate::app::layout::render(
        StatusCode::OK,
        &IndexPage {
            layout: ctx.layout_t("registers-title"),
            base: state.config.base_url.trim_end_matches('/').to_string(),
            registers,
        },
    )
}

/// `GET /registers.json`: the registers on this deployment.
pub async fn index(State(state): State<AppState>) -> Result<Response, ApiError> {
    let registers: Vec<serde_json::Value> = sizes(&state)
        .await?
        .into_iter()
        .map(|(spec, size)| {
            serde_json::json!({
                "register": spec.name,
                "text": spec.text,
                "total-entries": size,
                "url": format!("/registers/{}", spec.name),
            })
        })
        .collect();
    Ok(open(
        Json(serde_json::json!({ "registers": registers })).into_response(),
    ))
}

/// `GET /registers/{name}`: a register's summary and signed tree head.
pub async fn summary(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let spec = spec_of(name.strip_suffix(".json").unwrap_or(&name))?;
    let name = spec.name;
    let head = head_or_404(&state, name).await?;
    let sth = sign(&state, &head).await?;
    let text = spec.text;
    Ok(open(
        Json(serde_json::json!({
            "register": name,
            "text": text,
            "total-entries": head.size,
            "last-updated": head.timestamp.map(rfc3339_seconds),
            "root-hash": format!("sha-256:{}", head.root.to_hex()),
            "signed-tree-head": sth,
            "links": {
                "register": format!("/registers/{name}/register"),
                "records": format!("/registers/{name}/records"),
                "entries": format!("/registers/{name}/entries"),
                "download": format!("/registers/{name}/download"),
                "download-rsf": format!("/registers/{name}/download-rsf"),
                "tree-head": format!("/registers/{name}/proof/tree-head"),
                "public-key": "/registers/public-key",
            }
        }))
        .into_response(),
    ))
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

pub(crate) async fn prefetch(
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

/// A whole number a client gave (in a path or a query), `default` when it gave none.
pub(crate) fn whole_number(raw: Option<&str>, what: &str, default: u64) -> Result<u64, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(default),
        Some(v) => v
            .parse::<u64>()
            .map_err(|_| AppError::BadRequest(format!("{what} must be a whole number, not '{v}'"))),
    }
}

/// The audit path of entry `entry` (from 1) in the tree of the first `size` entries, from
/// the stored subtree hashes.
pub(crate) async fn audit_path(
    state: &AppState,
    register: &str,
    entry: u64,
    size: u64,
) -> Result<Vec<Hash>, AppError> {
    let nodes = civic_translog::inclusion_proof_nodes(entry - 1, size)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let p = prefetch(state, register, size, nodes).await?;
    let proof = civic_translog::inclusion_proof(&p, entry - 1, size)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(proof.path)
}

/// The consistency proof between the trees of the first `first` and `second` entries.
pub(crate) async fn consistency_path(
    state: &AppState,
    register: &str,
    first: u64,
    second: u64,
) -> Result<Vec<Hash>, AppError> {
    let nodes = civic_translog::consistency_proof_nodes(first, second)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let p = prefetch(state, register, second, nodes).await?;
    let proof = civic_translog::consistency_proof(&p, first, second)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(proof.path)
}

/// `GET /registers/{name}/proof/inclusion?entry=N&tree_size=S` (or `hash=` the entry's
/// hex leaf hash): the audit path of one entry in the tree of the first S entries.
pub async fn inclusion(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(params): Query<InclusionParams>,
) -> Result<Response, ApiError> {
    let head = head_or_404(&state, &name).await?;
    let size = whole_number(params.tree_size.as_deref(), "tree_size", head.size)?;
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
        (Some(e), _) => whole_number(Some(e), "entry", 0)?,
        (None, Some(h)) => {
            let leaf = Hash::from_hex(h.trim()).map_err(|e| {
                AppError::BadRequest(format!("hash is not a 64-digit hex SHA-256: {e}"))
            })?;
            find_leaf(&state, &head.register, head.size, &leaf)
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
    let path = audit_path(&state, &head.register, entry, size).await?;
    Ok(open(
        Json(serde_json::json!({
            "entry-number": entry,
            "leaf_index": entry - 1,
            "tree_size": size,
            "audit_path": path.iter().map(|h| B64.encode(h.as_bytes())).collect::<Vec<_>>(),
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
    let first = whole_number(params.first.as_deref(), "first", 0)?;
    let second = whole_number(params.second.as_deref(), "second", head.size)?;
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
    let path = consistency_path(&state, &head.register, first, second).await?;
    Ok(open(
        Json(serde_json::json!({
            "first": first,
            "second": second,
            "consistency": path.iter().map(|h| B64.encode(h.as_bytes())).collect::<Vec<_>>(),
        }))
        .into_response(),
    ))
}

/// `GET /registers/{name}/{file}`: the GOV.UK Registers resources named by one segment
/// (`register`, `records`, `entries`, each `.json` or `.csv`) and the downloads.
pub async fn file(
    State(state): State<AppState>,
    Path((name, file)): Path<(String, String)>,
    Query(records_page): Query<super::v1::RecordsPage>,
    Query(entries_page): Query<super::v1::EntriesPage>,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    let stem = file
        .strip_suffix(".json")
        .or_else(|| file.strip_suffix(".csv"))
        .unwrap_or(&file);
    Ok(match stem {
        "download" => super::rsf::download(&state, &name).await?,
        "download-rsf" => super::rsf::download_rsf(&state, &name, None, None).await?,
        "register" => super::v1::summary(&state, &name, &headers, &file).await?,
        "records" => super::v1::records(&state, &name, &headers, &file, &records_page).await?,
        "entries" => super::v1::entries(&state, &name, &headers, &file, &entries_page).await?,
        _ => return Err(AppError::NotFound.into()),
    })
}

/// Describes every register, field and datatype in the register of registers and the
/// `field` and `datatype` registers; appends only what changed.
pub async fn ensure_registers(
    store: &dyn civic_storage::Store,
    operator: &str,
) -> Result<(), civic_storage::StorageError> {
    use civic_domain::register::schema::{
        DATATYPES, FIELDS, datatype_item, field_item, register_item,
    };
    use civic_storage::NewEntry;
    let registers: Vec<NewEntry> = REGISTERS
        .iter()
        .map(|spec| NewEntry {
            key: spec.name.to_string(),
            item: register_item(spec, operator),
        })
        .collect();
    store
        .append_entries(REGISTER_OF_REGISTERS, &registers)
        .await?;
    let fields: Vec<NewEntry> = FIELDS
        .iter()
        .map(|f| NewEntry {
            key: f.field.to_string(),
            item: field_item(f),
        })
        .collect();
    store.append_entries("field", &fields).await?;
    let datatypes: Vec<NewEntry> = DATATYPES
        .iter()
        .map(|(d, text)| NewEntry {
            key: (*d).to_string(),
            item: datatype_item(d, text),
        })
        .collect();
    store.append_entries("datatype", &datatypes).await?;
    Ok(())
}
