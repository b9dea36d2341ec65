//! Storage of data requests (with their supporters) and the data-sharing register.

use crate::StorageResult;
use async_trait::async_trait;
use civic_domain::catalogue::stewardship::{
    DataRequest, DataRequestAnswer, DataRequestDraft, SharingAgreement, SharingAgreementDraft,
};

mod sql;

/// What confirming an email address did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// It took effect now; carries the data request's number.
    Confirmed(i64),
    /// It had already taken effect; carries the data request's number.
    AlreadyConfirmed(i64),
}

/// Data requests and the data-sharing register.
#[async_trait]
pub trait StewardshipStore: Send + Sync {
    /// Records a data request to `body`. Unless `confirmed` (someone signed in asked), it is
    /// unconfirmed (not public), keeps the hash of its confirmation token, and the
    /// confirmation email (`confirm_data_request`, payload `token`) is queued in the same
    /// transaction. `NotFound` for an unknown body.
    async fn add_data_request(
        &self,
        body: &str,
        draft: &DataRequestDraft,
        token: &str,
        token_hash: &str,
        confirmed: bool,
    ) -> StorageResult<i64>;

    /// Confirms a data request's email address, making it public; `NotFound` for an
    /// unknown token.
    async fn confirm_data_request(&self, token_hash: &str) -> StorageResult<Confirmation>;

    /// Records a wish to support a public data request from `email` (kept as a hash) and
    /// queues the confirmation email (`confirm_data_request_support`); `Ok(false)` when that
    /// address already supports it. `NotFound` unless the request is public.
    async fn add_data_request_support(
        &self,
        id: i64,
        email: &str,
        email_hash: &str,
        token: &str,
        token_hash: &str,
    ) -> StorageResult<bool>;

    /// Confirms a support, adding one to the request's supporters once.
    async fn confirm_data_request_support(&self, token_hash: &str) -> StorageResult<Confirmation>;

    /// A public (confirmed) data request.
    async fn data_request(&self, id: i64) -> StorageResult<Option<DataRequest>>;

    /// A body's public data requests, newest first.
    async fn data_requests(&self, body: &str) -> StorageResult<Vec<DataRequest>>;

    /// Records `body`'s answer to one of its public requests (the first answer's time stays
    /// the response time) (a published answer must name
    /// one of the body's datasets) and emails the requester (`data_request_answered`).
    /// `NotFound` unless the request is `body`'s and public.
    async fn answer_data_request(
        &self,
        body: &str,
        id: i64,
        answer: &DataRequestAnswer,
    ) -> StorageResult<DataRequest>;

    /// Adds an agreement to `body`'s data-sharing register.
    async fn add_sharing_agreement(
        &self,
        body: &str,
        draft: &SharingAgreementDraft,
    ) -> StorageResult<SharingAgreement>;

    /// Replaces one of `body`'s agreements; `NotFound` unless it is `body`'s.
    async fn update_sharing_agreement(
        &self,
        body: &str,
        id: i64,
        draft: &SharingAgreementDraft,
    ) -> StorageResult<SharingAgreement>;

    /// `body`'s agreements, most recently changed first.
    async fn sharing_agreements(&self, body: &str) -> StorageResult<Vec<SharingAgreement>>;
}
