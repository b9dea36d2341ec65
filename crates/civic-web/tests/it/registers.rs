//! Registers: signed tree heads, proofs, records, entries, items and redaction.

use crate::support::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use civic_domain::register::AddressRow;
use civic_domain::register::tree_head_signing_input;
use civic_storage::NewEntry;
use civic_storage::db_test;
use civic_translog::Hash;
use civic_translog::leaf_hash;
use civic_translog::verify_consistency;
use civic_translog::verify_inclusion;
use ed25519_dalek::Signature;
use ed25519_dalek::Verifier;
use ed25519_dalek::VerifyingKey;
use reqwest::StatusCode;

pub async fn load_addresses(app: &TestApp, n: usize) {
    let entries: Vec<NewEntry> = (0..n)
        .map(|i| {
            let item = AddressRow {
                uprn: (5000 + i).to_string(),
                address_line_1: format!("{} Station Road", i + 1),
                town: "Northam".into(),
                postcode: if i % 2 == 0 {
                    "ZZ1 1AA".into()
                } else {
                    "ZZ1 2BB".into()
                },
                latitude: "52.2".into(),
                longitude: "-0.9".into(),
                ..Default::default()
            }
            .validate()
            .unwrap();
            NewEntry {
                key: item.get("uprn").unwrap().to_string(),
                item,
            }
        })
        .collect();
    app.store
        .append_entries("addresses", &entries)
        .await
        .unwrap();
}

pub async fn json(v: &Visitor, path: &str) -> (StatusCode, serde_json::Value) {
    let r = v.get(path).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(serde_json::Value::Null))
}

db_test!(tree_heads_are_signed_and_proofs_verify, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    load_addresses(&app, 40).await;
    let v = app.visitor();
    let (_, key) = json(&v, "/registers/public-key").await;
    let key_bytes: [u8; 32] = B64
        .decode(key["public_key"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let key = VerifyingKey::from_bytes(&key_bytes).unwrap();
    let (status, sth) = json(&v, "/registers/addresses/proof/tree-head").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sth["tree_size"], 40);
    let root: [u8; 32] = B64
        .decode(sth["sha256_root_hash"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let signature = Signature::from_slice(
        &B64.decode(sth["tree_head_signature"].as_str().unwrap())
            .unwrap(),
    )
    .unwrap();
    let input = tree_head_signing_input(sth["timestamp"].as_u64().unwrap(), 40, &root);
    key.verify(&input, &signature)
        .expect("signed with the published key");

    let (_, entry) = json(&v, "/registers/addresses/entries/7").await;
    let e = &entry[0];
    let leaf = civic_domain::register::Entry {
        number: 7,
        timestamp: civic_domain::parse_datetime(e["entry-timestamp"].as_str().unwrap()).unwrap(),
        key: e["key"].as_str().unwrap().into(),
        item_hash: e["item-hash"].as_str().unwrap().into(),
    };
    let (status, proof) = json(
        &v,
        "/registers/addresses/proof/inclusion?entry=7&tree_size=40",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let path: Vec<Hash> = proof["audit_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| Hash::from_slice(&B64.decode(h.as_str().unwrap()).unwrap()).unwrap())
        .collect();
    verify_inclusion(
        &leaf_hash(&leaf.leaf_bytes()),
        6,
        40,
        &path,
        &Hash::from_bytes(root),
    )
    .unwrap();
    let by_hash = format!(
        "/registers/addresses/proof/inclusion?hash={}",
        leaf_hash(&leaf.leaf_bytes()).to_hex()
    );
    assert_eq!(json(&v, &by_hash).await.1["entry-number"], 7);

    let (_, old) = json(&v, "/registers/addresses/proof/tree-head").await;
    load_addresses(&app, 45).await;
    let (_, new) = json(&v, "/registers/addresses/proof/tree-head").await;
    assert_eq!(
        new["tree_size"], 45,
        "only the 5 new addresses were appended"
    );
    let (status, consistency) = json(
        &v,
        "/registers/addresses/proof/consistency?first=40&second=45",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let path: Vec<Hash> = consistency["consistency"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| Hash::from_slice(&B64.decode(h.as_str().unwrap()).unwrap()).unwrap())
        .collect();
    let root_of = |sth: &serde_json::Value| {
        Hash::from_slice(
            &B64.decode(sth["sha256_root_hash"].as_str().unwrap())
                .unwrap(),
        )
        .unwrap()
    };
    verify_consistency(40, 45, &root_of(&old), &root_of(&new), &path).unwrap();

    for (path, needle) in [
        (
            "/registers/addresses/proof/inclusion?entry=46",
            "not in a tree of 45",
        ),
        (
            "/registers/addresses/proof/inclusion?entry=3&tree_size=0",
            "at least 1",
        ),
        (
            "/registers/addresses/proof/inclusion?entry=3&tree_size=99",
            "beyond",
        ),
        (
            "/registers/addresses/proof/inclusion?hash=not-hex",
            "64-digit hex",
        ),
        (
            "/registers/addresses/proof/inclusion?entry=three",
            "whole number",
        ),
        (
            "/registers/addresses/proof/consistency?first=0&second=5",
            "at least 1",
        ),
        (
            "/registers/addresses/proof/consistency?first=9&second=5",
            "larger than",
        ),
        ("/registers/addresses/items/sha-256:xyz", "not an item hash"),
    ] {
        let (status, body) = json(&v, path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            body["message"].as_str().unwrap().contains(needle),
            "{path}: {body}"
        );
    }
    assert_eq!(
        v.get("/registers/nothing").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        v.get("/registers/addresses/entries/0").await.status(),
        StatusCode::NOT_FOUND
    );
});

db_test!(records_entries_items_and_redaction, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    load_addresses(&app, 3).await;
    let v = app.visitor();
    let (_, records) = json(&v, "/registers/addresses/records").await;
    assert_eq!(records.as_array().unwrap().len(), 3);
    let hash = records[0]["item-hash"].as_str().unwrap().to_string();
    let redacted_key = records[0]["key"].as_str().unwrap().to_string();
    let (status, item) = json(&v, &format!("/registers/addresses/items/{hash}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(item["postcode"], "ZZ1 1AA");
    let csv = v
        .get("/registers/addresses/records.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.starts_with("key,entry-number,entry-timestamp,item-hash,address-line-1,"),
        "{csv}"
    );
    let entries_csv = v
        .get("/registers/addresses/entries.csv")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(entries_csv.lines().count(), 4);
    let (_, history) = json(&v, "/registers/addresses/records/5000/entries").await;
    assert_eq!(history.as_array().unwrap().len(), 1);
    let before = json(&v, "/registers/addresses/proof/tree-head").await.1;
    assert!(app.store.redact_item(&hash).await.unwrap());
    let redacted = v.get(&format!("/registers/addresses/items/{hash}")).await;
    assert_eq!(redacted.status(), StatusCode::GONE);
    let after = json(&v, "/registers/addresses/proof/tree-head").await.1;
    assert_eq!(
        before["sha256_root_hash"], after["sha256_root_hash"],
        "redaction keeps the log intact"
    );
    let download = v
        .get("/registers/addresses/download")
        .await
        .text()
        .await
        .unwrap();
    assert!(download.contains(&format!("redacted-item\t{hash}")));
    assert!(
        download
            .lines()
            .last()
            .unwrap()
            .starts_with("assert-signed-tree-head\t")
    );
    let (_, record) = json(&v, &format!("/registers/addresses/records/{redacted_key}")).await;
    assert_eq!(record["redacted"], true, "{record}");
    assert!(
        record.get("item").is_none(),
        "a redacted record shows no item: {record}"
    );
    assert_eq!(record["item-hash"], hash.as_str(), "but keeps its hash");
    let other = records[1]["key"].as_str().unwrap();
    let (_, kept) = json(&v, &format!("/registers/addresses/records/{other}")).await;
    assert!(
        kept.get("redacted").is_none() && kept["item"].is_object(),
        "{kept}"
    );
});

db_test!(service_changes_and_bodies_become_register_entries, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let (_, orgs) = json(&v, "/registers/organisations/records").await;
    assert_eq!(orgs.as_array().unwrap().len(), 2);
    let (_, before) = json(
        &v,
        "/registers/services/records/northshire:pay-council-tax/entries",
    )
    .await;
    assert_eq!(before.as_array().unwrap().len(), 1);
    let staff = app.signed_in("staff@northshire.example").await;
    let retired = staff
        .post_form(
            "/staff/bodies/northshire/services/pay-council-tax/retire",
            &[],
        )
        .await;
    assert_eq!(retired.status(), StatusCode::SEE_OTHER);
    let (_, after) = json(
        &v,
        "/registers/services/records/northshire:pay-council-tax/entries",
    )
    .await;
    assert_eq!(
        after.as_array().unwrap().len(),
        2,
        "every change is an entry"
    );
    let (_, record) = json(&v, "/registers/services/records/northshire:pay-council-tax").await;
    assert_eq!(record["item"]["status"], "retired");
    let (_, registers) = json(&v, "/registers/registers/records").await;
    assert_eq!(
        registers.as_array().unwrap().len(),
        4,
        "the register of registers describes them all"
    );
    let text = serde_json::to_string(&json(&v, "/registers/services/records").await.1).unwrap();
    assert!(
        !text.contains("@"),
        "no staff or contact details in registers"
    );
});
