//! The RFC 6962 / RFC 9162 Merkle tree behind Civic's append-only transparency logs.
//!
//! A register publishes a [`TreeHead`] (size and root). Anyone can then check, without trusting
//! the register, that an entry is in it ([`InclusionProof`]) and that a later head only added
//! entries to an earlier one ([`ConsistencyProof`]).
//!
//! * Hashing: leaf `SHA-256(0x00 || data)`, node `SHA-256(0x01 || left || right)`, empty tree
//!   `SHA-256("")`.
//! * Appending keeps only the right edge of the tree ([`Frontier`]), so it is O(log n) whatever
//!   the storage.
//! * Proofs for any earlier size are built from stored complete-subtree hashes through the
//!   [`SubtreeHashes`] trait in O(log n) reads; [`MemoryLog`] is the in-memory store, and the
//!   `*_nodes` functions list the reads up front for databases.
//! * Verification ([`verify_inclusion`], [`verify_consistency`]) is pure and explains every
//!   rejection with a [`VerifyError`].
//! * Subtree proofs from the Merkle Tree Certificates draft are included because they reuse the
//!   same machinery and transparency-dev publishes vectors for them.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Proof inputs come from strangers: no code path may panic on them.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod frontier;
mod hash;
mod memory;
mod proof;
mod shape;
mod store;
mod verify;

pub use frontier::{Frontier, LogFull};
pub use hash::{EMPTY_ROOT, Hash, HashParseError, leaf_hash, node_hash};
pub use memory::MemoryLog;
pub use proof::{
    ConsistencyProof, InclusionProof, ProofError, SubtreeConsistencyProof, SubtreeInclusionProof,
    consistency_proof, consistency_proof_nodes, inclusion_proof, inclusion_proof_nodes, root_at,
    root_nodes, subtree_consistency_proof, subtree_consistency_proof_nodes, subtree_hash,
    subtree_inclusion_proof, subtree_inclusion_proof_nodes,
};
pub use store::{NodeId, NodeReadError, PrefetchedHashes, SubtreeHashes};
pub use verify::{
    VerifyError, root_from_inclusion_proof, verify_consistency, verify_inclusion,
    verify_subtree_consistency, verify_subtree_inclusion,
};

/// Number of leaves in a tree.
pub type TreeSize = u64;

/// Position of a leaf in the log, counted from 0.
pub type LeafIndex = u64;

/// A tree size and the root hash of the tree of that size: what a log signs and publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TreeHead {
    /// Number of leaves.
    pub size: TreeSize,
    /// `MTH` of those leaves.
    pub root: Hash,
}
