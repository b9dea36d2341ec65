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
        item_hash: e["item-hash"][0].as_str().unwrap().into(),
    };
    assert_eq!(e["entry-number"], "7", "v1 JSON: every value a string");
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

    // The same proofs in the GOV.UK Registers v1 shapes.
    let (status, v1) = json(&v, "/registers/addresses/proof/entries/7/40/merkle:sha-256").await;
    assert_eq!(status, StatusCode::OK, "{v1}");
    assert_eq!(v1["proof-identifier"], "merkle:sha-256");
    assert_eq!(v1["entry-number"], "7");
    let sha = |h: &serde_json::Value| {
        Hash::from_hex(h.as_str().unwrap().strip_prefix("sha-256:").unwrap()).unwrap()
    };
    let v1_path: Vec<Hash> = v1["merkle-audit-path"]
        .as_array()
        .unwrap()
        .iter()
        .map(sha)
        .collect();
    assert_eq!(v1_path, path);
    let (_, register_proof) = json(&v, "/registers/addresses/proof/register/merkle:sha-256").await;
    assert_eq!(register_proof["total-entries"], "40");
    assert_eq!(sha(&register_proof["root-hash"]), Hash::from_bytes(root));
    assert_eq!(
        v.get("/registers/addresses/proof/register/merkle:sha-512")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

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
    let (_, v1) = json(
        &v,
        "/registers/addresses/proof/consistency/40/45/merkle:sha-256",
    )
    .await;
    let v1_nodes: Vec<Hash> = v1["merkle-consistency-nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(sha)
        .collect();
    assert_eq!(v1_nodes, path);
    let (_, same) = json(
        &v,
        "/registers/addresses/proof/consistency/45/45/merkle:sha-256",
    )
    .await;
    assert_eq!(same["merkle-consistency-nodes"], serde_json::json!([]));

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
        (
            "/registers/addresses/proof/entries/3/99/merkle:sha-256",
            "log size",
        ),
        (
            "/registers/addresses/proof/consistency/0/5/merkle:sha-256",
            "smaller <= larger",
        ),
        ("/registers/addresses/records?page-size=5001", "1 to 5000"),
        ("/registers/addresses/records?page-index=0", "from 1"),
        ("/registers/addresses/entries?limit=x", "whole number"),
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
    let records = records.as_object().unwrap().clone();
    assert_eq!(records.len(), 3, "records are an object keyed by key");
    let (redacted_key, first) = records.iter().next().unwrap();
    assert_eq!(first["key"], redacted_key.as_str());
    let (_, entry) = json(
        &v,
        &format!(
            "/registers/addresses/entries/{}",
            first["entry-number"].as_str().unwrap()
        ),
    )
    .await;
    let hash = entry[0]["item-hash"][0].as_str().unwrap().to_string();
    let (status, item) = json(&v, &format!("/registers/addresses/items/{hash}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(item["postcode"], "ZZ1 1AA");
    assert_eq!(
        first["item"][0], item,
        "the record inlines its item as a list"
    );
    let (_, singular) = json(&v, &format!("/registers/addresses/item/{hash}")).await;
    assert_eq!(
        singular, item,
        "the reference implementation's singular path"
    );
    let csv = v
        .get("/registers/addresses/records.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.starts_with("index-entry-number,entry-number,entry-timestamp,key,uprn,address-line-1,"),
        "{csv}"
    );
    let by_accept = v
        .get_with("/registers/addresses/records", &[("accept", "text/csv")])
        .await;
    assert_eq!(by_accept.text().await.unwrap(), csv);
    let suffix_wins = v
        .get_with(
            "/registers/addresses/records.json",
            &[("accept", "text/csv")],
        )
        .await;
    assert!(suffix_wins.text().await.unwrap().starts_with('{'));
    assert_eq!(
        v.get_with(
            "/registers/addresses/records",
            &[("accept", "application/xml")]
        )
        .await
        .status(),
        StatusCode::NOT_ACCEPTABLE
    );
    let entries_csv = v
        .get("/registers/addresses/entries.csv")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(entries_csv.lines().count(), 4);
    let history = v
        .get(&format!("/registers/addresses/records/{redacted_key}"))
        .await;
    assert_eq!(
        history.headers()["link"].to_str().unwrap(),
        format!("<{redacted_key}/entries>; rel=\"version-history\"")
    );
    let (_, history) = json(
        &v,
        &format!("/registers/addresses/records/{redacted_key}/entries"),
    )
    .await;
    assert_eq!(history.as_array().unwrap().len(), 1);
    let (_, in_postcode) = json(&v, "/registers/addresses/records/postcode/ZZ1%201AA").await;
    assert!(
        in_postcode
            .as_object()
            .unwrap()
            .contains_key(redacted_key.as_str())
    );
    assert_eq!(
        v.get("/registers/addresses/records/no-such-field/x")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let before = json(&v, "/registers/addresses/proof/tree-head").await.1;
    assert!(app.store.redact_item(&hash).await.unwrap());
    // Registers v2 redaction: the field names stay, each value is replaced by its hash.
    let (status, redacted) = json(&v, &format!("/registers/addresses/items/{hash}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        redacted["postcode"],
        civic_domain::register::v1::redacted_value(&civic_domain::register::FieldValue::One(
            "ZZ1 1AA".into()
        ))
    );
    assert!(!redacted.to_string().contains("ZZ1 1AA"));
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
    let line = format!("\"address-line-1\":{}", item["address-line-1"]);
    assert!(
        !download.contains(&line),
        "no redacted value in a download: {line}"
    );
    assert!(
        download
            .lines()
            .last()
            .unwrap()
            .starts_with("assert-signed-tree-head\t")
    );
    let (_, record) = json(&v, &format!("/registers/addresses/records/{redacted_key}")).await;
    let item = &record[redacted_key.as_str()]["item"][0];
    assert!(
        item["address-line-1"]
            .as_str()
            .unwrap()
            .starts_with("**REDACTED**1220"),
        "{record}"
    );
    let (_, in_postcode) = json(&v, "/registers/addresses/records/postcode/ZZ1%201AA").await;
    assert!(
        !in_postcode
            .as_object()
            .unwrap()
            .contains_key(redacted_key.as_str()),
        "a redacted record is not found by what it held"
    );
    assert_eq!(
        v.get(&format!("/addresses/{redacted_key}.json"))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "a redacted address is no longer an address"
    );
});

db_test!(records_and_entries_page_as_govuk_clients_expect, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    load_addresses(&app, 7).await;
    let v = app.visitor();
    let (_, summary) = json(&v, "/registers/addresses/register").await;
    assert_eq!(summary["total-records"], "7");
    assert_eq!(summary["total-entries"], "7");
    assert_eq!(summary["register-record"]["register"], "addresses");
    assert_eq!(summary["register-record"]["fields"][0], "uprn");
    let mut keys = Vec::new();
    let mut next = Some("/registers/addresses/records?page-size=3".to_string());
    while let Some(url) = next.take() {
        let r = v.get(&url).await;
        assert_eq!(r.status(), StatusCode::OK, "{url}");
        next = r
            .headers()
            .get("link")
            .and_then(|l| l.to_str().ok())
            .and_then(|l| l.split(", ").find(|p| p.ends_with("rel=\"next\"")))
            .map(|p| {
                format!(
                    "/registers/addresses/{}",
                    p.trim_start_matches('<').split('>').next().unwrap()
                )
            });
        let page: serde_json::Value = r.json().await.unwrap();
        keys.extend(page.as_object().unwrap().keys().cloned());
    }
    assert_eq!(keys.len(), 7, "{keys:?}");
    assert_eq!(
        v.get("/registers/addresses/records?page-index=4&page-size=3")
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "a page past the last is 404, which ends clients' paging"
    );
    let (_, tail) = json(&v, "/registers/addresses/entries?start=6&limit=5").await;
    assert_eq!(tail.as_array().unwrap().len(), 2);
    assert_eq!(
        v.get("/registers/addresses/entries?start=8").await.status(),
        StatusCode::NOT_FOUND
    );
    // Incremental copies: from 5 entries to 7 holds the two new ones and both roots.
    let rsf = v
        .get("/registers/addresses/download-rsf/5/7")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        rsf.lines()
            .filter(|l| l.starts_with("append-entry\tuser"))
            .count(),
        2
    );
    assert_eq!(
        rsf.lines()
            .filter(|l| l.starts_with("assert-root-hash"))
            .count(),
        2
    );
    let whole = v
        .get("/registers/addresses/download-rsf")
        .await
        .text()
        .await
        .unwrap();
    assert!(whole.starts_with(
        "assert-root-hash\tsha-256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
    ));
    assert!(whole.contains("append-entry\tsystem\tfield:postcode\t"));
    assert_eq!(
        v.get("/registers/addresses/download-rsf/8").await.status(),
        StatusCode::BAD_REQUEST
    );
    // The register of registers answers to GOV.UK's name, and fields are described.
    let (_, registers) = json(&v, "/registers/register/records/addresses").await;
    assert_eq!(registers["addresses"]["item"][0]["register"], "addresses");
    let (_, field) = json(&v, "/registers/field/records/keywords").await;
    assert_eq!(field["keywords"]["item"][0]["cardinality"], "n");
});

db_test!(service_changes_and_bodies_become_register_entries, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let (_, orgs) = json(&v, "/registers/organisations/records").await;
    assert_eq!(orgs.as_object().unwrap().len(), 2);
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
    assert_eq!(
        record["northshire:pay-council-tax"]["item"][0]["status"],
        "retired"
    );
    let (_, registers) = json(&v, "/registers/registers/records").await;
    assert_eq!(
        registers.as_object().unwrap().len(),
        6,
        "the register of registers describes them all"
    );
    let text = serde_json::to_string(&json(&v, "/registers/services/records").await.1).unwrap();
    assert!(
        !text.contains("@"),
        "no staff or contact details in registers"
    );
});
