//! The SHA-256 hash type and the two RFC 6962 hashing rules.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

/// Domain-separation prefix for leaves: without it a node could be passed off as a leaf.
const LEAF_PREFIX: u8 = 0x00;
/// Domain-separation prefix for interior nodes.
const NODE_PREFIX: u8 = 0x01;

/// A SHA-256 digest: a leaf hash, an interior node hash or a tree root.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash([u8; 32]);

/// Root of the empty tree, `SHA-256("")` (RFC 9162 §2.1.1).
pub const EMPTY_ROOT: Hash = Hash([
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
]);

/// Why bytes or text could not be read as a hash.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HashParseError {
    /// The byte string is not exactly 32 bytes long.
    #[error("a hash is 32 bytes, got {got}")]
    WrongByteLength {
        /// Length that was supplied.
        got: usize,
    },
    /// The hex text is not exactly 64 characters long.
    #[error("a hex hash is 64 characters, got {got}")]
    WrongHexLength {
        /// Length in bytes of the text that was supplied.
        got: usize,
    },
    /// The hex text contains a character that is not a hex digit.
    #[error("invalid hex character {character:?} at byte {position}")]
    InvalidHexCharacter {
        /// Byte offset of the offending character.
        position: usize,
        /// The offending character.
        character: char,
    },
}

impl Hash {
    /// Length of a hash in bytes.
    pub const LEN: usize = 32;

    /// Wraps 32 raw bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Hash(bytes)
    }

    /// The raw 32 bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Reads a hash from a byte slice, refusing any length but 32.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, HashParseError> {
        <[u8; 32]>::try_from(bytes)
            .map(Hash)
            .map_err(|_| HashParseError::WrongByteLength { got: bytes.len() })
    }

    /// Parses 64 hex digits (either case).
    pub fn from_hex(text: &str) -> Result<Self, HashParseError> {
        // Report a stray character before a length problem: it is the more specific mistake.
        if let Some((position, character)) =
            text.char_indices().find(|(_, c)| !c.is_ascii_hexdigit())
        {
            return Err(HashParseError::InvalidHexCharacter {
                position,
                character,
            });
        }
        let digits = text.as_bytes();
        if digits.len() != 2 * Self::LEN {
            return Err(HashParseError::WrongHexLength { got: digits.len() });
        }
        let mut out = [0u8; 32];
        for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
            if let [high, low] = pair {
                *byte = (hex_value(*high) << 4) | hex_value(*low);
            }
        }
        Ok(Hash(out))
    }

    /// Lower-case hex, the form used in logs, URLs and test fixtures.
    pub fn to_hex(&self) -> String {
        let mut out = String::with_capacity(2 * Self::LEN);
        for byte in self.0 {
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0x0f));
        }
        out
    }
}

/// Lower-case hex digit for a nibble.
fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

/// Value of an ASCII hex digit already checked by the caller.
fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        b'A'..=b'F' => digit - b'A' + 10,
        _ => 0,
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl FromStr for Hash {
    type Err = HashParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Hash::from_hex(text)
    }
}

impl From<[u8; 32]> for Hash {
    fn from(bytes: [u8; 32]) -> Self {
        Hash(bytes)
    }
}

impl From<Hash> for [u8; 32] {
    fn from(hash: Hash) -> Self {
        hash.0
    }
}

impl TryFrom<&[u8]> for Hash {
    type Error = HashParseError;

    fn try_from(bytes: &[u8]) -> Result<Self, Self::Error> {
        Hash::from_slice(bytes)
    }
}

impl AsRef<[u8]> for Hash {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Leaf hash `SHA-256(0x00 || data)` of an entry's bytes.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([LEAF_PREFIX]);
    hasher.update(data);
    Hash(hasher.finalize().into())
}

/// Interior node hash `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    // One contiguous input: a single update instead of three small buffered ones.
    let mut input = [NODE_PREFIX; 1 + 2 * Hash::LEN];
    let (_, children) = input.split_at_mut(1);
    let (l, r) = children.split_at_mut(Hash::LEN);
    l.copy_from_slice(&left.0);
    r.copy_from_slice(&right.0);
    Hash(Sha256::digest(input).into())
}
