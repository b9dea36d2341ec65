//! Storage of webhook endpoints and the outbox of their deliveries. Messages are written by
//! triggers in the transaction of the change they announce (migration 0036); this store
//! manages endpoints, hands due deliveries to the worker and records each attempt.

use crate::StorageResult;
use async_trait::async_trait;
use civic_domain::webhook::{DisabledReason, EndpointDraft, EventType};
use time::OffsetDateTime;

mod sql;

/// An endpoint as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEndpoint {
    /// Its number, unique across bodies.
    pub id: i64,
    /// The body whose events it receives.
    pub body: String,
    /// Where deliveries are posted.
    pub url: String,
    /// Whose it is and what for.
    pub description: String,
    /// The events it receives.
    pub events: Vec<EventType>,
    /// The `whsec_` secret deliveries are signed with.
    pub secret: String,
    /// The secret before the last rotation, still signing until `previous_until`.
    pub previous_secret: Option<String>,
    /// When the previous secret stops signing.
    pub previous_until: Option<OffsetDateTime>,
    /// When it was added.
    pub created_at: OffsetDateTime,
    /// When and why it was disabled, if it is.
    pub disabled: Option<(OffsetDateTime, DisabledReason)>,
    /// Since when every attempt to it has failed, if the last one did.
    pub failing_since: Option<OffsetDateTime>,
    /// The API key a partner added it with, when a partner did (staff's have none).
    pub owner_key: Option<i64>,
}

/// One message's delivery to one endpoint, as shown to staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    /// The message's number (its `webhook-id` is `msg_` and this).
    pub message_id: i64,
    /// The event type.
    pub event_type: String,
    /// What it is about (a request's or data request's number, a dataset's name).
    pub subject: String,
    /// When the change happened.
    pub occurred_at: OffsetDateTime,
    /// Attempts so far.
    pub attempts: i32,
    /// The status the last attempt was answered with, if any.
    pub last_status: Option<i32>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// When it was delivered, if it was.
    pub delivered_at: Option<OffsetDateTime>,
    /// When it will be tried next, if it will.
    pub next_attempt_at: Option<OffsetDateTime>,
}

/// A delivery the worker is to attempt now, with everything the attempt needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDelivery {
    /// The message's number.
    pub message_id: i64,
    /// The endpoint's number.
    pub endpoint_id: i64,
    /// The body the event belongs to.
    pub body: String,
    /// The event type.
    pub event_type: String,
    /// What it is about.
    pub subject: String,
    /// When the change happened.
    pub occurred_at: OffsetDateTime,
    /// Where to post it.
    pub url: String,
    /// The secrets to sign with: the current one, then the previous while it still signs.
    pub secrets: Vec<String>,
    /// Attempts made before this one.
    pub attempts: i32,
    /// Since when the endpoint has been failing, if it has.
    pub failing_since: Option<OffsetDateTime>,
}

/// What became of one attempt, as the worker decided from the domain's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptRecord {
    /// Delivered: the endpoint is no longer failing.
    Delivered {
        /// The status it answered.
        status: i32,
    },
    /// Failed: tried again at `retry_at`, or never again when `None`; the endpoint is
    /// disabled for `disable` when given (its other pending deliveries stop too).
    Failed {
        /// The status it answered, if it answered.
        status: Option<i32>,
        /// What went wrong, in plain English.
        error: String,
        /// When to try again.
        retry_at: Option<OffsetDateTime>,
        /// Whether the endpoint is now disabled, and why.
        disable: Option<DisabledReason>,
    },
}

/// Webhook endpoints and deliveries.
#[async_trait]
pub trait WebhookStore: Send + Sync {
    /// Adds an endpoint to `body` with its events and secret; `NotFound` for an unknown body.
    async fn create_webhook_endpoint(
        &self,
        body: &str,
        draft: &EndpointDraft,
        secret: &str,
    ) -> StorageResult<WebhookEndpoint>;

    /// Adds an endpoint to `body` for the partner holding API key `key_id`, whose other keys
    /// manage it too; `NotFound` unless the key is `body`'s.
    async fn create_keyed_webhook_endpoint(
        &self,
        body: &str,
        draft: &EndpointDraft,
        secret: &str,
        key_id: i64,
    ) -> StorageResult<WebhookEndpoint>;

    /// The endpoints of `body` that API key `key_id` manages: those added with it or with
    /// another key of the same partner, oldest first.
    async fn key_webhook_endpoints(
        &self,
        body: &str,
        key_id: i64,
    ) -> StorageResult<Vec<WebhookEndpoint>>;

    /// Disables an endpoint for `reason` (its pending deliveries stop); `NotFound` unless
    /// `body` has it.
    async fn disable_webhook_endpoint(
        &self,
        body: &str,
        id: i64,
        reason: DisabledReason,
        at: OffsetDateTime,
    ) -> StorageResult<WebhookEndpoint>;

    /// Changes an endpoint's address, description and events; `NotFound` unless `body` has it.
    async fn update_webhook_endpoint(
        &self,
        body: &str,
        id: i64,
        draft: &EndpointDraft,
    ) -> StorageResult<WebhookEndpoint>;

    /// One endpoint of `body`.
    async fn webhook_endpoint(&self, body: &str, id: i64)
    -> StorageResult<Option<WebhookEndpoint>>;

    /// Every endpoint of `body`, oldest first.
    async fn webhook_endpoints(&self, body: &str) -> StorageResult<Vec<WebhookEndpoint>>;

    /// Disables an endpoint (its pending deliveries stop) or enables it again (failures
    /// forgotten; messages from while it was disabled are not sent); `NotFound` unless
    /// `body` has it.
    async fn set_webhook_endpoint_enabled(
        &self,
        body: &str,
        id: i64,
        enabled: bool,
        at: OffsetDateTime,
    ) -> StorageResult<WebhookEndpoint>;

    /// Gives an endpoint a new secret, the current one still signing until `previous_until`.
    async fn rotate_webhook_secret(
        &self,
        body: &str,
        id: i64,
        secret: &str,
        previous_until: OffsetDateTime,
    ) -> StorageResult<WebhookEndpoint>;

    /// An endpoint's latest deliveries, newest first, at most `limit`.
    async fn webhook_deliveries(
        &self,
        body: &str,
        id: i64,
        limit: i64,
    ) -> StorageResult<Vec<WebhookDelivery>>;

    /// Claims up to `limit` deliveries due by `now` for enabled endpoints, oldest first,
    /// leasing them until `lease_until` so no other worker sends them meanwhile.
    async fn claim_webhook_deliveries(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: i64,
    ) -> StorageResult<Vec<DueDelivery>>;

    /// Records attempts at deliveries (message, endpoint, when, what came of it), all in one
    /// transaction: one commit for a whole pass of the worker.
    async fn record_webhook_attempts(
        &self,
        attempts: &[(i64, i64, OffsetDateTime, AttemptRecord)],
    ) -> StorageResult<()>;
}
