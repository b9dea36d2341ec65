//! The open data catalogue's files: downloads of uploaded tables (streamed), their CSV on
//! the Web and Data Package descriptions, and DCAT for each dataset and for the catalogue.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::api_keys::PresentedKey;
use crate::app::download::stream_table;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::layout::absolute;
use crate::app::negotiate::open_data;
use crate::catalogue::dcat;
use crate::catalogue::dcat::CataloguePage;
use crate::catalogue::paths::{csvw_path, dataset_page, is_described_table};
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::api_key::Scope;
use civic_domain::catalogue::AccessRights;
use civic_domain::catalogue::CatalogueDataset;
use civic_domain::catalogue::Column;
use civic_domain::catalogue::DatasetSource;
use civic_domain::catalogue::Resource;
use civic_domain::catalogue::own_datasets;
use civic_storage::Store;
use serde::Deserialize;
use serde_json::Value;
use serde_json::json;

/// A fresh resource identifier (a version 4 UUID).
pub fn new_resource_id() -> String {
    civic_domain::uuid::uuid_text(rand::random(), 4)
}

/// The two resources of an uploaded table, named after the dataset's title in English and
/// in Welsh (empty when it has none yet).
pub fn upload_resources(
    dataset: &str,
    (title, title_cy): (&str, &str),
    columns: Vec<Column>,
) -> Vec<Resource> {
    let id = new_resource_id();
    vec![
        Resource {
            id: id.clone(),
            name: title.to_string(),
            name_cy: title_cy.to_string(),
            format: "CSV".into(),
            url: format!("/datasets/{dataset}/resources/{id}.csv"),
            columns,
            hosted: true,
            ..Resource::default()
        },
        Resource {
            id: format!("{id}-json"),
            name: title.to_string(),
            description: "The same rows as a JSON array of objects, with typed values.".into(),
            name_cy: title_cy.to_string(),
            description_cy: "Yr un rhesi fel arae JSON o wrthrychau, a math pob gwerth wedi'i \
                             nodi."
                .into(),
            format: "JSON".into(),
            url: format!("/datasets/{dataset}/resources/{id}.json"),
            columns: Vec::new(),
            hosted: true,
        },
    ]
}

/// A natural-language property of a JSON-LD document whose default language is English:
/// the English alone, or with its Welsh as a value tagged `cy` when there is some.
fn natural_language(en: &str, cy: &str) -> Value {
    if cy.trim().is_empty() {
        Value::String(en.to_string())
    } else {
        json!([en, {"@value": cy, "@language": "cy"}])
    }
}

/// Lists Civic's own datasets for every body (new bodies get theirs when created; this
/// brings older bodies and changed definitions up to date).
pub async fn publish_all_own(store: &dyn Store) -> Result<(), String> {
    // Bodies' own datasets are listed when a body is added or changed; start-up only has
    // work to do when this version of Civic describes them differently from the last.
    let version = own_datasets_version();
    if store
        .setting(OWN_DATASETS_VERSION)
        .await
        .map_err(|e| e.to_string())?
        .as_deref()
        == Some(version.as_str())
    {
        return Ok(());
    }
    let bodies = store.list_bodies().await.map_err(|e| e.to_string())?;
    let mut all_listed = true;
    for body in bodies {
        // One body's trouble must not keep the whole site from starting.
        if let Err(e) = store
            .publish_own_datasets(&body.slug, &own_datasets(&body))
            .await
        {
            all_listed = false;
            tracing::error!(body = %body.slug, error = %e, "listing the body's own datasets failed");
        }
    }
    if all_listed {
        store
            .set_setting(OWN_DATASETS_VERSION, &version)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Records that every body's own datasets are listed as this build describes them: true
/// once a fresh deployment's bodies were all added by this build (each listed on creation).
pub async fn own_datasets_are_current(store: &dyn Store) -> Result<(), String> {
    store
        .set_setting(OWN_DATASETS_VERSION, &own_datasets_version())
        .await
        .map_err(|e| e.to_string())
}

/// The setting naming which description of the bodies' own datasets is published.
const OWN_DATASETS_VERSION: &str = "own-datasets-version";

/// A fingerprint of how this build describes a body's own datasets: it changes whenever
/// the descriptions, their resources or their fields change in the code.
fn own_datasets_version() -> String {
    use sha2::Digest;
    let example = civic_domain::Body {
        slug: "example".into(),
        name: "Example Council".into(),
        kind: civic_domain::BodyKind::ALL[0],
        website: Some("https://www.example.gov.uk".into()),
        name_cy: "Cyngor Enghreifftiol".into(),
        welsh_standards: true,
        created_at: time::OffsetDateTime::UNIX_EPOCH,
    };
    let digest = sha2::Sha256::digest(format!("{:?}", own_datasets(&example)).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Recomputes stored certificate levels every hour, for datasets falling behind their
/// schedule (each dataset's own page always computes its level afresh).
pub async fn refresh_certificates_hourly(state: AppState) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        if let Err(e) = state
            .store
            .refresh_certificates(time::OffsetDateTime::now_utc())
            .await
        {
            tracing::warn!(error = %e, "refreshing certificate levels failed");
        }
    }
}

async fn dataset(state: &AppState, name: &str) -> Result<CatalogueDataset, AppError> {
    state
        .store
        .catalogue_dataset(name)
        .await?
        .ok_or(AppError::NotFound)
}

/// A column's name as CSVW allows it (letters, digits and underscores, not starting with an
/// underscore), kept unique within the table.
fn csvw_name(header: &str, taken: &mut Vec<String>) -> String {
    let mut name: String = header
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if name.is_empty() || name.starts_with('_') {
        name.insert(0, 'c');
    }
    let mut unique = name.clone();
    let mut n = 2;
    while taken.contains(&unique) {
        unique = format!("{name}_{n}");
        n += 1;
    }
    taken.push(unique.clone());
    unique
}

/// The CSV on the Web metadata of a hosted table.
pub fn csvw_metadata(base: &str, d: &CatalogueDataset, r: &Resource) -> Value {
    let mut taken = Vec::new();
    let columns: Vec<Value> = r
        .columns
        .iter()
        .map(|c| {
            let mut column = json!({
                "name": csvw_name(&c.name, &mut taken),
                "titles": c.name,
                "datatype": c.kind.csvw(),
            });
            if !c.description.is_empty() {
                column["dc:description"] = natural_language(&c.description, &c.description_cy);
            }
            column
        })
        .collect();
    let mut out = json!({
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": absolute(base, &r.url),
        "dc:title": natural_language(&r.name, &r.name_cy),
        "dc:publisher": natural_language(&d.body_name, &d.body_name_cy),
        "dc:source": absolute(base, &dataset_page(&d.name)),
        "rdfs:comment": crate::app::download::SPREADSHEET_NOTE,
        "tableSchema": {"columns": columns},
    });
    if let Some(l) = d.licence().filter(|l| !l.url.is_empty()) {
        out["dc:license"] = json!({"@id": l.url});
    }
    out
}

/// The Frictionless Data Package of a dataset: its hosted tables with their schemas.
pub fn datapackage(base: &str, d: &CatalogueDataset) -> Option<Value> {
    let resources: Vec<Value> = d
        .resources
        .iter()
        .filter(|r| is_described_table(r))
        .map(|r| {
            let fields: Vec<Value> = r
                .columns
                .iter()
                .map(|c| {
                    let mut field = json!({"name": c.name, "type": c.kind.as_str()});
                    if !c.description.is_empty() {
                        field["description"] = Value::String(c.description.clone());
                    }
                    field
                })
                .collect();
            json!({
                "name": r.id,
                "title": r.name,
                "path": absolute(base, &r.url),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "missingValues": [""]},
            })
        })
        .collect();
    if resources.is_empty() {
        return None;
    }
    let mut out = json!({
        "profile": "data-package",
        "name": d.name,
        "title": d.title,
        "description": d.description,
        "homepage": absolute(base, &dataset_page(&d.name)),
        "keywords": d.tags,
        "created": d.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
        "contributors": [{"title": d.body_name, "role": "publisher"}],
        "resources": resources,
    });
    if let Some(l) = d.licence() {
        let mut licence = json!({"name": l.id, "title": l.title});
        if !l.url.is_empty() {
            licence["path"] = Value::String(l.url.to_string());
        }
        out["licenses"] = json!([licence]);
    }
    Some(out)
}

/// `GET /datasets/{name}/{file}`: `datapackage.json`, `dcat.jsonld` or `dcat.ttl`.
pub async fn dataset_file(
    State(state): State<AppState>,
    Path((name, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let d = dataset(&state, &name).await?;
    let base = &state.config.base_url;
    let response = match file.as_str() {
        "datapackage.json" => {
            let package = datapackage(base, &d).ok_or(AppError::NotFound)?;
            axum::Json(package).into_response()
        }
        "dcat.jsonld" => (
            [(header::CONTENT_TYPE, "application/ld+json")],
            dcat::dataset_graph(base, &d).to_json_ld().to_string(),
        )
            .into_response(),
        "dcat.ttl" => (
            [(header::CONTENT_TYPE, "text/turtle; charset=utf-8")],
            dcat::dataset_graph(base, &d).to_turtle(),
        )
            .into_response(),
        _ => return Err(AppError::NotFound.into()),
    };
    Ok(open_data(response))
}

/// Paging of the whole catalogue's DCAT.
#[derive(Debug, Deserialize)]
pub struct PageParams {
    /// Page number, from 1.
    #[serde(default)]
    pub page: Option<String>,
}

/// Datasets per page of the catalogue's DCAT (as CKAN's DCAT extension pages it).
const DCAT_PAGE: i64 = 100;

/// `GET /catalogue/{file}`: the whole catalogue as DCAT, `dcat.jsonld` or `dcat.ttl`, a
/// hundred datasets a page.
pub async fn catalogue_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<PageParams>,
) -> Result<Response, ApiError> {
    let file: &'static str = match file.as_str() {
        "dcat.jsonld" => "dcat.jsonld",
        "dcat.ttl" => "dcat.ttl",
        _ => return Err(AppError::NotFound.into()),
    };
    let page = match params.page.as_deref().map(str::trim) {
        None | Some("") => 1,
        Some(p) => p
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=1_000_000).contains(p))
            .ok_or_else(|| AppError::BadRequest("page must be a whole number from 1".into()))?,
    };
    let search = civic_storage::CatalogueSearch::everything(
        civic_storage::CatalogueSort::Name(true),
        DCAT_PAGE,
        (page - 1) * DCAT_PAGE,
    );
    let results = state.store.search_catalogue(&search).await?;
    let at = CataloguePage {
        page,
        per_page: DCAT_PAGE,
        total: results.count,
        file,
    };
    let graph = dcat::catalogue_graph(&state.config.base_url, &results.datasets, &at);
    let response = if file == "dcat.jsonld" {
        (
            [(header::CONTENT_TYPE, "application/ld+json")],
            graph.to_json_ld().to_string(),
        )
            .into_response()
    } else {
        (
            [(header::CONTENT_TYPE, "text/turtle; charset=utf-8")],
            graph.to_turtle(),
        )
            .into_response()
    };
    Ok(open_data(response))
}

/// `GET /datasets/{name}/resources/{file}`: an uploaded table as `{id}.csv` or `{id}.json`
/// (streamed), any described table's `{id}.csv-metadata.json`, and for Civic's own
/// resources a redirect to where they are served. A restricted dataset's rows are served
/// only to an API key whose scope names the dataset and whose data-sharing agreement is in
/// force, each download recorded first, never cached by anyone on the way.
pub async fn resource_file(
    State(state): State<AppState>,
    presented: PresentedKey,
    Path((name, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let response = resource_response(&state, &presented, &name, &file).await?;
    Ok(response)
}

async fn resource_response(
    state: &AppState,
    presented: &PresentedKey,
    name: &str,
    file: &str,
) -> Result<Response, ApiError> {
    let d = dataset(state, name).await?;
    if d.access == AccessRights::Restricted && !file.ends_with(".csv-metadata.json") {
        let key = presented
            .authorise(state, &d.body, &Scope::DatasetRead(d.name.clone()))
            .await?;
        let dataset = d.name.clone();
        // Made first (a stream not yet read), so only a file that exists is recorded; then
        // recorded before a byte is sent.
        let mut response = served_resource(state.clone(), d, file)?;
        state
            .store
            .record_dataset_access(key.id, &dataset, file)
            .await?;
        let headers = response.headers_mut();
        headers.remove(header::ACCESS_CONTROL_ALLOW_ORIGIN);
        headers.insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("private, no-store"),
        );
        return Ok(response);
    }
    served_resource(state.clone(), d, file)
}

/// The file `file` of dataset `d`, as anyone may have it.
fn served_resource(state: AppState, d: CatalogueDataset, file: &str) -> Result<Response, ApiError> {
    enum Want {
        Csv,
        Json,
        Csvw,
    }
    let (id, want) = if let Some(id) = file.strip_suffix(".csv-metadata.json") {
        (id, Want::Csvw)
    } else if let Some(id) = file.strip_suffix(".csv") {
        (id, Want::Csv)
    } else if let Some(id) = file.strip_suffix(".json") {
        (id, Want::Json)
    } else {
        return Err(AppError::NotFound.into());
    };
    let resource = d
        .resources
        .iter()
        .find(|r| r.id == id && r.format == "CSV")
        .ok_or(AppError::NotFound)?;
    let stored_rows = d.source == DatasetSource::Upload;
    match want {
        Want::Csvw if !resource.columns.is_empty() => Ok(open_data(
            (
                [(header::CONTENT_TYPE, "application/csvm+json")],
                csvw_metadata(&state.config.base_url, &d, resource).to_string(),
            )
                .into_response(),
        )),
        Want::Csv if stored_rows => Ok(open_data(
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("inline; filename=\"{}.csv\"", d.name),
                    ),
                    (
                        header::LINK,
                        format!(
                            "<{}>; rel=\"describedby\"; type=\"application/csvm+json\"",
                            csvw_path(&d.name, id)
                        ),
                    ),
                ],
                stream_table(state, resource.id.clone(), resource.columns.clone(), true),
            )
                .into_response(),
        )),
        Want::Json if stored_rows => Ok(open_data(
            (
                [(header::CONTENT_TYPE, "application/json")],
                stream_table(state, resource.id.clone(), resource.columns.clone(), false),
            )
                .into_response(),
        )),
        Want::Csv if resource.url.starts_with('/') => {
            Ok(Redirect::to(&resource.url).into_response())
        }
        _ => Err(AppError::NotFound.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csvw_names_are_safe_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(csvw_name("Road name", &mut taken), "Road_name");
        assert_eq!(csvw_name("Road-name", &mut taken), "Road_name_2");
        assert_eq!(csvw_name("_x", &mut taken), "c_x");
        assert_eq!(csvw_name("", &mut taken), "c");
    }

    #[test]
    fn published_csvs_have_the_columns_the_catalogue_describes() {
        use civic_domain::catalogue::ColumnType;
        use civic_domain::catalogue::own::{
            PERFORMANCE_COLUMNS, REGISTER_COLUMNS, REQUEST_COLUMNS,
        };
        let names = |list: &[(&str, ColumnType, &str)]| {
            list.iter().map(|c| c.0.to_string()).collect::<Vec<_>>()
        };
        let strings = |list: &[&str]| list.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            strings(&crate::services::open_data::CSV_HEADER),
            names(&REGISTER_COLUMNS)
        );
        assert_eq!(
            strings(&crate::requests::downloads::REQUEST_CSV_HEADER),
            names(&REQUEST_COLUMNS)
        );
        assert_eq!(
            strings(&crate::performance::data::CSV_COLUMNS),
            names(&PERFORMANCE_COLUMNS)
        );
    }

    #[test]
    fn resource_ids_are_version_4_uuids() {
        let id = new_resource_id();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
    }
}
