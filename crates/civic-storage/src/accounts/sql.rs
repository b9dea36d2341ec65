//! Password resets on either engine.

use crate::StorageResult;
use crate::accounts::AccountStore;
use crate::dialect::{Dialect, Engine, QueryExt, RowExt, Stamp};
use crate::requests::{OutboxMessage, enqueue};
use async_trait::async_trait;
use time::OffsetDateTime;

#[async_trait]
impl<S: Engine> AccountStore for S {
    async fn start_password_reset(
        &self,
        email: &str,
        token_hash: &str,
        message: &OutboxMessage,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> StorageResult<bool> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let staff_id: Option<i64> =
            S::Db::query("SELECT id FROM staff WHERE email = $1 AND active")
                .arg(email.trim().to_lowercase())
                .optional(&mut tx)
                .await?
                .map(|row| row.col(0))
                .transpose()?;
        let Some(staff_id) = staff_id else {
            return Ok(false);
        };
        retire_links::<S::Db>(&mut tx, staff_id, now).await?;
        S::Db::query(
            "INSERT INTO password_resets (token_hash, staff_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .arg(token_hash)
        .arg(staff_id)
        .arg(Stamp(now))
        .arg(Stamp(expires_at))
        .run(&mut tx)
        .await?;
        enqueue::<S::Db>(&mut tx, message, None, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn password_reset_email(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> StorageResult<Option<String>> {
        S::Db::query(
            "SELECT st.email FROM password_resets pr JOIN staff st ON st.id = pr.staff_id \
             WHERE pr.token_hash = $1 AND pr.used_at IS NULL AND pr.expires_at > $2 \
             AND st.active",
        )
        .arg(token_hash)
        .arg(Stamp(now))
        .optional(&mut *self.read_conn().await?)
        .await?
        .map(|row| row.col(0))
        .transpose()
    }

    async fn complete_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        notice: &OutboxMessage,
        now: OffsetDateTime,
    ) -> StorageResult<Option<i64>> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        // Marking the link used is the claim: of two uses at once, one updates the row.
        let staff_id: Option<i64> = S::Db::query(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 \
             AND used_at IS NULL AND expires_at > $1 \
             AND staff_id IN (SELECT id FROM staff WHERE active) RETURNING staff_id",
        )
        .arg(Stamp(now))
        .arg(token_hash)
        .optional(&mut tx)
        .await?
        .map(|row| row.col(0))
        .transpose()?;
        let Some(staff_id) = staff_id else {
            return Ok(None);
        };
        S::Db::query("UPDATE staff SET password_hash = $1 WHERE id = $2")
            .arg(password_hash)
            .arg(staff_id)
            .run(&mut tx)
            .await?;
        retire_links::<S::Db>(&mut tx, staff_id, now).await?;
        S::Db::query("DELETE FROM sessions WHERE staff_id = $1")
            .arg(staff_id)
            .run(&mut tx)
            .await?;
        enqueue::<S::Db>(&mut tx, notice, None, now).await?;
        tx.commit().await?;
        Ok(Some(staff_id))
    }
}

/// Stops every unused link of an account from working.
async fn retire_links<D: Dialect>(
    conn: &mut D::Connection,
    staff_id: i64,
    now: OffsetDateTime,
) -> StorageResult<u64> {
    D::query("UPDATE password_resets SET used_at = $1 WHERE staff_id = $2 AND used_at IS NULL")
        .arg(Stamp(now))
        .arg(staff_id)
        .run(conn)
        .await
}
