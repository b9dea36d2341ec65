//! Registers as Register Serialisation Format, streamed a page of entries at a time: Civic's
//! `download` (ending with the signed tree head it was cut at) and GOV.UK's `download-rsf`,
//! whole or from one size of the log to another for incremental copies. Roots are read from
//! the stored subtree hashes, not recomputed, so a file is sent as fast as its entries can
//! be read.

use super::api::{head_or_404, prefetch, sign, spec_of, whole_number};
use crate::AppError;
use crate::AppState;
use crate::app::negotiate::open_data as open;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::register::rfc3339_seconds;
use civic_domain::register::schema::{RegisterSpec, field_item, field_spec, register_item};
use civic_translog::Hash;
use std::fmt::Write as _;
use std::sync::Arc;

/// Entries per page of a download, and how often it asserts the root: a copy that goes
/// wrong shows within which 4,096 entries.
const PAGE: u64 = 4096;

/// Pages read ahead of the one being sent: each is read on a connection of its own, so the
/// database reads the next pages while the server sends this one (PostgreSQL on another
/// core; on SQLite another reader).
const PAGES_AHEAD: usize = 4;

/// What one RSF stream holds.
struct Cut {
    register: &'static str,
    /// The lines that open the stream.
    head: Option<String>,
    /// Entries the reader already has (0 for a whole copy).
    from: u64,
    /// The last entry to send.
    to: u64,
    /// The line that ends the stream.
    tail: Option<String>,
}

/// The `(first, last)` entries of each page from `from` to `to`: pages end on multiples
/// of [`PAGE`], so the roots a copy asserts are the same whatever size it started from.
fn pages(from: u64, to: u64) -> impl Iterator<Item = (u64, u64)> {
    let mut next = from;
    std::iter::from_fn(move || {
        if next >= to {
            return None;
        }
        let end = (next / PAGE + 1).saturating_mul(PAGE).min(to);
        let range = (next + 1, end);
        next = end;
        Some(range)
    })
}

async fn root(state: &AppState, register: &str, size: u64) -> Result<Hash, AppError> {
    let stored = prefetch(state, register, size, civic_translog::root_nodes(size)).await?;
    civic_translog::root_at(&stored, size).map_err(|e| AppError::Internal(e.to_string()))
}

/// Entries `from..=to` as RSF lines, then the root after `to`.
async fn page(state: &AppState, register: &str, from: u64, to: u64) -> Result<String, AppError> {
    let mut out = state.store.register_rsf(register, from, to).await?;
    let _ = writeln!(
        out,
        "assert-root-hash\tsha-256:{}",
        root(state, register, to).await?.to_hex()
    );
    Ok(out)
}

/// The register's description as GOV.UK's files carried it: `system` entries for its name,
/// custodian, register record and fields, which are not part of the Merkle log.
async fn system_lines(state: &AppState, spec: &'static RegisterSpec) -> Result<String, AppError> {
    let at = state
        .store
        .register_record(
            civic_domain::register::schema::REGISTER_OF_REGISTERS,
            spec.name,
        )
        .await?
        .map(|(e, _)| rfc3339_seconds(e.timestamp))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let operator = &state.config.operator;
    let mut items = vec![
        (
            "name".to_string(),
            civic_domain::register::Item::from_pairs([("name", spec.name.to_string())]),
        ),
        (
            "custodian".to_string(),
            civic_domain::register::Item::from_pairs([("custodian", operator.clone())]),
        ),
        (
            format!("register:{}", spec.name),
            register_item(spec, operator),
        ),
    ];
    for f in spec.fields {
        if let Some(field) = field_spec(f) {
            items.push((format!("field:{f}"), field_item(field)));
        }
    }
    let mut out = String::new();
    for (_, item) in &items {
        let _ = writeln!(out, "add-item\t{}", item.canonical_json());
    }
    for (key, item) in &items {
        let _ = writeln!(out, "append-entry\tsystem\t{key}\t{at}\t{}", item.hash());
    }
    Ok(out)
}

fn stream(state: AppState, cut: Cut) -> Response {
    use futures_util::StreamExt;
    let state = Arc::new(state);
    let register = cut.register;
    let entries = futures_util::stream::iter(pages(cut.from, cut.to))
        .map(move |(first, last)| {
            let state = state.clone();
            async move { page(&state, register, first, last).await }
        })
        .buffered(PAGES_AHEAD)
        // Nothing after a failed page: the reader sees a cut-off file, never a gap.
        .scan(false, |failed, page| {
            let next = (!*failed).then(|| {
                *failed = page.is_err();
                page.map(axum::body::Bytes::from)
                    .map_err(|e| std::io::Error::other(e.to_string()))
            });
            std::future::ready(next)
        });
    let lines = |text: Option<String>| {
        futures_util::stream::iter(text.map(|t| Ok(axum::body::Bytes::from(t))))
    };
    let body = lines(cut.head).chain(entries).chain(lines(cut.tail));
    open(
        (
            [
                (
                    header::CONTENT_TYPE,
                    "application/uk-gov-rsf; charset=utf-8",
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"register.rsf\"",
                ),
            ],
            axum::body::Body::from_stream(body),
        )
            .into_response(),
    )
}

/// `GET /registers/{name}/download`: the whole register, `add-item` and `append-entry` lines
/// in order (`redacted-item` where an item was redacted), `assert-root-hash` after every
/// 4,096 entries and after the last, then `assert-signed-tree-head` with the signed head
/// the file was cut at.
pub async fn download(state: &AppState, name: &str) -> Result<Response, AppError> {
    let head = head_or_404(state, name).await?;
    let sth = sign(state, &head).await?;
    let tail = format!(
        "assert-signed-tree-head\t{}\n",
        serde_json::to_string(&sth).map_err(|e| AppError::Internal(e.to_string()))?
    );
    Ok(stream(
        state.clone(),
        Cut {
            register: spec_of(name)?.name,
            head: None,
            from: 0,
            to: head.size,
            tail: Some(tail),
        },
    ))
}

/// `GET /registers/{name}/download-rsf[/{from}[/{to}]]`: GOV.UK's RSF, taking a copy of
/// `from` entries (default 0) to `to` (default all): the root the copy should have, the
/// register's `system` description when the copy is empty, the entries, and the roots.
pub async fn download_rsf(
    state: &AppState,
    name: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Response, AppError> {
    let spec = spec_of(name)?;
    let size = state.store.register_size(spec.name).await?;
    let from = whole_number(from, "the start (entries already held)", 0)?;
    let to = whole_number(to, "the end (total entries wanted)", size)?;
    if from > to {
        return Err(AppError::BadRequest(format!(
            "the start ({from}) must not be larger than the end ({to})"
        )));
    }
    if to > size {
        return Err(AppError::BadRequest(format!(
            "the register has {size} entries, fewer than {to}"
        )));
    }
    let mut head_lines = format!(
        "assert-root-hash\tsha-256:{}\n",
        if from == 0 {
            civic_translog::EMPTY_ROOT
        } else {
            root(state, spec.name, from).await?
        }
        .to_hex()
    );
    if from == 0 {
        head_lines.push_str(&system_lines(state, spec).await?);
    }
    Ok(stream(
        state.clone(),
        Cut {
            register: spec.name,
            head: Some(head_lines),
            from,
            to,
            tail: None,
        },
    ))
}

/// `GET /registers/{name}/download-rsf/{from}`: from `from` entries to the latest.
pub async fn download_rsf_from(
    axum::extract::State(state): axum::extract::State<AppState>,
    crate::app::extract::Path((name, from)): crate::app::extract::Path<(String, String)>,
) -> Result<Response, crate::ApiError> {
    Ok(download_rsf(&state, &name, Some(&from), None).await?)
}

/// `GET /registers/{name}/download-rsf/{from}/{to}`: from `from` entries to `to`.
pub async fn download_rsf_between(
    axum::extract::State(state): axum::extract::State<AppState>,
    crate::app::extract::Path((name, from, to)): crate::app::extract::Path<(
        String,
        String,
        String,
    )>,
) -> Result<Response, crate::ApiError> {
    Ok(download_rsf(&state, &name, Some(&from), Some(&to)).await?)
}
