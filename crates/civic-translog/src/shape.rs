//! Tree shape arithmetic shared by proof generation and verification.
//!
//! Proofs are planned here as lists of leaf ranges `[lo, hi)`, in proof order, before any hash is
//! read. Generation turns each range into `MTH(D[lo:hi])`; verification only needs the count, so
//! both sides derive the expected proof length from one piece of code.

use crate::{LeafIndex, TreeSize};

/// Largest power of two strictly below `n`: the RFC 6962 split point `k`. Needs `n >= 2`.
pub(crate) fn split_point(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1u64 << (63 - (n - 1).leading_zeros())
}

/// Whether `[start, end)` is a subtree in the sense of the Merkle Tree Certificates draft: not
/// empty, and `start` a multiple of the smallest power of two at least `end - start`.
pub(crate) fn is_valid_subtree(start: LeafIndex, end: LeafIndex) -> bool {
    if start >= end {
        return false;
    }
    if start == 0 {
        return true;
    }
    // Comparing trailing zeros avoids computing BIT_CEIL, which overflows for lengths above 2^63.
    let len_minus_one = end - start - 1;
    let ceil_log2 = 64 - len_minus_one.leading_zeros();
    start.trailing_zeros() >= ceil_log2
}

/// Leaf ranges of `PATH(index, D[lo:hi])` (RFC 9162 §2.1.3.1), visited root first.
pub(crate) fn walk_inclusion(
    index: LeafIndex,
    mut lo: LeafIndex,
    mut hi: LeafIndex,
    mut visit: impl FnMut(u64, u64),
) {
    while hi - lo > 1 {
        let k = split_point(hi - lo);
        if index < lo + k {
            visit(lo + k, hi);
            hi = lo + k;
        } else {
            visit(lo, lo + k);
            lo += k;
        }
    }
}

/// Leaf ranges of `PROOF(old, D[new])` (RFC 9162 §2.1.4.1), visited root first. Needs `0 < old <= new`.
pub(crate) fn walk_consistency(old: TreeSize, new: TreeSize, visit: impl FnMut(u64, u64)) {
    walk_subtree_consistency(0, old, new, visit);
}

/// Leaf ranges of `SUBTREE_PROOF(start, end, D[size])` from the Merkle Tree Certificates draft,
/// visited root first. With `start == 0` this is exactly RFC 9162's `PROOF(end, D[size])`.
/// Needs a valid subtree with `end <= size`.
pub(crate) fn walk_subtree_consistency(
    start: LeafIndex,
    end: LeafIndex,
    size: TreeSize,
    mut visit: impl FnMut(u64, u64),
) {
    // Offsets `s` and `e` are relative to the current subtree `[lo, hi)`. `known` says whether the
    // verifier already holds the hash of the subtree being proved (true until we step right past
    // a split that cuts it).
    let (mut lo, mut hi) = (0, size);
    let (mut s, mut e) = (start, end);
    let mut known = true;
    loop {
        let len = hi - lo;
        if s == 0 && e == len {
            if !known {
                visit(lo, hi);
            }
            return;
        }
        if len < 2 || s >= e {
            // Unreachable for valid input; stop rather than loop on a malformed request.
            return;
        }
        let k = split_point(len);
        if e <= k {
            visit(lo + k, hi);
            hi = lo + k;
        } else if k <= s {
            visit(lo, lo + k);
            lo += k;
            s -= k;
            e -= k;
        } else {
            // A valid subtree that straddles the split starts at 0 here; its right part is a
            // fresh prefix whose hash the verifier does not know.
            visit(lo, lo + k);
            lo += k;
            s = 0;
            e -= k;
            known = false;
        }
    }
}

/// Number of hashes a walk visits: the exact proof length a verifier must insist on.
pub(crate) fn count(walk: impl FnOnce(&mut dyn FnMut(u64, u64))) -> usize {
    let mut n = 0usize;
    walk(&mut |_, _| n += 1);
    n
}

/// Leaf ranges of a walk in proof order (deepest first), ready to be hashed.
pub(crate) fn plan(walk: impl FnOnce(&mut dyn FnMut(u64, u64))) -> Vec<(u64, u64)> {
    let mut ranges = Vec::with_capacity(64);
    walk(&mut |lo, hi| ranges.push((lo, hi)));
    ranges.reverse();
    ranges
}
