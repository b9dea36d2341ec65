//! Storage of registers: entries, content-addressed items, and the complete-subtree hashes of
//! each register's Merkle tree, so that appends and proofs read O(log n) stored hashes.

use crate::StorageResult;
use async_trait::async_trait;
use civic_domain::register::{Entry, Item};
use civic_translog::{Hash, NodeId};
use time::OffsetDateTime;

mod sql;

pub use sql::INDEXED_FIELDS;
pub(crate) use sql::{RegisterEngine, append_on};

/// A register's current state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterHead {
    /// The register's name.
    pub register: String,
    /// Entries so far.
    pub size: u64,
    /// The Merkle root over them.
    pub root: Hash,
    /// When the last entry was appended.
    pub timestamp: Option<OffsetDateTime>,
}

/// An item as stored: its content, or once redacted, the v2 redacted form kept in its place
/// (`None` for an item redacted before that form was kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredItem {
    /// The item's content.
    Content(Item),
    /// Redacted: each value replaced by its hash, when that form was kept.
    Redacted(Option<Item>),
}

impl StoredItem {
    /// The content, unless the item was redacted: what may be used as data.
    pub fn content(self) -> Option<Item> {
        match self {
            StoredItem::Content(item) => Some(item),
            StoredItem::Redacted(_) => None,
        }
    }

    /// What may be shown of it: the content, or the redacted form.
    pub fn shown(self) -> Option<Item> {
        match self {
            StoredItem::Content(item) | StoredItem::Redacted(Some(item)) => Some(item),
            StoredItem::Redacted(None) => None,
        }
    }
}

/// An entry to append: the key and the item it now holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The record's key.
    pub key: String,
    /// Its new content.
    pub item: Item,
}

/// Registers and their Merkle trees.
#[async_trait]
pub trait RegisterStore: Send + Sync {
    /// Appends entries to a register in one transaction (creating the register on its first
    /// entry), storing their items and the tree's new subtree hashes; the new head. An
    /// entry whose item equals the key's current item is skipped, so re-importing the same
    /// data appends nothing.
    async fn append_entries(
        &self,
        register: &str,
        entries: &[NewEntry],
    ) -> StorageResult<RegisterHead>;

    /// The register's head, or `None` if it has no entries.
    async fn register_head(&self, register: &str) -> StorageResult<Option<RegisterHead>>;

    /// How many entries the register has (0 for none), without computing its root.
    async fn register_size(&self, register: &str) -> StorageResult<u64>;

    /// Names of every register with at least one entry.
    async fn register_names(&self) -> StorageResult<Vec<String>>;

    /// Entries `from..=to` (numbers from 1), in order.
    async fn register_entries(
        &self,
        register: &str,
        from: u64,
        to: u64,
    ) -> StorageResult<Vec<Entry>>;

    /// Entries `from..=to` as Register Serialisation Format lines, made by the database in
    /// one row: `add-item` with the item's canonical JSON (`redacted-item` and its hash once
    /// redacted), then `append-entry` (user, key, timestamp, item hash), for each entry.
    async fn register_rsf(&self, register: &str, from: u64, to: u64) -> StorageResult<String>;

    /// The entries for one key, oldest first.
    async fn key_entries(&self, register: &str, key: &str) -> StorageResult<Vec<Entry>>;

    /// An item by hash, as stored.
    async fn register_item(&self, hash: &str) -> StorageResult<Option<StoredItem>>;

    /// A key's current record: its latest entry and that entry's item.
    async fn register_record(
        &self,
        register: &str,
        key: &str,
    ) -> StorageResult<Option<(Entry, StoredItem)>>;

    /// Current records (the latest entry per key, with its item or its redacted form) in the
    /// order their keys first appeared: those after the first `offset`, at most `limit`.
    async fn register_records(
        &self,
        register: &str,
        offset: u64,
        limit: u64,
    ) -> StorageResult<Vec<(Entry, Option<Item>)>>;

    /// How many records (distinct keys) the register holds.
    async fn record_count(&self, register: &str) -> StorageResult<u64>;

    /// Records whose item has `field` equal to `value`, or holding it in a list (such as
    /// every address in a postcode), in record order: after the first `offset`, at most
    /// `limit`.
    async fn records_by_field(
        &self,
        register: &str,
        field: &str,
        value: &str,
        offset: u64,
        limit: u64,
    ) -> StorageResult<Vec<(Entry, Item)>>;

    /// Stored subtree hashes of a register's tree.
    async fn subtree_hashes(
        &self,
        register: &str,
        nodes: &[NodeId],
    ) -> StorageResult<Vec<(NodeId, Hash)>>;

    /// Deletes an item's content, keeping its hash and its v2 redacted form; false if there
    /// was no such item.
    async fn redact_item(&self, hash: &str) -> StorageResult<bool>;

    /// The deployment's signing key (32-byte seed), created and stored on first use.
    async fn signing_seed(&self, fresh: [u8; 32]) -> StorageResult<[u8; 32]>;
}
