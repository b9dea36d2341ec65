//! Known answers, worked examples, exhaustive small trees, error reasons and storage behaviour.

use std::cell::Cell;

use civic_translog::{
    EMPTY_ROOT, Frontier, Hash, HashParseError, LogFull, MemoryLog, NodeId, NodeReadError,
    PrefetchedHashes, ProofError, SubtreeHashes, TreeHead, VerifyError, consistency_proof,
    consistency_proof_nodes, inclusion_proof, inclusion_proof_nodes, leaf_hash, node_hash, root_at,
    root_from_inclusion_proof, root_nodes, subtree_consistency_proof_nodes,
    subtree_inclusion_proof_nodes, verify_consistency, verify_inclusion,
    verify_subtree_consistency, verify_subtree_inclusion,
};

use crate::common::{REFERENCE_ROOTS_HEX, distinct_entries, hash_hex, leaf_inputs, log_of};
use crate::reference;

fn h(d: reference::Digest32) -> Hash {
    Hash::from_bytes(d)
}

fn hashes(ds: Vec<reference::Digest32>) -> Vec<Hash> {
    ds.into_iter().map(h).collect()
}

fn flip_bit(hash: &Hash, bit: usize) -> Hash {
    let mut bytes = *hash.as_bytes();
    bytes[bit / 8 % 32] ^= 1 << (bit % 8);
    Hash::from_bytes(bytes)
}

#[test]
fn hashing_known_answers() {
    assert_eq!(
        EMPTY_ROOT,
        hash_hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
    assert_eq!(MemoryLog::new().root(), EMPTY_ROOT);
    // transparency-dev rfc6962_test.go.
    assert_eq!(
        leaf_hash(b""),
        hash_hex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    );
    assert_eq!(
        leaf_hash(b"L123456"),
        hash_hex("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56")
    );
    let (a, b) = (leaf_hash(b"x"), leaf_hash(b"y"));
    assert_eq!(
        node_hash(&a, &b),
        h(reference::node(a.as_bytes(), b.as_bytes()))
    );
    assert_ne!(node_hash(&a, &b), node_hash(&b, &a));
}

#[test]
fn roots_of_the_reference_leaves_at_every_size() {
    let inputs = leaf_inputs();
    let mut growing = MemoryLog::new();
    let full = log_of(&inputs);
    assert_eq!(full.root_at(0).expect("size 0"), EMPTY_ROOT);
    for (i, input) in inputs.iter().enumerate() {
        assert_eq!(growing.append(input).expect("append"), i as u64);
        let want = hash_hex(REFERENCE_ROOTS_HEX[i]);
        assert_eq!(growing.root(), want, "root after {} leaves", i + 1);
        assert_eq!(full.root_at(i as u64 + 1).expect("root_at"), want);
    }
    assert_eq!(
        full.tree_head(),
        TreeHead {
            size: 8,
            root: hash_hex(REFERENCE_ROOTS_HEX[7])
        }
    );
    assert_eq!(
        full.tree_head_at(3).expect("head").root,
        hash_hex(REFERENCE_ROOTS_HEX[2])
    );
}

#[test]
fn rfc6962_seven_leaf_worked_example() {
    let data: Vec<Vec<u8>> = (0..7u8).map(|i| vec![b'd', i]).collect();
    let log = log_of(&data);
    let [a, b, c, d, e, f, j] = std::array::from_fn(|i| leaf_hash(&data[i]));
    let (g, hh, i) = (node_hash(&a, &b), node_hash(&c, &d), node_hash(&e, &f));
    let (k, l) = (node_hash(&g, &hh), node_hash(&i, &j));
    assert_eq!(log.root(), node_hash(&k, &l));

    let path = |index| log.inclusion_proof(index, 7).expect("path").path;
    assert_eq!(path(0), vec![b, hh, l]);
    assert_eq!(path(3), vec![c, g, l]);
    assert_eq!(path(4), vec![f, j, k]);
    assert_eq!(path(6), vec![i, k]);

    let proof = |old| log.consistency_proof(old, 7).expect("proof").path;
    assert_eq!(proof(3), vec![c, d, g, l]);
    assert_eq!(proof(4), vec![l]);
    assert_eq!(proof(6), vec![i, j, k]);
}

#[test]
fn exhaustive_small_trees_match_the_rfc_recursions() {
    // Every size up to 40 covers the awkward 3, 5, 6, 7 and every pattern of right edges.
    let entries = distinct_entries(7, 40);
    let log = log_of(&entries);
    let leaves: Vec<_> = entries.iter().map(|e| reference::leaf(e)).collect();
    for n in 1..=40usize {
        let d = &leaves[..n];
        let root = h(reference::mth(d));
        assert_eq!(log.root_at(n as u64).expect("root"), root, "root at {n}");

        for m in 0..n {
            let proof = log.inclusion_proof(m as u64, n as u64).expect("inclusion");
            assert_eq!(
                proof.path,
                hashes(reference::path(m, d)),
                "PATH({m}, D[{n}])"
            );
            let leaf = h(d[m]);
            assert_eq!(proof.verify(&leaf, &root), Ok(()));
            for (pos, entry) in proof.path.iter().enumerate() {
                let mut bad = proof.path.clone();
                bad[pos] = flip_bit(entry, m + pos);
                assert!(verify_inclusion(&leaf, m as u64, n as u64, &bad, &root).is_err());
            }
            for other in (0..n).filter(|&o| o != m) {
                assert!(
                    verify_inclusion(&leaf, other as u64, n as u64, &proof.path, &root).is_err(),
                    "leaf {m} of {n} accepted at index {other}"
                );
            }
        }

        for m in 1..=n {
            let proof = log
                .consistency_proof(m as u64, n as u64)
                .expect("consistency");
            assert_eq!(
                proof.path,
                hashes(reference::proof(m, d)),
                "PROOF({m}, D[{n}])"
            );
            let old_root = h(reference::mth(&d[..m]));
            assert_eq!(proof.verify(&old_root, &root), Ok(()));
            for (pos, entry) in proof.path.iter().enumerate() {
                let mut bad = proof.path.clone();
                bad[pos] = flip_bit(entry, pos);
                assert!(verify_consistency(m as u64, n as u64, &old_root, &root, &bad).is_err());
            }
            for other in (1..n).filter(|&o| o != m) {
                let other_root = h(reference::mth(&d[..other]));
                assert!(
                    verify_consistency(other as u64, n as u64, &other_root, &root, &proof.path)
                        .is_err(),
                    "PROOF({m}, D[{n}]) accepted for old size {other}"
                );
            }
        }

        for start in 0..n {
            for end in start + 1..=n {
                if !reference::is_subtree(start, end) {
                    assert!(matches!(
                        log.subtree_consistency_proof(start as u64, end as u64, n as u64),
                        Err(ProofError::InvalidSubtree { .. })
                    ));
                    continue;
                }
                let subtree = h(reference::mth(&d[start..end]));
                assert_eq!(
                    log.subtree_root(start as u64, end as u64).expect("subtree"),
                    subtree
                );
                let proof = log
                    .subtree_consistency_proof(start as u64, end as u64, n as u64)
                    .expect("subtree consistency");
                let want = hashes(reference::subtree_proof(start, end, d));
                assert_eq!(proof.path, want, "SUBTREE_PROOF({start}, {end}, D[{n}])");
                assert_eq!(proof.verify(&subtree, &root), Ok(()));
                for (pos, entry) in proof.path.iter().enumerate() {
                    let mut bad = proof.path.clone();
                    bad[pos] = flip_bit(entry, pos);
                    assert!(
                        verify_subtree_consistency(
                            start as u64,
                            end as u64,
                            n as u64,
                            &subtree,
                            &root,
                            &bad
                        )
                        .is_err()
                    );
                }
                let leaf = start + (end - start) / 2;
                let inclusion = log
                    .subtree_inclusion_proof(leaf as u64, start as u64, end as u64)
                    .expect("subtree inclusion");
                assert_eq!(
                    inclusion.path,
                    hashes(reference::path(leaf - start, &d[start..end]))
                );
                assert_eq!(inclusion.verify(&h(d[leaf]), &subtree), Ok(()));
            }
        }
    }
}

#[test]
fn hex_round_trip_and_errors() {
    let text = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
    let hash = Hash::from_hex(text).expect("valid");
    assert_eq!(hash.to_hex(), text);
    assert_eq!(hash.to_string(), text);
    assert_eq!(format!("{hash:?}"), format!("Hash({text})"));
    assert_eq!(text.parse::<Hash>(), Ok(hash));
    assert_eq!(Hash::from_hex(&text.to_uppercase()), Ok(hash));
    assert_eq!(Hash::from_slice(hash.as_bytes()), Ok(hash));
    assert_eq!(Hash::try_from(&hash.as_bytes()[..]), Ok(hash));
    assert_eq!(<[u8; 32]>::from(hash), *hash.as_bytes());

    assert_eq!(
        Hash::from_hex(""),
        Err(HashParseError::WrongHexLength { got: 0 })
    );
    assert_eq!(
        Hash::from_hex(&text[..63]),
        Err(HashParseError::WrongHexLength { got: 63 })
    );
    assert_eq!(
        Hash::from_hex(&format!("{text}0")),
        Err(HashParseError::WrongHexLength { got: 65 })
    );
    let mut bad = text.to_owned();
    bad.replace_range(10..11, "g");
    assert_eq!(
        Hash::from_hex(&bad),
        Err(HashParseError::InvalidHexCharacter {
            position: 10,
            character: 'g'
        })
    );
    // A multi-byte character must be reported, not sliced through.
    let accented = format!("é{}", &text[2..]);
    assert_eq!(
        Hash::from_hex(&accented),
        Err(HashParseError::InvalidHexCharacter {
            position: 0,
            character: 'é'
        })
    );
    assert_eq!(
        Hash::from_slice(&[0u8; 31]),
        Err(HashParseError::WrongByteLength { got: 31 })
    );
    assert_eq!(
        Hash::from_hex("zz").expect_err("bad").to_string(),
        "invalid hex character 'z' at byte 0"
    );
    assert_eq!(
        Hash::from_hex("ab").expect_err("short").to_string(),
        "a hex hash is 64 characters, got 2"
    );
}

#[test]
fn inclusion_rejections_say_why() {
    let log = log_of(&distinct_entries(1, 13));
    let root = log.root();
    let proof = log.inclusion_proof(5, 13).expect("proof");
    let leaf = log.leaf_hash(5).expect("leaf");
    assert_eq!(proof.verify(&leaf, &root), Ok(()));
    assert_eq!(
        root_from_inclusion_proof(&leaf, 5, 13, &proof.path),
        Ok(root)
    );

    assert_eq!(
        verify_inclusion(&leaf, 13, 13, &proof.path, &root),
        Err(VerifyError::LeafIndexBeyondSize {
            index: 13,
            size: 13
        })
    );
    assert_eq!(
        verify_inclusion(&leaf, 0, 0, &[], &EMPTY_ROOT),
        Err(VerifyError::LeafIndexBeyondSize { index: 0, size: 0 })
    );
    let mut longer = proof.path.clone();
    longer.push(root);
    assert_eq!(
        verify_inclusion(&leaf, 5, 13, &longer, &root),
        Err(VerifyError::WrongProofLength { got: 5, want: 4 })
    );
    assert_eq!(
        verify_inclusion(&leaf, 5, 13, &proof.path[..3], &root),
        Err(VerifyError::WrongProofLength { got: 3, want: 4 })
    );
    let other_leaf = log.leaf_hash(6).expect("leaf");
    let computed = root_from_inclusion_proof(&other_leaf, 5, 13, &proof.path).expect("root");
    assert_eq!(
        verify_inclusion(&other_leaf, 5, 13, &proof.path, &root),
        Err(VerifyError::RootMismatch {
            expected: root,
            computed
        })
    );
    // A one-leaf tree: the leaf is the root and the path is empty.
    let one = log_of(&[b"only"]);
    assert_eq!(
        verify_inclusion(&leaf_hash(b"only"), 0, 1, &[], &one.root()),
        Ok(())
    );
}

#[test]
fn consistency_rejections_say_why() {
    let log = log_of(&distinct_entries(2, 21));
    let (r6, r21) = (log.root_at(6).expect("r6"), log.root());
    let proof = log.consistency_proof(6, 21).expect("proof");
    assert_eq!(proof.verify(&r6, &r21), Ok(()));

    assert_eq!(
        verify_consistency(21, 6, &r21, &r6, &proof.path),
        Err(VerifyError::OldSizeExceedsNewSize { old: 21, new: 6 })
    );
    assert_eq!(
        verify_consistency(0, 21, &EMPTY_ROOT, &r21, &[]),
        Err(VerifyError::EmptyOldTree)
    );
    assert_eq!(
        verify_consistency(0, 0, &EMPTY_ROOT, &EMPTY_ROOT, &[]),
        Err(VerifyError::EmptyOldTree)
    );
    assert_eq!(verify_consistency(21, 21, &r21, &r21, &[]), Ok(()));
    assert_eq!(
        verify_consistency(21, 21, &r21, &r21, &[r6]),
        Err(VerifyError::UnexpectedProof { len: 1 })
    );
    assert_eq!(
        verify_consistency(21, 21, &r6, &r21, &[]),
        Err(VerifyError::RootMismatch {
            expected: r21,
            computed: r6
        })
    );
    assert_eq!(
        verify_consistency(6, 21, &r6, &r21, &[]),
        Err(VerifyError::EmptyProof)
    );
    assert_eq!(
        verify_consistency(6, 21, &r6, &r21, &proof.path[1..]),
        Err(VerifyError::WrongProofLength {
            got: proof.path.len() - 1,
            want: proof.path.len()
        })
    );
    assert!(matches!(
        verify_consistency(6, 21, &r21, &r21, &proof.path),
        Err(VerifyError::OldRootMismatch { expected, computed }) if expected == r21 && computed == r6
    ));
    assert!(matches!(
        verify_consistency(6, 21, &r6, &r6, &proof.path),
        Err(VerifyError::RootMismatch { expected, computed }) if expected == r6 && computed == r21
    ));
    assert_eq!(
        verify_consistency(6, 21, &r6, &r6, &proof.path)
            .expect_err("mismatch")
            .to_string(),
        format!("root mismatch: expected {r6}, proof gives {r21}")
    );
}

#[test]
fn subtree_rejections_say_why() {
    let log = log_of(&distinct_entries(3, 16));
    let root = log.root();
    let sub = log.subtree_root(8, 12).expect("subtree");
    let proof = log.subtree_consistency_proof(8, 12, 16).expect("proof");
    assert_eq!(proof.verify(&sub, &root), Ok(()));
    assert_eq!(
        verify_subtree_consistency(4, 9, 16, &sub, &root, &proof.path),
        Err(VerifyError::InvalidSubtree { start: 4, end: 9 })
    );
    assert_eq!(
        verify_subtree_consistency(8, 12, 11, &sub, &root, &proof.path),
        Err(VerifyError::SubtreeBeyondTree { end: 12, size: 11 })
    );
    assert!(matches!(
        verify_subtree_consistency(8, 12, 16, &root, &root, &proof.path),
        Err(VerifyError::SubtreeHashMismatch { .. } | VerifyError::RootMismatch { .. })
    ));
    // The empty-range convention: trivially contained, but only with the empty-tree hash.
    assert_eq!(
        verify_subtree_consistency(5, 5, 16, &EMPTY_ROOT, &root, &[]),
        Ok(())
    );
    assert!(matches!(
        verify_subtree_consistency(5, 5, 16, &sub, &root, &[]),
        Err(VerifyError::SubtreeHashMismatch { .. })
    ));
    assert_eq!(
        verify_subtree_consistency(17, 17, 16, &EMPTY_ROOT, &root, &[]),
        Err(VerifyError::SubtreeBeyondTree { end: 17, size: 16 })
    );

    let leaf = log.leaf_hash(9).expect("leaf");
    let inclusion = log.subtree_inclusion_proof(9, 8, 12).expect("inclusion");
    assert_eq!(inclusion.verify(&leaf, &sub), Ok(()));
    assert_eq!(
        verify_subtree_inclusion(&leaf, 12, 8, 12, &inclusion.path, &sub),
        Err(VerifyError::LeafOutsideSubtree {
            index: 12,
            start: 8,
            end: 12
        })
    );
    assert_eq!(
        verify_subtree_inclusion(&leaf, 9, 9, 9, &inclusion.path, &sub),
        Err(VerifyError::InvalidSubtree { start: 9, end: 9 })
    );
}

#[test]
fn proof_generation_errors() {
    let log = log_of(&distinct_entries(4, 10));
    assert!(matches!(
        log.inclusion_proof(3, 11),
        Err(ProofError::TreeSizeBeyondLog {
            requested: 11,
            available: 10
        })
    ));
    assert!(matches!(
        log.inclusion_proof(10, 10),
        Err(ProofError::LeafIndexBeyondSize {
            index: 10,
            size: 10
        })
    ));
    assert!(matches!(
        log.consistency_proof(5, 4),
        Err(ProofError::OldSizeExceedsNewSize { old: 5, new: 4 })
    ));
    assert!(matches!(
        log.consistency_proof(0, 4),
        Err(ProofError::EmptyOldTree)
    ));
    assert!(matches!(
        log.root_at(11),
        Err(ProofError::TreeSizeBeyondLog { .. })
    ));
    assert!(matches!(
        log.subtree_root(2, 5),
        Err(ProofError::InvalidSubtree { start: 2, end: 5 })
    ));
    assert!(matches!(
        log.subtree_consistency_proof(8, 12, 10),
        Err(ProofError::SubtreeBeyondTree { end: 12, size: 10 })
    ));
    assert!(matches!(
        log.subtree_inclusion_proof(1, 2, 4),
        Err(ProofError::LeafOutsideSubtree {
            index: 1,
            start: 2,
            end: 4
        })
    ));
    assert_eq!(
        log.consistency_proof(4, 4).expect("equal").path,
        Vec::<Hash>::new()
    );
    assert_eq!(log.leaf_hash(10), None);
    assert!(!log.is_empty());
}

/// A store for an arbitrarily large tree whose leaves are all the same entry, so every complete
/// subtree hash depends only on its level and the store stays consistent at any size. It fails
/// the test if a node outside the tree is requested, and counts reads.
struct SyntheticStore {
    size: u64,
    by_level: Vec<Hash>,
    reads: Cell<usize>,
}

impl SyntheticStore {
    fn new(size: u64) -> Self {
        let mut by_level = vec![leaf_hash(b"same entry")];
        for level in 1..64 {
            let below = by_level[level - 1];
            by_level.push(node_hash(&below, &below));
        }
        SyntheticStore {
            size,
            by_level,
            reads: Cell::new(0),
        }
    }
}

impl SubtreeHashes for SyntheticStore {
    fn tree_size(&self) -> u64 {
        self.size
    }

    fn subtree_hash(&self, node: NodeId) -> Result<Hash, NodeReadError> {
        self.reads.set(self.reads.get() + 1);
        let (_, end) = node.leaf_range().expect("node address fits in u64");
        assert!(
            end <= self.size,
            "{node} lies beyond a tree of {}",
            self.size
        );
        Ok(self.by_level[node.level as usize])
    }
}

#[test]
fn proofs_read_logarithmically_many_nodes_even_for_huge_trees() {
    let size = (1u64 << 40) - 3;
    let store = SyntheticStore::new(size);
    let bound = 2 * 41;

    let proof = inclusion_proof(&store, 123_456_789, size).expect("inclusion");
    assert!(store.reads.get() <= bound, "{} reads", store.reads.get());
    let root = root_at(&store, size).expect("root");
    let leaf = store.subtree_hash(NodeId::leaf(123_456_789)).expect("leaf");
    assert_eq!(proof.verify(&leaf, &root), Ok(()));

    store.reads.set(0);
    let old = (1u64 << 33) + 12_345;
    let proof = consistency_proof(&store, old, size).expect("consistency");
    assert!(store.reads.get() <= bound, "{} reads", store.reads.get());
    let old_root = root_at(&store, old).expect("old root");
    assert_eq!(proof.verify(&old_root, &root), Ok(()));

    // The frontier is rebuilt from one read per set bit of the size, and keeps working.
    store.reads.set(0);
    let mut frontier = Frontier::from_store(&store, size).expect("frontier");
    assert_eq!(store.reads.get(), size.count_ones() as usize);
    assert_eq!(frontier.root(), root);
    frontier.append(leaf_hash(b"next")).expect("append");
    assert_eq!(frontier.size(), size + 1);

    // Extreme sizes: the last possible leaf, and a log that cannot grow.
    let full = SyntheticStore::new(u64::MAX);
    let proof = inclusion_proof(&full, u64::MAX - 1, u64::MAX).expect("last leaf");
    let root = root_at(&full, u64::MAX).expect("root");
    let leaf = full.subtree_hash(NodeId::leaf(u64::MAX - 1)).expect("leaf");
    assert_eq!(proof.verify(&leaf, &root), Ok(()));
    let mut frontier = Frontier::from_store(&full, u64::MAX).expect("frontier");
    assert_eq!(frontier.append(leaf_hash(b"one too many")), Err(LogFull));
    assert_eq!(frontier.root(), root);
}

#[test]
fn prefetched_nodes_give_the_same_proofs() {
    let log = log_of(&distinct_entries(5, 300));
    let fetch = |nodes: Vec<NodeId>, size: u64| {
        let mut store = PrefetchedHashes::new(size);
        for node in nodes {
            store.insert(node, log.subtree_hash(node).expect("stored"));
        }
        store
    };

    let store = fetch(inclusion_proof_nodes(77, 250).expect("nodes"), 250);
    assert_eq!(
        inclusion_proof(&store, 77, 250).expect("proof"),
        log.inclusion_proof(77, 250).expect("proof")
    );
    let store = fetch(consistency_proof_nodes(37, 250).expect("nodes"), 250);
    assert_eq!(
        consistency_proof(&store, 37, 250).expect("proof"),
        log.consistency_proof(37, 250).expect("proof")
    );
    let store = fetch(root_nodes(250), 250);
    assert_eq!(
        root_at(&store, 250).expect("root"),
        log.root_at(250).expect("root")
    );
    let store = fetch(
        subtree_inclusion_proof_nodes(130, 128, 192).expect("nodes"),
        300,
    );
    assert_eq!(
        civic_translog::subtree_inclusion_proof(&store, 130, 128, 192).expect("proof"),
        log.subtree_inclusion_proof(130, 128, 192).expect("proof")
    );
    let store = fetch(
        subtree_consistency_proof_nodes(128, 160, 300).expect("nodes"),
        300,
    );
    assert_eq!(
        civic_translog::subtree_consistency_proof(&store, 128, 160, 300).expect("proof"),
        log.subtree_consistency_proof(128, 160, 300).expect("proof")
    );

    // A node that was not fetched is reported, not invented.
    let empty = PrefetchedHashes::new(250);
    assert!(matches!(
        inclusion_proof(&empty, 77, 250),
        Err(ProofError::Read(NodeReadError::Missing(_)))
    ));
}

#[test]
fn frontier_reports_exactly_the_nodes_a_store_needs() {
    let entries = distinct_entries(6, 100);
    let log = log_of(&entries);
    let mut frontier = Frontier::new();
    let mut written = PrefetchedHashes::new(100);
    let mut count = 0;
    for entry in &entries {
        frontier
            .append_with(leaf_hash(entry), |node, hash| {
                count += 1;
                written.insert(node, *hash);
            })
            .expect("append");
    }
    // n leaves complete n + (n - popcount(n)) subtrees in total.
    assert_eq!(count, 100 + 100 - 100u64.count_ones() as usize);
    assert_eq!(frontier.root(), log.root());
    for size in 1..=100 {
        assert_eq!(
            root_at(&written, size).expect("root"),
            log.root_at(size).expect("root")
        );
        let restored = Frontier::from_store(&log, size).expect("frontier");
        assert_eq!(restored.tree_head(), log.tree_head_at(size).expect("head"));
        let mut resumed = restored.clone();
        for entry in &entries[size as usize..] {
            resumed.append(leaf_hash(entry)).expect("append");
        }
        assert_eq!(resumed.root(), log.root(), "resumed from {size}");
    }
    assert!(matches!(
        Frontier::from_store(&log, 101),
        Err(ProofError::TreeSizeBeyondLog { .. })
    ));
}

#[test]
fn memory_log_with_capacity_behaves_like_new() {
    let entries = distinct_entries(8, 1000);
    let mut a = MemoryLog::with_capacity(1000);
    let b = log_of(&entries);
    for entry in &entries {
        a.append(entry).expect("append");
    }
    assert_eq!(a.root(), b.root());
    assert_eq!(
        a.inclusion_proof(999, 1000).expect("a"),
        b.inclusion_proof(999, 1000).expect("b")
    );
    assert_eq!(a.frontier(), b.frontier());
}
