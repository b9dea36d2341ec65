//! The language each person asked to be written to in, recorded at first contact and used
//! for every email after it.

use crate::StorageResult;
use crate::dialect::{Dialect, Engine, QueryExt, RowExt};
use async_trait::async_trait;
use time::OffsetDateTime;

/// People's chosen language of correspondence, by email address.
#[async_trait]
pub trait CorrespondenceStore {
    /// Records that `email` wants to be written to in `language` (`en` or `cy`), replacing
    /// any earlier choice.
    async fn record_correspondence_language(
        &self,
        email: &str,
        language: &str,
        now: OffsetDateTime,
    ) -> StorageResult<()>;

    /// The language `email` asked to be written to in, if they ever said.
    async fn correspondence_language(&self, email: &str) -> StorageResult<Option<String>>;
}

/// The form an address is kept under: people type their address in any case.
fn key(email: &str) -> String {
    email.trim().to_lowercase()
}

#[async_trait]
impl<S: Engine> CorrespondenceStore for S {
    async fn record_correspondence_language(
        &self,
        email: &str,
        language: &str,
        now: OffsetDateTime,
    ) -> StorageResult<()> {
        let millis = i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX);
        S::Db::query(
            "INSERT INTO correspondence_languages (email, language, recorded_at) \
             VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET \
             language = excluded.language, recorded_at = excluded.recorded_at",
        )
        .arg(key(email))
        .arg(language)
        .arg(millis)
        .run(&mut *self.write_conn().await?)
        .await?;
        Ok(())
    }

    async fn correspondence_language(&self, email: &str) -> StorageResult<Option<String>> {
        let row = S::Db::query("SELECT language FROM correspondence_languages WHERE email = $1")
            .arg(key(email))
            .optional(&mut *self.read_conn().await?)
            .await?;
        row.map(|r| r.col("language")).transpose()
    }
}
