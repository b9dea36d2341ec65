//! `SupplierStore`, written once for every engine.

use crate::backends::now;
use crate::dialect::{BuilderExt, Dialect, Engine, QueryExt, RowExt, Stamp};
use crate::suppliers::{
    Supplier, SupplierPage, SupplierQuery, SupplierSpend, SupplierStore, VerificationCounts,
};
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::Point;
use civic_domain::place::bounds_around;
use civic_domain::supplier::{
    ExtractEntry, OrgId, OrgScheme, RegisterStatus, Scale, SupplierDraft, VERIFICATION_VALID_DAYS,
    Verification, spend_key, status_in,
};
use sqlx::{AssertSqlSafe, QueryBuilder};
use std::collections::HashMap;

const SELECT: &str = "SELECT s.id, s.org_id, s.name, s.address, s.postcode, s.latitude, \
     s.longitude, s.scale, s.vcse, s.social_enterprise, s.supported_employment, s.standards, \
     s.frameworks, s.areas, s.kinds, s.updated_at, v.status AS v_status, v.registered_name, \
     v.source, v.checked_by, v.checked_on, v.expires_on FROM suppliers s \
     LEFT JOIN organisation_verifications v ON v.org_id = s.org_id ";

/// Binds a supplier's details as `$1`…`$16` (name to kinds, the time of the change, then
/// its latitude band), in the order both the insert and the update name them.
macro_rules! bind_details {
    ($query:expr, $draft:expr, $point:expr) => {
        $query
            .arg($draft.name.as_str())
            .arg($draft.name.to_lowercase())
            .arg($draft.address.as_str())
            .arg($draft.postcode.as_str())
            .arg($point.map(|p| p.lat))
            .arg($point.map(|p| p.long))
            .arg($draft.scale.as_str())
            .arg($draft.vcse)
            .arg($draft.social_enterprise)
            .arg($draft.supported_employment)
            .arg(json(&$draft.standards)?)
            .arg(json(&$draft.frameworks)?)
            .arg(json(&$draft.areas)?)
            .arg(json(&$draft.kinds)?)
            .arg(Stamp(now()))
            .arg($point.map(|p| band(p.lat)))
    };
}

/// Tenths of a degree of latitude, about 11 km: a box around a point is read from the index
/// of points as one range of longitude in each band it spans, rather than as every point in
/// its range of latitude (at 25 miles, about a fifth of a national register).
fn band(lat: f64) -> i64 {
    (lat * 10.0).floor() as i64
}

fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(format!("supplier {what}"))
}

fn json(list: &[String]) -> StorageResult<String> {
    serde_json::to_string(list).map_err(|e| StorageError::Corrupt(e.to_string()))
}

fn list(text: &str, what: &str) -> StorageResult<Vec<String>> {
    serde_json::from_str(text).map_err(|_| corrupt(what))
}

/// The verification of status joined to a row as `v_status`, `registered_name`, `source`,
/// `checked_by`, `checked_on` and `expires_on`, if the org-id has been checked.
pub(crate) fn verification_from<D: Dialect>(row: &D::Row) -> StorageResult<Option<Verification>> {
    let status: Option<String> = row.col("v_status")?;
    let Some(status) = status else {
        return Ok(None);
    };
    Ok(Some(Verification {
        status: RegisterStatus::parse(&status).ok_or_else(|| corrupt("verification"))?,
        registered_name: row.col("registered_name")?,
        source: row.col("source")?,
        checked_by: row.col("checked_by")?,
        checked_on: row.col("checked_on")?,
        expires_on: row.col("expires_on")?,
    }))
}

/// A supplier from its row (its spend names added after).
fn from_row<D: Dialect>(row: &D::Row) -> StorageResult<(i64, Supplier)> {
    let org_id: String = row.col("org_id")?;
    let scale: String = row.col("scale")?;
    let lat: Option<f64> = row.col("latitude")?;
    let long: Option<f64> = row.col("longitude")?;
    let details = SupplierDraft {
        org_id: OrgId::parse(&org_id).ok_or_else(|| corrupt("org-id"))?,
        name: row.col("name")?,
        address: row.col("address")?,
        postcode: row.col("postcode")?,
        scale: Scale::parse(&scale).ok_or_else(|| corrupt("scale"))?,
        vcse: row.col("vcse")?,
        social_enterprise: row.col("social_enterprise")?,
        supported_employment: row.col("supported_employment")?,
        standards: list(&row.col::<String>("standards")?, "standards")?,
        frameworks: list(&row.col::<String>("frameworks")?, "frameworks")?,
        areas: list(&row.col::<String>("areas")?, "areas")?,
        kinds: list(&row.col::<String>("kinds")?, "kinds")?,
        spend_names: Vec::new(),
    };
    let verification = verification_from::<D>(row)?;
    Ok((
        row.col("id")?,
        Supplier {
            details,
            point: lat.zip(long).map(|(lat, long)| Point { lat, long }),
            verification,
            updated_at: row.col("updated_at")?,
        },
    ))
}

/// Fills in the spend names of suppliers read by id.
async fn with_names<D: Dialect>(
    conn: &mut D::Connection,
    mut found: Vec<(i64, Supplier)>,
) -> StorageResult<Vec<Supplier>> {
    let mut names: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in found.chunks(500) {
        let mut sql: QueryBuilder<D> = QueryBuilder::new(
            "SELECT supplier_id, name FROM supplier_spend_names WHERE supplier_id IN (",
        );
        let mut ids = sql.separated(", ");
        for (id, _) in chunk {
            ids.arg(*id);
        }
        sql.push(") ORDER BY supplier_id, name");
        for row in sql.build().all(&mut *conn).await? {
            names
                .entry(row.col("supplier_id")?)
                .or_default()
                .push(row.col("name")?);
        }
    }
    for (id, supplier) in &mut found {
        supplier.details.spend_names = names.remove(id).unwrap_or_default();
    }
    Ok(found.into_iter().map(|(_, s)| s).collect())
}

async fn read<D: Dialect>(
    conn: &mut D::Connection,
    org_id: &OrgId,
) -> StorageResult<Option<Supplier>> {
    let row = D::query(AssertSqlSafe(format!("{SELECT}WHERE s.org_id = $1")))
        .arg(org_id.to_string())
        .optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(with_names::<D>(conn, vec![from_row::<D>(&row)?])
            .await?
            .pop()),
        None => Ok(None),
    }
}

async fn write_names<D: Dialect>(
    conn: &mut D::Connection,
    id: i64,
    draft: &SupplierDraft,
) -> StorageResult<()> {
    D::query("DELETE FROM supplier_spend_names WHERE supplier_id = $1")
        .arg(id)
        .run(&mut *conn)
        .await?;
    let mut keys: Vec<String> = Vec::new();
    for name in &draft.spend_names {
        let key = spend_key(name);
        if keys.contains(&key) {
            continue;
        }
        D::query(
            "INSERT INTO supplier_spend_names (spend_key, supplier_id, name) VALUES ($1, $2, $3)",
        )
        .arg(key.clone())
        .arg(id)
        .arg(name.as_str())
        .run(&mut *conn)
        .await?;
        keys.push(key);
    }
    Ok(())
}

/// Metres in a degree of latitude.
const METRES_PER_DEGREE: f64 = 111_320.0;

/// Pushes the squared distance from `centre` on a flat map of the area, in degrees of
/// latitude.
fn push_flat_distance<D: Dialect>(sql: &mut QueryBuilder<D>, centre: Point) {
    let shrink = centre.lat.to_radians().cos().max(0.01);
    sql.push("((s.latitude - ")
        .arg(centre.lat)
        .push(") * (s.latitude - ")
        .arg(centre.lat)
        .push(") + (s.longitude - ")
        .arg(centre.long)
        .push(") * (s.longitude - ")
        .arg(centre.long)
        .push(") * ")
        .arg(shrink * shrink)
        .push(")");
}

/// Pushes `WHERE …` for suppliers within `metres` of `centre`: the bands and box from the
/// index of points, then the flat-map distance.
fn push_near<D: Dialect>(sql: &mut QueryBuilder<D>, centre: Point, metres: f64) {
    let (lat0, lat1, long0, long1) = bounds_around(centre, metres);
    sql.push("WHERE s.lat_band IN (");
    let mut bands = sql.separated(", ");
    for b in band(lat0)..=band(lat1) {
        bands.arg(b);
    }
    sql.push(") AND s.latitude BETWEEN ")
        .arg(lat0)
        .push(" AND ")
        .arg(lat1)
        .push(" AND s.longitude BETWEEN ")
        .arg(long0)
        .push(" AND ")
        .arg(long1)
        .push(" AND ");
    push_flat_distance(sql, centre);
    let radius = metres / METRES_PER_DEGREE;
    sql.push(" <= ").arg(radius * radius);
}

/// Pushes ` AND …` for each filter of `query` but distance.
fn push_filters<D: Dialect>(sql: &mut QueryBuilder<D>, query: &SupplierQuery) {
    if let Some(text) = query
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        // A handful of words narrows enough; a query of thousands would only make the
        // statement long.
        for word in text.split_whitespace().take(8) {
            sql.push(" AND s.name_search LIKE ")
                .arg(format!("%{}%", word.to_lowercase().replace(['%', '_'], "")));
        }
    }
    if !query.scales.is_empty() {
        sql.push(" AND s.scale IN (");
        let mut scales = sql.separated(", ");
        for scale in &query.scales {
            scales.arg(scale.as_str());
        }
        sql.push(")");
    }
    if query.vcse {
        sql.push(" AND s.vcse = TRUE");
    }
    if query.social_enterprise {
        sql.push(" AND s.social_enterprise = TRUE");
    }
    if query.supported_employment {
        sql.push(" AND s.supported_employment = TRUE");
    }
    // Lists are JSON arrays of strings: an entry matches as `"entry"`, any case.
    for (column, wanted) in [("standards", &query.standard), ("kinds", &query.kind)] {
        if let Some(wanted) = wanted.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
            sql.push(format!(" AND LOWER(s.{column}) LIKE "))
                .arg(format!(
                    "%{}%",
                    serde_json::Value::String(wanted.to_lowercase())
                        .to_string()
                        .replace(['%', '_'], "")
                ));
        }
    }
}

#[async_trait]
impl<S: Engine> SupplierStore for S {
    async fn create_supplier(
        &self,
        draft: &SupplierDraft,
        point: Option<Point>,
    ) -> StorageResult<Supplier> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let taken = S::Db::query("SELECT id FROM suppliers WHERE org_id = $1")
            .arg(draft.org_id.to_string())
            .optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(StorageError::Conflict(format!(
                "a supplier with the identifier {} is registered already",
                draft.org_id
            )));
        }
        let id: i64 = bind_details!(
            S::Db::query(
                "INSERT INTO suppliers (name, name_search, address, postcode, latitude, \
                 longitude, scale, vcse, social_enterprise, supported_employment, standards, \
                 frameworks, areas, kinds, updated_at, lat_band, org_id, created_at) VALUES \
                 ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
                 $15) RETURNING id",
            ),
            draft,
            point
        )
        .arg(draft.org_id.to_string())
        .one(&mut *tx)
        .await?
        .col(0)?;
        write_names::<S::Db>(&mut tx, id, draft).await?;
        let supplier = read::<S::Db>(&mut tx, &draft.org_id)
            .await?
            .ok_or(StorageError::NotFound)?;
        tx.commit().await?;
        Ok(supplier)
    }

    async fn update_supplier(
        &self,
        org_id: &OrgId,
        draft: &SupplierDraft,
        point: Option<Point>,
    ) -> StorageResult<Supplier> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let id: i64 = S::Db::query(AssertSqlSafe(format!(
            "SELECT id FROM suppliers WHERE org_id = $1{}",
            S::Db::FOR_UPDATE
        )))
        .arg(org_id.to_string())
        .optional(&mut *tx)
        .await?
        .ok_or(StorageError::NotFound)?
        .col(0)?;
        bind_details!(
            S::Db::query(
                "UPDATE suppliers SET name = $1, name_search = $2, address = $3, postcode = $4, \
                 latitude = $5, longitude = $6, scale = $7, vcse = $8, social_enterprise = $9, \
                 supported_employment = $10, standards = $11, frameworks = $12, areas = $13, \
                 kinds = $14, updated_at = $15, lat_band = $16 WHERE id = $17",
            ),
            draft,
            point
        )
        .arg(id)
        .run(&mut *tx)
        .await?;
        write_names::<S::Db>(&mut tx, id, draft).await?;
        let supplier = read::<S::Db>(&mut tx, org_id)
            .await?
            .ok_or(StorageError::NotFound)?;
        tx.commit().await?;
        Ok(supplier)
    }

    async fn supplier(&self, org_id: &OrgId) -> StorageResult<Option<Supplier>> {
        read::<S::Db>(&mut *self.read_conn().await?, org_id).await
    }

    async fn search_suppliers(&self, query: &SupplierQuery) -> StorageResult<SupplierPage> {
        let mut conn = self.read_conn().await?;
        if let Some((centre, metres)) = query.near {
            // Within the radius on a flat map of the area (degrees of longitude shrunk by the
            // cosine of the latitude): at a few dozen miles it differs from the great-circle
            // distance by well under one part in a thousand, and as plain arithmetic it is
            // counted, ordered and cut to the page in the database, the same on both engines.
            let mut count: QueryBuilder<S::Db> =
                QueryBuilder::new("SELECT COUNT(*) FROM suppliers s ");
            push_near(&mut count, centre, metres);
            push_filters(&mut count, query);
            let total: i64 = count.build().one(&mut *conn).await?.col(0)?;
            let mut sql: QueryBuilder<S::Db> = QueryBuilder::new("SELECT s.id, ");
            push_flat_distance(&mut sql, centre);
            sql.push(" AS d2 FROM suppliers s ");
            push_near(&mut sql, centre, metres);
            push_filters(&mut sql, query);
            sql.push(" ORDER BY d2, s.id LIMIT ")
                .arg(i64::from(query.limit))
                .push(" OFFSET ")
                .arg(i64::from(query.offset));
            let page: Vec<i64> = sql
                .build()
                .all(&mut *conn)
                .await?
                .iter()
                .map(|row| row.col(0))
                .collect::<StorageResult<_>>()?;
            let mut found: HashMap<i64, Supplier> = HashMap::new();
            if !page.is_empty() {
                let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(SELECT);
                sql.push("WHERE s.id IN (");
                let mut ids = sql.separated(", ");
                for id in &page {
                    ids.arg(*id);
                }
                sql.push(")");
                let rows = sql.build().all(&mut *conn).await?;
                let read = rows
                    .iter()
                    .map(from_row::<S::Db>)
                    .collect::<StorageResult<Vec<_>>>()?;
                found = with_names::<S::Db>(&mut conn, read)
                    .await?
                    .into_iter()
                    .zip(rows.iter().map(|r| r.col::<i64>("id")))
                    .map(|(s, id)| id.map(|id| (id, s)))
                    .collect::<StorageResult<_>>()?;
            }
            return Ok(SupplierPage {
                suppliers: page
                    .into_iter()
                    .filter_map(|id| found.remove(&id))
                    .map(|s| {
                        let metres = s.point.map(|p| centre.distance_m(p));
                        (s, metres)
                    })
                    .collect(),
                total: u64::try_from(total).unwrap_or(0),
            });
        }
        let mut count: QueryBuilder<S::Db> =
            QueryBuilder::new("SELECT COUNT(*) FROM suppliers s WHERE 1 = 1");
        push_filters(&mut count, query);
        let total: i64 = count.build().one(&mut *conn).await?.col(0)?;
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(SELECT);
        sql.push("WHERE 1 = 1");
        push_filters(&mut sql, query);
        sql.push(" ORDER BY s.name_search, s.id LIMIT ")
            .arg(i64::from(query.limit))
            .push(" OFFSET ")
            .arg(i64::from(query.offset));
        let rows = sql.build().all(&mut *conn).await?;
        let found = rows
            .iter()
            .map(from_row::<S::Db>)
            .collect::<StorageResult<Vec<_>>>()?;
        let suppliers = with_names::<S::Db>(&mut conn, found).await?;
        Ok(SupplierPage {
            suppliers: suppliers.into_iter().map(|s| (s, None)).collect(),
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    async fn verify_suppliers(
        &self,
        scheme: OrgScheme,
        extract: &HashMap<String, ExtractEntry>,
        source: &str,
        checked_by: &str,
        checked_on: time::Date,
    ) -> StorageResult<VerificationCounts> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        // Every identifier of the scheme that suppliers or partners carry, once.
        let rows = S::Db::query(
            "SELECT org_id FROM suppliers WHERE org_id LIKE $1 \
             UNION SELECT org_id FROM partners WHERE org_id LIKE $1",
        )
        .arg(format!("{}-%", scheme.prefix()))
        .all(&mut *tx)
        .await?;
        let expires_on = checked_on + time::Duration::days(VERIFICATION_VALID_DAYS);
        let mut counts = VerificationCounts::default();
        for row in &rows {
            let org_id: String = row.col("org_id")?;
            let Some(parsed) = OrgId::parse(&org_id).filter(|o| o.scheme == scheme) else {
                continue;
            };
            let (status, name) = status_in(extract, &parsed);
            match status {
                RegisterStatus::Registered => counts.registered += 1,
                RegisterStatus::Removed => counts.removed += 1,
                RegisterStatus::NotListed => counts.not_listed += 1,
            }
            S::Db::query("DELETE FROM organisation_verifications WHERE org_id = $1")
                .arg(&org_id)
                .run(&mut *tx)
                .await?;
            S::Db::query(
                "INSERT INTO organisation_verifications (org_id, status, registered_name, \
                 source, checked_by, checked_on, expires_on) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .arg(&org_id)
            .arg(status.as_str())
            .arg(name)
            .arg(source)
            .arg(checked_by)
            .arg(checked_on)
            .arg(expires_on)
            .run(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(counts)
    }

    async fn supplier_spend(&self, org_id: &OrgId) -> StorageResult<Vec<SupplierSpend>> {
        // `|| ''` strips the column's text affinity so SQLite can use the expression index.
        let sql = format!(
            "SELECT b.slug, b.name, b.name_cy, l.expense_area, sv.slug AS service_slug, \
             sv.name AS service_name, CAST(SUM(l.amount_pence) AS BIGINT) AS total, COUNT(*) AS payments, \
             MIN(l.paid_on) AS first, MAX(l.paid_on) AS last \
             FROM supplier_spend_names n \
             JOIN suppliers s ON s.id = n.supplier_id \
             JOIN spend_lines l ON {key} = (n.spend_key || '') \
             JOIN bodies b ON b.id = l.body_id \
             LEFT JOIN spend_mappings m ON m.body_id = l.body_id AND m.expense_area = l.expense_area \
             LEFT JOIN services sv ON sv.id = m.service_id \
             WHERE s.org_id = $1 \
             GROUP BY b.slug, b.name, b.name_cy, l.expense_area, sv.slug, sv.name \
             ORDER BY total DESC, b.slug, l.expense_area",
            key = S::Db::SPEND_KEY
        );
        let rows = S::Db::query(AssertSqlSafe(sql))
            .arg(org_id.to_string())
            .all(&mut *self.read_conn().await?)
            .await?;
        rows.iter()
            .map(|row| {
                let service_slug: Option<String> = row.col("service_slug")?;
                let service_name: Option<String> = row.col("service_name")?;
                let first: time::Date = row.col("first")?;
                let last: time::Date = row.col("last")?;
                Ok(SupplierSpend {
                    body: row.col("slug")?,
                    body_name: row.col("name")?,
                    body_name_cy: row.col("name_cy")?,
                    expense_area: row.col("expense_area")?,
                    service: service_slug.zip(service_name),
                    total_pence: row.col("total")?,
                    payments: row.col("payments")?,
                    first: first.to_string(),
                    last: last.to_string(),
                })
            })
            .collect()
    }
}
