//! Reading a feed from its address as a service finder would: a page of services is
//! followed to its last page, and each service listed without its details (the profile's
//! `/services` lists only the one-to-one fields) is read in full from `/services/{id}`.

use serde_json::Value;
use std::future::Future;

/// Most pages followed.
pub const MAX_PAGES: i64 = 200;
/// Most services read in full, one request each.
pub const MAX_SERVICES: usize = 20_000;
/// Most bytes read in all, pages and services together.
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

/// Why a feed could not be walked: the fetch's own error, or too much of it.
#[derive(Debug)]
pub enum WalkError<E> {
    /// A page or a service could not be fetched.
    Fetch(E),
    /// The feed lists more than [`MAX_SERVICES`] services, or is larger than
    /// [`MAX_BYTES`] in all.
    TooMany,
}

/// The address of page `n` of the list at `address`: its `page` parameter set, the rest kept.
fn page_address(address: &reqwest::Url, n: i64) -> reqwest::Url {
    let mut next = address.clone();
    let kept: Vec<(String, String)> = address
        .query_pairs()
        .filter(|(k, _)| k != "page")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    next.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair("page", &n.to_string());
    next
}

/// True when a listed service carries none of the details a full one nests.
fn is_summary(service: &Value) -> bool {
    ["phones", "service_at_locations", "attributes", "contacts"]
        .iter()
        .all(|k| service.get(k).is_none())
}

/// The feed at `address` as one document: the text itself unless it is a page of
/// services, whose every page is then read and whose summaries are read in full, giving a
/// list of services. `fetch` reads one address.
pub async fn walk<F, Fut, E>(address: &str, fetch: F) -> Result<String, WalkError<E>>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Vec<u8>, E>>,
{
    let first = fetch(address.to_string()).await.map_err(WalkError::Fetch)?;
    let mut read = first.len();
    let text = String::from_utf8_lossy(&first).into_owned();
    let (Ok(url), Ok(Value::Object(page))) = (
        reqwest::Url::parse(address.trim()),
        serde_json::from_str::<Value>(&text),
    ) else {
        return Ok(text);
    };
    let Some(Value::Array(mut services)) = page.get("contents").cloned() else {
        return Ok(text);
    };
    let pages = page
        .get("total_pages")
        .and_then(Value::as_i64)
        .unwrap_or(1)
        .min(MAX_PAGES);
    // The feed's own numbers are not trusted beyond the limits.
    let this = page
        .get("page_number")
        .and_then(Value::as_i64)
        .unwrap_or(1)
        .clamp(1, MAX_PAGES);
    for n in (this + 1)..=pages {
        if services.len() > MAX_SERVICES || read > MAX_BYTES {
            return Err(WalkError::TooMany);
        }
        let bytes = fetch(page_address(&url, n).to_string())
            .await
            .map_err(WalkError::Fetch)?;
        read = read.saturating_add(bytes.len());
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(next)) => match next.get("contents") {
                Some(Value::Array(more)) if !more.is_empty() => services.extend(more.clone()),
                _ => break,
            },
            _ => break,
        }
    }
    if services.len() > MAX_SERVICES {
        return Err(WalkError::TooMany);
    }
    // A summary is read in full from the list's own path plus its identifier.
    let mut list = url.clone();
    list.set_query(None);
    let path = list.path().trim_end_matches('/').to_string();
    if path.ends_with("/services") {
        for service in services.iter_mut() {
            let Some(id) = service.get("id").and_then(Value::as_str) else {
                continue;
            };
            if !is_summary(service) || id.contains(['/', '?', '#']) {
                continue;
            }
            let mut one = list.clone();
            one.set_path(&format!("{path}/{id}"));
            let bytes = fetch(one.to_string()).await.map_err(WalkError::Fetch)?;
            read = read.saturating_add(bytes.len());
            if read > MAX_BYTES {
                return Err(WalkError::TooMany);
            }
            if let Ok(full @ Value::Object(_)) = serde_json::from_slice::<Value>(&bytes) {
                *service = full;
            }
        }
    }
    Ok(Value::Array(services).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn feed() -> HashMap<String, Value> {
        let page = |n: i64, ids: &[&str]| {
            serde_json::json!({
                "total_items": 3, "total_pages": 2, "page_number": n, "size": 2,
                "contents": ids.iter().map(|id| serde_json::json!({"id": id, "name": id})).collect::<Vec<_>>(),
            })
        };
        let base = "https://d.example/api/services";
        HashMap::from([
            (format!("{base}?per_page=2"), page(1, &["a", "b"])),
            (format!("{base}?per_page=2&page=2"), page(2, &["c"])),
            (
                format!("{base}/a"),
                serde_json::json!({"id": "a", "name": "A", "phones": []}),
            ),
            (
                format!("{base}/b"),
                serde_json::json!({"id": "b", "name": "B", "phones": []}),
            ),
            (
                format!("{base}/c"),
                serde_json::json!({"id": "c", "name": "C", "phones": []}),
            ),
        ])
    }

    #[tokio::test]
    async fn pages_are_followed_and_summaries_read_in_full() {
        let feed = feed();
        let walked = walk("https://d.example/api/services?per_page=2", |a: String| {
            let found = feed.get(&a).map(|v| v.to_string().into_bytes());
            async move { found.ok_or(a) }
        })
        .await
        .unwrap();
        let services: Vec<Value> = serde_json::from_str(&walked).unwrap();
        let names: Vec<&str> = services
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["A", "B", "C"]);
    }

    #[tokio::test]
    async fn anything_but_a_page_is_given_back_as_it_is() {
        for text in ["[{\"name\": \"x\"}]", "{\"name\": \"x\"}", "not json"] {
            let walked = walk("https://d.example/x", |_a: String| {
                let bytes = text.as_bytes().to_vec();
                async move { Ok::<_, String>(bytes) }
            })
            .await
            .unwrap();
            assert_eq!(walked, text);
        }
        let missing = walk("https://d.example/x", |a: String| async move {
            Err::<Vec<u8>, _>(a)
        })
        .await;
        assert!(matches!(missing, Err(WalkError::Fetch(_))));
    }
}
