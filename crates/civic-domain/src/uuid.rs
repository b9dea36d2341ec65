//! UUIDs written as text, for identifiers that standards require to be UUIDs.

/// `bytes` as a UUID of `version` (RFC 9562: the version in the 13th digit, the RFC variant
/// in the 17th), written in lower case as 8-4-4-4-12 hexadecimal digits.
pub fn uuid_text(mut bytes: [u8; 16], version: u8) -> String {
    bytes[6] = (bytes[6] & 0x0f) | (version << 4);
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
