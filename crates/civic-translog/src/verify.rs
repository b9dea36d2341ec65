//! Pure proof verification: no storage, no panics, a reason for every rejection.
//!
//! The inclusion and consistency loops are RFC 9162 §2.1.3.2 and §2.1.4.2 step by step. On top of
//! the RFC, and like transparency-dev's verifier, proofs must have exactly the expected length
//! (checked before any hashing, so a huge proof costs nothing) and a consistency proof from the
//! empty tree is refused.

use crate::hash::{EMPTY_ROOT, Hash, node_hash};
use crate::shape::{self, is_valid_subtree};
use crate::{LeafIndex, TreeSize};

/// Why a proof was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// The leaf index is not below the tree size, so the leaf cannot be in the tree.
    #[error("leaf index {index} is not below tree size {size}")]
    LeafIndexBeyondSize {
        /// Claimed leaf index.
        index: LeafIndex,
        /// Claimed tree size.
        size: TreeSize,
    },
    /// The proof has more or fewer hashes than the sizes call for.
    #[error("proof has {got} hashes, the sizes call for {want}")]
    WrongProofLength {
        /// Hashes supplied.
        got: usize,
        /// Hashes required.
        want: usize,
    },
    /// The proof is empty although the sizes call for hashes.
    #[error("proof is empty")]
    EmptyProof,
    /// The trees are the same size, so the proof must be empty, but it is not.
    #[error("equal tree sizes need an empty proof, got {len} hashes")]
    UnexpectedProof {
        /// Hashes supplied.
        len: usize,
    },
    /// The older tree is claimed to be larger than the newer one.
    #[error("old tree size {old} exceeds new tree size {new}")]
    OldSizeExceedsNewSize {
        /// Claimed older size.
        old: TreeSize,
        /// Claimed newer size.
        new: TreeSize,
    },
    /// Every tree extends the empty tree, so such a proof would prove nothing.
    #[error("a consistency proof from the empty tree proves nothing")]
    EmptyOldTree,
    /// `[start, end)` is not aligned to its own size, so no node of the tree covers exactly it.
    #[error("[{start}, {end}) is not a valid subtree")]
    InvalidSubtree {
        /// Claimed first leaf.
        start: LeafIndex,
        /// Claimed end (exclusive).
        end: LeafIndex,
    },
    /// The leaf is not in the claimed subtree.
    #[error("leaf index {index} lies outside subtree [{start}, {end})")]
    LeafOutsideSubtree {
        /// Claimed leaf index.
        index: LeafIndex,
        /// Claimed first leaf of the subtree.
        start: LeafIndex,
        /// Claimed end (exclusive) of the subtree.
        end: LeafIndex,
    },
    /// The subtree reaches past the tree it is claimed to belong to.
    #[error("subtree ending at {end} does not fit in a tree of size {size}")]
    SubtreeBeyondTree {
        /// Claimed end (exclusive) of the subtree.
        end: LeafIndex,
        /// Claimed tree size.
        size: TreeSize,
    },
    /// The proof leads to a different root than the one trusted (for equal sizes: the roots differ).
    #[error("root mismatch: expected {expected}, proof gives {computed}")]
    RootMismatch {
        /// Root the caller trusts.
        expected: Hash,
        /// Root the proof leads to.
        computed: Hash,
    },
    /// The consistency proof does not reproduce the older tree's root.
    #[error("old root mismatch: expected {expected}, proof gives {computed}")]
    OldRootMismatch {
        /// Older root the caller trusts.
        expected: Hash,
        /// Older root the proof leads to.
        computed: Hash,
    },
    /// The subtree consistency proof does not reproduce the subtree's hash.
    #[error("subtree hash mismatch: expected {expected}, proof gives {computed}")]
    SubtreeHashMismatch {
        /// Subtree hash the caller trusts.
        expected: Hash,
        /// Subtree hash the proof leads to.
        computed: Hash,
    },
}

/// Fails unless `got` hashes is what the sizes call for.
fn check_length(got: usize, want: usize) -> Result<(), VerifyError> {
    match (got, want) {
        _ if got == want => Ok(()),
        (0, _) => Err(VerifyError::EmptyProof),
        (len, 0) => Err(VerifyError::UnexpectedProof { len }),
        _ => Err(VerifyError::WrongProofLength { got, want }),
    }
}

/// Verifies that `leaf_hash` is leaf `leaf_index` of the tree of `tree_size` leaves with `root`.
pub fn verify_inclusion(
    leaf_hash: &Hash,
    leaf_index: LeafIndex,
    tree_size: TreeSize,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), VerifyError> {
    let computed = root_from_inclusion_proof(leaf_hash, leaf_index, tree_size, proof)?;
    if computed != *root {
        return Err(VerifyError::RootMismatch {
            expected: *root,
            computed,
        });
    }
    Ok(())
}

/// The root an inclusion proof leads to (RFC 9162 §2.1.3.2 without the final comparison).
pub fn root_from_inclusion_proof(
    leaf_hash: &Hash,
    leaf_index: LeafIndex,
    tree_size: TreeSize,
    proof: &[Hash],
) -> Result<Hash, VerifyError> {
    // Step 1.
    if leaf_index >= tree_size {
        return Err(VerifyError::LeafIndexBeyondSize {
            index: leaf_index,
            size: tree_size,
        });
    }
    let want = shape::count(|v| shape::walk_inclusion(leaf_index, 0, tree_size, v));
    let wrong_length = VerifyError::WrongProofLength {
        got: proof.len(),
        want,
    };
    // An empty path is legitimate for a one-leaf tree, so only the length is judged here.
    if proof.len() != want {
        return Err(wrong_length);
    }

    // Step 2.
    let mut f_n = leaf_index;
    let mut s_n = tree_size - 1;
    let mut r = *leaf_hash;
    // Step 3.
    for p in proof {
        if s_n == 0 {
            return Err(wrong_length);
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 4 (the root comparison is the caller's).
    if s_n != 0 {
        return Err(wrong_length);
    }
    Ok(r)
}

/// Verifies that the tree of `new_size` leaves with `new_root` extends the tree of `old_size`
/// leaves with `old_root` (RFC 9162 §2.1.4.2).
pub fn verify_consistency(
    old_size: TreeSize,
    new_size: TreeSize,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), VerifyError> {
    if old_size > new_size {
        return Err(VerifyError::OldSizeExceedsNewSize {
            old: old_size,
            new: new_size,
        });
    }
    if old_size == 0 {
        return Err(VerifyError::EmptyOldTree);
    }
    if old_size == new_size {
        // Nothing was appended: the proof is empty and the roots must be identical.
        if !proof.is_empty() {
            return Err(VerifyError::UnexpectedProof { len: proof.len() });
        }
        if old_root != new_root {
            return Err(VerifyError::RootMismatch {
                expected: *new_root,
                computed: *old_root,
            });
        }
        return Ok(());
    }
    // Step 1, then the exact length.
    let want = shape::count(|v| shape::walk_consistency(old_size, new_size, v));
    check_length(proof.len(), want)?;
    let wrong_length = VerifyError::WrongProofLength {
        got: proof.len(),
        want,
    };

    // Step 2: a power-of-two old tree is a node of the new one, so its root seeds the path.
    let seed = old_size.is_power_of_two().then_some(old_root);
    let mut path = seed.into_iter().chain(proof);
    // Step 3.
    let mut f_n = old_size - 1;
    let mut s_n = new_size - 1;
    // Step 4.
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 5.
    let Some(first) = path.next() else {
        return Err(VerifyError::EmptyProof);
    };
    let mut f_r = *first;
    let mut s_r = *first;
    // Step 6.
    for c in path {
        if s_n == 0 {
            return Err(wrong_length);
        }
        if f_n & 1 == 1 || f_n == s_n {
            f_r = node_hash(c, &f_r);
            s_r = node_hash(c, &s_r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            s_r = node_hash(&s_r, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 7.
    if s_n != 0 {
        return Err(wrong_length);
    }
    if f_r != *old_root {
        return Err(VerifyError::OldRootMismatch {
            expected: *old_root,
            computed: f_r,
        });
    }
    if s_r != *new_root {
        return Err(VerifyError::RootMismatch {
            expected: *new_root,
            computed: s_r,
        });
    }
    Ok(())
}

/// Verifies that `leaf_hash` is leaf `leaf_index` of the subtree `[start, end)` with `subtree_hash`
/// (Merkle Tree Certificates draft, "Verifying a Subtree Inclusion Proof").
pub fn verify_subtree_inclusion(
    leaf_hash: &Hash,
    leaf_index: LeafIndex,
    start: LeafIndex,
    end: LeafIndex,
    proof: &[Hash],
    subtree_hash: &Hash,
) -> Result<(), VerifyError> {
    if !is_valid_subtree(start, end) {
        return Err(VerifyError::InvalidSubtree { start, end });
    }
    if leaf_index < start || leaf_index >= end {
        return Err(VerifyError::LeafOutsideSubtree {
            index: leaf_index,
            start,
            end,
        });
    }
    // The subtree is a Merkle tree in its own right over its own leaves.
    verify_inclusion(
        leaf_hash,
        leaf_index - start,
        end - start,
        proof,
        subtree_hash,
    )
}

/// Verifies that the subtree `[start, end)` with `subtree_hash` is part of the tree of
/// `tree_size` leaves with `root` (Merkle Tree Certificates draft, "Verifying a Subtree
/// Consistency Proof").
///
/// As in transparency-dev's verifier, an empty range `[s, s)` with `s <= tree_size` is accepted
/// with an empty proof when `subtree_hash` is the empty-tree hash: it is trivially contained.
pub fn verify_subtree_consistency(
    start: LeafIndex,
    end: LeafIndex,
    tree_size: TreeSize,
    subtree_hash: &Hash,
    root: &Hash,
    proof: &[Hash],
) -> Result<(), VerifyError> {
    if start == end {
        if end > tree_size {
            return Err(VerifyError::SubtreeBeyondTree {
                end,
                size: tree_size,
            });
        }
        check_length(proof.len(), 0)?;
        if *subtree_hash != EMPTY_ROOT {
            return Err(VerifyError::SubtreeHashMismatch {
                expected: *subtree_hash,
                computed: EMPTY_ROOT,
            });
        }
        return Ok(());
    }
    if !is_valid_subtree(start, end) {
        return Err(VerifyError::InvalidSubtree { start, end });
    }
    if end > tree_size {
        return Err(VerifyError::SubtreeBeyondTree {
            end,
            size: tree_size,
        });
    }
    let want = shape::count(|v| shape::walk_subtree_consistency(start, end, tree_size, v));
    check_length(proof.len(), want)?;
    let wrong_length = VerifyError::WrongProofLength {
        got: proof.len(),
        want,
    };

    // f_n and s_n are the subtree's first and last leaf, t_n the tree's last leaf; shifting them
    // right climbs one level.
    let mut f_n = start;
    let mut s_n = end - 1;
    let mut t_n = tree_size - 1;
    if s_n == t_n {
        // The subtree ends where the tree ends: climb to the subtree's own root.
        while f_n != s_n {
            f_n >>= 1;
            s_n >>= 1;
            t_n >>= 1;
        }
    } else {
        // Climb while the subtree's right edge is a right child.
        while f_n != s_n && s_n & 1 == 1 {
            f_n >>= 1;
            s_n >>= 1;
            t_n >>= 1;
        }
    }
    let (mut f_r, mut s_r, rest) = if f_n == s_n {
        // The subtree is a single node of the tree: its hash seeds both computations.
        (*subtree_hash, *subtree_hash, proof)
    } else {
        let Some((first, rest)) = proof.split_first() else {
            return Err(VerifyError::EmptyProof);
        };
        (*first, *first, rest)
    };
    for c in rest {
        if t_n == 0 {
            return Err(wrong_length);
        }
        if s_n & 1 == 1 || s_n == t_n {
            if f_n < s_n {
                f_r = node_hash(c, &f_r);
            }
            s_r = node_hash(c, &s_r);
            while s_n & 1 == 0 && s_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
                t_n >>= 1;
            }
        } else {
            s_r = node_hash(&s_r, c);
        }
        f_n >>= 1;
        s_n >>= 1;
        t_n >>= 1;
    }
    if t_n != 0 {
        return Err(wrong_length);
    }
    if f_r != *subtree_hash {
        return Err(VerifyError::SubtreeHashMismatch {
            expected: *subtree_hash,
            computed: f_r,
        });
    }
    if s_r != *root {
        return Err(VerifyError::RootMismatch {
            expected: *root,
            computed: s_r,
        });
    }
    Ok(())
}
