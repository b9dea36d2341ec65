//! Public catalogue pages: search with facets, national and per body, and each dataset.

use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::extract::Query as QueryParams;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use crate::catalogue::paths::csvw_path;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::catalogue::CatalogueDataset;
use civic_domain::catalogue::Certificate;
use civic_domain::catalogue::CertificateLevel;
use civic_domain::catalogue::DatasetSource;
use civic_domain::catalogue::Query;
use civic_storage::CatalogueSearch;
use civic_storage::CatalogueSort;
use civic_storage::FacetField;
use civic_storage::FacetValue;
use serde::Deserialize;

/// Datasets per page of results.
const PAGE_SIZE: i64 = 20;

/// The catalogue's filters, as the search form sends them.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CatalogueParams {
    /// Words to search for (CKAN's query syntax).
    #[serde(default)]
    pub q: String,
    /// A body (national catalogue only).
    #[serde(default)]
    pub body: String,
    /// A theme code.
    #[serde(default)]
    pub theme: String,
    /// A resource format.
    #[serde(default)]
    pub format: String,
    /// A licence identifier.
    #[serde(default)]
    pub licence: String,
    /// A certificate level.
    #[serde(default)]
    pub level: String,
    /// `relevance`, `modified` or `title`.
    #[serde(default)]
    pub sort: String,
    /// Page number from 1.
    #[serde(default)]
    pub page: String,
}

/// One option of a facet select: value, words and count.
#[derive(Debug, Clone)]
pub struct FacetOption {
    /// The value sent.
    pub value: String,
    /// The words shown, with the count.
    pub label: String,
    /// True when chosen.
    pub selected: bool,
}

/// A facet as a select list.
#[derive(Debug, Clone)]
pub struct FacetSelect {
    /// The form field.
    pub name: &'static str,
    /// Its label.
    pub label: &'static str,
    /// Its options after "Any".
    pub options: Vec<FacetOption>,
}

/// A result line.
#[derive(Debug, Clone)]
pub struct ResultView {
    /// The dataset.
    pub dataset: CatalogueDataset,
    /// Its formats, joined.
    pub formats: String,
    /// Its certificate's name.
    pub level: &'static str,
    /// Its first 240 characters of description.
    pub summary: String,
    /// Last updated, for people.
    pub modified: String,
}

#[derive(Template)]
#[template(path = "catalogue/index.html")]
struct CataloguePage {
    layout: Layout,
    body: Option<Body>,
    action: String,
    params: CatalogueParams,
    facets: Vec<FacetSelect>,
    results: Vec<ResultView>,
    count: i64,
    error: Option<String>,
    previous: Option<String>,
    next: Option<String>,
    page: i64,
    pages: i64,
}

use crate::app::layout::format_date as day;

fn summary(text: &str) -> String {
    let first = text.split("\n\n").next().unwrap_or("");
    if first.chars().count() <= 240 {
        first.to_string()
    } else {
        let cut: String = first.chars().take(237).collect();
        format!("{}…", cut.trim_end())
    }
}

fn facet_select(
    name: &'static str,
    label: &'static str,
    values: &[FacetValue],
    chosen: &str,
) -> FacetSelect {
    let mut options: Vec<FacetOption> = values
        .iter()
        .map(|v| FacetOption {
            value: v.name.clone(),
            label: format!("{} ({})", v.display_name, v.count),
            selected: v.name == chosen,
        })
        .collect();
    if !chosen.is_empty() && !options.iter().any(|o| o.selected) {
        options.push(FacetOption {
            value: chosen.to_string(),
            label: format!("{chosen} (0)"),
            selected: true,
        });
    }
    FacetSelect {
        name,
        label,
        options,
    }
}

fn page_link(action: &str, params: &CatalogueParams, page: i64) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (key, value) in [
        ("q", &params.q),
        ("body", &params.body),
        ("theme", &params.theme),
        ("format", &params.format),
        ("licence", &params.licence),
        ("level", &params.level),
        ("sort", &params.sort),
    ] {
        if !value.is_empty() {
            parts.push(format!(
                "{key}={}",
                crate::app::layout::encode_query_value(value)
            ));
        }
    }
    parts.push(format!("page={page}"));
    format!("{action}?{}", parts.join("&"))
}

/// A filter value as a quoted query term.
fn term(field: &str, value: &str) -> String {
    format!(
        "{field}:\"{}\"",
        value.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

async fn catalogue_page(
    state: &AppState,
    ctx: &PageContext,
    body: Option<Body>,
    mut params: CatalogueParams,
) -> Result<Response, AppError> {
    if let Some(b) = &body {
        params.body = b.slug.clone();
    }
    let action = match &body {
        Some(b) => format!("/bodies/{}/catalogue", b.slug),
        None => "/catalogue".to_string(),
    };
    let page = params
        .page
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (1..=10_000).contains(p))
        .unwrap_or(1);
    let sort = match params.sort.as_str() {
        "modified" => CatalogueSort::Modified(true),
        "title" => CatalogueSort::Title(true),
        _ => CatalogueSort::Relevance,
    };
    let mut filters = Vec::new();
    for (field, value) in [
        ("organization", &params.body),
        ("groups", &params.theme),
        ("res_format", &params.format),
        ("license_id", &params.licence),
    ] {
        if !value.is_empty() {
            filters.push(term(field, value));
        }
    }
    let level = CertificateLevel::parse(&params.level);
    let parsed = Query::parse(&params.q).and_then(|q| {
        Ok(filters
            .iter()
            .map(|f| Query::parse(f))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .fold(q, Query::and))
    });
    let (query, error) = match parsed {
        Ok(q) => (q, None),
        Err(e) => (
            Query(civic_domain::catalogue::Clause::All),
            Some(format!("Your search could not be read: {e}.")),
        ),
    };
    let mut facet_fields = vec![
        FacetField::Groups,
        FacetField::ResFormat,
        FacetField::LicenseId,
        FacetField::Certificate,
    ];
    if body.is_none() {
        facet_fields.insert(0, FacetField::Organization);
    }
    let search = CatalogueSearch {
        query,
        certificate: level,
        sort,
        rows: if error.is_some() { 0 } else { PAGE_SIZE },
        start: (page - 1) * PAGE_SIZE,
        facets: facet_fields,
        facet_limit: 100,
    };
    let results = state.store.search_catalogue(&search).await?;
    let now = time::OffsetDateTime::now_utc();
    let mut facets = Vec::new();
    for (field, values) in &results.facets {
        let (name, label, chosen) = match field {
            FacetField::Organization => ("body", "Published by", &params.body),
            FacetField::Groups => ("theme", "Theme", &params.theme),
            FacetField::ResFormat => ("format", "Format", &params.format),
            FacetField::LicenseId => ("licence", "Licence", &params.licence),
            _ => ("level", "Certificate", &params.level),
        };
        facets.push(facet_select(name, label, values, chosen));
    }
    let count = if error.is_some() { 0 } else { results.count };
    let pages = ((count + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let view = CataloguePage {
        layout: ctx.layout(match (&body, &error) {
            (_, Some(_)) => "Error: Open data".to_string(),
            (Some(b), None) => format!("Open data – {}", b.name),
            (None, None) => "Open data".to_string(),
        }),
        previous: (page > 1).then(|| page_link(&action, &params, page - 1)),
        next: (page < pages).then(|| page_link(&action, &params, page + 1)),
        results: results
            .datasets
            .into_iter()
            .map(|d| {
                let mut formats: Vec<&str> =
                    d.resources.iter().map(|r| r.format.as_str()).collect();
                formats.dedup();
                ResultView {
                    formats: formats.join(", "),
                    level: d.certificate(now).label(),
                    summary: summary(&d.description),
                    modified: day(d.modified_at),
                    dataset: d,
                }
            })
            .collect(),
        body,
        action,
        params,
        facets,
        count,
        error: error.clone(),
        page,
        pages,
    };
    render(
        if error.is_some() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        },
        &view,
    )
}

/// `GET /catalogue`: every body's open data.
pub async fn national(
    State(state): State<AppState>,
    ctx: PageContext,
    QueryParams(params): QueryParams<CatalogueParams>,
) -> Result<Response, AppError> {
    catalogue_page(&state, &ctx, None, params).await
}

/// `GET /bodies/{body}/catalogue`: one body's open data.
pub async fn body(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
    QueryParams(params): QueryParams<CatalogueParams>,
) -> Result<Response, AppError> {
    let body = state.body(&body).await?;
    catalogue_page(&state, &ctx, Some(body), params).await
}

/// A download link on the dataset page.
#[derive(Debug, Clone)]
pub struct Download {
    /// Link text.
    pub label: String,
    /// Where.
    pub href: String,
}

/// A resource as the dataset page shows it.
#[derive(Debug, Clone)]
pub struct ResourceView {
    /// Its name.
    pub name: String,
    /// Its format.
    pub format: String,
    /// What it is.
    pub description: String,
    /// Links.
    pub downloads: Vec<Download>,
    /// Its columns: name, type in words, description.
    pub columns: Vec<(String, &'static str, String)>,
}

#[derive(Template)]
#[template(path = "catalogue/dataset.html")]
struct DatasetPage {
    layout: Layout,
    dataset: CatalogueDataset,
    paragraphs: Vec<String>,
    licence_title: String,
    licence_url: String,
    frequency: &'static str,
    theme: String,
    coverage: String,
    created: String,
    modified: String,
    resources: Vec<ResourceView>,
    certificate: Certificate,
    missing: Vec<(&'static str, &'static str)>,
    next_level: Option<&'static str>,
    datapackage: bool,
    may_edit: bool,
    source_note: &'static str,
}

/// `GET /datasets/{name}`: one dataset.
pub async fn dataset(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(name): Path<String>,
) -> Result<Response, AppError> {
    let d = state
        .store
        .catalogue_dataset(&name)
        .await?
        .ok_or(AppError::NotFound)?;
    let certificate = d.certificate(time::OffsetDateTime::now_utc());
    let missing = certificate
        .missing_for_next()
        .iter()
        .map(|c| (c.requirement, c.advice))
        .collect();
    let resources = d
        .resources
        .iter()
        .map(|r| {
            let mut downloads = vec![Download {
                label: format!("Download {} as {}", r.name, r.format),
                href: r.url.clone(),
            }];
            if crate::catalogue::paths::is_described_table(r) {
                downloads.push(Download {
                    label: format!("CSV on the Web description of {} as CSV", r.name),
                    href: csvw_path(&d.name, &r.id),
                });
            }
            ResourceView {
                name: r.name.clone(),
                format: r.format.clone(),
                description: r.description.clone(),
                downloads,
                columns: r
                    .columns
                    .iter()
                    .map(|c| (c.name.clone(), c.kind.label(), c.description.clone()))
                    .collect(),
            }
        })
        .collect();
    let licence = d.licence();
    let coverage = match (d.temporal_start, d.temporal_end) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        (Some(a), None) => format!("From {a}"),
        (None, Some(b)) => format!("Up to {b}"),
        (None, None) => "Not stated".to_string(),
    };
    let may_edit = ctx.staff.as_ref().is_some_and(|s| s.may_manage(&d.body));
    let page = DatasetPage {
        layout: ctx.layout(d.title.clone()),
        paragraphs: d
            .description
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        licence_title: licence.map_or(d.licence.clone(), |l| l.title.to_string()),
        licence_url: licence.map_or(String::new(), |l| l.url.to_string()),
        frequency: d.frequency.label(),
        theme: d
            .theme()
            .map_or("None".to_string(), |t| t.title.to_string()),
        coverage,
        created: day(d.created_at),
        modified: day(d.modified_at),
        resources,
        next_level: certificate.next_level().map(CertificateLevel::label),
        missing,
        certificate,
        datapackage: d
            .resources
            .iter()
            .any(crate::catalogue::paths::is_described_table),
        may_edit,
        source_note: match d.source {
            DatasetSource::Upload => "Uploaded by staff; Civic serves the table.",
            DatasetSource::External => "Hosted elsewhere; Civic lists where to download it.",
            _ => "Published by Civic from its own records, always up to date.",
        },
        dataset: d,
    };
    render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_quoted_terms() {
        assert_eq!(
            term("organization", "north\"shire"),
            "organization:\"north\\\"shire\""
        );
        let q = Query::parse(&term("groups", "tran")).map(|q| q.0);
        assert_eq!(
            q.ok(),
            Some(civic_domain::catalogue::Clause::Term(
                civic_domain::catalogue::Field::Groups,
                "tran".into()
            ))
        );
    }

    #[test]
    fn summaries_stop_at_the_first_paragraph() {
        assert_eq!(summary("One.\n\nTwo."), "One.");
        assert!(summary(&"x".repeat(300)).ends_with('…'));
    }
}
