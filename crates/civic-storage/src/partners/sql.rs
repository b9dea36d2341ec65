//! `PartnerStore`, written once for every engine.

use crate::backends::now;
use crate::catalogue::sql::parse_day;
use crate::dialect::{Dialect, Engine, QueryExt, RowExt, Stamp};
use crate::partners::{ApiKey, DatasetAccess, KeyAgreement, NewApiKey, Partner, PartnerStore};
use crate::suppliers::sql::verification_from;
use crate::{StorageError, StorageResult, one_row};
use async_trait::async_trait;
use civic_domain::api_key::{KeyKind, Scope};
use civic_domain::partner::PartnerDraft;
use civic_domain::supplier::OrgId;

macro_rules! partner_select {
    () => {
        "SELECT p.slug, p.name, p.org_id, p.website, p.description, \
     p.created_at, v.status AS v_status, v.registered_name, v.source, v.checked_by, \
     v.checked_on, v.expires_on FROM partners p \
     LEFT JOIN organisation_verifications v ON v.org_id = p.org_id "
    };
}

macro_rules! key_select {
    () => {
        "SELECT k.id, b.slug AS body_slug, b.name AS body_name, p.slug AS partner_slug, \
     p.name AS partner_name, k.name, k.kind, k.scopes, k.shown, k.per_minute, k.expires_on, \
     k.created_at, k.revoked_at, a.id AS agreement_id, a.title AS agreement_title, \
     a.starts_on, a.ends_on FROM api_keys k JOIN bodies b ON b.id = k.body_id \
     LEFT JOIN partners p ON p.id = k.partner_id \
     LEFT JOIN sharing_agreements a ON a.id = k.agreement_id "
    };
}

fn corrupt(what: &str) -> StorageError {
    StorageError::Corrupt(format!("stored {what} is not one Civic writes"))
}

fn partner_from<D: Dialect>(row: &D::Row) -> StorageResult<Partner> {
    let org_id: Option<String> = row.col("org_id")?;
    Ok(Partner {
        details: PartnerDraft {
            slug: row.col("slug")?,
            name: row.col("name")?,
            org_id: match org_id {
                Some(text) => Some(OrgId::parse(&text).ok_or_else(|| corrupt("org-id"))?),
                None => None,
            },
            website: row.col("website")?,
            description: row.col("description")?,
        },
        verification: verification_from::<D>(row)?,
        created_at: row.col("created_at")?,
    })
}

fn key_from<D: Dialect>(row: &D::Row) -> StorageResult<ApiKey> {
    let kind: String = row.col("kind")?;
    let scopes: String = row.col("scopes")?;
    let partner_slug: Option<String> = row.col("partner_slug")?;
    let partner_name: Option<String> = row.col("partner_name")?;
    let agreement_id: Option<i64> = row.col("agreement_id")?;
    let agreement = match agreement_id {
        Some(id) => Some(KeyAgreement {
            id,
            title: row.col("agreement_title")?,
            starts_on: parse_day(row.col("starts_on")?)?.ok_or_else(|| corrupt("agreement"))?,
            ends_on: parse_day(row.col("ends_on")?)?,
        }),
        None => None,
    };
    let per_minute: i64 = row.col("per_minute")?;
    Ok(ApiKey {
        id: row.col("id")?,
        body: row.col("body_slug")?,
        body_name: row.col("body_name")?,
        partner: partner_slug.zip(partner_name),
        name: row.col("name")?,
        kind: KeyKind::parse(&kind).ok_or_else(|| corrupt("key kind"))?,
        scopes: Scope::parse_list(&scopes).map_err(|_| corrupt("key scope"))?,
        shown: row.col("shown")?,
        per_minute: u32::try_from(per_minute).map_err(|_| corrupt("key limit"))?,
        expires_on: row.col("expires_on")?,
        agreement,
        created_at: row.col("created_at")?,
        revoked_at: row.col("revoked_at")?,
    })
}

#[async_trait]
impl<S: Engine> PartnerStore for S {
    async fn create_partner(&self, draft: &PartnerDraft) -> StorageResult<Partner> {
        let at = now();
        let org_id = draft.org_id.as_ref().map(OrgId::to_string);
        S::Db::query(
            "INSERT INTO partners (slug, name, org_id, website, description, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .arg(draft.slug.as_str())
        .arg(draft.name.as_str())
        .arg(org_id)
        .arg(draft.website.as_str())
        .arg(draft.description.as_str())
        .arg(Stamp(at))
        .run(&mut *self.write_conn().await?)
        .await
        .map_err(|e| match e {
            StorageError::Conflict(_) => {
                StorageError::Conflict(format!("a partner called '{}'", draft.name))
            }
            other => other,
        })?;
        self.partner(&draft.slug)
            .await?
            .ok_or(StorageError::NotFound)
    }

    async fn partners(&self) -> StorageResult<Vec<Partner>> {
        let rows = S::Db::query(concat!(partner_select!(), "ORDER BY p.name, p.slug"))
            .all(&mut *self.read_conn().await?)
            .await?;
        rows.iter().map(partner_from::<S::Db>).collect()
    }

    async fn partner(&self, slug: &str) -> StorageResult<Option<Partner>> {
        let row = S::Db::query(concat!(partner_select!(), "WHERE p.slug = $1"))
            .arg(slug)
            .optional(&mut *self.read_conn().await?)
            .await?;
        row.as_ref().map(partner_from::<S::Db>).transpose()
    }

    async fn create_api_key(&self, body: &str, key: &NewApiKey<'_>) -> StorageResult<ApiKey> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let body_id = crate::services::body_id::<S::Db>(&mut tx, body).await?;
        let partner_id: Option<i64> = match key.partner {
            Some(slug) => Some(
                S::Db::query("SELECT id FROM partners WHERE slug = $1")
                    .arg(slug)
                    .one(&mut *tx)
                    .await?
                    .col(0)?,
            ),
            None => None,
        };
        if let Some(id) = key.agreement {
            // Only the issuing body's own agreements: a key cannot borrow another's.
            S::Db::query("SELECT id FROM sharing_agreements WHERE id = $1 AND body_id = $2")
                .arg(id)
                .arg(body_id)
                .one(&mut *tx)
                .await?;
        }
        let id: i64 = S::Db::query(
            "INSERT INTO api_keys (body_id, name, key_hash, created_at, back_office, partner_id, \
             kind, scopes, expires_on, agreement_id, per_minute, shown) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .arg(body_id)
        .arg(key.draft.name.as_str())
        .arg(key.key_hash)
        .arg(Stamp(now()))
        .arg(key.draft.kind == KeyKind::Team)
        .arg(partner_id)
        .arg(key.draft.kind.as_str())
        .arg(Scope::join(&key.draft.scopes))
        .arg(key.draft.expires_on)
        .arg(key.agreement)
        .arg(i64::from(key.draft.per_minute))
        .arg(key.shown)
        .one(&mut *tx)
        .await?
        .col(0)?;
        let row = S::Db::query(concat!(key_select!(), "WHERE k.id = $1"))
            .arg(id)
            .one(&mut *tx)
            .await?;
        let stored = key_from::<S::Db>(&row)?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn api_key(&self, key_hash: &str) -> StorageResult<Option<ApiKey>> {
        let row = S::Db::query(concat!(key_select!(), "WHERE k.key_hash = $1"))
            .arg(key_hash)
            .optional(&mut *self.read_conn().await?)
            .await?;
        row.as_ref().map(key_from::<S::Db>).transpose()
    }

    async fn list_api_keys(&self, body: &str) -> StorageResult<Vec<ApiKey>> {
        let rows = S::Db::query(concat!(
            key_select!(),
            "WHERE b.slug = $1 ORDER BY k.id DESC"
        ))
        .arg(body)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(key_from::<S::Db>).collect()
    }

    async fn partner_api_keys(&self, partner: &str) -> StorageResult<Vec<ApiKey>> {
        let rows = S::Db::query(concat!(
            key_select!(),
            "WHERE p.slug = $1 ORDER BY k.id DESC"
        ))
        .arg(partner)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(key_from::<S::Db>).collect()
    }

    async fn revoke_api_key(&self, body: &str, id: i64) -> StorageResult<()> {
        let done = S::Db::query(
            "UPDATE api_keys SET revoked_at = $3 WHERE id = $2 AND revoked_at IS NULL \
             AND body_id = (SELECT id FROM bodies WHERE slug = $1)",
        )
        .arg(body)
        .arg(id)
        .arg(Stamp(now()))
        .run(&mut *self.write_conn().await?)
        .await?;
        one_row(done)
    }

    async fn record_dataset_access(
        &self,
        key_id: i64,
        dataset: &str,
        resource: &str,
    ) -> StorageResult<()> {
        let done = S::Db::query(
            "INSERT INTO dataset_accesses (dataset_id, api_key_id, resource, accessed_at) \
             SELECT d.id, k.id, $3, $4 FROM catalogue_datasets d \
             JOIN api_keys k ON k.body_id = d.body_id WHERE k.id = $1 AND d.name = $2",
        )
        .arg(key_id)
        .arg(dataset)
        .arg(resource)
        .arg(Stamp(now()))
        .run(&mut *self.write_conn().await?)
        .await?;
        one_row(done)
    }

    async fn dataset_accesses(&self, body: &str, limit: i64) -> StorageResult<Vec<DatasetAccess>> {
        let rows = S::Db::query(
            "SELECT a.accessed_at, d.name AS dataset, a.resource, k.name AS key_name, \
             p.name AS partner_name FROM dataset_accesses a \
             JOIN catalogue_datasets d ON d.id = a.dataset_id \
             JOIN bodies b ON b.id = d.body_id \
             JOIN api_keys k ON k.id = a.api_key_id \
             LEFT JOIN partners p ON p.id = k.partner_id \
             WHERE b.slug = $1 ORDER BY a.id DESC LIMIT $2",
        )
        .arg(body)
        .arg(limit)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(DatasetAccess {
                    at: row.col("accessed_at")?,
                    dataset: row.col("dataset")?,
                    resource: row.col("resource")?,
                    key: row.col("key_name")?,
                    partner: row.col("partner_name")?,
                })
            })
            .collect()
    }
}
