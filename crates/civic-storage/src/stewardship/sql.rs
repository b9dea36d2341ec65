//! `StewardshipStore`, written once for every engine.

use crate::backends::now;
use crate::catalogue::{body_of, parse_day};
use crate::dialect::{Dialect, Engine, QueryExt, RowExt, Stamp};
use crate::requests::{OutboxMessage, enqueue};
use crate::stewardship::{Confirmation, StewardshipStore};
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::catalogue::stewardship::{
    DataRequest, DataRequestAnswer, DataRequestDraft, DataRequestStatus, SharingAgreement,
    SharingAgreementDraft,
};

/// The columns a data request is read from, joined to its body.
macro_rules! data_request_select {
    () => {
        "SELECT q.id, b.slug AS body_slug, b.name AS body_name, q.title, q.description, \
         q.reason, q.status, q.answer, q.promised_on, q.dataset_name, q.supporters, \
         q.confirmed_at, q.answered_at FROM data_requests q JOIN bodies b ON b.id = q.body_id "
    };
}

/// The columns a sharing agreement is read from, joined to its body.
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

/// A data request from a row of `data_request_select!`.
fn data_request_from_row<D: Dialect>(row: &D::Row) -> StorageResult<DataRequest> {
    let status: String = row.col("status")?;
    Ok(DataRequest {
        id: row.col("id")?,
        body: row.col("body_slug")?,
        body_name: row.col("body_name")?,
        title: row.col("title")?,
        description: row.col("description")?,
        reason: row.col("reason")?,
        status: DataRequestStatus::parse(&status)
            .ok_or_else(|| StorageError::Corrupt(format!("data request status {status}")))?,
        answer: row.col("answer")?,
        promised_on: parse_day(row.col("promised_on")?)?,
        dataset: row.col("dataset_name")?,
        supporters: row.col("supporters")?,
        confirmed_at: row.col("confirmed_at")?,
        answered_at: row.col("answered_at")?,
    })
}

/// A sharing agreement from a row of `sharing_select!`.
fn sharing_from_row<D: Dialect>(row: &D::Row) -> StorageResult<SharingAgreement> {
    let parties: String = row.col("parties")?;
    let items: String = row.col("data_items")?;
    Ok(SharingAgreement {
        id: row.col("id")?,
        body: row.col("body_slug")?,
        title: row.col("title")?,
        parties: list(&parties)?,
        purpose: row.col("purpose")?,
        legal_basis: row.col("legal_basis")?,
        data_items: list(&items)?,
        starts_on: parse_day(row.col("starts_on")?)?
            .ok_or_else(|| StorageError::Corrupt("agreement start".into()))?,
        review_on: parse_day(row.col("review_on")?)?
            .ok_or_else(|| StorageError::Corrupt("agreement review".into()))?,
        ends_on: parse_day(row.col("ends_on")?)?,
        owner: row.col("owner")?,
        updated_at: row.col("updated_at")?,
    })
}

/// Queues an email about no request in the caller's transaction, so it is sent only if
/// the change commits.
async fn queue_email<D: Dialect>(
    conn: &mut D::Connection,
    kind: &str,
    recipient: &str,
    payload: serde_json::Value,
) -> StorageResult<()> {
    let message = OutboxMessage {
        kind: kind.into(),
        recipient: recipient.into(),
        payload,
    };
    enqueue::<D>(conn, &message, None, now()).await
}

/// One agreement, read on the connection that wrote it.
async fn sharing_agreement<D: Dialect>(
    conn: &mut D::Connection,
    id: i64,
) -> StorageResult<SharingAgreement> {
    let row = D::query(concat!(sharing_select!(), "WHERE a.id = $1"))
        .arg(id)
        .one(conn)
        .await?;
    sharing_from_row::<D>(&row)
}

#[async_trait]
impl<S: Engine> StewardshipStore for S {
    async fn add_data_request(
        &self,
        body: &str,
        draft: &DataRequestDraft,
        token: &str,
        token_hash: &str,
        confirmed: bool,
    ) -> StorageResult<i64> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let (body_id, body_name) = body_of::<S::Db>(&mut *tx, body).await?;
        let at = now();
        let id: i64 = S::Db::query(
            "INSERT INTO data_requests (body_id, title, description, reason, email, \
             token_hash, status, answer, supporters, created_at, confirmed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $8, '', 0, $7, $9) RETURNING id",
        )
        .arg(body_id)
        .arg(&draft.title)
        .arg(&draft.description)
        .arg(&draft.reason)
        .arg(&draft.email)
        .arg(token_hash)
        .arg(Stamp(at))
        .arg(if confirmed { "open" } else { "unconfirmed" })
        .arg(confirmed.then_some(Stamp(at)))
        .one(&mut tx)
        .await?
        .col(0)?;
        if confirmed {
            tx.commit().await?;
            return Ok(id);
        }
        queue_email::<S::Db>(
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
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let row = S::Db::query("SELECT id, status FROM data_requests WHERE token_hash = $1")
            .arg(token_hash)
            .optional(&mut tx)
            .await?
            .ok_or(StorageError::NotFound)?;
        let id: i64 = row.col(0)?;
        let status: String = row.col(1)?;
        if status != "unconfirmed" {
            return Ok(Confirmation::AlreadyConfirmed(id));
        }
        S::Db::query("UPDATE data_requests SET status = 'open', confirmed_at = $1 WHERE id = $2")
            .arg(Stamp(now()))
            .arg(id)
            .run(&mut tx)
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
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let title: String = S::Db::query(
            "SELECT title FROM data_requests WHERE id = $1 AND status <> 'unconfirmed'",
        )
        .arg(id)
        .optional(&mut tx)
        .await?
        .ok_or(StorageError::NotFound)?
        .col(0)?;
        let added = S::Db::query(
            "INSERT INTO data_request_supports (request_id, email_hash, token_hash, \
             confirmed, created_at) VALUES ($1, $2, $3, FALSE, $4) \
             ON CONFLICT (request_id, email_hash) DO NOTHING",
        )
        .arg(id)
        .arg(email_hash)
        .arg(token_hash)
        .arg(Stamp(now()))
        .run(&mut tx)
        .await?
            == 1;
        if added {
            queue_email::<S::Db>(
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

    async fn confirm_data_request_support(&self, token_hash: &str) -> StorageResult<Confirmation> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let row = S::Db::query(
            "SELECT request_id, confirmed FROM data_request_supports WHERE token_hash = $1",
        )
        .arg(token_hash)
        .optional(&mut tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        let id: i64 = row.col(0)?;
        if row.col::<bool>(1)? {
            return Ok(Confirmation::AlreadyConfirmed(id));
        }
        // Counted once even if two confirmations race.
        let first = S::Db::query(
            "UPDATE data_request_supports SET confirmed = TRUE, confirmed_at = $2 \
             WHERE token_hash = $1 AND NOT confirmed",
        )
        .arg(token_hash)
        .arg(Stamp(now()))
        .run(&mut tx)
        .await?
            == 1;
        if !first {
            return Ok(Confirmation::AlreadyConfirmed(id));
        }
        S::Db::query("UPDATE data_requests SET supporters = supporters + 1 WHERE id = $1")
            .arg(id)
            .run(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(Confirmation::Confirmed(id))
    }

    async fn data_request(&self, id: i64) -> StorageResult<Option<DataRequest>> {
        let row = S::Db::query(concat!(
            data_request_select!(),
            "WHERE q.id = $1 AND q.status <> 'unconfirmed'"
        ))
        .arg(id)
        .optional(&mut *self.read_conn().await?)
        .await?;
        row.as_ref().map(data_request_from_row::<S::Db>).transpose()
    }

    async fn data_requests(&self, body: &str) -> StorageResult<Vec<DataRequest>> {
        let rows = S::Db::query(concat!(
            data_request_select!(),
            "WHERE b.slug = $1 AND q.status <> 'unconfirmed' ORDER BY q.id DESC"
        ))
        .arg(body)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(data_request_from_row::<S::Db>).collect()
    }

    async fn answer_data_request(
        &self,
        body: &str,
        id: i64,
        answer: &DataRequestAnswer,
    ) -> StorageResult<DataRequest> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let row = S::Db::query(
            "SELECT q.email, q.title, b.id FROM data_requests q \
             JOIN bodies b ON b.id = q.body_id \
             WHERE q.id = $1 AND b.slug = $2 AND q.status <> 'unconfirmed'",
        )
        .arg(id)
        .arg(body)
        .optional(&mut tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        let email: String = row.col(0)?;
        let title: String = row.col(1)?;
        let body_id: i64 = row.col(2)?;
        if let Some(dataset) = &answer.dataset {
            S::Db::query("SELECT id FROM catalogue_datasets WHERE name = $1 AND body_id = $2")
                .arg(dataset)
                .arg(body_id)
                .optional(&mut tx)
                .await?
                .ok_or(StorageError::NotFound)?;
        }
        S::Db::query(
            "UPDATE data_requests SET status = $1, answer = $2, promised_on = $3, \
             dataset_name = $4, answered_at = COALESCE(answered_at, $5) WHERE id = $6",
        )
        .arg(answer.status.as_str())
        .arg(&answer.answer)
        .arg(answer.promised_on.map(|d| d.to_string()))
        .arg(&answer.dataset)
        .arg(Stamp(now()))
        .arg(id)
        .run(&mut tx)
        .await?;
        queue_email::<S::Db>(
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
        let mut conn = self.write_conn().await?;
        let id: i64 = S::Db::query(
            "INSERT INTO sharing_agreements (body_id, title, parties, purpose, \
             legal_basis, data_items, starts_on, review_on, ends_on, owner, created_at, \
             updated_at) SELECT id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11 \
             FROM bodies WHERE slug = $1 RETURNING id",
        )
        .arg(body)
        .arg(&d.title)
        .arg(list_text(&d.parties))
        .arg(&d.purpose)
        .arg(&d.legal_basis)
        .arg(list_text(&d.data_items))
        .arg(d.starts_on.to_string())
        .arg(d.review_on.to_string())
        .arg(d.ends_on.map(|e| e.to_string()))
        .arg(&d.owner)
        .arg(Stamp(at))
        .optional(&mut conn)
        .await?
        .ok_or(StorageError::NotFound)?
        .col(0)?;
        sharing_agreement::<S::Db>(&mut conn, id).await
    }

    async fn update_sharing_agreement(
        &self,
        body: &str,
        id: i64,
        d: &SharingAgreementDraft,
    ) -> StorageResult<SharingAgreement> {
        let mut conn = self.write_conn().await?;
        let changed = S::Db::query(
            "UPDATE sharing_agreements SET title = $1, parties = $2, purpose = $3, \
             legal_basis = $4, data_items = $5, starts_on = $6, review_on = $7, \
             ends_on = $8, owner = $9, updated_at = $10 WHERE id = $11 AND body_id = \
             (SELECT id FROM bodies WHERE slug = $12)",
        )
        .arg(&d.title)
        .arg(list_text(&d.parties))
        .arg(&d.purpose)
        .arg(&d.legal_basis)
        .arg(list_text(&d.data_items))
        .arg(d.starts_on.to_string())
        .arg(d.review_on.to_string())
        .arg(d.ends_on.map(|e| e.to_string()))
        .arg(&d.owner)
        .arg(Stamp(now()))
        .arg(id)
        .arg(body)
        .run(&mut conn)
        .await?;
        if changed == 0 {
            return Err(StorageError::NotFound);
        }
        sharing_agreement::<S::Db>(&mut conn, id).await
    }

    async fn sharing_agreements(&self, body: &str) -> StorageResult<Vec<SharingAgreement>> {
        let rows = S::Db::query(concat!(
            sharing_select!(),
            "WHERE b.slug = $1 ORDER BY a.updated_at DESC, a.id DESC"
        ))
        .arg(body)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(sharing_from_row::<S::Db>).collect()
    }
}
