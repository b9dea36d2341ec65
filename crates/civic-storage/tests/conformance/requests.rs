//! Requests, their updates and subscriptions, batch tokens, API keys and the email outbox.

use super::*;
use civic_domain::{
    AttributeDatatype, AttributeOption, Contact, RequestChannel, RequestInput, RequestStatus,
    ServiceAttribute, Visibility,
};
use civic_storage::{NewRequest, OutboxMessage, RequestChange, RequestQuery};

fn pothole_service() -> civic_domain::ServiceDraft {
    let mut input = ServiceInput {
        code: "LGSL 90".into(),
        name: "Report a pothole".into(),
        description: "Potholes".into(),
        channels: vec![ChannelInput {
            kind: "phone".into(),
            detail: "01632 960 001".into(),
            detail_cy: String::new(),
        }],
        digital_inclusion_level: Some(5),
        accepts_requests: true,
        ..Default::default()
    };
    input.attributes = vec![ServiceAttribute {
        code: "depth".into(),
        datatype: AttributeDatatype::SingleValueList,
        required: true,
        variable: true,
        description: "How deep?".into(),
        datatype_description: String::new(),
        order: 1,
        values: vec![AttributeOption {
            key: "deep".into(),
            name: "Deep".into(),
        }],
    }];
    input.validate().expect("valid service")
}

pub async fn setup(store: &std::sync::Arc<dyn civic_storage::Store>) {
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Riverton")).await.unwrap();
    for b in ["eastvale", "riverton"] {
        store
            .create_services(b, &[pothole_service()], &Actor::system("t"))
            .await
            .unwrap();
    }
}

pub fn new_request(body: &str, email: &str, confirmed: bool) -> NewRequest {
    let draft = RequestInput {
        service: "report-a-pothole".into(),
        description: "A deep hole".into(),
        lat: Some("52.2".into()),
        long: Some("-0.9".into()),
        address: "1 High Street".into(),
        attributes: vec![("depth".into(), vec!["deep".into()])],
        contact: Contact {
            name: "Jo Resident".into(),
            email: email.into(),
            phone: "01632 960 123".into(),
        },
        ..Default::default()
    }
    .validate(&pothole_service().attributes)
    .expect("valid request");
    NewRequest {
        body: body.into(),
        service: "report-a-pothole".into(),
        draft,
        channel: RequestChannel::Web,
        visibility: Visibility::Public,
        confirmed,
        token: None,
        api_key_id: None,
        consent: "web form".into(),
        confirm_token_hash: (!confirmed).then(|| format!("hash-{email}")),
        reporter_subscription: Some(format!("sub-{email}")),
        photos: vec![("image/png".into(), vec![0x89, b'P', b'N', b'G'])],
        notifications: vec![OutboxMessage {
            kind: "confirm_report".into(),
            recipient: email.into(),
            payload: serde_json::json!({"token": "raw"}),
        }],
        expected_at: Some(OffsetDateTime::now_utc() + Duration::days(1)),
        received_at: None,
    }
}

db_test!(requests_round_trip_with_private_contact_apart, |db| {
    let store = &db.store;
    setup(store).await;
    let created = store
        .create_request(&new_request("eastvale", "jo@example.org", true))
        .await
        .unwrap();
    let fetched = store.get_request(created.id).await.unwrap().unwrap();
    assert_eq!(fetched, created);
    assert_eq!(fetched.status, RequestStatus::Received);
    assert_eq!(fetched.attributes[0].values, vec!["deep"]);
    assert_eq!(
        fetched.public_name, None,
        "the name is private unless agreed"
    );
    let contact = store
        .request_contact("eastvale", created.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(contact.email, "jo@example.org");
    assert!(
        store
            .request_contact("riverton", created.id)
            .await
            .unwrap()
            .is_none(),
        "tenancy"
    );
    assert_eq!(store.request_photo_count(created.id).await.unwrap(), 1);
    let (ct, bytes) = store.request_photo(created.id, 1).await.unwrap().unwrap();
    assert_eq!((ct.as_str(), bytes.len()), ("image/png", 4));
    assert_eq!(
        store.outbox_pending().await.unwrap(),
        1,
        "queued in the same transaction"
    );
    let unknown = store
        .create_request(&NewRequest {
            service: "nope".into(),
            ..new_request("eastvale", "x@y.org", true)
        })
        .await;
    assert!(matches!(unknown, Err(StorageError::NotFound)));
    assert_eq!(
        store.outbox_pending().await.unwrap(),
        1,
        "nothing half-saved"
    );
});

db_test!(
    unconfirmed_requests_stay_out_of_public_lists_until_confirmed,
    |db| {
        let store = &db.store;
        setup(store).await;
        let r = store
            .create_request(&new_request("eastvale", "jo@example.org", false))
            .await
            .unwrap();
        let public = RequestQuery {
            body: Some("eastvale".into()),
            public_only: true,
            limit: 100,
            ..Default::default()
        };
        assert!(store.list_requests(&public).await.unwrap().is_empty());
        assert!(store.confirm_request("wrong").await.unwrap().is_none());
        let confirmed = store
            .confirm_request("hash-jo@example.org")
            .await
            .unwrap()
            .unwrap();
        assert!(confirmed.confirmed);
        assert_eq!(store.list_requests(&public).await.unwrap()[0].id, r.id);
        assert!(
            store
                .confirm_request("hash-jo@example.org")
                .await
                .unwrap()
                .is_none(),
            "tokens work once"
        );
    }
);

db_test!(listing_filters_requests, |db| {
    let store = &db.store;
    setup(store).await;
    let a = store
        .create_request(&new_request("eastvale", "a@example.org", true))
        .await
        .unwrap();
    let b = store
        .create_request(&new_request("eastvale", "b@example.org", true))
        .await
        .unwrap();
    let c = store
        .create_request(&new_request("riverton", "c@example.org", true))
        .await
        .unwrap();
    let change = RequestChange {
        status: Some(RequestStatus::Fixed),
        description: "Filled".into(),
        actor: "Sam".into(),
        ..Default::default()
    };
    store
        .change_request("eastvale", a.id, &change)
        .await
        .unwrap();
    let q = |f: &dyn Fn(&mut RequestQuery)| {
        let mut q = RequestQuery {
            limit: 100,
            ..Default::default()
        };
        f(&mut q);
        q
    };
    let ids =
        |v: Vec<civic_domain::ServiceRequest>| v.into_iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store
            .list_requests(&q(&|q| q.body = Some("eastvale".into())))
            .await
            .unwrap()),
        vec![b.id, a.id]
    );
    assert_eq!(
        ids(store
            .list_requests(&q(&|q| q.open = Some(false)))
            .await
            .unwrap()),
        vec![a.id]
    );
    assert_eq!(
        ids(store
            .list_requests(&q(&|q| q.open = Some(true)))
            .await
            .unwrap()),
        vec![c.id, b.id]
    );
    assert_eq!(
        ids(store
            .list_requests(&q(&|q| q.ids = vec![a.id, c.id]))
            .await
            .unwrap()),
        vec![c.id, a.id]
    );
    assert_eq!(
        ids(store
            .list_requests(&q(&|q| {
                q.by_updated = true;
                q.body = Some("eastvale".into())
            }))
            .await
            .unwrap()),
        vec![a.id, b.id]
    );
    let later = OffsetDateTime::now_utc() + Duration::hours(1);
    assert!(
        store
            .list_requests(&q(&|q| q.requested_from = Some(later)))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .list_requests(&q(&|q| q.overdue_at = Some(later + Duration::days(2))))
            .await
            .unwrap()
            .len(),
        2,
        "fixed ones are never overdue"
    );
    let sw = civic_domain::Point {
        lat: 52.0,
        long: -1.0,
    };
    let ne = civic_domain::Point {
        lat: 52.5,
        long: -0.5,
    };
    assert_eq!(
        store
            .list_requests(&q(&|q| q.within = Some((sw, ne))))
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        store
            .list_requests(&q(&|q| {
                q.limit = 1;
                q.offset = 1
            }))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        ids(store
            .list_requests(&q(&|q| q.services = vec!["report-a-pothole".into()]))
            .await
            .unwrap())
        .len(),
        3
    );
});

db_test!(changes_record_updates_and_notify_subscribers, |db| {
    let store = &db.store;
    setup(store).await;
    let r = store
        .create_request(&new_request("eastvale", "jo@example.org", true))
        .await
        .unwrap();
    let before = store.outbox_pending().await.unwrap();
    let note = RequestChange {
        description: "Caller sounded upset".into(),
        private: true,
        actor: "Sam".into(),
        ..Default::default()
    };
    store.change_request("eastvale", r.id, &note).await.unwrap();
    assert_eq!(
        store.outbox_pending().await.unwrap(),
        before,
        "private notes notify nobody"
    );
    let public = RequestChange {
        status: Some(RequestStatus::InProgress),
        description: "Crew booked".into(),
        actor: "Sam".into(),
        external_id: Some("EXT-1".into()),
        ..Default::default()
    };
    store
        .change_request("eastvale", r.id, &public)
        .await
        .unwrap();
    assert_eq!(
        store.outbox_pending().await.unwrap(),
        before + 1,
        "the confirmed reporter is told"
    );
    let again = store.change_request("eastvale", r.id, &public).await;
    assert!(
        matches!(again, Err(StorageError::Conflict(_))),
        "external ids are unique per request"
    );
    let elsewhere = store.change_request("riverton", r.id, &public).await;
    assert!(matches!(elsewhere, Err(StorageError::NotFound)), "tenancy");
    let all = store.request_updates(r.id, true).await.unwrap();
    assert_eq!(all.len(), 3);
    let public_only = store.request_updates(r.id, false).await.unwrap();
    assert_eq!(public_only.len(), 2);
    assert!(public_only.iter().all(|u| !u.private));
    let fetched = store.get_request(r.id).await.unwrap().unwrap();
    assert_eq!(fetched.status, RequestStatus::InProgress);
    let window = store
        .body_updates(
            "eastvale",
            OffsetDateTime::now_utc() - Duration::hours(1),
            OffsetDateTime::now_utc() + Duration::hours(1),
            0,
            100,
        )
        .await
        .unwrap();
    assert_eq!(window.len(), 2);
    assert_eq!(window[1].update.external_id.as_deref(), Some("EXT-1"));
    let after = store
        .body_updates(
            "eastvale",
            OffsetDateTime::now_utc() - Duration::hours(1),
            OffsetDateTime::now_utc() + Duration::hours(1),
            window[0].update.id,
            100,
        )
        .await
        .unwrap();
    assert_eq!(after.len(), 1, "paging continues after the last id seen");

    let other = store
        .create_request(&new_request("eastvale", "b@example.org", true))
        .await
        .unwrap();
    let dup = RequestChange {
        duplicate_of: Some(r.id),
        actor: "Sam".into(),
        ..Default::default()
    };
    let marked = store
        .change_request("eastvale", other.id, &dup)
        .await
        .unwrap();
    assert_eq!(marked.status, RequestStatus::Duplicate);
    assert_eq!(
        store
            .get_request(other.id)
            .await
            .unwrap()
            .unwrap()
            .duplicate_of,
        Some(r.id)
    );
    let riverton = store
        .create_request(&new_request("riverton", "c@example.org", true))
        .await
        .unwrap();
    let cross = RequestChange {
        duplicate_of: Some(riverton.id),
        actor: "Sam".into(),
        ..Default::default()
    };
    assert!(matches!(
        store.change_request("eastvale", other.id, &cross).await,
        Err(StorageError::NotFound)
    ));
    let hide = RequestChange {
        visibility: Some(Visibility::Hidden),
        actor: "Mod".into(),
        ..Default::default()
    };
    store.change_request("eastvale", r.id, &hide).await.unwrap();
    let public = RequestQuery {
        public_only: true,
        limit: 10,
        ..Default::default()
    };
    assert!(
        !store
            .list_requests(&public)
            .await
            .unwrap()
            .iter()
            .any(|x| x.id == r.id)
    );
});

db_test!(subscriptions_confirm_and_end, |db| {
    let store = &db.store;
    setup(store).await;
    let r = store
        .create_request(&new_request("eastvale", "jo@example.org", true))
        .await
        .unwrap();
    let before = store.outbox_pending().await.unwrap();
    assert!(
        store
            .subscribe(r.id, "fan@example.org", "tok-1")
            .await
            .unwrap()
    );
    assert!(
        !store
            .subscribe(r.id, "fan@example.org", "tok-2")
            .await
            .unwrap()
    );
    assert_eq!(store.outbox_pending().await.unwrap(), before + 1);
    assert_eq!(
        store.confirm_subscription("tok-1").await.unwrap(),
        Some(r.id)
    );
    assert_eq!(
        store
            .subscription_token(r.id, "fan@example.org")
            .await
            .unwrap()
            .as_deref(),
        Some("tok-1")
    );
    assert_eq!(store.unsubscribe("tok-1").await.unwrap(), Some(r.id));
    assert_eq!(store.unsubscribe("tok-1").await.unwrap(), None);
});

db_test!(batch_tokens_resolve_once_processed, |db| {
    let store = &db.store;
    setup(store).await;
    let mut new = new_request("eastvale", "jo@example.org", false);
    new.channel = RequestChannel::Api;
    new.token = Some("tok-abc".into());
    new.confirm_token_hash = None;
    let r = store.create_request(&new).await.unwrap();
    assert_eq!(
        store.token_request("eastvale", "tok-abc").await.unwrap(),
        Some(("tok-abc".into(), None))
    );
    assert_eq!(
        store.token_request("riverton", "tok-abc").await.unwrap(),
        None
    );
    assert_eq!(store.process_batch().await.unwrap(), vec![r.id]);
    assert_eq!(
        store.token_request("eastvale", "tok-abc").await.unwrap(),
        Some(("tok-abc".into(), Some(r.id)))
    );
    assert!(store.process_batch().await.unwrap().is_empty());
});

db_test!(outbox_claims_retries_and_survives_restart, |db| {
    let store = &db.store;
    setup(store).await;
    store
        .create_request(&new_request("eastvale", "jo@example.org", true))
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc() + Duration::seconds(1);
    let claimed = store
        .claim_outbox(now, now + Duration::minutes(5), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].attempts, 1);
    assert_eq!(claimed[0].payload["token"], "raw");
    assert!(
        store
            .claim_outbox(now, now + Duration::minutes(5), 10)
            .await
            .unwrap()
            .is_empty(),
        "leased"
    );
    store
        .outbox_failed(claimed[0].id, "smtp down", now)
        .await
        .unwrap();
    // A new store over the same database: what was queued is still there.
    let reopened = civic_storage::connect(&db.url).await.unwrap();
    let again = reopened
        .claim_outbox(now, now + Duration::minutes(5), 10)
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 2);
    reopened.outbox_sent(again[0].id, now).await.unwrap();
    assert_eq!(reopened.outbox_pending().await.unwrap(), 0);
});

db_test!(outbox_sets_aside_retries_and_discards, |db| {
    let store = &db.store;
    setup(store).await;
    store
        .create_request(&new_request("eastvale", "jo@example.org", true))
        .await
        .unwrap();
    store
        .create_request(&new_request("eastvale", "sam@example.org", true))
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc() + Duration::seconds(1);
    let claimed = store.claim_outbox(now, now, 10).await.unwrap();
    assert_eq!(claimed.len(), 2);
    let (first, second) = (&claimed[0], &claimed[1]);
    store
        .outbox_set_aside(first.id, "550 mailbox unavailable", now)
        .await
        .unwrap();
    store
        .outbox_set_aside(second.id, "cannot be read", now)
        .await
        .unwrap();
    assert_eq!(
        store.outbox_pending().await.unwrap(),
        0,
        "set aside is not pending"
    );
    assert!(
        store
            .claim_outbox(now + Duration::days(1), now + Duration::days(1), 10)
            .await
            .unwrap()
            .is_empty(),
        "a set-aside message is never claimed again by itself"
    );
    let (listed, total) = store.outbox_set_aside_list(1).await.unwrap();
    assert_eq!(total, 2);
    assert_eq!(listed.len(), 1, "limited");
    let (listed, _) = store.outbox_set_aside_list(10).await.unwrap();
    let entry = listed.iter().find(|m| m.id == first.id).unwrap();
    assert_eq!(entry.last_error, "550 mailbox unavailable");
    assert_eq!(entry.recipient, first.recipient);
    assert_eq!(entry.attempts, 1);

    store.outbox_retry(first.id, now).await.unwrap();
    let again = store.claim_outbox(now, now, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].id, first.id);
    assert_eq!(
        again[0].attempts, 1,
        "a retry starts a fresh round of attempts"
    );
    assert!(
        matches!(
            store.outbox_retry(first.id, now).await,
            Err(StorageError::NotFound)
        ),
        "only a set-aside message can be retried"
    );

    store.outbox_discard(second.id).await.unwrap();
    assert!(matches!(
        store.outbox_discard(second.id).await,
        Err(StorageError::NotFound)
    ));
    assert!(
        matches!(
            store.outbox_discard(first.id).await,
            Err(StorageError::NotFound)
        ),
        "a message in the queue cannot be discarded"
    );
    assert_eq!(store.outbox_set_aside_list(10).await.unwrap().1, 0);
});

db_test!(public_only_changes_treat_other_requests_as_unknown, |db| {
    let store = &db.store;
    setup(store).await;
    let hidden = store
        .create_request(&new_request("eastvale", "jo@example.org", false))
        .await
        .unwrap();
    let change = |public_only| RequestChange {
        status: Some(civic_domain::RequestStatus::Fixed),
        actor: "Pothole app".into(),
        scope: if public_only {
            civic_storage::ChangeScope::Public
        } else {
            civic_storage::ChangeScope::Any
        },
        ..Default::default()
    };
    assert!(matches!(
        store
            .change_request("eastvale", hidden.id, &change(true))
            .await,
        Err(StorageError::NotFound)
    ));
    let unchanged = store.get_request(hidden.id).await.unwrap().unwrap();
    assert_ne!(unchanged.status, civic_domain::RequestStatus::Fixed);
    store
        .change_request("eastvale", hidden.id, &change(false))
        .await
        .unwrap();
});
