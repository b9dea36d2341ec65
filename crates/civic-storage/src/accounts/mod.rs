//! Accounts: forgotten-password links for staff and administrators.

mod sql;

use crate::StorageResult;
use crate::requests::OutboxMessage;
use async_trait::async_trait;
use time::OffsetDateTime;

/// Password resets by email. Whether an address has an account is never told to the
/// caller's caller: a reset for an unknown address does nothing, quietly.
#[async_trait]
pub trait AccountStore {
    /// For the active account with `email`, records a reset link (by its token's hash)
    /// valid until `expires_at` and queues `message` to that address in the same
    /// transaction; earlier unused links of that account stop working. True when an
    /// account was found.
    async fn start_password_reset(
        &self,
        email: &str,
        token_hash: &str,
        message: &OutboxMessage,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> StorageResult<bool>;

    /// The email address of the active account a reset link is for, while it is unused and
    /// unexpired.
    async fn password_reset_email(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> StorageResult<Option<String>>;

    /// Uses a reset link: sets the new password hash, retires every link of that account,
    /// ends all its sessions and queues `notice` to its owner, at once. The account's id, or
    /// `None` (and nothing queued) when the link is unknown, used, expired or its account
    /// deactivated.
    async fn complete_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        notice: &OutboxMessage,
        now: OffsetDateTime,
    ) -> StorageResult<Option<i64>>;
}
