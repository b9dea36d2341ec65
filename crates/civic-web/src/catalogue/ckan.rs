//! The CKAN Action API (read actions) over the catalogue, for harvesters and CKAN clients.

use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::layout::absolute;
use crate::catalogue::paths::csvw_path;
use crate::catalogue::paths::datapackage_path;
use crate::catalogue::paths::dataset_page;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::catalogue::CatalogueDataset;
use civic_domain::catalogue::LICENCES;
use civic_domain::catalogue::Query;
use civic_domain::catalogue::THEMES;
use civic_domain::catalogue::theme;
use civic_storage::CatalogueSearch;
use civic_storage::CatalogueSort;
use civic_storage::FacetField;
use civic_storage::Publisher;
use serde_json::Map;
use serde_json::Value;
use serde_json::json;

/// The CKAN API version whose shapes Civic follows.
pub const CKAN_VERSION: &str = "2.10.0";

/// Why an action failed, as CKAN reports it.
#[derive(Debug)]
pub enum CkanError {
    /// 404 `Not Found Error`.
    NotFound(String),
    /// 409 `Validation Error`, with messages per parameter.
    Validation(Vec<(String, String)>),
    /// 400 `Search Query Error`.
    SearchQuery(String),
    /// 400 `Bad Request` (an unknown action, an unreadable body).
    BadRequest(String),
    /// 403 `Authorization Error`: a write action, which this read-only API grants no one.
    Authorization(String),
    /// 503 or 500, from storage.
    Server(AppError),
}

impl From<civic_storage::StorageError> for CkanError {
    fn from(e: civic_storage::StorageError) -> Self {
        match e {
            civic_storage::StorageError::NotFound => CkanError::NotFound("Not found".into()),
            other => CkanError::Server(other.into()),
        }
    }
}

fn invalid(field: &str, message: &str) -> CkanError {
    CkanError::Validation(vec![(field.to_string(), message.to_string())])
}

/// An action's parameters, from the query string and a JSON or form body.
#[derive(Debug, Default)]
pub struct Params(Map<String, Value>);

impl Params {
    fn parse(query: Option<&str>, headers: &HeaderMap, body: &Bytes) -> Result<Params, CkanError> {
        let mut map = Map::new();
        let mut add = |key: String, value: Value| match map.get_mut(&key) {
            Some(Value::Array(list)) => list.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
            None => {
                map.insert(key, value);
            }
        };
        if let Some(q) = query {
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(q).map_err(|_| {
                CkanError::BadRequest("Bad request - the query string could not be read".into())
            })?;
            for (k, v) in pairs {
                add(k, Value::String(v));
            }
        }
        let body = body.trim_ascii();
        if !body.is_empty() {
            let is_form = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
            if is_form {
                let pairs: Vec<(String, String)> =
                    serde_urlencoded::from_bytes(body).map_err(|_| {
                        CkanError::BadRequest("Bad request - the form could not be read".into())
                    })?;
                for (k, v) in pairs {
                    add(k, Value::String(v));
                }
            } else {
                match serde_json::from_slice::<Value>(body) {
                    Ok(Value::Object(object)) => {
                        for (k, v) in object {
                            add(k, v);
                        }
                    }
                    _ => {
                        return Err(CkanError::BadRequest(
                            "Bad request - JSON Error: the body must be a JSON object".into(),
                        ));
                    }
                }
            }
        }
        Ok(Params(map))
    }

    fn text(&self, key: &str) -> Option<String> {
        match self.0.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Array(list) => list.last().and_then(|v| v.as_str()).map(str::to_string),
            _ => None,
        }
    }

    fn list(&self, key: &str) -> Result<Vec<String>, CkanError> {
        let strings = |list: &[Value]| -> Result<Vec<String>, CkanError> {
            list.iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| invalid(key, "Must be a list of strings"))
                })
                .collect()
        };
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(list)) => strings(list),
            // CKAN also takes a JSON-encoded list in a single string.
            Some(Value::String(s)) if s.trim_start().starts_with('[') => {
                match serde_json::from_str::<Value>(s) {
                    Ok(Value::Array(list)) => strings(&list),
                    _ => Err(invalid(key, "Must be a list of strings")),
                }
            }
            Some(Value::String(s)) => Ok(vec![s.clone()]),
            Some(_) => Err(invalid(key, "Must be a list of strings")),
        }
    }

    fn int(&self, key: &str, default: i64, min: i64, max: i64) -> Result<i64, CkanError> {
        let Some(text) = self.text(key).filter(|t| !t.trim().is_empty()) else {
            return Ok(default);
        };
        match text.trim().parse::<i64>() {
            Ok(n) if n < min => Err(invalid(
                key,
                &format!("Must be a natural number of at least {min}"),
            )),
            Ok(n) => Ok(n.min(max)),
            Err(_) => Err(invalid(key, "Invalid integer")),
        }
    }

    fn flag(&self, key: &str, default: bool) -> Result<bool, CkanError> {
        match self
            .text(key)
            .map(|t| t.trim().to_ascii_lowercase())
            .as_deref()
        {
            None | Some("") => Ok(default),
            Some("true" | "1" | "yes" | "on") => Ok(true),
            Some("false" | "0" | "no" | "off") => Ok(false),
            Some(_) => Err(invalid(key, "Must be true or false")),
        }
    }

    fn required(&self, key: &str) -> Result<String, CkanError> {
        self.text(key)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| invalid(key, "Missing value"))
    }
}

/// CKAN's timestamp form: UTC without an offset, to the microsecond.
fn ckan_time(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

fn organization_dict(base: &str, p: &Publisher, count: Option<i64>) -> Value {
    let mut out = json!({
        "id": p.slug,
        "name": p.slug,
        "title": p.name,
        "title_translated": translated(&p.name, &p.name_cy),
        "display_name": p.name,
        "description": format!("Datasets published by {}.", p.name),
        "image_url": "",
        "image_display_url": "",
        "created": ckan_time(p.created_at),
        "is_organization": true,
        "approval_status": "approved",
        "state": "active",
        "type": "organization",
        "url": absolute(base, &format!("/bodies/{}/catalogue", p.slug)),
    });
    if let Some(n) = count {
        out["package_count"] = json!(n);
    }
    out
}

fn group_dict(base: &str, code: &str, count: i64) -> Value {
    let title = theme(code).map_or(code, |t| t.title);
    json!({
        "id": code,
        "name": code,
        "title": title,
        "display_name": title,
        "description": theme(code).map(|t| t.uri()).unwrap_or_default(),
        "image_url": "",
        "image_display_url": "",
        "is_organization": false,
        "approval_status": "approved",
        "state": "active",
        "type": "group",
        "package_count": count,
        "url": absolute(base, &format!("/catalogue?theme={code}")),
    })
}

/// A text in both languages as ckanext-fluent gives a `…_translated` field: an object from
/// language code to text (empty when there is no Welsh yet).
fn translated(en: &str, cy: &str) -> Value {
    json!({"en": en, "cy": cy})
}

/// A resource as CKAN describes it.
pub fn resource_dict(base: &str, d: &CatalogueDataset, index: usize) -> Value {
    let Some(r) = d.resources.get(index) else {
        return Value::Null;
    };
    let mut out = json!({
        "id": r.id,
        "package_id": d.name,
        "name": r.name,
        "description": r.description,
        "name_translated": translated(&r.name, &r.name_cy),
        "description_translated": translated(&r.description, &r.description_cy),
        "format": r.format,
        "mimetype": crate::catalogue::dcat::media_type(&r.format),
        "url": absolute(base, &r.url),
        "url_type": if r.hosted { Value::String("upload".into()) } else { Value::Null },
        "position": index,
        "state": "active",
        "created": ckan_time(d.created_at),
        "last_modified": ckan_time(d.modified_at),
        "metadata_modified": ckan_time(d.modified_at),
        "datastore_active": false,
        "hash": "",
        "size": Value::Null,
    });
    if crate::catalogue::paths::is_described_table(r) {
        out["csvw_metadata_url"] = json!(absolute(base, &csvw_path(&d.name, &r.id)));
        let fields: Vec<Value> = r
            .columns
            .iter()
            .map(|c| json!({"name": c.name, "type": c.kind.as_str(), "description": c.description}))
            .collect();
        out["schema"] = json!({"fields": fields});
    }
    out
}

/// A dataset as CKAN describes a package.
pub fn package_dict(base: &str, d: &CatalogueDataset) -> Value {
    let now = time::OffsetDateTime::now_utc();
    let l = d.licence();
    let tags: Vec<Value> = d
        .tags
        .iter()
        .map(|t| json!({"id": t, "name": t, "display_name": t, "state": "active", "vocabulary_id": null}))
        .collect();
    let groups: Vec<Value> = d
        .theme()
        .map(|t| {
            vec![json!({
                "id": t.code, "name": t.code, "title": t.title, "display_name": t.title,
                "description": t.uri(), "image_display_url": "",
            })]
        })
        .unwrap_or_default();
    let resources: Vec<Value> = (0..d.resources.len())
        .map(|i| resource_dict(base, d, i))
        .collect();
    let certificate = d.certificate(now);
    let mut extras = vec![
        json!({"key": "frequency", "value": d.frequency.as_str()}),
        json!({"key": "source", "value": d.source.as_str()}),
        json!({"key": "certificate", "value": certificate.level.map_or("", |c| c.as_str())}),
        json!({"key": "dcat_jsonld", "value": absolute(base, &format!("{}/dcat.jsonld", dataset_page(&d.name)))}),
        // DCAT-AP's access rights, as ckanext-dcat names the field.
        json!({"key": "access_rights", "value": d.access.uri()}),
    ];
    if !d.how_to_apply.is_empty() {
        extras.push(json!({"key": "how_to_apply", "value": d.how_to_apply}));
    }
    if let Some(start) = d.temporal_start {
        extras.push(json!({"key": "temporal_start", "value": start.to_string()}));
    }
    if let Some(end) = d.temporal_end {
        extras.push(json!({"key": "temporal_end", "value": end.to_string()}));
    }
    if !d.spatial.is_empty() {
        extras.push(json!({"key": "spatial_text", "value": d.spatial}));
    }
    if d.resources
        .iter()
        .any(crate::catalogue::paths::is_described_table)
    {
        extras.push(
            json!({"key": "datapackage", "value": absolute(base, &datapackage_path(&d.name))}),
        );
    }
    json!({
        "id": d.name,
        "name": d.name,
        "title": d.title,
        "notes": d.description,
        "title_translated": translated(&d.title, &d.title_cy),
        "notes_translated": translated(&d.description, &d.description_cy),
        "url": absolute(base, &dataset_page(&d.name)),
        "type": "dataset",
        "state": "active",
        "private": false,
        "version": Value::Null,
        "author": d.body_name,
        "author_email": Value::Null,
        "maintainer": if d.contact_name.is_empty() { Value::Null } else { json!(d.contact_name) },
        "maintainer_email": if d.contact_email.is_empty() { Value::Null } else { json!(d.contact_email) },
        "license_id": d.licence,
        "license_title": l.map_or(d.licence.as_str(), |l| l.title),
        "license_url": l.map_or("", |l| l.url),
        "isopen": l.is_some_and(|l| l.open),
        "metadata_created": ckan_time(d.created_at),
        "metadata_modified": ckan_time(d.modified_at),
        "owner_org": d.body,
        "organization": {
            "id": d.body, "name": d.body, "title": d.body_name,
            "title_translated": translated(&d.body_name, &d.body_name_cy), "type": "organization",
            "description": "", "image_url": "", "is_organization": true,
            "approval_status": "approved", "state": "active",
        },
        "num_resources": d.resources.len(),
        "num_tags": d.tags.len(),
        "tags": tags,
        "groups": groups,
        "resources": resources,
        "extras": extras,
        "relationships_as_object": [],
        "relationships_as_subject": [],
    })
}

fn parse_sort(text: &str) -> Result<CatalogueSort, CkanError> {
    let first = text.split(',').next().unwrap_or("").trim();
    if first.is_empty() {
        return Ok(CatalogueSort::Relevance);
    }
    let mut parts = first.split_whitespace();
    let field = parts.next().unwrap_or("");
    let desc = match parts.next().map(str::to_ascii_lowercase).as_deref() {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(_) => {
            return Err(invalid(
                "sort",
                "Sort by a field then asc or desc, such as \"metadata_modified desc\"",
            ));
        }
    };
    Ok(match field {
        "score" | "rank" => CatalogueSort::Relevance,
        "metadata_modified" => CatalogueSort::Modified(desc),
        "metadata_created" => CatalogueSort::Created(desc),
        "title_string" | "title" => CatalogueSort::Title(!desc),
        // Datasets' ids are their names.
        "name" | "id" => CatalogueSort::Name(!desc),
        _ => {
            return Err(invalid(
                "sort",
                "Sort by score, metadata_modified, metadata_created, title_string or name",
            ));
        }
    })
}

fn query(text: &str) -> Result<Query, CkanError> {
    Query::parse(text).map_err(|e| CkanError::SearchQuery(e.0))
}

/// The catalogue search shared by `package_search` and the HTML catalogue.
async fn package_search(state: &AppState, p: &Params) -> Result<Value, CkanError> {
    let q = query(&p.text("q").unwrap_or_default())?;
    let mut filter = q;
    if let Some(fq) = p.text("fq") {
        filter = filter.and(query(&fq)?);
    }
    for fq in p.list("fq_list")? {
        filter = filter.and(query(&fq)?);
    }
    let sort_text = p
        .text("sort")
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "score desc, metadata_modified desc".into());
    let sort = parse_sort(&sort_text)?;
    let rows = p.int("rows", 10, 0, 1000)?;
    let start = p.int("start", 0, 0, i64::MAX / 2)?;
    let want_facets = p.flag("facet", true)?;
    let mut facets = Vec::new();
    if want_facets {
        for name in p.list("facet.field")? {
            let field = FacetField::parse(&name).ok_or_else(|| {
                invalid("facet.field", &format!("Cannot facet by {name}: use organization, tags, res_format, license_id, groups, certificate or source"))
            })?;
            if !facets.contains(&field) {
                facets.push(field);
            }
        }
    }
    let facet_limit = match p.int("facet.limit", 50, -1, 10_000)? {
        -1 => 10_000,
        n => n,
    };
    let search = CatalogueSearch {
        query: filter,
        certificate: None,
        sort,
        rows,
        start,
        facets,
        facet_limit,
        // The CKAN API matches words as typed, as CKAN's own Solr does.
        welsh: false,
    };
    let results = state.store.search_catalogue(&search).await?;
    let base = &state.config.base_url;
    let mut facet_counts = Map::new();
    let mut search_facets = Map::new();
    for (field, values) in &results.facets {
        let counts: Map<String, Value> = values
            .iter()
            .map(|v| (v.name.clone(), json!(v.count)))
            .collect();
        let items: Vec<Value> = values
            .iter()
            .map(|v| json!({"name": v.name, "display_name": v.display_name, "count": v.count}))
            .collect();
        facet_counts.insert(field.as_str().into(), Value::Object(counts));
        search_facets.insert(
            field.as_str().into(),
            json!({"title": field.as_str(), "items": items}),
        );
    }
    Ok(json!({
        "count": results.count,
        "sort": sort_text,
        "results": results.datasets.iter().map(|d| package_dict(base, d)).collect::<Vec<_>>(),
        "facets": facet_counts,
        "search_facets": search_facets,
    }))
}

async fn run(state: &AppState, action: &str, p: &Params) -> Result<Value, CkanError> {
    let base = &state.config.base_url;
    match action {
        "status_show" => Ok(json!({
            "site_title": "Civic",
            "site_description": "Open data published by public bodies through Civic",
            "site_url": base,
            "ckan_version": CKAN_VERSION,
            "error_emails_to": null,
            "locale_default": "en",
            "extensions": ["civic", "dcat"],
        })),
        "site_read" => Ok(json!(true)),
        "help_show" => {
            let name = p.required("name")?;
            HELP.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, help)| json!(help))
                .ok_or_else(|| CkanError::NotFound(format!("Action function not found: {name}")))
        }
        "package_list" => {
            let limit = p.int("limit", 1000, 0, 1000)?;
            let offset = p.int("offset", 0, 0, i64::MAX / 2)?;
            let search = CatalogueSearch::everything(CatalogueSort::Name(true), limit, offset);
            let results = state.store.search_catalogue(&search).await?;
            Ok(json!(
                results
                    .datasets
                    .iter()
                    .map(|d| d.name.clone())
                    .collect::<Vec<_>>()
            ))
        }
        "current_package_list_with_resources" => {
            let limit = p.int("limit", 1000, 0, 1000)?;
            let page = p.int("page", 1, 1, i64::MAX / 2)?;
            let offset = p.int("offset", (page - 1) * limit, 0, i64::MAX / 2)?;
            let search = CatalogueSearch::everything(CatalogueSort::Modified(true), limit, offset);
            let results = state.store.search_catalogue(&search).await?;
            Ok(json!(
                results
                    .datasets
                    .iter()
                    .map(|d| package_dict(base, d))
                    .collect::<Vec<_>>()
            ))
        }
        "package_search" => package_search(state, p).await,
        "package_show" => {
            let id = p.required("id")?;
            let d = state
                .store
                .catalogue_dataset(&id)
                .await?
                .ok_or_else(|| CkanError::NotFound("Not found".into()))?;
            Ok(package_dict(base, &d))
        }
        "resource_show" => {
            let id = p.required("id")?;
            let (d, index) = state
                .store
                .catalogue_resource(&id)
                .await?
                .ok_or_else(|| CkanError::NotFound("Resource was not found.".into()))?;
            Ok(resource_dict(base, &d, index))
        }
        "organization_list" => {
            let all_fields = p.flag("all_fields", false)?;
            let limit = p.int("limit", 1000, 0, 1000)?;
            let offset = p.int("offset", 0, 0, i64::MAX / 2)?;
            let mut publishers = state.store.catalogue_publishers().await?;
            let sort = p.text("sort").unwrap_or_else(|| "name asc".into());
            match sort.trim() {
                "name asc" | "name" | "" => {}
                "name desc" => publishers.reverse(),
                "title asc" | "title" => publishers.sort_by(|a, b| a.name.cmp(&b.name)),
                "package_count desc" => publishers.sort_by_key(|p| std::cmp::Reverse(p.datasets)),
                _ => return Err(invalid("sort", "Sort by name, title or package_count")),
            }
            let page = publishers
                .iter()
                .skip(usize::try_from(offset).unwrap_or(usize::MAX))
                .take(usize::try_from(limit).unwrap_or(0));
            Ok(if all_fields {
                json!(
                    page.map(|p| organization_dict(base, p, Some(p.datasets)))
                        .collect::<Vec<_>>()
                )
            } else {
                json!(page.map(|p| p.slug.clone()).collect::<Vec<_>>())
            })
        }
        "organization_show" => {
            let id = p.required("id")?;
            let include = p.flag("include_datasets", false)?;
            let publishers = state.store.catalogue_publishers().await?;
            let publisher = publishers
                .iter()
                .find(|x| x.slug == id)
                .ok_or_else(|| CkanError::NotFound("Organization was not found.".into()))?;
            let mut out = organization_dict(base, publisher, Some(publisher.datasets));
            if include {
                let search = CatalogueSearch::of_body(&publisher.slug, CatalogueSort::Name(true));
                let results = state.store.search_catalogue(&search).await?;
                out["packages"] = json!(
                    results
                        .datasets
                        .iter()
                        .map(|d| package_dict(base, d))
                        .collect::<Vec<_>>()
                );
            }
            Ok(out)
        }
        "group_list" | "group_show" => {
            let search = CatalogueSearch {
                facets: vec![FacetField::Groups],
                facet_limit: 100,
                ..CatalogueSearch::everything(CatalogueSort::Name(true), 0, 0)
            };
            let results = state.store.search_catalogue(&search).await?;
            let count = |code: &str| {
                results
                    .facets
                    .first()
                    .and_then(|(_, values)| values.iter().find(|v| v.name == code))
                    .map_or(0, |v| v.count)
            };
            if action == "group_show" {
                let id = p.required("id")?;
                let t =
                    theme(&id).ok_or_else(|| CkanError::NotFound("Group was not found.".into()))?;
                return Ok(group_dict(base, t.code, count(t.code)));
            }
            Ok(if p.flag("all_fields", false)? {
                json!(
                    THEMES
                        .iter()
                        .map(|t| group_dict(base, t.code, count(t.code)))
                        .collect::<Vec<_>>()
                )
            } else {
                json!(THEMES.iter().map(|t| t.code).collect::<Vec<_>>())
            })
        }
        "tag_list" => {
            let q = p.text("query").or_else(|| p.text("q"));
            let tags = state.store.catalogue_tags(q.as_deref()).await?;
            Ok(if p.flag("all_fields", false)? {
                json!(tags.iter().map(|t| json!({"id": t, "name": t, "display_name": t, "vocabulary_id": null})).collect::<Vec<_>>())
            } else {
                json!(tags)
            })
        }
        "license_list" => Ok(json!(
            LICENCES
                .iter()
                .map(|l| json!({
                    "id": l.id, "title": l.title, "url": l.url, "status": "active",
                    "od_conformance": if l.open { "approved" } else { "not reviewed" },
                    "osd_conformance": "not reviewed", "is_okd_compliant": l.open,
                    "is_generic": false, "maintainer": "", "domain_content": false,
                    "domain_data": true, "domain_software": false, "family": "",
                }))
                .collect::<Vec<_>>()
        )),
        _ if is_write_action(action) => Err(CkanError::Authorization(format!(
            "Access denied: {action} changes the catalogue, and this API is read-only; staff publish datasets through Civic's own pages"
        ))),
        _ => Err(CkanError::BadRequest(format!(
            "Bad request - Action name not known: {action}"
        ))),
    }
}

/// True for CKAN's actions that change things (`package_create`, `resource_delete`,
/// `bulk_update_private`, `member_create`, …): CKAN answers those it does not allow with 403.
fn is_write_action(action: &str) -> bool {
    action.starts_with("bulk_")
        || ["_create", "_update", "_patch", "_delete", "_purge"]
            .iter()
            .any(|suffix| action.ends_with(suffix))
}

/// What each action does, for `help_show` and each response's `help` link.
const HELP: [(&str, &str); 14] = [
    (
        "status_show",
        "Return a dictionary with information about the site's configuration.",
    ),
    ("site_read", "Return true: anyone may read this site."),
    ("help_show", "Return the help string for an action (name)."),
    (
        "package_list",
        "Return the names of the site's datasets (limit, offset).",
    ),
    (
        "package_search",
        "Search datasets (q, fq, fq_list, rows, start, sort, facet, facet.field, facet.limit). q and fq take words, \"phrases\", field:value (title, name, notes, tags, organization, res_format, license_id, groups, source), AND, OR, NOT, -, + and brackets.",
    ),
    (
        "package_show",
        "Return the metadata of a dataset and its resources (id: the dataset's name).",
    ),
    ("resource_show", "Return the metadata of a resource (id)."),
    (
        "current_package_list_with_resources",
        "Return datasets with their resources, most recently modified first (limit, offset, page).",
    ),
    (
        "organization_list",
        "Return the names of organizations (all_fields, sort, limit, offset).",
    ),
    (
        "organization_show",
        "Return an organization (id, include_datasets).",
    ),
    (
        "group_list",
        "Return the names of groups: the DCAT-AP data themes (all_fields).",
    ),
    ("group_show", "Return a group (id)."),
    ("tag_list", "Return the tags in use (query, all_fields)."),
    (
        "license_list",
        "Return the licences datasets can be published under.",
    ),
];

fn envelope(base: &str, action: &str, outcome: Result<Value, CkanError>) -> Response {
    let help = absolute(
        base,
        &format!(
            "/api/3/action/help_show?name={}",
            crate::app::layout::encode_query_value(action)
        ),
    );
    let (status, body) = match outcome {
        Ok(result) => (
            StatusCode::OK,
            json!({"help": help, "success": true, "result": result}),
        ),
        Err(e) => {
            let (status, error) = match e {
                CkanError::NotFound(message) => (
                    StatusCode::NOT_FOUND,
                    json!({"__type": "Not Found Error", "message": message}),
                ),
                CkanError::Validation(fields) => {
                    let mut error = Map::new();
                    error.insert("__type".into(), json!("Validation Error"));
                    for (field, message) in fields {
                        error.insert(field, json!([message]));
                    }
                    (StatusCode::CONFLICT, Value::Object(error))
                }
                CkanError::SearchQuery(message) => (
                    StatusCode::BAD_REQUEST,
                    json!({"__type": "Search Query Error", "message": format!("Search Query is invalid: {message}")}),
                ),
                CkanError::BadRequest(message) => (
                    StatusCode::BAD_REQUEST,
                    json!({"__type": "Bad Request", "message": message}),
                ),
                CkanError::Authorization(message) => (
                    StatusCode::FORBIDDEN,
                    json!({"__type": "Authorization Error", "message": message}),
                ),
                CkanError::Server(e) => {
                    let status = e.status();
                    let (title, message) = e.explain();
                    tracing::error!(error = %e, "CKAN action failed");
                    (
                        status,
                        json!({"__type": "Internal Server Error", "message": format!("{title}. {message}")}),
                    )
                }
            };
            (
                status,
                json!({"help": help, "success": false, "error": error}),
            )
        }
    };
    crate::app::negotiate::open_data((status, axum::Json(body)).into_response())
}

/// `GET` or `POST /api/3/action/{action}` (and `/api/action/{action}`).
pub async fn action(
    State(state): State<AppState>,
    Path(action): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let outcome = match Params::parse(query.as_deref(), &headers, &body) {
        Ok(params) => run(&state, &action, &params).await,
        Err(e) => Err(e),
    };
    envelope(&state.config.base_url, &action, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_come_from_query_strings_json_and_forms() {
        let empty = Bytes::new();
        let p = Params::parse(
            Some("facet.field=a&facet.field=b&rows=5"),
            &HeaderMap::new(),
            &empty,
        )
        .unwrap_or_default();
        assert_eq!(p.list("facet.field").unwrap_or_default(), vec!["a", "b"]);
        assert_eq!(p.int("rows", 10, 0, 1000).ok(), Some(5));
        let body = Bytes::from_static(
            br#"{"facet.field": "[\"tags\"]", "rows": 2000, "all_fields": true}"#,
        );
        let p = Params::parse(None, &HeaderMap::new(), &body).unwrap_or_default();
        assert_eq!(p.list("facet.field").unwrap_or_default(), vec!["tags"]);
        assert_eq!(p.int("rows", 10, 0, 1000).ok(), Some(1000));
        assert_eq!(p.flag("all_fields", false).ok(), Some(true));
        assert!(matches!(p.int("start", 0, 0, 10), Ok(0)));
        let bad = Params::parse(None, &HeaderMap::new(), &Bytes::from_static(b"[1]"));
        assert!(matches!(bad, Err(CkanError::BadRequest(_))));
        let p = Params::parse(Some("rows=x"), &HeaderMap::new(), &empty).unwrap_or_default();
        assert!(matches!(
            p.int("rows", 10, 0, 100),
            Err(CkanError::Validation(_))
        ));
    }

    #[test]
    fn sorts_follow_ckan() {
        assert!(matches!(
            parse_sort("score desc, metadata_modified desc"),
            Ok(CatalogueSort::Relevance)
        ));
        assert!(matches!(
            parse_sort("title_string asc"),
            Ok(CatalogueSort::Title(true))
        ));
        assert!(matches!(
            parse_sort("metadata_modified desc"),
            Ok(CatalogueSort::Modified(true))
        ));
        assert!(matches!(
            parse_sort("name desc"),
            Ok(CatalogueSort::Name(false))
        ));
        assert!(parse_sort("colour asc").is_err());
        assert!(parse_sort("name sideways").is_err());
    }

    #[test]
    fn timestamps_look_like_ckans() {
        let t = time::macros::datetime!(2026-11-25 10:00:01.5 UTC);
        assert_eq!(ckan_time(t), "2026-11-25T10:00:01.500000");
    }
}
