//! Storage of contracts, the ratings staff give their suppliers against each KPI, and the
//! suppliers' replies; and the spend lines paid to a contract's supplier during it.

use crate::StorageResult;
use async_trait::async_trait;
use civic_domain::contract::{ContractDraft, RatingDraft};
use civic_domain::supplier::{OrgId, Scale};
use std::collections::HashMap;
use time::{Date, OffsetDateTime};

mod sql;

/// A rating as stored, with the supplier's reply when it has given one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// Its number.
    pub id: i64,
    /// What staff gave.
    pub details: RatingDraft,
    /// When.
    pub rated_at: OffsetDateTime,
    /// The supplier's reply and when it was made.
    pub reply: Option<(String, OffsetDateTime)>,
}

/// A contract as stored, with its ratings (oldest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// Its number.
    pub id: i64,
    /// The buying body's identifier.
    pub body: String,
    /// Its name.
    pub body_name: String,
    /// What staff gave.
    pub details: ContractDraft,
    /// The supplier's name in the register.
    pub supplier_name: String,
    /// The supplier's size in the register (its codes are OCDS `partyScale`'s).
    pub supplier_scale: Scale,
    /// When it was recorded.
    pub created_at: OffsetDateTime,
    /// Its ratings.
    pub ratings: Vec<Rating>,
}

/// A payment to a contract's supplier during the contract, from the body's spend data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractPayment {
    /// The transaction's identifier in the spend file (its reference), or `spend-{n}`.
    pub id: String,
    /// When it was paid.
    pub paid_on: Date,
    /// How much, in pence.
    pub amount_pence: i64,
}

/// Contracts and buyer feedback.
#[async_trait]
pub trait ContractStore {
    /// Records a contract of `body`; `NotFound` if the body or the supplier (which must be
    /// in the register) is not there, `Conflict` if `body` has a contract of this title.
    async fn create_contract(&self, body: &str, draft: &ContractDraft) -> StorageResult<Contract>;

    /// One of `body`'s contracts.
    async fn contract(&self, body: &str, slug: &str) -> StorageResult<Option<Contract>>;

    /// `body`'s contracts, by title.
    async fn contracts(&self, body: &str) -> StorageResult<Vec<Contract>>;

    /// Every body's contracts with the supplier `org_id`, newest first.
    async fn supplier_contracts(&self, org_id: &OrgId) -> StorageResult<Vec<Contract>>;

    /// Adds a rating to one of `body`'s contracts, with the hash of the token of the link
    /// the supplier replies through; `NotFound` unless `body` has the contract.
    async fn rate_contract(
        &self,
        body: &str,
        slug: &str,
        draft: &RatingDraft,
        reply_token_hash: &str,
    ) -> StorageResult<Rating>;

    /// The contract and rating a reply link's token (by hash) is for.
    async fn rating_for_reply(&self, token_hash: &str)
    -> StorageResult<Option<(Contract, Rating)>>;

    /// Publishes the supplier's reply; `NotFound` for an unknown token, `Conflict` when it
    /// has replied already (a reply is final).
    async fn reply_to_rating(&self, token_hash: &str, reply: &str) -> StorageResult<Rating>;

    /// Up to `limit` of `body`'s contracts after the one numbered `after`, by number (to
    /// page through every contract of a body without holding them all).
    async fn contracts_after(
        &self,
        body: &str,
        after: i64,
        limit: i64,
    ) -> StorageResult<Vec<Contract>>;

    /// What `body` paid the suppliers of the contracts numbered `ids` during each, by
    /// contract number, each by date: one query for a whole page of contracts.
    async fn payments_of_contracts(
        &self,
        body: &str,
        ids: &[i64],
    ) -> StorageResult<HashMap<i64, Vec<ContractPayment>>>;

    /// When any of `body`'s contracts, ratings or replies last changed; `None` while it has
    /// no contract.
    async fn contracts_changed_at(&self, body: &str) -> StorageResult<Option<OffsetDateTime>>;
}
