//! `RequestStore`, written once for every engine.

use crate::backends::{now, to_micros};
use crate::dialect::{BuilderExt, Dialect, Engine, QueryExt, RowExt, Stamp, json_rows};
use crate::events::sync_request_measures;
use crate::requests::{
    BodyUpdate, ChangeScope, NewRequest, OutboxItem, OutboxMessage, RequestChange, RequestQuery,
    RequestStore, SetAsideMessage, channel, status, visibility,
};
use crate::{StorageError, StorageResult, one_row};
use async_trait::async_trait;
use civic_domain::{Contact, Point, RequestStatus, RequestUpdate, ServiceRequest};
use sqlx::{AssertSqlSafe, QueryBuilder};
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

/// The columns a request is read from, named as [`RequestJson`]'s fields.
const REQUEST_COLUMNS: [(&str, &str); 25] = [
    ("id", "q.id"),
    ("body", "q.body_slug"),
    ("service", "q.service_slug"),
    ("service_name", "q.service_name"),
    ("status", "q.status"),
    ("description", "q.description"),
    ("lat", "q.lat"),
    ("long", "q.long"),
    ("address", "q.address"),
    ("uprn", "q.uprn"),
    ("postcode", "q.postcode"),
    ("attributes", "q.attributes"),
    ("media_url", "q.media_url"),
    ("public_name", "q.public_name"),
    ("channel", "q.channel"),
    ("visibility", "q.visibility"),
    ("confirmed", "q.confirmed"),
    ("duplicate_of", "q.duplicate_of"),
    ("assigned_to", "q.assigned_to"),
    ("token", "q.token"),
    ("requested_at", "q.requested_at"),
    ("updated_at", "q.updated_at"),
    ("expected_at", "q.expected_at"),
    ("latest_note", "q.latest_note"),
    ("photos", "q.photo_count"),
];

/// A query reading requests, in `order` (the inner query's own order, which its `LIMIT`
/// needs and neither the aggregate nor the outer query would otherwise keep):
/// `request_select!` and its conditions follow, then [`request_json`] reads it. As one JSON
/// array where the engine reads lists fastest that way ([`Dialect::LISTS_AS_JSON`]), else
/// row by row.
struct RequestList<D: Dialect> {
    sql: QueryBuilder<D>,
    order: String,
}

impl<D: Dialect> std::ops::Deref for RequestList<D> {
    type Target = QueryBuilder<D>;
    fn deref(&self) -> &QueryBuilder<D> {
        &self.sql
    }
}

impl<D: Dialect> std::ops::DerefMut for RequestList<D> {
    fn deref_mut(&mut self) -> &mut QueryBuilder<D> {
        &mut self.sql
    }
}

fn open_request_json<D: Dialect>(order: &str) -> RequestList<D> {
    let columns = REQUEST_COLUMNS.iter();
    let sql = if D::LISTS_AS_JSON {
        let (open, close) = D::JSON_ARRAY_OF;
        let object = D::JSON_OBJECT;
        let pairs: Vec<String> = columns
            .map(|(name, column)| match *name {
                // Text that reads back exactly.
                "lat" | "long" => format!("'{name}', {}", D::real_text(column)),
                _ => format!("'{name}', {column}"),
            })
            .collect();
        format!(
            "SELECT {open}{object}({}) ORDER BY {order}{close} FROM (",
            pairs.join(", ")
        )
    } else {
        let selected: Vec<String> = columns
            .map(|(name, column)| format!("{column} AS {name}"))
            .collect();
        format!("SELECT {} FROM (", selected.join(", "))
    };
    RequestList {
        sql: QueryBuilder::new(sql),
        order: order.to_string(),
    }
}

/// Reads the requests a query opened by [`open_request_json`] selects.
async fn request_json<D: Dialect>(
    conn: &mut D::Connection,
    list: RequestList<D>,
) -> StorageResult<Vec<ServiceRequest>> {
    let RequestList { mut sql, order } = list;
    sql.push(") q");
    if D::LISTS_AS_JSON {
        let rows: Vec<RequestJson> = json_rows(conn, sql).await?;
        return rows.into_iter().map(RequestJson::into_request).collect();
    }
    sql.push(format!(" ORDER BY {order}"));
    let rows = sql.build().all(conn).await?;
    rows.iter()
        .map(|row| RequestJson::from_row::<D>(row)?.into_request())
        .collect()
}

/// A request as [`open_request_json`] reads it. In JSON, instants are RFC 3339 on both
/// engines and coordinates are text that reads back exactly.
#[derive(serde::Deserialize)]
struct RequestJson {
    id: i64,
    body: String,
    service: String,
    service_name: String,
    status: String,
    description: String,
    #[serde(deserialize_with = "coordinate_text")]
    lat: Option<f64>,
    #[serde(deserialize_with = "coordinate_text")]
    long: Option<f64>,
    address: String,
    uprn: Option<String>,
    postcode: String,
    attributes: String,
    media_url: Option<String>,
    public_name: Option<String>,
    channel: String,
    visibility: String,
    #[serde(deserialize_with = "flag")]
    confirmed: bool,
    duplicate_of: Option<i64>,
    assigned_to: Option<i64>,
    token: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    requested_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    updated_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    expected_at: Option<OffsetDateTime>,
    latest_note: Option<String>,
    photos: i64,
}

/// A boolean column: JSON `true`/`false` from PostgreSQL, `1`/`0` from SQLite.
fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Int(i64),
    }
    Ok(match serde::Deserialize::deserialize(d)? {
        Flag::Bool(b) => b,
        Flag::Int(i) => i != 0,
    })
}

/// A coordinate written as text (so that it reads back exactly), or null.
fn coordinate_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let text: Option<String> = serde::Deserialize::deserialize(d)?;
    text.map(|t| {
        t.parse::<f64>()
            .map_err(|e| serde::de::Error::custom(format!("coordinate {t:?}: {e}")))
    })
    .transpose()
}

impl RequestJson {
    /// A request read as a row rather than as JSON.
    fn from_row<D: Dialect>(row: &D::Row) -> StorageResult<Self> {
        Ok(RequestJson {
            id: row.col("id")?,
            body: row.col("body")?,
            service: row.col("service")?,
            service_name: row.col("service_name")?,
            status: row.col("status")?,
            description: row.col("description")?,
            lat: row.col("lat")?,
            long: row.col("long")?,
            address: row.col("address")?,
            uprn: row.col("uprn")?,
            postcode: row.col("postcode")?,
            attributes: row.col("attributes")?,
            media_url: row.col("media_url")?,
            public_name: row.col("public_name")?,
            channel: row.col("channel")?,
            visibility: row.col("visibility")?,
            confirmed: row.col("confirmed")?,
            duplicate_of: row.col("duplicate_of")?,
            assigned_to: row.col("assigned_to")?,
            token: row.col("token")?,
            requested_at: row.col("requested_at")?,
            updated_at: row.col("updated_at")?,
            expected_at: row.col("expected_at")?,
            latest_note: row.col("latest_note")?,
            photos: row.col("photos")?,
        })
    }

    fn into_request(self) -> StorageResult<ServiceRequest> {
        Ok(ServiceRequest {
            id: self.id,
            body: self.body,
            service: self.service,
            service_name: self.service_name,
            status: status(&self.status)?,
            description: self.description,
            point: self
                .lat
                .zip(self.long)
                .map(|(lat, long)| Point { lat, long }),
            address: self.address,
            uprn: self.uprn,
            postcode: self.postcode,
            attributes: serde_json::from_str(&self.attributes).map_err(json_err)?,
            media_url: self.media_url,
            public_name: self.public_name,
            channel: channel(&self.channel)?,
            visibility: visibility(&self.visibility)?,
            confirmed: self.confirmed,
            duplicate_of: self.duplicate_of,
            assigned_to: self.assigned_to,
            token: self.token,
            requested_at: self.requested_at,
            updated_at: self.updated_at,
            expected_at: self.expected_at,
            latest_note: self.latest_note,
            photos: self.photos,
        })
    }
}

fn update_from_row<D: Dialect>(row: &D::Row) -> StorageResult<RequestUpdate> {
    Ok(RequestUpdate {
        id: row.col("id")?,
        request_id: row.col("request_id")?,
        at: row.col("at")?,
        status: status(&row.col::<String>("status")?)?,
        description: row.col("description")?,
        private: row.col("private")?,
        actor: row.col("actor")?,
        external_id: row.col("external_id")?,
    })
}

/// Queues an email in the caller's transaction, so it is sent only if the change commits.
pub(crate) async fn enqueue<D: Dialect>(
    conn: &mut D::Connection,
    message: &OutboxMessage,
    request_id: Option<i64>,
    at: OffsetDateTime,
) -> StorageResult<()> {
    D::query(
        "INSERT INTO outbox (kind, recipient, request_id, payload, created_at, \
         next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .arg(&message.kind)
    .arg(&message.recipient)
    .arg(request_id)
    .arg(message.payload.to_string())
    .arg(Stamp(at))
    .run(&mut *conn)
    .await?;
    Ok(())
}

/// Stores a new request, its private contact details, its first history entry, the
/// reporter's subscription and its photos; returns its number.
async fn insert_request<D: Dialect>(
    conn: &mut D::Connection,
    new: &NewRequest,
    (body_id, service_id, service_name): (i64, i64, &str),
    at: OffsetDateTime,
) -> StorageResult<i64> {
    let d = &new.draft;
    let id: i64 = D::query(
        "INSERT INTO requests (body_id, service_id, service_name, status, description, \
         lat, long, address, uprn, postcode, attributes, media_url, public_name, \
         channel, visibility, confirmed, token, api_key_id, requested_at, updated_at, \
         expected_at) \
         VALUES ($1, $2, $3, 'received', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
         $14, $15, $16, $17, $18, $18, $19) RETURNING id",
    )
    .arg(body_id)
    .arg(service_id)
    .arg(service_name)
    .arg(&d.description)
    .arg(d.point.map(|p| p.lat))
    .arg(d.point.map(|p| p.long))
    .arg(&d.address)
    .arg(&d.uprn)
    .arg(&d.postcode)
    .arg(serde_json::to_string(&d.attributes).map_err(json_err)?)
    .arg(&d.media_url)
    .arg(&d.public_name)
    .arg(new.channel.as_str())
    .arg(new.visibility.as_str())
    .arg(new.confirmed)
    .arg(&new.token)
    .arg(new.api_key_id)
    .arg(Stamp(at))
    .arg(new.expected_at.map(Stamp))
    .one(&mut *conn)
    .await?
    .col(0)?;
    D::query(
        "INSERT INTO request_contacts (request_id, name, email, phone, consent, \
         confirm_token_hash) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .arg(id)
    .arg(&d.contact.name)
    .arg(&d.contact.email)
    .arg(&d.contact.phone)
    .arg(&new.consent)
    .arg(&new.confirm_token_hash)
    .run(&mut *conn)
    .await?;
    D::query(
        "INSERT INTO request_updates (request_id, at, status, description, private, actor) \
         VALUES ($1, $2, 'received', '', FALSE, $3)",
    )
    .arg(id)
    .arg(Stamp(at))
    .arg(format!(
        "Reported by {}",
        new.channel.label().to_lowercase()
    ))
    .run(&mut *conn)
    .await?;
    if let Some(token) = &new.reporter_subscription
        && !d.contact.email.is_empty()
    {
        D::query(
            "INSERT INTO subscriptions (request_id, email, token, confirmed, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .arg(id)
        .arg(&d.contact.email)
        .arg(token)
        .arg(new.confirmed)
        .arg(Stamp(at))
        .run(&mut *conn)
        .await?;
    }
    for (i, (content_type, data)) in new.photos.iter().enumerate() {
        D::query(
            "INSERT INTO request_photos (request_id, position, content_type, data) \
             VALUES ($1, $2, $3, $4)",
        )
        .arg(id)
        .arg(i32::try_from(i + 1).unwrap_or(i32::MAX))
        .arg(content_type)
        .arg(data.as_slice())
        .run(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// The request `create_request` stored, as read back.
fn created_request(
    new: &NewRequest,
    id: i64,
    service_name: String,
    at: OffsetDateTime,
) -> ServiceRequest {
    let d = &new.draft;
    ServiceRequest {
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
    }
}

/// Whether the row `sql` finds (`$1`: the body's identifier, `$2`: the row's id) exists.
async fn owned<D: Dialect>(
    conn: &mut D::Connection,
    sql: &'static str,
    body: &str,
    id: i64,
) -> StorageResult<bool> {
    Ok(D::query(sql)
        .arg(body)
        .arg(id)
        .optional(conn)
        .await?
        .is_some())
}

/// Checks that the request a change marks this one a duplicate of, and the staff member it
/// assigns it to, are the body's own (and the original is another request).
async fn check_change_targets<D: Dialect>(
    conn: &mut D::Connection,
    body: &str,
    id: i64,
    change: &RequestChange,
) -> StorageResult<()> {
    if let Some(original) = change.duplicate_of {
        let sql = "SELECT 1 FROM requests r JOIN bodies b ON b.id = r.body_id \
                   WHERE b.slug = $1 AND r.id = $2";
        if original == id || !owned::<D>(&mut *conn, sql, body, original).await? {
            return Err(StorageError::NotFound);
        }
    }
    if let Some(Some(staff)) = change.assigned_to {
        let sql = "SELECT 1 FROM staff st JOIN bodies b ON b.id = st.body_id \
                   WHERE b.slug = $1 AND st.id = $2";
        if !owned::<D>(&mut *conn, sql, body, staff).await? {
            return Err(StorageError::NotFound);
        }
    }
    Ok(())
}

/// Which requests a list may hold, by id.
enum ListScope {
    /// Every body's.
    Everywhere,
    /// None: the body or every named service is unknown.
    Nothing,
    /// One body's.
    Body(i64),
    /// These services'.
    Services(Vec<i64>),
}

/// The ids of the body and services a list names (services of that body only).
async fn list_scope<D: Dialect>(
    conn: &mut D::Connection,
    q: &RequestQuery,
) -> StorageResult<ListScope> {
    if q.services.is_empty() {
        let Some(body) = &q.body else {
            return Ok(ListScope::Everywhere);
        };
        return match crate::services::body_id::<D>(&mut *conn, body).await {
            Ok(id) => Ok(ListScope::Body(id)),
            Err(StorageError::NotFound) => Ok(ListScope::Nothing),
            Err(e) => Err(e),
        };
    }
    let mut sql: QueryBuilder<D> = QueryBuilder::new(
        "SELECT s.id FROM services s JOIN bodies b ON b.id = s.body_id WHERE s.slug IN (",
    );
    let mut list = sql.separated(", ");
    for s in &q.services {
        list.arg(s.clone());
    }
    sql.push(")");
    if let Some(body) = &q.body {
        sql.push(" AND b.slug = ").arg(body.clone());
    }
    let ids = sql
        .build()
        .all(&mut *conn)
        .await?
        .iter()
        .map(|row| row.col("id"))
        .collect::<StorageResult<Vec<i64>>>()?;
    Ok(if ids.is_empty() {
        ListScope::Nothing
    } else {
        ListScope::Services(ids)
    })
}

#[async_trait]
impl<S: Engine> RequestStore for S {
    async fn create_request(&self, new: &NewRequest) -> StorageResult<ServiceRequest> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let row = S::Db::query(
            "SELECT b.id AS body_id, s.id AS service_id, s.name FROM services s \
             JOIN bodies b ON b.id = s.body_id \
             WHERE b.slug = $1 AND s.slug = $2 AND s.status = 'active' AND \
             s.accepts_requests",
        )
        .arg(&new.body)
        .arg(&new.service)
        .optional(&mut tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        let body_id: i64 = row.col("body_id")?;
        let service_id: i64 = row.col("service_id")?;
        let service_name: String = row.col("name")?;
        let written = now();
        // A request cannot be received later than it is stored.
        let at = new
            .received_at
            .map_or(written, |t| to_micros(t).min(written));
        let id =
            insert_request::<S::Db>(&mut tx, new, (body_id, service_id, &service_name), at).await?;
        for message in &new.notifications {
            enqueue::<S::Db>(&mut tx, message, Some(id), written).await?;
        }
        sync_request_measures::<S::Db>(&mut tx, id, None, at).await?;
        tx.commit().await?;
        Ok(created_request(new, id, service_name, at))
    }

    async fn get_request(&self, id: i64) -> StorageResult<Option<ServiceRequest>> {
        let mut sql = open_request_json::<S::Db>("q.id");
        sql.push(concat!(request_select!(), "WHERE r.id = "))
            .arg(id);
        let found = request_json::<S::Db>(&mut *self.read_conn().await?, sql).await?;
        Ok(found.into_iter().next())
    }

    async fn list_requests(&self, q: &RequestQuery) -> StorageResult<Vec<ServiceRequest>> {
        let order = if q.by_updated {
            "q.updated_at DESC, q.id DESC"
        } else {
            "q.requested_at DESC, q.id DESC"
        };
        let mut conn = self.read_conn().await?;
        // The body's or the services' ids are looked up first, in a query of their own:
        // PostgreSQL planned the list with them as a subquery in about twice the time it
        // took to run it, on every request (a custom plan per set of values).
        let scope = list_scope::<S::Db>(&mut conn, q).await?;
        let mut sql = open_request_json::<S::Db>(order);
        sql.push(concat!(request_select!(), "WHERE 1 = 1"));
        match scope {
            ListScope::Everywhere => {}
            ListScope::Nothing => return Ok(Vec::new()),
            ListScope::Body(id) => {
                sql.push(" AND r.body_id = ").arg(id);
            }
            ListScope::Services(ids) => {
                // By service and time, rather than every request of the body in the window.
                sql.push(" AND r.service_id IN (");
                let mut list = sql.separated(", ");
                for id in ids {
                    list.arg(id);
                }
                sql.push(")");
            }
        }
        if !q.ids.is_empty() {
            sql.push(" AND r.id IN (");
            let mut list = sql.separated(", ");
            for id in &q.ids {
                list.arg(*id);
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
                statuses
                    .into_iter()
                    .filter(|s| wanted.contains(s))
                    .collect()
            };
            if statuses.is_empty() {
                return Ok(Vec::new());
            }
        }
        if !statuses.is_empty() {
            sql.push(" AND r.status IN (");
            let mut list = sql.separated(", ");
            for s in &statuses {
                list.arg(s.as_str());
            }
            sql.push(")");
        }
        if let Some(t) = q.requested_from {
            sql.push(" AND r.requested_at >= ").arg(Stamp(t));
        }
        if let Some(t) = q.requested_to {
            sql.push(" AND r.requested_at <= ").arg(Stamp(t));
        }
        if let Some(t) = q.updated_after {
            sql.push(" AND r.updated_at > ").arg(Stamp(t));
        }
        if let Some(t) = q.updated_before {
            sql.push(" AND r.updated_at < ").arg(Stamp(t));
        }
        if q.public_only {
            sql.push(" AND r.confirmed AND r.visibility = 'public'");
        }
        if q.moderated_only {
            sql.push(" AND r.confirmed AND r.visibility IN ('public', 'hidden')");
        }
        if let Some(c) = q.channel {
            sql.push(" AND r.channel = ").arg(c.as_str());
        }
        if let Some(staff) = q.assigned_to {
            sql.push(" AND r.assigned_to = ").arg(staff);
        }
        if let Some(t) = q.overdue_at {
            sql.push(" AND r.expected_at < ").arg(Stamp(t));
            sql.push(
                " AND r.status IN ('received', 'acknowledged', 'in_progress', \
                 'action_scheduled', 'reopened')",
            );
        }
        if let Some((sw, ne)) = q.within {
            sql.push(" AND r.lat BETWEEN ")
                .arg(sw.lat)
                .push(" AND ")
                .arg(ne.lat);
            sql.push(" AND r.long BETWEEN ")
                .arg(sw.long)
                .push(" AND ")
                .arg(ne.long);
        }
        if q.by_updated {
            sql.push(" ORDER BY r.updated_at DESC, r.id DESC");
        } else {
            sql.push(" ORDER BY r.requested_at DESC, r.id DESC");
        }
        sql.push(" LIMIT ").arg(q.limit.max(0));
        sql.push(" OFFSET ").arg(q.offset.max(0));
        request_json::<S::Db>(&mut conn, sql).await
    }

    async fn request_contact(&self, body: &str, id: i64) -> StorageResult<Option<Contact>> {
        let row = S::Db::query(
            "SELECT c.name, c.email, c.phone FROM request_contacts c \
             JOIN requests r ON r.id = c.request_id JOIN bodies b ON b.id = r.body_id \
             WHERE b.slug = $1 AND r.id = $2",
        )
        .arg(body)
        .arg(id)
        .optional(&mut *self.read_conn().await?)
        .await?;
        match row {
            Some(row) => Ok(Some(Contact {
                name: row.col("name")?,
                email: row.col("email")?,
                phone: row.col("phone")?,
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
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let mut sql = open_request_json::<S::Db>("q.id");
        sql.push(concat!(request_select!(), "WHERE b.slug = "))
            .arg(body)
            .push(" AND r.id = ")
            .arg(id);
        let before = request_json::<S::Db>(&mut tx, sql)
            .await?
            .into_iter()
            .next()
            .ok_or(StorageError::NotFound)?;
        let in_scope = match change.scope {
            ChangeScope::Any => true,
            ChangeScope::Public => before.is_public(),
            ChangeScope::Moderated => before.is_moderated(),
        };
        if !in_scope {
            return Err(StorageError::NotFound);
        }
        check_change_targets::<S::Db>(&mut tx, body, id, change).await?;
        let new_status = change
            .status
            .or(change.duplicate_of.map(|_| RequestStatus::Duplicate))
            .unwrap_or(before.status);
        let written = now();
        // A change is never later than it is stored, nor earlier than the last one, so the
        // history (listed by id) stays in time order.
        let at = change.at.map_or(written, |t| {
            to_micros(t).min(written).max(before.updated_at)
        });
        let update_id: i64 = S::Db::query(
            "INSERT INTO request_updates (request_id, at, status, description, private, \
             actor, staff_id, external_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             RETURNING id",
        )
        .arg(id)
        .arg(Stamp(at))
        .arg(new_status.as_str())
        .arg(&change.description)
        .arg(change.private)
        .arg(&change.actor)
        .arg(change.staff_id)
        .arg(&change.external_id)
        .one(&mut tx)
        .await?
        .col(0)?;
        let visibility = change.visibility.unwrap_or(before.visibility);
        let assigned = match change.assigned_to {
            Some(a) => a,
            None => before.assigned_to,
        };
        let duplicate_of = change.duplicate_of.or(before.duplicate_of);
        S::Db::query(
            "UPDATE requests SET status = $1, visibility = $2, assigned_to = $3, \
             duplicate_of = $4, updated_at = $5 WHERE id = $6",
        )
        .arg(new_status.as_str())
        .arg(visibility.as_str())
        .arg(assigned)
        .arg(duplicate_of)
        .arg(Stamp(at))
        .arg(id)
        .run(&mut tx)
        .await?;
        let announce = !change.private
            && before.confirmed
            && visibility == civic_domain::Visibility::Public
            && (new_status != before.status || !change.description.trim().is_empty());
        if announce {
            S::Db::query(
                "INSERT INTO outbox (kind, recipient, request_id, payload, created_at, \
                 next_attempt_at) \
                 SELECT 'request_update', email, request_id, $1, $2, $2 FROM subscriptions \
                 WHERE request_id = $3 AND confirmed",
            )
            .arg(serde_json::json!({ "update_id": update_id }).to_string())
            .arg(Stamp(written))
            .arg(id)
            .run(&mut tx)
            .await?;
        }
        let survey = change
            .survey
            .as_ref()
            .map(|(t, h)| (t.as_str(), h.as_str()));
        sync_request_measures::<S::Db>(&mut tx, id, survey, at).await?;
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
        let rows = S::Db::query(
            "SELECT id, request_id, at, status, description, private, actor, external_id \
             FROM request_updates WHERE request_id = $1 AND ($2 OR NOT private) ORDER \
             BY id",
        )
        .arg(id)
        .arg(include_private)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(update_from_row::<S::Db>).collect()
    }

    async fn body_updates(
        &self,
        body: &str,
        from: OffsetDateTime,
        to: OffsetDateTime,
        after_id: i64,
        limit: i64,
    ) -> StorageResult<Vec<BodyUpdate>> {
        let rows = S::Db::query(
            "SELECT u.id, u.request_id, u.at, u.status, u.description, u.private, u.actor, \
             u.external_id, s.slug AS service_slug FROM request_updates u \
             JOIN requests r ON r.id = u.request_id JOIN bodies b ON b.id = r.body_id \
             JOIN services s ON s.id = r.service_id \
             WHERE b.slug = $1 AND u.at >= $2 AND u.at <= $3 AND NOT u.private \
             AND r.confirmed AND r.visibility = 'public' AND u.id > $5 ORDER BY u.id \
             LIMIT $4",
        )
        .arg(body)
        .arg(Stamp(from))
        .arg(Stamp(to))
        .arg(limit)
        .arg(after_id)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(BodyUpdate {
                    update: update_from_row::<S::Db>(row)?,
                    service: row.col("service_slug")?,
                })
            })
            .collect()
    }

    async fn confirm_request(&self, token_hash: &str) -> StorageResult<Option<ServiceRequest>> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let row = S::Db::query(
            "SELECT request_id, email FROM request_contacts WHERE confirm_token_hash = $1",
        )
        .arg(token_hash)
        .optional(&mut tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let id: i64 = row.col("request_id")?;
        let email: String = row.col("email")?;
        S::Db::query("UPDATE requests SET confirmed = TRUE WHERE id = $1")
            .arg(id)
            .run(&mut tx)
            .await?;
        S::Db::query("UPDATE request_contacts SET confirm_token_hash = NULL WHERE request_id = $1")
            .arg(id)
            .run(&mut tx)
            .await?;
        S::Db::query(
            "UPDATE subscriptions SET confirmed = TRUE WHERE request_id = $1 AND email = $2",
        )
        .arg(id)
        .arg(&email)
        .run(&mut tx)
        .await?;
        sync_request_measures::<S::Db>(&mut tx, id, None, now()).await?;
        tx.commit().await?;
        self.get_request(id).await
    }

    async fn process_batch(&self) -> StorageResult<Vec<i64>> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let rows = S::Db::query(
            "UPDATE requests SET confirmed = TRUE \
             WHERE token IS NOT NULL AND NOT confirmed RETURNING id",
        )
        .all(&mut tx)
        .await?;
        let ids = rows
            .iter()
            .map(|r| r.col(0))
            .collect::<StorageResult<Vec<i64>>>()?;
        let at = now();
        for id in &ids {
            sync_request_measures::<S::Db>(&mut tx, *id, None, at).await?;
        }
        tx.commit().await?;
        Ok(ids)
    }

    async fn token_request(
        &self,
        body: &str,
        token: &str,
    ) -> StorageResult<Option<(String, Option<i64>)>> {
        let row = S::Db::query(
            "SELECT r.id, r.confirmed FROM requests r JOIN bodies b ON b.id = r.body_id \
             WHERE b.slug = $1 AND r.token = $2",
        )
        .arg(body)
        .arg(token)
        .optional(&mut *self.read_conn().await?)
        .await?;
        match row {
            Some(row) => {
                let confirmed: bool = row.col("confirmed")?;
                let id: i64 = row.col("id")?;
                Ok(Some((token.to_string(), confirmed.then_some(id))))
            }
            None => Ok(None),
        }
    }

    async fn subscribe(&self, request_id: i64, email: &str, token: &str) -> StorageResult<bool> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let at = now();
        let inserted = S::Db::query(
            "INSERT INTO subscriptions (request_id, email, token, confirmed, created_at) \
             VALUES ($1, $2, $3, FALSE, $4) ON CONFLICT (request_id, email) DO NOTHING",
        )
        .arg(request_id)
        .arg(email)
        .arg(token)
        .arg(Stamp(at))
        .run(&mut tx)
        .await?;
        if inserted == 1 {
            let message = OutboxMessage {
                kind: "confirm_subscription".into(),
                recipient: email.to_string(),
                payload: serde_json::json!({ "token": token }),
            };
            enqueue::<S::Db>(&mut tx, &message, Some(request_id), at).await?;
        }
        tx.commit().await?;
        Ok(inserted == 1)
    }

    async fn confirm_subscription(&self, token: &str) -> StorageResult<Option<i64>> {
        let row = S::Db::query(
            "UPDATE subscriptions SET confirmed = TRUE WHERE token = $1 RETURNING request_id",
        )
        .arg(token)
        .optional(&mut *self.write_conn().await?)
        .await?;
        row.map(|r| r.col(0)).transpose()
    }

    async fn unsubscribe(&self, token: &str) -> StorageResult<Option<i64>> {
        let row = S::Db::query("DELETE FROM subscriptions WHERE token = $1 RETURNING request_id")
            .arg(token)
            .optional(&mut *self.write_conn().await?)
            .await?;
        row.map(|r| r.col(0)).transpose()
    }

    async fn subscription_token(
        &self,
        request_id: i64,
        email: &str,
    ) -> StorageResult<Option<String>> {
        let row =
            S::Db::query("SELECT token FROM subscriptions WHERE request_id = $1 AND email = $2")
                .arg(request_id)
                .arg(email)
                .optional(&mut *self.read_conn().await?)
                .await?;
        row.map(|r| r.col(0)).transpose()
    }

    async fn request_photo(
        &self,
        request_id: i64,
        position: i32,
    ) -> StorageResult<Option<(String, Vec<u8>)>> {
        let row = S::Db::query(
            "SELECT content_type, data FROM request_photos WHERE request_id = $1 AND position = $2",
        )
        .arg(request_id)
        .arg(position)
        .optional(&mut *self.read_conn().await?)
        .await?;
        match row {
            Some(row) => Ok(Some((row.col("content_type")?, row.col("data")?))),
            None => Ok(None),
        }
    }

    async fn request_photo_count(&self, request_id: i64) -> StorageResult<i64> {
        let row = S::Db::query("SELECT COUNT(*) FROM request_photos WHERE request_id = $1")
            .arg(request_id)
            .one(&mut *self.read_conn().await?)
            .await?;
        Ok(row.col(0)?)
    }

    async fn claim_outbox(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: i64,
    ) -> StorageResult<Vec<OutboxItem>> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        // Two workers claim different messages: each skips the rows the other has locked.
        let sql = format!(
            "SELECT id, kind, recipient, request_id, payload, attempts FROM outbox \
             WHERE sent_at IS NULL AND set_aside_at IS NULL AND next_attempt_at <= $1 \
             ORDER BY id LIMIT $2{}",
            S::Db::SKIP_LOCKED
        );
        let rows = S::Db::query(AssertSqlSafe(sql))
            .arg(Stamp(now))
            .arg(limit)
            .all(&mut tx)
            .await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.col("id")?;
            S::Db::query(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1 WHERE id = $2",
            )
            .arg(Stamp(lease_until))
            .arg(id)
            .run(&mut tx)
            .await?;
            let payload: String = row.col("payload")?;
            let attempts: i32 = row.col("attempts")?;
            // A payload that is not JSON reaches the renderer as a bare string, which no
            // kind decodes: the message is set aside instead of failing the whole claim.
            let payload =
                serde_json::from_str(&payload).unwrap_or(serde_json::Value::String(payload));
            items.push(OutboxItem {
                id,
                kind: row.col("kind")?,
                recipient: row.col("recipient")?,
                request_id: row.col("request_id")?,
                payload,
                attempts: attempts + 1,
            });
        }
        tx.commit().await?;
        Ok(items)
    }

    async fn outbox_sent(&self, id: i64, at: OffsetDateTime) -> StorageResult<()> {
        // The payload may carry a one-time link's token; once sent, nothing needs it here.
        S::Db::query(
            "UPDATE outbox SET sent_at = $1, last_error = NULL, payload = '{}' WHERE id = $2",
        )
        .arg(Stamp(at))
        .arg(id)
        .run(&mut *self.write_conn().await?)
        .await?;
        Ok(())
    }

    async fn outbox_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: OffsetDateTime,
    ) -> StorageResult<()> {
        S::Db::query("UPDATE outbox SET last_error = $1, next_attempt_at = $2 WHERE id = $3")
            .arg(error)
            .arg(Stamp(retry_at))
            .arg(id)
            .run(&mut *self.write_conn().await?)
            .await?;
        Ok(())
    }

    async fn outbox_pending(&self) -> StorageResult<i64> {
        let row = S::Db::query(
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND set_aside_at IS NULL",
        )
        .one(&mut *self.read_conn().await?)
        .await?;
        Ok(row.col(0)?)
    }

    async fn outbox_set_aside(
        &self,
        id: i64,
        error: &str,
        at: OffsetDateTime,
    ) -> StorageResult<()> {
        S::Db::query("UPDATE outbox SET last_error = $1, set_aside_at = $2 WHERE id = $3")
            .arg(error)
            .arg(Stamp(at))
            .arg(id)
            .run(&mut *self.write_conn().await?)
            .await?;
        Ok(())
    }

    async fn outbox_set_aside_list(
        &self,
        limit: i64,
    ) -> StorageResult<(Vec<SetAsideMessage>, i64)> {
        let mut conn = self.read_conn().await?;
        let rows = S::Db::query(
            "SELECT id, kind, recipient, created_at, set_aside_at, attempts, last_error \
             FROM outbox WHERE sent_at IS NULL AND set_aside_at IS NOT NULL \
             ORDER BY set_aside_at DESC, id DESC LIMIT $1",
        )
        .arg(limit)
        .all(&mut *conn)
        .await?;
        let mut messages = Vec::with_capacity(rows.len());
        for row in &rows {
            let last_error: Option<String> = row.col("last_error")?;
            messages.push(SetAsideMessage {
                id: row.col("id")?,
                kind: row.col("kind")?,
                recipient: row.col("recipient")?,
                created_at: row.col("created_at")?,
                set_aside_at: row.col("set_aside_at")?,
                attempts: row.col("attempts")?,
                last_error: last_error.unwrap_or_default(),
            });
        }
        let total = S::Db::query(
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND set_aside_at IS NOT NULL",
        )
        .one(&mut *conn)
        .await?;
        Ok((messages, total.col(0)?))
    }

    async fn outbox_retry(&self, id: i64, now: OffsetDateTime) -> StorageResult<()> {
        let done = S::Db::query(
            "UPDATE outbox SET set_aside_at = NULL, attempts = 0, next_attempt_at = $1 \
             WHERE id = $2 AND sent_at IS NULL AND set_aside_at IS NOT NULL",
        )
        .arg(Stamp(now))
        .arg(id)
        .run(&mut *self.write_conn().await?)
        .await?;
        one_row(done)
    }

    async fn outbox_discard(&self, id: i64) -> StorageResult<()> {
        let done = S::Db::query(
            "DELETE FROM outbox WHERE id = $1 AND sent_at IS NULL AND set_aside_at IS NOT NULL",
        )
        .arg(id)
        .run(&mut *self.write_conn().await?)
        .await?;
        one_row(done)
    }
}
