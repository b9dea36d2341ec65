//! `CatalogueStore`, written once for every engine. Search compiles the parsed query into
//! SQL: words, phrases and prefixes in the engines' full-text indexes (SQLite FTS5,
//! PostgreSQL tsvector), in the search language services share, ranked by relevance; other
//! fields as exact conditions; facets are `GROUP BY`s over the same filter.

use crate::backends::now;
use crate::catalogue::{
    CatalogueResults, CatalogueSearch, CatalogueSort, CatalogueStore, FacetField, FacetValue,
    Publisher, TableRows,
};
use crate::dialect::{BuilderExt, CatalogueText, Dialect, Engine, QueryExt, RowExt, Stamp};
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::catalogue::{
    AccessRights, CatalogueDataset, Clause, Column, DatasetDescription, DatasetSource, Field,
    Frequency, OwnDataset, Resource, licence, theme,
};
use civic_domain::search::SearchQuery;
use sqlx::query::Query;
use sqlx::{AssertSqlSafe, Database, QueryBuilder};
use std::collections::HashMap;
use time::{Date, OffsetDateTime};

/// The dataset columns every read selects. `modified` is true for Civic's own datasets:
/// the newest record behind them.
/// When a dataset last changed: for Civic's own, the newest record behind it.
macro_rules! modified_expr {
    () => {
        "(CASE d.source \
         WHEN 'service-register' THEN COALESCE((SELECT MAX(s.updated_at) FROM services s \
         WHERE s.body_id = d.body_id), d.modified_at) \
         WHEN 'requests' THEN COALESCE((SELECT MAX(r.updated_at) FROM requests r \
         WHERE r.body_id = d.body_id), d.modified_at) \
         WHEN 'performance' THEN COALESCE((SELECT MAX(m.latest) FROM ( \
         SELECT MAX(r.updated_at) AS latest FROM requests r WHERE r.body_id = d.body_id \
         UNION ALL SELECT MAX(e.last_received_at) FROM datasets e \
         WHERE e.body_id = d.body_id) m), d.modified_at) \
         WHEN 'spend' THEN COALESCE((SELECT MAX(u.uploaded_at) FROM spend_uploads u \
         WHERE u.body_id = d.body_id), d.modified_at) \
         WHEN 'data-requests' THEN COALESCE((SELECT MAX(m.latest) FROM ( \
         SELECT MAX(q.confirmed_at) AS latest FROM data_requests q \
         WHERE q.body_id = d.body_id \
         UNION ALL SELECT MAX(q.answered_at) FROM data_requests q WHERE q.body_id = d.body_id \
         UNION ALL SELECT MAX(p.confirmed_at) FROM data_request_supports p \
         JOIN data_requests q ON q.id = p.request_id WHERE q.body_id = d.body_id) m), \
         d.modified_at) \
         WHEN 'data-sharing' THEN COALESCE((SELECT MAX(a.updated_at) FROM sharing_agreements a \
         WHERE a.body_id = d.body_id), d.modified_at) \
         WHEN 'digital-help' THEN COALESCE((SELECT MAX(m.latest) FROM ( \
         SELECT MAX(p.updated_at) AS latest FROM places p WHERE p.body_id = d.body_id \
         UNION ALL SELECT MAX(u.reported_at) FROM place_usage u \
         JOIN places p ON p.id = u.place_id WHERE p.body_id = d.body_id) m), d.modified_at) \
         ELSE d.modified_at END)"
    };
}

macro_rules! catalogue_select {
    () => {
        concat!(
            "SELECT d.id, d.name, b.slug AS body_slug, b.name AS body_name, \
             b.name_cy AS body_name_cy, d.source, d.title, d.description, d.title_cy, \
             d.description_cy, d.licence, d.frequency, d.theme, d.temporal_start, \
             d.temporal_end, d.spatial, d.contact_name, d.contact_email, d.created_at, \
             d.access_rights, d.how_to_apply, ",
            modified_expr!(),
            " AS modified"
        )
    };
}

macro_rules! catalogue_from {
    () => {
        " FROM catalogue_datasets d JOIN bodies b ON b.id = d.body_id"
    };
}
const FROM: &str = catalogue_from!();

/// `%value%` with LIKE's wildcards escaped.
fn like(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('%');
    for c in value.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

fn day_text(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Reads a stored `YYYY-MM-DD` date.
pub(crate) fn parse_day(text: Option<String>) -> StorageResult<Option<Date>> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    text.map(|t| Date::parse(&t, &format).map_err(|_| StorageError::Corrupt(format!("date {t}"))))
        .transpose()
}

/// A publishing body as its datasets' search text names it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyNames<'a> {
    /// Its identifier.
    pub slug: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its name in Welsh, or empty.
    pub name_cy: &'a str,
}

/// The lower-case text free words are matched against.
fn search_text(body: BodyNames<'_>, name: &str, d: &DatasetDescription) -> String {
    let theme = theme(&d.theme).map_or("", |t| t.title);
    [
        d.title.as_str(),
        name,
        d.description.as_str(),
        &d.tags.join(" "),
        body.slug,
        body.name,
        body.name_cy,
        d.spatial.as_str(),
        theme,
    ]
    .join(" \u{1f} ")
    .to_lowercase()
}

/// A text and its Welsh, lower-cased, as one searched column holds them (the English first,
/// so ordering by it orders by the English).
fn both_languages(en: &str, cy: &str) -> String {
    if cy.is_empty() {
        en.to_lowercase()
    } else {
        format!("{en} \u{1f} {cy}").to_lowercase()
    }
}

fn random_id() -> String {
    let bytes: [u8; 16] = rand::random();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// Gives every resource without an identifier a fresh UUID.
pub(crate) fn with_ids(resources: &[Resource]) -> Vec<Resource> {
    resources
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if r.id.is_empty() {
                r.id = random_id();
            }
            r
        })
        .collect()
}

/// A body's id and name; `NotFound` for an unknown identifier.
pub(crate) async fn body_of<D: Dialect>(
    conn: &mut D::Connection,
    slug: &str,
) -> StorageResult<(i64, String)> {
    let (id, name, _) = body_names_of::<D>(conn, slug).await?;
    Ok((id, name))
}

/// A body's id, name and Welsh name (empty when it has none); `NotFound` for an unknown
/// identifier.
async fn body_names_of<D: Dialect>(
    conn: &mut D::Connection,
    slug: &str,
) -> StorageResult<(i64, String, String)> {
    // Locking the body's row serialises its catalogue writes, so two concurrent listings of
    // its own datasets (start-up and a new body) cannot both insert.
    let sql = format!(
        "SELECT id, name, name_cy FROM bodies WHERE slug = $1{}",
        D::FOR_NO_KEY_UPDATE
    );
    let row = D::query(AssertSqlSafe(sql)).arg(slug).one(conn).await?;
    Ok((row.col(0)?, row.col(1)?, row.col(2)?))
}

/// A dataset's own columns from a row of `catalogue_select!` (its keywords and resources
/// are read apart).
fn catalogue_from_row<D: Dialect>(row: &D::Row) -> StorageResult<CatalogueDataset> {
    let source: String = row.col("source")?;
    let d = description_from_row::<D>(row)?;
    Ok(CatalogueDataset {
        id: row.col("id")?,
        name: d.name,
        body: row.col("body_slug")?,
        body_name: row.col("body_name")?,
        body_name_cy: row.col("body_name_cy")?,
        source: DatasetSource::parse(&source)
            .ok_or_else(|| StorageError::Corrupt(format!("catalogue source {source}")))?,
        title: d.title,
        description: d.description,
        title_cy: d.title_cy,
        description_cy: d.description_cy,
        licence: d.licence,
        frequency: d.frequency,
        theme: d.theme,
        tags: d.tags,
        temporal_start: d.temporal_start,
        temporal_end: d.temporal_end,
        spatial: d.spatial,
        contact_name: d.contact_name,
        contact_email: d.contact_email,
        access: d.access,
        how_to_apply: d.how_to_apply,
        created_at: row.col("created_at")?,
        modified_at: row.col("modified")?,
        resources: Vec::new(),
    })
}

/// A dataset's name and described columns from a row holding them by name; its keywords
/// and links are read apart (left empty here).
fn description_from_row<D: Dialect>(row: &D::Row) -> StorageResult<DatasetDescription> {
    let frequency: String = row.col("frequency")?;
    let access: String = row.col("access_rights")?;
    Ok(DatasetDescription {
        name: row.col("name")?,
        title: row.col("title")?,
        description: row.col("description")?,
        title_cy: row.col("title_cy")?,
        description_cy: row.col("description_cy")?,
        licence: row.col("licence")?,
        frequency: Frequency::parse(&frequency)
            .ok_or_else(|| StorageError::Corrupt(format!("catalogue frequency {frequency}")))?,
        theme: row.col("theme")?,
        tags: Vec::new(),
        temporal_start: parse_day(row.col("temporal_start")?)?,
        temporal_end: parse_day(row.col("temporal_end")?)?,
        spatial: row.col("spatial")?,
        contact_name: row.col("contact_name")?,
        contact_email: row.col("contact_email")?,
        links: Vec::new(),
        access: AccessRights::parse(&access)
            .ok_or_else(|| StorageError::Corrupt(format!("catalogue access rights {access}")))?,
        how_to_apply: row.col("how_to_apply")?,
    })
}

/// Reads the datasets `rows` name, with their keywords and resources.
async fn complete_datasets<S: Engine>(
    store: &S,
    rows: Vec<<S::Db as Database>::Row>,
) -> StorageResult<Vec<CatalogueDataset>> {
    let mut datasets = rows
        .iter()
        .map(catalogue_from_row::<S::Db>)
        .collect::<StorageResult<Vec<_>>>()?;
    if datasets.is_empty() {
        return Ok(datasets);
    }
    let index: HashMap<i64, usize> = datasets
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect();
    let mut tags: QueryBuilder<S::Db> =
        QueryBuilder::new("SELECT dataset_id, tag FROM catalogue_tags WHERE dataset_id IN (");
    let mut list = tags.separated(", ");
    for d in &datasets {
        list.arg(d.id);
    }
    tags.push(") ORDER BY dataset_id, tag");
    for row in tags.build().all(&mut *store.read_conn().await?).await? {
        let id: i64 = row.col("dataset_id")?;
        if let Some(&i) = index.get(&id) {
            datasets[i].tags.push(row.col("tag")?);
        }
    }
    let mut res: QueryBuilder<S::Db> = QueryBuilder::new(
        "SELECT id, dataset_id, name, description, name_cy, description_cy, format, url, \
         columns, hosted FROM catalogue_resources WHERE dataset_id IN (",
    );
    let mut list = res.separated(", ");
    for d in &datasets {
        list.arg(d.id);
    }
    res.push(") ORDER BY dataset_id, position");
    for row in res.build().all(&mut *store.read_conn().await?).await? {
        let id: i64 = row.col("dataset_id")?;
        let columns: String = row.col("columns")?;
        let columns: Vec<Column> = serde_json::from_str(&columns)
            .map_err(|e| StorageError::Corrupt(format!("resource columns: {e}")))?;
        if let Some(&i) = index.get(&id) {
            datasets[i].resources.push(Resource {
                id: row.col("id")?,
                name: row.col("name")?,
                description: row.col("description")?,
                name_cy: row.col("name_cy")?,
                description_cy: row.col("description_cy")?,
                format: row.col("format")?,
                url: row.col("url")?,
                columns,
                hosted: row.col("hosted")?,
            });
        }
    }
    Ok(datasets)
}

/// A dataset by its unique name, complete.
async fn dataset_by_name<S: Engine>(
    store: &S,
    name: &str,
) -> StorageResult<Option<CatalogueDataset>> {
    let sql = concat!(catalogue_select!(), catalogue_from!(), " WHERE d.name = $1");
    let rows = S::Db::query(sql)
        .arg(name)
        .all(&mut *store.read_conn().await?)
        .await?;
    Ok(complete_datasets(store, rows).await?.pop())
}

/// A dataset just written, complete, with the certificate it now earns stored.
async fn certified<S: Engine>(store: &S, name: &str) -> StorageResult<CatalogueDataset> {
    let dataset = dataset_by_name(store, name)
        .await?
        .ok_or(StorageError::NotFound)?;
    store_certificate(store, &dataset).await?;
    Ok(dataset)
}

/// Marks a staff dataset changed now.
async fn touch<D: Dialect>(conn: &mut D::Connection, id: i64) -> StorageResult<()> {
    D::query("UPDATE catalogue_datasets SET modified_at = $1 WHERE id = $2")
        .arg(Stamp(now()))
        .arg(id)
        .run(conn)
        .await?;
    Ok(())
}

/// Stores the certificate a dataset now earns.
async fn store_certificate<S: Engine>(store: &S, dataset: &CatalogueDataset) -> StorageResult<()> {
    let level = dataset
        .certificate(OffsetDateTime::now_utc())
        .level
        .map_or("", |l| l.as_str());
    S::Db::query("UPDATE catalogue_datasets SET certificate = $1 WHERE id = $2")
        .arg(level)
        .arg(dataset.id)
        .run(&mut *store.write_conn().await?)
        .await?;
    Ok(())
}

/// The dataset description columns [`bind_description`] binds, in its order.
const DESCRIPTION_COLUMNS: &str = "title, description, title_cy, description_cy, licence, \
     frequency, theme, temporal_start, temporal_end, spatial, contact_name, contact_email, \
     search_text, title_text, notes_text";

/// Binds `$1`–`$15`: a dataset's description columns, in the order of
/// [`DESCRIPTION_COLUMNS`]: title and description in English and Welsh, licence,
/// frequency, theme, temporal start and end, spatial, contact name and email, search text,
/// lower-cased titles and notes (both languages).
fn bind_description<'q, D: Dialect>(
    query: Query<'q, D, D::Arguments>,
    (body, name): (BodyNames<'_>, &str),
    d: &'q DatasetDescription,
) -> Query<'q, D, D::Arguments> {
    query
        .arg(&d.title)
        .arg(&d.description)
        .arg(&d.title_cy)
        .arg(&d.description_cy)
        .arg(&d.licence)
        .arg(d.frequency.as_str())
        .arg(&d.theme)
        .arg(day_text(d.temporal_start))
        .arg(day_text(d.temporal_end))
        .arg(&d.spatial)
        .arg(&d.contact_name)
        .arg(&d.contact_email)
        .arg(search_text(body, name, d))
        .arg(both_languages(&d.title, &d.title_cy))
        .arg(both_languages(&d.description, &d.description_cy))
}

/// Inserts a dataset's row and keywords; `body_id` and `body` are its body's.
async fn insert_dataset<D: Dialect>(
    conn: &mut D::Connection,
    (body_id, body): (i64, BodyNames<'_>),
    source: DatasetSource,
    d: &DatasetDescription,
) -> StorageResult<i64> {
    let insert = D::query(AssertSqlSafe(format!(
        "INSERT INTO catalogue_datasets ({DESCRIPTION_COLUMNS}, body_id, name, source, \
         certificate, created_at, modified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
         $10, $11, $12, $13, $14, $15, $16, $17, $18, '', $19, $19) RETURNING id"
    )));
    let id: i64 = bind_description::<D>(insert, (body, &d.name), d)
        .arg(body_id)
        .arg(&d.name)
        .arg(source.as_str())
        .arg(Stamp(now()))
        .one(&mut *conn)
        .await?
        .col(0)?;
    write_tags::<D>(&mut *conn, id, &d.tags).await?;
    write_access::<D>(&mut *conn, id, d).await?;
    Ok(id)
}

/// Records who may download a dataset's files, in the caller's transaction.
async fn write_access<D: Dialect>(
    conn: &mut D::Connection,
    id: i64,
    d: &DatasetDescription,
) -> StorageResult<()> {
    D::query("UPDATE catalogue_datasets SET access_rights = $1, how_to_apply = $2 WHERE id = $3")
        .arg(d.access.as_str())
        .arg(&d.how_to_apply)
        .arg(id)
        .run(conn)
        .await?;
    Ok(())
}

/// The id of a dataset `body`'s staff added; `NotFound` for any other.
async fn staff_dataset<D: Dialect>(
    conn: &mut D::Connection,
    body: &str,
    name: &str,
) -> StorageResult<i64> {
    D::query(
        "SELECT d.id FROM catalogue_datasets d JOIN bodies b ON b.id = d.body_id \
         WHERE b.slug = $1 AND d.name = $2 AND d.source IN ('upload', 'external')",
    )
    .arg(body)
    .arg(name)
    .one(conn)
    .await?
    .col(0)
}

/// Removes a dataset's resources and the rows of its tables.
async fn remove_resources<D: Dialect>(conn: &mut D::Connection, id: i64) -> StorageResult<()> {
    for sql in [
        "DELETE FROM catalogue_rows WHERE resource_id IN \
         (SELECT id FROM catalogue_resources WHERE dataset_id = $1)",
        "DELETE FROM catalogue_resources WHERE dataset_id = $1",
    ] {
        D::query(sql).arg(id).run(&mut *conn).await?;
    }
    Ok(())
}

/// Replaces a dataset's keywords.
async fn write_tags<D: Dialect>(
    conn: &mut D::Connection,
    id: i64,
    tags: &[String],
) -> StorageResult<()> {
    D::query("DELETE FROM catalogue_tags WHERE dataset_id = $1")
        .arg(id)
        .run(&mut *conn)
        .await?;
    for tag in tags {
        D::query("INSERT INTO catalogue_tags (dataset_id, tag) VALUES ($1, $2)")
            .arg(id)
            .arg(tag)
            .run(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Writes a dataset's resources in order, keeping the ids of those it had; the first
/// holds `first_rows` rows.
async fn write_resources<D: Dialect>(
    conn: &mut D::Connection,
    id: i64,
    resources: &[Resource],
    first_rows: i64,
) -> StorageResult<()> {
    for (position, r) in resources.iter().enumerate() {
        let columns = serde_json::to_string(&r.columns)
            .map_err(|e| StorageError::Corrupt(format!("resource columns: {e}")))?;
        D::query(
            "INSERT INTO catalogue_resources (id, dataset_id, position, name, \
             description, format, url, columns, hosted, row_count, name_cy, description_cy) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, \
             name = excluded.name, description = excluded.description, \
             format = excluded.format, url = excluded.url, \
             columns = excluded.columns, hosted = excluded.hosted, \
             name_cy = excluded.name_cy, description_cy = excluded.description_cy",
        )
        .arg(&r.id)
        .arg(id)
        .arg(i32::try_from(position).unwrap_or(i32::MAX))
        .arg(&r.name)
        .arg(&r.description)
        .arg(&r.format)
        .arg(&r.url)
        .arg(columns)
        .arg(r.hosted)
        .arg(if position == 0 { first_rows } else { 0 })
        .arg(&r.name_cy)
        .arg(&r.description_cy)
        .run(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Appends rows to a hosted table, numbered on from `first`.
async fn insert_rows<D: Dialect>(
    conn: &mut D::Connection,
    resource: &str,
    first: i64,
    rows: &[Vec<String>],
) -> StorageResult<()> {
    let mut n = first;
    for chunk in rows.chunks(500) {
        let mut sql: QueryBuilder<D> =
            QueryBuilder::new("INSERT INTO catalogue_rows (resource_id, n, cells) ");
        let mut failed = None;
        sql.push_values(chunk, |mut b, row| {
            n += 1;
            let cells = serde_json::to_string(row).unwrap_or_else(|e| {
                failed = Some(e.to_string());
                String::new()
            });
            b.arg(resource.to_string()).arg(n).arg(cells);
        });
        if let Some(e) = failed {
            return Err(StorageError::Corrupt(format!("row cells: {e}")));
        }
        sql.build().run(&mut *conn).await?;
    }
    Ok(())
}

/// Pushes a search clause as a condition over `d` (datasets) and `b` (bodies).
fn push_clause<D: Dialect>(sql: &mut QueryBuilder<D>, clause: &Clause, welsh: bool) {
    match clause {
        Clause::All => {
            sql.push("1 = 1");
        }
        Clause::Term(field, value) => {
            // Every term is a condition with one bound value inside it.
            let text = match field {
                Field::Text => Some(CatalogueText::Anywhere),
                Field::Title => Some(CatalogueText::Title),
                Field::Notes => Some(CatalogueText::Notes),
                _ => None,
            };
            if let Some(text) = text {
                let query = text_query(value, welsh);
                if query.is_empty() {
                    // Only words too common to search by: they narrow nothing.
                    sql.push("1 = 1");
                } else {
                    D::push_catalogue_match(sql, text, &query);
                }
                return;
            }
            let (before, bound, after) = match field {
                Field::Text | Field::Title | Field::Notes => return,
                Field::Name => ("d.name = ", value.clone(), ""),
                Field::Tags => (
                    "EXISTS (SELECT 1 FROM catalogue_tags t \
                     WHERE t.dataset_id = d.id AND t.tag = ",
                    value.clone(),
                    ")",
                ),
                Field::Organization => ("b.slug = ", value.clone(), ""),
                Field::ResFormat => (
                    "EXISTS (SELECT 1 FROM catalogue_resources r \
                     WHERE r.dataset_id = d.id AND r.format = ",
                    value.clone(),
                    ")",
                ),
                Field::LicenseId => ("d.licence = ", value.clone(), ""),
                Field::Groups => ("d.theme = ", value.clone(), ""),
                Field::Source => ("d.source = ", value.clone(), ""),
                // The parser only lets these take ranges.
                Field::MetadataModified | Field::MetadataCreated => {
                    sql.push("1 = 0");
                    return;
                }
            };
            sql.push(before).arg(bound).push(after);
        }
        Clause::Range(field, from, to) => {
            let column = if *field == Field::MetadataCreated {
                "d.created_at"
            } else {
                modified_expr!()
            };
            sql.push("1 = 1");
            if let Some((t, inclusive)) = from {
                sql.push(format!(
                    " AND {column} {} ",
                    if *inclusive { ">=" } else { ">" }
                ));
                sql.arg(Stamp(*t));
            }
            if let Some((t, inclusive)) = to {
                sql.push(format!(
                    " AND {column} {} ",
                    if *inclusive { "<=" } else { "<" }
                ));
                sql.arg(Stamp(*t));
            }
        }
        Clause::Not(inner) => {
            sql.push("NOT (");
            push_clause::<D>(sql, inner, welsh);
            sql.push(")");
        }
        Clause::And(parts) | Clause::Or(parts) => {
            let joiner = if matches!(clause, Clause::And(_)) {
                " AND "
            } else {
                " OR "
            };
            sql.push("(");
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    sql.push(joiner);
                }
                sql.push("(");
                push_clause::<D>(sql, part, welsh);
                sql.push(")");
            }
            sql.push(")");
        }
    }
}

/// A term of a text field in the search language both engines share: a phrase when it
/// holds several words (a quoted phrase in the query), else a word or `prefix*`.
/// On a Welsh page a word also matches its mutated forms.
fn text_query(value: &str, welsh: bool) -> SearchQuery {
    let query = if value.split_whitespace().nth(1).is_some() {
        SearchQuery::parse(&format!("\"{}\"", value.replace('"', " ")))
    } else {
        SearchQuery::parse(value)
    };
    if welsh {
        query.with_welsh_mutations()
    } else {
        query
    }
}

/// Pushes the `WHERE` of a search: its clause and certificate level.
fn push_filter<D: Dialect>(sql: &mut QueryBuilder<D>, search: &CatalogueSearch) {
    sql.push(" WHERE (");
    push_clause::<D>(sql, &search.query.0, search.welsh);
    sql.push(")");
    if let Some(level) = search.certificate {
        sql.push(" AND d.certificate = ").arg(level.as_str());
    }
}

/// The total and every requested facet in one statement: the filter is
/// evaluated once into `hits` and each facet is a `GROUP BY` over it.
async fn counts<S: Engine>(
    store: &S,
    search: &CatalogueSearch,
) -> StorageResult<(i64, Vec<(FacetField, Vec<FacetValue>)>)> {
    let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
        "WITH hits AS MATERIALIZED (SELECT d.id, b.slug, b.name AS body_name, \
         b.name_cy AS body_name_cy, d.licence, d.theme, d.certificate, d.source FROM catalogue_datasets d \
         JOIN bodies b ON b.id = d.body_id",
    );
    push_filter::<S::Db>(&mut sql, search);
    sql.push(
        ") SELECT 'count' AS facet, '' AS value, '' AS label, '' AS label_cy, COUNT(*) AS n \
         FROM hits",
    );
    for field in &search.facets {
        sql.push(match field {
            FacetField::Organization => {
                " UNION ALL SELECT 'organization', slug, body_name, body_name_cy, COUNT(*) \
                 FROM hits GROUP BY slug, body_name, body_name_cy"
            }
            FacetField::LicenseId => {
                " UNION ALL SELECT 'license_id', licence, licence, '', COUNT(*) FROM hits \
                 GROUP BY licence"
            }
            FacetField::Groups => {
                " UNION ALL SELECT 'groups', theme, theme, '', COUNT(*) FROM hits GROUP BY theme"
            }
            FacetField::Certificate => {
                " UNION ALL SELECT 'certificate', certificate, certificate, '', COUNT(*) \
                 FROM hits GROUP BY certificate"
            }
            FacetField::Source => {
                " UNION ALL SELECT 'source', source, source, '', COUNT(*) FROM hits \
                 GROUP BY source"
            }
            FacetField::Tags => {
                " UNION ALL SELECT 'tags', t.tag, t.tag, '', COUNT(*) FROM hits \
                 JOIN catalogue_tags t ON t.dataset_id = hits.id GROUP BY t.tag"
            }
            FacetField::ResFormat => {
                " UNION ALL SELECT 'res_format', r.format, r.format, '', \
                 COUNT(DISTINCT r.dataset_id) FROM hits \
                 JOIN catalogue_resources r ON r.dataset_id = hits.id GROUP BY r.format"
            }
        });
    }
    let rows = sql.build().all(&mut *store.read_conn().await?).await?;
    let mut total = 0;
    let mut by_field: HashMap<String, Vec<FacetValue>> = HashMap::new();
    for row in rows {
        let facet: String = row.col(0)?;
        let count: i64 = row.col(4)?;
        if facet == "count" {
            total = count;
            continue;
        }
        let name: String = row.col(1)?;
        if name.is_empty() {
            continue;
        }
        let shown: String = row.col(2)?;
        let display_name_cy: String = row.col(3)?;
        let display_name = match facet.as_str() {
            "license_id" => licence(&name).map_or(shown, |l| l.title.into()),
            "groups" => theme(&name).map_or(shown, |t| t.title.into()),
            "certificate" => civic_domain::catalogue::CertificateLevel::parse(&name)
                .map_or(shown, |l| l.label().into()),
            _ => shown,
        };
        by_field.entry(facet).or_default().push(FacetValue {
            name,
            display_name,
            display_name_cy,
            count,
        });
    }
    let limit = usize::try_from(search.facet_limit).unwrap_or(0);
    let facets = search
        .facets
        .iter()
        .map(|field| {
            let mut values = by_field.remove(field.as_str()).unwrap_or_default();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
            values.truncate(limit);
            (*field, values)
        })
        .collect();
    Ok((total, facets))
}

/// The dataset of `source` that Civic keeps for `body`, if listed.
async fn dataset_by_name_for<S: Engine>(
    store: &S,
    body: &str,
    source: DatasetSource,
) -> StorageResult<Option<CatalogueDataset>> {
    let row = S::Db::query(
        "SELECT d.name FROM catalogue_datasets d JOIN bodies b ON b.id = d.body_id \
         WHERE b.slug = $1 AND d.source = $2",
    )
    .arg(body)
    .arg(source.as_str())
    .optional(&mut *store.read_conn().await?)
    .await?;
    match row {
        Some(row) => dataset_by_name(store, &row.col::<String>(0)?).await,
        None => Ok(None),
    }
}

/// A stored dataset's description (its links are left out: only staff datasets have them).
async fn stored_description<D: Dialect>(
    conn: &mut D::Connection,
    id: i64,
) -> StorageResult<DatasetDescription> {
    let row = D::query(AssertSqlSafe(format!(
        "SELECT name, {DESCRIPTION_COLUMNS}, access_rights, how_to_apply FROM catalogue_datasets \
         WHERE id = $1"
    )))
    .arg(id)
    .one(&mut *conn)
    .await?;
    let mut description = description_from_row::<D>(&row)?;
    description.tags =
        D::query("SELECT tag FROM catalogue_tags WHERE dataset_id = $1 ORDER BY tag")
            .arg(id)
            .all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.col(0))
            .collect::<StorageResult<Vec<String>>>()?;
    Ok(description)
}

/// Brings a listed own dataset up to date without undoing staff's edits: Welsh is written
/// where there is none yet, or where it is what Civic wrote before the body had a Welsh
/// name; the search text is made again (the body may have a new name).
async fn refresh_own<D: Dialect>(
    conn: &mut D::Connection,
    id: i64,
    body: BodyNames<'_>,
    own: &OwnDataset,
) -> StorageResult<()> {
    let mut stored = stored_description::<D>(&mut *conn, id).await?;
    let (old_title, old_description) = own
        .replaces_cy
        .as_ref()
        .map_or(("", ""), |(t, d)| (t.as_str(), d.as_str()));
    if stored.title_cy.trim().is_empty() || stored.title_cy == old_title {
        stored.title_cy = own.description.title_cy.clone();
    }
    if stored.description_cy.trim().is_empty() || stored.description_cy == old_description {
        stored.description_cy = own.description.description_cy.clone();
    }
    let update = D::query(AssertSqlSafe(format!(
        "UPDATE catalogue_datasets SET ({DESCRIPTION_COLUMNS}) = ($1, $2, $3, $4, $5, $6, \
         $7, $8, $9, $10, $11, $12, $13, $14, $15) WHERE id = $16"
    )));
    let name = stored.name.clone();
    bind_description::<D>(update, (body, &name), &stored)
        .arg(id)
        .run(&mut *conn)
        .await?;
    Ok(())
}

#[async_trait]
impl<S: Engine> CatalogueStore for S {
    async fn publish_own_datasets(&self, body: &str, own: &[OwnDataset]) -> StorageResult<()> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let (body_id, body_name, body_name_cy) = body_names_of::<S::Db>(&mut *tx, body).await?;
        let names = BodyNames {
            slug: body,
            name: &body_name,
            name_cy: &body_name_cy,
        };
        for dataset in own {
            let d = &dataset.description;
            let existing = S::Db::query(
                "SELECT id FROM catalogue_datasets WHERE body_id = $1 AND source = $2",
            )
            .arg(body_id)
            .arg(dataset.source.as_str())
            .optional(&mut tx)
            .await?;
            let id: i64 = match existing {
                Some(row) => {
                    let id = row.col(0)?;
                    refresh_own::<S::Db>(&mut tx, id, names, dataset).await?;
                    id
                }
                None => {
                    insert_dataset::<S::Db>(&mut *tx, (body_id, names), dataset.source, d).await?
                }
            };
            let ids: Vec<&str> = dataset.resources.iter().map(|r| r.id.as_str()).collect();
            let mut stale: QueryBuilder<S::Db> =
                QueryBuilder::new("DELETE FROM catalogue_resources WHERE dataset_id = ");
            stale.arg(id);
            if !ids.is_empty() {
                stale.push(" AND id NOT IN (");
                let mut list = stale.separated(", ");
                for r in &ids {
                    list.arg(r.to_string());
                }
                stale.push(")");
            }
            stale.build().run(&mut tx).await?;
            write_resources::<S::Db>(&mut *tx, id, &dataset.resources, 0).await?;
        }
        tx.commit().await?;
        for dataset in own {
            if let Some(d) = dataset_by_name_for(self, body, dataset.source).await? {
                store_certificate(self, &d).await?;
            }
        }
        Ok(())
    }

    async fn add_catalogue_dataset(
        &self,
        body: &str,
        source: DatasetSource,
        d: &DatasetDescription,
        resources: &[Resource],
        rows: &[Vec<String>],
    ) -> StorageResult<CatalogueDataset> {
        let resources = with_ids(resources);
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let (body_id, body_name, body_name_cy) = body_names_of::<S::Db>(&mut *tx, body).await?;
        let names = BodyNames {
            slug: body,
            name: &body_name,
            name_cy: &body_name_cy,
        };
        let id = insert_dataset::<S::Db>(&mut *tx, (body_id, names), source, d).await?;
        let count = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        write_resources::<S::Db>(&mut *tx, id, &resources, count).await?;
        if let Some(first) = resources.first() {
            insert_rows::<S::Db>(&mut *tx, &first.id, 0, rows).await?;
        }
        tx.commit().await?;
        certified(self, &d.name).await
    }

    async fn append_catalogue_rows(
        &self,
        resource_id: &str,
        rows: &[Vec<String>],
    ) -> StorageResult<i64> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let have: i64 =
            S::Db::query("SELECT row_count FROM catalogue_resources WHERE id = $1 AND hosted")
                .arg(resource_id)
                .optional(&mut tx)
                .await?
                .ok_or(StorageError::NotFound)?
                .col(0)?;
        insert_rows::<S::Db>(&mut *tx, resource_id, have, rows).await?;
        let total = have + i64::try_from(rows.len()).unwrap_or(i64::MAX);
        S::Db::query("UPDATE catalogue_resources SET row_count = $1 WHERE id = $2")
            .arg(total)
            .arg(resource_id)
            .run(&mut tx)
            .await?;
        S::Db::query(
            "UPDATE catalogue_datasets SET modified_at = $1 WHERE id = \
             (SELECT dataset_id FROM catalogue_resources WHERE id = $2)",
        )
        .arg(Stamp(now()))
        .arg(resource_id)
        .run(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(total)
    }

    async fn describe_catalogue_dataset(
        &self,
        body: &str,
        name: &str,
        d: &DatasetDescription,
    ) -> StorageResult<CatalogueDataset> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let row = S::Db::query(
            "SELECT d.id, b.name, b.name_cy FROM catalogue_datasets d JOIN bodies b \
             ON b.id = d.body_id WHERE b.slug = $1 AND d.name = $2",
        )
        .arg(body)
        .arg(name)
        .optional(&mut tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        let id: i64 = row.col(0)?;
        let body_name: String = row.col(1)?;
        let body_name_cy: String = row.col(2)?;
        let names = BodyNames {
            slug: body,
            name: &body_name,
            name_cy: &body_name_cy,
        };
        let update = S::Db::query(AssertSqlSafe(format!(
            "UPDATE catalogue_datasets SET ({DESCRIPTION_COLUMNS}, modified_at) = ($1, $2, $3, \
             $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) WHERE id = $17"
        )));
        bind_description::<S::Db>(update, (names, name), d)
            .arg(Stamp(now()))
            .arg(id)
            .run(&mut tx)
            .await?;
        write_tags::<S::Db>(&mut *tx, id, &d.tags).await?;
        write_access::<S::Db>(&mut *tx, id, d).await?;
        tx.commit().await?;
        certified(self, name).await
    }

    async fn replace_catalogue_resources(
        &self,
        body: &str,
        name: &str,
        resources: &[Resource],
        rows: &[Vec<String>],
    ) -> StorageResult<CatalogueDataset> {
        let resources = with_ids(resources);
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let id = staff_dataset::<S::Db>(&mut *tx, body, name).await?;
        remove_resources::<S::Db>(&mut *tx, id).await?;
        let count = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        write_resources::<S::Db>(&mut *tx, id, &resources, count).await?;
        if let Some(first) = resources.first() {
            insert_rows::<S::Db>(&mut *tx, &first.id, 0, rows).await?;
        }
        touch::<S::Db>(&mut tx, id).await?;
        tx.commit().await?;
        certified(self, name).await
    }

    async fn withdraw_catalogue_dataset(&self, body: &str, name: &str) -> StorageResult<()> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let id = staff_dataset::<S::Db>(&mut *tx, body, name).await?;
        let answers = S::Db::query("SELECT id FROM data_requests WHERE dataset_name = $1")
            .arg(name)
            .optional(&mut tx)
            .await?;
        if answers.is_some() {
            return Err(StorageError::Conflict(
                "a request for data was answered with this dataset".into(),
            ));
        }
        remove_resources::<S::Db>(&mut *tx, id).await?;
        for sql in [
            "DELETE FROM catalogue_tags WHERE dataset_id = $1",
            "DELETE FROM catalogue_datasets WHERE id = $1",
        ] {
            S::Db::query(sql).arg(id).run(&mut tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn describe_catalogue_columns(
        &self,
        body: &str,
        name: &str,
        resource_id: &str,
        descriptions: &[(String, String)],
    ) -> StorageResult<CatalogueDataset> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let row = S::Db::query(
            "SELECT r.columns, d.id FROM catalogue_resources r \
             JOIN catalogue_datasets d ON d.id = r.dataset_id \
             JOIN bodies b ON b.id = d.body_id \
             WHERE b.slug = $1 AND d.name = $2 AND r.id = $3",
        )
        .arg(body)
        .arg(name)
        .arg(resource_id)
        .optional(&mut tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        let columns: String = row.col(0)?;
        let dataset_id: i64 = row.col(1)?;
        let mut columns: Vec<Column> = serde_json::from_str(&columns)
            .map_err(|e| StorageError::Corrupt(format!("resource columns: {e}")))?;
        for (column, (description, description_cy)) in columns.iter_mut().zip(descriptions) {
            column.description = description.clone();
            column.description_cy = description_cy.clone();
        }
        let columns = serde_json::to_string(&columns)
            .map_err(|e| StorageError::Corrupt(format!("resource columns: {e}")))?;
        S::Db::query("UPDATE catalogue_resources SET columns = $1 WHERE id = $2")
            .arg(columns)
            .arg(resource_id)
            .run(&mut tx)
            .await?;
        touch::<S::Db>(&mut tx, dataset_id).await?;
        tx.commit().await?;
        certified(self, name).await
    }

    async fn catalogue_dataset(&self, name: &str) -> StorageResult<Option<CatalogueDataset>> {
        dataset_by_name(self, name).await
    }

    async fn catalogue_page(
        &self,
        after: &str,
        limit: i64,
    ) -> StorageResult<Vec<CatalogueDataset>> {
        let sql = concat!(
            catalogue_select!(),
            catalogue_from!(),
            " WHERE d.name > $1 ORDER BY d.name LIMIT $2"
        );
        let rows = S::Db::query(sql)
            .arg(after)
            .arg(limit)
            .all(&mut *self.read_conn().await?)
            .await?;
        complete_datasets(self, rows).await
    }

    async fn search_catalogue(&self, search: &CatalogueSearch) -> StorageResult<CatalogueResults> {
        let (total, facets) = counts(self, search).await?;
        if search.rows == 0 || search.start >= total {
            return Ok(CatalogueResults {
                count: total,
                datasets: Vec::new(),
                facets,
            });
        }

        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(catalogue_select!());
        let words: Vec<SearchQuery> = search
            .query
            .words()
            .iter()
            .take(10)
            .map(|w| text_query(w, search.welsh))
            .filter(|q| !q.is_empty())
            .collect();
        if words.is_empty() || search.sort != CatalogueSort::Relevance {
            sql.push(", 0 AS score");
        } else {
            sql.push(", ");
            S::Db::push_catalogue_rank(&mut sql, &words);
            sql.push(" AS score");
        }
        sql.push(FROM);
        push_filter::<S::Db>(&mut sql, search);
        let dir = |asc: bool| if asc { "ASC" } else { "DESC" };
        let order = match search.sort {
            CatalogueSort::Relevance => "score DESC, modified DESC, d.name ASC".to_string(),
            CatalogueSort::Modified(desc) => {
                format!("modified {}, d.name ASC", dir(!desc))
            }
            CatalogueSort::Created(desc) => {
                format!("d.created_at {}, d.name ASC", dir(!desc))
            }
            CatalogueSort::Title(asc) => format!("d.title_text {}, d.name ASC", dir(asc)),
            CatalogueSort::WelshTitle(asc) => format!(
                "COALESCE(NULLIF(d.title_cy, ''), d.title) COLLATE {} {}, d.name ASC",
                S::Db::WELSH_COLLATION,
                dir(asc)
            ),
            CatalogueSort::Name(asc) => format!("d.name {}", dir(asc)),
        };
        sql.push(format!(" ORDER BY {order} LIMIT "));
        sql.arg(search.rows);
        sql.push(" OFFSET ");
        sql.arg(search.start);
        let rows = sql.build().all(&mut *self.read_conn().await?).await?;
        let datasets = complete_datasets(self, rows).await?;
        Ok(CatalogueResults {
            count: total,
            datasets,
            facets,
        })
    }

    async fn catalogue_publishers(&self) -> StorageResult<Vec<Publisher>> {
        let rows = S::Db::query(
            "SELECT b.slug, b.name, b.name_cy, b.created_at, COUNT(d.id) AS n FROM bodies b \
             LEFT JOIN catalogue_datasets d ON d.body_id = b.id \
             GROUP BY b.slug, b.name, b.name_cy, b.created_at ORDER BY b.slug",
        )
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Publisher {
                    slug: r.col("slug")?,
                    name: r.col("name")?,
                    name_cy: r.col("name_cy")?,
                    created_at: r.col("created_at")?,
                    datasets: r.col("n")?,
                })
            })
            .collect()
    }

    async fn catalogue_tags(&self, containing: Option<&str>) -> StorageResult<Vec<String>> {
        let pattern = like(&containing.unwrap_or("").to_lowercase());
        let rows = S::Db::query(
            "SELECT DISTINCT tag FROM catalogue_tags WHERE tag LIKE $1 ESCAPE '\\' \
             ORDER BY tag",
        )
        .arg(pattern)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(|r| r.col(0)).collect()
    }

    async fn catalogue_resource(
        &self,
        id: &str,
    ) -> StorageResult<Option<(CatalogueDataset, usize)>> {
        let row = S::Db::query(
            "SELECT d.name FROM catalogue_resources r \
             JOIN catalogue_datasets d ON d.id = r.dataset_id WHERE r.id = $1",
        )
        .arg(id)
        .optional(&mut *self.read_conn().await?)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let name: String = row.col(0)?;
        let Some(dataset) = dataset_by_name(self, &name).await? else {
            return Ok(None);
        };
        let Some(index) = dataset.resources.iter().position(|r| r.id == id) else {
            return Ok(None);
        };
        Ok(Some((dataset, index)))
    }

    async fn catalogue_rows(
        &self,
        resource_id: &str,
        after: i64,
        limit: i64,
    ) -> StorageResult<TableRows> {
        // The page comes back as one row, the rows' JSON joined as text (no JSON function
        // parses what was stored as JSON): sqlx hands each row of SQLite's across threads
        // with a wake-up, which cost more than reading the row (a table export ran at a
        // third of the sqlite3 command line's speed).
        let sql = format!(
            "SELECT {}('[' || n || ',' || cells || ']', ',') FROM (SELECT n, cells \
             FROM catalogue_rows WHERE resource_id = $1 AND n > $2 ORDER BY n LIMIT $3) page",
            S::Db::JOIN_TEXTS
        );
        let row = S::Db::query(AssertSqlSafe(sql))
            .arg(resource_id)
            .arg(after)
            .arg(limit)
            .one(&mut *self.read_conn().await?)
            .await?;
        Ok(TableRows::from_joined(row.col::<Option<String>>(0)?))
    }

    async fn refresh_certificates(&self, now: OffsetDateTime) -> StorageResult<u64> {
        let mut changed = 0;
        let mut after = String::new();
        loop {
            let page = self.catalogue_page(&after, 500).await?;
            let Some(last) = page.last() else {
                break;
            };
            after = last.name.clone();
            let stored: HashMap<i64, String> = {
                let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
                    "SELECT id, certificate FROM catalogue_datasets WHERE id IN (",
                );
                let mut list = sql.separated(", ");
                for d in &page {
                    list.arg(d.id);
                }
                sql.push(")");
                sql.build()
                    .all(&mut *self.read_conn().await?)
                    .await?
                    .iter()
                    .map(|r| Ok((r.col(0)?, r.col(1)?)))
                    .collect::<StorageResult<_>>()?
            };
            for d in &page {
                let level = d.certificate(now).level.map_or("", |l| l.as_str());
                if stored.get(&d.id).map(String::as_str) != Some(level) {
                    S::Db::query("UPDATE catalogue_datasets SET certificate = $1 WHERE id = $2")
                        .arg(level)
                        .arg(d.id)
                        .run(&mut *self.write_conn().await?)
                        .await?;
                    changed += 1;
                }
            }
        }
        Ok(changed)
    }
}
