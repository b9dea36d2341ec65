//! Registers: append-only logs of entries over content-addressed items, the way GOV.UK
//! Registers defined them, with the entry hash and redaction fixed from the start. An item
//! is a flat record of string fields; its hash is the SHA-256 of its canonical JSON. An
//! entry says "from this time, the record for this key is this item"; its canonical JSON is
//! the leaf of the register's RFC 6962 Merkle tree. Redacting an item deletes its content
//! but keeps its hash, so every entry, and so every tree head, stays valid.

pub mod schema;
pub mod v1;

use crate::validation::FieldErrors;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// A register's name: lower-case letters, digits and hyphens, starting with a letter.
pub fn is_valid_register_name(name: &str) -> bool {
    (2..=40).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A field value: one string, or several (cardinality n).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    /// One value.
    One(String),
    /// Several values, in order.
    Many(Vec<String>),
}

/// A record's content: field name → value. Empty values are left out, so an item has one
/// canonical form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Item(pub BTreeMap<String, FieldValue>);

impl Item {
    /// An item from (field, value) pairs; empty values are dropped.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> Item {
        Item(
            pairs
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), FieldValue::One(v)))
                .collect(),
        )
    }

    /// The canonical JSON: keys sorted (a `BTreeMap`), no whitespace, UTF-8, as serde_json
    /// escapes strings (only `"`, `\` and control characters).
    pub fn canonical_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    /// `sha-256:` and the hex SHA-256 of the canonical JSON.
    pub fn hash(&self) -> String {
        item_hash(self.canonical_json().as_bytes())
    }

    /// One field's single value.
    pub fn get(&self, field: &str) -> Option<&str> {
        match self.0.get(field) {
            Some(FieldValue::One(v)) => Some(v),
            _ => None,
        }
    }
}

/// `sha-256:` and the hex SHA-256 of `bytes`.
pub fn item_hash(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(72);
    out.push_str("sha-256:");
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

/// True for a well-formed `sha-256:` followed by 64 lower-case hex digits.
pub fn is_valid_item_hash(hash: &str) -> bool {
    hash.strip_prefix("sha-256:").is_some_and(|hex| {
        hex.len() == 64
            && hex
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    })
}

/// One entry of a register's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Position in the log, from 1.
    pub number: u64,
    /// When it was appended, to the second, UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: OffsetDateTime,
    /// The record it sets.
    pub key: String,
    /// The item the record now holds.
    pub item_hash: String,
}

impl Entry {
    /// The bytes hashed into the Merkle tree: the entry's canonical JSON, every value a
    /// string, keys sorted.
    pub fn leaf_bytes(&self) -> Vec<u8> {
        let mut fields = BTreeMap::new();
        fields.insert("entry-number", self.number.to_string());
        fields.insert("entry-timestamp", rfc3339_seconds(self.timestamp));
        fields.insert("item-hash", self.item_hash.clone());
        fields.insert("key", self.key.clone());
        serde_json::to_vec(&fields).unwrap_or_default()
    }
}

/// An instant as registers write it: RFC 3339, whole seconds, `Z`.
pub fn rfc3339_seconds(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The bytes a tree head signature covers, as RFC 6962 §3.5 defines `TreeHeadSignature`:
/// version 0, signature type 1 (tree_hash), timestamp in milliseconds, tree size, root.
pub fn tree_head_signing_input(timestamp_ms: u64, tree_size: u64, root: &[u8; 32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(50);
    out.push(0);
    out.push(1);
    out.extend_from_slice(&timestamp_ms.to_be_bytes());
    out.extend_from_slice(&tree_size.to_be_bytes());
    out.extend_from_slice(root);
    out
}

/// The organisations register's item for a body.
pub fn organisation_item(
    slug: &str,
    name: &str,
    kind: crate::BodyKind,
    website: Option<&str>,
) -> Item {
    Item::from_pairs([
        ("organisation", slug.to_string()),
        ("name", name.to_string()),
        ("kind", kind.as_str().to_string()),
        ("website", website.unwrap_or("").to_string()),
    ])
}

/// The services register's key for a body's service.
pub fn service_key(body: &str, slug: &str) -> String {
    format!("{body}:{slug}")
}

/// The services register's item for a service: its public fields only.
pub fn service_item(
    body: &str,
    slug: &str,
    draft: &crate::ServiceDraft,
    status: crate::ServiceStatus,
) -> Item {
    let mut item = Item::from_pairs([
        ("service", service_key(body, slug)),
        ("organisation", body.to_string()),
        ("code", draft.code.clone()),
        ("name", draft.name.clone()),
        ("description", draft.description.clone()),
        (
            "digital-inclusion-level",
            draft.digital_inclusion_level.number().to_string(),
        ),
        ("status", status.as_str().to_string()),
        (
            "target-days",
            draft.target_days.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ]);
    if !draft.keywords.is_empty() {
        item.0
            .insert("keywords".into(), FieldValue::Many(draft.keywords.clone()));
    }
    if !draft.channels.is_empty() {
        item.0.insert(
            "channels".into(),
            FieldValue::Many(
                draft
                    .channels
                    .iter()
                    .map(|c| format!("{}: {}", c.kind.as_str(), c.detail))
                    .collect(),
            ),
        );
    }
    item
}

/// An address row as imported: the fields of an item in the addresses register.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct AddressRow {
    /// Unique Property Reference Number, up to 12 digits.
    #[serde(default)]
    pub uprn: String,
    /// First line.
    #[serde(default)]
    pub address_line_1: String,
    /// Second line.
    #[serde(default)]
    pub address_line_2: String,
    /// Town.
    #[serde(default)]
    pub town: String,
    /// Postcode.
    #[serde(default)]
    pub postcode: String,
    /// Latitude (WGS84).
    #[serde(default)]
    pub latitude: String,
    /// Longitude (WGS84).
    #[serde(default)]
    pub longitude: String,
}

/// Normalises a UK postcode ("zz11aa" → "ZZ1 1AA"); `None` when it is not one.
pub fn normalise_postcode(raw: &str) -> Option<String> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
    };
    let outward_ok = outward.starts_with(|c: char| c.is_ascii_alphabetic())
        && outward.chars().all(|c| c.is_ascii_alphanumeric())
        && outward.chars().any(|c| c.is_ascii_digit());
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

impl AddressRow {
    /// Checks the row and returns the register item, or every problem with it.
    pub fn validate(&self) -> Result<Item, FieldErrors> {
        let mut errors = FieldErrors::default();
        let uprn = self.uprn.trim();
        if uprn.is_empty() || uprn.len() > 12 || !uprn.chars().all(|c| c.is_ascii_digit()) {
            errors.add_t(
                "uprn",
                "validation-address-uprn-invalid",
                "UPRN must be 1 to 12 digits",
            );
        }
        if self.address_line_1.trim().is_empty() {
            errors.add_t(
                "address_line_1",
                "validation-address-line-1-missing",
                "The first address line is missing",
            );
        }
        let postcode = normalise_postcode(&self.postcode);
        if postcode.is_none() {
            errors.add_with(
                "postcode",
                "validation-address-postcode-invalid",
                vec![("postcode", self.postcode.trim().to_string())],
                format!(
                    "'{}' is not a UK postcode, like ZZ1 1AA",
                    self.postcode.trim()
                ),
            );
        }
        let coordinate =
            |raw: &str, field: &str, code: &'static str, limit: f64, errors: &mut FieldErrors| {
                let raw = raw.trim();
                if raw.is_empty() {
                    return String::new();
                }
                match raw.parse::<f64>() {
                    Ok(v) if v.is_finite() && v.abs() <= limit => raw.to_string(),
                    _ => {
                        errors.add_t(
                            field,
                            code,
                            format!("{field} must be a number from -{limit} to {limit}"),
                        );
                        String::new()
                    }
                }
            };
        let latitude = coordinate(
            &self.latitude,
            "latitude",
            "validation-address-latitude-invalid",
            90.0,
            &mut errors,
        );
        let longitude = coordinate(
            &self.longitude,
            "longitude",
            "validation-address-longitude-invalid",
            180.0,
            &mut errors,
        );
        if latitude.is_empty() != longitude.is_empty() {
            errors.add_t(
                "latitude",
                "validation-address-coordinates-unpaired",
                "Give both latitude and longitude, or neither",
            );
        }
        errors.into_result(Item::from_pairs([
            ("uprn", uprn.trim_start_matches('0').to_string()),
            ("address-line-1", self.address_line_1.trim().to_string()),
            ("address-line-2", self.address_line_2.trim().to_string()),
            ("town", self.town.trim().to_string()),
            ("postcode", postcode.unwrap_or_default()),
            ("latitude", latitude),
            ("longitude", longitude),
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn items_have_one_canonical_form_and_hash() {
        let a = Item::from_pairs([
            ("town", "Northam".into()),
            ("uprn", "100".into()),
            ("empty", String::new()),
        ]);
        assert_eq!(a.canonical_json(), r#"{"town":"Northam","uprn":"100"}"#);
        assert_eq!(
            item_hash(b"{}"),
            "sha-256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
        assert!(is_valid_item_hash(&a.hash()));
        assert!(!is_valid_item_hash("sha-256:XYZ"));
        assert!(!is_valid_item_hash("md5:abc"));
    }

    #[test]
    fn entries_hash_every_field() {
        let e = Entry {
            number: 7,
            timestamp: datetime!(2026-11-25 16:10:27.5 UTC),
            key: "100".into(),
            item_hash: "sha-256:00".into(),
        };
        assert_eq!(
            String::from_utf8(e.leaf_bytes()).unwrap(),
            r#"{"entry-number":"7","entry-timestamp":"2026-11-25T16:10:27Z","item-hash":"sha-256:00","key":"100"}"#
        );
    }

    #[test]
    fn postcodes_are_normalised_or_refused() {
        assert_eq!(normalise_postcode("zz11aa").as_deref(), Some("ZZ1 1AA"));
        assert_eq!(
            normalise_postcode(" SW1A 1aa ").as_deref(),
            Some("SW1A 1AA")
        );
        assert_eq!(normalise_postcode("ABC"), None);
        assert_eq!(normalise_postcode("12345"), None);
        assert_eq!(normalise_postcode("ZZ1 AAA"), None);
    }

    #[test]
    fn address_rows_are_checked() {
        let row = AddressRow {
            uprn: "000100".into(),
            address_line_1: "1 High Street".into(),
            town: "Northam".into(),
            postcode: "zz1 1aa".into(),
            latitude: "52.2".into(),
            longitude: "-0.9".into(),
            ..Default::default()
        };
        let item = row.validate().unwrap();
        assert_eq!(item.get("uprn"), Some("100"));
        assert_eq!(item.get("postcode"), Some("ZZ1 1AA"));
        let bad = AddressRow {
            postcode: "nonsense".into(),
            latitude: "95".into(),
            ..row
        };
        let errors = bad.validate().unwrap_err();
        assert!(errors.for_field("postcode").is_some());
        assert!(errors.for_field("latitude").is_some());
    }

    #[test]
    fn tree_head_signing_input_is_rfc6962_shaped() {
        let input = tree_head_signing_input(1, 2, &[3; 32]);
        assert_eq!(input.len(), 50);
        assert_eq!(&input[..2], &[0, 1]);
        assert_eq!(&input[2..10], &1u64.to_be_bytes());
        assert_eq!(&input[10..18], &2u64.to_be_bytes());
    }
}
