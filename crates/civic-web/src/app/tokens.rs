//! Unguessable tokens (for sessions, confirmations, subscriptions and surveys) and the
//! hashes they are stored as.

use base64::Engine;
use sha2::Digest;
use sha2::Sha256;

/// A new random token: 32 bytes, URL-safe base64.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The SHA-256 of a session token, which is all the database keeps: a leaked database
/// cannot be used to sign in.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A token derived one way from a secret token for one purpose: as unguessable as the
/// secret, useless for recovering it, and unlike the hash the database keeps of it.
pub fn derived_token(secret: &str, purpose: &str) -> String {
    let digest = Sha256::digest(format!("civic-{purpose}:{secret}").as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

/// A new satisfaction-survey token and its hash, for a request that may be closing.
pub fn survey_invite() -> (String, String) {
    let token = crate::app::tokens::new_token();
    let hash = crate::app::tokens::token_hash(&token);
    (token, hash)
}

/// Compares without leaking where the first difference is.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A new API key of `kind`: its recognisable prefix (`civic_live_`) and a token, so a
/// leaked key is found by secret scanners and told apart from other tokens at a glance.
pub fn new_api_key(kind: civic_domain::api_key::KeyKind) -> String {
    format!("{}{}", kind.prefix(), new_token())
}
