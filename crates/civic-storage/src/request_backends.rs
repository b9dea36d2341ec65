//! `RequestStore` for SQLite and PostgreSQL, generated from one body of code.

use crate::backends::{PostgresStore, SqliteStore, now, postgres_time, sqlite_time, to_micros};
use crate::requests::{
    ApiKey, BodyUpdate, NewRequest, OutboxItem, OutboxMessage, RequestChange, RequestQuery,
    RequestStore, channel, status, visibility,
};
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::{Contact, Point, RequestStatus, RequestUpdate, ServiceRequest};
use sqlx::{QueryBuilder, Row};
use time::OffsetDateTime;

macro_rules! request_select {
    () => {
        "SELECT r.id, b.slug AS body_slug, s.slug AS service_slug, r.service_name, r.status, \
         r.description, r.lat, r.long, r.address, r.uprn, r.postcode, r.attributes, r.media_url, \
         r.public_name, r.channel, r.visibility, r.confirmed, r.duplicate_of, r.assigned_to, \
         r.token, r.requested_at, r.updated_at, r.expected_at, \
         (SELECT u.description FROM request_updates u WHERE u.request_id = r.id AND NOT u.private \
          AND u.description <> '' ORDER BY u.id DESC LIMIT 1) AS latest_note, \
         (SELECT COUNT(*) FROM request_photos p WHERE p.request_id = r.id) AS photo_count \
         FROM requests r JOIN bodies b ON b.id = r.body_id JOIN services s ON s.id = r.service_id "
    };
}

fn json_err(e: serde_json::Error) -> StorageError {
    StorageError::Corrupt(e.to_string())
}

macro_rules! request_methods {
    ($store:ident, $db:ty, $row:ty, begin_write = $begin:literal, skip_locked = $skip:literal, time = $time:path) => {
        impl $store {
            fn request_from_row(row: &$row) -> StorageResult<ServiceRequest> {
                let lat: Option<f64> = row.try_get("lat")?;
                let long: Option<f64> = row.try_get("long")?;
                let attributes: String = row.try_get("attributes")?;
                Ok(ServiceRequest {
                    id: row.try_get("id")?,
                    body: row.try_get("body_slug")?,
                    service: row.try_get("service_slug")?,
                    service_name: row.try_get("service_name")?,
                    status: status(row.try_get("status")?)?,
                    description: row.try_get("description")?,
                    point: lat.zip(long).map(|(lat, long)| Point { lat, long }),
                    address: row.try_get("address")?,
                    uprn: row.try_get("uprn")?,
                    postcode: row.try_get("postcode")?,
                    attributes: serde_json::from_str(&attributes).map_err(json_err)?,
                    media_url: row.try_get("media_url")?,
                    public_name: row.try_get("public_name")?,
                    channel: channel(row.try_get("channel")?)?,
                    visibility: visibility(row.try_get("visibility")?)?,
                    confirmed: row.try_get("confirmed")?,
                    duplicate_of: row.try_get("duplicate_of")?,
                    assigned_to: row.try_get("assigned_to")?,
                    token: row.try_get("token")?,
                    requested_at: row.try_get("requested_at")?,
                    updated_at: row.try_get("updated_at")?,
                    expected_at: row.try_get("expected_at")?,
                    latest_note: row.try_get("latest_note")?,
                    photos: row.try_get("photo_count")?,
                })
            }

            fn update_from_row(row: &$row) -> StorageResult<RequestUpdate> {
                Ok(RequestUpdate {
                    id: row.try_get("id")?,
                    request_id: row.try_get("request_id")?,
                    at: row.try_get("at")?,
                    status: status(row.try_get("status")?)?,
                    description: row.try_get("description")?,
                    private: row.try_get("private")?,
                    actor: row.try_get("actor")?,
                    external_id: row.try_get("external_id")?,
                })
            }

            fn key_from_row(row: &$row) -> StorageResult<ApiKey> {
                Ok(ApiKey {
                    id: row.try_get("id")?,
                    body: row.try_get("body_slug")?,
                    name: row.try_get("name")?,
                    created_at: row.try_get("created_at")?,
                    revoked_at: row.try_get("revoked_at")?,
                })
            }

            pub(crate) async fn enqueue(
                conn: &mut <$db as sqlx::Database>::Connection,
                message: &OutboxMessage,
                request_id: Option<i64>,
                at: OffsetDateTime,
            ) -> StorageResult<()> {
                sqlx::query(
                    "INSERT INTO outbox (kind, recipient, request_id, payload, created_at, \
                     next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)",
                )
                .bind(&message.kind)
                .bind(&message.recipient)
                .bind(request_id)
                .bind(message.payload.to_string())
                .bind($time(at))
                .execute(&mut *conn)
                .await?;
                Ok(())
            }
        }

        #[async_trait]
        impl RequestStore for $store {
            async fn create_request(&self, new: &NewRequest) -> StorageResult<ServiceRequest> {
                let mut tx = self.writer().begin_with($begin).await?;
                let row = sqlx::query(
                    "SELECT b.id AS body_id, s.id AS service_id, s.name FROM services s \
                     JOIN bodies b ON b.id = s.body_id \
                     WHERE b.slug = $1 AND s.slug = $2 AND s.status = 'active' AND s.accepts_requests",
                )
                .bind(&new.body)
                .bind(&new.service)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StorageError::NotFound)?;
                let body_id: i64 = row.try_get("body_id")?;
                let service_id: i64 = row.try_get("service_id")?;
                let service_name: String = row.try_get("name")?;
                let at = now();
                let d = &new.draft;
                let id: i64 = sqlx::query(
                    "INSERT INTO requests (body_id, service_id, service_name, status, description, \
                     lat, long, address, uprn, postcode, attributes, media_url, public_name, channel, \
                     visibility, confirmed, token, api_key_id, requested_at, updated_at, expected_at) \
                     VALUES ($1, $2, $3, 'received', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
                     $14, $15, $16, $17, $18, $18, $19) RETURNING id",
                )
                .bind(body_id)
                .bind(service_id)
                .bind(&service_name)
                .bind(&d.description)
                .bind(d.point.map(|p| p.lat))
                .bind(d.point.map(|p| p.long))
                .bind(&d.address)
                .bind(&d.uprn)
                .bind(&d.postcode)
                .bind(serde_json::to_string(&d.attributes).map_err(json_err)?)
                .bind(&d.media_url)
                .bind(&d.public_name)
                .bind(new.channel.as_str())
                .bind(new.visibility.as_str())
                .bind(new.confirmed)
                .bind(&new.token)
                .bind(new.api_key_id)
                .bind($time(at))
                .bind(new.expected_at.map($time))
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
                sqlx::query(
                    "INSERT INTO request_contacts (request_id, name, email, phone, consent, \
                     confirm_token_hash) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(id)
                .bind(&d.contact.name)
                .bind(&d.contact.email)
                .bind(&d.contact.phone)
                .bind(&new.consent)
                .bind(&new.confirm_token_hash)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO request_updates (request_id, at, status, description, private, actor) \
                     VALUES ($1, $2, 'received', '', FALSE, $3)",
                )
                .bind(id)
                .bind($time(at))
                .bind(format!("Reported by {}", new.channel.label().to_lowercase()))
                .execute(&mut *tx)
                .await?;
                if let Some(token) = &new.reporter_subscription {
                    if !d.contact.email.is_empty() {
                        sqlx::query(
                            "INSERT INTO subscriptions (request_id, email, token, confirmed, created_at) \
                             VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(id)
                        .bind(&d.contact.email)
                        .bind(token)
                        .bind(new.confirmed)
                        .bind($time(at))
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                for (i, (content_type, data)) in new.photos.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO request_photos (request_id, position, content_type, data) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(id)
                    .bind(i32::try_from(i + 1).unwrap_or(i32::MAX))
                    .bind(content_type)
                    .bind(data.as_slice())
                    .execute(&mut *tx)
                    .await?;
                }
                for message in &new.notifications {
                    Self::enqueue(&mut tx, message, Some(id), at).await?;
                }
                Self::sync_request_measures(&mut tx, id, None).await?;
                tx.commit().await?;
                Ok(ServiceRequest {
                    id,
                    body: new.body.clone(),
                    service: new.service.clone(),
                    service_name,
                    status: RequestStatus::Received,
                    description: d.description.clone(),
                    point: d.point,
                    address: d.address.clone(),
                    uprn: d.uprn.clone(),
                    postcode: d.postcode.clone(),
                    attributes: d.attributes.clone(),
                    media_url: d.media_url.clone(),
                    public_name: d.public_name.clone(),
                    channel: new.channel,
                    visibility: new.visibility,
                    confirmed: new.confirmed,
                    duplicate_of: None,
                    assigned_to: None,
                    token: new.token.clone(),
                    requested_at: at,
                    updated_at: at,
                    expected_at: new.expected_at.map(to_micros),
                    latest_note: None,
                    photos: i64::try_from(new.photos.len()).unwrap_or(i64::MAX),
                })
            }

            async fn get_request(&self, id: i64) -> StorageResult<Option<ServiceRequest>> {
                let row = sqlx::query(concat!(request_select!(), "WHERE r.id = $1"))
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?;
                row.as_ref().map(Self::request_from_row).transpose()
            }

            async fn list_requests(&self, q: &RequestQuery) -> StorageResult<Vec<ServiceRequest>> {
                let mut sql: QueryBuilder<$db> = QueryBuilder::new(concat!(request_select!(), "WHERE 1 = 1"));
                if let Some(body) = &q.body {
                    sql.push(" AND b.slug = ").push_bind(body.clone());
                }
                if !q.ids.is_empty() {
                    sql.push(" AND r.id IN (");
                    let mut list = sql.separated(", ");
                    for id in &q.ids {
                        list.push_bind(*id);
                    }
                    sql.push(")");
                }
                if !q.services.is_empty() {
                    sql.push(" AND s.slug IN (");
                    let mut list = sql.separated(", ");
                    for s in &q.services {
                        list.push_bind(s.clone());
                    }
                    sql.push(")");
                }
                let mut statuses: Vec<RequestStatus> = q.statuses.clone();
                if let Some(open) = q.open {
                    let wanted: Vec<RequestStatus> = RequestStatus::ALL
                        .into_iter()
                        .filter(|s| s.is_open() == open)
                        .collect();
                    statuses = if statuses.is_empty() {
                        wanted
                    } else {
                        statuses.into_iter().filter(|s| wanted.contains(s)).collect()
                    };
                    if statuses.is_empty() {
                        return Ok(Vec::new());
                    }
                }
                if !statuses.is_empty() {
                    sql.push(" AND r.status IN (");
                    let mut list = sql.separated(", ");
                    for s in &statuses {
                        list.push_bind(s.as_str());
                    }
                    sql.push(")");
                }
                if let Some(t) = q.requested_from {
                    sql.push(" AND r.requested_at >= ").push_bind($time(t));
                }
                if let Some(t) = q.requested_to {
                    sql.push(" AND r.requested_at <= ").push_bind($time(t));
                }
                if let Some(t) = q.updated_after {
                    sql.push(" AND r.updated_at > ").push_bind($time(t));
                }
                if let Some(t) = q.updated_before {
                    sql.push(" AND r.updated_at < ").push_bind($time(t));
                }
                if q.public_only {
                    sql.push(" AND r.confirmed AND r.visibility = 'public'");
                }
                if let Some(c) = q.channel {
                    sql.push(" AND r.channel = ").push_bind(c.as_str());
                }
                if let Some(staff) = q.assigned_to {
                    sql.push(" AND r.assigned_to = ").push_bind(staff);
                }
                if let Some(t) = q.overdue_at {
                    sql.push(" AND r.expected_at < ").push_bind($time(t));
                    sql.push(" AND r.status IN ('received', 'acknowledged', 'in_progress', 'action_scheduled', 'reopened')");
                }
                if let Some((sw, ne)) = q.within {
                    sql.push(" AND r.lat BETWEEN ").push_bind(sw.lat).push(" AND ").push_bind(ne.lat);
                    sql.push(" AND r.long BETWEEN ").push_bind(sw.long).push(" AND ").push_bind(ne.long);
                }
                if q.by_updated {
                    sql.push(" ORDER BY r.updated_at DESC, r.id DESC");
                } else {
                    sql.push(" ORDER BY r.requested_at DESC, r.id DESC");
                }
                sql.push(" LIMIT ").push_bind(q.limit.max(0));
                sql.push(" OFFSET ").push_bind(q.offset.max(0));
                let rows = sql.build().fetch_all(self.pool()).await?;
                rows.iter().map(Self::request_from_row).collect()
            }

            async fn request_contact(&self, body: &str, id: i64) -> StorageResult<Option<Contact>> {
                let row = sqlx::query(
                    "SELECT c.name, c.email, c.phone FROM request_contacts c \
                     JOIN requests r ON r.id = c.request_id JOIN bodies b ON b.id = r.body_id \
                     WHERE b.slug = $1 AND r.id = $2",
                )
                .bind(body)
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
                match row {
                    Some(row) => Ok(Some(Contact {
                        name: row.try_get("name")?,
                        email: row.try_get("email")?,
                        phone: row.try_get("phone")?,
                    })),
                    None => Ok(None),
                }
            }

            async fn change_request(
                &self,
                body: &str,
                id: i64,
                change: &RequestChange,
            ) -> StorageResult<RequestUpdate> {
                let mut tx = self.writer().begin_with($begin).await?;
                let row = sqlx::query(concat!(request_select!(), "WHERE b.slug = $1 AND r.id = $2"))
                    .bind(body)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(StorageError::NotFound)?;
                let before = Self::request_from_row(&row)?;
                if let Some(original) = change.duplicate_of {
                    let same_body = sqlx::query(
                        "SELECT 1 FROM requests r JOIN bodies b ON b.id = r.body_id \
                         WHERE b.slug = $1 AND r.id = $2",
                    )
                    .bind(body)
                    .bind(original)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if same_body.is_none() || original == id {
                        return Err(StorageError::NotFound);
                    }
                }
                if let Some(Some(staff)) = change.assigned_to {
                    let theirs = sqlx::query(
                        "SELECT 1 FROM staff st JOIN bodies b ON b.id = st.body_id \
                         WHERE b.slug = $1 AND st.id = $2",
                    )
                    .bind(body)
                    .bind(staff)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if theirs.is_none() {
                        return Err(StorageError::NotFound);
                    }
                }
                let new_status = change
                    .status
                    .or(change.duplicate_of.map(|_| RequestStatus::Duplicate))
                    .unwrap_or(before.status);
                let at = now();
                let update_id: i64 = sqlx::query(
                    "INSERT INTO request_updates (request_id, at, status, description, private, \
                     actor, staff_id, external_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(id)
                .bind($time(at))
                .bind(new_status.as_str())
                .bind(&change.description)
                .bind(change.private)
                .bind(&change.actor)
                .bind(change.staff_id)
                .bind(&change.external_id)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
                let visibility = change.visibility.unwrap_or(before.visibility);
                let assigned = match change.assigned_to {
                    Some(a) => a,
                    None => before.assigned_to,
                };
                let duplicate_of = change.duplicate_of.or(before.duplicate_of);
                sqlx::query(
                    "UPDATE requests SET status = $1, visibility = $2, assigned_to = $3, \
                     duplicate_of = $4, updated_at = $5 WHERE id = $6",
                )
                .bind(new_status.as_str())
                .bind(visibility.as_str())
                .bind(assigned)
                .bind(duplicate_of)
                .bind($time(at))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                let announce = !change.private
                    && before.confirmed
                    && visibility == civic_domain::Visibility::Public
                    && (new_status != before.status || !change.description.trim().is_empty());
                if announce {
                    sqlx::query(
                        "INSERT INTO outbox (kind, recipient, request_id, payload, created_at, next_attempt_at) \
                         SELECT 'request_update', email, request_id, $1, $2, $2 FROM subscriptions \
                         WHERE request_id = $3 AND confirmed",
                    )
                    .bind(serde_json::json!({ "update_id": update_id }).to_string())
                    .bind($time(at))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
                let survey = change.survey.as_ref().map(|(t, h)| (t.as_str(), h.as_str()));
                Self::sync_request_measures(&mut tx, id, survey).await?;
                tx.commit().await?;
                Ok(RequestUpdate {
                    id: update_id,
                    request_id: id,
                    at,
                    status: new_status,
                    description: change.description.clone(),
                    private: change.private,
                    actor: change.actor.clone(),
                    external_id: change.external_id.clone(),
                })
            }

            async fn request_updates(
                &self,
                id: i64,
                include_private: bool,
            ) -> StorageResult<Vec<RequestUpdate>> {
                let rows = sqlx::query(
                    "SELECT id, request_id, at, status, description, private, actor, external_id \
                     FROM request_updates WHERE request_id = $1 AND ($2 OR NOT private) ORDER BY id",
                )
                .bind(id)
                .bind(include_private)
                .fetch_all(self.pool())
                .await?;
                rows.iter().map(Self::update_from_row).collect()
            }

            async fn body_updates(
                &self,
                body: &str,
                from: OffsetDateTime,
                to: OffsetDateTime,
                after_id: i64,
                limit: i64,
            ) -> StorageResult<Vec<BodyUpdate>> {
                let rows = sqlx::query(
                    "SELECT u.id, u.request_id, u.at, u.status, u.description, u.private, u.actor, \
                     u.external_id, s.slug AS service_slug FROM request_updates u \
                     JOIN requests r ON r.id = u.request_id JOIN bodies b ON b.id = r.body_id \
                     JOIN services s ON s.id = r.service_id \
                     WHERE b.slug = $1 AND u.at >= $2 AND u.at <= $3 AND NOT u.private \
                     AND r.confirmed AND r.visibility = 'public' AND u.id > $5 ORDER BY u.id LIMIT $4",
                )
                .bind(body)
                .bind($time(from))
                .bind($time(to))
                .bind(limit)
                .bind(after_id)
                .fetch_all(self.pool())
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(BodyUpdate {
                            update: Self::update_from_row(row)?,
                            service: row.try_get("service_slug")?,
                        })
                    })
                    .collect()
            }

            async fn confirm_request(&self, token_hash: &str) -> StorageResult<Option<ServiceRequest>> {
                let mut tx = self.writer().begin_with($begin).await?;
                let row = sqlx::query(
                    "SELECT request_id, email FROM request_contacts WHERE confirm_token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let id: i64 = row.try_get("request_id")?;
                let email: String = row.try_get("email")?;
                sqlx::query("UPDATE requests SET confirmed = TRUE WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE request_contacts SET confirm_token_hash = NULL WHERE request_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE subscriptions SET confirmed = TRUE WHERE request_id = $1 AND email = $2")
                    .bind(id)
                    .bind(&email)
                    .execute(&mut *tx)
                    .await?;
                Self::sync_request_measures(&mut tx, id, None).await?;
                tx.commit().await?;
                self.get_request(id).await
            }

            async fn process_batch(&self) -> StorageResult<Vec<i64>> {
                let mut tx = self.writer().begin_with($begin).await?;
                let rows = sqlx::query(
                    "UPDATE requests SET confirmed = TRUE \
                     WHERE token IS NOT NULL AND NOT confirmed RETURNING id",
                )
                .fetch_all(&mut *tx)
                .await?;
                let ids = rows.iter().map(|r| Ok(r.try_get(0)?)).collect::<StorageResult<Vec<i64>>>()?;
                for id in &ids {
                    Self::sync_request_measures(&mut tx, *id, None).await?;
                }
                tx.commit().await?;
                Ok(ids)
            }

            async fn token_request(
                &self,
                body: &str,
                token: &str,
            ) -> StorageResult<Option<(String, Option<i64>)>> {
                let row = sqlx::query(
                    "SELECT r.id, r.confirmed FROM requests r JOIN bodies b ON b.id = r.body_id \
                     WHERE b.slug = $1 AND r.token = $2",
                )
                .bind(body)
                .bind(token)
                .fetch_optional(self.pool())
                .await?;
                match row {
                    Some(row) => {
                        let confirmed: bool = row.try_get("confirmed")?;
                        let id: i64 = row.try_get("id")?;
                        Ok(Some((token.to_string(), confirmed.then_some(id))))
                    }
                    None => Ok(None),
                }
            }

            async fn subscribe(&self, request_id: i64, email: &str, token: &str) -> StorageResult<bool> {
                let mut tx = self.writer().begin_with($begin).await?;
                let at = now();
                let inserted = sqlx::query(
                    "INSERT INTO subscriptions (request_id, email, token, confirmed, created_at) \
                     VALUES ($1, $2, $3, FALSE, $4) ON CONFLICT (request_id, email) DO NOTHING",
                )
                .bind(request_id)
                .bind(email)
                .bind(token)
                .bind($time(at))
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if inserted == 1 {
                    let message = OutboxMessage {
                        kind: "confirm_subscription".into(),
                        recipient: email.to_string(),
                        payload: serde_json::json!({ "token": token }),
                    };
                    Self::enqueue(&mut tx, &message, Some(request_id), at).await?;
                }
                tx.commit().await?;
                Ok(inserted == 1)
            }

            async fn confirm_subscription(&self, token: &str) -> StorageResult<Option<i64>> {
                let row = sqlx::query(
                    "UPDATE subscriptions SET confirmed = TRUE WHERE token = $1 RETURNING request_id",
                )
                .bind(token)
                .fetch_optional(self.writer())
                .await?;
                row.map(|r| Ok(r.try_get(0)?)).transpose()
            }

            async fn unsubscribe(&self, token: &str) -> StorageResult<Option<i64>> {
                let row = sqlx::query("DELETE FROM subscriptions WHERE token = $1 RETURNING request_id")
                    .bind(token)
                    .fetch_optional(self.writer())
                    .await?;
                row.map(|r| Ok(r.try_get(0)?)).transpose()
            }

            async fn subscription_token(
                &self,
                request_id: i64,
                email: &str,
            ) -> StorageResult<Option<String>> {
                let row = sqlx::query("SELECT token FROM subscriptions WHERE request_id = $1 AND email = $2")
                    .bind(request_id)
                    .bind(email)
                    .fetch_optional(self.pool())
                    .await?;
                row.map(|r| Ok(r.try_get(0)?)).transpose()
            }

            async fn request_photo(
                &self,
                request_id: i64,
                position: i32,
            ) -> StorageResult<Option<(String, Vec<u8>)>> {
                let row = sqlx::query(
                    "SELECT content_type, data FROM request_photos WHERE request_id = $1 AND position = $2",
                )
                .bind(request_id)
                .bind(position)
                .fetch_optional(self.pool())
                .await?;
                match row {
                    Some(row) => Ok(Some((row.try_get("content_type")?, row.try_get("data")?))),
                    None => Ok(None),
                }
            }

            async fn request_photo_count(&self, request_id: i64) -> StorageResult<i64> {
                let row = sqlx::query("SELECT COUNT(*) FROM request_photos WHERE request_id = $1")
                    .bind(request_id)
                    .fetch_one(self.pool())
                    .await?;
                Ok(row.try_get(0)?)
            }

            async fn create_api_key(&self, body: &str, name: &str, key_hash: &str) -> StorageResult<ApiKey> {
                let at = now();
                let row = sqlx::query(
                    "INSERT INTO api_keys (body_id, name, key_hash, created_at) \
                     SELECT id, $2, $3, $4 FROM bodies WHERE slug = $1 RETURNING id",
                )
                .bind(body)
                .bind(name)
                .bind(key_hash)
                .bind($time(at))
                .fetch_optional(self.writer())
                .await?
                .ok_or(StorageError::NotFound)?;
                Ok(ApiKey {
                    id: row.try_get(0)?,
                    body: body.to_string(),
                    name: name.to_string(),
                    created_at: at,
                    revoked_at: None,
                })
            }

            async fn api_key(&self, key_hash: &str) -> StorageResult<Option<ApiKey>> {
                let row = sqlx::query(
                    "SELECT k.id, b.slug AS body_slug, k.name, k.created_at, k.revoked_at \
                     FROM api_keys k JOIN bodies b ON b.id = k.body_id \
                     WHERE k.key_hash = $1 AND k.revoked_at IS NULL",
                )
                .bind(key_hash)
                .fetch_optional(self.pool())
                .await?;
                row.as_ref().map(Self::key_from_row).transpose()
            }

            async fn list_api_keys(&self, body: &str) -> StorageResult<Vec<ApiKey>> {
                let rows = sqlx::query(
                    "SELECT k.id, b.slug AS body_slug, k.name, k.created_at, k.revoked_at \
                     FROM api_keys k JOIN bodies b ON b.id = k.body_id \
                     WHERE b.slug = $1 ORDER BY k.id DESC",
                )
                .bind(body)
                .fetch_all(self.pool())
                .await?;
                rows.iter().map(Self::key_from_row).collect()
            }

            async fn revoke_api_key(&self, body: &str, id: i64) -> StorageResult<()> {
                let done = sqlx::query(
                    "UPDATE api_keys SET revoked_at = $3 WHERE id = $2 AND revoked_at IS NULL \
                     AND body_id = (SELECT id FROM bodies WHERE slug = $1)",
                )
                .bind(body)
                .bind(id)
                .bind($time(now()))
                .execute(self.writer())
                .await?
                .rows_affected();
                if done == 1 { Ok(()) } else { Err(StorageError::NotFound) }
            }

            async fn claim_outbox(
                &self,
                now: OffsetDateTime,
                lease_until: OffsetDateTime,
                limit: i64,
            ) -> StorageResult<Vec<OutboxItem>> {
                let mut tx = self.writer().begin_with($begin).await?;
                let rows = sqlx::query(concat!(
                    "SELECT id, kind, recipient, request_id, payload, attempts FROM outbox \
                     WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
                    $skip
                ))
                .bind($time(now))
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
                let mut items = Vec::with_capacity(rows.len());
                for row in &rows {
                    let id: i64 = row.try_get("id")?;
                    sqlx::query("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1 WHERE id = $2")
                        .bind($time(lease_until))
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    let payload: String = row.try_get("payload")?;
                    let attempts: i32 = row.try_get("attempts")?;
                    items.push(OutboxItem {
                        id,
                        kind: row.try_get("kind")?,
                        recipient: row.try_get("recipient")?,
                        request_id: row.try_get("request_id")?,
                        payload: serde_json::from_str(&payload).map_err(json_err)?,
                        attempts: attempts + 1,
                    });
                }
                tx.commit().await?;
                Ok(items)
            }

            async fn outbox_sent(&self, id: i64, at: OffsetDateTime) -> StorageResult<()> {
                sqlx::query("UPDATE outbox SET sent_at = $1, last_error = NULL WHERE id = $2")
                    .bind($time(at))
                    .bind(id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn outbox_failed(
                &self,
                id: i64,
                error: &str,
                retry_at: OffsetDateTime,
            ) -> StorageResult<()> {
                sqlx::query("UPDATE outbox SET last_error = $1, next_attempt_at = $2 WHERE id = $3")
                    .bind(error)
                    .bind($time(retry_at))
                    .bind(id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn outbox_pending(&self) -> StorageResult<i64> {
                let row = sqlx::query("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
                    .fetch_one(self.pool())
                    .await?;
                Ok(row.try_get(0)?)
            }
        }
    };
}

request_methods!(
    SqliteStore,
    sqlx::Sqlite,
    sqlx::sqlite::SqliteRow,
    begin_write = "BEGIN IMMEDIATE",
    skip_locked = "",
    time = sqlite_time
);

request_methods!(
    PostgresStore,
    sqlx::Postgres,
    sqlx::postgres::PgRow,
    begin_write = "BEGIN",
    skip_locked = " FOR UPDATE SKIP LOCKED",
    time = postgres_time
);
