//! Public catalogue pages: search with facets, national and per body, and each dataset.

use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::extract::Query as QueryParams;
use crate::app::i18n::Arg;
use crate::app::i18n::Lang;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use crate::catalogue::paths::csvw_path;
use crate::catalogue::words;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::catalogue::CatalogueDataset;
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
    pub label: String,
    /// Its options after "Any".
    pub options: Vec<FacetOption>,
}

/// Content in the page's language: its Welsh on a Welsh page when it has some, else its
/// English, which a Welsh page then marks as English (`english`).
#[derive(Debug, Clone, Default)]
pub struct Shown {
    /// The text.
    pub text: String,
    /// True when this is English standing in for Welsh not written yet.
    pub english: bool,
}

impl Shown {
    /// `cy` on a Welsh page when it is not empty, else `en`.
    pub fn pick(lang: Lang, en: &str, cy: &str) -> Shown {
        let welsh = lang == Lang::Cy;
        let text = civic_domain::catalogue::in_language(welsh, en, cy);
        Shown {
            english: welsh && cy.trim().is_empty() && !en.is_empty(),
            text: text.to_string(),
        }
    }

    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// A result line.
#[derive(Debug, Clone)]
pub struct ResultView {
    /// The dataset.
    pub dataset: CatalogueDataset,
    /// Its title in the page's language.
    pub title: Shown,
    /// Its publisher's name in the page's language.
    pub body_name: String,
    /// Its formats, joined.
    pub formats: String,
    /// Its certificate's name.
    pub level: String,
    /// The first 240 characters of its description, in the page's language.
    pub summary: Shown,
    /// Last updated, for people.
    pub modified: String,
}

impl ResultView {
    /// A dataset as a result line in `lang` at `now`, with its formats and the start of its
    /// description when `in_full`.
    pub fn of(lang: Lang, d: CatalogueDataset, now: time::OffsetDateTime, in_full: bool) -> Self {
        let mut formats: Vec<&str> = d.resources.iter().map(|r| r.format.as_str()).collect();
        formats.dedup();
        let summary = if in_full {
            let shown = Shown::pick(lang, &d.description, &d.description_cy);
            Shown {
                text: summary(&shown.text),
                english: shown.english,
            }
        } else {
            Shown::default()
        };
        ResultView {
            title: Shown::pick(lang, &d.title, &d.title_cy),
            body_name: d.body_name_in(lang == Lang::Cy).to_string(),
            formats: if in_full {
                formats.join(", ")
            } else {
                String::new()
            },
            level: words::certificate(lang, &d.certificate(now)),
            summary,
            modified: day(d.modified_at),
            dataset: d,
        }
    }
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

impl CataloguePage {
    /// "20 datasets", with the page when there are several.
    fn results_heading(&self) -> String {
        if self.pages > 1 {
            self.layout.lang.t_with(
                "catalogue-results-paged",
                &[
                    ("count", Arg::from(self.count)),
                    ("page", Arg::from(self.page)),
                    ("pages", Arg::from(self.pages)),
                ],
            )
        } else {
            self.layout.tn("catalogue-results", self.count)
        }
    }
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
    lang: Lang,
    name: &'static str,
    label: String,
    values: &[FacetValue],
    chosen: &str,
) -> FacetSelect {
    let mut options: Vec<FacetOption> = values
        .iter()
        .map(|v| {
            // Themes, licences and levels have names in each language; bodies and
            // formats are names already.
            let shown = match name {
                "theme" => words::theme(lang, &v.name),
                "licence" => words::licence(lang, &v.name),
                "level" => CertificateLevel::parse(&v.name).map(|l| words::level(lang, l)),
                "body" if lang == Lang::Cy && !v.display_name_cy.is_empty() => {
                    Some(v.display_name_cy.clone())
                }
                _ => None,
            }
            .unwrap_or_else(|| v.display_name.clone());
            FacetOption {
                value: v.name.clone(),
                label: format!("{shown} ({})", v.count),
                selected: v.name == chosen,
            }
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
        "title" if ctx.lang == crate::app::i18n::Lang::Cy => CatalogueSort::WelshTitle(true),
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
            Some(ctx.lang.t_with(
                "catalogue-error-search",
                &[("reason", Arg::from(query_error_in(ctx.lang, &e)))],
            )),
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
        welsh: ctx.lang == crate::app::i18n::Lang::Cy,
    };
    let results = state.store.search_catalogue(&search).await?;
    let now = time::OffsetDateTime::now_utc();
    let mut facets = Vec::new();
    for (field, values) in &results.facets {
        let (name, label, chosen) = match field {
            FacetField::Organization => ("body", "catalogue-facet-body", &params.body),
            FacetField::Groups => ("theme", "catalogue-facet-theme", &params.theme),
            FacetField::ResFormat => ("format", "catalogue-facet-format", &params.format),
            FacetField::LicenseId => ("licence", "catalogue-facet-licence", &params.licence),
            _ => ("level", "catalogue-facet-level", &params.level),
        };
        facets.push(facet_select(ctx.lang, name, ctx.t(label), values, chosen));
    }
    let count = if error.is_some() { 0 } else { results.count };
    let pages = ((count + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let body_name = body
        .as_ref()
        .map_or_else(String::new, |b| b.name_in(ctx.lang == Lang::Cy).to_string());
    let view = CataloguePage {
        layout: ctx.layout(match (&body, &error) {
            (_, Some(_)) => ctx.t("catalogue-title-error"),
            (Some(_), None) => ctx
                .lang
                .t_with("catalogue-title-body", &[("body", Arg::from(&body_name))]),
            (None, None) => ctx.t("catalogue-title"),
        }),
        previous: (page > 1).then(|| page_link(&action, &params, page - 1)),
        next: (page < pages).then(|| page_link(&action, &params, page + 1)),
        results: results
            .datasets
            .into_iter()
            .map(|d| ResultView::of(ctx.lang, d, now, true))
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
    /// Its name, in the page's language.
    pub name: Shown,
    /// Its format.
    pub format: String,
    /// What it is, in the page's language.
    pub description: Shown,
    /// Links.
    pub downloads: Vec<Download>,
    /// Its columns: name, type in words, description in the page's language.
    pub columns: Vec<(String, String, Shown)>,
}

/// A certificate check as the dataset page lists it.
#[derive(Debug, Clone)]
pub struct CheckView {
    /// True when the dataset meets it.
    pub met: bool,
    /// What it requires.
    pub requirement: String,
    /// The level it belongs to.
    pub level: String,
}

#[derive(Template)]
#[template(path = "catalogue/dataset.html")]
struct DatasetPage {
    layout: Layout,
    dataset: CatalogueDataset,
    /// Its title in the page's language.
    title: Shown,
    /// Its publisher's name in the page's language.
    body_name: String,
    /// The paragraphs of its description, in the page's language.
    paragraphs: Vec<String>,
    /// True when its description is English standing in for Welsh.
    description_english: bool,
    /// True when a Welsh page shows any of it in English.
    not_in_welsh: bool,
    licence_title: String,
    licence_url: String,
    frequency: String,
    theme: String,
    coverage: String,
    created: String,
    modified: String,
    resources: Vec<ResourceView>,
    certificate: String,
    checks: Vec<CheckView>,
    missing: Vec<(String, String)>,
    next_level: Option<String>,
    datapackage: bool,
    may_edit: bool,
    source_note: String,
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
    let lang = ctx.lang;
    let certificate = d.certificate(time::OffsetDateTime::now_utc());
    let missing = certificate
        .missing_for_next()
        .iter()
        .map(|c| (words::requirement(lang, c), words::advice(lang, c)))
        .collect();
    let checks = certificate
        .checks
        .iter()
        .map(|c| CheckView {
            met: c.met,
            requirement: words::requirement(lang, c),
            level: words::level(lang, c.level),
        })
        .collect();
    let resources: Vec<ResourceView> = d
        .resources
        .iter()
        .map(|r| {
            let name = Shown::pick(lang, &r.name, &r.name_cy);
            let mut downloads = vec![Download {
                label: lang.t_with(
                    "catalogue-download",
                    &[
                        ("name", Arg::from(&name.text)),
                        ("format", Arg::from(&r.format)),
                    ],
                ),
                href: r.url.clone(),
            }];
            if crate::catalogue::paths::is_described_table(r) {
                downloads.push(Download {
                    label: lang.t_with(
                        "catalogue-download-csvw",
                        &[("name", Arg::from(&name.text))],
                    ),
                    href: csvw_path(&d.name, &r.id),
                });
            }
            ResourceView {
                name,
                format: r.format.clone(),
                description: Shown::pick(lang, &r.description, &r.description_cy),
                downloads,
                columns: r
                    .columns
                    .iter()
                    .map(|c| {
                        (
                            c.name.clone(),
                            words::column_type(lang, c.kind),
                            Shown::pick(lang, &c.description, &c.description_cy),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let title = Shown::pick(lang, &d.title, &d.title_cy);
    let description = Shown::pick(lang, &d.description, &d.description_cy);
    let not_in_welsh = title.english
        || description.english
        || resources.iter().any(|r| {
            r.name.english || r.description.english || r.columns.iter().any(|c| c.2.english)
        });
    let licence = d.licence();
    let coverage = match (d.temporal_start, d.temporal_end) {
        (Some(a), Some(b)) => lang.t_with(
            "catalogue-coverage-between",
            &[
                ("start", Arg::from(a.to_string())),
                ("end", Arg::from(b.to_string())),
            ],
        ),
        (Some(a), None) => lang.t_with(
            "catalogue-coverage-from",
            &[("start", Arg::from(a.to_string()))],
        ),
        (None, Some(b)) => lang.t_with(
            "catalogue-coverage-until",
            &[("end", Arg::from(b.to_string()))],
        ),
        (None, None) => lang.t("catalogue-not-stated"),
    };
    let may_edit = ctx.staff.as_ref().is_some_and(|s| s.may_manage(&d.body));
    let page = DatasetPage {
        layout: ctx.layout(title.text.clone()),
        body_name: d.body_name_in(lang == Lang::Cy).to_string(),
        title,
        paragraphs: description
            .text
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        description_english: description.english,
        not_in_welsh,
        licence_title: licence.map_or(d.licence.clone(), |l| {
            words::licence(lang, l.id).unwrap_or_else(|| l.title.to_string())
        }),
        licence_url: licence.map_or(String::new(), |l| l.url.to_string()),
        frequency: words::frequency(lang, d.frequency),
        theme: d
            .theme()
            .and_then(|t| words::theme(lang, t.code))
            .unwrap_or_else(|| lang.t("catalogue-none")),
        coverage,
        created: day(d.created_at),
        modified: day(d.modified_at),
        resources,
        next_level: certificate.next_level().map(|l| words::level(lang, l)),
        missing,
        certificate: words::certificate(lang, &certificate),
        checks,
        datapackage: d
            .resources
            .iter()
            .any(crate::catalogue::paths::is_described_table),
        may_edit,
        source_note: lang.t(match d.source {
            DatasetSource::Upload => "catalogue-source-upload",
            DatasetSource::External => "catalogue-source-external",
            _ => "catalogue-source-own",
        }),
        dataset: d,
    };
    render(StatusCode::OK, &page)
}

/// Why a search could not be read, in `lang` (the CKAN API keeps the English).
fn query_error_in(lang: Lang, error: &civic_domain::catalogue::QueryError) -> String {
    match lang {
        Lang::En => error.0.clone(),
        Lang::Cy => lang.t_with(error.id(), &crate::app::i18n::args_of(error.args())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_errors_are_said_the_same_from_the_message_files() {
        let queries = [
            "metadata_modified:[yesterday TO *]",
            "metadata_modified:[2026-01-01 TO *",
            "metadata_modified:[2026-01-01]",
            "title:\"unclosed",
            "roads OR",
            "roads AND",
            &format!("{}a", "-".repeat(100)),
            "NOT",
            "()",
            "(roads",
            "roads)",
            "type:",
            "*:x",
            "colour:red",
            "title:[a TO b]",
            "metadata_created:2026",
            "title:",
            ":roads",
            "OR roads",
            "roads +",
            &"x".repeat(1001),
        ];
        let mut ids = std::collections::BTreeSet::new();
        for q in queries {
            let Err(e) = Query::parse(q) else {
                panic!("{q:?} parsed");
            };
            let args = crate::app::i18n::args_of(e.args());
            assert_eq!(Lang::En.t_with(e.id(), &args), e.0, "{q:?}");
            assert_eq!(query_error_in(Lang::En, &e), e.0);
            let welsh = query_error_in(Lang::Cy, &e);
            assert_ne!(welsh, e.0, "{q:?}");
            ids.insert(e.id());
        }
        assert_eq!(ids.len(), queries.len(), "{ids:?}");
        let Err(e) = Query::parse("colour:red") else {
            panic!("colour:red parsed");
        };
        assert_eq!(
            query_error_in(Lang::Cy, &e),
            "Nid oes maes o'r enw \u{201c}colour\u{201d}: chwiliwch title, name, notes, tags, \
             organization, res_format, license_id, groups neu source"
        );
    }

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
