//! Storage of partners and the API keys bodies issue: Open311 client keys, data set
//! tokens, sandbox and back-office keys are all rows of one credential table.

use crate::StorageResult;
use async_trait::async_trait;
use civic_domain::api_key::{KeyDraft, KeyKind, KeyTerms, Scope};
use civic_domain::partner::PartnerDraft;
use civic_domain::supplier::Verification;
use time::{Date, OffsetDateTime};

mod sql;

/// A partner as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    /// What describes it.
    pub details: PartnerDraft,
    /// Its org-id as last checked against its register, if it has been.
    pub verification: Option<Verification>,
    /// When it was added.
    pub created_at: OffsetDateTime,
}

/// The data-sharing agreement a key serves, as the key's pages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyAgreement {
    /// Its id in the body's register.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// The first day it is in force.
    pub starts_on: Date,
    /// The last day, if it ends.
    pub ends_on: Option<Date>,
}

/// An API key as stored (never its text, only what was shown of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    /// Internal id.
    pub id: i64,
    /// The body that issued it.
    pub body: String,
    /// That body's name.
    pub body_name: String,
    /// The partner it was issued to, as (identifier, name), if any.
    pub partner: Option<(String, String)>,
    /// What it is for.
    pub name: String,
    /// Its kind.
    pub kind: KeyKind,
    /// What it may do.
    pub scopes: Vec<Scope>,
    /// The start of its text, so staff can tell keys apart (empty for keys issued before).
    pub shown: String,
    /// Requests a minute it may make.
    pub per_minute: u32,
    /// The last day it works, if it expires.
    pub expires_on: Option<Date>,
    /// The agreement it serves, if any.
    pub agreement: Option<KeyAgreement>,
    /// When issued.
    pub created_at: OffsetDateTime,
    /// When revoked, if it was.
    pub revoked_at: Option<OffsetDateTime>,
}

impl ApiKey {
    /// What the permission checks need.
    pub fn terms(&self) -> KeyTerms {
        KeyTerms {
            body: self.body.clone(),
            scopes: self.scopes.clone(),
            revoked_at: self.revoked_at,
            expires_on: self.expires_on,
            agreement: self.agreement.as_ref().map(|a| (a.starts_on, a.ends_on)),
        }
    }

    /// True for a back-office key, which may act on the body's private records too.
    pub fn is_team(&self) -> bool {
        self.kind == KeyKind::Team
    }

    /// True for a sandbox key, whose writes go nowhere.
    pub fn is_test(&self) -> bool {
        self.kind == KeyKind::Test
    }
}

/// A download of a restricted dataset through a key, as its body's staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetAccess {
    /// When.
    pub at: OffsetDateTime,
    /// The dataset's name.
    pub dataset: String,
    /// What was read (a resource's file name).
    pub resource: String,
    /// The key's name.
    pub key: String,
    /// The partner the key was issued to, if any.
    pub partner: Option<String>,
}

/// A key to issue: what staff chose, and the hash and shown part of its text.
#[derive(Debug, Clone)]
pub struct NewApiKey<'a> {
    /// What staff chose.
    pub draft: &'a KeyDraft,
    /// The partner it is for, by identifier.
    pub partner: Option<&'a str>,
    /// The body's agreement it serves, by id.
    pub agreement: Option<i64>,
    /// SHA-256 of its text.
    pub key_hash: &'a str,
    /// The start of its text.
    pub shown: &'a str,
}

/// Partners and API keys.
#[async_trait]
pub trait PartnerStore {
    /// Adds a partner; `Conflict` if its identifier (from its name) is taken.
    async fn create_partner(&self, draft: &PartnerDraft) -> StorageResult<Partner>;

    /// Every partner, by name.
    async fn partners(&self) -> StorageResult<Vec<Partner>>;

    /// One partner.
    async fn partner(&self, slug: &str) -> StorageResult<Option<Partner>>;

    /// Issues a key for `body`; `NotFound` if the body, the partner or the agreement (which
    /// must be the body's own) is not there.
    async fn create_api_key(&self, body: &str, key: &NewApiKey<'_>) -> StorageResult<ApiKey>;

    /// The key with this hash, revoked or not (so a refusal can say which).
    async fn api_key(&self, key_hash: &str) -> StorageResult<Option<ApiKey>>;

    /// A body's keys, newest first.
    async fn list_api_keys(&self, body: &str) -> StorageResult<Vec<ApiKey>>;

    /// A partner's keys from every body, newest first.
    async fn partner_api_keys(&self, partner: &str) -> StorageResult<Vec<ApiKey>>;

    /// Revokes one of a body's keys.
    async fn revoke_api_key(&self, body: &str, id: i64) -> StorageResult<()>;

    /// Records that key `key_id` read `resource` of the dataset `dataset` (its name), before
    /// it is served: a download that cannot be recorded is not made. `NotFound` unless the
    /// dataset belongs to the key's body.
    async fn record_dataset_access(
        &self,
        key_id: i64,
        dataset: &str,
        resource: &str,
    ) -> StorageResult<()>;

    /// The latest `limit` downloads of `body`'s restricted datasets, newest first.
    async fn dataset_accesses(&self, body: &str, limit: i64) -> StorageResult<Vec<DatasetAccess>>;
}
