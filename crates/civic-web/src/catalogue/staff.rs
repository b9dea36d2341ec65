//! Staff pages for a body's datasets: add, edit (with new versions of uploaded tables) and
//! withdraw.

use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::extract::Path;
use crate::app::i18n::Arg;
use crate::app::i18n::Lang;
use crate::app::i18n::args_of;
use crate::app::layout::FormErrors;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use crate::catalogue::files::upload_resources;
use crate::catalogue::pages::ResultView;
use crate::catalogue::words;
use askama::Template;
use axum::extract::FromRequest;
use axum::extract::Multipart;
use axum::extract::Request;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::FieldErrors;
use civic_domain::catalogue::CatalogueDataset;
use civic_domain::catalogue::DatasetDescription;
use civic_domain::catalogue::DatasetDescriptionInput;
use civic_domain::catalogue::DatasetSource;
use civic_domain::catalogue::Frequency;
use civic_domain::catalogue::LICENCES;
use civic_domain::catalogue::THEMES;
use civic_domain::catalogue::parse_table;
use civic_storage::CatalogueSearch;
use civic_storage::CatalogueSort;

/// A select option.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Value.
    pub value: String,
    /// Words.
    pub label: String,
}

#[derive(Template)]
#[template(path = "catalogue/staff_list.html")]
struct StaffCataloguePage {
    layout: Layout,
    body: Body,
    datasets: Vec<ResultView>,
}

/// `GET /staff/bodies/{body}/catalogue`: the body's datasets, to edit or add to.
pub async fn staff_list(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    let search = CatalogueSearch::of_body(&body.slug, CatalogueSort::Title(true));
    let now = time::OffsetDateTime::now_utc();
    let datasets = state
        .store
        .search_catalogue(&search)
        .await?
        .datasets
        .into_iter()
        .map(|d| ResultView::of(ctx.lang, d, now, false))
        .collect();
    render(
        StatusCode::OK,
        &StaffCataloguePage {
            layout: ctx.layout(ctx.lang.t_with(
                "catalogue-title-body",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            body,
            datasets,
        },
    )
}

#[derive(Template)]
#[template(path = "catalogue/staff_form.html")]
struct DatasetFormPage {
    layout: Layout,
    body: Body,
    /// The dataset's title in the page's language (when editing).
    title: String,
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

impl DatasetFormPage {
    /// Only files Civic holds can be restricted: a new dataset (an upload) or an uploaded
    /// one being edited.
    fn may_restrict(&self) -> bool {
        self.editing
            .as_ref()
            .is_none_or(|d| d.source == DatasetSource::Upload)
    }
}

/// A column's description fields on the edit form, in English and in Welsh.
#[derive(Debug, Clone)]
pub struct ColumnField {
    /// The English form field, `column_{n}`.
    pub field: String,
    /// The Welsh form field, `column_cy_{n}`.
    pub field_cy: String,
    /// The column's header.
    pub name: String,
    /// Its type in words.
    pub kind: String,
    /// The description shown.
    pub value: String,
    /// The description in Welsh shown.
    pub value_cy: String,
}

/// The description fields of an uploaded table's columns, filled with `values` (English
/// and Welsh).
fn column_fields(
    lang: Lang,
    editing: Option<&CatalogueDataset>,
    values: Option<&[(String, String)]>,
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
        .map(|(i, c)| {
            let (value, value_cy) = values
                .and_then(|v| v.get(i).cloned())
                .unwrap_or_else(|| (c.description.clone(), c.description_cy.clone()));
            ColumnField {
                field: format!("column_{i}"),
                field_cy: format!("column_cy_{i}"),
                name: c.name.clone(),
                kind: words::column_type(lang, c.kind),
                value,
                value_cy,
            }
        })
        .collect()
}

fn choices(lang: Lang) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    (
        LICENCES
            .iter()
            .map(|l| Choice {
                value: l.id.into(),
                label: words::licence(lang, l.id).unwrap_or_else(|| l.title.into()),
            })
            .collect(),
        Frequency::ALL
            .iter()
            .map(|f| Choice {
                value: f.as_str().into(),
                label: words::frequency(lang, *f),
            })
            .collect(),
        THEMES
            .iter()
            .map(|t| Choice {
                value: t.code.into(),
                label: words::theme(lang, t.code).unwrap_or_else(|| t.title.into()),
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
    column_values: Option<&[(String, String)]>,
) -> Result<Response, AppError> {
    let columns = column_fields(ctx.lang, editing.as_ref(), column_values);
    let (licences, frequencies, themes) = choices(ctx.lang);
    let failed = !errors.is_empty();
    let welsh = ctx.lang == Lang::Cy;
    let shown_title = editing
        .as_ref()
        .map_or_else(String::new, |d| d.title_in(welsh).to_string());
    let title = match &editing {
        Some(_) => ctx.lang.t_with(
            "catalogue-edit-title",
            &[("title", Arg::from(&shown_title))],
        ),
        None => ctx.t("catalogue-add-title"),
    };
    render(
        if failed {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &DatasetFormPage {
            layout: ctx.layout(if failed {
                ctx.lang
                    .t_with("catalogue-error-page-title", &[("title", Arg::from(title))])
            } else {
                title
            }),
            title: shown_title,
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
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
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

/// The problems in an uploaded CSV, in `lang`: for English the reader's own words (which
/// the command line prints too), else each problem's message, joined the same way.
fn upload_error_in(lang: Lang, error: &civic_domain::catalogue::UploadError) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Cy => error
            .messages()
            .iter()
            .map(|(id, args)| lang.t_with(id, &upload_args(args)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// A problem's arguments for the message files: a header or the reader's reason stays
/// text even when it is all digits.
fn upload_args(args: &[(&'static str, String)]) -> Vec<(&'static str, Arg)> {
    args_of(args)
        .into_iter()
        .zip(args)
        .map(|((name, arg), (_, value))| match name {
            "name" | "reason" => (name, Arg::Text(value.clone())),
            _ => (name, arg),
        })
        .collect()
}

/// An uploaded CSV checked line by line; a bad file adds its reasons to `errors`, said in
/// `lang` (the page's language).
fn checked_table(
    lang: Lang,
    file: &[u8],
    errors: &mut FieldErrors,
) -> Option<civic_domain::catalogue::ParsedTable> {
    if let Some(line) =
        civic_domain::validation::forbidden_char_line(&String::from_utf8_lossy(file))
    {
        errors.add_with(
            "file",
            "catalogue-error-file-control",
            vec![("line", line.to_string())],
            format!("Line {line} of the file contains a control character (such as a NUL byte); remove it and upload again"),
        );
        return None;
    }
    parse_table(file)
        .map_err(|e| {
            errors.add_with(
                "file",
                "catalogue-error-file-unreadable",
                vec![("reason", upload_error_in(lang, &e))],
                format!("The file could not be loaded: {e}"),
            )
        })
        .ok()
}

/// What the add and edit forms send.
#[derive(Debug, Default)]
struct DatasetForm {
    fields: DatasetDescriptionInput,
    kind: String,
    file: Vec<u8>,
    columns: Vec<(usize, String)>,
    columns_cy: Vec<(usize, String)>,
}

async fn read_dataset_form(req: Request, state: &AppState) -> Result<DatasetForm, AppError> {
    let unreadable = |e: String| AppError::Unclear {
        id: "app-error-form-unreadable-because",
        args: vec![("reason", e)],
    };
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
            "title_cy" => f.title_cy = value,
            "description_cy" => f.description_cy = value,
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
            "restricted" => f.restricted = value,
            "how_to_apply" => f.how_to_apply = value,
            "kind" => form.kind = value,
            other => {
                if let Some(i) = other
                    .strip_prefix("column_cy_")
                    .and_then(|i| i.parse().ok())
                {
                    form.columns_cy.push((i, value.trim().to_string()));
                } else if let Some(i) = other.strip_prefix("column_").and_then(|i| i.parse().ok()) {
                    form.columns.push((i, value.trim().to_string()));
                }
            }
        }
    }
    Ok(form)
}

/// Link resources for a dataset hosted elsewhere, named after its title in English and in
/// Welsh (when it has one).
fn link_resources(description: &DatasetDescription) -> Vec<civic_domain::catalogue::Resource> {
    description
        .links
        .iter()
        .enumerate()
        .map(|(i, (format, url))| civic_domain::catalogue::Resource {
            id: crate::catalogue::files::new_resource_id(),
            name: format!("{} ({format}, link {})", description.title, i + 1),
            name_cy: if description.title_cy.is_empty() {
                String::new()
            } else {
                format!("{} ({format}, dolen {})", description.title_cy, i + 1)
            },
            format: format.clone(),
            url: url.clone(),
            hosted: false,
            ..Default::default()
        })
        .collect()
}

/// `POST /staff/bodies/{body}/catalogue/new`: a dataset with a CSV upload (checked row by
/// row; a malformed file is refused with its lines and reasons) or links elsewhere.
pub async fn create(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    req: Request,
) -> Result<Response, AppError> {
    let DatasetForm {
        fields: form,
        kind,
        file,
        ..
    } = read_dataset_form(req, &state).await?;
    let external = kind == "external";
    let mut errors = FieldErrors::default();
    if kind != "upload" && !external {
        errors.add_t(
            "kind",
            "catalogue-error-kind",
            "Choose whether to upload a CSV file or link to data elsewhere",
        );
    }
    let description = match form.validate_for(&body, external) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    let table = if kind == "upload" {
        if file.is_empty() {
            errors.add_t(
                "file",
                "catalogue-error-file-missing",
                "Choose a CSV file to upload",
            );
            None
        } else {
            checked_table(ctx.lang, &file, &mut errors)
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
            upload_resources(
                &description.name,
                (&description.title, &description.title_cy),
                table.columns,
            ),
            table.rows,
        ),
        None => (
            DatasetSource::External,
            link_resources(&description),
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
            errors.add_t(
                "title",
                "catalogue-error-title-taken",
                "You already publish a dataset with this title: choose another",
            );
            form_page(&ctx, body, form, kind, errors, None)
        }
        Err(e) => Err(e.into()),
    }
}

async fn own_dataset(
    state: &AppState,
    body: Body,
    name: &str,
) -> Result<(Body, CatalogueDataset), AppError> {
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
        title_cy: d.title_cy.clone(),
        description_cy: d.description_cy.clone(),
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
        restricted: if d.access == civic_domain::catalogue::AccessRights::Restricted {
            "yes".into()
        } else {
            String::new()
        },
        how_to_apply: d.how_to_apply.clone(),
    }
}

/// `GET /staff/bodies/{body}/catalogue/{name}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, name)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (body, d) = own_dataset(&state, body, &name).await?;
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
    StaffOf { body, .. }: StaffOf,
    Path((_, name)): Path<(String, String)>,
    req: Request,
) -> Result<Response, AppError> {
    let (body, d) = own_dataset(&state, body, &name).await?;
    let DatasetForm {
        fields: form,
        file,
        columns,
        columns_cy,
        ..
    } = read_dataset_form(req, &state).await?;
    let table = d
        .resources
        .first()
        .filter(|r| d.source == DatasetSource::Upload && !r.columns.is_empty())
        .cloned();
    let mut descriptions: Vec<(String, String)> = table
        .as_ref()
        .map(|r| {
            r.columns
                .iter()
                .map(|c| (c.description.clone(), c.description_cy.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut errors = FieldErrors::default();
    for (i, text) in columns {
        if let Some(slot) = descriptions.get_mut(i) {
            if text.chars().count() > 500 {
                errors.add_t(
                    format!("column_{i}"),
                    "catalogue-error-column-length",
                    "Describe the column in 500 characters or fewer",
                );
            }
            slot.0 = text;
        }
    }
    for (i, text) in columns_cy {
        if let Some(slot) = descriptions.get_mut(i) {
            if text.chars().count() > 500 {
                errors.add_t(
                    format!("column_cy_{i}"),
                    "catalogue-error-column-cy-length",
                    "Describe the column in Welsh in 500 characters or fewer",
                );
            }
            slot.1 = text;
        }
    }
    let external = d.source == DatasetSource::External;
    let description = match form.validate_for(&body, external) {
        Ok(description) => Some(description),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    let new_table = if d.source == DatasetSource::Upload && !file.is_empty() {
        checked_table(ctx.lang, &file, &mut errors)
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
                    let (en, cy) = descriptions.get(i).cloned().unwrap_or_default();
                    column.description = en;
                    column.description_cy = cy;
                }
            }
            let resources = upload_resources(
                &d.name,
                (&description.title, &description.title_cy),
                new_table.columns,
            );
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
            let resources = link_resources(&description);
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
    StaffOf { body, .. }: StaffOf,
    Path((_, name)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (body, d) = own_dataset(&state, body, &name).await?;
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
            errors.add_t(
                "withdraw",
                "catalogue-error-withdraw-answered",
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
    use civic_domain::catalogue::UploadError;

    /// Every problem the reader reports, said in English from the message files exactly as
    /// the reader writes it, and in Welsh from the Welsh files.
    fn check(error: &UploadError) {
        let english: Vec<String> = error
            .problems()
            .iter()
            .map(|(line, reason)| format!("line {line}: {reason}"))
            .collect();
        let messages = error.messages();
        assert_eq!(messages.len(), english.len());
        for ((id, args), english) in messages.iter().zip(&english) {
            assert_eq!(Lang::En.t_with(id, &upload_args(args)), *english, "{id}");
            let welsh = Lang::Cy.t_with(id, &upload_args(args));
            assert_ne!(welsh, *english, "{id}");
            assert!(!welsh.contains('{') && !welsh.contains(id), "{id}: {welsh}");
            assert!(welsh.starts_with("llinell "), "{id}: {welsh}");
        }
        assert_eq!(upload_error_in(Lang::En, error), error.to_string());
        assert_eq!(english.join("; "), error.to_string());
    }

    #[test]
    fn every_upload_problem_is_said_the_same_from_the_message_files() {
        let every = UploadError::every_problem();
        let mut ids: Vec<&str> = every.messages().iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), every.problems().len(), "{ids:?}");
        check(&every);
    }

    #[test]
    fn real_upload_problems_are_said_in_the_page_language() {
        let wide = (0..501)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let long = "x".repeat(201);
        let files: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"a,\xff,,a\n1,2,3,4\n".to_vec(),
            format!("{long},b\n1,2\n").into_bytes(),
            format!("{wide}\n").into_bytes(),
            b"a,b\n1,2\n3\n4,5,6\n".to_vec(),
            b"a\n\xff\n".to_vec(),
            b"2026\n\xff\n".to_vec(),
            b"a,b\n".to_vec(),
        ];
        for file in &files {
            let error = parse_table(file)
                .err()
                .unwrap_or_else(|| panic!("{file:?} read"));
            check(&error);
        }
        let error = parse_table(b"a,,a\n1,2,3\n")
            .err()
            .unwrap_or_else(|| panic!("read"));
        assert_eq!(
            upload_error_in(Lang::Cy, &error),
            "llinell 1: nid oes enw gan golofn 2; llinell 1: mae dwy golofn o'r enw \u{201c}a\u{201d}"
        );
        let mut errors = FieldErrors::default();
        assert!(checked_table(Lang::Cy, b"a,b\n1\n", &mut errors).is_none());
        let welsh = crate::app::layout::message_in(Lang::Cy, &errors.0[0]);
        assert_eq!(
            welsh,
            "Nid oedd modd llwytho'r ffeil: llinell 2: nifer y gwerthoedd yn y llinell hon yw 1, \
             ond nifer y colofnau yn y pennawd yw 2"
        );
        assert_eq!(
            errors.0[0].message,
            "The file could not be loaded: line 2: has 1 values but the header names 2 columns"
        );
    }
}
