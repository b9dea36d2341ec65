//! The open data catalogue's pages: search with facets, nationally and per body; each
//! dataset with its downloads, schema and certificate; and the staff pages that add
//! datasets (a CSV upload or links to data hosted elsewhere) and edit their metadata.

use crate::auth::SignedIn;
use crate::catalogue::{csvw_path, upload_resources};
use crate::pages::{FormErrors, Layout, PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Query as QueryParams, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use civic_domain::catalogue::{
    CatalogueDataset, Certificate, CertificateLevel, DatasetDescriptionInput, DatasetSource,
    Frequency, LICENCES, Query, THEMES, parse_table,
};
use civic_domain::{Body, FieldErrors};
use civic_storage::{CatalogueSearch, CatalogueSort, FacetField, FacetValue};
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

use crate::pages::public::format_date as day;

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
            parts.push(format!("{key}={}", crate::encode_query_value(value)));
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
    let body = state
        .store
        .get_body(&body)
        .await?
        .ok_or(AppError::NotFound)?;
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
            if crate::catalogue::is_described_table(r) {
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
        datapackage: d.resources.iter().any(crate::catalogue::is_described_table),
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

/// A select option.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Value.
    pub value: String,
    /// Words.
    pub label: String,
}

#[derive(Template)]
#[template(path = "staff/catalogue.html")]
struct StaffCataloguePage {
    layout: Layout,
    body: Body,
    datasets: Vec<ResultView>,
}

/// `GET /staff/bodies/{body}/catalogue`: the body's datasets, to edit or add to.
pub async fn staff_list(
    State(state): State<AppState>,
    ctx: PageContext,
    staff: SignedIn,
    Path(body): Path<String>,
) -> Result<Response, AppError> {
    let body = staff.own_body(&state, &body).await?;
    let search = CatalogueSearch::of_body(&body.slug, CatalogueSort::Title(true));
    let now = time::OffsetDateTime::now_utc();
    let datasets = state
        .store
        .search_catalogue(&search)
        .await?
        .datasets
        .into_iter()
        .map(|d| ResultView {
            formats: String::new(),
            level: d.certificate(now).label(),
            summary: String::new(),
            modified: day(d.modified_at),
            dataset: d,
        })
        .collect();
    render(
        StatusCode::OK,
        &StaffCataloguePage {
            layout: ctx.layout(format!("Open data – {}", body.name)),
            body,
            datasets,
        },
    )
}

#[derive(Template)]
#[template(path = "staff/catalogue_form.html")]
struct DatasetFormPage {
    layout: Layout,
    body: Body,
    form: DatasetDescriptionInput,
    kind: String,
    errors: FormErrors,
    /// The dataset being edited, or `None` when adding.
    editing: Option<CatalogueDataset>,
    licences: Vec<Choice>,
    frequencies: Vec<Choice>,
    themes: Vec<Choice>,
    columns: Vec<ColumnField>,
}

/// A column's description field on the edit form.
#[derive(Debug, Clone)]
pub struct ColumnField {
    /// The form field, `column_{n}`.
    pub field: String,
    /// The column's header.
    pub name: String,
    /// Its type in words.
    pub kind: &'static str,
    /// The description shown.
    pub value: String,
}

/// The description fields of an uploaded table's columns, filled with `values`.
fn column_fields(
    editing: Option<&CatalogueDataset>,
    values: Option<&[String]>,
) -> Vec<ColumnField> {
    let Some(table) = editing
        .filter(|d| d.source == DatasetSource::Upload)
        .and_then(|d| d.resources.first())
    else {
        return Vec::new();
    };
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| ColumnField {
            field: format!("column_{i}"),
            name: c.name.clone(),
            kind: c.kind.label(),
            value: values
                .and_then(|v| v.get(i).cloned())
                .unwrap_or_else(|| c.description.clone()),
        })
        .collect()
}

fn choices() -> (Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    (
        LICENCES
            .iter()
            .map(|l| Choice {
                value: l.id.into(),
                label: l.title.into(),
            })
            .collect(),
        Frequency::ALL
            .iter()
            .map(|f| Choice {
                value: f.as_str().into(),
                label: f.label().into(),
            })
            .collect(),
        THEMES
            .iter()
            .map(|t| Choice {
                value: t.code.into(),
                label: t.title.into(),
            })
            .collect(),
    )
}

fn form_page(
    ctx: &PageContext,
    body: Body,
    form: DatasetDescriptionInput,
    kind: String,
    errors: FieldErrors,
    editing: Option<CatalogueDataset>,
) -> Result<Response, AppError> {
    form_page_with(ctx, body, form, kind, errors, editing, None)
}

fn form_page_with(
    ctx: &PageContext,
    body: Body,
    form: DatasetDescriptionInput,
    kind: String,
    errors: FieldErrors,
    editing: Option<CatalogueDataset>,
    column_values: Option<&[String]>,
) -> Result<Response, AppError> {
    let columns = column_fields(editing.as_ref(), column_values);
    let (licences, frequencies, themes) = choices();
    let failed = !errors.is_empty();
    let title = match &editing {
        Some(d) => format!("Edit {}", d.title),
        None => "Add a dataset".to_string(),
    };
    render(
        if failed {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &DatasetFormPage {
            layout: ctx.layout(if failed {
                format!("Error: {title}")
            } else {
                title
            }),
            body,
            form,
            kind,
            errors: FormErrors(errors),
            editing,
            licences,
            frequencies,
            themes,
            columns,
        },
    )
}

/// `GET /staff/bodies/{body}/catalogue/new`.
pub async fn new_form(
    State(state): State<AppState>,
    ctx: PageContext,
    staff: SignedIn,
    Path(body): Path<String>,
) -> Result<Response, AppError> {
    let body = staff.own_body(&state, &body).await?;
    let form = DatasetDescriptionInput {
        frequency: "monthly".into(),
        spatial: body.name.clone(),
        ..Default::default()
    };
    form_page(
        &ctx,
        body,
        form,
        "upload".into(),
        FieldErrors::default(),
        None,
    )
}

/// An uploaded CSV checked line by line; a bad file adds its reasons to `errors`.
fn checked_table(
    file: &[u8],
    errors: &mut FieldErrors,
) -> Option<civic_domain::catalogue::ParsedTable> {
    parse_table(file)
        .map_err(|e| errors.add("file", format!("The file could not be loaded: {e}")))
        .ok()
}

/// What the add and edit forms send.
#[derive(Debug, Default)]
struct DatasetForm {
    fields: DatasetDescriptionInput,
    kind: String,
    file: Vec<u8>,
    columns: Vec<(usize, String)>,
}

async fn read_dataset_form(req: Request, state: &AppState) -> Result<DatasetForm, AppError> {
    let unreadable = |e: String| AppError::BadRequest(format!("The form could not be read: {e}"));
    let mut multipart = Multipart::from_request(req, state)
        .await
        .map_err(|e| unreadable(e.body_text()))?;
    let mut form = DatasetForm::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| unreadable(e.body_text()))?
    {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            form.file = field
                .bytes()
                .await
                .map_err(|e| unreadable(e.body_text()))?
                .to_vec();
            continue;
        }
        let value = field.text().await.map_err(|e| unreadable(e.body_text()))?;
        let f = &mut form.fields;
        match name.as_str() {
            "title" => f.title = value,
            "description" => f.description = value,
            "licence" => f.licence = value,
            "frequency" => f.frequency = value,
            "theme" => f.theme = value,
            "tags" => f.tags = value,
            "temporal_start" => f.temporal_start = value,
            "temporal_end" => f.temporal_end = value,
            "spatial" => f.spatial = value,
            "contact_name" => f.contact_name = value,
            "contact_email" => f.contact_email = value,
            "links" => f.links = value,
            "kind" => form.kind = value,
            other => {
                if let Some(i) = other.strip_prefix("column_").and_then(|i| i.parse().ok()) {
                    form.columns.push((i, value.trim().to_string()));
                }
            }
        }
    }
    Ok(form)
}

/// Link resources for a dataset hosted elsewhere.
fn link_resources(
    title: &str,
    links: &[(String, String)],
) -> Vec<civic_domain::catalogue::Resource> {
    links
        .iter()
        .enumerate()
        .map(|(i, (format, url))| civic_domain::catalogue::Resource {
            id: crate::catalogue::new_resource_id(),
            name: format!("{title} ({format}, link {})", i + 1),
            description: String::new(),
            format: format.clone(),
            url: url.clone(),
            columns: Vec::new(),
            hosted: false,
        })
        .collect()
}

/// `POST /staff/bodies/{body}/catalogue/new`: a dataset with a CSV upload (checked row by
/// row; a malformed file is refused with its lines and reasons) or links elsewhere.
pub async fn create(
    State(state): State<AppState>,
    ctx: PageContext,
    staff: SignedIn,
    Path(body): Path<String>,
    req: Request,
) -> Result<Response, AppError> {
    let body = staff.own_body(&state, &body).await?;
    let DatasetForm {
        fields: form,
        kind,
        file,
        ..
    } = read_dataset_form(req, &state).await?;
    let external = kind == "external";
    let mut errors = FieldErrors::default();
    if kind != "upload" && !external {
        errors.add(
            "kind",
            "Choose whether to upload a CSV file or link to data elsewhere",
        );
    }
    let description = match form.validate(&body.slug, external) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    let table = if kind == "upload" {
        if file.is_empty() {
            errors.add("file", "Choose a CSV file to upload");
            None
        } else {
            checked_table(&file, &mut errors)
        }
    } else {
        None
    };
    let description = match description {
        Some(d) if errors.is_empty() => d,
        _ => return form_page(&ctx, body, form, kind, errors, None),
    };
    let (source, resources, rows) = match table {
        Some(table) => (
            DatasetSource::Upload,
            upload_resources(&description.name, &description.title, table.columns),
            table.rows,
        ),
        None => (
            DatasetSource::External,
            link_resources(&description.title, &description.links),
            Vec::new(),
        ),
    };
    match state
        .store
        .add_catalogue_dataset(&body.slug, source, &description, &resources, &rows)
        .await
    {
        Ok(d) => Ok(Redirect::to(&format!("/datasets/{}", d.name)).into_response()),
        Err(civic_storage::StorageError::Conflict(_)) => {
            let mut errors = FieldErrors::default();
            errors.add(
                "title",
                "You already publish a dataset with this title: choose another",
            );
            form_page(&ctx, body, form, kind, errors, None)
        }
        Err(e) => Err(e.into()),
    }
}

async fn own_dataset(
    state: &AppState,
    staff: &SignedIn,
    body: &str,
    name: &str,
) -> Result<(Body, CatalogueDataset), AppError> {
    let body = staff.own_body(state, body).await?;
    let d = state
        .store
        .catalogue_dataset(name)
        .await?
        .filter(|d| d.body == body.slug)
        .ok_or(AppError::NotFound)?;
    Ok((body, d))
}

/// The edit form filled from a dataset (links only for data hosted elsewhere).
fn edit_input(d: &CatalogueDataset) -> DatasetDescriptionInput {
    DatasetDescriptionInput {
        title: d.title.clone(),
        description: d.description.clone(),
        licence: d.licence.clone(),
        frequency: d.frequency.as_str().into(),
        theme: d.theme.clone(),
        tags: d.tags.join(", "),
        temporal_start: d.temporal_start.map(|x| x.to_string()).unwrap_or_default(),
        temporal_end: d.temporal_end.map(|x| x.to_string()).unwrap_or_default(),
        spatial: d.spatial.clone(),
        contact_name: d.contact_name.clone(),
        contact_email: d.contact_email.clone(),
        links: d
            .resources
            .iter()
            .filter(|r| !r.hosted)
            .map(|r| format!("{} {}", r.format, r.url))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// `GET /staff/bodies/{body}/catalogue/{name}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: PageContext,
    staff: SignedIn,
    Path((body, name)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (body, d) = own_dataset(&state, &staff, &body, &name).await?;
    let form = edit_input(&d);
    form_page(
        &ctx,
        body,
        form,
        String::new(),
        FieldErrors::default(),
        Some(d),
    )
}

/// `POST /staff/bodies/{body}/catalogue/{name}/edit`: new metadata (the name stays), what
/// each column of an uploaded table holds, and a new version of its table (checked line by
/// line) or, for data hosted elsewhere, new links.
pub async fn update(
    State(state): State<AppState>,
    ctx: PageContext,
    staff: SignedIn,
    Path((body, name)): Path<(String, String)>,
    req: Request,
) -> Result<Response, AppError> {
    let (body, d) = own_dataset(&state, &staff, &body, &name).await?;
    let DatasetForm {
        fields: form,
        file,
        columns,
        ..
    } = read_dataset_form(req, &state).await?;
    let table = d
        .resources
        .first()
        .filter(|r| d.source == DatasetSource::Upload && !r.columns.is_empty())
        .cloned();
    let mut descriptions: Vec<String> = table
        .as_ref()
        .map(|r| r.columns.iter().map(|c| c.description.clone()).collect())
        .unwrap_or_default();
    let mut errors = FieldErrors::default();
    for (i, text) in columns {
        if let Some(slot) = descriptions.get_mut(i) {
            if text.chars().count() > 500 {
                errors.add(
                    format!("column_{i}"),
                    "Describe the column in 500 characters or fewer",
                );
            }
            *slot = text;
        }
    }
    let external = d.source == DatasetSource::External;
    let description = match form.validate(&body.slug, external) {
        Ok(description) => Some(description),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    let new_table = if d.source == DatasetSource::Upload && !file.is_empty() {
        checked_table(&file, &mut errors)
    } else {
        None
    };
    let description = match description {
        Some(description) if errors.is_empty() => description,
        _ => {
            return form_page_with(
                &ctx,
                body,
                form,
                String::new(),
                errors,
                Some(d),
                Some(&descriptions),
            );
        }
    };
    state
        .store
        .describe_catalogue_dataset(&body.slug, &d.name, &description)
        .await?;
    match (new_table, table) {
        (Some(mut new_table), old) => {
            // A column keeps its description when the new version still has it.
            let old_columns = old.map(|r| r.columns).unwrap_or_default();
            for column in &mut new_table.columns {
                if let Some(i) = old_columns.iter().position(|c| c.name == column.name) {
                    column.description = descriptions.get(i).cloned().unwrap_or_default();
                }
            }
            let resources = upload_resources(&d.name, &description.title, new_table.columns);
            state
                .store
                .replace_catalogue_resources(&body.slug, &d.name, &resources, &new_table.rows)
                .await?;
        }
        (None, Some(table)) => {
            state
                .store
                .describe_catalogue_columns(&body.slug, &d.name, &table.id, &descriptions)
                .await?;
        }
        (None, None) if external => {
            let resources = link_resources(&description.title, &description.links);
            state
                .store
                .replace_catalogue_resources(&body.slug, &d.name, &resources, &[])
                .await?;
        }
        (None, None) => {}
    }
    Ok(Redirect::to(&format!("/datasets/{}", d.name)).into_response())
}

/// `POST /staff/bodies/{body}/catalogue/{name}/withdraw`: removes a dataset staff added,
/// unless a request for data was answered with it.
pub async fn withdraw(
    State(state): State<AppState>,
    ctx: PageContext,
    staff: SignedIn,
    Path((body, name)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (body, d) = own_dataset(&state, &staff, &body, &name).await?;
    match state
        .store
        .withdraw_catalogue_dataset(&body.slug, &d.name)
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/staff/bodies/{}/catalogue", body.slug)).into_response())
        }
        Err(civic_storage::StorageError::Conflict(_)) => {
            let mut errors = FieldErrors::default();
            errors.add(
                "withdraw",
                "A request for data was answered with this dataset, so it stays published",
            );
            let form = edit_input(&d);
            form_page(&ctx, body, form, String::new(), errors, Some(d))
        }
        Err(e) => Err(e.into()),
    }
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
