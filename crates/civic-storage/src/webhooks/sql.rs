//! `WebhookStore`, written once for every engine.

use crate::dialect::{Dialect, Engine, QueryExt, RowExt, Stamp};
use crate::services::body_id;
use crate::webhooks::{AttemptRecord, DueDelivery, WebhookDelivery, WebhookEndpoint, WebhookStore};
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::webhook::{DisabledReason, EndpointDraft, EventType};
use sqlx::AssertSqlSafe;
use time::OffsetDateTime;

const ENDPOINT_SELECT: &str = "SELECT e.id, b.slug AS body_slug, e.url, e.description, \
     e.secret, e.previous_secret, e.previous_until, e.created_at, e.disabled_at, \
     e.disabled_reason, e.failing_since, e.owner_key_id FROM webhook_endpoints e JOIN bodies b ON b.id = e.body_id ";

fn endpoint_from<D: Dialect>(
    row: &D::Row,
    events: Vec<EventType>,
) -> StorageResult<WebhookEndpoint> {
    let disabled_at: Option<OffsetDateTime> = row.col("disabled_at")?;
    let reason: Option<String> = row.col("disabled_reason")?;
    let disabled = match disabled_at {
        Some(at) => Some((
            at,
            reason
                .as_deref()
                .and_then(DisabledReason::parse)
                .ok_or_else(|| StorageError::Corrupt("webhook endpoint disabled reason".into()))?,
        )),
        None => None,
    };
    Ok(WebhookEndpoint {
        id: row.col("id")?,
        body: row.col("body_slug")?,
        url: row.col("url")?,
        description: row.col("description")?,
        events,
        secret: row.col("secret")?,
        previous_secret: row.col("previous_secret")?,
        previous_until: row.col("previous_until")?,
        created_at: row.col("created_at")?,
        disabled,
        failing_since: row.col("failing_since")?,
        owner_key: row.col("owner_key_id")?,
    })
}

/// Endpoints from their rows, each with its events.
async fn endpoints_from<D: Dialect>(
    conn: &mut D::Connection,
    rows: &[D::Row],
) -> StorageResult<Vec<WebhookEndpoint>> {
    let mut endpoints = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.col("id")?;
        let events = events_of::<D>(&mut *conn, id).await?;
        endpoints.push(endpoint_from::<D>(row, events)?);
    }
    Ok(endpoints)
}

async fn events_of<D: Dialect>(conn: &mut D::Connection, id: i64) -> StorageResult<Vec<EventType>> {
    let rows = D::query("SELECT event_type FROM webhook_subscriptions WHERE endpoint_id = $1")
        .arg(id)
        .all(conn)
        .await?;
    let mut events = Vec::with_capacity(rows.len());
    for row in &rows {
        let name: String = row.col(0)?;
        // A type this build no longer sends is left out rather than failing the page.
        if let Some(t) = EventType::parse(&name) {
            events.push(t);
        }
    }
    events.sort();
    Ok(events)
}

async fn read_endpoint<D: Dialect>(
    conn: &mut D::Connection,
    body: &str,
    id: i64,
) -> StorageResult<Option<WebhookEndpoint>> {
    let row = D::query(AssertSqlSafe(format!(
        "{ENDPOINT_SELECT}WHERE b.slug = $1 AND e.id = $2"
    )))
    .arg(body)
    .arg(id)
    .optional(&mut *conn)
    .await?;
    match row {
        Some(row) => {
            let events = events_of::<D>(&mut *conn, id).await?;
            Ok(Some(endpoint_from::<D>(&row, events)?))
        }
        None => Ok(None),
    }
}

/// Locks `body`'s endpoint `id` for the transaction; `NotFound` unless the body has it.
async fn lock_endpoint<D: Dialect>(
    conn: &mut D::Connection,
    body: &str,
    id: i64,
) -> StorageResult<()> {
    D::query(AssertSqlSafe(format!(
        "SELECT e.id FROM webhook_endpoints e WHERE e.id = $1 \
         AND e.body_id = (SELECT id FROM bodies WHERE slug = $2){}",
        D::FOR_UPDATE
    )))
    .arg(id)
    .arg(body)
    .optional(conn)
    .await?
    .ok_or(StorageError::NotFound)
    .map(|_| ())
}

async fn write_events<D: Dialect>(
    conn: &mut D::Connection,
    id: i64,
    events: &[EventType],
) -> StorageResult<()> {
    D::query("DELETE FROM webhook_subscriptions WHERE endpoint_id = $1")
        .arg(id)
        .run(&mut *conn)
        .await?;
    for event in events {
        D::query("INSERT INTO webhook_subscriptions (endpoint_id, event_type) VALUES ($1, $2)")
            .arg(id)
            .arg(event.as_str())
            .run(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The endpoint as the transaction left it, once committed.
async fn committed<D: Dialect>(
    mut tx: sqlx::Transaction<'static, D>,
    body: &str,
    id: i64,
) -> StorageResult<WebhookEndpoint> {
    let endpoint = read_endpoint::<D>(&mut tx, body, id)
        .await?
        .ok_or(StorageError::NotFound)?;
    tx.commit().await?;
    Ok(endpoint)
}

/// Stops an endpoint's pending deliveries.
async fn stop_pending<D: Dialect>(conn: &mut D::Connection, id: i64) -> StorageResult<()> {
    D::query(
        "UPDATE webhook_deliveries SET next_attempt_at = NULL \
         WHERE endpoint_id = $1 AND next_attempt_at IS NOT NULL",
    )
    .arg(id)
    .run(conn)
    .await?;
    Ok(())
}

/// Records one attempt at a delivery, made at `at`.
async fn record_attempt<D: Dialect>(
    conn: &mut D::Connection,
    message_id: i64,
    endpoint_id: i64,
    at: OffsetDateTime,
    record: &AttemptRecord,
) -> StorageResult<()> {
    match record {
        AttemptRecord::Delivered { status } => {
            D::query(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = $1, \
                     last_status = $2, last_error = NULL, delivered_at = $1, \
                     next_attempt_at = NULL WHERE message_id = $3 AND endpoint_id = $4",
            )
            .arg(Stamp(at))
            .arg(*status)
            .arg(message_id)
            .arg(endpoint_id)
            .run(&mut *conn)
            .await?;
            D::query("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1")
                .arg(endpoint_id)
                .run(&mut *conn)
                .await?;
        }
        AttemptRecord::Failed {
            status,
            error,
            retry_at,
            disable,
        } => {
            D::query(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = $1, \
                     last_status = $2, last_error = $3, next_attempt_at = $4 \
                     WHERE message_id = $5 AND endpoint_id = $6",
            )
            .arg(Stamp(at))
            .arg(*status)
            .arg(error.as_str())
            .arg(retry_at.map(Stamp))
            .arg(message_id)
            .arg(endpoint_id)
            .run(&mut *conn)
            .await?;
            D::query(
                "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $1) \
                     WHERE id = $2",
            )
            .arg(Stamp(at))
            .arg(endpoint_id)
            .run(&mut *conn)
            .await?;
            if let Some(reason) = disable {
                D::query(
                    "UPDATE webhook_endpoints SET disabled_at = $1, disabled_reason = $2 \
                         WHERE id = $3 AND disabled_at IS NULL",
                )
                .arg(Stamp(at))
                .arg(reason.as_str())
                .arg(endpoint_id)
                .run(&mut *conn)
                .await?;
                stop_pending::<D>(&mut *conn, endpoint_id).await?;
            }
        }
    }
    Ok(())
}

#[async_trait]
impl<S: Engine> WebhookStore for S {
    async fn create_webhook_endpoint(
        &self,
        body: &str,
        draft: &EndpointDraft,
        secret: &str,
    ) -> StorageResult<WebhookEndpoint> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let body_id = body_id::<S::Db>(&mut tx, body).await?;
        let id: i64 = S::Db::query(
            "INSERT INTO webhook_endpoints (body_id, url, description, secret, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .arg(body_id)
        .arg(&draft.url)
        .arg(&draft.description)
        .arg(secret)
        .arg(Stamp(crate::backends::now()))
        .one(&mut *tx)
        .await?
        .col(0)?;
        write_events::<S::Db>(&mut tx, id, &draft.events).await?;
        committed::<S::Db>(tx, body, id).await
    }

    async fn create_keyed_webhook_endpoint(
        &self,
        body: &str,
        draft: &EndpointDraft,
        secret: &str,
        key_id: i64,
    ) -> StorageResult<WebhookEndpoint> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let body_id = body_id::<S::Db>(&mut tx, body).await?;
        // Only a key of this body: another body's key owns nothing here.
        S::Db::query("SELECT id FROM api_keys WHERE id = $1 AND body_id = $2")
            .arg(key_id)
            .arg(body_id)
            .one(&mut *tx)
            .await?;
        let id: i64 = S::Db::query(
            "INSERT INTO webhook_endpoints (body_id, url, description, secret, created_at, \
             owner_key_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .arg(body_id)
        .arg(&draft.url)
        .arg(&draft.description)
        .arg(secret)
        .arg(Stamp(crate::backends::now()))
        .arg(key_id)
        .one(&mut *tx)
        .await?
        .col(0)?;
        write_events::<S::Db>(&mut tx, id, &draft.events).await?;
        committed::<S::Db>(tx, body, id).await
    }

    async fn key_webhook_endpoints(
        &self,
        body: &str,
        key_id: i64,
    ) -> StorageResult<Vec<WebhookEndpoint>> {
        let mut conn = self.read_conn().await?;
        let rows = S::Db::query(AssertSqlSafe(format!(
            "{ENDPOINT_SELECT}WHERE b.slug = $1 AND e.owner_key_id IN (SELECT o.id FROM api_keys o \
             JOIN api_keys k ON k.id = $2 AND o.body_id = k.body_id \
             WHERE o.id = k.id OR o.partner_id = k.partner_id) ORDER BY e.id"
        )))
        .arg(body)
        .arg(key_id)
        .all(&mut *conn)
        .await?;
        endpoints_from::<S::Db>(&mut conn, &rows).await
    }

    async fn disable_webhook_endpoint(
        &self,
        body: &str,
        id: i64,
        reason: DisabledReason,
        at: OffsetDateTime,
    ) -> StorageResult<WebhookEndpoint> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        lock_endpoint::<S::Db>(&mut tx, body, id).await?;
        S::Db::query(
            "UPDATE webhook_endpoints SET disabled_at = $1, disabled_reason = $2 \
             WHERE id = $3 AND disabled_at IS NULL",
        )
        .arg(Stamp(at))
        .arg(reason.as_str())
        .arg(id)
        .run(&mut *tx)
        .await?;
        stop_pending::<S::Db>(&mut tx, id).await?;
        committed::<S::Db>(tx, body, id).await
    }

    async fn update_webhook_endpoint(
        &self,
        body: &str,
        id: i64,
        draft: &EndpointDraft,
    ) -> StorageResult<WebhookEndpoint> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        lock_endpoint::<S::Db>(&mut tx, body, id).await?;
        S::Db::query("UPDATE webhook_endpoints SET url = $1, description = $2 WHERE id = $3")
            .arg(&draft.url)
            .arg(&draft.description)
            .arg(id)
            .run(&mut *tx)
            .await?;
        write_events::<S::Db>(&mut tx, id, &draft.events).await?;
        committed::<S::Db>(tx, body, id).await
    }

    async fn webhook_endpoint(
        &self,
        body: &str,
        id: i64,
    ) -> StorageResult<Option<WebhookEndpoint>> {
        read_endpoint::<S::Db>(&mut *self.read_conn().await?, body, id).await
    }

    async fn webhook_endpoints(&self, body: &str) -> StorageResult<Vec<WebhookEndpoint>> {
        let mut conn = self.read_conn().await?;
        let rows = S::Db::query(AssertSqlSafe(format!(
            "{ENDPOINT_SELECT}WHERE b.slug = $1 ORDER BY e.id"
        )))
        .arg(body)
        .all(&mut *conn)
        .await?;
        endpoints_from::<S::Db>(&mut conn, &rows).await
    }

    async fn set_webhook_endpoint_enabled(
        &self,
        body: &str,
        id: i64,
        enabled: bool,
        at: OffsetDateTime,
    ) -> StorageResult<WebhookEndpoint> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        lock_endpoint::<S::Db>(&mut tx, body, id).await?;
        if !enabled {
            drop(tx);
            return self
                .disable_webhook_endpoint(body, id, DisabledReason::ByStaff, at)
                .await;
        }
        S::Db::query(
            "UPDATE webhook_endpoints SET disabled_at = NULL, disabled_reason = NULL, \
             failing_since = NULL WHERE id = $1",
        )
        .arg(id)
        .run(&mut *tx)
        .await?;
        committed::<S::Db>(tx, body, id).await
    }

    async fn rotate_webhook_secret(
        &self,
        body: &str,
        id: i64,
        secret: &str,
        previous_until: OffsetDateTime,
    ) -> StorageResult<WebhookEndpoint> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        lock_endpoint::<S::Db>(&mut tx, body, id).await?;
        S::Db::query(
            "UPDATE webhook_endpoints SET previous_secret = secret, previous_until = $1, \
             secret = $2 WHERE id = $3",
        )
        .arg(Stamp(previous_until))
        .arg(secret)
        .arg(id)
        .run(&mut *tx)
        .await?;
        committed::<S::Db>(tx, body, id).await
    }

    async fn webhook_deliveries(
        &self,
        body: &str,
        id: i64,
        limit: i64,
    ) -> StorageResult<Vec<WebhookDelivery>> {
        let rows = S::Db::query(
            "SELECT d.message_id, m.event_type, m.subject, m.occurred_at, d.attempts, \
             d.last_status, d.last_error, d.delivered_at, d.next_attempt_at \
             FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id \
             WHERE d.endpoint_id = (SELECT e.id FROM webhook_endpoints e JOIN bodies b \
             ON b.id = e.body_id WHERE e.id = $1 AND b.slug = $2) \
             ORDER BY d.message_id DESC LIMIT $3",
        )
        .arg(id)
        .arg(body)
        .arg(limit)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(WebhookDelivery {
                    message_id: row.col("message_id")?,
                    event_type: row.col("event_type")?,
                    subject: row.col("subject")?,
                    occurred_at: row.col("occurred_at")?,
                    attempts: row.col("attempts")?,
                    last_status: row.col("last_status")?,
                    last_error: row.col("last_error")?,
                    delivered_at: row.col("delivered_at")?,
                    next_attempt_at: row.col("next_attempt_at")?,
                })
            })
            .collect()
    }

    async fn claim_webhook_deliveries(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: i64,
    ) -> StorageResult<Vec<DueDelivery>> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let sql = format!(
            "SELECT d.message_id, d.endpoint_id, b.slug AS body_slug, m.event_type, m.subject, \
             m.occurred_at, e.url, e.secret, e.previous_secret, e.previous_until, d.attempts, \
             e.failing_since FROM webhook_deliveries d \
             JOIN webhook_messages m ON m.id = d.message_id \
             JOIN webhook_endpoints e ON e.id = d.endpoint_id \
             JOIN bodies b ON b.id = m.body_id \
             WHERE d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= $1 \
             AND e.disabled_at IS NULL \
             ORDER BY d.next_attempt_at, d.message_id LIMIT $2{}",
            S::Db::SKIP_LOCKED
        );
        let rows = S::Db::query(AssertSqlSafe(sql))
            .arg(Stamp(now))
            .arg(limit)
            .all(&mut *tx)
            .await?;
        let mut due = Vec::with_capacity(rows.len());
        for row in &rows {
            let message_id: i64 = row.col("message_id")?;
            let endpoint_id: i64 = row.col("endpoint_id")?;
            S::Db::query(
                "UPDATE webhook_deliveries SET next_attempt_at = $1 \
                 WHERE message_id = $2 AND endpoint_id = $3",
            )
            .arg(Stamp(lease_until))
            .arg(message_id)
            .arg(endpoint_id)
            .run(&mut *tx)
            .await?;
            let mut secrets: Vec<String> = vec![row.col("secret")?];
            let previous: Option<String> = row.col("previous_secret")?;
            let until: Option<OffsetDateTime> = row.col("previous_until")?;
            if let (Some(previous), Some(until)) = (previous, until)
                && until > now
            {
                secrets.push(previous);
            }
            due.push(DueDelivery {
                message_id,
                endpoint_id,
                body: row.col("body_slug")?,
                event_type: row.col("event_type")?,
                subject: row.col("subject")?,
                occurred_at: row.col("occurred_at")?,
                url: row.col("url")?,
                secrets,
                attempts: row.col("attempts")?,
                failing_since: row.col("failing_since")?,
            });
        }
        tx.commit().await?;
        Ok(due)
    }

    async fn record_webhook_attempts(
        &self,
        attempts: &[(i64, i64, OffsetDateTime, AttemptRecord)],
    ) -> StorageResult<()> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        for (message_id, endpoint_id, at, record) in attempts {
            record_attempt::<S::Db>(&mut tx, *message_id, *endpoint_id, *at, record).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
