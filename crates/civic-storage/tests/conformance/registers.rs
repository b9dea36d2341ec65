//! Registers: appends, records, proofs and redaction.

use super::*;
use civic_domain::register::{Item, item_hash};
use civic_storage::NewEntry;
use civic_translog::{
    MemoryLog, NodeId, PrefetchedHashes, consistency_proof_nodes, inclusion_proof_nodes, leaf_hash,
};

fn address(uprn: u32, postcode: &str, line: &str) -> NewEntry {
    NewEntry {
        key: uprn.to_string(),
        item: Item::from_pairs([
            ("uprn", uprn.to_string()),
            ("address-line-1", line.to_string()),
            ("postcode", postcode.to_string()),
        ]),
    }
}

/// The addresses register's entries `from..=to` as RSF lines, from the entries and items
/// read one by one.
async fn rsf_read_one_by_one(
    store: &std::sync::Arc<dyn civic_storage::Store>,
    from: u64,
    to: u64,
) -> String {
    let mut expected = String::new();
    for e in store.register_entries("addresses", from, to).await.unwrap() {
        let item = store
            .register_item(&e.item_hash)
            .await
            .unwrap()
            .and_then(civic_storage::StoredItem::content)
            .unwrap();
        expected.push_str(&format!(
            "add-item\t{}\nappend-entry\tuser\t{}\t{}\t{}\n",
            item.canonical_json(),
            e.key,
            civic_domain::register::rfc3339_seconds(e.timestamp),
            e.item_hash
        ));
    }
    expected
}

async fn prefetched(
    store: &std::sync::Arc<dyn civic_storage::Store>,
    register: &str,
    size: u64,
    nodes: Vec<NodeId>,
) -> PrefetchedHashes {
    let mut p = PrefetchedHashes::new(size);
    for (node, hash) in store.subtree_hashes(register, &nodes).await.unwrap() {
        p.insert(node, hash);
    }
    p
}

db_test!(registers_append_prove_and_redact, |db| {
    let store = &db.store;
    assert!(store.register_head("addresses").await.unwrap().is_none());
    let batch: Vec<NewEntry> = (1..=37)
        .map(|i| {
            address(
                i,
                if i % 2 == 0 { "ZZ1 1AA" } else { "ZZ1 2BB" },
                &format!("{i} High Street"),
            )
        })
        .collect();
    let head = store.append_entries("addresses", &batch).await.unwrap();
    assert_eq!(head.size, 37);
    let again = store.append_entries("addresses", &batch).await.unwrap();
    assert_eq!(again.size, 37, "re-importing the same data appends nothing");
    assert_eq!(again.root, head.root);

    // An independent in-memory log over the same entries has the same root.
    let entries = store.register_entries("addresses", 1, 37).await.unwrap();
    assert_eq!(entries.len(), 37);
    let mut log = MemoryLog::new();
    for e in &entries {
        log.append(&e.leaf_bytes()).unwrap();
    }
    assert_eq!(log.root(), head.root);

    // A changed record appends one entry; history and the current record follow it.
    let moved = store
        .append_entries("addresses", &[address(5, "ZZ1 3CC", "5 New Street")])
        .await
        .unwrap();
    assert_eq!(moved.size, 38);
    let history = store.key_entries("addresses", "5").await.unwrap();
    assert_eq!(
        history.iter().map(|e| e.number).collect::<Vec<_>>(),
        vec![5, 38]
    );
    let in_postcode = store
        .records_by_field("addresses", "postcode", "ZZ1 3CC", 0, 10)
        .await
        .unwrap();
    assert_eq!(in_postcode.len(), 1);
    assert_eq!(in_postcode[0].1.get("address-line-1"), Some("5 New Street"));
    assert_eq!(
        store
            .records_by_field("addresses", "postcode", "ZZ1 2BB", 0, 100)
            .await
            .unwrap()
            .len(),
        18,
        "5 moved out"
    );
    // Records come in the order their keys first appeared, paged by position; 5 keeps its
    // place though it changed.
    let records = store.register_records("addresses", 0, 100).await.unwrap();
    assert_eq!(records.len(), 37);
    assert_eq!(store.record_count("addresses").await.unwrap(), 37);
    assert_eq!(store.register_size("addresses").await.unwrap(), 38);
    assert_eq!(store.register_size("nothing").await.unwrap(), 0);
    let (latest, item) = store
        .register_record("addresses", "5")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.number, 38, "a record is its key's latest entry");
    assert_eq!(
        item.content().unwrap().get("address-line-1"),
        Some("5 New Street")
    );
    assert!(
        store
            .register_record("addresses", "nope")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(records[4].0.key, "5");
    assert_eq!(records[4].0.number, 38);
    let page = store.register_records("addresses", 30, 5).await.unwrap();
    assert_eq!(
        page.iter().map(|(e, _)| e.key.as_str()).collect::<Vec<_>>(),
        vec!["31", "32", "33", "34", "35"]
    );
    assert!(
        store
            .register_records("addresses", 37, 5)
            .await
            .unwrap()
            .is_empty()
    );
    // Any field can be matched, with an index or not, single values and lists alike.
    let on_new_street = store
        .records_by_field("addresses", "address-line-1", "5 New Street", 0, 10)
        .await
        .unwrap();
    assert_eq!(on_new_street.len(), 1);
    assert_eq!(on_new_street[0].0.key, "5");
    let second_page = store
        .records_by_field("addresses", "postcode", "ZZ1 1AA", 10, 100)
        .await
        .unwrap();
    assert_eq!(second_page.len(), 8, "18 even keys, 10 skipped");
    assert_eq!(second_page[0].0.key, "22");
    store
        .append_entries(
            "services",
            &[NewEntry {
                key: "b:s".into(),
                item: {
                    let mut item = Item::from_pairs([("service", "b:s".into())]);
                    item.0.insert(
                        "keywords".into(),
                        civic_domain::register::FieldValue::Many(vec![
                            "bin".into(),
                            "waste".into(),
                        ]),
                    );
                    item
                },
            }],
        )
        .await
        .unwrap();
    let by_keyword = store
        .records_by_field("services", "keywords", "waste", 0, 10)
        .await
        .unwrap();
    assert_eq!(by_keyword.len(), 1);
    assert!(
        store
            .records_by_field("services", "keywords", "was", 0, 10)
            .await
            .unwrap()
            .is_empty()
    );

    // A page of the RSF download is made in the database, in entry order, exactly as the
    // entries and items read one by one would write it.
    assert_eq!(
        store.register_rsf("addresses", 3, 38).await.unwrap(),
        rsf_read_one_by_one(store, 3, 38).await
    );
    assert_eq!(store.register_rsf("addresses", 50, 60).await.unwrap(), "");

    // Proofs built from stored subtree hashes verify against the head.
    let reconnected = civic_storage::connect(&db.url).await.unwrap();
    let head = reconnected
        .register_head("addresses")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(head.size, 38);
    let leaf =
        leaf_hash(&store.register_entries("addresses", 17, 17).await.unwrap()[0].leaf_bytes());
    let nodes = inclusion_proof_nodes(16, 38).unwrap();
    let proof =
        civic_translog::inclusion_proof(&prefetched(store, "addresses", 38, nodes).await, 16, 38)
            .unwrap();
    proof.verify(&leaf, &head.root).unwrap();
    let nodes = consistency_proof_nodes(20, 38).unwrap();
    let consistency =
        civic_translog::consistency_proof(&prefetched(store, "addresses", 38, nodes).await, 20, 38)
            .unwrap();
    let old_root = log.root_at(20).unwrap();
    consistency.verify(&old_root, &head.root).unwrap();

    // Appends after a reconnect continue the same tree.
    let after = reconnected
        .append_entries("addresses", &[address(99, "ZZ1 1AA", "99 High Street")])
        .await
        .unwrap();
    log.append(&store.register_entries("addresses", 38, 38).await.unwrap()[0].leaf_bytes())
        .unwrap();
    log.append(&store.register_entries("addresses", 39, 39).await.unwrap()[0].leaf_bytes())
        .unwrap();
    assert_eq!(after.root, log.root());

    // Redaction removes content, keeps the hash and the v2 redacted form (field names, each
    // value its hash), and changes no tree head.
    let hash = history[0].item_hash.clone();
    assert!(store.redact_item(&hash).await.unwrap());
    let Some(civic_storage::StoredItem::Redacted(Some(redacted))) =
        store.register_item(&hash).await.unwrap()
    else {
        panic!("the item is redacted, with its redacted form kept");
    };
    assert_eq!(
        redacted.get("postcode"),
        Some(
            civic_domain::register::v1::redacted_value(&civic_domain::register::FieldValue::One(
                "ZZ1 2BB".into()
            ))
            .as_str()
        )
    );
    assert!(
        store.redact_item(&hash).await.unwrap(),
        "redacting twice is harmless"
    );
    assert!(
        store
            .records_by_field("addresses", "postcode", "ZZ1 2BB", 0, 100)
            .await
            .unwrap()
            .iter()
            .all(|(e, _)| e.item_hash != hash),
        "a redacted item is not found by its old values"
    );
    assert_eq!(
        store
            .register_head("addresses")
            .await
            .unwrap()
            .unwrap()
            .root,
        after.root
    );
    // The download shows a redacted item by its hash alone.
    assert_eq!(
        store.register_rsf("addresses", 5, 5).await.unwrap(),
        format!(
            "redacted-item\t{hash}\nappend-entry\tuser\t5\t{}\t{hash}\n",
            civic_domain::register::rfc3339_seconds(history[0].timestamp)
        )
    );
    // A page whose entries name items far apart in storage (a record put back as it was,
    // after many new ones) is still whole and in order.
    let fresh: Vec<NewEntry> = (100..=199)
        .map(|i| address(i, "ZZ1 4DD", &format!("{i} Long Lane")))
        .collect();
    store.append_entries("addresses", &fresh).await.unwrap();
    let put_back = store
        .append_entries("addresses", &[address(6, "ZZ1 1AA", "6 Old Road")])
        .await
        .unwrap();
    let restored = store
        .append_entries("addresses", &[address(6, "ZZ1 1AA", "6 High Street")])
        .await
        .unwrap();
    assert_eq!(restored.size, put_back.size + 1);
    assert_eq!(
        store
            .register_rsf("addresses", 130, restored.size)
            .await
            .unwrap(),
        rsf_read_one_by_one(store, 130, restored.size).await
    );
    assert_eq!(
        store.register_item(&item_hash(b"nothing")).await.unwrap(),
        None
    );
    assert_eq!(
        store.register_names().await.unwrap(),
        vec!["addresses".to_string(), "services".to_string()]
    );
    let seed = store.signing_seed([7; 32]).await.unwrap();
    assert_eq!(
        store.signing_seed([9; 32]).await.unwrap(),
        seed,
        "the key is made once"
    );
});

db_test!(
    large_registers_prove_from_stored_and_rehashed_subtrees,
    |db| {
        // 1,300 entries in appends of uneven sizes: the tree then has stored subtree hashes
        // (level 8 and up) and ones hashed again from entries, on both sides of batch edges.
        let store = &db.store;
        let mut log = MemoryLog::new();
        let mut appended = 0u32;
        for size in [1u32, 300, 211, 512, 276] {
            let batch: Vec<NewEntry> = (appended + 1..=appended + size)
                .map(|i| address(i, &format!("ZZ{} 1AA", i % 7), &format!("{i} Long Row")))
                .collect();
            let head = store.append_entries("addresses", &batch).await.unwrap();
            appended += size;
            assert_eq!(head.size, u64::from(appended));
            for e in store
                .register_entries("addresses", head.size - u64::from(size) + 1, head.size)
                .await
                .unwrap()
            {
                log.append(&e.leaf_bytes()).unwrap();
            }
            assert_eq!(head.root, log.root(), "root after {appended} entries");
        }
        let size = u64::from(appended);
        for (index, at) in [
            (0, size),
            (255, size),
            (256, 1025),
            (1299, size),
            (700, 701),
        ] {
            let nodes = inclusion_proof_nodes(index, at).unwrap();
            let proof = civic_translog::inclusion_proof(
                &prefetched(store, "addresses", at, nodes).await,
                index,
                at,
            )
            .unwrap();
            let leaf = leaf_hash(
                &store
                    .register_entries("addresses", index + 1, index + 1)
                    .await
                    .unwrap()[0]
                    .leaf_bytes(),
            );
            proof.verify(&leaf, &log.root_at(at).unwrap()).unwrap();
        }
        for (old, new) in [
            (1, size),
            (256, 512),
            (300, 1024),
            (777, size),
            (1024, 1025),
        ] {
            let nodes = consistency_proof_nodes(old, new).unwrap();
            let proof = civic_translog::consistency_proof(
                &prefetched(store, "addresses", new, nodes).await,
                old,
                new,
            )
            .unwrap();
            proof
                .verify(&log.root_at(old).unwrap(), &log.root_at(new).unwrap())
                .unwrap();
        }

        // A record whose item was redacted, then changed, leaves nothing of its old fields
        // behind (their values were no longer known from the item).
        let old = store
            .register_record("addresses", "8")
            .await
            .unwrap()
            .unwrap()
            .0;
        assert!(store.redact_item(&old.item_hash).await.unwrap());
        store
            .append_entries("addresses", &[address(8, "ZZ9 9ZZ", "8 Long Row")])
            .await
            .unwrap();
        let found = |postcode: &'static str| {
            let store = store.clone();
            async move {
                store
                    .records_by_field("addresses", "postcode", postcode, 0, 2000)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|(e, _)| e.key)
                    .collect::<Vec<_>>()
            }
        };
        assert!(!found("ZZ1 1AA").await.contains(&"8".to_string()));
        assert_eq!(found("ZZ9 9ZZ").await, vec!["8".to_string()]);
        // A changed record whose old item is known moves between postcodes too.
        store
            .append_entries("addresses", &[address(9, "ZZ9 9ZZ", "9 Long Row")])
            .await
            .unwrap();
        assert!(!found("ZZ2 1AA").await.contains(&"9".to_string()));
        assert_eq!(
            found("ZZ9 9ZZ").await,
            vec!["8".to_string(), "9".to_string()]
        );
        // A field holding its own record's key finds that record; a key alone finds nothing.
        let by_uprn = store
            .records_by_field("addresses", "uprn", "9", 0, 10)
            .await
            .unwrap();
        assert_eq!(by_uprn.len(), 1);
        assert_eq!(by_uprn[0].1.get("address-line-1"), Some("9 Long Row"));
        assert!(found("9").await.is_empty());
    }
);
