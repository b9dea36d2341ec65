//! `PlaceStore`, written once for every engine.

use crate::backends::now;
use crate::dialect::{BuilderExt, Dialect, Engine, QueryExt, RowExt, Stamp};
use crate::places::{HelpAtPlace, PlaceStore, PlaceUsage};
use crate::services::body_id;
use crate::{Actor, StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::DigitalInclusionLevel;
use civic_domain::openreferral::{help_at_place_feed_id, place_feed_id, service_feed_id};
use civic_domain::place::{
    Access, Booking, ClockTime, Day, HelpKind, Month, NearbyPlace, Opening, Place, PlaceAddress,
    PlaceDraft, PlaceKind, UsageReport, bounds_around,
};
use civic_domain::request::Point;
use civic_domain::slugify;
use sqlx::QueryBuilder;
use std::collections::HashMap;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The columns a place is read from, joined to its body.
macro_rules! place_select {
    () => {
        "SELECT p.id, b.slug AS body_slug, p.slug, p.feed_id, p.name, p.name_cy, p.kind, \
         p.description, p.description_cy, p.uprn, p.address, p.postcode, p.latitude, \
         p.longitude, p.opening, p.opening_note, p.opening_note_cy, p.help, p.course_levels, \
         p.accessibility, p.languages, p.booking, p.phone, p.email, p.website, p.active, \
         p.updated_at FROM places p JOIN bodies b ON b.id = p.body_id "
    };
}

fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(format!("place {what}"))
}

fn json<T: serde::Serialize>(value: &T) -> StorageResult<String> {
    serde_json::to_string(value).map_err(|e| StorageError::Corrupt(e.to_string()))
}

fn texts(text: &str, what: &str) -> StorageResult<Vec<String>> {
    serde_json::from_str(text).map_err(|_| corrupt(what))
}

/// Opening times as stored: `[["monday","09:00","17:00"], …]`.
fn opening_json(opening: &[Opening]) -> StorageResult<String> {
    let rows: Vec<[String; 3]> = opening
        .iter()
        .map(|o| {
            [
                o.day.as_str().into(),
                o.opens.to_string(),
                o.closes.to_string(),
            ]
        })
        .collect();
    json(&rows)
}

fn opening_from(text: &str) -> StorageResult<Vec<Opening>> {
    let rows: Vec<[String; 3]> = serde_json::from_str(text).map_err(|_| corrupt("opening"))?;
    rows.iter()
        .map(|[day, opens, closes]| {
            Ok(Opening {
                day: Day::parse(day).ok_or_else(|| corrupt("day"))?,
                opens: ClockTime::parse(opens).ok_or_else(|| corrupt("time"))?,
                closes: ClockTime::parse(closes).ok_or_else(|| corrupt("time"))?,
            })
        })
        .collect()
}

fn parsed<T>(items: &[String], parse: fn(&str) -> Option<T>, what: &str) -> StorageResult<Vec<T>> {
    items
        .iter()
        .map(|i| parse(i).ok_or_else(|| corrupt(what)))
        .collect()
}

/// A place from a row of `place_select!`, without its services (see `with_services`).
fn place_from_row<D: Dialect>(row: &D::Row) -> StorageResult<(i64, Place)> {
    let help = texts(&row.col::<String>("help")?, "help")?;
    let levels: Vec<i64> = serde_json::from_str(&row.col::<String>("course_levels")?)
        .map_err(|_| corrupt("levels"))?;
    let access = texts(&row.col::<String>("accessibility")?, "accessibility")?;
    let updated: OffsetDateTime = row.col("updated_at")?;
    let place = Place {
        body: row.col("body_slug")?,
        slug: row.col("slug")?,
        feed_id: row.col("feed_id")?,
        name: row.col("name")?,
        name_cy: row.col("name_cy")?,
        kind: PlaceKind::parse(&row.col::<String>("kind")?).ok_or_else(|| corrupt("kind"))?,
        description: row.col("description")?,
        description_cy: row.col("description_cy")?,
        address: PlaceAddress {
            uprn: row.col("uprn")?,
            text: row.col("address")?,
            postcode: row.col("postcode")?,
            point: Point {
                lat: row
                    .col::<Option<f64>>("latitude")?
                    .ok_or_else(|| corrupt("latitude"))?,
                long: row
                    .col::<Option<f64>>("longitude")?
                    .ok_or_else(|| corrupt("longitude"))?,
            },
        },
        opening: opening_from(&row.col::<String>("opening")?)?,
        opening_note: row.col("opening_note")?,
        opening_note_cy: row.col("opening_note_cy")?,
        help: parsed(&help, HelpKind::parse, "help")?,
        course_levels: levels
            .into_iter()
            .map(|l| DigitalInclusionLevel::new(l).ok_or_else(|| corrupt("level")))
            .collect::<StorageResult<_>>()?,
        services: Vec::new(),
        accessibility: parsed(&access, Access::parse, "accessibility")?,
        languages: texts(&row.col::<String>("languages")?, "languages")?,
        booking: Booking::parse(&row.col::<String>("booking")?)
            .ok_or_else(|| corrupt("booking"))?,
        phone: row.col("phone")?,
        email: row.col("email")?,
        website: row.col("website")?,
        active: row.col("active")?,
        updated_at: updated.format(&Rfc3339).map_err(|_| corrupt("time"))?,
    };
    Ok((row.col("id")?, place))
}

/// Fills in each place's services (by identifier, in identifier order).
async fn with_services<D: Dialect>(
    conn: &mut D::Connection,
    places: Vec<(i64, Place)>,
) -> StorageResult<Vec<Place>> {
    let mut services: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in places.chunks(500) {
        let mut sql: QueryBuilder<D> = QueryBuilder::new(
            "SELECT ps.place_id, s.slug FROM place_services ps \
             JOIN services s ON s.id = ps.service_id WHERE ps.place_id IN (",
        );
        let mut list = sql.separated(", ");
        for (id, _) in chunk {
            list.arg(*id);
        }
        sql.push(") ORDER BY s.slug");
        for row in sql.build().all(&mut *conn).await? {
            services.entry(row.col(0)?).or_default().push(row.col(1)?);
        }
    }
    Ok(places
        .into_iter()
        .map(|(id, mut place)| {
            place.services = services.get(&id).cloned().unwrap_or_default();
            place
        })
        .collect())
}

async fn read_place<D: Dialect>(
    conn: &mut D::Connection,
    body: &str,
    slug: &str,
) -> StorageResult<Option<Place>> {
    let Some(row) = D::query(concat!(
        place_select!(),
        "WHERE b.slug = $1 AND p.slug = $2"
    ))
    .arg(body)
    .arg(slug)
    .optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let place = place_from_row::<D>(&row)?;
    Ok(with_services::<D>(conn, vec![place]).await?.pop())
}

/// An identifier for a new place of `body_id`: its name's, with `-2`, `-3`… when taken.
async fn free_slug<D: Dialect>(
    conn: &mut D::Connection,
    body_id: i64,
    name: &str,
) -> StorageResult<String> {
    let base = match slugify(name) {
        s if s.len() >= 2 => s,
        _ => "place".to_string(),
    };
    let taken: Vec<String> =
        D::query("SELECT slug FROM places WHERE body_id = $1 AND slug LIKE $2")
            .arg(body_id)
            .arg(format!("{base}%"))
            .all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.col(0))
            .collect::<StorageResult<_>>()?;
    let mut slug = base.clone();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    Ok(slug)
}

/// Links a place to the services it helps with (by identifier, in its body), counting each
/// among the service's places when the place is active.
async fn link_services<D: Dialect>(
    conn: &mut D::Connection,
    (body, body_id): (&str, i64),
    (place_id, place_slug): (i64, &str),
    draft: &PlaceDraft,
) -> StorageResult<()> {
    let place_feed = place_feed_id(body, place_slug);
    for service in &draft.services {
        let service_id: i64 = D::query("SELECT id FROM services WHERE body_id = $1 AND slug = $2")
            .arg(body_id)
            .arg(service)
            .optional(&mut *conn)
            .await?
            .ok_or(StorageError::NotFound)?
            .col(0)?;
        D::query("INSERT INTO place_services (place_id, service_id, feed_id) VALUES ($1, $2, $3)")
            .arg(place_id)
            .arg(service_id)
            .arg(help_at_place_feed_id(
                &service_feed_id(body, service),
                &place_feed,
            ))
            .run(&mut *conn)
            .await?;
    }
    if draft.active {
        D::query(
            "UPDATE services SET places = places + 1 \
             WHERE id IN (SELECT service_id FROM place_services WHERE place_id = $1)",
        )
        .arg(place_id)
        .run(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Binds a draft's columns as `$1`…`$23` in `place_columns!` order.
macro_rules! bind_draft {
    ($query:expr, $d:expr) => {
        $query
            .arg(&$d.name)
            .arg(&$d.name_cy)
            .arg($d.kind.as_str())
            .arg(&$d.description)
            .arg(&$d.description_cy)
            .arg(&$d.address.uprn)
            .arg(&$d.address.text)
            .arg(&$d.address.postcode)
            .arg($d.address.point.lat)
            .arg($d.address.point.long)
            .arg(opening_json(&$d.opening)?)
            .arg(&$d.opening_note)
            .arg(&$d.opening_note_cy)
            .arg(json(
                &$d.help.iter().map(|h| h.as_str()).collect::<Vec<_>>(),
            )?)
            .arg(json(
                &$d.course_levels
                    .iter()
                    .map(|l| l.number())
                    .collect::<Vec<_>>(),
            )?)
            .arg(json(
                &$d.accessibility
                    .iter()
                    .map(|a| a.as_str())
                    .collect::<Vec<_>>(),
            )?)
            .arg(json(&$d.languages)?)
            .arg($d.booking.as_str())
            .arg(&$d.phone)
            .arg(&$d.email)
            .arg(&$d.website)
            .arg($d.active)
            .arg(Stamp(now()))
    };
}

fn month_of(text: &str) -> StorageResult<Month> {
    Month::parse(text).ok_or_else(|| corrupt("month"))
}

#[async_trait]
impl<S: Engine> PlaceStore for S {
    async fn create_place(&self, body: &str, draft: &PlaceDraft) -> StorageResult<Place> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let body_id = body_id::<S::Db>(&mut tx, body).await?;
        // The body's row lock makes its places' identifiers chosen one at a time.
        S::Db::query(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM bodies WHERE id = $1{}",
            S::Db::FOR_NO_KEY_UPDATE
        )))
        .arg(body_id)
        .run(&mut *tx)
        .await?;
        let slug = free_slug::<S::Db>(&mut tx, body_id, &draft.name).await?;
        let id: i64 = bind_draft!(
            S::Db::query(
                "INSERT INTO places (name, name_cy, kind, description, description_cy, uprn, \
                 address, postcode, latitude, longitude, opening, opening_note, \
                 opening_note_cy, help, course_levels, accessibility, languages, booking, \
                 phone, email, website, active, created_at, updated_at, body_id, slug, \
                 feed_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
                 $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23, $24, $25, $26) \
                 RETURNING id"
            ),
            draft
        )
        .arg(body_id)
        .arg(&slug)
        .arg(place_feed_id(body, &slug))
        .one(&mut *tx)
        .await?
        .col(0)?;
        link_services::<S::Db>(&mut tx, (body, body_id), (id, &slug), draft).await?;
        let place = read_place::<S::Db>(&mut tx, body, &slug)
            .await?
            .ok_or(StorageError::NotFound)?;
        tx.commit().await?;
        Ok(place)
    }

    async fn update_place(
        &self,
        body: &str,
        slug: &str,
        draft: &PlaceDraft,
    ) -> StorageResult<Place> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let body_id = body_id::<S::Db>(&mut tx, body).await?;
        let row = S::Db::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, active FROM places WHERE body_id = $1 AND slug = $2{}",
            S::Db::FOR_UPDATE
        )))
        .arg(body_id)
        .arg(slug)
        .optional(&mut *tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        let (id, was_active): (i64, bool) = (row.col(0)?, row.col(1)?);
        if was_active {
            S::Db::query(
                "UPDATE services SET places = places - 1 \
                 WHERE id IN (SELECT service_id FROM place_services WHERE place_id = $1)",
            )
            .arg(id)
            .run(&mut *tx)
            .await?;
        }
        S::Db::query("DELETE FROM place_services WHERE place_id = $1")
            .arg(id)
            .run(&mut *tx)
            .await?;
        bind_draft!(
            S::Db::query(
                "UPDATE places SET name = $1, name_cy = $2, kind = $3, description = $4, \
                 description_cy = $5, uprn = $6, address = $7, postcode = $8, latitude = $9, \
                 longitude = $10, opening = $11, opening_note = $12, opening_note_cy = $13, \
                 help = $14, course_levels = $15, accessibility = $16, languages = $17, \
                 booking = $18, phone = $19, email = $20, website = $21, active = $22, \
                 updated_at = $23 WHERE id = $24"
            ),
            draft
        )
        .arg(id)
        .run(&mut *tx)
        .await?;
        link_services::<S::Db>(&mut tx, (body, body_id), (id, slug), draft).await?;
        let place = read_place::<S::Db>(&mut tx, body, slug)
            .await?
            .ok_or(StorageError::NotFound)?;
        tx.commit().await?;
        Ok(place)
    }

    async fn place(&self, body: &str, slug: &str) -> StorageResult<Option<Place>> {
        read_place::<S::Db>(&mut *self.read_conn().await?, body, slug).await
    }

    async fn places(
        &self,
        body: Option<&str>,
        include_inactive: bool,
    ) -> StorageResult<Vec<Place>> {
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(place_select!());
        sql.push("WHERE 1 = 1");
        if let Some(body) = body {
            sql.push(" AND p.body_id = (SELECT id FROM bodies WHERE slug = ")
                .arg(body.to_string())
                .push(")");
        }
        if !include_inactive {
            sql.push(" AND p.active = TRUE");
        }
        sql.push(" ORDER BY p.name, b.slug, p.id");
        let mut conn = self.read_conn().await?;
        let rows = sql.build().all(&mut *conn).await?;
        let places = rows
            .iter()
            .map(place_from_row::<S::Db>)
            .collect::<StorageResult<Vec<_>>>()?;
        with_services::<S::Db>(&mut conn, places).await
    }

    async fn places_near(
        &self,
        centre: Point,
        metres: f64,
        body: Option<&str>,
        limit: usize,
    ) -> StorageResult<Vec<NearbyPlace>> {
        let (lat0, lat1, long0, long1) = bounds_around(centre, metres);
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(place_select!());
        sql.push("WHERE p.active = TRUE AND p.latitude BETWEEN ")
            .arg(lat0)
            .push(" AND ")
            .arg(lat1)
            .push(" AND p.longitude BETWEEN ")
            .arg(long0)
            .push(" AND ")
            .arg(long1);
        if let Some(body) = body {
            sql.push(" AND p.body_id = (SELECT id FROM bodies WHERE slug = ")
                .arg(body.to_string())
                .push(")");
        }
        let mut conn = self.read_conn().await?;
        let rows = sql.build().all(&mut *conn).await?;
        let mut near = Vec::new();
        for row in &rows {
            let (id, place) = place_from_row::<S::Db>(row)?;
            let distance = centre.distance_m(place.address.point);
            if distance <= metres {
                near.push((distance, id, place));
            }
        }
        near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        near.truncate(limit);
        let metres: Vec<f64> = near.iter().map(|(d, _, _)| *d).collect();
        let places = with_services::<S::Db>(
            &mut conn,
            near.into_iter().map(|(_, id, p)| (id, p)).collect(),
        )
        .await?;
        Ok(places
            .into_iter()
            .zip(metres)
            .map(|(place, metres)| NearbyPlace { place, metres })
            .collect())
    }

    async fn help_at_places(&self, service_feed_ids: &[String]) -> StorageResult<Vec<HelpAtPlace>> {
        let mut conn = self.read_conn().await?;
        let mut found = Vec::new();
        for chunk in service_feed_ids.chunks(500) {
            let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
                "SELECT ps.feed_id AS link_feed_id, s.feed_id AS service_feed_id, s.id AS sid, \
                 p.id, b.slug AS body_slug, p.slug, p.feed_id, p.name, p.name_cy, p.kind, \
                 p.description, p.description_cy, p.uprn, p.address, p.postcode, p.latitude, \
                 p.longitude, p.opening, p.opening_note, p.opening_note_cy, p.help, \
                 p.course_levels, p.accessibility, p.languages, p.booking, p.phone, p.email, \
                 p.website, p.active, p.updated_at FROM place_services ps \
                 JOIN services s ON s.id = ps.service_id JOIN places p ON p.id = ps.place_id \
                 JOIN bodies b ON b.id = p.body_id WHERE p.active = TRUE AND s.feed_id IN (",
            );
            let mut list = sql.separated(", ");
            for id in chunk {
                list.arg(id.to_ascii_lowercase());
            }
            sql.push(") ORDER BY s.id, p.name, p.id");
            for row in sql.build().all(&mut *conn).await? {
                let (id, place) = place_from_row::<S::Db>(&row)?;
                found.push((
                    row.col::<String>("link_feed_id")?,
                    row.col::<String>("service_feed_id")?,
                    id,
                    place,
                ));
            }
        }
        let places = with_services::<S::Db>(
            &mut conn,
            found.iter().map(|(_, _, id, p)| (*id, p.clone())).collect(),
        )
        .await?;
        Ok(found
            .into_iter()
            .zip(places)
            .map(|((feed_id, service_feed_id, _, _), place)| HelpAtPlace {
                feed_id,
                service_feed_id,
                place,
            })
            .collect())
    }

    async fn help_at_place(&self, feed_id: &str) -> StorageResult<Option<HelpAtPlace>> {
        let mut conn = self.read_conn().await?;
        let Some(row) = S::Db::query(
            "SELECT s.feed_id, b.slug, p.slug FROM place_services ps \
             JOIN services s ON s.id = ps.service_id JOIN places p ON p.id = ps.place_id \
             JOIN bodies b ON b.id = p.body_id WHERE ps.feed_id = $1 AND p.active = TRUE",
        )
        .arg(feed_id.to_ascii_lowercase())
        .optional(&mut *conn)
        .await?
        else {
            return Ok(None);
        };
        let (service_feed_id, body, slug): (String, String, String) =
            (row.col(0)?, row.col(1)?, row.col(2)?);
        Ok(read_place::<S::Db>(&mut conn, &body, &slug)
            .await?
            .map(|place| HelpAtPlace {
                feed_id: feed_id.to_ascii_lowercase(),
                service_feed_id,
                place,
            }))
    }

    async fn record_usage(
        &self,
        body: &str,
        place: &str,
        report: &UsageReport,
        actor: &Actor,
    ) -> StorageResult<()> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let body_id = body_id::<S::Db>(&mut tx, body).await?;
        // The place's row lock makes reports for it one after another, so two sent at once
        // for the same month replace, not add to, each other.
        let place_id: i64 = S::Db::query(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM places WHERE body_id = $1 AND slug = $2{}",
            S::Db::FOR_UPDATE
        )))
        .arg(body_id)
        .arg(place)
        .optional(&mut *tx)
        .await?
        .ok_or(StorageError::NotFound)?
        .col(0)?;
        let service_id: Option<i64> = match &report.service {
            None => None,
            Some(slug) => Some(
                S::Db::query("SELECT id FROM services WHERE body_id = $1 AND slug = $2")
                    .arg(body_id)
                    .arg(slug)
                    .optional(&mut *tx)
                    .await?
                    .ok_or(StorageError::NotFound)?
                    .col(0)?,
            ),
        };
        let month = report.month.to_string();
        match service_id {
            Some(service) => {
                S::Db::query(
                    "DELETE FROM place_usage WHERE place_id = $1 AND month = $2 \
                     AND service_id = $3",
                )
                .arg(place_id)
                .arg(&month)
                .arg(service)
                .run(&mut *tx)
                .await?
            }
            None => {
                S::Db::query(
                    "DELETE FROM place_usage WHERE place_id = $1 AND month = $2 \
                     AND service_id IS NULL",
                )
                .arg(place_id)
                .arg(&month)
                .run(&mut *tx)
                .await?
            }
        };
        S::Db::query(
            "INSERT INTO place_usage (place_id, month, service_id, sessions, people, \
             reported_by, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .arg(place_id)
        .arg(&month)
        .arg(service_id)
        .arg(i32::try_from(report.sessions).unwrap_or(i32::MAX))
        .arg(json(&report.people)?)
        .arg(actor.staff_id)
        .arg(Stamp(now()))
        .run(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn place_usage(
        &self,
        body: Option<&str>,
        place: Option<&str>,
        since: Option<Month>,
    ) -> StorageResult<Vec<PlaceUsage>> {
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
            "SELECT b.slug AS body_slug, p.slug AS place_slug, p.name, p.name_cy, u.month, \
             s.slug AS service_slug, u.sessions, u.people, u.reported_at FROM place_usage u \
             JOIN places p ON p.id = u.place_id JOIN bodies b ON b.id = p.body_id \
             LEFT JOIN services s ON s.id = u.service_id WHERE 1 = 1",
        );
        if let Some(body) = body {
            sql.push(" AND p.body_id = (SELECT id FROM bodies WHERE slug = ")
                .arg(body.to_string())
                .push(")");
        }
        if let Some(place) = place {
            sql.push(" AND p.slug = ").arg(place.to_string());
        }
        if let Some(since) = since {
            sql.push(" AND u.month >= ").arg(since.to_string());
        }
        sql.push(" ORDER BY u.month DESC, p.name, p.id, CASE WHEN s.slug IS NULL THEN 0 ELSE 1 END, s.slug");
        let rows = sql.build().all(&mut *self.read_conn().await?).await?;
        rows.iter()
            .map(|row| {
                let people: [u32; 9] = serde_json::from_str(&row.col::<String>("people")?)
                    .map_err(|_| corrupt("people"))?;
                let sessions: i32 = row.col("sessions")?;
                let at: OffsetDateTime = row.col("reported_at")?;
                Ok(PlaceUsage {
                    body: row.col("body_slug")?,
                    place: row.col("place_slug")?,
                    place_name: row.col("name")?,
                    place_name_cy: row.col("name_cy")?,
                    report: UsageReport {
                        month: month_of(&row.col::<String>("month")?)?,
                        service: row.col("service_slug")?,
                        sessions: u32::try_from(sessions).map_err(|_| corrupt("sessions"))?,
                        people,
                    },
                    reported_at: at.format(&Rfc3339).map_err(|_| corrupt("time"))?,
                })
            })
            .collect()
    }
}
