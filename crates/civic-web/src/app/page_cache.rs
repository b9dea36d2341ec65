//! Pages shown to everyone, kept in memory under the versions of the data they show.
//!
//! A hub's busiest pages (the catalogue's first page, national dashboards, a body's register)
//! are the same for every anonymous visitor, and rebuilding them costs tens of milliseconds.
//! A feature wraps such a route in [`cached`], naming the [`DataTopic`]s the page reads; each
//! request then reads the topics' counters (one small query) and is answered from memory when
//! they have not moved since the page was made. The database moves a counter in the same
//! transaction as the change, so a page is never served after a change it shows, whichever
//! process made it. Signed-in people, pages carrying a visitor's form token, and anything not
//! a whole `200` are never kept. The cache holds at most [`PageCache::new`]'s byte budget,
//! dropping the least recently used pages first.

use crate::app::http_cache;
use axum::body::{Body, Bytes, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use civic_storage::{DataTopic, Store};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use time::{Date, OffsetDateTime};
use tokio::sync::{OwnedRwLockWriteGuard, OwnedSemaphorePermit, RwLock, Semaphore};

/// One kept page.
struct Page {
    versions: Vec<i64>,
    day: Date,
    headers: HeaderMap,
    body: Bytes,
    last_used: u64,
}

impl Page {
    fn size(&self, key: &str) -> usize {
        key.len() + self.body.len() + 256
    }
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<String, Page>,
    bytes: usize,
    clock: u64,
}

/// The memory cache of public pages.
pub struct PageCache {
    budget: usize,
    versions: VersionReads,
    pages: Mutex<Pages>,
    /// Pages being made now: the first request to miss makes the page, and the others
    /// asking for it meanwhile wait for that one rather than all making it at once.
    making: Mutex<HashMap<String, Arc<RwLock<()>>>>,
    /// Pages that may be finishing for the cache after the request that started them went
    /// away: a bound, so clients that leave cannot start unbounded work.
    finishing: Arc<Semaphore>,
}

/// Pages made at once that finish even if their request goes away.
const DETACHED_MAKERS: usize = 8;

/// Marks a page as being made until dropped (even when the request is cancelled), then
/// wakes whoever waited for it.
struct Making {
    cache: Arc<PageCache>,
    key: String,
    _held: OwnedRwLockWriteGuard<()>,
}

impl Drop for Making {
    fn drop(&mut self) {
        // The write guard is released after this, waking the waiters.
        if let Ok(mut making) = self.cache.making.lock() {
            making.remove(&self.key);
        }
    }
}

impl PageCache {
    /// A cache holding at most `budget` bytes of pages (0 turns it off).
    pub fn new(budget: usize) -> PageCache {
        PageCache {
            budget,
            pages: Mutex::new(Pages::default()),
            making: Mutex::new(HashMap::new()),
            versions: VersionReads::default(),
            finishing: Arc::new(Semaphore::new(DETACHED_MAKERS)),
        }
    }

    /// Either the caller is to make the page (and holds the mark until it is kept), or
    /// someone else is already making it and the caller waited for them.
    async fn make_or_wait(self: &Arc<Self>, key: &str) -> Option<Making> {
        let waiting = {
            let Ok(mut making) = self.making.lock() else {
                return None;
            };
            match making.get(key) {
                Some(done) => done.clone(),
                None => {
                    // Write-locked before anyone can see it, so a waiter's read waits
                    // until the maker is done.
                    let done = Arc::new(RwLock::new(()));
                    let held = done.clone().try_write_owned().ok()?;
                    making.insert(key.to_string(), done);
                    return Some(Making {
                        cache: self.clone(),
                        key: key.to_string(),
                        _held: held,
                    });
                }
            }
        };
        // However long the maker takes: when waiters gave up after a few seconds, a page
        // that took longer (a national dashboard over ten million events) was made by every
        // waiter at once, and none finished. A maker finishes even if its own client goes
        // away (see `serve`), or, past the bound on that, is dropped and releases the mark.
        drop(waiting.read().await);
        None
    }

    fn lookup(&self, key: &str, versions: &[i64], day: Date) -> Option<Response> {
        let mut pages = self.pages.lock().ok()?;
        pages.clock += 1;
        let now = pages.clock;
        let page = pages.by_key.get_mut(key)?;
        if page.versions != versions || page.day != day {
            return None;
        }
        page.last_used = now;
        let mut response = Response::new(Body::from(page.body.clone()));
        *response.headers_mut() = page.headers.clone();
        Some(response)
    }

    fn keep(&self, key: String, mut page: Page) {
        let size = page.size(&key);
        // One page may take at most an eighth of the budget, so a few huge pages cannot
        // push out all the others.
        if size > self.budget / 8 {
            return;
        }
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        if let Some(old) = pages.by_key.remove(&key) {
            pages.bytes -= old.size(&key);
        }
        page.last_used = pages.clock;
        pages.bytes += size;
        pages.by_key.insert(key, page);
        metrics::gauge!("civic_page_cache_bytes").set(pages.bytes as f64);
        if pages.bytes > self.budget {
            // Drop the least recently used quarter at once, so eviction is rare however
            // many pages are kept.
            let mut ages: Vec<(u64, String)> = pages
                .by_key
                .iter()
                .map(|(k, p)| (p.last_used, k.clone()))
                .collect();
            ages.sort_unstable();
            let target = self.budget / 4 * 3;
            for (_, key) in ages {
                if pages.bytes <= target {
                    break;
                }
                if let Some(old) = pages.by_key.remove(&key) {
                    pages.bytes -= old.size(&key);
                }
            }
        }
    }
}

/// Reads of the data versions shared between requests: under load, one read answers every
/// request that arrived before it started (so it saw every change they could expect),
/// rather than each request asking the database itself.
#[derive(Default)]
struct VersionReads {
    /// How many reads have started.
    started: AtomicU64,
    /// One read at a time; the last one's number and what it read.
    last: tokio::sync::Mutex<(u64, Vec<i64>)>,
}

impl VersionReads {
    async fn read(&self, store: &dyn Store) -> civic_storage::StorageResult<Vec<i64>> {
        let arrived_after = self.started.load(Ordering::SeqCst);
        let mut last = self.last.lock().await;
        if last.0 > arrived_after {
            // This read started after the request arrived.
            return Ok(last.1.clone());
        }
        let number = self.started.fetch_add(1, Ordering::SeqCst) + 1;
        let versions = store.data_versions(&DataTopic::ALL).await?;
        *last = (number, versions.clone());
        Ok(versions)
    }
}

/// The versions of `topics` out of a read of them all.
fn versions_of(all: &[i64], topics: &[DataTopic]) -> Vec<i64> {
    topics
        .iter()
        .filter_map(|t| DataTopic::ALL.iter().position(|a| a == t))
        .filter_map(|i| all.get(i).copied())
        .collect()
}

/// What the cache middleware needs, put in every request's extensions by the router.
#[derive(Clone)]
pub struct PageCacheHandle {
    /// The cache.
    pub cache: Arc<PageCache>,
    /// Where the data versions are read.
    pub store: Arc<dyn Store>,
}

/// The topics a route's page shows.
#[derive(Clone, Copy)]
struct Topics(&'static [DataTopic]);

/// Serves `route` from the page cache, kept under the versions of `topics` (every kind of
/// data the page shows: a page that shows a body's name reads [`DataTopic::Bodies`] too).
pub fn cached<S>(topics: &'static [DataTopic], route: MethodRouter<S>) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    route.layer(axum::middleware::from_fn_with_state(Topics(topics), serve))
}

async fn serve(State(Topics(topics)): State<Topics>, req: Request, next: Next) -> Response {
    let handle = req.extensions().get::<PageCacheHandle>().cloned();
    let Some(handle) = handle.filter(|h| h.cache.budget > 0) else {
        return next.run(req).await;
    };
    let signed_in =
        crate::app::csrf::cookie_value(req.headers(), crate::app::auth::SESSION_COOKIE).is_some();
    if req.method() != Method::GET || signed_in {
        return next.run(req).await;
    }
    let versions = match handle.cache.versions.read(handle.store.as_ref()).await {
        Ok(all) => versions_of(&all, topics),
        Err(e) => {
            tracing::warn!(error = %e, "data versions unreadable; page not cached");
            return next.run(req).await;
        }
    };
    // Pages count days back from today (the last twelve months), so a page is made again
    // each day even when no data changed.
    let day = OffsetDateTime::now_utc().date();
    let key = key_of(&req);
    if let Some(page) = handle.cache.lookup(&key, &versions, day) {
        metrics::counter!("civic_page_cache_hits_total").increment(1);
        return page;
    }
    let making = handle.cache.make_or_wait(&key).await;
    if making.is_none()
        && let Some(page) = handle.cache.lookup(&key, &versions, day)
    {
        metrics::counter!("civic_page_cache_hits_total").increment(1);
        return page;
    }
    metrics::counter!("civic_page_cache_misses_total").increment(1);
    let finishing = making
        .as_ref()
        .and_then(|_| handle.cache.finishing.clone().try_acquire_owned().ok());
    match (making, finishing) {
        (Some(making), Some(permit)) => {
            // Made in a task of its own, so a page that takes a while (a national dashboard
            // after new events) is kept for those waiting even if its own client leaves.
            let slot = Slot { key, versions, day };
            let made = tokio::spawn(crate::app::i18n::scope(
                crate::app::i18n::current(),
                make(handle, slot, req, next, making, permit),
            ));
            made.await
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        (making, _) => {
            let response = next.run(req).await;
            let response = keep_made(&handle, Slot { key, versions, day }, response).await;
            drop(making);
            response
        }
    }
}

/// Where a page made now is kept: its key, and the data versions and day it was made at.
struct Slot {
    key: String,
    versions: Vec<i64>,
    day: Date,
}

/// Makes a page while holding its mark (and a permit to outlive its request), and keeps it.
async fn make(
    handle: PageCacheHandle,
    slot: Slot,
    req: Request,
    next: Next,
    making: Making,
    permit: OwnedSemaphorePermit,
) -> Response {
    let response = next.run(req).await;
    let response = keep_made(&handle, slot, response).await;
    drop((making, permit));
    response
}

/// Keeps a freshly made page if it may be kept, and returns it tagged.
async fn keep_made(handle: &PageCacheHandle, slot: Slot, response: Response) -> Response {
    if response.status() != StatusCode::OK
        || response.headers().contains_key(header::SET_COOKIE)
        || response.headers().contains_key(header::CACHE_CONTROL)
        || response
            .body()
            .size_hint()
            .exact()
            .is_none_or(|n| n as usize > handle.cache.budget / 8)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, handle.cache.budget / 8).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if http_cache::is_html(&parts.headers) && http_cache::holds_form_token(&bytes) {
        return Response::from_parts(parts, Body::from(bytes));
    }
    // Tagged once here, so a page served from memory is not hashed again on every request.
    let tag = http_cache::entity_tag(&bytes, &parts.headers);
    if let Ok(value) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, value);
    }
    handle.cache.keep(
        slot.key,
        Page {
            versions: slot.versions,
            day: slot.day,
            headers: parts.headers.clone(),
            body: bytes.clone(),
            last_used: 0,
        },
    );
    Response::from_parts(parts, Body::from(bytes))
}

/// The address and the `Accept` header: routes answer HTML or data by either.
fn key_of(req: &Request) -> String {
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    // The same path is a different page in each language (Welsh ones arrive with `/cy`
    // already taken off).
    let lang = req
        .extensions()
        .get::<crate::app::i18n::PageAddress>()
        .map(|a| a.lang)
        .unwrap_or_default();
    let mut key = String::from(lang.prefix());
    // Open311's service lists (alone) answer in the language `Accept-Language` prefers;
    // keying every page on it would keep each page twice.
    if req.uri().path().contains("/open311/") {
        let asked = crate::app::i18n::Lang::from_accept_language(
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        );
        key.push_str(asked.code());
    }
    key.push_str(&req.uri().to_string());
    key.push('\n');
    key.push_str(&String::from_utf8_lossy(accept));
    key
}
