//! The compact right edge of a growing tree: O(log n) appends and roots without old leaves.

use crate::hash::{EMPTY_ROOT, Hash, node_hash};
use crate::proof::ProofError;
use crate::store::{NodeId, SubtreeHashes};
use crate::{LeafIndex, TreeHead, TreeSize};

/// The log already holds `u64::MAX` leaves and cannot count one more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the log is full: it already holds u64::MAX leaves")]
pub struct LogFull;

/// Hashes of the complete subtrees along the tree's right edge, one per set bit of the size.
///
/// This is all a log needs to append and to compute its current root: a tree of `n` leaves is
/// the complete subtrees of sizes given by the binary digits of `n`, left to right, so holding
/// their roots makes both operations O(log n) and independent of how the leaves are stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: TreeSize,
    /// Largest (leftmost) subtree first.
    nodes: Vec<Hash>,
}

impl Frontier {
    /// The frontier of the empty tree.
    pub fn new() -> Self {
        Frontier::default()
    }

    /// Rebuilds the frontier of the first `size` leaves by reading O(log n) stored subtree hashes.
    pub fn from_store<S: SubtreeHashes + ?Sized>(
        store: &S,
        size: TreeSize,
    ) -> Result<Self, ProofError> {
        let available = store.tree_size();
        if size > available {
            return Err(ProofError::TreeSizeBeyondLog {
                requested: size,
                available,
            });
        }
        let mut nodes = Vec::with_capacity(size.count_ones() as usize);
        let mut offset: u64 = 0;
        for level in (0..u64::BITS).rev() {
            if (size >> level) & 1 == 1 {
                nodes.push(store.subtree_hash(NodeId {
                    level,
                    index: offset >> level,
                })?);
                offset += 1u64 << level;
            }
        }
        Ok(Frontier { size, nodes })
    }

    /// Number of leaves appended so far.
    pub fn size(&self) -> TreeSize {
        self.size
    }

    /// Root hash of the tree so far, `MTH(D[size])`.
    pub fn root(&self) -> Hash {
        // The smallest subtree is the rightmost; each larger one is the left child of the rest.
        self.nodes
            .iter()
            .rev()
            .copied()
            .reduce(|right, left| node_hash(&left, &right))
            .unwrap_or(EMPTY_ROOT)
    }

    /// Size and root together, the statement a log signs.
    pub fn tree_head(&self) -> TreeHead {
        TreeHead {
            size: self.size,
            root: self.root(),
        }
    }

    /// Appends a leaf hash and returns the new leaf's index.
    pub fn append(&mut self, leaf_hash: Hash) -> Result<LeafIndex, LogFull> {
        self.append_with(leaf_hash, |_, _| {})
    }

    /// Appends a leaf hash, reporting every complete subtree it finishes so a store can keep them.
    ///
    /// `on_complete` sees the leaf itself first, then each newly completed ancestor, lowest first;
    /// those are the only hashes that ever need writing, about two per leaf overall.
    pub fn append_with(
        &mut self,
        leaf_hash: Hash,
        mut on_complete: impl FnMut(NodeId, &Hash),
    ) -> Result<LeafIndex, LogFull> {
        let index = self.size;
        let new_size = index.checked_add(1).ok_or(LogFull)?;
        on_complete(NodeId::leaf(index), &leaf_hash);

        // Each trailing one bit of the old size is a same-sized subtree waiting for a right sibling.
        let merges = index.trailing_ones() as usize;
        let keep = self.nodes.len().saturating_sub(merges);
        let mut hash = leaf_hash;
        let mut level = 0u32;
        for left in self.nodes.drain(keep..).rev() {
            hash = node_hash(&left, &hash);
            level += 1;
            on_complete(
                NodeId {
                    level,
                    index: index >> level,
                },
                &hash,
            );
        }
        self.nodes.push(hash);
        self.size = new_size;
        Ok(index)
    }
}
