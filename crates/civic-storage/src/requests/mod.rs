//! Storage of service requests and what hangs off them: updates, reporters' contact
//! details, subscriptions, photos, API keys, and the email outbox. Personal data sits in
//! `request_contacts` and `subscriptions`, apart from the public record in `requests`.

use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::{
    Contact, Point, RequestChannel, RequestDraft, RequestStatus, RequestUpdate, ServiceRequest,
    Visibility,
};
use time::OffsetDateTime;

mod sql;

pub(crate) use sql::enqueue;

/// An email to send once the transaction that asked for it commits.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxMessage {
    /// What sort of message (the sender renders it from this and the payload).
    pub kind: String,
    /// The address it goes to.
    pub recipient: String,
    /// Details the message needs, such as a confirmation token.
    pub payload: serde_json::Value,
}

/// A queued message claimed for sending.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxItem {
    /// Queue id.
    pub id: i64,
    /// What sort of message.
    pub kind: String,
    /// Where it goes.
    pub recipient: String,
    /// The request it is about, if any.
    pub request_id: Option<i64>,
    /// Details for rendering.
    pub payload: serde_json::Value,
    /// Attempts so far, including this one.
    pub attempts: i32,
}

/// A message set aside after its last failed attempt, or because it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAsideMessage {
    /// Queue id.
    pub id: i64,
    /// What sort of message.
    pub kind: String,
    /// Where it was going.
    pub recipient: String,
    /// When it was queued.
    pub created_at: OffsetDateTime,
    /// When it was set aside.
    pub set_aside_at: OffsetDateTime,
    /// Attempts made.
    pub attempts: i32,
    /// Why the last attempt failed.
    pub last_error: String,
}

/// A request to store, with how it arrived and what must happen with it.
#[derive(Debug, Clone)]
pub struct NewRequest {
    /// The body's identifier.
    pub body: String,
    /// The service's identifier (Open311 service code).
    pub service: String,
    /// The validated request.
    pub draft: RequestDraft,
    /// How it arrived.
    pub channel: RequestChannel,
    /// Who may see it.
    pub visibility: Visibility,
    /// False until confirmed (web reporters by email; batch submissions by processing).
    pub confirmed: bool,
    /// Token returned to an Open311 client for a batch service.
    pub token: Option<String>,
    /// The API key it came through.
    pub api_key_id: Option<i64>,
    /// How consent to keep the contact details was given, in words, for the record.
    pub consent: String,
    /// Hash of the token in the confirmation email, for unconfirmed web reports.
    pub confirm_token_hash: Option<String>,
    /// Subscribe the reporter's email to updates, with this unsubscribe token.
    pub reporter_subscription: Option<String>,
    /// Photos: content type and bytes.
    pub photos: Vec<(String, Vec<u8>)>,
    /// Messages to queue in the same transaction.
    pub notifications: Vec<OutboxMessage>,
    /// When the service's target says it should be done.
    pub expected_at: Option<OffsetDateTime>,
    /// When it was received, if before it is stored: staff typing in a letter or a phone
    /// message record when it came in. `None` is now; a time still to come is taken as now.
    pub received_at: Option<OffsetDateTime>,
}

/// A change made to a request by staff, a connected system or the reporter.
#[derive(Debug, Clone, Default)]
pub struct RequestChange {
    /// New status; `None` keeps the current one.
    pub status: Option<RequestStatus>,
    /// What is said about it.
    pub description: String,
    /// A staff-only note.
    pub private: bool,
    /// Who, as shown.
    pub actor: String,
    /// The staff member, if one.
    pub staff_id: Option<i64>,
    /// A connected system's id for the update, which must be unique per request.
    pub external_id: Option<String>,
    /// New visibility.
    pub visibility: Option<Visibility>,
    /// New assignee (`Some(None)` unassigns).
    pub assigned_to: Option<Option<i64>>,
    /// Marks it a duplicate of another request of the same body.
    pub duplicate_of: Option<i64>,
    /// A satisfaction survey link (token, and its hash) to send the reporter if this
    /// change brings the request to its outcome for the first time.
    pub survey: Option<(String, String)>,
    /// Which requests the caller may change; any other is `NotFound`, as if it did not
    /// exist. Checked on the row the change locks, so it cannot change in between.
    pub scope: ChangeScope,
    /// When it was made, if before it is stored (a change recorded after the fact). `None`
    /// is now; a time still to come is taken as now, and one before the request's last
    /// change as that change's time, so its history stays in order.
    pub at: Option<OffsetDateTime>,
}

/// Which of a body's requests a change may touch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChangeScope {
    /// Any (the body's own staff, its back-office system).
    #[default]
    Any,
    /// Public ones only (a client app's Open311 key).
    Public,
    /// Published ones, public or hidden by moderation (a moderator).
    Moderated,
}

/// Which requests to list. Empty lists and `None` mean "any".
#[derive(Debug, Clone, Default)]
pub struct RequestQuery {
    /// One body, or all.
    pub body: Option<String>,
    /// Only these reference numbers.
    pub ids: Vec<i64>,
    /// Only these services.
    pub services: Vec<String>,
    /// Only these statuses.
    pub statuses: Vec<RequestStatus>,
    /// Only open (`Some(true)`) or closed (`Some(false)`).
    pub open: Option<bool>,
    /// Made at or after.
    pub requested_from: Option<OffsetDateTime>,
    /// Made at or before.
    pub requested_to: Option<OffsetDateTime>,
    /// Changed after.
    pub updated_after: Option<OffsetDateTime>,
    /// Changed before.
    pub updated_before: Option<OffsetDateTime>,
    /// Only confirmed, public requests (every public page and API).
    pub public_only: bool,
    /// Only confirmed requests that are public or were hidden by moderation: what
    /// moderators look after (private requests were never published).
    pub moderated_only: bool,
    /// Only from this channel.
    pub channel: Option<RequestChannel>,
    /// Only assigned to this staff member.
    pub assigned_to: Option<i64>,
    /// Only open requests whose target time is before this instant.
    pub overdue_at: Option<OffsetDateTime>,
    /// Only within this box (south-west, north-east corners).
    pub within: Option<(Point, Point)>,
    /// At most this many.
    pub limit: i64,
    /// Skip this many first.
    pub offset: i64,
    /// Order by last change rather than by when made (newest first either way).
    pub by_updated: bool,
}

/// A request's public update, as listed for Open311 `servicerequestupdates`.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyUpdate {
    /// The update.
    pub update: RequestUpdate,
    /// Its request's service code.
    pub service: String,
}

/// Requests and everything attached to them.
#[async_trait]
pub trait RequestStore: Send + Sync {
    /// Stores a request with its contact details, photos, the reporter's subscription and
    /// queued messages, all in one transaction.
    async fn create_request(&self, request: &NewRequest) -> StorageResult<ServiceRequest>;

    /// One request by reference, whoever may see it; callers check visibility.
    async fn get_request(&self, id: i64) -> StorageResult<Option<ServiceRequest>>;

    /// Requests matching `query`, newest first.
    async fn list_requests(&self, query: &RequestQuery) -> StorageResult<Vec<ServiceRequest>>;

    /// The reporter's contact details (staff only), scoped to the body.
    async fn request_contact(&self, body: &str, id: i64) -> StorageResult<Option<Contact>>;

    /// Applies a change to one of `body`'s requests, records it, and for public updates
    /// queues an email to each confirmed subscriber; `NotFound` outside the body,
    /// `Conflict` for a repeated external id.
    async fn change_request(
        &self,
        body: &str,
        id: i64,
        change: &RequestChange,
    ) -> StorageResult<RequestUpdate>;

    /// A request's updates, oldest first; private notes only when asked.
    async fn request_updates(
        &self,
        id: i64,
        include_private: bool,
    ) -> StorageResult<Vec<RequestUpdate>>;

    /// Public updates of a body's public requests made in a time window, oldest first,
    /// starting after update `after_id` (for paging; 0 for the start).
    async fn body_updates(
        &self,
        body: &str,
        from: OffsetDateTime,
        to: OffsetDateTime,
        after_id: i64,
        limit: i64,
    ) -> StorageResult<Vec<BodyUpdate>>;

    /// Confirms a web report by its emailed token; the request, if the token matched.
    async fn confirm_request(&self, token_hash: &str) -> StorageResult<Option<ServiceRequest>>;

    /// Confirms batch submissions waiting to be processed; their references.
    async fn process_batch(&self) -> StorageResult<Vec<i64>>;

    /// The token of a batch submission to `body` and its reference once processed.
    async fn token_request(
        &self,
        body: &str,
        token: &str,
    ) -> StorageResult<Option<(String, Option<i64>)>>;

    /// Subscribes an email to a request's updates and queues the confirmation email;
    /// false when already subscribed.
    async fn subscribe(&self, request_id: i64, email: &str, token: &str) -> StorageResult<bool>;

    /// Confirms a subscription; its request.
    async fn confirm_subscription(&self, token: &str) -> StorageResult<Option<i64>>;

    /// Ends a subscription; its request.
    async fn unsubscribe(&self, token: &str) -> StorageResult<Option<i64>>;

    /// The unsubscribe token of `email`'s subscription to a request.
    async fn subscription_token(
        &self,
        request_id: i64,
        email: &str,
    ) -> StorageResult<Option<String>>;

    /// A request's photo by position (from 1).
    async fn request_photo(
        &self,
        request_id: i64,
        position: i32,
    ) -> StorageResult<Option<(String, Vec<u8>)>>;

    /// How many photos a request has.
    async fn request_photo_count(&self, request_id: i64) -> StorageResult<i64>;

    /// Claims up to `limit` due messages, hiding them from other senders until `lease_until`.
    async fn claim_outbox(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: i64,
    ) -> StorageResult<Vec<OutboxItem>>;

    /// Records a message as sent.
    async fn outbox_sent(&self, id: i64, at: OffsetDateTime) -> StorageResult<()>;

    /// Records a failed attempt and when to try again.
    async fn outbox_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: OffsetDateTime,
    ) -> StorageResult<()>;

    /// Messages not yet sent and not set aside.
    async fn outbox_pending(&self) -> StorageResult<i64>;

    /// Stops trying to send a message and keeps it, with why, for an administrator.
    async fn outbox_set_aside(&self, id: i64, error: &str, at: OffsetDateTime)
    -> StorageResult<()>;

    /// Messages set aside, newest first, at most `limit`, and how many there are in all.
    async fn outbox_set_aside_list(&self, limit: i64)
    -> StorageResult<(Vec<SetAsideMessage>, i64)>;

    /// Puts a set-aside message back in the queue for a fresh round of attempts now.
    async fn outbox_retry(&self, id: i64, now: OffsetDateTime) -> StorageResult<()>;

    /// Deletes a set-aside message for good.
    async fn outbox_discard(&self, id: i64) -> StorageResult<()>;
}

pub(crate) fn status(stored: &str) -> StorageResult<RequestStatus> {
    RequestStatus::parse(stored).ok_or_else(|| StorageError::Corrupt(format!("status {stored}")))
}

pub(crate) fn channel(stored: &str) -> StorageResult<RequestChannel> {
    RequestChannel::parse(stored).ok_or_else(|| StorageError::Corrupt(format!("channel {stored}")))
}

pub(crate) fn visibility(stored: &str) -> StorageResult<Visibility> {
    Visibility::parse(stored).ok_or_else(|| StorageError::Corrupt(format!("visibility {stored}")))
}
