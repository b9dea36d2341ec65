//! `StewardshipStore` for SQLite and PostgreSQL from one body of code.

use crate::backends::{PostgresStore, SqliteStore, now, postgres_time, sqlite_time};
use crate::catalogue_backends::parse_day;
use crate::stewardship::{Confirmation, StewardshipStore};
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::catalogue::stewardship::{
    DataRequest, DataRequestAnswer, DataRequestDraft, DataRequestStatus, SharingAgreement,
    SharingAgreementDraft,
};
use sqlx::Row;

macro_rules! data_request_select {
    () => {
        "SELECT q.id, b.slug AS body_slug, b.name AS body_name, q.title, q.description, \
         q.reason, q.status, q.answer, q.promised_on, q.dataset_name, q.supporters, \
         q.confirmed_at, q.answered_at FROM data_requests q JOIN bodies b ON b.id = q.body_id "
    };
}

macro_rules! sharing_select {
    () => {
        "SELECT a.id, b.slug AS body_slug, a.title, a.parties, a.purpose, a.legal_basis, \
         a.data_items, a.starts_on, a.review_on, a.ends_on, a.owner, a.updated_at \
         FROM sharing_agreements a JOIN bodies b ON b.id = a.body_id "
    };
}

fn list(text: &str) -> StorageResult<Vec<String>> {
    serde_json::from_str(text).map_err(|e| StorageError::Corrupt(format!("list: {e}")))
}

fn list_text(items: &[String]) -> String {
    serde_json::Value::from(items.to_vec()).to_string()
}

macro_rules! stewardship_methods {
    ($store:ident, $db:ty, $row:ty, begin_write = $begin:literal, time = $time:path) => {
        impl $store {
            fn data_request_from_row(row: &$row) -> StorageResult<DataRequest> {
                let status: String = row.try_get("status")?;
                Ok(DataRequest {
                    id: row.try_get("id")?,
                    body: row.try_get("body_slug")?,
                    body_name: row.try_get("body_name")?,
                    title: row.try_get("title")?,
                    description: row.try_get("description")?,
                    reason: row.try_get("reason")?,
                    status: DataRequestStatus::parse(&status).ok_or_else(|| {
                        StorageError::Corrupt(format!("data request status {status}"))
                    })?,
                    answer: row.try_get("answer")?,
                    promised_on: parse_day(row.try_get("promised_on")?)?,
                    dataset: row.try_get("dataset_name")?,
                    supporters: row.try_get("supporters")?,
                    confirmed_at: row.try_get("confirmed_at")?,
                    answered_at: row.try_get("answered_at")?,
                })
            }

            fn sharing_from_row(row: &$row) -> StorageResult<SharingAgreement> {
                let parties: String = row.try_get("parties")?;
                let items: String = row.try_get("data_items")?;
                Ok(SharingAgreement {
                    id: row.try_get("id")?,
                    body: row.try_get("body_slug")?,
                    title: row.try_get("title")?,
                    parties: list(&parties)?,
                    purpose: row.try_get("purpose")?,
                    legal_basis: row.try_get("legal_basis")?,
                    data_items: list(&items)?,
                    starts_on: parse_day(row.try_get("starts_on")?)?
                        .ok_or_else(|| StorageError::Corrupt("agreement start".into()))?,
                    review_on: parse_day(row.try_get("review_on")?)?
                        .ok_or_else(|| StorageError::Corrupt("agreement review".into()))?,
                    ends_on: parse_day(row.try_get("ends_on")?)?,
                    owner: row.try_get("owner")?,
                    updated_at: row.try_get("updated_at")?,
                })
            }

            async fn queue_email(
                conn: &mut <$db as sqlx::Database>::Connection,
                kind: &str,
                recipient: &str,
                payload: serde_json::Value,
            ) -> StorageResult<()> {
                let at = now();
                sqlx::query(
                    "INSERT INTO outbox (kind, recipient, request_id, payload, created_at, \
                     next_attempt_at) VALUES ($1, $2, NULL, $3, $4, $4)",
                )
                .bind(kind)
                .bind(recipient)
                .bind(payload.to_string())
                .bind($time(at))
                .execute(&mut *conn)
                .await?;
                Ok(())
            }
        }

        #[async_trait]
        impl StewardshipStore for $store {
            async fn add_data_request(
                &self,
                body: &str,
                draft: &DataRequestDraft,
                token: &str,
                token_hash: &str,
                confirmed: bool,
            ) -> StorageResult<i64> {
                let mut tx = self.writer().begin_with($begin).await?;
                let (body_id, body_name) = Self::body_of(&mut *tx, body).await?;
                let at = now();
                let id: i64 = sqlx::query(
                    "INSERT INTO data_requests (body_id, title, description, reason, email, \
                     token_hash, status, answer, supporters, created_at, confirmed_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $8, '', 0, $7, $9) RETURNING id",
                )
                .bind(body_id)
                .bind(&draft.title)
                .bind(&draft.description)
                .bind(&draft.reason)
                .bind(&draft.email)
                .bind(token_hash)
                .bind($time(at))
                .bind(if confirmed { "open" } else { "unconfirmed" })
                .bind(confirmed.then(|| $time(at)))
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
                if confirmed {
                    tx.commit().await?;
                    return Ok(id);
                }
                Self::queue_email(
                    &mut *tx,
                    "confirm_data_request",
                    &draft.email,
                    serde_json::json!({"token": token, "title": draft.title, "body": body_name}),
                )
                .await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn confirm_data_request(&self, token_hash: &str) -> StorageResult<Confirmation> {
                let mut tx = self.writer().begin_with($begin).await?;
                let row = sqlx::query("SELECT id, status FROM data_requests WHERE token_hash = $1")
                    .bind(token_hash)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(StorageError::NotFound)?;
                let id: i64 = row.try_get(0)?;
                let status: String = row.try_get(1)?;
                if status != "unconfirmed" {
                    return Ok(Confirmation::AlreadyConfirmed(id));
                }
                sqlx::query(
                    "UPDATE data_requests SET status = 'open', confirmed_at = $1 WHERE id = $2",
                )
                .bind($time(now()))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Confirmation::Confirmed(id))
            }

            async fn add_data_request_support(
                &self,
                id: i64,
                email: &str,
                email_hash: &str,
                token: &str,
                token_hash: &str,
            ) -> StorageResult<bool> {
                let mut tx = self.writer().begin_with($begin).await?;
                let title: String = sqlx::query(
                    "SELECT title FROM data_requests WHERE id = $1 AND status <> 'unconfirmed'",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StorageError::NotFound)?
                .try_get(0)?;
                let added = sqlx::query(
                    "INSERT INTO data_request_supports (request_id, email_hash, token_hash, \
                     confirmed, created_at) VALUES ($1, $2, $3, FALSE, $4) \
                     ON CONFLICT (request_id, email_hash) DO NOTHING",
                )
                .bind(id)
                .bind(email_hash)
                .bind(token_hash)
                .bind($time(now()))
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
                if added {
                    Self::queue_email(
                        &mut *tx,
                        "confirm_data_request_support",
                        email,
                        serde_json::json!({"token": token, "title": title, "id": id}),
                    )
                    .await?;
                }
                tx.commit().await?;
                Ok(added)
            }

            async fn confirm_data_request_support(
                &self,
                token_hash: &str,
            ) -> StorageResult<Confirmation> {
                let mut tx = self.writer().begin_with($begin).await?;
                let row = sqlx::query(
                    "SELECT request_id, confirmed FROM data_request_supports WHERE token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StorageError::NotFound)?;
                let id: i64 = row.try_get(0)?;
                if row.try_get::<bool, _>(1)? {
                    return Ok(Confirmation::AlreadyConfirmed(id));
                }
                // Counted once even if two confirmations race.
                let first = sqlx::query(
                    "UPDATE data_request_supports SET confirmed = TRUE, confirmed_at = $2 \
                     WHERE token_hash = $1 AND NOT confirmed",
                )
                .bind(token_hash)
                .bind($time(now()))
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
                if !first {
                    return Ok(Confirmation::AlreadyConfirmed(id));
                }
                sqlx::query("UPDATE data_requests SET supporters = supporters + 1 WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Confirmation::Confirmed(id))
            }

            async fn data_request(&self, id: i64) -> StorageResult<Option<DataRequest>> {
                let row = sqlx::query(concat!(
                    data_request_select!(),
                    "WHERE q.id = $1 AND q.status <> 'unconfirmed'"
                ))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
                row.as_ref().map(Self::data_request_from_row).transpose()
            }

            async fn data_requests(&self, body: &str) -> StorageResult<Vec<DataRequest>> {
                let rows = sqlx::query(concat!(
                    data_request_select!(),
                    "WHERE b.slug = $1 AND q.status <> 'unconfirmed' ORDER BY q.id DESC"
                ))
                .bind(body)
                .fetch_all(self.pool())
                .await?;
                rows.iter().map(Self::data_request_from_row).collect()
            }

            async fn answer_data_request(
                &self,
                body: &str,
                id: i64,
                answer: &DataRequestAnswer,
            ) -> StorageResult<DataRequest> {
                let mut tx = self.writer().begin_with($begin).await?;
                let row = sqlx::query(
                    "SELECT q.email, q.title, b.id FROM data_requests q \
                     JOIN bodies b ON b.id = q.body_id \
                     WHERE q.id = $1 AND b.slug = $2 AND q.status <> 'unconfirmed'",
                )
                .bind(id)
                .bind(body)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StorageError::NotFound)?;
                let email: String = row.try_get(0)?;
                let title: String = row.try_get(1)?;
                let body_id: i64 = row.try_get(2)?;
                if let Some(dataset) = &answer.dataset {
                    sqlx::query("SELECT id FROM catalogue_datasets WHERE name = $1 AND body_id = $2")
                        .bind(dataset)
                        .bind(body_id)
                        .fetch_optional(&mut *tx)
                        .await?
                        .ok_or(StorageError::NotFound)?;
                }
                sqlx::query(
                    "UPDATE data_requests SET status = $1, answer = $2, promised_on = $3, \
                     dataset_name = $4, answered_at = COALESCE(answered_at, $5) WHERE id = $6",
                )
                .bind(answer.status.as_str())
                .bind(&answer.answer)
                .bind(answer.promised_on.map(|d| d.to_string()))
                .bind(&answer.dataset)
                .bind($time(now()))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                Self::queue_email(
                    &mut *tx,
                    "data_request_answered",
                    &email,
                    serde_json::json!({"id": id, "title": title}),
                )
                .await?;
                tx.commit().await?;
                self.data_request(id).await?.ok_or(StorageError::NotFound)
            }

            async fn add_sharing_agreement(
                &self,
                body: &str,
                d: &SharingAgreementDraft,
            ) -> StorageResult<SharingAgreement> {
                let at = now();
                let id: i64 = sqlx::query(
                    "INSERT INTO sharing_agreements (body_id, title, parties, purpose, \
                     legal_basis, data_items, starts_on, review_on, ends_on, owner, created_at, \
                     updated_at) SELECT id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11 \
                     FROM bodies WHERE slug = $1 RETURNING id",
                )
                .bind(body)
                .bind(&d.title)
                .bind(list_text(&d.parties))
                .bind(&d.purpose)
                .bind(&d.legal_basis)
                .bind(list_text(&d.data_items))
                .bind(d.starts_on.to_string())
                .bind(d.review_on.to_string())
                .bind(d.ends_on.map(|e| e.to_string()))
                .bind(&d.owner)
                .bind($time(at))
                .fetch_optional(self.writer())
                .await?
                .ok_or(StorageError::NotFound)?
                .try_get(0)?;
                let row = sqlx::query(concat!(sharing_select!(), "WHERE a.id = $1"))
                    .bind(id)
                    .fetch_one(self.writer())
                    .await?;
                Self::sharing_from_row(&row)
            }

            async fn update_sharing_agreement(
                &self,
                body: &str,
                id: i64,
                d: &SharingAgreementDraft,
            ) -> StorageResult<SharingAgreement> {
                let changed = sqlx::query(
                    "UPDATE sharing_agreements SET title = $1, parties = $2, purpose = $3, \
                     legal_basis = $4, data_items = $5, starts_on = $6, review_on = $7, \
                     ends_on = $8, owner = $9, updated_at = $10 WHERE id = $11 AND body_id = \
                     (SELECT id FROM bodies WHERE slug = $12)",
                )
                .bind(&d.title)
                .bind(list_text(&d.parties))
                .bind(&d.purpose)
                .bind(&d.legal_basis)
                .bind(list_text(&d.data_items))
                .bind(d.starts_on.to_string())
                .bind(d.review_on.to_string())
                .bind(d.ends_on.map(|e| e.to_string()))
                .bind(&d.owner)
                .bind($time(now()))
                .bind(id)
                .bind(body)
                .execute(self.writer())
                .await?
                .rows_affected();
                if changed == 0 {
                    return Err(StorageError::NotFound);
                }
                let row = sqlx::query(concat!(sharing_select!(), "WHERE a.id = $1"))
                    .bind(id)
                    .fetch_one(self.writer())
                    .await?;
                Self::sharing_from_row(&row)
            }

            async fn sharing_agreements(&self, body: &str) -> StorageResult<Vec<SharingAgreement>> {
                let rows = sqlx::query(concat!(
                    sharing_select!(),
                    "WHERE b.slug = $1 ORDER BY a.updated_at DESC, a.id DESC"
                ))
                .bind(body)
                .fetch_all(self.pool())
                .await?;
                rows.iter().map(Self::sharing_from_row).collect()
            }
        }
    };
}

stewardship_methods!(
    SqliteStore,
    sqlx::Sqlite,
    sqlx::sqlite::SqliteRow,
    begin_write = "BEGIN IMMEDIATE",
    time = sqlite_time
);

stewardship_methods!(
    PostgresStore,
    sqlx::Postgres,
    sqlx::postgres::PgRow,
    begin_write = "BEGIN",
    time = postgres_time
);
