//! The GOV.UK Registers v1 wire shapes (entries, records, the Merkle leaf the GOV.UK
//! archive's RSF files were hashed with) and v2 redaction. Civic's own entry leaf stays as
//! it was defined (the v1 specification left the entry hash undefined), so every tree head
//! already signed stays valid; the GOV.UK leaf is here so `civic verify` can check the
//! archive's files too.

use super::{Entry, FieldValue, Item, rfc3339_seconds};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// An entry as the v1 API shows it: every value a string, the item hashes a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryView<'a> {
    /// The entry number again: v1's experimental index numbering, equal to it here.
    #[serde(rename = "index-entry-number")]
    pub index_entry_number: String,
    /// Position in the log, from 1.
    #[serde(rename = "entry-number")]
    pub entry_number: String,
    /// When it was appended.
    #[serde(rename = "entry-timestamp")]
    pub entry_timestamp: String,
    /// The record it sets.
    pub key: &'a str,
    /// The item it points to, as a list of one.
    #[serde(rename = "item-hash")]
    pub item_hash: [&'a str; 1],
}

impl<'a> EntryView<'a> {
    /// The v1 view of an entry.
    pub fn of(entry: &'a Entry) -> EntryView<'a> {
        EntryView {
            index_entry_number: entry.number.to_string(),
            entry_number: entry.number.to_string(),
            entry_timestamp: rfc3339_seconds(entry.timestamp),
            key: &entry.key,
            item_hash: [&entry.item_hash],
        }
    }
}

/// A record as the v1 API shows it: its latest entry with the item inlined, as a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordView<'a> {
    /// The entry number again (v1's experimental index numbering).
    #[serde(rename = "index-entry-number")]
    pub index_entry_number: String,
    /// The record's latest entry.
    #[serde(rename = "entry-number")]
    pub entry_number: String,
    /// When that entry was appended.
    #[serde(rename = "entry-timestamp")]
    pub entry_timestamp: String,
    /// The record's key.
    pub key: &'a str,
    /// The item: empty when it was redacted before its redacted form was kept.
    pub item: Vec<&'a Item>,
}

impl<'a> RecordView<'a> {
    /// The v1 view of a record.
    pub fn of(entry: &'a Entry, item: Option<&'a Item>) -> RecordView<'a> {
        RecordView {
            index_entry_number: entry.number.to_string(),
            entry_number: entry.number.to_string(),
            entry_timestamp: rfc3339_seconds(entry.timestamp),
            key: &entry.key,
            item: item.into_iter().collect(),
        }
    }
}

/// The bytes GOV.UK's registers hashed into their Merkle tree for an entry (openregister's
/// `V1EntryMerkleLeafStore`): the v1 entry view's JSON, in its property order, unspaced.
/// `timestamp` and `item_hash` are as the RSF file wrote them.
pub fn govuk_leaf_bytes(number: u64, timestamp: &str, key: &str, item_hash: &str) -> Vec<u8> {
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    format!(
        "{{\"index-entry-number\":\"{number}\",\"entry-number\":\"{number}\",\"entry-timestamp\":{},\"key\":{},\"item-hash\":[{}]}}",
        quoted(timestamp),
        quoted(key),
        quoted(item_hash)
    )
    .into_bytes()
}

/// The prefix of a redacted value (Registers v2).
pub const REDACTED: &str = "**REDACTED**";

fn string_hash(value: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update([0x75]);
    h.update(value.as_bytes());
    h.finalize().into()
}

fn multihash_hex(digest: &[u8]) -> String {
    let mut out = String::with_capacity(68);
    out.push_str("1220");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// A value as Registers v2 redacts it: `**REDACTED**` and the multihash of the value's
/// objecthash (a string tagged 0x75; a list as the set of its elements' hashes, tagged 0x73).
pub fn redacted_value(value: &FieldValue) -> String {
    let digest: [u8; 32] = match value {
        FieldValue::One(v) => string_hash(v),
        FieldValue::Many(values) => {
            let mut hashes: Vec<[u8; 32]> = values.iter().map(|v| string_hash(v)).collect();
            hashes.sort_unstable();
            let mut h = Sha256::new();
            h.update([0x73]);
            for x in &hashes {
                h.update(x);
            }
            h.finalize().into()
        }
    };
    format!("{REDACTED}{}", multihash_hex(&digest))
}

/// An item with every value redacted: its field names stay, so clients still see its shape,
/// and its hash in the log stays what it was.
pub fn redact(item: &Item) -> Item {
    Item(
        item.0
            .iter()
            .map(|(k, v)| (k.clone(), FieldValue::One(redacted_value(v))))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_redact_as_the_v2_specification_shows() {
        // content/v2/data-model/redact.md
        assert_eq!(
            redacted_value(&FieldValue::One("abc".into())),
            "**REDACTED**12202a42a9c91b74c0032f6b8000a2c9c5bcca5bb298f004e8eff533811004dea511"
        );
        assert_eq!(
            redacted_value(&FieldValue::One("xyz".into())),
            "**REDACTED**12200324894df5a397ab53736bf0d01f4063507acceab19d4ce74c9282de21dadffb"
        );
        let a = redacted_value(&FieldValue::Many(vec!["a".into(), "b".into()]));
        let b = redacted_value(&FieldValue::Many(vec!["b".into(), "a".into()]));
        assert_eq!(a, b, "a set's hash does not depend on order");
        let item = Item::from_pairs([("foo", "abc".into())]);
        assert_eq!(
            redact(&item).get("foo").map(|v| v.starts_with(REDACTED)),
            Some(true)
        );
    }

    #[test]
    fn the_govuk_leaf_is_the_v1_entry_view_in_its_property_order() {
        // The roots this gives are checked against the GOV.UK archive's own files in
        // civic's `verify` tests.
        let leaf = govuk_leaf_bytes(1, "2017-01-10T17:16:07Z", "curie", "sha-256:f2");
        assert_eq!(
            String::from_utf8(leaf).unwrap(),
            "{\"index-entry-number\":\"1\",\"entry-number\":\"1\",\"entry-timestamp\":\"2017-01-10T17:16:07Z\",\"key\":\"curie\",\"item-hash\":[\"sha-256:f2\"]}"
        );
    }

    #[test]
    fn entries_and_records_have_string_values_and_lists() {
        let entry = Entry {
            number: 7,
            timestamp: time::OffsetDateTime::UNIX_EPOCH,
            key: "GB".into(),
            item_hash: "sha-256:00".into(),
        };
        let v = serde_json::to_value(EntryView::of(&entry)).unwrap();
        assert_eq!(v["entry-number"], "7");
        assert_eq!(v["item-hash"][0], "sha-256:00");
        let item = Item::from_pairs([("name", "x".into())]);
        let r = serde_json::to_value(RecordView::of(&entry, Some(&item))).unwrap();
        assert_eq!(r["item"][0]["name"], "x");
        assert_eq!(r["index-entry-number"], "7");
    }
}
