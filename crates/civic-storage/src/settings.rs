//! Facts a deployment keeps about itself: small named values, the same on every process.

use crate::StorageResult;
use crate::dialect::{Dialect, Engine, QueryExt, RowExt};
use async_trait::async_trait;

/// Named values shared by every process of a deployment.
#[async_trait]
pub trait SettingStore {
    /// The value stored under `key`, if any.
    async fn setting(&self, key: &str) -> StorageResult<Option<String>>;

    /// Stores `value` under `key`, replacing what was there.
    async fn set_setting(&self, key: &str, value: &str) -> StorageResult<()>;
}

#[async_trait]
impl<S: Engine> SettingStore for S {
    async fn setting(&self, key: &str) -> StorageResult<Option<String>> {
        S::Db::query("SELECT value FROM settings WHERE key = $1")
            .arg(key)
            .optional(&mut *self.read_conn().await?)
            .await?
            .map(|row| row.col(0))
            .transpose()
    }

    async fn set_setting(&self, key: &str, value: &str) -> StorageResult<()> {
        S::Db::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .arg(key)
        .arg(value)
        .run(&mut *self.write_conn().await?)
        .await?;
        Ok(())
    }
}
