//! `civic verify`: checks a register – downloaded from a Civic deployment, or a saved copy –
//! entry by entry: every item against its hash, the running Merkle root against each
//! `assert-root-hash`, the final root against the deployment's signed tree head, and,
//! given a tree head saved earlier, that the register only grew since (consistency).

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use civic_domain::register::v1::govuk_leaf_bytes;
use civic_domain::register::{Entry, item_hash, tree_head_signing_input};
use civic_translog::{Frontier, Hash, leaf_hash};
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::BufRead;
use std::time::Instant;

/// A signed tree head as Civic publishes it.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct SignedTreeHead {
    /// The register.
    pub register: String,
    /// Entries covered.
    pub tree_size: u64,
    /// Milliseconds since 1970.
    pub timestamp: u64,
    /// Base64 root.
    pub sha256_root_hash: String,
    /// Base64 Ed25519 signature.
    pub tree_head_signature: String,
}

impl SignedTreeHead {
    fn root(&self) -> Result<Hash, String> {
        let bytes = B64
            .decode(&self.sha256_root_hash)
            .map_err(|e| format!("tree head root is not base64: {e}"))?;
        Hash::from_slice(&bytes).map_err(|e| format!("tree head root: {e}"))
    }

    fn check_signature(&self, key: &VerifyingKey) -> Result<(), String> {
        let root = self.root()?;
        let signature = B64
            .decode(&self.tree_head_signature)
            .map_err(|e| format!("signature is not base64: {e}"))?;
        let signature = Signature::from_slice(&signature).map_err(|e| format!("signature: {e}"))?;
        key.verify(
            &tree_head_signing_input(self.timestamp, self.tree_size, root.as_bytes()),
            &signature,
        )
        .map_err(|_| {
            format!(
                "the tree head of size {} is not signed by this deployment's key",
                self.tree_size
            )
        })
    }
}

/// What to check against.
pub struct Options {
    /// The deployment's public key, base64; fetched from the deployment for URLs when absent.
    pub public_key: Option<String>,
    /// A tree head saved earlier, which this copy must extend.
    pub since: Option<SignedTreeHead>,
}

/// How a register hashed its entries into its Merkle tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leaf {
    /// Civic's entry: its canonical JSON, keys sorted, the item hash a string.
    Civic,
    /// GOV.UK's registers (openregister-java's v1 log): the v1 entry view's JSON in its
    /// property order, the item hash in a list.
    GovUk,
}

/// The outcome of a successful check.
pub struct Verified {
    /// The register's final signed head; `None` for a GOV.UK file, which never had one.
    pub head: Option<SignedTreeHead>,
    /// The root over every entry.
    pub root: Hash,
    /// Entries checked.
    pub entries: u64,
    /// Items that were redacted (hash kept, content removed).
    pub redacted: u64,
    /// `system` entries (the register's own description), which are outside the log.
    pub system_entries: u64,
    /// Entries per second.
    pub rate: f64,
}

/// The Merkle log as rebuilt under each way of hashing entries still consistent with the
/// copy's assertions; a copy settles which one at its first non-empty `assert-root-hash`.
struct Candidate {
    leaf: Leaf,
    frontier: Frontier,
}

struct Checker {
    candidates: Vec<Candidate>,
    size: u64,
    /// Item hash → whether an entry refers to it yet.
    items: HashMap<[u8; 32], bool>,
    redacted: u64,
    system_entries: u64,
    last_good: u64,
    since_root: Option<Hash>,
    since_size: Option<u64>,
    head: Option<SignedTreeHead>,
    line: u64,
}

fn hash_bytes(hash: &str) -> Option<[u8; 32]> {
    Hash::from_hex(hash.strip_prefix("sha-256:")?)
        .ok()
        .map(|h| *h.as_bytes())
}

impl Checker {
    fn new(since_size: Option<u64>) -> Checker {
        Checker {
            candidates: vec![
                Candidate {
                    leaf: Leaf::Civic,
                    frontier: Frontier::new(),
                },
                Candidate {
                    leaf: Leaf::GovUk,
                    frontier: Frontier::new(),
                },
            ],
            size: 0,
            items: HashMap::new(),
            redacted: 0,
            system_entries: 0,
            last_good: 0,
            since_root: None,
            since_size,
            head: None,
            line: 0,
        }
    }

    fn root(&self) -> Option<Hash> {
        self.candidates.first().map(|c| c.frontier.root())
    }

    fn leaf(&self) -> Leaf {
        self.candidates
            .first()
            .map(|c| c.leaf)
            .unwrap_or(Leaf::Civic)
    }

    /// Marks an entry's item as used; an error when the copy has not given it.
    fn use_item(&mut self, hash: &str, what: &str) -> Result<(), String> {
        let bytes =
            hash_bytes(hash).ok_or_else(|| format!("{what}: '{hash}' is not an item hash"))?;
        match self.items.get_mut(&bytes) {
            Some(used) => {
                *used = true;
                Ok(())
            }
            None => Err(format!(
                "{what}: its item is missing or does not match the hash {hash}"
            )),
        }
    }

    fn append(&mut self, key: &str, timestamp: &str, hash: &str) -> Result<(), String> {
        let entry_number = self.size + 1;
        self.use_item(hash, &format!("entry {entry_number} (key '{key}')"))
            .map_err(|e| format!("{e}; the first bad entry is {entry_number}"))?;
        let at = civic_domain::parse_datetime(timestamp)
            .ok_or_else(|| format!("entry {entry_number}: bad timestamp '{timestamp}'"))?;
        for candidate in &mut self.candidates {
            let bytes = match candidate.leaf {
                Leaf::Civic => Entry {
                    number: entry_number,
                    timestamp: at,
                    key: key.to_string(),
                    item_hash: hash.to_string(),
                }
                .leaf_bytes(),
                Leaf::GovUk => govuk_leaf_bytes(entry_number, timestamp, key, hash),
            };
            candidate
                .frontier
                .append(leaf_hash(&bytes))
                .map_err(|_| "the register is too large".to_string())?;
        }
        self.size = entry_number;
        if self.since_size == Some(self.size) {
            self.since_root = self.root();
        }
        Ok(())
    }

    fn feed(&mut self, line: &str) -> Result<(), String> {
        self.line += 1;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return Ok(());
        }
        let (command, rest) = line.split_once('\t').unwrap_or((line, ""));
        match command {
            "add-item" => {
                let hash = item_hash(rest.as_bytes());
                self.items
                    .entry(hash_bytes(&hash).ok_or("bad item hash")?)
                    .or_insert(false);
            }
            "redacted-item" => {
                let bytes = hash_bytes(rest)
                    .ok_or_else(|| format!("line {}: '{rest}' is not an item hash", self.line))?;
                self.items.entry(bytes).or_insert(false);
                self.redacted += 1;
            }
            "append-entry" => {
                let fields: Vec<&str> = rest.split('\t').collect();
                match fields.as_slice() {
                    ["user", key, timestamp, hash] => self.append(key, timestamp, hash)?,
                    ["system", key, _, hash] => {
                        self.use_item(hash, &format!("line {}: system entry '{key}'", self.line))?;
                        self.system_entries += 1;
                    }
                    // The first RSF files (ADR 006): timestamp, item hash, key.
                    [timestamp, hash, key] if hash.starts_with("sha-256:") => {
                        self.append(key, timestamp, hash)?
                    }
                    _ => {
                        return Err(format!(
                            "line {}: append-entry needs user or system, a key, a timestamp and an item hash",
                            self.line
                        ));
                    }
                }
            }
            "assert-root-hash" => {
                let expected = rest
                    .strip_prefix("sha-256:")
                    .and_then(|h| Hash::from_hex(h).ok())
                    .ok_or_else(|| format!("line {}: bad assert-root-hash", self.line))?;
                self.candidates.retain(|c| c.frontier.root() == expected);
                if self.candidates.is_empty() {
                    let size = self.size;
                    return Err(if self.last_good + 1 == size {
                        format!(
                            "entry {size} is the first bad entry: the root after it does not match the copy's assert-root-hash"
                        )
                    } else {
                        format!(
                            "the root after entry {size} does not match: the first bad entry is between entries {} and {size}",
                            self.last_good + 1
                        )
                    });
                }
                self.last_good = self.size;
            }
            "assert-signed-tree-head" => {
                let head: SignedTreeHead = serde_json::from_str(rest)
                    .map_err(|e| format!("line {}: signed tree head: {e}", self.line))?;
                self.head = Some(head);
            }
            other => return Err(format!("line {}: unknown command '{other}'", self.line)),
        }
        Ok(())
    }
}

/// Checks a register read line by line from `reader`: against its signed tree head and
/// `key` when it is a Civic copy, or against its own `assert-root-hash` lines when it is a
/// GOV.UK registers file (they never signed their tree heads).
pub fn check(
    reader: impl BufRead,
    key: Option<&VerifyingKey>,
    options: &Options,
) -> Result<Verified, String> {
    let started = Instant::now();
    let mut checker = Checker::new(options.since.as_ref().map(|s| s.tree_size));
    for line in reader.lines() {
        let line = line.map_err(|e| format!("reading the register: {e}"))?;
        checker.feed(&line)?;
    }
    let unused = checker.items.values().filter(|used| !**used).count();
    if unused > 0 {
        return Err(format!(
            "{unused} items are referred to by no entry: a register file has no orphan items"
        ));
    }
    let size = checker.size;
    let head = checker.head.clone();
    if head.is_some() {
        checker.candidates.retain(|c| c.leaf == Leaf::Civic);
    } else if checker.candidates.len() > 1 && size > 0 {
        return Err(
            "the copy asserts no root over its entries and has no signed tree head: there is nothing to check them against"
                .into(),
        );
    }
    let root = checker
        .root()
        .ok_or("the copy's roots are not those of a Civic register")?;
    match &head {
        Some(head) => {
            let key = key.ok_or(
                "give --public-key to check a saved copy (the deployment publishes it at /registers/public-key)",
            )?;
            head.check_signature(key)?;
            if head.tree_size != size {
                return Err(format!(
                    "the signed tree head covers {} entries but the copy has {size}",
                    head.tree_size
                ));
            }
            if head.root()? != root {
                return Err(format!(
                    "the root of the entries does not match the signed tree head: the first bad entry is between entries {} and {size}",
                    checker.last_good + 1
                ));
            }
        }
        None if checker.leaf() == Leaf::Civic && size > 0 => {
            return Err(
                "the copy has no signed tree head (assert-signed-tree-head); it may be cut short"
                    .into(),
            );
        }
        None => {
            if checker.last_good != size {
                return Err(format!(
                    "entries {} to {size} come after the copy's last assert-root-hash, so nothing checks them",
                    checker.last_good + 1
                ));
            }
        }
    }
    if let Some(since) = &options.since {
        let key = key.ok_or("give --public-key to check against a saved tree head")?;
        since.check_signature(key)?;
        let register = head.as_ref().map(|h| h.register.as_str()).unwrap_or("");
        if since.register != register {
            return Err(format!(
                "the saved tree head is for '{}', not '{register}'",
                since.register
            ));
        }
        if since.tree_size > size {
            return Err(format!(
                "the register has shrunk: {} entries were saved, {size} now",
                since.tree_size
            ));
        }
        let old_root = if since.tree_size == 0 {
            civic_translog::EMPTY_ROOT
        } else {
            checker
                .since_root
                .ok_or("the saved tree head could not be reached")?
        };
        if old_root != since.root()? {
            return Err(format!(
                "the register is not consistent with the tree head saved at size {}: its history was rewritten",
                since.tree_size
            ));
        }
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    Ok(Verified {
        head,
        root,
        entries: size,
        redacted: checker.redacted,
        system_entries: checker.system_entries,
        rate: size as f64 / seconds,
    })
}

/// Parses a base64 Ed25519 public key.
pub fn parse_key(base64: &str) -> Result<VerifyingKey, String> {
    let bytes = B64
        .decode(base64.trim())
        .map_err(|e| format!("the public key is not base64: {e}"))?;
    let bytes: [u8; 32] = bytes
        .try_into()
        .map_err(|_| "the public key must be 32 bytes".to_string())?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|e| format!("the public key is not an Ed25519 key: {e}"))
}

/// An HTTP client for the commands that read other sites (TLS on the ring provider).
pub(crate) fn http_client() -> Result<reqwest::Client, String> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .build()
        .map_err(|e| format!("cannot start an HTTP client: {e}"))
}

/// Reads a register from another Civic deployment through the GOV.UK Registers paths: its
/// signed tree head, then `download-rsf/0/{size}` cut at that head (and the public key
/// unless given), and checks it.
pub async fn check_url(url: &str, options: &Options) -> Result<Verified, String> {
    let client = http_client()?;
    let base = url.trim_end_matches('/');
    let Some(registers_at) = base.find("/registers/") else {
        return Err(format!(
            "'{url}' is not a register's address, like https://civic.example/registers/addresses"
        ));
    };
    let key = match &options.public_key {
        Some(k) => parse_key(k)?,
        None => {
            let published: serde_json::Value = client
                .get(format!("{}/registers/public-key", &base[..registers_at]))
                .send()
                .await
                .and_then(|r| r.error_for_status())
                .map_err(|e| format!("cannot fetch the public key: {e}"))?
                .bytes()
                .await
                .map_err(|e| format!("cannot fetch the public key: {e}"))
                .and_then(|b| {
                    serde_json::from_slice(&b)
                        .map_err(|e| format!("the public key is not JSON: {e}"))
                })?;
            parse_key(published["public_key"].as_str().unwrap_or(""))?
        }
    };
    let head: SignedTreeHead = client
        .get(format!("{base}/proof/tree-head"))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| format!("cannot fetch {base}/proof/tree-head: {e}"))?
        .bytes()
        .await
        .map_err(|e| format!("cannot fetch {base}/proof/tree-head: {e}"))
        .and_then(|b| {
            serde_json::from_slice(&b)
                .map_err(|e| format!("{base}/proof/tree-head is not a signed tree head: {e}"))
        })?;
    let head_line = format!(
        "assert-signed-tree-head\t{}\n",
        serde_json::to_string(&head).map_err(|e| e.to_string())?
    );
    let rsf = format!("{base}/download-rsf/0/{}", head.tree_size);
    let mut response = client
        .get(&rsf)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| format!("cannot download {rsf}: {e}"))?;
    // Read in chunks so a large register never sits whole in memory.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(64);
    let reader_key = key;
    let since = options.since.clone();
    let worker = std::thread::spawn(move || {
        let reader = std::io::BufReader::new(ChannelReader {
            rx,
            buffer: Vec::new(),
            position: 0,
        });
        check(
            reader,
            Some(&reader_key),
            &Options {
                public_key: None,
                since,
            },
        )
    });
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("download interrupted: {e}"))?
    {
        if tx.send(chunk.to_vec()).is_err() {
            break;
        }
    }
    // The copy was cut at this head, so it ends the copy as Civic's own download's does.
    let _ = tx.send(head_line.into_bytes());
    drop(tx);
    worker
        .join()
        .map_err(|_| "the checker stopped unexpectedly".to_string())?
}

struct ChannelReader {
    rx: std::sync::mpsc::Receiver<Vec<u8>>,
    buffer: Vec<u8>,
    position: usize,
}

impl std::io::Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.position >= self.buffer.len() {
            match self.rx.recv() {
                Ok(chunk) => {
                    self.buffer = chunk;
                    self.position = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.buffer.len() - self.position);
        out[..n].copy_from_slice(&self.buffer[self.position..self.position + n]);
        self.position += n;
        Ok(n)
    }
}
