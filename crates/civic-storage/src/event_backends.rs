//! `EventStore` for SQLite and PostgreSQL, generated from one body of code.

use crate::backends::{PostgresStore, SqliteStore, now, postgres_time, sqlite_time};
use crate::events::{Dataset, EventStore, Ingested};
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::measures::TransactionEvent;
use sqlx::{QueryBuilder, Row};
use time::OffsetDateTime;

macro_rules! dataset_select {
    () => {
        "SELECT d.id, b.slug AS body_slug, d.slug, d.name, d.service, d.expected_every_hours, \
         d.created_at FROM datasets d JOIN bodies b ON b.id = d.body_id "
    };
}

macro_rules! event_methods {
    ($store:ident, $db:ty, $row:ty, begin_write = $begin:literal, time = $time:path) => {
        impl $store {
            fn dataset_from_row(row: &$row) -> StorageResult<Dataset> {
                Ok(Dataset {
                    id: row.try_get("id")?,
                    body: row.try_get("body_slug")?,
                    slug: row.try_get("slug")?,
                    name: row.try_get("name")?,
                    service: row.try_get("service")?,
                    expected_every_hours: row.try_get("expected_every_hours")?,
                    created_at: row.try_get("created_at")?,
                })
            }
        }

        #[async_trait]
        impl EventStore for $store {
            async fn create_dataset(
                &self,
                body: &str,
                slug: &str,
                name: &str,
                service: &str,
                token_hash: &str,
                expected_every_hours: i32,
            ) -> StorageResult<Dataset> {
                let mut tx = self.writer().begin_with($begin).await?;
                let known = sqlx::query(
                    "SELECT s.id FROM services s JOIN bodies b ON b.id = s.body_id \
                     WHERE b.slug = $1 AND s.slug = $2",
                )
                .bind(body)
                .bind(service)
                .fetch_optional(&mut *tx)
                .await?;
                if known.is_none() {
                    return Err(StorageError::NotFound);
                }
                let at = now();
                let id: i64 = sqlx::query(
                    "INSERT INTO datasets (body_id, slug, name, service, token_hash, expected_every_hours, created_at) \
                     SELECT id, $2, $3, $4, $5, $6, $7 FROM bodies WHERE slug = $1 RETURNING id",
                )
                .bind(body)
                .bind(slug)
                .bind(name)
                .bind(service)
                .bind(token_hash)
                .bind(expected_every_hours)
                .bind($time(at))
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
                tx.commit().await?;
                Ok(Dataset {
                    id,
                    body: body.to_string(),
                    slug: slug.to_string(),
                    name: name.to_string(),
                    service: service.to_string(),
                    expected_every_hours,
                    created_at: at,
                })
            }

            async fn dataset_by_token(&self, token_hash: &str) -> StorageResult<Option<Dataset>> {
                let row = sqlx::query(concat!(dataset_select!(), "WHERE d.token_hash = $1"))
                    .bind(token_hash)
                    .fetch_optional(self.pool())
                    .await?;
                row.as_ref().map(Self::dataset_from_row).transpose()
            }

            async fn list_datasets(&self, body: &str) -> StorageResult<Vec<Dataset>> {
                let rows = sqlx::query(concat!(dataset_select!(), "WHERE b.slug = $1 ORDER BY d.slug"))
                    .bind(body)
                    .fetch_all(self.pool())
                    .await?;
                rows.iter().map(Self::dataset_from_row).collect()
            }

            async fn ingest_events(&self, dataset: i64, events: &[TransactionEvent]) -> StorageResult<Ingested> {
                let mut tx = self.writer().begin_with($begin).await?;
                let at = now();
                let mut accepted = 0u64;
                for chunk in events.chunks(500) {
                    let mut sql: QueryBuilder<$db> = QueryBuilder::new(
                        "INSERT INTO transaction_events (dataset_id, event_id, channel, started_at, \
                         outcome_at, outcome, satisfaction, received_at) ",
                    );
                    sql.push_values(chunk, |mut b, e| {
                        b.push_bind(dataset)
                            .push_bind(e.id.clone())
                            .push_bind(e.channel.as_str())
                            .push_bind($time(e.started_at))
                            .push_bind(e.outcome_at.map($time))
                            .push_bind(e.outcome.clone())
                            .push_bind(e.satisfaction.map(i32::from))
                            .push_bind($time(at));
                    });
                    sql.push(" ON CONFLICT (dataset_id, event_id) DO NOTHING");
                    accepted += sql.build().execute(&mut *tx).await?.rows_affected();
                }
                tx.commit().await?;
                let total = u64::try_from(events.len()).unwrap_or(u64::MAX);
                Ok(Ingested {
                    accepted,
                    duplicates: total.saturating_sub(accepted),
                })
            }

            async fn dataset_totals(&self, dataset: i64) -> StorageResult<(i64, Option<OffsetDateTime>)> {
                let row = sqlx::query(
                    "SELECT COUNT(*) AS n, MAX(received_at) AS last FROM transaction_events WHERE dataset_id = $1",
                )
                .bind(dataset)
                .fetch_one(self.pool())
                .await?;
                Ok((row.try_get("n")?, row.try_get("last")?))
            }
        }
    };
}

event_methods!(
    SqliteStore,
    sqlx::Sqlite,
    sqlx::sqlite::SqliteRow,
    begin_write = "BEGIN IMMEDIATE",
    time = sqlite_time
);

event_methods!(
    PostgresStore,
    sqlx::Postgres,
    sqlx::postgres::PgRow,
    begin_write = "BEGIN",
    time = postgres_time
);
