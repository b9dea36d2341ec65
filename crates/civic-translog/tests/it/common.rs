//! Shared fixtures.

use civic_translog::{Hash, MemoryLog};

/// transparency-dev's `testonly.LeafInputs()`: the leaves behind every happy-path vector.
pub const LEAF_INPUTS_HEX: [&str; 8] = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
];

/// Roots of the trees of the first 1..=8 leaf inputs, from transparency-dev's `proofgen`.
pub const REFERENCE_ROOTS_HEX: [&str; 8] = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/// Decodes test-fixture hex of any even length.
pub fn hex_bytes(text: &str) -> Vec<u8> {
    assert!(
        text.len().is_multiple_of(2),
        "odd hex length in fixture {text:?}"
    );
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("fixture hex"))
        .collect()
}

/// The eight leaf inputs as bytes.
pub fn leaf_inputs() -> Vec<Vec<u8>> {
    LEAF_INPUTS_HEX.iter().map(|h| hex_bytes(h)).collect()
}

/// A hash from fixture hex.
pub fn hash_hex(text: &str) -> Hash {
    Hash::from_hex(text).expect("fixture hash")
}

/// A log holding exactly `entries`.
pub fn log_of<D: AsRef<[u8]>>(entries: &[D]) -> MemoryLog {
    let mut log = MemoryLog::new();
    for entry in entries {
        log.append(entry.as_ref()).expect("log not full");
    }
    log
}

/// Distinct entries for a tree of `n` leaves; distinctness keeps "wrong index" checks meaningful.
pub fn distinct_entries(seed: u64, n: usize) -> Vec<Vec<u8>> {
    (0..n as u64)
        .map(|i| {
            let mut entry = seed.to_le_bytes().to_vec();
            entry.extend_from_slice(&i.to_le_bytes());
            entry
        })
        .collect()
}
