//! Partners and the API keys bodies issue them: one credential for Open311 clients, data
//! set pushes, sandbox and back-office systems.

use super::body;
use civic_domain::api_key::{KeyInput, KeyKind, KeyRefusal, Scope};
use civic_domain::catalogue::stewardship::SharingAgreementDraft;
use civic_domain::partner::PartnerInput;
use civic_storage::{NewApiKey, StorageError, db_test};
use time::macros::date;

fn partner(name: &str, org_id: &str) -> civic_domain::partner::PartnerDraft {
    PartnerInput {
        name: name.into(),
        org_id: org_id.into(),
        website: "https://forum.example".into(),
        description: "Maps potholes reported by cyclists".into(),
    }
    .validate()
    .expect("valid partner")
}

fn draft(kind: &str, scopes: &str) -> civic_domain::api_key::KeyDraft {
    KeyInput {
        name: "Pothole app".into(),
        kind: kind.into(),
        scopes: scopes.into(),
        expires_on: "2099-12-31".into(),
        per_minute: String::new(),
    }
    .validate(date!(2026 - 06 - 01))
    .expect("valid key")
}

db_test!(partners_are_added_once_and_listed_by_name, |db| {
    let store = &db.store;
    let forum = store
        .create_partner(&partner("Cycle Forum", "GB-CHC-1234567"))
        .await
        .unwrap();
    assert_eq!(forum.details.slug, "cycle-forum");
    assert_eq!(forum.verification, None);
    store
        .create_partner(&partner("Allotment Society", ""))
        .await
        .unwrap();
    let again = store.create_partner(&partner("Cycle Forum", "")).await;
    assert!(matches!(again, Err(StorageError::Conflict(_))), "{again:?}");
    let names: Vec<_> = store
        .partners()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.details.name)
        .collect();
    assert_eq!(names, ["Allotment Society", "Cycle Forum"]);
    assert_eq!(store.partner("cycle-forum").await.unwrap(), Some(forum));
    assert_eq!(store.partner("nobody").await.unwrap(), None);

    // Verification of status checks a partner's org-id as it does a supplier's.
    use civic_domain::supplier::{OrgScheme, RegisterStatus, read_extract};
    let extract = read_extract(
        OrgScheme::Chc,
        "registered_charity_number\tcharity_name\tcharity_registration_status\n\
         1234567\tCYCLE FORUM\tRegistered\n"
            .as_bytes(),
    )
    .unwrap();
    let counts = store
        .verify_suppliers(
            OrgScheme::Chc,
            &extract,
            "CCEW extract",
            "an administrator",
            date!(2026 - 12 - 07),
        )
        .await
        .unwrap();
    assert_eq!(counts.registered, 1);
    let verified = store.partner("cycle-forum").await.unwrap().unwrap();
    let check = verified.verification.expect("checked");
    assert_eq!(check.status, RegisterStatus::Registered);
    assert_eq!(check.registered_name.as_deref(), Some("CYCLE FORUM"));
});

db_test!(keys_carry_kind_scopes_partner_and_agreement, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Riverton")).await.unwrap();
    store
        .create_partner(&partner("Cycle Forum", ""))
        .await
        .unwrap();
    let agreement = store
        .add_sharing_agreement(
            "eastvale",
            &SharingAgreementDraft {
                title: "Street reports for the forum".into(),
                parties: vec!["Eastvale".into(), "Cycle Forum".into()],
                purpose: "Safer cycling".into(),
                legal_basis: "Public task".into(),
                data_items: vec!["report location".into()],
                starts_on: date!(2026 - 01 - 01),
                review_on: date!(2026 - 06 - 01),
                ends_on: Some(date!(2026 - 12 - 31)),
                owner: "Data protection officer".into(),
            },
        )
        .await
        .unwrap();
    let live = draft("live", "open311:write datasets:7:read");
    let key = store
        .create_api_key(
            "eastvale",
            &NewApiKey {
                draft: &live,
                partner: Some("cycle-forum"),
                agreement: Some(agreement.id),
                key_hash: "hash-1",
                shown: "civic_live_abcd…",
            },
        )
        .await
        .unwrap();
    assert_eq!(key.body, "eastvale");
    assert_eq!(
        key.partner,
        Some(("cycle-forum".into(), "Cycle Forum".into()))
    );
    assert_eq!(key.kind, KeyKind::Live);
    assert_eq!(
        key.scopes,
        [Scope::Open311Write, Scope::DatasetRead("7".into())]
    );
    assert_eq!(key.per_minute, 600);
    assert_eq!(key.expires_on, Some(date!(2099 - 12 - 31)));
    assert_eq!(key.shown, "civic_live_abcd…");
    assert_eq!(
        key.agreement.as_ref().map(|a| (a.starts_on, a.ends_on)),
        Some((date!(2026 - 01 - 01), Some(date!(2026 - 12 - 31))))
    );
    assert_eq!(store.api_key("hash-1").await.unwrap(), Some(key.clone()));
    // The agreement in force lets the key read; once it has ended, it does not.
    let read = Scope::DatasetRead("7".into());
    assert_eq!(
        key.terms()
            .permits("eastvale", &read, date!(2026 - 06 - 01)),
        Ok(())
    );
    assert_eq!(
        key.terms()
            .permits("eastvale", &read, date!(2027 - 01 - 01)),
        Err(KeyRefusal::AgreementNotCurrent)
    );

    // Another body's agreement, an unknown partner or body: nothing is issued.
    for (body, partner, agreement) in [
        ("riverton", None, Some(agreement.id)),
        ("eastvale", Some("nobody"), None),
        ("nowhere", None, None),
    ] {
        let refused = store
            .create_api_key(
                body,
                &NewApiKey {
                    draft: &live,
                    partner,
                    agreement,
                    key_hash: "hash-2",
                    shown: "",
                },
            )
            .await;
        assert!(
            matches!(refused, Err(StorageError::NotFound)),
            "{refused:?}"
        );
    }
    assert_eq!(store.api_key("hash-2").await.unwrap(), None);

    let team = draft("team", "open311:write");
    store
        .create_api_key(
            "eastvale",
            &NewApiKey {
                draft: &team,
                partner: None,
                agreement: None,
                key_hash: "hash-3",
                shown: "",
            },
        )
        .await
        .unwrap();
    assert!(store.api_key("hash-3").await.unwrap().unwrap().is_team());
    let listed: Vec<_> = store
        .list_api_keys("eastvale")
        .await
        .unwrap()
        .into_iter()
        .map(|k| k.kind)
        .collect();
    assert_eq!(listed, [KeyKind::Team, KeyKind::Live]);
    assert_eq!(
        store.partner_api_keys("cycle-forum").await.unwrap(),
        std::slice::from_ref(&key)
    );
    assert!(store.list_api_keys("riverton").await.unwrap().is_empty());

    // Revoking is the issuing body's alone, and a revoked key is still found, as revoked.
    let other = store.revoke_api_key("riverton", key.id).await;
    assert!(matches!(other, Err(StorageError::NotFound)), "tenancy");
    store.revoke_api_key("eastvale", key.id).await.unwrap();
    let revoked = store.api_key("hash-1").await.unwrap().unwrap();
    assert!(revoked.revoked_at.is_some());
    assert_eq!(
        revoked
            .terms()
            .permits("eastvale", &read, date!(2026 - 06 - 01)),
        Err(KeyRefusal::Revoked)
    );
    let twice = store.revoke_api_key("eastvale", key.id).await;
    assert!(matches!(twice, Err(StorageError::NotFound)));
});

db_test!(
    restricted_datasets_keep_who_may_read_and_record_each_read,
    |db| {
        use civic_domain::catalogue::{AccessRights, DatasetDescriptionInput, DatasetSource};
        let store = &db.store;
        store.create_body(&body("Eastvale")).await.unwrap();
        store.create_body(&body("Riverton")).await.unwrap();
        let mut input = DatasetDescriptionInput {
            title: "Fly-tipping".into(),
            description: "Every report, with its location.".into(),
            frequency: "weekly".into(),
            restricted: "yes".into(),
            how_to_apply: "Write to us.".into(),
            ..Default::default()
        };
        let restricted = input.validate("eastvale", false).unwrap();
        store
            .add_catalogue_dataset("eastvale", DatasetSource::Upload, &restricted, &[], &[])
            .await
            .unwrap();
        let stored = store
            .catalogue_dataset(&restricted.name)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (stored.access, stored.how_to_apply.as_str()),
            (AccessRights::Restricted, "Write to us.")
        );
        // Made public again: the how-to-apply goes with the restriction.
        input.restricted = String::new();
        let public = input.validate("eastvale", false).unwrap();
        let changed = store
            .describe_catalogue_dataset("eastvale", &restricted.name, &public)
            .await
            .unwrap();
        assert_eq!(
            (changed.access, changed.how_to_apply.as_str()),
            (AccessRights::Public, "")
        );

        let reader = draft("live", &format!("datasets:{}:read", restricted.name));
        for (body, hash) in [("eastvale", "hash-e"), ("riverton", "hash-r")] {
            store
                .create_api_key(
                    body,
                    &NewApiKey {
                        draft: &reader,
                        partner: None,
                        agreement: None,
                        key_hash: hash,
                        shown: "",
                    },
                )
                .await
                .unwrap();
        }
        let ours = store.api_key("hash-e").await.unwrap().unwrap();
        let theirs = store.api_key("hash-r").await.unwrap().unwrap();
        store
            .record_dataset_access(ours.id, &restricted.name, "r1.csv")
            .await
            .unwrap();
        let wrong_body = store
            .record_dataset_access(theirs.id, &restricted.name, "r1.csv")
            .await;
        assert!(
            matches!(wrong_body, Err(StorageError::NotFound)),
            "{wrong_body:?}"
        );
        let missing = store
            .record_dataset_access(ours.id, "eastvale--nothing", "x.csv")
            .await;
        assert!(matches!(missing, Err(StorageError::NotFound)));
        let accesses = store.dataset_accesses("eastvale", 10).await.unwrap();
        assert_eq!(accesses.len(), 1);
        assert_eq!(
            (
                accesses[0].dataset.as_str(),
                accesses[0].resource.as_str(),
                accesses[0].key.as_str()
            ),
            (restricted.name.as_str(), "r1.csv", "Pothole app")
        );
        assert!(
            store
                .dataset_accesses("riverton", 10)
                .await
                .unwrap()
                .is_empty()
        );
    }
);

db_test!(a_partners_keys_manage_the_endpoints_added_with_them, |db| {
    use civic_domain::webhook::{DisabledReason, EndpointInput};
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Riverton")).await.unwrap();
    for name in ["Cycle Forum", "Allotment Society"] {
        store.create_partner(&partner(name, "")).await.unwrap();
    }
    let manage = draft("live", "webhooks:manage");
    let mut ids = Vec::new();
    for (body, partner, hash) in [
        ("eastvale", Some("cycle-forum"), "k1"),
        ("eastvale", Some("cycle-forum"), "k2"),
        ("eastvale", Some("allotment-society"), "k3"),
        ("eastvale", None, "k4"),
        ("riverton", Some("cycle-forum"), "k5"),
    ] {
        let key = store
            .create_api_key(
                body,
                &NewApiKey {
                    draft: &manage,
                    partner,
                    agreement: None,
                    key_hash: hash,
                    shown: "",
                },
            )
            .await
            .unwrap();
        ids.push(key.id);
    }
    let endpoint = EndpointInput {
        url: "https://partners.example/hooks".into(),
        description: String::new(),
        events: vec!["request.created".into()],
    }
    .validate(false)
    .unwrap();
    let made = store
        .create_keyed_webhook_endpoint("eastvale", &endpoint, "whsec_c2VjcmV0", ids[0])
        .await
        .unwrap();
    assert_eq!(made.owner_key, Some(ids[0]));
    let other_body = store
        .create_keyed_webhook_endpoint("eastvale", &endpoint, "whsec_c2VjcmV0", ids[4])
        .await;
    assert!(
        matches!(other_body, Err(StorageError::NotFound)),
        "{other_body:?}"
    );
    let seen = |key: i64| async move {
        store
            .key_webhook_endpoints("eastvale", key)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(seen(ids[0]).await, [made.id]);
    assert_eq!(
        seen(ids[1]).await,
        [made.id],
        "the same partner's other key"
    );
    assert!(seen(ids[2]).await.is_empty(), "another partner");
    assert!(seen(ids[3]).await.is_empty(), "a key with no partner");
    assert!(
        store
            .key_webhook_endpoints("riverton", ids[4])
            .await
            .unwrap()
            .is_empty(),
        "the partner's key of another body"
    );
    let off = store
        .disable_webhook_endpoint(
            "eastvale",
            made.id,
            DisabledReason::ByPartner,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    assert_eq!(
        off.disabled.map(|(_, r)| r),
        Some(DisabledReason::ByPartner)
    );
    let wrong = store
        .disable_webhook_endpoint(
            "riverton",
            made.id,
            DisabledReason::ByPartner,
            time::OffsetDateTime::now_utc(),
        )
        .await;
    assert!(matches!(wrong, Err(StorageError::NotFound)));
});
