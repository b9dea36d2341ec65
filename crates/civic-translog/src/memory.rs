//! A log held wholly in memory, keeping every complete subtree hash.

use crate::frontier::{Frontier, LogFull};
use crate::hash::{Hash, leaf_hash};
use crate::proof::{self, ConsistencyProof, InclusionProof, ProofError};
use crate::proof::{SubtreeConsistencyProof, SubtreeInclusionProof};
use crate::store::{NodeId, NodeReadError, SubtreeHashes};
use crate::{LeafIndex, TreeHead, TreeSize};

/// An append-only Merkle log in memory: the frontier for appends, one vector per tree level for
/// proofs.
///
/// Level `L` holds the `floor(n / 2^L)` complete subtrees of `2^L` leaves, so the whole log is
/// about `2n` hashes (64 bytes per leaf; 10 million leaves take about 640 MB). Every root and
/// proof for any earlier size is answered from these in O(log n) reads.
#[derive(Debug, Clone, Default)]
pub struct MemoryLog {
    frontier: Frontier,
    levels: Vec<Vec<Hash>>,
}

impl MemoryLog {
    /// An empty log.
    pub fn new() -> Self {
        MemoryLog::default()
    }

    /// An empty log with room reserved for `leaves` leaves, so large logs never reallocate.
    pub fn with_capacity(leaves: usize) -> Self {
        let mut levels = Vec::new();
        let mut width = leaves;
        while width > 0 {
            levels.push(Vec::with_capacity(width));
            width /= 2;
        }
        MemoryLog {
            frontier: Frontier::new(),
            levels,
        }
    }

    /// Number of leaves in the log.
    pub fn size(&self) -> TreeSize {
        self.frontier.size()
    }

    /// Whether no leaf has been appended yet.
    pub fn is_empty(&self) -> bool {
        self.size() == 0
    }

    /// Appends an entry's bytes as a new leaf and returns its index.
    pub fn append(&mut self, entry: &[u8]) -> Result<LeafIndex, LogFull> {
        self.append_leaf_hash(leaf_hash(entry))
    }

    /// Appends an already computed leaf hash and returns its index.
    pub fn append_leaf_hash(&mut self, leaf: Hash) -> Result<LeafIndex, LogFull> {
        let levels = &mut self.levels;
        self.frontier.append_with(leaf, |node, hash| {
            // Nodes complete left to right, so each lands at the end of its level.
            let level = node.level as usize;
            if levels.len() <= level {
                levels.resize_with(level + 1, Vec::new);
            }
            if let Some(nodes) = levels.get_mut(level) {
                nodes.push(*hash);
            }
        })
    }

    /// Current root, from the frontier in O(log n) hashes.
    pub fn root(&self) -> Hash {
        self.frontier.root()
    }

    /// Current size and root.
    pub fn tree_head(&self) -> TreeHead {
        self.frontier.tree_head()
    }

    /// The right edge of the tree, for handing over to another store.
    pub fn frontier(&self) -> &Frontier {
        &self.frontier
    }

    /// Hash of leaf `index`, if the log has it.
    pub fn leaf_hash(&self, index: LeafIndex) -> Option<Hash> {
        self.subtree_hash(NodeId::leaf(index)).ok()
    }

    /// Root of the log as it was at `tree_size` leaves.
    pub fn root_at(&self, tree_size: TreeSize) -> Result<Hash, ProofError> {
        proof::root_at(self, tree_size)
    }

    /// Size and root of the log as it was at `tree_size` leaves.
    pub fn tree_head_at(&self, tree_size: TreeSize) -> Result<TreeHead, ProofError> {
        Ok(TreeHead {
            size: tree_size,
            root: self.root_at(tree_size)?,
        })
    }

    /// Inclusion proof of leaf `leaf_index` in the log as it was at `tree_size` leaves.
    pub fn inclusion_proof(
        &self,
        leaf_index: LeafIndex,
        tree_size: TreeSize,
    ) -> Result<InclusionProof, ProofError> {
        proof::inclusion_proof(self, leaf_index, tree_size)
    }

    /// Consistency proof between two sizes the log has had.
    pub fn consistency_proof(
        &self,
        old_size: TreeSize,
        new_size: TreeSize,
    ) -> Result<ConsistencyProof, ProofError> {
        proof::consistency_proof(self, old_size, new_size)
    }

    /// Hash of the subtree `[start, end)`.
    pub fn subtree_root(&self, start: LeafIndex, end: LeafIndex) -> Result<Hash, ProofError> {
        proof::subtree_hash(self, start, end)
    }

    /// Inclusion proof of a leaf in the subtree `[start, end)`.
    pub fn subtree_inclusion_proof(
        &self,
        leaf_index: LeafIndex,
        start: LeafIndex,
        end: LeafIndex,
    ) -> Result<SubtreeInclusionProof, ProofError> {
        proof::subtree_inclusion_proof(self, leaf_index, start, end)
    }

    /// Proof that the subtree `[start, end)` is part of the log as it was at `tree_size` leaves.
    pub fn subtree_consistency_proof(
        &self,
        start: LeafIndex,
        end: LeafIndex,
        tree_size: TreeSize,
    ) -> Result<SubtreeConsistencyProof, ProofError> {
        proof::subtree_consistency_proof(self, start, end, tree_size)
    }
}

impl SubtreeHashes for MemoryLog {
    fn tree_size(&self) -> TreeSize {
        self.size()
    }

    fn subtree_hash(&self, node: NodeId) -> Result<Hash, NodeReadError> {
        let level = usize::try_from(node.level).ok();
        let index = usize::try_from(node.index).ok();
        level
            .zip(index)
            .and_then(|(level, index)| self.levels.get(level)?.get(index))
            .copied()
            .ok_or(NodeReadError::Missing(node))
    }
}
