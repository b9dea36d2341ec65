//! Where complete-subtree hashes come from: the storage seam between the tree and a database.

use std::collections::HashMap;
use std::fmt;

use crate::hash::{EMPTY_ROOT, Hash, node_hash};
use crate::{LeafIndex, TreeSize};

/// Address of a complete (perfect, aligned) subtree: `2^level` leaves starting at `index << level`.
///
/// Such subtrees never change once their last leaf is appended, which is why they are the unit
/// of storage: every root and proof for any earlier tree size is built from them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct NodeId {
    /// Height above the leaves; 0 is a leaf.
    pub level: u32,
    /// Position among the subtrees of this level, counted from the left.
    pub index: u64,
}

impl NodeId {
    /// A leaf's own node.
    pub const fn leaf(index: LeafIndex) -> Self {
        NodeId { level: 0, index }
    }

    /// Leaves covered, as `[first, end)`, or `None` if the address lies beyond `u64` leaves.
    pub fn leaf_range(&self) -> Option<(LeafIndex, LeafIndex)> {
        let width = 1u64.checked_shl(self.level)?;
        let first = self.index.checked_mul(width)?;
        let end = first.checked_add(width)?;
        Some((first, end))
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "node (level {}, index {})", self.level, self.index)
    }
}

/// Why a stored subtree hash could not be read.
#[derive(Debug, thiserror::Error)]
pub enum NodeReadError {
    /// The store holds no hash for this node, e.g. it lies beyond the stored tree.
    #[error("no stored hash for {0}")]
    Missing(NodeId),
    /// The storage backend failed.
    #[error("storage failed while reading {node}: {source}")]
    Backend {
        /// The node being read.
        node: NodeId,
        /// The backend's own error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// Read access to the hashes of complete subtrees, the only storage proofs need.
///
/// A database implements this with one table keyed by `(level, index)`; callers that can only
/// fetch asynchronously ask `*_nodes` functions for the exact node list first, fetch it in one
/// query and answer from a [`PrefetchedHashes`].
pub trait SubtreeHashes {
    /// Number of leaves whose complete subtrees can be read; proofs may use any size up to it.
    fn tree_size(&self) -> TreeSize;

    /// Hash of the complete subtree `node`, which lies wholly inside the first `tree_size()` leaves.
    fn subtree_hash(&self, node: NodeId) -> Result<Hash, NodeReadError>;
}

impl<S: SubtreeHashes + ?Sized> SubtreeHashes for &S {
    fn tree_size(&self) -> TreeSize {
        (**self).tree_size()
    }

    fn subtree_hash(&self, node: NodeId) -> Result<Hash, NodeReadError> {
        (**self).subtree_hash(node)
    }
}

/// Whether `[lo, hi)` is itself a complete subtree, and if so which.
fn complete_subtree(lo: LeafIndex, hi: LeafIndex) -> Option<NodeId> {
    let len = hi.checked_sub(lo)?;
    if len.is_power_of_two() && lo & (len - 1) == 0 {
        let level = len.trailing_zeros();
        Some(NodeId {
            level,
            index: lo >> level,
        })
    } else {
        None
    }
}

/// `MTH(D[lo:hi])` assembled from stored complete subtrees.
///
/// Ranges that proofs ask for are aligned, so this reads at most one node per set bit of
/// `hi - lo`; unaligned ranges still hash correctly, only more slowly.
pub(crate) fn range_hash<S: SubtreeHashes + ?Sized>(
    store: &S,
    lo: LeafIndex,
    hi: LeafIndex,
) -> Result<Hash, NodeReadError> {
    if hi <= lo {
        return Ok(EMPTY_ROOT);
    }
    if let Some(node) = complete_subtree(lo, hi) {
        return store.subtree_hash(node);
    }
    let k = crate::shape::split_point(hi - lo);
    let left = range_hash(store, lo, lo + k)?;
    let right = range_hash(store, lo + k, hi)?;
    Ok(node_hash(&left, &right))
}

/// The complete subtrees [`range_hash`] reads for `[lo, hi)`, left to right.
pub(crate) fn range_nodes(lo: LeafIndex, hi: LeafIndex, out: &mut Vec<NodeId>) {
    if hi <= lo {
        return;
    }
    if let Some(node) = complete_subtree(lo, hi) {
        out.push(node);
        return;
    }
    let k = crate::shape::split_point(hi - lo);
    range_nodes(lo, lo + k, out);
    range_nodes(lo + k, hi, out);
}

/// Subtree hashes fetched ahead of time, for backends that cannot be read synchronously.
#[derive(Debug, Clone, Default)]
pub struct PrefetchedHashes {
    tree_size: TreeSize,
    hashes: HashMap<NodeId, Hash>,
}

impl PrefetchedHashes {
    /// An empty set of hashes standing for a tree of `tree_size` leaves.
    pub fn new(tree_size: TreeSize) -> Self {
        PrefetchedHashes {
            tree_size,
            hashes: HashMap::new(),
        }
    }

    /// Records the hash of one complete subtree.
    pub fn insert(&mut self, node: NodeId, hash: Hash) {
        self.hashes.insert(node, hash);
    }
}

impl SubtreeHashes for PrefetchedHashes {
    fn tree_size(&self) -> TreeSize {
        self.tree_size
    }

    fn subtree_hash(&self, node: NodeId) -> Result<Hash, NodeReadError> {
        self.hashes
            .get(&node)
            .copied()
            .ok_or(NodeReadError::Missing(node))
    }
}
