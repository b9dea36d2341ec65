//! Throughput of a log of N leaves (default 10,000,000; first argument overrides):
//! appends, inclusion and consistency proof generation and verification, and the raw SHA-256
//! bound measured in the same run.
//!
//! `cargo bench -p civic-translog --bench translog -- 1000000`
//!
//! An append hashes the leaf and, on average, one interior node (n leaves complete n - 1
//! interior nodes), so "two hashes per leaf" is the floor any RFC 6962 log pays; appends are
//! reported as a fraction of that floor, both for the in-memory log (which also writes about 64
//! bytes of subtree hashes per leaf) and for the bare frontier (which stores nothing).

use std::hint::black_box;
use std::time::Instant;

use civic_translog::{
    Frontier, Hash, MemoryLog, TreeSize, leaf_hash, verify_consistency, verify_inclusion,
};
use sha2::{Digest, Sha256};

/// Proofs generated and verified per kind.
const PROOFS: usize = 200_000;

/// Deterministic 32-byte entry for leaf `i`, the size of a typical entry digest.
fn entry(i: u64) -> [u8; 32] {
    let mut e = [0x5a; 32];
    e[..8].copy_from_slice(&i.to_le_bytes());
    e
}

/// Small xorshift generator: reproducible request mixes without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform-ish in `[lo, hi]`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// Operations per second, in millions, with three significant digits.
fn mops(count: usize, seconds: f64) -> String {
    format!("{:.3} M/s", count as f64 / seconds / 1e6)
}

fn main() {
    let n: TreeSize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(|a| {
            a.replace('_', "")
                .parse()
                .expect("N must be a positive integer")
        })
        .unwrap_or(10_000_000);
    assert!(n > 0, "N must be positive");
    let leaves = usize::try_from(n).expect("N fits in memory addressing");
    println!("civic-translog bench: N = {n} leaves, {PROOFS} proofs of each kind");

    // Raw SHA-256 floor and appends, measured in alternating chunks so that load from other
    // processes on the machine hits both alike.
    const CHUNKS: u64 = 20;
    let mut log = MemoryLog::with_capacity(leaves);
    let mut frontier = Frontier::new();
    let (mut bound_s, mut append_s, mut frontier_s) = (0.0, 0.0, 0.0);
    let mut chain = [0u8; 32];
    for chunk in 0..CHUNKS {
        let (lo, hi) = (n * chunk / CHUNKS, n * (chunk + 1) / CHUNKS);

        // The same two hash shapes an append performs: 33 bytes for the leaf, 65 for a node.
        let start = Instant::now();
        for i in lo..hi {
            let mut leaf_input = [0u8; 33];
            leaf_input[1..].copy_from_slice(&entry(i));
            let leaf: [u8; 32] = Sha256::digest(leaf_input).into();
            let mut node_input = [1u8; 65];
            node_input[1..33].copy_from_slice(&chain);
            node_input[33..].copy_from_slice(&leaf);
            chain = Sha256::digest(node_input).into();
        }
        bound_s += start.elapsed().as_secs_f64();

        let start = Instant::now();
        for i in lo..hi {
            log.append(&entry(i)).expect("log not full");
        }
        append_s += start.elapsed().as_secs_f64();

        // The frontier alone: the O(log n) append without storing any subtree hash.
        let start = Instant::now();
        for i in lo..hi {
            frontier.append(leaf_hash(&entry(i))).expect("log not full");
        }
        frontier_s += start.elapsed().as_secs_f64();
    }
    assert_eq!(frontier.root(), log.root(), "frontier and log disagree");
    black_box(chain);
    let start = Instant::now();
    let root = log.root();
    let root_s = start.elapsed().as_secs_f64();

    let bound_rate = n as f64 / bound_s;
    let append_rate = n as f64 / append_s;
    println!(
        "raw SHA-256 bound (leaf hash + one node hash per leaf): {} leaves ({:.0} ns/leaf)",
        mops(leaves, bound_s),
        bound_s * 1e9 / n as f64
    );
    println!(
        "appends: {} leaves ({:.0} ns/leaf) = {:.2} of the SHA-256 bound",
        mops(leaves, append_s),
        append_s * 1e9 / n as f64,
        append_rate / bound_rate
    );
    println!(
        "frontier-only appends (nothing stored): {} leaves ({:.0} ns/leaf) = {:.2} of the bound",
        mops(leaves, frontier_s),
        frontier_s * 1e9 / n as f64,
        (n as f64 / frontier_s) / bound_rate
    );
    println!(
        "root at {n}: {root} (computed from the frontier in {:.1} µs)",
        root_s * 1e6
    );
    let stored = 2 * n - u64::from(n.count_ones());
    println!(
        "stored subtree hashes: {stored} ({:.0} MB)",
        stored as f64 * 32.0 / 1e6
    );

    // Inclusion proofs against random earlier tree sizes (the current size among them).
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let requests: Vec<(u64, u64)> = (0..PROOFS)
        .map(|_| {
            let size = rng.between(1, n);
            (rng.between(0, size - 1), size)
        })
        .collect();
    let start = Instant::now();
    let proofs: Vec<_> = requests
        .iter()
        .map(|&(index, size)| log.inclusion_proof(index, size).expect("proof"))
        .collect();
    let gen_s = start.elapsed().as_secs_f64();
    let checks: Vec<(Hash, Hash)> = requests
        .iter()
        .map(|&(index, size)| {
            (
                log.leaf_hash(index).expect("leaf"),
                log.root_at(size).expect("root"),
            )
        })
        .collect();
    let start = Instant::now();
    for (proof, (leaf, root)) in proofs.iter().zip(&checks) {
        verify_inclusion(leaf, proof.leaf_index, proof.tree_size, &proof.path, root)
            .expect("valid inclusion proof");
    }
    let verify_s = start.elapsed().as_secs_f64();
    let avg_len = proofs.iter().map(|p| p.path.len()).sum::<usize>() as f64 / PROOFS as f64;
    println!(
        "inclusion proofs: generate {}, verify {} (mean path {avg_len:.1} hashes)",
        mops(PROOFS, gen_s),
        mops(PROOFS, verify_s)
    );

    // Consistency proofs between random pairs of sizes.
    let requests: Vec<(u64, u64)> = (0..PROOFS)
        .map(|_| {
            let new = rng.between(1, n);
            (rng.between(1, new), new)
        })
        .collect();
    let start = Instant::now();
    let proofs: Vec<_> = requests
        .iter()
        .map(|&(old, new)| log.consistency_proof(old, new).expect("proof"))
        .collect();
    let gen_s = start.elapsed().as_secs_f64();
    let roots: Vec<(Hash, Hash)> = requests
        .iter()
        .map(|&(old, new)| {
            (
                log.root_at(old).expect("old root"),
                log.root_at(new).expect("new root"),
            )
        })
        .collect();
    let start = Instant::now();
    for (proof, (old_root, new_root)) in proofs.iter().zip(&roots) {
        verify_consistency(
            proof.old_size,
            proof.new_size,
            old_root,
            new_root,
            &proof.path,
        )
        .expect("valid consistency proof");
    }
    let verify_s = start.elapsed().as_secs_f64();
    let avg_len = proofs.iter().map(|p| p.path.len()).sum::<usize>() as f64 / PROOFS as f64;
    println!(
        "consistency proofs: generate {}, verify {} (mean proof {avg_len:.1} hashes)",
        mops(PROOFS, gen_s),
        mops(PROOFS, verify_s)
    );

    // Keep a root derived from every leaf observable so nothing above is optimised away.
    black_box(leaf_hash(root.as_bytes()));
}
