//! A naive transcription of the RFC 6962 / RFC 9162 recursions (and the Merkle Tree Certificates
//! draft's SUBTREE_PROOF), hashing with sha2 directly so it shares no code with the crate.

use sha2::{Digest, Sha256};

/// A raw digest, kept apart from the crate's `Hash` type on purpose.
pub type Digest32 = [u8; 32];

/// `SHA-256(0x00 || data)`.
pub fn leaf(data: &[u8]) -> Digest32 {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// `SHA-256(0x01 || left || right)`.
pub fn node(left: &Digest32, right: &Digest32) -> Digest32 {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// Largest power of two strictly below `n` (n >= 2), found by counting up as the RFC words it.
fn k_for(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// `MTH(D[n])` over already hashed leaves.
pub fn mth(leaves: &[Digest32]) -> Digest32 {
    match leaves.len() {
        0 => Sha256::digest(b"").into(),
        1 => leaves[0],
        n => {
            let k = k_for(n);
            node(&mth(&leaves[..k]), &mth(&leaves[k..]))
        }
    }
}

/// `PATH(m, D[n])`.
pub fn path(m: usize, leaves: &[Digest32]) -> Vec<Digest32> {
    let n = leaves.len();
    if n <= 1 {
        return Vec::new();
    }
    let k = k_for(n);
    if m < k {
        let mut p = path(m, &leaves[..k]);
        p.push(mth(&leaves[k..]));
        p
    } else {
        let mut p = path(m - k, &leaves[k..]);
        p.push(mth(&leaves[..k]));
        p
    }
}

/// `PROOF(m, D[n])` for `0 < m <= n`.
pub fn proof(m: usize, leaves: &[Digest32]) -> Vec<Digest32> {
    subproof(m, leaves, true)
}

/// `SUBPROOF(m, D[n], b)`.
fn subproof(m: usize, leaves: &[Digest32], b: bool) -> Vec<Digest32> {
    let n = leaves.len();
    if m == n {
        return if b { Vec::new() } else { vec![mth(leaves)] };
    }
    let k = k_for(n);
    if m <= k {
        let mut p = subproof(m, &leaves[..k], b);
        p.push(mth(&leaves[k..]));
        p
    } else {
        let mut p = subproof(m - k, &leaves[k..], false);
        p.push(mth(&leaves[..k]));
        p
    }
}

/// `SUBTREE_PROOF(start, end, D[n])` for a valid subtree `[start, end)` with `end <= n`.
pub fn subtree_proof(start: usize, end: usize, leaves: &[Digest32]) -> Vec<Digest32> {
    subtree_subproof(start, end, leaves, true)
}

/// `SUBTREE_SUBPROOF(start, end, D[n], b)`.
fn subtree_subproof(start: usize, end: usize, leaves: &[Digest32], b: bool) -> Vec<Digest32> {
    let n = leaves.len();
    if start == 0 && end == n {
        return if b { Vec::new() } else { vec![mth(leaves)] };
    }
    let k = k_for(n);
    let mut p = if end <= k {
        subtree_subproof(start, end, &leaves[..k], b)
    } else if k <= start {
        subtree_subproof(start - k, end - k, &leaves[k..], b)
    } else {
        subtree_subproof(0, end - k, &leaves[k..], false)
    };
    p.push(if end <= k {
        mth(&leaves[k..])
    } else {
        mth(&leaves[..k])
    });
    p
}

/// Whether `[start, end)` is a subtree per the draft: non-empty and aligned to BIT_CEIL(len).
pub fn is_subtree(start: usize, end: usize) -> bool {
    start < end && start.is_multiple_of((end - start).next_power_of_two())
}
