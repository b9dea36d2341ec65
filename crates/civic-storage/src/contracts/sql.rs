//! `ContractStore`, written once for every engine.

use crate::backends::now;
use crate::contracts::{Contract, ContractPayment, ContractStore, Rating};
use crate::dialect::{Dialect, Engine, QueryExt, RowExt, Stamp};
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::contract::{ContractDraft, KpiRating, RatingDraft};
use civic_domain::supplier::{OrgId, Scale};
use sqlx::AssertSqlSafe;
use std::collections::HashMap;

macro_rules! contract_select {
    () => {
        "SELECT c.id, b.slug AS body_slug, b.name AS body_name, c.slug, c.title, \
         s.org_id, s.name AS supplier_name, s.scale, c.description, c.value_pence, \
         c.starts_on, c.ends_on, c.kpis, c.created_at FROM contracts c \
         JOIN bodies b ON b.id = c.body_id JOIN suppliers s ON s.id = c.supplier_id "
    };
}

const RATING_SELECT: &str = "SELECT r.id, r.contract_id, r.kpi, r.period_start, r.period_end, \
     r.rating, r.note, r.rated_at, r.reply, r.replied_at FROM contract_ratings r ";

fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(format!("stored {what} is not one Civic writes"))
}

fn contract_from<D: Dialect>(row: &D::Row) -> StorageResult<Contract> {
    let org_id: String = row.col("org_id")?;
    let kpis: String = row.col("kpis")?;
    Ok(Contract {
        id: row.col("id")?,
        body: row.col("body_slug")?,
        body_name: row.col("body_name")?,
        details: ContractDraft {
            slug: row.col("slug")?,
            title: row.col("title")?,
            supplier: OrgId::parse(&org_id).ok_or_else(|| corrupt("org-id"))?,
            description: row.col("description")?,
            value_pence: row.col("value_pence")?,
            starts_on: row.col("starts_on")?,
            ends_on: row.col("ends_on")?,
            kpis: serde_json::from_str(&kpis).map_err(|_| corrupt("KPIs"))?,
        },
        supplier_name: row.col("supplier_name")?,
        supplier_scale: Scale::parse(&row.col::<String>("scale")?)
            .ok_or_else(|| corrupt("scale"))?,
        created_at: row.col("created_at")?,
        ratings: Vec::new(),
    })
}

fn rating_from<D: Dialect>(row: &D::Row) -> StorageResult<(i64, Rating)> {
    let rating: String = row.col("rating")?;
    let reply: Option<String> = row.col("reply")?;
    let replied_at: Option<time::OffsetDateTime> = row.col("replied_at")?;
    Ok((
        row.col("contract_id")?,
        Rating {
            id: row.col("id")?,
            details: RatingDraft {
                kpi: row.col("kpi")?,
                period_start: row.col("period_start")?,
                period_end: row.col("period_end")?,
                rating: KpiRating::parse(&rating).ok_or_else(|| corrupt("rating"))?,
                note: row.col("note")?,
            },
            rated_at: row.col("rated_at")?,
            reply: reply.zip(replied_at),
        },
    ))
}

/// A payment from its spend line's row (`id`, `reference`, `paid_on`, `amount_pence`): its
/// id is the spend file's reference, or `spend-{n}` for a line without one.
fn payment_from<D: Dialect>(row: &D::Row) -> StorageResult<ContractPayment> {
    let id: i64 = row.col("id")?;
    let reference: String = row.col("reference")?;
    Ok(ContractPayment {
        id: if reference.trim().is_empty() {
            format!("spend-{id}")
        } else {
            reference.trim().to_string()
        },
        paid_on: row.col("paid_on")?,
        amount_pence: row.col("amount_pence")?,
    })
}

/// Contracts from `rows`, each with its ratings read in one more query.
async fn with_ratings<D: Dialect>(
    conn: &mut D::Connection,
    rows: &[D::Row],
) -> StorageResult<Vec<Contract>> {
    let mut contracts = rows
        .iter()
        .map(contract_from::<D>)
        .collect::<StorageResult<Vec<_>>>()?;
    if contracts.is_empty() {
        return Ok(contracts);
    }
    let ids: Vec<String> = contracts.iter().map(|c| c.id.to_string()).collect();
    // The ids are numbers this query read: nothing from outside goes into the text.
    let ratings = D::query(AssertSqlSafe(format!(
        "{RATING_SELECT}WHERE r.contract_id IN ({}) ORDER BY r.id",
        ids.join(", ")
    )))
    .all(conn)
    .await?;
    let mut by_contract: HashMap<i64, Vec<Rating>> = HashMap::new();
    for row in &ratings {
        let (contract, rating) = rating_from::<D>(row)?;
        by_contract.entry(contract).or_default().push(rating);
    }
    for c in &mut contracts {
        c.ratings = by_contract.remove(&c.id).unwrap_or_default();
    }
    Ok(contracts)
}

#[async_trait]
impl<S: Engine> ContractStore for S {
    async fn create_contract(&self, body: &str, draft: &ContractDraft) -> StorageResult<Contract> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let body_id = crate::services::body_id::<S::Db>(&mut tx, body).await?;
        let supplier_id: i64 = S::Db::query("SELECT id FROM suppliers WHERE org_id = $1")
            .arg(draft.supplier.to_string())
            .one(&mut *tx)
            .await?
            .col(0)?;
        let kpis = serde_json::to_string(&draft.kpis).map_err(|e| corrupt(&e.to_string()))?;
        S::Db::query(
            "INSERT INTO contracts (body_id, slug, title, supplier_id, description, value_pence, \
             starts_on, ends_on, kpis, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .arg(body_id)
        .arg(draft.slug.as_str())
        .arg(draft.title.as_str())
        .arg(supplier_id)
        .arg(draft.description.as_str())
        .arg(draft.value_pence)
        .arg(draft.starts_on)
        .arg(draft.ends_on)
        .arg(kpis)
        .arg(Stamp(now()))
        .run(&mut *tx)
        .await
        .map_err(|e| match e {
            StorageError::Conflict(_) => {
                StorageError::Conflict(format!("a contract called '{}'", draft.title))
            }
            other => other,
        })?;
        tx.commit().await?;
        self.contract(body, &draft.slug)
            .await?
            .ok_or(StorageError::NotFound)
    }

    async fn contract(&self, body: &str, slug: &str) -> StorageResult<Option<Contract>> {
        let mut conn = self.read_conn().await?;
        let rows = S::Db::query(concat!(
            contract_select!(),
            "WHERE b.slug = $1 AND c.slug = $2"
        ))
        .arg(body)
        .arg(slug)
        .all(&mut *conn)
        .await?;
        Ok(with_ratings::<S::Db>(&mut conn, &rows).await?.pop())
    }

    async fn contracts(&self, body: &str) -> StorageResult<Vec<Contract>> {
        let mut conn = self.read_conn().await?;
        let rows = S::Db::query(concat!(
            contract_select!(),
            "WHERE b.slug = $1 ORDER BY c.title, c.id"
        ))
        .arg(body)
        .all(&mut *conn)
        .await?;
        with_ratings::<S::Db>(&mut conn, &rows).await
    }

    async fn supplier_contracts(&self, org_id: &OrgId) -> StorageResult<Vec<Contract>> {
        let mut conn = self.read_conn().await?;
        let rows = S::Db::query(concat!(
            contract_select!(),
            "WHERE s.org_id = $1 ORDER BY c.starts_on DESC, c.id DESC"
        ))
        .arg(org_id.to_string())
        .all(&mut *conn)
        .await?;
        with_ratings::<S::Db>(&mut conn, &rows).await
    }

    async fn rate_contract(
        &self,
        body: &str,
        slug: &str,
        draft: &RatingDraft,
        reply_token_hash: &str,
    ) -> StorageResult<Rating> {
        let at = now();
        let id: i64 = S::Db::query(
            "INSERT INTO contract_ratings (contract_id, kpi, period_start, period_end, rating, \
             note, rated_at, reply_token_hash) SELECT c.id, $3, $4, $5, $6, $7, $8, $9 \
             FROM contracts c JOIN bodies b ON b.id = c.body_id \
             WHERE b.slug = $1 AND c.slug = $2 RETURNING id",
        )
        .arg(body)
        .arg(slug)
        .arg(draft.kpi.as_str())
        .arg(draft.period_start)
        .arg(draft.period_end)
        .arg(draft.rating.as_str())
        .arg(draft.note.as_str())
        .arg(Stamp(at))
        .arg(reply_token_hash)
        .optional(&mut *self.write_conn().await?)
        .await?
        .ok_or(StorageError::NotFound)?
        .col(0)?;
        Ok(Rating {
            id,
            details: draft.clone(),
            rated_at: at,
            reply: None,
        })
    }

    async fn rating_for_reply(
        &self,
        token_hash: &str,
    ) -> StorageResult<Option<(Contract, Rating)>> {
        let mut conn = self.read_conn().await?;
        let row = S::Db::query(AssertSqlSafe(format!(
            "{RATING_SELECT}WHERE r.reply_token_hash = $1"
        )))
        .arg(token_hash)
        .optional(&mut *conn)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let (contract_id, rating) = rating_from::<S::Db>(&row)?;
        let rows = S::Db::query(concat!(contract_select!(), "WHERE c.id = $1"))
            .arg(contract_id)
            .all(&mut *conn)
            .await?;
        let contract = rows
            .first()
            .map(contract_from::<S::Db>)
            .transpose()?
            .ok_or(StorageError::NotFound)?;
        Ok(Some((contract, rating)))
    }

    async fn reply_to_rating(&self, token_hash: &str, reply: &str) -> StorageResult<Rating> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let done = S::Db::query(
            "UPDATE contract_ratings SET reply = $1, replied_at = $2 \
             WHERE reply_token_hash = $3 AND reply IS NULL",
        )
        .arg(reply)
        .arg(Stamp(now()))
        .arg(token_hash)
        .run(&mut *tx)
        .await?;
        let row = S::Db::query(AssertSqlSafe(format!(
            "{RATING_SELECT}WHERE r.reply_token_hash = $1"
        )))
        .arg(token_hash)
        .optional(&mut *tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        if done == 0 {
            return Err(StorageError::Conflict("a reply to this rating".into()));
        }
        let (_, rating) = rating_from::<S::Db>(&row)?;
        tx.commit().await?;
        Ok(rating)
    }

    async fn contracts_after(
        &self,
        body: &str,
        after: i64,
        limit: i64,
    ) -> StorageResult<Vec<Contract>> {
        let mut conn = self.read_conn().await?;
        let rows = S::Db::query(concat!(
            contract_select!(),
            "WHERE b.slug = $1 AND c.id > $2 ORDER BY c.id LIMIT $3"
        ))
        .arg(body)
        .arg(after)
        .arg(limit)
        .all(&mut *conn)
        .await?;
        with_ratings::<S::Db>(&mut conn, &rows).await
    }

    async fn payments_of_contracts(
        &self,
        body: &str,
        ids: &[i64],
    ) -> StorageResult<HashMap<i64, Vec<ContractPayment>>> {
        let mut by_contract: HashMap<i64, Vec<ContractPayment>> = HashMap::new();
        if ids.is_empty() {
            return Ok(by_contract);
        }
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        // The ids are numbers: nothing from outside goes into the text. `|| ''` strips the
        // column's text affinity so SQLite compares with the expression index's (none) and
        // reads each contract's days as a range of it, instead of every line of the body.
        let sql = format!(
            "SELECT c.id AS contract_id, l.id, l.reference, l.paid_on, l.amount_pence \
             FROM contracts c JOIN bodies b ON b.id = c.body_id \
             JOIN supplier_spend_names n ON n.supplier_id = c.supplier_id \
             JOIN spend_lines l ON {key} = (n.spend_key || '') AND l.body_id = c.body_id \
             WHERE b.slug = $1 AND c.id IN ({ids}) AND l.paid_on >= c.starts_on \
             AND (c.ends_on IS NULL OR l.paid_on <= c.ends_on) ORDER BY c.id, l.paid_on, l.id",
            key = S::Db::SPEND_KEY,
            ids = list.join(", "),
        );
        let rows = S::Db::query(AssertSqlSafe(sql))
            .arg(body)
            .all(&mut *self.read_conn().await?)
            .await?;
        for row in &rows {
            let contract: i64 = row.col("contract_id")?;
            by_contract
                .entry(contract)
                .or_default()
                .push(payment_from::<S::Db>(row)?);
        }
        Ok(by_contract)
    }

    async fn contracts_changed_at(
        &self,
        body: &str,
    ) -> StorageResult<Option<time::OffsetDateTime>> {
        // Three maxima (each one index-friendly scan), the latest kept here.
        let row = S::Db::query(
            "SELECT (SELECT MAX(c.created_at) FROM contracts c WHERE c.body_id = b.id) AS made, \
             (SELECT MAX(r.rated_at) FROM contract_ratings r JOIN contracts c \
              ON c.id = r.contract_id WHERE c.body_id = b.id) AS rated, \
             (SELECT MAX(r.replied_at) FROM contract_ratings r JOIN contracts c \
              ON c.id = r.contract_id WHERE c.body_id = b.id) AS replied \
             FROM bodies b WHERE b.slug = $1",
        )
        .arg(body)
        .optional(&mut *self.read_conn().await?)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let made: Option<time::OffsetDateTime> = row.col("made")?;
        let rated: Option<time::OffsetDateTime> = row.col("rated")?;
        let replied: Option<time::OffsetDateTime> = row.col("replied")?;
        Ok(made.map(|m| {
            [Some(m), rated, replied]
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(m)
        }))
    }
}
