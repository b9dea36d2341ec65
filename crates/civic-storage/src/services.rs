//! The `Store` trait's own methods (bodies, services, staff and sessions), written once for
//! every engine.

use crate::backends::{now, shaped_chunks};
use crate::dialect::{BuilderExt, Dialect, Engine, QueryExt, RowExt, Stamp};
use crate::events::{EventEngine, TimeChanges, add_time, apply_times};
use crate::place_index::ListOrder;
use crate::registers::{NewEntry, append_on};
use crate::{
    Actor, Backend, CatalogueStore, EventStore, MAX_PLACES_OF_A_KIND, OutboxMessage, PlacePage,
    RequestStore, ServicePage, ServiceQuery, StaffCredentials, StorageError, StorageResult, Store,
    one_row,
};
use async_trait::async_trait;
use civic_domain::openreferral::service_feed_id;
use civic_domain::register::{organisation_item, service_item, service_key};
use civic_domain::search::SearchQuery;
use civic_domain::{
    Body, BodyDraft, BodyKind, Channel, ChannelKind, DigitalInclusionLevel, FieldChange,
    RequestType, Role, Service, ServiceChange, ServiceChangeAction, ServiceDraft, ServiceStatus,
    Staff, StaffDraft, slugify,
};
use futures_util::TryStreamExt;
use sqlx::{AssertSqlSafe, QueryBuilder};
use time::OffsetDateTime;

/// The columns every service query reads, joined to the owning body.
macro_rules! service_select {
    () => {
        "SELECT s.id, b.slug AS body_slug, s.slug, s.code, s.name, s.description, s.keywords, \
         s.channels, s.inclusion_level, s.status, s.created_at, s.updated_at, \
         s.accepts_requests, s.request_type, s.request_group, s.target_days, s.attributes, \
         s.name_cy, s.description_cy \
         FROM services s JOIN bodies b ON b.id = s.body_id "
    };
}

/// A service about to be added: its identifier chosen, its JSON columns and history written.
struct PlannedService<'d> {
    draft: &'d ServiceDraft,
    slug: String,
    keywords: String,
    channels: String,
    attributes: String,
    /// The history entry of its creation.
    creation: String,
}

fn to_json<T: serde::Serialize>(value: &T) -> StorageResult<String> {
    serde_json::to_string(value).map_err(|e| StorageError::Corrupt(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> StorageResult<T> {
    serde_json::from_str(text).map_err(|e| StorageError::Corrupt(format!("{what}: {e}")))
}

fn service_from_draft(
    body: &str,
    slug: String,
    draft: &ServiceDraft,
    status: ServiceStatus,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
) -> Service {
    Service {
        body: body.to_string(),
        slug,
        code: draft.code.clone(),
        name: draft.name.clone(),
        description: draft.description.clone(),
        name_cy: draft.name_cy.clone(),
        description_cy: draft.description_cy.clone(),
        keywords: draft.keywords.clone(),
        channels: draft.channels.clone(),
        digital_inclusion_level: draft.digital_inclusion_level,
        status,
        accepts_requests: draft.accepts_requests,
        request_type: draft.request_type,
        group: draft.group.clone(),
        target_days: draft.target_days,
        attributes: draft.attributes.clone(),
        created_at,
        updated_at,
    }
}

fn body_kind(stored: &str) -> StorageResult<BodyKind> {
    BodyKind::parse(stored).ok_or_else(|| StorageError::Corrupt(format!("body kind {stored}")))
}

fn role(stored: &str) -> StorageResult<Role> {
    Role::parse(stored).ok_or_else(|| StorageError::Corrupt(format!("role {stored}")))
}

/// Writes a history entry inside the caller's transaction.
async fn insert_change<D: Dialect>(
    conn: &mut D::Connection,
    service_id: i64,
    actor: &Actor,
    action: ServiceChangeAction,
    changes: &(impl serde::Serialize + Sync),
    at: OffsetDateTime,
) -> StorageResult<()> {
    D::query(
        "INSERT INTO service_changes (service_id, staff_id, actor, action, changes, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .arg(service_id)
    .arg(actor.staff_id)
    .arg(actor.name.as_str())
    .arg(action.as_str())
    .arg(to_json(changes)?)
    .arg(Stamp(at))
    .run(conn)
    .await?;
    Ok(())
}

fn body_from_row<D: Dialect>(row: &D::Row) -> StorageResult<Body> {
    Ok(Body {
        slug: row.col("slug")?,
        name: row.col("name")?,
        kind: body_kind(&row.col::<String>("kind")?)?,
        website: row.col("website")?,
        name_cy: row.col("name_cy")?,
        welsh_standards: row.col("welsh_standards")?,
        created_at: row.col("created_at")?,
    })
}

fn service_from_row<D: Dialect>(row: &D::Row) -> StorageResult<Service> {
    let level: i32 = row.col("inclusion_level")?;
    let status: String = row.col("status")?;
    Ok(Service {
        body: row.col("body_slug")?,
        slug: row.col("slug")?,
        code: row.col("code")?,
        name: row.col("name")?,
        description: row.col("description")?,
        name_cy: row.col("name_cy")?,
        description_cy: row.col("description_cy")?,
        keywords: from_json(&row.col::<String>("keywords")?, "keywords")?,
        channels: from_json::<Vec<Channel>>(&row.col::<String>("channels")?, "channels")?,
        digital_inclusion_level: DigitalInclusionLevel::new(i64::from(level))
            .ok_or_else(|| StorageError::Corrupt(format!("inclusion level {level}")))?,
        status: ServiceStatus::parse(&status)
            .ok_or_else(|| StorageError::Corrupt(format!("status {status}")))?,
        accepts_requests: row.col("accepts_requests")?,
        request_type: RequestType::parse(&row.col::<String>("request_type")?)
            .ok_or_else(|| StorageError::Corrupt("request type".into()))?,
        group: row.col("request_group")?,
        target_days: row
            .col::<Option<i32>>("target_days")?
            .and_then(|d| u32::try_from(d).ok()),
        attributes: from_json(&row.col::<String>("attributes")?, "attributes")?,
        created_at: row.col("created_at")?,
        updated_at: row.col("updated_at")?,
    })
}

fn staff_from_row<D: Dialect>(row: &D::Row) -> StorageResult<Staff> {
    Ok(Staff {
        id: row.col("id")?,
        body: row.col("body_slug")?,
        email: row.col("email")?,
        name: row.col("name")?,
        role: role(&row.col::<String>("role")?)?,
        active: row.col("active")?,
    })
}

/// A body's id; `NotFound` for an unknown identifier.
pub(crate) async fn body_id<D: Dialect>(
    conn: &mut D::Connection,
    slug: &str,
) -> StorageResult<i64> {
    D::query("SELECT id FROM bodies WHERE slug = $1")
        .arg(slug)
        .one(conn)
        .await?
        .col(0)
}

/// A service's id and fields, its row locked until the caller's transaction ends.
async fn locked_service<D: Dialect>(
    conn: &mut D::Connection,
    body: &str,
    slug: &str,
) -> StorageResult<(i64, Service)> {
    let row = D::query(AssertSqlSafe(format!(
        "{}WHERE b.slug = $1 AND s.slug = $2{}",
        service_select!(),
        D::for_update_of("s")
    )))
    .arg(body)
    .arg(slug)
    .one(conn)
    .await?;
    Ok((row.col("id")?, service_from_row::<D>(&row)?))
}

/// Moves a service's transactions, and their exact times, to its new standard `code` (its
/// identifier `slug` when the code is empty).
async fn recode_transactions<D: EventEngine>(
    conn: &mut D::Connection,
    service_id: i64,
    slug: &str,
    code: &str,
) -> StorageResult<()> {
    // Exact times are kept by code, so the service's move from each row's
    // code's runs to the new code's, as every other measure follows it. The
    // rows are locked first, as every other writer of them locks them before
    // it locks runs, and so none changes between this read and the update.
    let new_code = if code.is_empty() { slug } else { code };
    let mut times = TimeChanges::new();
    let sql = format!(
        "SELECT service_code, outcome_month, duration_s FROM transactions \
         WHERE service_id = $1 AND duration_s IS NOT NULL \
         AND outcome_month IS NOT NULL{}",
        D::FOR_UPDATE
    );
    let mut rows = D::query(AssertSqlSafe(sql))
        .arg(service_id)
        .stream(&mut *conn);
    while let Some(row) = rows.try_next().await? {
        let stored: String = row.col(0)?;
        let (month, seconds): (i32, i64) = (row.col(1)?, row.col(2)?);
        if stored != new_code {
            add_time(&mut times, &stored, month, seconds, -1);
            add_time(&mut times, new_code, month, seconds, 1);
        }
    }
    drop(rows);
    apply_times::<D>(&mut *conn, times).await?;
    D::query(
        "UPDATE transactions SET service_code = \
         CASE WHEN $1 = '' THEN $2 ELSE $1 END WHERE service_id = $3",
    )
    .arg(code)
    .arg(slug)
    .arg(service_id)
    .run(&mut *conn)
    .await?;
    Ok(())
}

#[async_trait]
impl<S: Engine + CatalogueStore + EventStore + RequestStore> Store for S {
    fn backend(&self) -> Backend {
        S::BACKEND
    }

    async fn migrate(&self) -> StorageResult<()> {
        self.run_migrations().await?;
        fill_feed_ids(self).await
    }

    async fn ping(&self) -> StorageResult<()> {
        S::Db::query("SELECT 1")
            .run(&mut *self.read_conn().await?)
            .await?;
        Ok(())
    }

    async fn create_body(&self, draft: &BodyDraft) -> StorageResult<Body> {
        let created_at = now();
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        S::Db::query(
            "INSERT INTO bodies (slug, name, kind, website, created_at, name_cy, welsh_standards) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .arg(&draft.slug)
        .arg(&draft.name)
        .arg(draft.kind.as_str())
        .arg(&draft.website)
        .arg(Stamp(created_at))
        .arg(&draft.name_cy)
        .arg(draft.welsh_standards)
        .run(&mut tx)
        .await?;
        let entry = NewEntry {
            key: draft.slug.clone(),
            item: organisation_item(
                &draft.slug,
                &draft.name,
                draft.kind,
                draft.website.as_deref(),
            ),
        };
        append_on::<S::Db>(&mut tx, "organisations", &[entry]).await?;
        tx.commit().await?;
        let body = Body {
            slug: draft.slug.clone(),
            name: draft.name.clone(),
            kind: draft.kind,
            website: draft.website.clone(),
            name_cy: draft.name_cy.clone(),
            welsh_standards: draft.welsh_standards,
            created_at,
        };
        // Listed straight away; `civic serve` lists them again at start should this
        // step ever be interrupted.
        publish_own(self, &body).await?;
        Ok(body)
    }

    async fn update_body(&self, slug: &str, draft: &BodyDraft) -> StorageResult<Body> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let row = S::Db::query(
            "UPDATE bodies SET name = $2, kind = $3, website = $4, name_cy = $5, \
             welsh_standards = $6 WHERE slug = $1 \
             RETURNING slug, name, kind, website, created_at, name_cy, welsh_standards",
        )
        .arg(slug)
        .arg(&draft.name)
        .arg(draft.kind.as_str())
        .arg(&draft.website)
        .arg(&draft.name_cy)
        .arg(draft.welsh_standards)
        .optional(&mut tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        let body = body_from_row::<S::Db>(&row)?;
        let entry = NewEntry {
            key: body.slug.clone(),
            item: organisation_item(&body.slug, &body.name, body.kind, body.website.as_deref()),
        };
        append_on::<S::Db>(&mut tx, "organisations", &[entry]).await?;
        tx.commit().await?;
        // The body's own datasets carry its name; list them again with the new one.
        publish_own(self, &body).await?;
        Ok(body)
    }

    async fn list_bodies(&self) -> StorageResult<Vec<Body>> {
        let rows = S::Db::query(
            "SELECT slug, name, kind, website, created_at, name_cy, welsh_standards FROM bodies \
             ORDER BY name, slug",
        )
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(body_from_row::<S::Db>).collect()
    }

    async fn get_body(&self, slug: &str) -> StorageResult<Option<Body>> {
        let row = S::Db::query(
            "SELECT slug, name, kind, website, created_at, name_cy, welsh_standards FROM bodies \
             WHERE slug = $1",
        )
        .arg(slug)
        .optional(&mut *self.read_conn().await?)
        .await?;
        row.as_ref().map(body_from_row::<S::Db>).transpose()
    }

    async fn create_services(
        &self,
        body: &str,
        drafts: &[ServiceDraft],
        actor: &Actor,
    ) -> StorageResult<Vec<Service>> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let body_id = body_id::<S::Db>(&mut tx, body).await?;
        let at = now();
        // Slugs are chosen against the body's existing ones read once, and the services and
        // their history rows written a chunk per statement: a few round trips per body,
        // not three per service.
        let mut taken = std::collections::HashSet::new();
        for row in S::Db::query("SELECT slug FROM services WHERE body_id = $1")
            .arg(body_id)
            .all(&mut tx)
            .await?
        {
            taken.insert(row.col::<String>(0)?);
        }
        let mut planned: Vec<PlannedService> = Vec::with_capacity(drafts.len());
        for draft in drafts {
            let mut base = slugify(&draft.name);
            if base.len() < 2 {
                base = "service".to_string();
            }
            let mut slug = base.clone();
            let mut n = 1;
            while taken.contains(&slug) {
                n += 1;
                slug = format!("{base}-{n}");
            }
            taken.insert(slug.clone());
            planned.push(PlannedService {
                keywords: to_json(&draft.keywords)?,
                channels: to_json(&draft.channels)?,
                attributes: to_json(&draft.attributes)?,
                creation: to_json(&draft.as_creation())?,
                draft,
                slug,
            });
        }
        let mut ids = std::collections::HashMap::with_capacity(planned.len());
        for chunk in shaped_chunks(&planned, 64) {
            let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
                "INSERT INTO services (body_id, slug, code, name, description, keywords, \
                 channels, inclusion_level, status, created_at, updated_at, \
                 accepts_requests, request_type, request_group, target_days, attributes, \
                 name_cy, description_cy, feed_id, places) ",
            );
            sql.push_values(chunk, |mut b, p| {
                let draft = p.draft;
                b.arg(body_id)
                    .arg(p.slug.as_str())
                    .arg(draft.code.as_str())
                    .arg(draft.name.as_str())
                    .arg(draft.description.as_str())
                    .arg(p.keywords.as_str())
                    .arg(p.channels.as_str())
                    .arg(i32::from(draft.digital_inclusion_level.number()))
                    .arg("active")
                    .arg(Stamp(at))
                    .arg(Stamp(at))
                    .arg(draft.accepts_requests)
                    .arg(draft.request_type.as_str())
                    .arg(draft.group.as_str())
                    .arg(draft.target_days.and_then(|d| i32::try_from(d).ok()))
                    .arg(p.attributes.as_str())
                    .arg(draft.name_cy.as_str())
                    .arg(draft.description_cy.as_str())
                    .arg(service_feed_id(body, &p.slug))
                    .arg(places_of(&draft.channels));
            });
            sql.push(" RETURNING id, slug");
            for row in sql.build().all(&mut tx).await? {
                ids.insert(row.col::<String>("slug")?, row.col::<i64>("id")?);
            }
        }
        for chunk in shaped_chunks(&planned, 64) {
            let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
                "INSERT INTO service_changes (service_id, staff_id, actor, action, changes, at) ",
            );
            let mut rows = Vec::with_capacity(chunk.len());
            for p in chunk {
                let id = *ids.get(&p.slug).ok_or_else(|| {
                    StorageError::Corrupt(format!("service {} not returned", p.slug))
                })?;
                rows.push((id, p.creation.as_str()));
            }
            sql.push_values(&rows, |mut b, (id, changes)| {
                b.arg(*id)
                    .arg(actor.staff_id)
                    .arg(actor.name.as_str())
                    .arg(ServiceChangeAction::Created.as_str())
                    .arg(*changes)
                    .arg(Stamp(at));
            });
            sql.build().run(&mut tx).await?;
        }
        let mut created = Vec::with_capacity(planned.len());
        let mut register_entries = Vec::with_capacity(planned.len());
        for PlannedService { draft, slug, .. } in planned {
            register_entries.push(NewEntry {
                key: service_key(body, &slug),
                item: service_item(body, &slug, draft, ServiceStatus::Active),
            });
            created.push(service_from_draft(
                body,
                slug,
                draft,
                ServiceStatus::Active,
                at,
                at,
            ));
        }
        append_on::<S::Db>(&mut tx, "services", &register_entries).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn update_service(
        &self,
        body: &str,
        slug: &str,
        draft: &ServiceDraft,
        actor: &Actor,
    ) -> StorageResult<Service> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let (service_id, before) = locked_service::<S::Db>(&mut tx, body, slug).await?;
        let changes = draft.changes_from(&before.to_draft());
        if changes.is_empty() {
            return Ok(before);
        }
        let at = now();
        S::Db::query(
            "UPDATE services SET code = $1, name = $2, description = $3, keywords = $4, \
             channels = $5, inclusion_level = $6, updated_at = $7, \
             accepts_requests = $9, request_type = $10, request_group = $11, \
             target_days = $12, attributes = $13, name_cy = $14, description_cy = $15, \
             places = $16 + (SELECT CAST(COUNT(*) AS INT) FROM place_services ps \
             JOIN places p ON p.id = ps.place_id WHERE ps.service_id = $8 AND p.active = TRUE) \
             WHERE id = $8",
        )
        .arg(&draft.code)
        .arg(&draft.name)
        .arg(&draft.description)
        .arg(to_json(&draft.keywords)?)
        .arg(to_json(&draft.channels)?)
        .arg(i32::from(draft.digital_inclusion_level.number()))
        .arg(Stamp(at))
        .arg(service_id)
        .arg(draft.accepts_requests)
        .arg(draft.request_type.as_str())
        .arg(&draft.group)
        .arg(draft.target_days.and_then(|d| i32::try_from(d).ok()))
        .arg(to_json(&draft.attributes)?)
        .arg(&draft.name_cy)
        .arg(&draft.description_cy)
        .arg(places_of(&draft.channels))
        .run(&mut tx)
        .await?;
        if draft.code != before.code {
            recode_transactions::<S::Db>(&mut tx, service_id, slug, &draft.code).await?;
        }
        let entry = NewEntry {
            key: service_key(body, slug),
            item: service_item(body, slug, draft, before.status),
        };
        append_on::<S::Db>(&mut tx, "services", &[entry]).await?;
        insert_change::<S::Db>(
            &mut tx,
            service_id,
            actor,
            ServiceChangeAction::Updated,
            &changes,
            at,
        )
        .await?;
        tx.commit().await?;
        Ok(service_from_draft(
            body,
            before.slug,
            draft,
            before.status,
            before.created_at,
            at,
        ))
    }

    async fn set_service_status(
        &self,
        body: &str,
        slug: &str,
        status: ServiceStatus,
        actor: &Actor,
    ) -> StorageResult<Service> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let (service_id, before) = locked_service::<S::Db>(&mut tx, body, slug).await?;
        if before.status == status {
            return Ok(before);
        }
        let at = now();
        S::Db::query("UPDATE services SET status = $1, updated_at = $2 WHERE id = $3")
            .arg(status.as_str())
            .arg(Stamp(at))
            .arg(service_id)
            .run(&mut tx)
            .await?;
        let action = match status {
            ServiceStatus::Retired => ServiceChangeAction::Retired,
            ServiceStatus::Active => ServiceChangeAction::Restored,
        };
        let changes = [FieldChange {
            field: "status".into(),
            from: before.status.as_str().into(),
            to: status.as_str().into(),
        }];
        let entry = NewEntry {
            key: service_key(body, slug),
            item: service_item(body, slug, &before.to_draft(), status),
        };
        append_on::<S::Db>(&mut tx, "services", &[entry]).await?;
        insert_change::<S::Db>(&mut tx, service_id, actor, action, &changes, at).await?;
        tx.commit().await?;
        Ok(Service {
            status,
            updated_at: at,
            ..before
        })
    }

    async fn get_service(&self, body: &str, slug: &str) -> StorageResult<Option<Service>> {
        let row = S::Db::query(concat!(
            service_select!(),
            "WHERE b.slug = $1 AND s.slug = $2"
        ))
        .arg(body)
        .arg(slug)
        .optional(&mut *self.read_conn().await?)
        .await?;
        row.as_ref().map(service_from_row::<S::Db>).transpose()
    }

    async fn list_services(&self, query: &ServiceQuery) -> StorageResult<ServicePage> {
        let search = search_of(query);
        let limit = query.limit.unwrap_or(i64::MAX).max(0);
        let offset = query.offset.max(0);
        let mut conn = self.read_conn().await?;
        let whole = ServiceQuery {
            body: query.body.clone(),
            welsh: query.welsh,
            limit: query.limit,
            offset: query.offset,
            in_added_order: query.in_added_order,
            ..Default::default()
        };
        let kind = if query.in_added_order {
            Some(ListOrder::Added)
        } else if query.body.is_none() {
            Some(ListOrder::Names { welsh: query.welsh })
        } else {
            // A body's register is a few hundred services: sorted as asked.
            None
        };
        if let (Some(kind), Some(_)) = (kind, query.limit)
            && *query == whole
        {
            // A page of a whole list: a slice of its order kept in memory.
            let order = service_order(self, &mut conn, &query.body, kind).await?;
            let start = usize::try_from(offset).unwrap_or(usize::MAX);
            let ids: Vec<i64> = order
                .ids
                .iter()
                .skip(start)
                .take(usize::try_from(limit).unwrap_or(usize::MAX))
                .copied()
                .collect();
            return Ok(ServicePage {
                services: services_in_order::<S::Db>(&mut conn, &ids).await?,
                total: i64::try_from(order.ids.len()).unwrap_or(i64::MAX),
            });
        }
        let services = if query.limit.is_some() {
            // A page: its services are chosen and ordered by id first, and only those are
            // read whole. Sorting whole rows made a search matching 9,450 services of a hub
            // take 77 ms on SQLite, of which 45 went on carrying descriptions and channels
            // through the sort.
            let mut sql: QueryBuilder<S::Db> = QueryBuilder::new("SELECT s.id ");
            sql.push(services_from(query));
            push_service_filter(&mut sql, query, &search);
            push_service_order(&mut sql, query, &search);
            sql.push(" LIMIT ").arg(limit);
            sql.push(" OFFSET ").arg(offset);
            let ids = sql
                .build()
                .all(&mut *conn)
                .await?
                .iter()
                .map(|row| row.col::<i64>(0))
                .collect::<StorageResult<Vec<_>>>()?;
            services_in_order::<S::Db>(&mut conn, &ids).await?
        } else {
            let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(service_select!());
            push_service_filter(&mut sql, query, &search);
            push_service_order(&mut sql, query, &search);
            sql.build()
                .all(&mut *conn)
                .await?
                .iter()
                .map(service_from_row::<S::Db>)
                .collect::<StorageResult<Vec<_>>>()?
        };
        let returned = i64::try_from(services.len()).unwrap_or(i64::MAX);
        let total = if offset == 0 && returned < limit {
            returned
        } else {
            let mut count: QueryBuilder<S::Db> = QueryBuilder::new("SELECT COUNT(*) ");
            count.push(services_from(query));
            push_service_filter(&mut count, query, &search);
            count.build().one(&mut *conn).await?.col(0)?
        };
        Ok(ServicePage { services, total })
    }

    async fn services_by_feed_id(&self, feed_ids: &[String]) -> StorageResult<Vec<Service>> {
        let mut found = Vec::new();
        let mut conn = self.read_conn().await?;
        for chunk in feed_ids.chunks(500) {
            let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(service_select!());
            sql.push("WHERE s.feed_id IN (");
            let mut list = sql.separated(", ");
            for id in chunk {
                list.arg(id.to_ascii_lowercase());
            }
            sql.push(") ORDER BY s.id");
            for row in sql.build().all(&mut *conn).await? {
                found.push(service_from_row::<S::Db>(&row)?);
            }
        }
        Ok(found)
    }

    async fn services_by_place(
        &self,
        query: &ServiceQuery,
        offset: i64,
        limit: i64,
    ) -> StorageResult<PlacePage> {
        let search = search_of(query);
        let query = ServiceQuery {
            in_added_order: true,
            ..query.clone()
        };
        let mut conn = self.read_conn().await?;
        // A whole scope (the hub or a body, nothing else asked) pages through sums in memory.
        let plain = ServiceQuery {
            body: query.body.clone(),
            in_added_order: true,
            limit: query.limit,
            offset: query.offset,
            welsh: query.welsh,
            ..Default::default()
        };
        if query == plain {
            let index = place_index(self, &mut conn, &query.body).await?;
            let (ids, skip) = index.page(offset, limit);
            return Ok(PlacePage {
                services: services_in_order::<S::Db>(&mut conn, &ids).await?,
                skip,
                total: index.total(),
            });
        }
        let total: Option<i64> = {
            let mut count: QueryBuilder<S::Db> =
                QueryBuilder::new("SELECT CAST(SUM(s.places) AS BIGINT) ");
            count.push(services_from(&query));
            push_service_filter(&mut count, &query, &search);
            count.push(" AND s.places > 0");
            count.build().one(&mut *conn).await?.col(0)?
        };
        // A running sum of places in list order finds the services on the page, without
        // sending every service's count to the server.
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
            "SELECT id, places, upto FROM (SELECT s.id, CAST(s.places AS BIGINT) AS places, \
                  CAST(SUM(s.places) OVER (ORDER BY s.id) AS BIGINT) AS upto ",
        );
        sql.push(services_from(&query));
        push_service_filter(&mut sql, &query, &search);
        sql.push(" AND s.places > 0) AS running WHERE upto > ")
            .arg(offset)
            .push(" AND upto - places < ")
            .arg(offset.saturating_add(limit))
            // Every service listed has a place, so no page spans more than `limit`; the
            // limit lets the engine stop summing once the page is found.
            .push(" ORDER BY id LIMIT ")
            .arg(limit);
        let mut wanted = Vec::new();
        let mut skip = 0;
        for row in sql.build().all(&mut *conn).await? {
            let places: i64 = row.col("places")?;
            let upto: i64 = row.col("upto")?;
            if wanted.is_empty() {
                skip = offset - (upto - places);
            }
            wanted.push(row.col::<i64>("id")?);
        }
        Ok(PlacePage {
            services: services_in_order::<S::Db>(&mut conn, &wanted).await?,
            skip: skip.max(0),
            total: total.unwrap_or(0),
        })
    }

    async fn service_codes(&self, body: Option<&str>) -> StorageResult<Vec<(String, i64)>> {
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(
            "SELECT s.code, COUNT(*) AS n FROM services s JOIN bodies b ON b.id = s.body_id \
             WHERE s.status = 'active' AND s.code <> ''",
        );
        if let Some(body) = body {
            sql.push(" AND b.slug = ").arg(body.to_string());
        }
        sql.push(" GROUP BY s.code ORDER BY s.code");
        sql.build()
            .all(&mut *self.read_conn().await?)
            .await?
            .iter()
            .map(|row| Ok((row.col("code")?, row.col("n")?)))
            .collect()
    }

    async fn service_history(&self, body: &str, slug: &str) -> StorageResult<Vec<ServiceChange>> {
        let rows = S::Db::query(
            "SELECT c.actor, c.action, c.changes, c.at FROM service_changes c \
             JOIN services s ON s.id = c.service_id JOIN bodies b ON b.id = s.body_id \
             WHERE b.slug = $1 AND s.slug = $2 ORDER BY c.id DESC",
        )
        .arg(body)
        .arg(slug)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                let action: String = row.col("action")?;
                Ok(ServiceChange {
                    actor: row.col("actor")?,
                    action: ServiceChangeAction::parse(&action)
                        .ok_or_else(|| StorageError::Corrupt(format!("change action {action}")))?,
                    changes: from_json(&row.col::<String>("changes")?, "changes")?,
                    at: row.col("at")?,
                })
            })
            .collect()
    }

    async fn create_staff(
        &self,
        body: Option<&str>,
        draft: &StaffDraft,
        password_hash: &str,
        role: Role,
    ) -> StorageResult<Staff> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let body_id: Option<i64> = match body {
            Some(slug) => Some(body_id::<S::Db>(&mut tx, slug).await?),
            None => None,
        };
        let id: i64 = S::Db::query(
            "INSERT INTO staff (body_id, email, name, password_hash, role, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .arg(body_id)
        .arg(draft.email.to_lowercase())
        .arg(&draft.name)
        .arg(password_hash)
        .arg(role.as_str())
        .arg(Stamp(now()))
        .one(&mut tx)
        .await?
        .col(0)?;
        tx.commit().await?;
        Ok(Staff {
            id,
            body: body.map(str::to_string),
            email: draft.email.to_lowercase(),
            name: draft.name.clone(),
            role,
            active: true,
        })
    }

    async fn staff_credentials(&self, email: &str) -> StorageResult<Option<StaffCredentials>> {
        let row = S::Db::query(
            "SELECT st.id, b.slug AS body_slug, st.email, st.name, st.role, st.active, st.password_hash \
             FROM staff st LEFT JOIN bodies b ON b.id = st.body_id WHERE st.email = $1",
        )
        .arg(email.trim().to_lowercase())
        .optional(&mut *self.read_conn().await?)
        .await?;
        match row {
            Some(row) => Ok(Some(StaffCredentials {
                staff: staff_from_row::<S::Db>(&row)?,
                password_hash: row.col("password_hash")?,
            })),
            None => Ok(None),
        }
    }

    async fn list_staff(&self, body: &str) -> StorageResult<Vec<Staff>> {
        let rows = S::Db::query(
            "SELECT st.id, b.slug AS body_slug, st.email, st.name, st.role, st.active \
             FROM staff st JOIN bodies b ON b.id = st.body_id \
             WHERE b.slug = $1 ORDER BY st.name, st.id",
        )
        .arg(body)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(staff_from_row::<S::Db>).collect()
    }

    async fn set_password_hash(
        &self,
        staff_id: i64,
        password_hash: &str,
        keep_session: Option<&str>,
        notice: &OutboxMessage,
    ) -> StorageResult<()> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let done = S::Db::query("UPDATE staff SET password_hash = $1 WHERE id = $2")
            .arg(password_hash)
            .arg(staff_id)
            .run(&mut tx)
            .await?;
        one_row(done)?;
        end_sessions_on::<S::Db>(&mut tx, staff_id, keep_session).await?;
        crate::requests::enqueue::<S::Db>(&mut tx, notice, None, now()).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_session(
        &self,
        token_hash: &str,
        staff_id: i64,
        expires_at: OffsetDateTime,
    ) -> StorageResult<()> {
        S::Db::query(
            "INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .arg(token_hash)
        .arg(staff_id)
        .arg(Stamp(now()))
        .arg(Stamp(expires_at))
        .run(&mut *self.write_conn().await?)
        .await?;
        Ok(())
    }

    async fn session_staff(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> StorageResult<Option<Staff>> {
        Ok(
            live_session::<S::Db>(&mut *self.read_conn().await?, token_hash, now)
                .await?
                .map(|(staff, _)| staff),
        )
    }

    async fn use_session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
        idle: time::Duration,
        absolute: time::Duration,
    ) -> StorageResult<Option<Staff>> {
        let found = live_session::<S::Db>(&mut *self.read_conn().await?, token_hash, now).await?;
        let Some((staff, times)) = found else {
            return Ok(None);
        };
        if times.extension_due(now, idle, absolute) {
            self.touch_session(token_hash, now, idle, absolute).await?;
        }
        Ok(Some(staff))
    }

    async fn delete_session(&self, token_hash: &str) -> StorageResult<()> {
        S::Db::query("DELETE FROM sessions WHERE token_hash = $1")
            .arg(token_hash)
            .run(&mut *self.write_conn().await?)
            .await?;
        Ok(())
    }

    async fn touch_session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
        idle: time::Duration,
        absolute: time::Duration,
    ) -> StorageResult<()> {
        let step = extension_step(idle);
        S::Db::query(
            "UPDATE sessions SET expires_at = $2 \
             WHERE token_hash = $1 AND expires_at > $3 AND expires_at < $4 AND created_at > $5",
        )
        .arg(token_hash)
        .arg(Stamp(now + idle))
        .arg(Stamp(now))
        .arg(Stamp(now + idle - step))
        .arg(Stamp(now - (absolute - idle)))
        .run(&mut *self.write_conn().await?)
        .await?;
        Ok(())
    }

    async fn end_sessions(&self, staff_id: i64, keep: Option<&str>) -> StorageResult<u64> {
        end_sessions_on::<S::Db>(&mut *self.write_conn().await?, staff_id, keep).await
    }

    async fn set_staff_active(
        &self,
        body: &str,
        staff_id: i64,
        active: bool,
    ) -> StorageResult<Staff> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let done = S::Db::query(
            "UPDATE staff SET active = $1 WHERE id = $2 \
             AND body_id = (SELECT id FROM bodies WHERE slug = $3)",
        )
        .arg(active)
        .arg(staff_id)
        .arg(body)
        .run(&mut tx)
        .await?;
        one_row(done)?;
        if !active {
            end_sessions_on::<S::Db>(&mut tx, staff_id, None).await?;
        }
        let row = S::Db::query(
            "SELECT st.id, b.slug AS body_slug, st.email, st.name, st.role, st.active \
             FROM staff st JOIN bodies b ON b.id = st.body_id WHERE st.id = $1",
        )
        .arg(staff_id)
        .one(&mut tx)
        .await?;
        let staff = staff_from_row::<S::Db>(&row)?;
        tx.commit().await?;
        Ok(staff)
    }
}

/// When a live session began and when it lapses unless used.
struct SessionTimes {
    created_at: OffsetDateTime,
    expires_at: OffsetDateTime,
}

impl SessionTimes {
    /// True when a use at `now` should push the expiry on: it has drifted by more than a
    /// step, and the session is young enough that the new expiry stays within `absolute`.
    fn extension_due(
        &self,
        now: OffsetDateTime,
        idle: time::Duration,
        absolute: time::Duration,
    ) -> bool {
        self.expires_at < now + idle - extension_step(idle)
            && self.created_at > now - (absolute - idle)
    }
}

/// How far an expiry may drift before a use writes it again: a quarter of the idle time,
/// a minute at most.
fn extension_step(idle: time::Duration) -> time::Duration {
    (idle / 4_i32).min(time::Duration::minutes(1))
}

/// The active account behind an unexpired session, with the session's times.
async fn live_session<D: Dialect>(
    conn: &mut D::Connection,
    token_hash: &str,
    now: OffsetDateTime,
) -> StorageResult<Option<(Staff, SessionTimes)>> {
    let row = D::query(
        "SELECT st.id, b.slug AS body_slug, st.email, st.name, st.role, st.active, \
         se.created_at AS session_created_at, se.expires_at AS session_expires_at \
         FROM sessions se JOIN staff st ON st.id = se.staff_id \
         LEFT JOIN bodies b ON b.id = st.body_id \
         WHERE se.token_hash = $1 AND se.expires_at > $2 AND st.active",
    )
    .arg(token_hash)
    .arg(Stamp(now))
    .optional(conn)
    .await?;
    row.map(|row| {
        let times = SessionTimes {
            created_at: row.col("session_created_at")?,
            expires_at: row.col("session_expires_at")?,
        };
        Ok((staff_from_row::<D>(&row)?, times))
    })
    .transpose()
}

/// Ends every session of an account but `keep` (every one when `None`), on `conn`.
async fn end_sessions_on<D: Dialect>(
    conn: &mut D::Connection,
    staff_id: i64,
    keep: Option<&str>,
) -> StorageResult<u64> {
    D::query("DELETE FROM sessions WHERE staff_id = $1 AND token_hash <> $2")
        .arg(staff_id)
        .arg(keep.unwrap_or(""))
        .run(conn)
        .await
}

/// Lists (again) the datasets Civic publishes for every body, as `body` now is.
/// Gives every service made before migration 0033 its feed identifier, a page at a time;
/// once they all have one, this is a single probe of the index.
async fn fill_feed_ids<S: Engine>(store: &S) -> StorageResult<()> {
    loop {
        let mut tx = store.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let rows = S::Db::query(
            "SELECT s.id, b.slug AS body_slug, s.slug FROM services s \
             JOIN bodies b ON b.id = s.body_id WHERE s.feed_id IS NULL LIMIT 1000",
        )
        .all(&mut tx)
        .await?;
        if rows.is_empty() {
            return Ok(());
        }
        for row in &rows {
            let id: i64 = row.col("id")?;
            let body: String = row.col("body_slug")?;
            let slug: String = row.col("slug")?;
            S::Db::query("UPDATE services SET feed_id = $1 WHERE id = $2")
                .arg(service_feed_id(&body, &slug))
                .arg(id)
                .run(&mut tx)
                .await?;
        }
        tx.commit().await?;
    }
}

async fn publish_own<S: Engine>(store: &S, body: &Body) -> StorageResult<()> {
    crate::CatalogueStore::publish_own_datasets(
        store,
        &body.slug,
        &civic_domain::catalogue::own_datasets(body),
    )
    .await
}

/// The conditions shared by a list and its count: the body, retired services, and the
/// full-text search (joined to its index where the engine keeps one apart).
/// Pushes ` ORDER BY …` for a list of services: by relevance when searching, then by body
/// (for the national list) and name, in Welsh order for a Welsh page.
fn push_service_order<D: Dialect>(
    sql: &mut QueryBuilder<D>,
    query: &ServiceQuery,
    search: &SearchQuery,
) {
    sql.push(" ORDER BY ");
    if !search.is_empty() {
        D::push_service_rank(sql, search);
        sql.push(", ");
    }
    if query.in_added_order {
        sql.push("s.id");
        return;
    }
    // Welsh order compares by collation, not by an index: a page of the national list
    // is a top-N sort (each row compared a few times), a body's register a few hundred.
    if query.body.is_none() {
        if query.welsh {
            sql.push("COALESCE(NULLIF(b.name_cy, ''), b.name) COLLATE ")
                .push(D::WELSH_COLLATION)
                .push(", ");
        }
        sql.push("b.name, b.slug, ");
    }
    if query.welsh {
        sql.push("COALESCE(NULLIF(s.name_cy, ''), s.name) COLLATE ")
            .push(D::WELSH_COLLATION)
            .push(", ");
    }
    sql.push("s.name, s.id");
}

/// The `a:b,a:b…` text one row of `sql` joins (one value crosses from the database, not a
/// row per service), as pairs of whole numbers; `what` names them in a corruption error.
async fn joined_pairs<D: Dialect>(
    conn: &mut D::Connection,
    mut sql: QueryBuilder<D>,
    what: &str,
) -> StorageResult<Vec<(i64, i64)>> {
    let joined: Option<String> = sql.build().one(&mut *conn).await?.col(0)?;
    joined
        .unwrap_or_default()
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let corrupt = || StorageError::Corrupt(format!("{what} {pair}"));
            let (a, b) = pair.split_once(':').ok_or_else(corrupt)?;
            Ok((
                a.parse().map_err(|_| corrupt())?,
                b.parse().map_err(|_| corrupt())?,
            ))
        })
        .collect()
}

/// The order of the offered services of `body` (every body's when `None`), from memory
/// when built since the services and bodies last changed.
async fn service_order<S: Engine>(
    store: &S,
    conn: &mut <S::Db as sqlx::Database>::Connection,
    body: &Option<String>,
    kind: ListOrder,
) -> StorageResult<std::sync::Arc<crate::place_index::ServiceOrder>> {
    use crate::DataTopic::{Bodies, Services};
    let versions = (
        crate::versions::version_of::<S::Db>(conn, Services).await?,
        crate::versions::version_of::<S::Db>(conn, Bodies).await?,
    );
    let key = (body.clone(), kind);
    if let Some(order) = store.service_orders().current(&key, versions) {
        return Ok(order);
    }
    let query = ServiceQuery {
        body: body.clone(),
        welsh: matches!(kind, ListOrder::Names { welsh: true }),
        in_added_order: kind == ListOrder::Added,
        ..Default::default()
    };
    // Each id with its place in the list, joined into one text (one value crosses from
    // the database, not 90,000 rows), then put in order here.
    let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(format!(
        "SELECT {}(CAST(id AS TEXT) || ':' || CAST(rn AS TEXT), ',') FROM (SELECT s.id, \
         ROW_NUMBER() OVER (",
        S::Db::JOIN_TEXTS
    ));
    push_service_order(&mut sql, &query, &SearchQuery::default());
    sql.push(") AS rn ");
    sql.push(services_from(&query));
    push_service_filter(&mut sql, &query, &SearchQuery::default());
    sql.push(") AS ordered");
    let mut ranked: Vec<(i64, i64)> = joined_pairs(conn, sql, "service order")
        .await?
        .into_iter()
        .map(|(id, rank)| (rank, id))
        .collect();
    ranked.sort_unstable();
    let order = std::sync::Arc::new(crate::place_index::ServiceOrder {
        versions,
        ids: ranked.into_iter().map(|(_, id)| id).collect(),
    });
    store.service_orders().keep(key, order.clone());
    Ok(order)
}

/// The running sums of places of the offered services of `body` (every body's when `None`),
/// from memory when built since the services last changed.
async fn place_index<S: Engine>(
    store: &S,
    conn: &mut <S::Db as sqlx::Database>::Connection,
    body: &Option<String>,
) -> StorageResult<std::sync::Arc<crate::place_index::PlaceIndex>> {
    // The version is read first: sums built from later data are only rebuilt sooner.
    let version = crate::versions::version_of::<S::Db>(conn, crate::DataTopic::Services).await?;
    if let Some(index) = store.place_indexes().current(body, version) {
        return Ok(index);
    }
    let mut sql: QueryBuilder<S::Db> = QueryBuilder::new(format!(
        "SELECT {}(CAST(s.id AS TEXT) || ':' || CAST(s.places AS TEXT), ',') \
         FROM services s WHERE s.status = 'active' AND s.places > 0",
        S::Db::JOIN_TEXTS
    ));
    if let Some(body) = body {
        sql.push(" AND s.body_id = (SELECT id FROM bodies WHERE slug = ")
            .arg(body.clone())
            .push(")");
    }
    let pairs = joined_pairs(conn, sql, "place count").await?;
    let index = std::sync::Arc::new(crate::place_index::PlaceIndex::new(version, pairs));
    store.place_indexes().keep(body.clone(), index.clone());
    Ok(index)
}

/// How many places (in-person and postal channels, at most [`MAX_PLACES_OF_A_KIND`] of
/// each kind) `channels` give a service: the `places` column.
fn places_of(channels: &[civic_domain::Channel]) -> i32 {
    let count = |kind: ChannelKind| {
        let n = channels.iter().filter(|c| c.kind == kind).count();
        i32::try_from(n.min(usize::try_from(MAX_PLACES_OF_A_KIND).unwrap_or(0))).unwrap_or(0)
    };
    count(ChannelKind::Counter) + count(ChannelKind::Post)
}

/// The services with these row ids, read whole, in the order given.
async fn services_in_order<D: Dialect>(
    conn: &mut D::Connection,
    ids: &[i64],
) -> StorageResult<Vec<Service>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut page: QueryBuilder<D> = QueryBuilder::new(service_select!());
    page.push("WHERE s.id IN (");
    let mut list = page.separated(", ");
    for id in ids {
        list.arg(*id);
    }
    page.push(")");
    let mut found = std::collections::HashMap::with_capacity(ids.len());
    for row in page.build().all(&mut *conn).await? {
        found.insert(row.col::<i64>("id")?, service_from_row::<D>(&row)?);
    }
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// The `FROM` clause of a list: services alone when listed in the order they were added
/// (a page deep in the list then walks an index of services, where joining every skipped
/// row to its body cost a read each), else joined to their bodies, whose names order it.
fn services_from(query: &ServiceQuery) -> &'static str {
    if query.in_added_order {
        "FROM services s "
    } else {
        "FROM services s JOIN bodies b ON b.id = s.body_id "
    }
}

/// The search a query asks for, widened to Welsh mutations for a Welsh page.
fn search_of(query: &ServiceQuery) -> SearchQuery {
    let search = SearchQuery::parse(query.text.as_deref().unwrap_or(""));
    if query.welsh {
        search.with_welsh_mutations()
    } else {
        search
    }
}

fn push_service_filter<D: Dialect>(
    sql: &mut QueryBuilder<D>,
    query: &ServiceQuery,
    search: &SearchQuery,
) {
    if !search.is_empty() {
        sql.push(D::SERVICE_SEARCH_JOIN);
    }
    sql.push(" WHERE 1 = 1");
    if let Some(body) = &query.body {
        sql.push(" AND s.body_id = (SELECT id FROM bodies WHERE slug = ")
            .arg(body.clone())
            .push(")");
    }
    if !query.include_retired {
        let unindexed = if search.is_empty() { "" } else { D::UNINDEXED };
        sql.push(" AND ")
            .push(unindexed)
            .push("s.status = 'active'");
    }
    if let Some(code) = &query.code {
        sql.push(" AND s.code = ").arg(code.clone());
    }
    if let Some(level) = query.inclusion_level {
        sql.push(" AND s.inclusion_level = ")
            .arg(i32::from(level.number()));
    }
    if let Some(since) = query.changed_since {
        sql.push(" AND s.updated_at >= ").arg(Stamp(since));
    }
    match query.at_places.as_deref() {
        None => {}
        Some([]) => {
            sql.push(" AND 1 = 0");
        }
        Some(places) => {
            sql.push(
                " AND s.id IN (SELECT ps.service_id FROM place_services ps \
                 JOIN places p ON p.id = ps.place_id WHERE p.active = TRUE AND p.feed_id IN (",
            );
            let mut list = sql.separated(", ");
            for place in places {
                list.arg(place.to_ascii_lowercase());
            }
            sql.push("))");
        }
    }
    if !search.is_empty() {
        sql.push(" AND ");
        D::push_service_match(sql, search);
    }
}
