//! Every transparency-dev/merkle JSON vector in `testdata/rfc6962`, happy paths and mutations.
//!
//! The files are found by walking the directories, not listed by hand, and every case must end as
//! its `wantErr` says. Our `Hash` type cannot hold a value that is not 32 bytes, so a vector with
//! such a value is refused while being read: that counts as a rejection when `wantErr` is true and
//! is listed below as a known deviation when it is false. So that the verifier itself still sees
//! every case, each vector is also run with malformed values zero-padded (or cut) to 32 bytes, and
//! that run must match `wantErr` too. Happy paths made from transparency-dev's standard leaves are
//! regenerated with our prover and compared hash for hash.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use civic_translog::{
    Hash, HashParseError, MemoryLog, VerifyError, verify_consistency, verify_inclusion,
    verify_subtree_consistency, verify_subtree_inclusion,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::common::leaf_inputs;

/// Vectors expecting success that carry a hash which is not 32 bytes (`"don't care"` roots, 12
/// bytes). transparency-dev compares such roots as byte strings; our typed API refuses them
/// before any comparison. Each entry is asserted to be hit, so the list cannot go stale.
const UNREPRESENTABLE_SUCCESS_CASES: [&str; 4] = [
    "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json",
    "subtreeconsistency/additional/sizes-are-equal-one-and-proof-is-empty.json",
    "subtreeconsistency/additional/subtree-is-empty-sizes-are-equal-one-subtree-root-valid-tree-root-random-proof-is-empty.json",
    "subtreeconsistency/additional/subtree-is-empty-sizes-are-equal-zero-subtree-root-valid-tree-root-random-proof-is-empty.json",
];

/// Vectors whose only defect is a hash of the wrong length (an empty root and an empty leaf, equal
/// to each other), so padding them makes a genuinely valid proof. Our type refuses them.
const DEFECT_IS_ONLY_LENGTH: [&str; 3] = [
    "inclusion/single-entry/empty-root-and-leaf.json",
    "subtreeinclusion/single-entry/empty-root-and-leaf-subtree.json",
    "subtreeinclusion/single-entry/empty-root-and-leaf.json",
];

/// Files per family; a missing or extra file should be noticed, not silently skipped.
const EXPECTED_FILES: [(&str, usize); 4] = [
    ("inclusion", 98),
    ("consistency", 98),
    ("subtreeinclusion", 204),
    ("subtreeconsistency", 118),
];

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InclusionProbe {
    leaf_idx: u64,
    tree_size: u64,
    root: String,
    leaf_hash: String,
    proof: Option<Vec<String>>,
    want_err: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConsistencyProbe {
    size1: u64,
    size2: u64,
    root1: String,
    root2: String,
    proof: Option<Vec<String>>,
    want_err: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SubtreeInclusionProbe {
    leaf_idx: u64,
    start: u64,
    end: u64,
    root: String,
    leaf_hash: String,
    proof: Option<Vec<String>>,
    want_err: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SubtreeConsistencyProbe {
    start: u64,
    end: u64,
    size: u64,
    root1: String,
    root2: String,
    proof: Option<Vec<String>>,
    want_err: bool,
}

fn testdata_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rfc6962")
}

/// All JSON files under `dir`, sorted, as paths relative to the testdata root.
fn json_files(dir: &str) -> Vec<String> {
    fn walk(path: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(path).expect("read testdata dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let root = testdata_root();
    let mut files = Vec::new();
    walk(&root.join(dir), &mut files);
    let mut names: Vec<String> = files
        .iter()
        .map(|p| {
            p.strip_prefix(&root)
                .expect("under root")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn load<T: DeserializeOwned>(name: &str) -> T {
    let text = fs::read_to_string(testdata_root().join(name)).expect("read vector");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn b64(text: &str) -> Vec<u8> {
    STANDARD.decode(text).expect("vector base64")
}

/// How a vector's hashes are put into our type.
#[derive(Clone, Copy)]
enum Reading {
    /// As our API would: anything but 32 bytes is refused.
    Strict,
    /// Malformed values zero-padded or cut to 32 bytes, so the verifier gets to judge them.
    Padded,
}

fn read(text: &str, how: Reading) -> Result<Hash, HashParseError> {
    let bytes = b64(text);
    match how {
        Reading::Strict => Hash::from_slice(&bytes),
        Reading::Padded => {
            let mut out = [0u8; 32];
            let n = bytes.len().min(32);
            out[..n].copy_from_slice(&bytes[..n]);
            Ok(Hash::from_bytes(out))
        }
    }
}

fn read_proof(entries: &Option<Vec<String>>, how: Reading) -> Result<Vec<Hash>, HashParseError> {
    entries.iter().flatten().map(|e| read(e, how)).collect()
}

/// One family's vector format.
trait Probe: DeserializeOwned {
    /// Whether the vector must be rejected.
    fn want_err(&self) -> bool;
    /// Our verifier's verdict, or the refusal of a malformed hash.
    fn verify(&self, how: Reading) -> Result<Result<(), VerifyError>, HashParseError>;
    /// Regenerates a happy path from the standard leaves with our prover; `Err` says what differs.
    fn regenerate(&self) -> Result<(), String>;
}

/// A log whose leaves `[offset, offset + n)` are the first `n` standard inputs, after filler.
fn standard_log(offset: u64, n: u64) -> MemoryLog {
    let mut log = MemoryLog::new();
    for i in 0..offset {
        log.append(format!("filler {i}").as_bytes())
            .expect("append");
    }
    for input in leaf_inputs().iter().take(n as usize) {
        log.append(input).expect("append");
    }
    log
}

/// Compares a regenerated proof and roots with the vector's.
fn same(
    what: &str,
    ours: Result<(Vec<Hash>, Vec<Hash>), String>,
    path: Vec<Hash>,
    roots: Vec<Hash>,
) -> Result<(), String> {
    match ours {
        Ok((p, r)) if p == path && r == roots => Ok(()),
        Ok((p, r)) => Err(format!("{what}: regenerated path {p:?} roots {r:?}")),
        Err(e) => Err(format!("{what}: {e}")),
    }
}

impl Probe for InclusionProbe {
    fn want_err(&self) -> bool {
        self.want_err
    }

    fn verify(&self, how: Reading) -> Result<Result<(), VerifyError>, HashParseError> {
        let leaf = read(&self.leaf_hash, how)?;
        let root = read(&self.root, how)?;
        let path = read_proof(&self.proof, how)?;
        Ok(verify_inclusion(
            &leaf,
            self.leaf_idx,
            self.tree_size,
            &path,
            &root,
        ))
    }

    fn regenerate(&self) -> Result<(), String> {
        // The log holds all eight inputs; the proof is asked for at the (earlier) vector size.
        let log = standard_log(0, 8);
        let ours = (|| {
            let proof = log.inclusion_proof(self.leaf_idx, self.tree_size)?;
            Ok::<_, civic_translog::ProofError>((proof.path, vec![log.root_at(self.tree_size)?]))
        })();
        match (
            read_proof(&self.proof, Reading::Strict),
            read(&self.root, Reading::Strict),
        ) {
            (Ok(path), Ok(root)) => same(
                "inclusion",
                ours.map_err(|e| e.to_string()),
                path,
                vec![root],
            ),
            _ => Err("happy path with malformed hashes".into()),
        }
    }
}

impl Probe for ConsistencyProbe {
    fn want_err(&self) -> bool {
        self.want_err
    }

    fn verify(&self, how: Reading) -> Result<Result<(), VerifyError>, HashParseError> {
        let root1 = read(&self.root1, how)?;
        let root2 = read(&self.root2, how)?;
        let path = read_proof(&self.proof, how)?;
        Ok(verify_consistency(
            self.size1, self.size2, &root1, &root2, &path,
        ))
    }

    fn regenerate(&self) -> Result<(), String> {
        let log = standard_log(0, 8);
        let ours = (|| {
            let proof = log.consistency_proof(self.size1, self.size2)?;
            Ok::<_, civic_translog::ProofError>((
                proof.path,
                vec![log.root_at(self.size1)?, log.root_at(self.size2)?],
            ))
        })();
        let roots = [&self.root1, &self.root2].map(|r| read(r, Reading::Strict));
        match (read_proof(&self.proof, Reading::Strict), roots) {
            (Ok(path), [Ok(r1), Ok(r2)]) => same(
                "consistency",
                ours.map_err(|e| e.to_string()),
                path,
                vec![r1, r2],
            ),
            _ => Err("happy path with malformed hashes".into()),
        }
    }
}

impl Probe for SubtreeInclusionProbe {
    fn want_err(&self) -> bool {
        self.want_err
    }

    fn verify(&self, how: Reading) -> Result<Result<(), VerifyError>, HashParseError> {
        let leaf = read(&self.leaf_hash, how)?;
        let root = read(&self.root, how)?;
        let path = read_proof(&self.proof, how)?;
        Ok(verify_subtree_inclusion(
            &leaf,
            self.leaf_idx,
            self.start,
            self.end,
            &path,
            &root,
        ))
    }

    fn regenerate(&self) -> Result<(), String> {
        // Shifted vectors reuse the unshifted hashes, so the inputs are placed at `start`.
        let log = standard_log(self.start, self.end.saturating_sub(self.start));
        let ours = (|| {
            let proof = log.subtree_inclusion_proof(self.leaf_idx, self.start, self.end)?;
            Ok::<_, civic_translog::ProofError>((
                proof.path,
                vec![log.subtree_root(self.start, self.end)?],
            ))
        })();
        match (
            read_proof(&self.proof, Reading::Strict),
            read(&self.root, Reading::Strict),
        ) {
            (Ok(path), Ok(root)) => same(
                "subtree inclusion",
                ours.map_err(|e| e.to_string()),
                path,
                vec![root],
            ),
            _ => Err("happy path with malformed hashes".into()),
        }
    }
}

impl Probe for SubtreeConsistencyProbe {
    fn want_err(&self) -> bool {
        self.want_err
    }

    fn verify(&self, how: Reading) -> Result<Result<(), VerifyError>, HashParseError> {
        let root1 = read(&self.root1, how)?;
        let root2 = read(&self.root2, how)?;
        let path = read_proof(&self.proof, how)?;
        Ok(verify_subtree_consistency(
            self.start, self.end, self.size, &root1, &root2, &path,
        ))
    }

    fn regenerate(&self) -> Result<(), String> {
        let log = standard_log(0, 8);
        let ours = (|| {
            let proof = log.subtree_consistency_proof(self.start, self.end, self.size)?;
            Ok::<_, civic_translog::ProofError>((
                proof.path,
                vec![
                    log.subtree_root(self.start, self.end)?,
                    log.root_at(self.size)?,
                ],
            ))
        })();
        let roots = [&self.root1, &self.root2].map(|r| read(r, Reading::Strict));
        match (read_proof(&self.proof, Reading::Strict), roots) {
            (Ok(path), [Ok(r1), Ok(r2)]) => same(
                "subtree consistency",
                ours.map_err(|e| e.to_string()),
                path,
                vec![r1, r2],
            ),
            _ => Err("happy path with malformed hashes".into()),
        }
    }
}

/// Whether a file is a happy path built from the standard leaf inputs (numbered directories).
fn is_standard_happy_path(name: &str) -> bool {
    let mut parts = name.split('/');
    let _family = parts.next();
    let dir = parts.next().unwrap_or("");
    let file = parts.next().unwrap_or("");
    dir.parse::<u32>().is_ok() && file.starts_with("happy-path")
}

/// Runs every vector of a family and checks the tallies.
fn run_family<P: Probe>(family: &str) {
    let mut files = 0;
    let (mut accepted, mut by_verifier, mut by_type, mut regenerated) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    let mut unrepresentable = BTreeSet::new();
    let mut only_length = BTreeSet::new();
    for name in json_files(family) {
        files += 1;
        let v: P = load(&name);
        let want_err = v.want_err();

        match v.verify(Reading::Padded) {
            Ok(verdict) if verdict.is_err() == want_err => {}
            Ok(Ok(())) if DEFECT_IS_ONLY_LENGTH.contains(&name.as_str()) => {
                only_length.insert(name.clone());
            }
            other => failures.push(format!(
                "{name}: padded reading gave {other:?}, wantErr {want_err}"
            )),
        }
        match (want_err, v.verify(Reading::Strict)) {
            (false, Ok(Ok(()))) => accepted += 1,
            (true, Ok(Err(_))) => by_verifier += 1,
            (true, Err(_)) => by_type += 1,
            (false, Err(_)) if UNREPRESENTABLE_SUCCESS_CASES.contains(&name.as_str()) => {
                unrepresentable.insert(name.clone());
            }
            (_, other) => failures.push(format!("{name}: got {other:?}, wantErr {want_err}")),
        }
        if is_standard_happy_path(&name) {
            match v.regenerate() {
                Ok(()) => regenerated += 1,
                Err(why) => failures.push(format!("{name}: {why}")),
            }
        }
    }

    eprintln!(
        "{family}: {files} files: {accepted} accepted, {by_verifier} rejected by the verifier, \
         {by_type} refused as malformed hashes ({} of them valid once padded: only the length \
         is wrong), {} known unrepresentable successes, {regenerated} happy paths regenerated",
        only_length.len(),
        unrepresentable.len()
    );
    assert!(
        failures.is_empty(),
        "{family} failures:\n{}",
        failures.join("\n")
    );
    let expected_files = EXPECTED_FILES
        .iter()
        .find(|(f, _)| *f == family)
        .map(|(_, n)| *n);
    assert_eq!(
        Some(files),
        expected_files,
        "{family}: number of vector files"
    );
    let expected_unrepresentable: BTreeSet<String> = UNREPRESENTABLE_SUCCESS_CASES
        .iter()
        .filter(|n| n.starts_with(&format!("{family}/")))
        .map(|n| n.to_string())
        .collect();
    assert_eq!(
        unrepresentable, expected_unrepresentable,
        "{family}: unrepresentable cases"
    );
    let happy_paths = json_files(family)
        .iter()
        .filter(|n| is_standard_happy_path(n))
        .count();
    assert!(
        happy_paths >= 5,
        "{family}: only {happy_paths} standard happy paths"
    );
    assert_eq!(
        regenerated, happy_paths,
        "{family}: happy paths regenerated"
    );
    assert!(accepted > 0 && by_verifier > 0, "{family}: degenerate run");
}

#[test]
fn inclusion_vectors() {
    run_family::<InclusionProbe>("inclusion");
}

#[test]
fn consistency_vectors() {
    run_family::<ConsistencyProbe>("consistency");
}

#[test]
fn subtree_inclusion_vectors() {
    run_family::<SubtreeInclusionProbe>("subtreeinclusion");
}

#[test]
fn subtree_consistency_vectors() {
    run_family::<SubtreeConsistencyProbe>("subtreeconsistency");
}
