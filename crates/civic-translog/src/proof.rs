//! Proof types and proof generation from stored complete-subtree hashes.
//!
//! Every function here first plans the proof as a list of leaf ranges (pure arithmetic on the
//! sizes), then hashes each range from at most O(log n) stored nodes. The same plan, without
//! hashes, tells a database which nodes to fetch (`*_nodes`).

use crate::hash::{EMPTY_ROOT, Hash};
use crate::shape::{self, is_valid_subtree};
use crate::store::{NodeId, NodeReadError, SubtreeHashes, range_hash, range_nodes};
use crate::verify::{self, VerifyError};
use crate::{LeafIndex, TreeSize};

/// Why a proof or root could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ProofError {
    /// The store does not yet hold that many leaves.
    #[error("tree size {requested} is beyond the {available} leaves the log holds")]
    TreeSizeBeyondLog {
        /// Size asked for.
        requested: TreeSize,
        /// Size the store holds.
        available: TreeSize,
    },
    /// The leaf is not in a tree of that size.
    #[error("leaf index {index} is not below tree size {size}")]
    LeafIndexBeyondSize {
        /// Leaf asked for.
        index: LeafIndex,
        /// Tree size asked for.
        size: TreeSize,
    },
    /// A log only grows, so an older tree cannot be larger.
    #[error("old tree size {old} exceeds new tree size {new}")]
    OldSizeExceedsNewSize {
        /// Older size.
        old: TreeSize,
        /// Newer size.
        new: TreeSize,
    },
    /// Every tree extends the empty tree, so such a proof would prove nothing.
    #[error("a consistency proof from the empty tree proves nothing")]
    EmptyOldTree,
    /// `[start, end)` is empty or not aligned to its own size.
    #[error("[{start}, {end}) is not a valid subtree")]
    InvalidSubtree {
        /// First leaf of the range.
        start: LeafIndex,
        /// One past the last leaf of the range.
        end: LeafIndex,
    },
    /// The subtree reaches past the tree it should belong to.
    #[error("subtree ending at {end} does not fit in a tree of size {size}")]
    SubtreeBeyondTree {
        /// One past the subtree's last leaf.
        end: LeafIndex,
        /// Tree size asked for.
        size: TreeSize,
    },
    /// The leaf is not in the subtree.
    #[error("leaf index {index} lies outside subtree [{start}, {end})")]
    LeafOutsideSubtree {
        /// Leaf asked for.
        index: LeafIndex,
        /// First leaf of the subtree.
        start: LeafIndex,
        /// One past the last leaf of the subtree.
        end: LeafIndex,
    },
    /// Storage could not supply a subtree hash.
    #[error(transparent)]
    Read(#[from] NodeReadError),
}

/// Evidence that a leaf sits at `leaf_index` in the tree of `tree_size` leaves (RFC 9162 §2.1.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InclusionProof {
    /// Position of the leaf, from 0.
    pub leaf_index: LeafIndex,
    /// Size of the tree whose root the proof leads to.
    pub tree_size: TreeSize,
    /// Sibling hashes from the leaf up to the root.
    pub path: Vec<Hash>,
}

impl InclusionProof {
    /// Checks the proof against the leaf's hash and the tree's root.
    pub fn verify(&self, leaf_hash: &Hash, root: &Hash) -> Result<(), VerifyError> {
        verify::verify_inclusion(leaf_hash, self.leaf_index, self.tree_size, &self.path, root)
    }
}

/// Evidence that the tree of `new_size` leaves extends the tree of `old_size` (RFC 9162 §2.1.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsistencyProof {
    /// Size of the earlier tree.
    pub old_size: TreeSize,
    /// Size of the later tree.
    pub new_size: TreeSize,
    /// The hashes of `PROOF(old_size, D[new_size])`.
    pub path: Vec<Hash>,
}

impl ConsistencyProof {
    /// Checks the proof against both trees' roots.
    pub fn verify(&self, old_root: &Hash, new_root: &Hash) -> Result<(), VerifyError> {
        verify::verify_consistency(self.old_size, self.new_size, old_root, new_root, &self.path)
    }
}

/// Evidence that a leaf sits in the subtree `[start, end)` with a given subtree hash.
///
/// Defined by the Merkle Tree Certificates draft (draft-ietf-plants-merkle-tree-certs): it is the
/// ordinary inclusion proof of leaf `leaf_index - start` in the tree made of that range alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubtreeInclusionProof {
    /// Position of the leaf in the whole log.
    pub leaf_index: LeafIndex,
    /// First leaf of the subtree.
    pub start: LeafIndex,
    /// One past the last leaf of the subtree.
    pub end: LeafIndex,
    /// Sibling hashes from the leaf up to the subtree's root.
    pub path: Vec<Hash>,
}

impl SubtreeInclusionProof {
    /// Checks the proof against the leaf's hash and the subtree's hash.
    pub fn verify(&self, leaf_hash: &Hash, subtree_hash: &Hash) -> Result<(), VerifyError> {
        verify::verify_subtree_inclusion(
            leaf_hash,
            self.leaf_index,
            self.start,
            self.end,
            &self.path,
            subtree_hash,
        )
    }
}

/// Evidence that the subtree `[start, end)` is part of the tree of `tree_size` leaves.
///
/// Defined by the Merkle Tree Certificates draft; with `start == 0` it is byte for byte the
/// RFC 9162 consistency proof from `end` to `tree_size`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubtreeConsistencyProof {
    /// First leaf of the subtree.
    pub start: LeafIndex,
    /// One past the last leaf of the subtree.
    pub end: LeafIndex,
    /// Size of the tree containing the subtree.
    pub tree_size: TreeSize,
    /// The hashes of `SUBTREE_PROOF(start, end, D[tree_size])`.
    pub path: Vec<Hash>,
}

impl SubtreeConsistencyProof {
    /// Checks the proof against the subtree's hash and the tree's root.
    pub fn verify(&self, subtree_hash: &Hash, root: &Hash) -> Result<(), VerifyError> {
        verify::verify_subtree_consistency(
            self.start,
            self.end,
            self.tree_size,
            subtree_hash,
            root,
            &self.path,
        )
    }
}

/// Fails unless the store holds at least `size` leaves.
fn check_available<S: SubtreeHashes + ?Sized>(store: &S, size: TreeSize) -> Result<(), ProofError> {
    let available = store.tree_size();
    if size > available {
        return Err(ProofError::TreeSizeBeyondLog {
            requested: size,
            available,
        });
    }
    Ok(())
}

/// Hashes each planned range, in order.
fn hash_ranges<S: SubtreeHashes + ?Sized>(
    store: &S,
    ranges: &[(u64, u64)],
) -> Result<Vec<Hash>, ProofError> {
    ranges
        .iter()
        .map(|&(lo, hi)| range_hash(store, lo, hi).map_err(ProofError::from))
        .collect()
}

/// Lists the stored nodes that hashing the planned ranges reads, in reading order.
fn nodes_of(ranges: &[(u64, u64)]) -> Vec<NodeId> {
    let mut nodes = Vec::new();
    for &(lo, hi) in ranges {
        range_nodes(lo, hi, &mut nodes);
    }
    nodes
}

/// Validates an inclusion request and plans its ranges.
fn plan_inclusion(
    leaf_index: LeafIndex,
    tree_size: TreeSize,
) -> Result<Vec<(u64, u64)>, ProofError> {
    if leaf_index >= tree_size {
        return Err(ProofError::LeafIndexBeyondSize {
            index: leaf_index,
            size: tree_size,
        });
    }
    Ok(shape::plan(|v| {
        shape::walk_inclusion(leaf_index, 0, tree_size, v)
    }))
}

/// Validates a consistency request and plans its ranges.
fn plan_consistency(old_size: TreeSize, new_size: TreeSize) -> Result<Vec<(u64, u64)>, ProofError> {
    if old_size > new_size {
        return Err(ProofError::OldSizeExceedsNewSize {
            old: old_size,
            new: new_size,
        });
    }
    if old_size == 0 {
        return Err(ProofError::EmptyOldTree);
    }
    if old_size == new_size {
        // Equal trees need no hashes: the verifier just compares the two roots.
        return Ok(Vec::new());
    }
    Ok(shape::plan(|v| {
        shape::walk_consistency(old_size, new_size, v)
    }))
}

/// Validates a subtree inclusion request and plans its ranges.
fn plan_subtree_inclusion(
    leaf_index: LeafIndex,
    start: LeafIndex,
    end: LeafIndex,
) -> Result<Vec<(u64, u64)>, ProofError> {
    if !is_valid_subtree(start, end) {
        return Err(ProofError::InvalidSubtree { start, end });
    }
    if leaf_index < start || leaf_index >= end {
        return Err(ProofError::LeafOutsideSubtree {
            index: leaf_index,
            start,
            end,
        });
    }
    Ok(shape::plan(|v| {
        shape::walk_inclusion(leaf_index, start, end, v)
    }))
}

/// Validates a subtree consistency request and plans its ranges.
fn plan_subtree_consistency(
    start: LeafIndex,
    end: LeafIndex,
    tree_size: TreeSize,
) -> Result<Vec<(u64, u64)>, ProofError> {
    if !is_valid_subtree(start, end) {
        return Err(ProofError::InvalidSubtree { start, end });
    }
    if end > tree_size {
        return Err(ProofError::SubtreeBeyondTree {
            end,
            size: tree_size,
        });
    }
    Ok(shape::plan(|v| {
        shape::walk_subtree_consistency(start, end, tree_size, v)
    }))
}

/// Root of the tree of the first `tree_size` leaves, for any size the store holds.
pub fn root_at<S: SubtreeHashes + ?Sized>(
    store: &S,
    tree_size: TreeSize,
) -> Result<Hash, ProofError> {
    check_available(store, tree_size)?;
    if tree_size == 0 {
        return Ok(EMPTY_ROOT);
    }
    Ok(range_hash(store, 0, tree_size)?)
}

/// Nodes [`root_at`] reads, so they can be fetched in one query.
pub fn root_nodes(tree_size: TreeSize) -> Vec<NodeId> {
    let mut nodes = Vec::new();
    if tree_size > 0 {
        range_nodes(0, tree_size, &mut nodes);
    }
    nodes
}

/// Inclusion proof of leaf `leaf_index` in the tree of `tree_size` leaves (`PATH`).
pub fn inclusion_proof<S: SubtreeHashes + ?Sized>(
    store: &S,
    leaf_index: LeafIndex,
    tree_size: TreeSize,
) -> Result<InclusionProof, ProofError> {
    let ranges = plan_inclusion(leaf_index, tree_size)?;
    check_available(store, tree_size)?;
    Ok(InclusionProof {
        leaf_index,
        tree_size,
        path: hash_ranges(store, &ranges)?,
    })
}

/// Nodes [`inclusion_proof`] reads, so they can be fetched in one query.
pub fn inclusion_proof_nodes(
    leaf_index: LeafIndex,
    tree_size: TreeSize,
) -> Result<Vec<NodeId>, ProofError> {
    Ok(nodes_of(&plan_inclusion(leaf_index, tree_size)?))
}

/// Consistency proof from the tree of `old_size` leaves to the tree of `new_size` (`PROOF`).
pub fn consistency_proof<S: SubtreeHashes + ?Sized>(
    store: &S,
    old_size: TreeSize,
    new_size: TreeSize,
) -> Result<ConsistencyProof, ProofError> {
    let ranges = plan_consistency(old_size, new_size)?;
    check_available(store, new_size)?;
    Ok(ConsistencyProof {
        old_size,
        new_size,
        path: hash_ranges(store, &ranges)?,
    })
}

/// Nodes [`consistency_proof`] reads, so they can be fetched in one query.
pub fn consistency_proof_nodes(
    old_size: TreeSize,
    new_size: TreeSize,
) -> Result<Vec<NodeId>, ProofError> {
    Ok(nodes_of(&plan_consistency(old_size, new_size)?))
}

/// Hash of the subtree `[start, end)`, which must be a valid subtree of stored leaves.
pub fn subtree_hash<S: SubtreeHashes + ?Sized>(
    store: &S,
    start: LeafIndex,
    end: LeafIndex,
) -> Result<Hash, ProofError> {
    if !is_valid_subtree(start, end) {
        return Err(ProofError::InvalidSubtree { start, end });
    }
    check_available(store, end)?;
    Ok(range_hash(store, start, end)?)
}

/// Inclusion proof of a leaf in the subtree `[start, end)`.
pub fn subtree_inclusion_proof<S: SubtreeHashes + ?Sized>(
    store: &S,
    leaf_index: LeafIndex,
    start: LeafIndex,
    end: LeafIndex,
) -> Result<SubtreeInclusionProof, ProofError> {
    let ranges = plan_subtree_inclusion(leaf_index, start, end)?;
    check_available(store, end)?;
    Ok(SubtreeInclusionProof {
        leaf_index,
        start,
        end,
        path: hash_ranges(store, &ranges)?,
    })
}

/// Nodes [`subtree_inclusion_proof`] reads, so they can be fetched in one query.
pub fn subtree_inclusion_proof_nodes(
    leaf_index: LeafIndex,
    start: LeafIndex,
    end: LeafIndex,
) -> Result<Vec<NodeId>, ProofError> {
    Ok(nodes_of(&plan_subtree_inclusion(leaf_index, start, end)?))
}

/// Proof that the subtree `[start, end)` belongs to the tree of `tree_size` leaves.
pub fn subtree_consistency_proof<S: SubtreeHashes + ?Sized>(
    store: &S,
    start: LeafIndex,
    end: LeafIndex,
    tree_size: TreeSize,
) -> Result<SubtreeConsistencyProof, ProofError> {
    let ranges = plan_subtree_consistency(start, end, tree_size)?;
    check_available(store, tree_size)?;
    Ok(SubtreeConsistencyProof {
        start,
        end,
        tree_size,
        path: hash_ranges(store, &ranges)?,
    })
}

/// Nodes [`subtree_consistency_proof`] reads, so they can be fetched in one query.
pub fn subtree_consistency_proof_nodes(
    start: LeafIndex,
    end: LeafIndex,
    tree_size: TreeSize,
) -> Result<Vec<NodeId>, ProofError> {
    Ok(nodes_of(&plan_subtree_consistency(start, end, tree_size)?))
}
