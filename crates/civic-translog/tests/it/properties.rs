//! Property tests against ct-merkle (an independent crate) and the naive RFC recursions.
//!
//! ct-merkle builds proofs only for its current tree, so its tree is built to the size under test
//! while ours holds more leaves and answers for the earlier size. Its proofs are flat byte strings
//! of concatenated SHA-256 digests, the same RFC 6962 hashes in the same order as ours, so proofs
//! are compared byte for byte and each side's proofs are also verified by the other side.

use civic_translog::{
    Hash, MemoryLog, verify_consistency, verify_inclusion, verify_subtree_consistency,
    verify_subtree_inclusion,
};
use ct_merkle::mem_backed_tree::MemoryBackedTree;
use ct_merkle::{ConsistencyProof as CtConsistency, InclusionProof as CtInclusion, RootHash};
use proptest::prelude::*;
use sha2_digest011::Sha256 as CtSha256;

use crate::common::distinct_entries;
use crate::reference;

type CtTree = MemoryBackedTree<CtSha256, Vec<u8>>;

fn ct_tree(entries: &[Vec<u8>]) -> CtTree {
    let mut tree = CtTree::new();
    for entry in entries {
        tree.push(entry.clone());
    }
    tree
}

fn ct_root(hash: &Hash, size: u64) -> RootHash<CtSha256> {
    RootHash::new((*hash.as_bytes()).into(), size)
}

fn concat(path: &[Hash]) -> Vec<u8> {
    path.iter().flat_map(|h| *h.as_bytes()).collect()
}

fn our_log(entries: &[Vec<u8>]) -> MemoryLog {
    let mut log = MemoryLog::new();
    for entry in entries {
        log.append(entry).expect("append");
    }
    log
}

fn split(bytes: &[u8]) -> Vec<Hash> {
    bytes
        .chunks(32)
        .map(|c| Hash::from_slice(c).expect("32-byte chunk"))
        .collect()
}

/// A tree size `n` in `1..=max` and a larger log size `n + extra`.
fn sizes(max: u64) -> impl Strategy<Value = (u64, u64)> {
    (1..=max, 0..40u64).prop_map(|(n, extra)| (n, n + extra))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn roots_agree_with_ct_merkle_and_the_rfc(seed: u64, (n, total) in sizes(400)) {
        let entries = distinct_entries(seed, total as usize);
        let log = our_log(&entries);
        let ct = ct_tree(&entries[..n as usize]);
        let leaves: Vec<_> = entries.iter().map(|e| reference::leaf(e)).collect();

        let ours = log.root_at(n).expect("root_at");
        let theirs = ct.root();
        prop_assert_eq!(ours.as_bytes().as_slice(), theirs.as_bytes().as_slice());
        prop_assert_eq!(*ours.as_bytes(), reference::mth(&leaves[..n as usize]));
        prop_assert_eq!(*log.root().as_bytes(), reference::mth(&leaves));
    }

    #[test]
    fn inclusion_proofs_agree_with_ct_merkle_and_the_rfc(
        seed: u64,
        (n, total) in sizes(400),
        pick: u64,
        bit in 0usize..256,
    ) {
        let entries = distinct_entries(seed, total as usize);
        let log = our_log(&entries);
        let ct = ct_tree(&entries[..n as usize]);
        let index = pick % n;
        let root = log.root_at(n).expect("root");
        let leaf = log.leaf_hash(index).expect("leaf");

        let ours = log.inclusion_proof(index, n).expect("ours");
        let theirs = ct.prove_inclusion(index as usize);
        prop_assert_eq!(concat(&ours.path), theirs.as_bytes().to_vec());
        let leaves: Vec<_> = entries[..n as usize].iter().map(|e| reference::leaf(e)).collect();
        let naive: Vec<Hash> = reference::path(index as usize, &leaves).into_iter().map(Hash::from_bytes).collect();
        prop_assert_eq!(&ours.path, &naive);

        // Cross-verification both ways.
        prop_assert_eq!(verify_inclusion(&leaf, index, n, &split(theirs.as_bytes()), &root), Ok(()));
        let ours_for_ct = CtInclusion::<CtSha256>::from_bytes(concat(&ours.path));
        prop_assert!(ct_root(&root, n).verify_inclusion(&entries[index as usize], index, &ours_for_ct).is_ok());

        // A flipped bit anywhere in a non-empty proof must be caught by both verifiers.
        if !ours.path.is_empty() {
            let mut bytes = concat(&ours.path);
            let at = bit % (bytes.len() * 8);
            bytes[at / 8] ^= 1 << (at % 8);
            prop_assert!(verify_inclusion(&leaf, index, n, &split(&bytes), &root).is_err());
            let bad_for_ct = CtInclusion::<CtSha256>::from_bytes(bytes);
            prop_assert!(ct_root(&root, n).verify_inclusion(&entries[index as usize], index, &bad_for_ct).is_err());
        }
    }

    #[test]
    fn consistency_proofs_agree_with_ct_merkle_and_the_rfc(
        seed: u64,
        (n, total) in sizes(400),
        pick: u64,
        bit in 0usize..256,
    ) {
        let entries = distinct_entries(seed, total as usize);
        let log = our_log(&entries);
        let ct = ct_tree(&entries[..n as usize]);
        let old = 1 + pick % n;
        let (old_root, new_root) = (log.root_at(old).expect("old"), log.root_at(n).expect("new"));

        let ours = log.consistency_proof(old, n).expect("ours");
        let leaves: Vec<_> = entries[..n as usize].iter().map(|e| reference::leaf(e)).collect();
        let naive: Vec<Hash> = reference::proof(old as usize, &leaves).into_iter().map(Hash::from_bytes).collect();
        prop_assert_eq!(&ours.path, &naive);
        prop_assert_eq!(ours.verify(&old_root, &new_root), Ok(()));

        if old < n {
            let theirs = ct.prove_consistency((n - old) as usize);
            prop_assert_eq!(concat(&ours.path), theirs.as_bytes().to_vec());
            prop_assert_eq!(verify_consistency(old, n, &old_root, &new_root, &split(theirs.as_bytes())), Ok(()));
            let ours_for_ct = CtConsistency::<CtSha256>::try_from_bytes(concat(&ours.path)).expect("whole digests");
            prop_assert!(ct_root(&new_root, n).verify_consistency(&ct_root(&old_root, old), &ours_for_ct).is_ok());

            let mut bytes = concat(&ours.path);
            let at = bit % (bytes.len() * 8);
            bytes[at / 8] ^= 1 << (at % 8);
            prop_assert!(verify_consistency(old, n, &old_root, &new_root, &split(&bytes)).is_err());
        }
    }

    #[test]
    fn subtree_proofs_agree_with_the_draft_recursion(
        seed: u64,
        (n, total) in sizes(300),
        level in 0u32..9,
        pick: u64,
    ) {
        let entries = distinct_entries(seed, total as usize);
        let log = our_log(&entries);
        // A random valid subtree of the first n leaves: aligned to 2^level, any non-empty length
        // up to 2^level (so BIT_CEIL(len) divides the start).
        let width = 1u64 << level;
        let blocks = n.div_ceil(width);
        let start = (pick % blocks) * width;
        let max_len = width.min(n - start);
        let len = 1 + (pick / blocks) % max_len;
        let end = start + len;
        prop_assume!(reference::is_subtree(start as usize, end as usize));

        let leaves: Vec<_> = entries[..n as usize].iter().map(|e| reference::leaf(e)).collect();
        let subtree = log.subtree_root(start, end).expect("subtree");
        prop_assert_eq!(*subtree.as_bytes(), reference::mth(&leaves[start as usize..end as usize]));
        let root = log.root_at(n).expect("root");

        let proof = log.subtree_consistency_proof(start, end, n).expect("consistency");
        let naive: Vec<Hash> = reference::subtree_proof(start as usize, end as usize, &leaves)
            .into_iter().map(Hash::from_bytes).collect();
        prop_assert_eq!(&proof.path, &naive);
        prop_assert_eq!(verify_subtree_consistency(start, end, n, &subtree, &root, &proof.path), Ok(()));
        if start == 0 {
            // With start 0 it is the RFC consistency proof.
            prop_assert_eq!(&proof.path, &log.consistency_proof(end, n).expect("rfc").path);
        }

        let index = start + pick % len;
        let inclusion = log.subtree_inclusion_proof(index, start, end).expect("inclusion");
        let leaf = log.leaf_hash(index).expect("leaf");
        prop_assert_eq!(verify_subtree_inclusion(&leaf, index, start, end, &inclusion.path, &subtree), Ok(()));
    }

    #[test]
    fn verifiers_never_panic(
        index: u64,
        size: u64,
        other: u64,
        path in proptest::collection::vec(any::<[u8; 32]>(), 0..70),
        root: [u8; 32],
        leaf: [u8; 32],
        small in 0u64..70,
    ) {
        let path: Vec<Hash> = path.into_iter().map(Hash::from_bytes).collect();
        let (root, leaf) = (Hash::from_bytes(root), Hash::from_bytes(leaf));
        // Arbitrary values, values near the top of u64 and small ones, in every role.
        for (a, b, c) in [
            (index, size, other),
            (u64::MAX - small, u64::MAX, u64::MAX - 1),
            (small, small / 2 + 1, small.saturating_mul(3)),
            (size, index, other),
        ] {
            let _ = verify_inclusion(&leaf, a, b, &path, &root);
            let _ = verify_consistency(a, b, &leaf, &root, &path);
            let _ = verify_subtree_inclusion(&leaf, a, b, c, &path, &root);
            let _ = verify_subtree_consistency(a, b, c, &leaf, &root, &path);
            let _ = civic_translog::inclusion_proof_nodes(a, b);
            let _ = civic_translog::consistency_proof_nodes(a, b);
            let _ = civic_translog::subtree_consistency_proof_nodes(a, b, c);
        }
    }
}
