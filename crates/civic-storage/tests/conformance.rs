//! The storage conformance suite: every behaviour of the `Store` trait, run unchanged
//! against SQLite and PostgreSQL.

use civic_domain::{
    BodyInput, ChannelInput, Role, ServiceChangeAction, ServiceInput, ServiceStatus, StaffInput,
};
use civic_storage::{Actor, ServiceQuery, StorageError, db_test};
use time::{Duration, OffsetDateTime};

fn body(name: &str) -> civic_domain::BodyDraft {
    BodyInput {
        name: name.into(),
        kind: "district_council".into(),
        website: "https://www.example.gov.uk".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid body")
}

fn service(name: &str, level: i64) -> civic_domain::ServiceDraft {
    ServiceInput {
        code: "LGSL 524".into(),
        name: name.into(),
        description: format!("{name}: tell us and we will sort it."),
        keywords: vec!["rubbish".into(), "waste".into()],
        channels: vec![
            ChannelInput {
                kind: "online".into(),
                detail: "https://www.example.gov.uk/x".into(),
            },
            ChannelInput {
                kind: "phone".into(),
                detail: "01632 960 001".into(),
            },
        ],
        digital_inclusion_level: Some(level),
        accepts_requests: true,
        ..Default::default()
    }
    .validate()
    .expect("valid service")
}

fn staff(email: &str) -> civic_domain::StaffDraft {
    StaffInput {
        email: email.into(),
        name: "Sam Officer".into(),
        password: "correct horse battery".into(),
    }
    .validate()
    .expect("valid staff")
}

db_test!(bodies_are_created_listed_and_unique, |db| {
    let store = &db.store;
    assert!(store.list_bodies().await.unwrap().is_empty());
    let created = store
        .create_body(&body("Eastvale District Council"))
        .await
        .unwrap();
    assert_eq!(created.slug, "eastvale-district-council");
    store
        .create_body(&body("Abbey Town Council"))
        .await
        .unwrap();
    let names: Vec<String> = store
        .list_bodies()
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(
        names,
        vec!["Abbey Town Council", "Eastvale District Council"]
    );
    let again = store.create_body(&body("Eastvale District Council")).await;
    assert!(matches!(again, Err(StorageError::Conflict(_))), "{again:?}");
    let fetched = store
        .get_body("eastvale-district-council")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(fetched, created);
    assert!(store.get_body("nowhere").await.unwrap().is_none());
});

db_test!(services_round_trip_with_unique_slugs, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    let drafts = vec![
        service("Report a missed bin", 6),
        service("Report a missed bin", 7),
    ];
    let created = store
        .create_services("eastvale", &drafts, &Actor::system("test"))
        .await
        .unwrap();
    assert_eq!(created[0].slug, "report-a-missed-bin");
    assert_eq!(created[1].slug, "report-a-missed-bin-2");
    let fetched = store
        .get_service("eastvale", "report-a-missed-bin-2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(fetched, created[1]);
    assert_eq!(fetched.digital_inclusion_level.number(), 7);
    assert_eq!(fetched.channels.len(), 2);
    let missing = store
        .create_services("nowhere", &drafts, &Actor::system("test"))
        .await;
    assert!(matches!(missing, Err(StorageError::NotFound)));
});

db_test!(services_are_walled_off_by_body, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Riverton")).await.unwrap();
    let actor = Actor::system("test");
    store
        .create_services("eastvale", &[service("Pay council tax", 7)], &actor)
        .await
        .unwrap();
    assert!(
        store
            .get_service("riverton", "pay-council-tax")
            .await
            .unwrap()
            .is_none()
    );
    let update = store
        .update_service(
            "riverton",
            "pay-council-tax",
            &service("Hijacked", 1),
            &actor,
        )
        .await;
    assert!(matches!(update, Err(StorageError::NotFound)));
    let retire = store
        .set_service_status(
            "riverton",
            "pay-council-tax",
            ServiceStatus::Retired,
            &actor,
        )
        .await;
    assert!(matches!(retire, Err(StorageError::NotFound)));
    assert!(
        store
            .service_history("riverton", "pay-council-tax")
            .await
            .unwrap()
            .is_empty()
    );
    let theirs = store
        .list_services(&ServiceQuery {
            body: Some("riverton".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(theirs.total, 0);
    let ours = store
        .get_service("eastvale", "pay-council-tax")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ours.name, "Pay council tax");
});

db_test!(updates_record_who_changed_what, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    let admin = store
        .create_staff(
            Some("eastvale"),
            &staff("sam@eastvale.example"),
            "hash",
            Role::Staff,
        )
        .await
        .unwrap();
    let actor = Actor::staff(&admin);
    let created = store
        .create_services("eastvale", &[service("Pay council tax", 7)], &actor)
        .await
        .unwrap();
    let mut edited = service("Pay your council tax", 7);
    edited.code = "LGSL 1".into();
    let updated = store
        .update_service("eastvale", "pay-council-tax", &edited, &actor)
        .await
        .unwrap();
    assert_eq!(
        updated.slug, "pay-council-tax",
        "the identifier stays stable when renamed"
    );
    assert!(updated.updated_at >= created[0].updated_at);
    let unchanged = store
        .update_service("eastvale", "pay-council-tax", &edited, &actor)
        .await
        .unwrap();
    assert_eq!(
        unchanged.updated_at, updated.updated_at,
        "a no-op edit changes nothing"
    );
    store
        .set_service_status(
            "eastvale",
            "pay-council-tax",
            ServiceStatus::Retired,
            &actor,
        )
        .await
        .unwrap();
    let history = store
        .service_history("eastvale", "pay-council-tax")
        .await
        .unwrap();
    let actions: Vec<_> = history.iter().map(|c| c.action).collect();
    assert_eq!(
        actions,
        vec![
            ServiceChangeAction::Retired,
            ServiceChangeAction::Updated,
            ServiceChangeAction::Created
        ]
    );
    assert!(history.iter().all(|c| c.actor == "Sam Officer"));
    let fields: Vec<_> = history[1]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, vec!["code", "name", "description"]);
    assert_eq!(history[1].changes[1].from, "Pay council tax");
    assert_eq!(history[1].changes[1].to, "Pay your council tax");
    let fetched = store
        .get_service("eastvale", "pay-council-tax")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(fetched.status, ServiceStatus::Retired);
    assert_eq!(fetched.name, "Pay your council tax");
});

db_test!(listing_searches_filters_and_pages, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Abbey")).await.unwrap();
    let actor = Actor::system("test");
    let mut drafts: Vec<_> = (0..12)
        .map(|i| service(&format!("Service {i:02}"), 5))
        .collect();
    drafts.push(service("Garden waste 100% recycled", 4));
    store
        .create_services("eastvale", &drafts, &actor)
        .await
        .unwrap();
    store
        .create_services("abbey", &[service("Garden waste", 4)], &actor)
        .await
        .unwrap();
    store
        .set_service_status("eastvale", "service-00", ServiceStatus::Retired, &actor)
        .await
        .unwrap();

    let all = store
        .list_services(&ServiceQuery {
            body: Some("eastvale".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, 12, "retired services are hidden by default");
    assert_eq!(all.services[0].name, "Garden waste 100% recycled");

    let with_retired = store
        .list_services(&ServiceQuery {
            body: Some("eastvale".into()),
            include_retired: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(with_retired.total, 13);

    let page = store
        .list_services(&ServiceQuery {
            body: Some("eastvale".into()),
            limit: Some(5),
            offset: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.services.len(), 2);
    assert_eq!(page.total, 12);

    let search = |text: &str, body: Option<&str>| ServiceQuery {
        body: body.map(String::from),
        text: Some(text.into()),
        ..Default::default()
    };
    let garden = store
        .list_services(&search("GARDEN waste", None))
        .await
        .unwrap();
    assert_eq!(garden.total, 2, "national search spans bodies");
    assert_eq!(
        garden.services[0].body, "abbey",
        "national list is ordered by body"
    );
    let percent = store
        .list_services(&search("100%", Some("eastvale")))
        .await
        .unwrap();
    assert_eq!(percent.total, 1);
    let literal = store
        .list_services(&search("1_0", Some("eastvale")))
        .await
        .unwrap();
    assert_eq!(literal.total, 0, "underscore is literal, not a wildcard");
    let keyword = store
        .list_services(&search("rubbish", Some("abbey")))
        .await
        .unwrap();
    assert_eq!(keyword.total, 1, "keywords are searched");
    let none = store
        .list_services(&search("garden zebra", None))
        .await
        .unwrap();
    assert_eq!(none.total, 0, "every word must match");
});

db_test!(staff_accounts_and_sessions, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    let sam = store
        .create_staff(
            Some("eastvale"),
            &staff("Sam@Eastvale.example"),
            "argon-hash",
            Role::Staff,
        )
        .await
        .unwrap();
    assert_eq!(sam.email, "sam@eastvale.example");
    let admin = store
        .create_staff(None, &staff("admin@civic.example"), "h", Role::Admin)
        .await
        .unwrap();
    assert_eq!(admin.body, None);
    let dup = store
        .create_staff(
            Some("eastvale"),
            &staff("sam@eastvale.example"),
            "h",
            Role::Staff,
        )
        .await;
    assert!(matches!(dup, Err(StorageError::Conflict(_))));
    let unknown_body = store
        .create_staff(Some("nowhere"), &staff("x@y.example"), "h", Role::Staff)
        .await;
    assert!(matches!(unknown_body, Err(StorageError::NotFound)));

    let creds = store
        .staff_credentials("  SAM@eastvale.example ")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(creds.password_hash, "argon-hash");
    assert_eq!(creds.staff, sam);
    assert!(
        store
            .staff_credentials("nobody@x.example")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        store.list_staff("eastvale").await.unwrap(),
        vec![sam.clone()]
    );

    let now = OffsetDateTime::now_utc();
    store
        .create_session("token-hash", sam.id, now + Duration::hours(8))
        .await
        .unwrap();
    store
        .create_session("old-hash", sam.id, now - Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(
        store.session_staff("token-hash", now).await.unwrap(),
        Some(sam.clone())
    );
    assert_eq!(
        store.session_staff("old-hash", now).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(
        store
            .session_staff("token-hash", now + Duration::hours(9))
            .await
            .unwrap(),
        None
    );
    store.delete_session("token-hash").await.unwrap();
    assert_eq!(store.session_staff("token-hash", now).await.unwrap(), None);
});

db_test!(timestamps_round_trip_exactly, |db| {
    let store = &db.store;
    let created = store.create_body(&body("Eastvale")).await.unwrap();
    let fetched = store.get_body("eastvale").await.unwrap().unwrap();
    assert_eq!(created.created_at, fetched.created_at);
    assert_eq!(fetched.created_at.offset(), time::UtcOffset::UTC);
});

db_test!(migrating_twice_is_harmless, |db| {
    db.store.migrate().await.unwrap();
    db.store.ping().await.unwrap();
});

mod requests {
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

    db_test!(api_keys_are_issued_found_and_revoked, |db| {
        let store = &db.store;
        setup(store).await;
        let key = store
            .create_api_key("eastvale", "Pothole app", "hash-1")
            .await
            .unwrap();
        assert_eq!(
            store.api_key("hash-1").await.unwrap().unwrap().body,
            "eastvale"
        );
        assert!(matches!(
            store.create_api_key("nowhere", "x", "hash-2").await,
            Err(StorageError::NotFound)
        ));
        assert!(
            matches!(
                store.revoke_api_key("riverton", key.id).await,
                Err(StorageError::NotFound)
            ),
            "tenancy"
        );
        store.revoke_api_key("eastvale", key.id).await.unwrap();
        assert!(store.api_key("hash-1").await.unwrap().is_none());
        assert!(
            store.list_api_keys("eastvale").await.unwrap()[0]
                .revoked_at
                .is_some()
        );
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
}

db_test!(times_in_any_offset_compare_as_instants, |db| {
    let store = &db.store;
    requests::setup(store).await;
    let r = store
        .create_request(&requests::new_request("eastvale", "jo@example.org", true))
        .await
        .unwrap();
    let offset = time::UtcOffset::from_hms(-5, 0, 0).unwrap();
    let from = (r.requested_at - Duration::minutes(1)).to_offset(offset);
    let to = (r.requested_at + Duration::minutes(1)).to_offset(offset);
    let q = civic_storage::RequestQuery {
        requested_from: Some(from),
        requested_to: Some(to),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(
        store.list_requests(&q).await.unwrap().len(),
        1,
        "a -05:00 window holds a UTC instant"
    );
    let updates = store
        .body_updates("eastvale", from, to, 0, 10)
        .await
        .unwrap();
    assert_eq!(updates.len(), 1, "its first entry falls in the same window");
});

db_test!(sub_second_times_order_correctly, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    let sam = store
        .create_staff(
            Some("eastvale"),
            &staff("sam@eastvale.example"),
            "h",
            Role::Staff,
        )
        .await
        .unwrap();
    let base = time::macros::datetime!(2026-11-25 16:10:27 UTC);
    // 27.731000 must sort before 27.731040, and 27.000000 before 27.500000.
    store
        .create_session("a", sam.id, base + Duration::microseconds(731_000))
        .await
        .unwrap();
    store.create_session("b", sam.id, base).await.unwrap();
    assert_eq!(
        store
            .session_staff("a", base + Duration::microseconds(731_040))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .session_staff("b", base + Duration::milliseconds(500))
            .await
            .unwrap(),
        None
    );
    assert!(
        store
            .session_staff("a", base + Duration::microseconds(730_999))
            .await
            .unwrap()
            .is_some()
    );
});

mod registers {
    use super::*;
    use civic_domain::register::{Item, item_hash};
    use civic_storage::NewEntry;
    use civic_translog::{
        MemoryLog, NodeId, PrefetchedHashes, consistency_proof_nodes, inclusion_proof_nodes,
        leaf_hash,
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
            .records_by_field("addresses", "postcode", "ZZ1 3CC", 10)
            .await
            .unwrap();
        assert_eq!(in_postcode.len(), 1);
        assert_eq!(in_postcode[0].1.get("address-line-1"), Some("5 New Street"));
        assert_eq!(
            store
                .records_by_field("addresses", "postcode", "ZZ1 2BB", 100)
                .await
                .unwrap()
                .len(),
            18,
            "5 moved out"
        );
        let records = store.register_records("addresses", "", 100).await.unwrap();
        assert_eq!(records.len(), 37);
        let page = store
            .register_records("addresses", "36", 100)
            .await
            .unwrap();
        assert_eq!(
            page.len(),
            7,
            "keys after 36 in text order: 37, 4, 5, 6, 7, 8, 9"
        );

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
        let proof = civic_translog::inclusion_proof(
            &prefetched(store, "addresses", 38, nodes).await,
            16,
            38,
        )
        .unwrap();
        proof.verify(&leaf, &head.root).unwrap();
        let nodes = consistency_proof_nodes(20, 38).unwrap();
        let consistency = civic_translog::consistency_proof(
            &prefetched(store, "addresses", 38, nodes).await,
            20,
            38,
        )
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

        // Redaction removes content, keeps the hash, and changes no tree head.
        let hash = history[0].item_hash.clone();
        assert!(store.redact_item(&hash).await.unwrap());
        assert_eq!(store.register_item(&hash).await.unwrap(), Some(None));
        assert_eq!(
            store
                .register_head("addresses")
                .await
                .unwrap()
                .unwrap()
                .root,
            after.root
        );
        assert_eq!(
            store.register_item(&item_hash(b"nothing")).await.unwrap(),
            None
        );
        assert_eq!(
            store.register_names().await.unwrap(),
            vec!["addresses".to_string()]
        );
        let seed = store.signing_seed([7; 32]).await.unwrap();
        assert_eq!(
            store.signing_seed([9; 32]).await.unwrap(),
            seed,
            "the key is made once"
        );
    });
}

mod events {
    use super::*;
    use civic_domain::RequestStatus;
    use civic_domain::measures::{
        EventChannel, EventInput, Grain, TransactionEvent, exact_quantile_i64,
    };
    use civic_storage::{MeasureFilter, NewSpendLine, RequestChange, SurveyAnswer};
    use time::macros::date;

    fn event(id: &str, channel: &str) -> TransactionEvent {
        EventInput {
            id: id.into(),
            channel: channel.into(),
            started_at: "2026-11-01T09:00:00Z".into(),
            outcome_at: Some("2026-11-04T09:00:00Z".into()),
            satisfaction: Some(5),
            ..Default::default()
        }
        .validate()
        .unwrap()
    }

    /// Event "p1", started on 2 November 2026 by the digital channel, with this outcome.
    fn p1(outcome_at: Option<&str>, outcome: Option<&str>) -> TransactionEvent {
        EventInput {
            id: "p1".into(),
            channel: "digital".into(),
            started_at: "2026-11-02T09:00:00Z".into(),
            outcome_at: outcome_at.map(str::to_string),
            outcome: outcome.map(str::to_string),
            ..Default::default()
        }
        .validate()
        .unwrap()
    }

    fn month(body: &str, from: time::Date) -> MeasureFilter {
        MeasureFilter {
            body: Some(body.into()),
            service: None,
            code: None,
            grain: Grain::Month,
            from,
            to: date!(2100 - 01 - 01),
        }
    }

    async fn total(
        store: &std::sync::Arc<dyn civic_storage::Store>,
        filter: &MeasureFilter,
    ) -> civic_domain::measures::Measures {
        let mut all = civic_domain::measures::Measures::default();
        for cell in store.measures(filter).await.unwrap() {
            all.merge(&cell.measures);
        }
        // The counts-only read (from the body-month summaries) agrees on every count of
        // every cell, for this body and nationally, and carries no times.
        let national = MeasureFilter {
            body: None,
            ..filter.clone()
        };
        // Kept at every write, then rebuilt from the cells: the same both times.
        for (rebuild, filter) in [(false, filter), (false, &national), (true, &national)] {
            if rebuild {
                assert!(store.rebuild_month_summaries().await.unwrap() > 0);
            }
            let key = |c: &civic_storage::MeasureCell| {
                let m = &c.measures;
                (
                    (c.body.clone(), c.service.clone(), c.period_start),
                    (
                        c.body_name.clone(),
                        c.service_name.clone(),
                        c.code.clone(),
                        c.target_days,
                    ),
                    (m.started, m.completed, m.not_completed, m.satisfaction),
                )
            };
            let mut cells: Vec<_> = store
                .measures(filter)
                .await
                .unwrap()
                .iter()
                .map(key)
                .collect();
            let counted = store.measure_counts(filter).await.unwrap();
            assert!(counted.iter().all(|c| c.measures.durations.count == 0));
            let mut counts: Vec<_> = counted.iter().map(key).collect();
            cells.sort();
            counts.sort();
            assert_eq!(counts, cells);
        }
        all
    }

    /// Eastvale, with its one service, "Renew a passport", and a data set for it (token
    /// hash "h1").
    async fn eastvale_with_passports(
        store: &std::sync::Arc<dyn civic_storage::Store>,
    ) -> civic_storage::Dataset {
        store.create_body(&body("Eastvale")).await.unwrap();
        store
            .create_services(
                "eastvale",
                &[service("Renew a passport", 7)],
                &Actor::system("t"),
            )
            .await
            .unwrap();
        store
            .create_dataset(
                "eastvale",
                "passports",
                "Passports",
                "renew-a-passport",
                "h1",
                24,
            )
            .await
            .unwrap()
    }

    db_test!(events_ingest_once_per_id_and_batches_are_atomic, |db| {
        let store = &db.store;
        let set = eastvale_with_passports(store).await;
        let missing = store
            .create_dataset("eastvale", "other", "Other", "nope", "h0", 24)
            .await;
        assert!(matches!(missing, Err(StorageError::NotFound)));
        let again = store
            .create_dataset(
                "eastvale",
                "passports",
                "Other",
                "renew-a-passport",
                "h2",
                24,
            )
            .await;
        assert!(matches!(again, Err(StorageError::Conflict(_))));
        assert_eq!(store.dataset_by_token("h1").await.unwrap().unwrap(), set);
        assert!(store.dataset_by_token("h9").await.unwrap().is_none());
        assert_eq!(store.list_datasets("eastvale").await.unwrap().len(), 1);

        let batch: Vec<_> = (0..1200)
            .map(|i| {
                event(
                    &format!("e{i}"),
                    if i % 3 == 0 { "phone" } else { "digital" },
                )
            })
            .collect();
        let first = store.ingest_events(&set, &batch).await.unwrap();
        assert_eq!((first.accepted, first.duplicates), (1200, 0));
        // The sender retries after losing the acknowledgement, with one new event.
        let mut retry = batch[1000..].to_vec();
        retry.push(event("e-new", "post"));
        retry.push(event("e-new", "post"));
        let reopened = civic_storage::connect(&db.url).await.unwrap();
        let second = reopened.ingest_events(&set, &retry).await.unwrap();
        assert_eq!(
            (second.accepted, second.duplicates),
            (1, 201),
            "nothing counted twice"
        );
        let stored = reopened.dataset_by_token("h1").await.unwrap().unwrap();
        assert_eq!(stored.events, 1201);
        assert!(stored.last_received_at.is_some());
        assert!(!stored.is_stale(OffsetDateTime::now_utc()));
        assert!(stored.is_stale(OffsetDateTime::now_utc() + Duration::hours(25)));

        // The measures are the sum of the events, whatever the retries.
        let m = total(&reopened, &month("eastvale", date!(2026 - 01 - 01))).await;
        assert_eq!(m.volume(), 1201);
        assert_eq!(m.started[EventChannel::Phone.index()], 400);
        assert_eq!(m.started[EventChannel::Post.index()], 1);
        assert_eq!(m.completions(), 1201);
        assert_eq!(m.satisfaction[4], 1201);
        let median = m.durations.quantile(0.5).unwrap();
        assert!((median - 3.0 * 86_400.0).abs() <= 0.01 * 3.0 * 86_400.0);
        let days = MeasureFilter {
            grain: Grain::Day,
            ..month("eastvale", date!(2026 - 11 - 04))
        };
        let on_the_day = total(&reopened, &days).await;
        assert_eq!((on_the_day.volume(), on_the_day.completions()), (0, 1201));

        // A pending transaction sent again with its outcome is brought up to date.
        let pending = p1(None, None);
        reopened.ingest_events(&set, &[pending]).await.unwrap();
        let backlog = reopened
            .backlog(Some("eastvale"), None, None)
            .await
            .unwrap();
        assert_eq!(backlog.len(), 1);
        assert_eq!(backlog[0].open, 1);
        let done = p1(Some("2026-11-02T10:00:00Z"), Some("abandoned"));
        let third = reopened
            .ingest_events(&set, &[done.clone(), done])
            .await
            .unwrap();
        assert_eq!((third.accepted, third.updated, third.duplicates), (0, 1, 1));
        let m = total(&reopened, &month("eastvale", date!(2026 - 01 - 01))).await;
        assert_eq!(
            (m.volume(), m.completions(), m.not_completed),
            (1202, 1201, 1)
        );
        assert!(
            reopened
                .backlog(Some("eastvale"), None, None)
                .await
                .unwrap()
                .is_empty()
        );
    });

    db_test!(the_same_events_sent_twice_at_once_count_once, |db| {
        let store = &db.store;
        let set = eastvale_with_passports(store).await;
        // Two senders (a retry racing the original) with overlapping batches, each on its
        // own connection: on PostgreSQL the second insert meets rows the first has not
        // committed when it read, and must count none of them.
        let first: Vec<_> = (0..700)
            .map(|i| event(&format!("e{i}"), "digital"))
            .collect();
        let second: Vec<_> = (300..1000)
            .map(|i| event(&format!("e{i}"), "digital"))
            .collect();
        let other = civic_storage::connect(&db.url).await.unwrap();
        let (a, b) = tokio::join!(
            store.ingest_events(&set, &first),
            other.ingest_events(&set, &second)
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.accepted + b.accepted, 1000);
        assert_eq!(a.duplicates + b.duplicates, 400);
        let m = total(store, &month("eastvale", date!(2026 - 01 - 01))).await;
        assert_eq!(m.volume(), 1000);
        assert_eq!(m.completions(), 1000);
        let stored = store.dataset_by_token("h1").await.unwrap().unwrap();
        assert_eq!(stored.events, 1000);

        // A pending event's outcome sent twice at once is counted once.
        let pending = p1(None, None);
        store.ingest_events(&set, &[pending]).await.unwrap();
        let done = p1(Some("2026-11-03T09:00:00Z"), None);
        let (a, b) = tokio::join!(
            store.ingest_events(&set, std::slice::from_ref(&done)),
            other.ingest_events(&set, std::slice::from_ref(&done))
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!((a.updated + b.updated, a.duplicates + b.duplicates), (1, 1));
        let m = total(store, &month("eastvale", date!(2026 - 01 - 01))).await;
        assert_eq!((m.volume(), m.completions()), (1001, 1001));
    });

    db_test!(day_cells_stored_a_row_each_fold_into_their_months, |db| {
        let store = &db.store;
        let set = eastvale_with_passports(store).await;
        let events: Vec<_> = (0..90i64)
            .map(|i| {
                EventInput {
                    id: format!("e{i}"),
                    channel: ["digital", "phone", "post"][i as usize % 3].into(),
                    started_at: format!("2026-10-{:02}T09:00:00Z", 1 + i % 31),
                    outcome_at: (i % 4 != 0)
                        .then(|| format!("2026-11-{:02}T10:{:02}:00Z", 1 + i % 30, i % 60)),
                    satisfaction: (i % 4 != 0 && i % 5 == 0).then_some(4),
                    ..Default::default()
                }
                .validate()
                .unwrap()
            })
            .collect();
        store.ingest_events(&set, &events).await.unwrap();
        let days = MeasureFilter {
            grain: Grain::Day,
            from: date!(2026 - 10 - 01),
            to: date!(2026 - 12 - 01),
            ..month("eastvale", date!(2026 - 10 - 01))
        };
        let by_day = store.measures(&days).await.unwrap();
        let by_month = store
            .measures(&month("eastvale", date!(2026 - 01 - 01)))
            .await
            .unwrap();
        assert_eq!(by_day.len(), 61);
        // A store made before days were packed: a row per day, months without days, and
        // the fold asked for, as migration 0011 leaves it.
        macro_rules! unpack_days {
            ($conn:ty) => {{
                use sqlx::Connection;
                let mut raw = <$conn>::connect(&db.url).await.unwrap();
                let service: i64 = sqlx::query_scalar("SELECT id FROM services")
                    .fetch_one(&mut raw)
                    .await
                    .unwrap();
                sqlx::query("UPDATE measure_cells SET days = $1")
                    .bind(Vec::<u8>::new())
                    .execute(&mut raw)
                    .await
                    .unwrap();
                for cell in &by_day {
                    let m = &cell.measures;
                    let mut insert = sqlx::query(
                        "INSERT INTO measure_cells (service_id, grain, period_start, \
                         started_digital, started_assisted_digital, started_phone, \
                         started_counter, started_post, started_email, completed_digital, \
                         completed_assisted_digital, completed_phone, completed_counter, \
                         completed_post, completed_email, not_completed, satisfaction_1, \
                         satisfaction_2, satisfaction_3, satisfaction_4, satisfaction_5, \
                         durations) VALUES ($1, 'day', $2, $3, $4, $5, $6, $7, $8, $9, $10, \
                         $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
                    )
                    .bind(service)
                    .bind(cell.period_start);
                    for n in m.started.iter().chain(&m.completed) {
                        insert = insert.bind(*n);
                    }
                    insert = insert.bind(m.not_completed);
                    for n in &m.satisfaction {
                        insert = insert.bind(*n);
                    }
                    insert
                        .bind(m.durations.to_bytes())
                        .execute(&mut raw)
                        .await
                        .unwrap();
                }
                sqlx::query("INSERT INTO pending_rebuilds (name) VALUES ('day_cells')")
                    .execute(&mut raw)
                    .await
                    .unwrap();
            }};
        }
        match store.backend() {
            civic_storage::Backend::Sqlite => unpack_days!(sqlx::SqliteConnection),
            civic_storage::Backend::Postgres => unpack_days!(sqlx::PgConnection),
        }
        assert!(store.measures(&days).await.unwrap().is_empty());
        let old = civic_storage::connect(&db.url).await.unwrap();
        old.migrate().await.unwrap();
        assert_eq!(store.measures(&days).await.unwrap(), by_day);
        // Counts agree with the counts-only reads, for the body and nationally.
        total(store, &days).await;
        // Days from mid-month to mid-month, across the turn of the month.
        let span = MeasureFilter {
            from: date!(2026 - 10 - 29),
            to: date!(2026 - 11 - 03),
            ..days.clone()
        };
        let expected: Vec<_> = by_day
            .iter()
            .filter(|c| c.period_start >= span.from && c.period_start < span.to)
            .cloned()
            .collect();
        assert_eq!(expected.len(), 5);
        assert_eq!(store.measures(&span).await.unwrap(), expected);
        assert_eq!(
            store
                .measures(&month("eastvale", date!(2026 - 01 - 01)))
                .await
                .unwrap(),
            by_month
        );
    });

    db_test!(exact_times_match_a_sort_of_every_duration, |db| {
        let store = &db.store;
        store.create_body(&body("Eastvale")).await.unwrap();
        store.create_body(&body("Riverton")).await.unwrap();
        for b in ["eastvale", "riverton"] {
            store
                .create_services(
                    b,
                    &[service("Bins", 3), service("Parking", 3)],
                    &Actor::system("t"),
                )
                .await
                .unwrap();
        }
        // One body-wide data set per body; every event names its service.
        let mut durations = Vec::new();
        for (n, b) in ["eastvale", "riverton"].into_iter().enumerate() {
            let set = store
                .create_dataset(b, "crm", "CRM", "", &format!("t{n}"), 24)
                .await
                .unwrap();
            assert_eq!(
                store.dataset_services(&set).await.unwrap(),
                ["bins", "parking"]
            );
            let events: Vec<_> = (0..301i64)
                .map(|i| {
                    let seconds = (i * 7919 + n as i64 * 31) % 100_003 + 60;
                    if i % 2 == 0 {
                        durations.push(seconds);
                    }
                    let start = time::macros::datetime!(2026-06-10 08:00 UTC);
                    EventInput {
                        id: format!("x{i}"),
                        service: Some(if i % 2 == 0 { "bins" } else { "parking" }.into()),
                        channel: "digital".into(),
                        started_at: start
                            .format(&time::format_description::well_known::Rfc3339)
                            .unwrap(),
                        outcome_at: Some(
                            (start + Duration::seconds(seconds))
                                .format(&time::format_description::well_known::Rfc3339)
                                .unwrap(),
                        ),
                        ..Default::default()
                    }
                    .validate()
                    .unwrap()
                })
                .collect();
            // Small batches, so each group's runs are merged many times over; the first
            // batch again, which must change nothing.
            for batch in events.chunks(7) {
                store.ingest_events(&set, batch).await.unwrap();
            }
            store.ingest_events(&set, &events[..7]).await.unwrap();
        }
        let times = store
            .exact_times(
                Some("LGSL 524"),
                date!(2026 - 01 - 01),
                date!(2027 - 01 - 01),
            )
            .await
            .unwrap();
        // Rebuilt from the transactions, the runs give the same times.
        assert_eq!(store.rebuild_duration_runs().await.unwrap(), 1);
        assert_eq!(
            store
                .exact_times(None, date!(2026 - 01 - 01), date!(2027 - 01 - 01))
                .await
                .unwrap(),
            times
        );
        // Both services carry the same standard code, so both are in one national group.
        assert_eq!(times.len(), 1);
        assert_eq!(times[0].month, date!(2026 - 06 - 01));
        assert_eq!(times[0].completed, 602);
        let all: Vec<i64> = {
            let mut every = Vec::new();
            for (n, _) in ["eastvale", "riverton"].into_iter().enumerate() {
                for i in 0..301i64 {
                    every.push((i * 7919 + n as i64 * 31) % 100_003 + 60);
                }
            }
            every.sort_unstable();
            every
        };
        assert_eq!(Some(times[0].median_seconds), exact_quantile_i64(&all, 0.5));
        assert_eq!(Some(times[0].p90_seconds), exact_quantile_i64(&all, 0.9));
        assert!(!durations.is_empty());

        // A service given another code takes its transactions' exact times with it, as
        // it takes its cells: the two never describe different transactions.
        let mut recoded = service("Bins", 3);
        recoded.code = "LGSL 999".into();
        store
            .update_service("riverton", "bins", &recoded, &Actor::system("t"))
            .await
            .unwrap();
        let count = |code: &'static str| async move {
            store
                .exact_times(Some(code), date!(2026 - 01 - 01), date!(2027 - 01 - 01))
                .await
                .unwrap()
                .iter()
                .map(|t| t.completed)
                .sum::<i64>()
        };
        assert_eq!(count("LGSL 999").await, 151);
        assert_eq!(count("LGSL 524").await, 602 - 151);
        // And back again: each time leaves the code its row holds.
        store
            .update_service("riverton", "bins", &service("Bins", 3), &Actor::system("t"))
            .await
            .unwrap();
        assert_eq!(count("LGSL 999").await, 0);
        assert_eq!(count("LGSL 524").await, 602);
    });

    db_test!(closed_requests_are_measured_and_surveyed, |db| {
        use super::requests::{new_request, setup};
        let store = &db.store;
        setup(store).await;
        let r = store
            .create_request(&new_request("eastvale", "jo@example.org", true))
            .await
            .unwrap();
        let unconfirmed = store
            .create_request(&new_request("eastvale", "sam@example.org", false))
            .await
            .unwrap();
        let this_year = date!(2020 - 01 - 01);
        let m = total(store, &month("eastvale", this_year)).await;
        assert_eq!(m.volume(), 1, "unconfirmed requests are not counted yet");
        store.confirm_request("hash-sam@example.org").await.unwrap();
        assert_eq!(
            total(store, &month("eastvale", this_year)).await.volume(),
            2
        );
        let _ = unconfirmed;
        let close = RequestChange {
            status: Some(RequestStatus::Fixed),
            description: "Filled".into(),
            actor: "Sam".into(),
            survey: Some(("raw-token".into(), "survey-hash".into())),
            ..Default::default()
        };
        store
            .change_request("eastvale", r.id, &close)
            .await
            .unwrap();
        let m = total(store, &month("eastvale", this_year)).await;
        assert_eq!((m.completions(), m.durations.count), (1, 1));
        assert_eq!(m.completed[EventChannel::Digital.index()], 1);
        let survey = store.survey("survey-hash").await.unwrap().unwrap();
        assert_eq!((survey.request_id, survey.answer), (r.id, None));
        assert!(store.survey("other").await.unwrap().is_none());
        assert_eq!(
            store.answer_survey("survey-hash", 4).await.unwrap(),
            SurveyAnswer::Recorded
        );
        assert_eq!(
            store.answer_survey("survey-hash", 1).await.unwrap(),
            SurveyAnswer::AlreadyAnswered
        );
        assert!(matches!(
            store.answer_survey("other", 1).await,
            Err(StorageError::NotFound)
        ));
        let m = total(store, &month("eastvale", this_year)).await;
        assert_eq!(m.satisfaction, [0, 0, 0, 1, 0]);
        // Reopening takes the outcome back out; closing again puts it back, once.
        let reopen = RequestChange {
            status: Some(RequestStatus::Reopened),
            actor: "Sam".into(),
            ..Default::default()
        };
        store
            .change_request("eastvale", r.id, &reopen)
            .await
            .unwrap();
        let m = total(store, &month("eastvale", this_year)).await;
        assert_eq!(
            (m.completions(), m.durations.count, m.satisfaction_answers()),
            (0, 0, 0)
        );
        let exact = || async {
            store
                .exact_times(None, date!(2000 - 01 - 01), date!(2100 - 01 - 01))
                .await
                .unwrap()
                .iter()
                .map(|t| t.completed)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            exact().await,
            [] as [i64; 0],
            "the exact time is taken out too"
        );
        assert_eq!(
            store.backlog(Some("eastvale"), None, None).await.unwrap()[0].open,
            2
        );
        store
            .change_request("eastvale", r.id, &close)
            .await
            .unwrap();
        let m = total(store, &month("eastvale", this_year)).await;
        assert_eq!(
            (m.volume(), m.completions(), m.satisfaction_answers()),
            (2, 1, 1)
        );
        assert_eq!(exact().await, [1]);
        // Tenancy: the other body's measures hold nothing of this.
        assert_eq!(
            total(store, &month("riverton", this_year)).await.volume(),
            0
        );
    });

    db_test!(spend_loads_once_and_maps_to_services, |db| {
        let store = &db.store;
        store.create_body(&body("Eastvale")).await.unwrap();
        store
            .create_services("eastvale", &[service("Bins", 3)], &Actor::system("t"))
            .await
            .unwrap();
        let line = |n: u64, area: &str, pence: i64| NewSpendLine {
            line: n,
            paid_on: date!(2026 - 04 - 15),
            amount_pence: pence,
            supplier: "Acme Waste Ltd".into(),
            expense_area: area.into(),
            expense_type: "Contract".into(),
            reference: String::new(),
            description: String::new(),
        };
        let lines = vec![
            line(2, "Waste", 60_000),
            line(3, "Waste", 60_000),
            line(4, "Parks", 75_000),
        ];
        let first = store
            .upload_spend("eastvale", "april.csv", &lines, 1)
            .await
            .unwrap();
        assert_eq!((first.stored, first.duplicates, first.rejected), (3, 0, 1));
        let again = store
            .upload_spend("eastvale", "april.csv", &lines, 0)
            .await
            .unwrap();
        assert_eq!(
            (again.stored, again.duplicates),
            (0, 3),
            "the same file twice counts once"
        );
        assert_eq!(store.spend_uploads("eastvale").await.unwrap().len(), 2);
        assert!(matches!(
            store
                .map_spend_area("eastvale", "Waste", Some("nope"))
                .await,
            Err(StorageError::NotFound)
        ));
        store
            .map_spend_area("eastvale", "Waste", Some("bins"))
            .await
            .unwrap();
        let areas = store.spend_areas("eastvale").await.unwrap();
        assert_eq!(areas.len(), 2);
        assert_eq!(areas[1].area, "Waste");
        assert_eq!((areas[1].lines, areas[1].total_pence), (2, 120_000));
        assert_eq!(areas[1].service.as_deref(), Some("bins"));
        let totals = store
            .spend_totals(
                Some("eastvale"),
                None,
                None,
                date!(2026 - 01 - 01),
                date!(2027 - 01 - 01),
            )
            .await
            .unwrap();
        assert_eq!(totals.len(), 1);
        assert_eq!(
            (totals[0].service.as_str(), totals[0].pence),
            ("bins", 120_000)
        );
        store
            .map_spend_area("eastvale", "Waste", None)
            .await
            .unwrap();
        assert!(
            store
                .spend_totals(
                    Some("eastvale"),
                    None,
                    None,
                    date!(2026 - 01 - 01),
                    date!(2027 - 01 - 01)
                )
                .await
                .unwrap()
                .is_empty()
        );
    });
}

mod catalogue {
    use super::body;
    use civic_domain::catalogue::{
        CertificateLevel, Column, ColumnType, DatasetDescriptionInput, DatasetSource, OwnDataset,
        Query, Resource,
    };
    use civic_storage::{CatalogueSearch, CatalogueSort, FacetField, StorageError, db_test};

    fn describe(
        title: &str,
        tags: &str,
        links: &str,
    ) -> civic_domain::catalogue::DatasetDescription {
        DatasetDescriptionInput {
            title: title.into(),
            description: format!("{title}: every record the council keeps, updated monthly."),
            frequency: "monthly".into(),
            theme: "tran".into(),
            tags: tags.into(),
            contact_email: "data@example.gov.uk".into(),
            links: links.into(),
            ..Default::default()
        }
        .validate("eastvale", !links.is_empty())
        .expect("valid description")
    }

    fn table(id: &str) -> Resource {
        Resource {
            id: id.into(),
            name: "Table".into(),
            description: String::new(),
            format: "CSV".into(),
            url: String::new(),
            columns: vec![
                Column::new("road", ColumnType::String, "Road name"),
                Column::new("length_m", ColumnType::Integer, "Length in metres"),
            ],
            hosted: true,
        }
    }

    /// Searches the datasets staff added.
    fn search(q: &str) -> CatalogueSearch {
        let mut s = search_all(q);
        s.query = s
            .query
            .and(Query::parse("source:(upload OR external)").expect("query"));
        s
    }

    fn search_all(q: &str) -> CatalogueSearch {
        CatalogueSearch {
            query: Query::parse(q).expect("query"),
            certificate: None,
            sort: CatalogueSort::Relevance,
            rows: 10,
            start: 0,
            facets: vec![
                FacetField::Organization,
                FacetField::Tags,
                FacetField::ResFormat,
            ],
            facet_limit: 50,
        }
    }

    fn names(results: &civic_storage::CatalogueResults) -> Vec<String> {
        results.datasets.iter().map(|d| d.name.clone()).collect()
    }

    db_test!(concurrent_listings_of_own_datasets_insert_once, |db| {
        let store = &db.store;
        // `civic serve` lists every body's own datasets at start while a new body may be
        // listing its own: the two must not both insert.
        let northfield = body("Northfield");
        let own = civic_domain::catalogue::own_datasets(&civic_domain::Body {
            slug: northfield.slug.clone(),
            name: northfield.name.clone(),
            kind: northfield.kind,
            website: None,
            created_at: time::OffsetDateTime::now_utc(),
        });
        let relist = async {
            for _ in 0..200 {
                match store.publish_own_datasets("northfield", &own).await {
                    Err(StorageError::NotFound) => tokio::task::yield_now().await,
                    other => return other,
                }
            }
            Ok(())
        };
        let (created, relisted) = tokio::join!(store.create_body(&northfield), relist);
        created.unwrap();
        relisted.unwrap();
        let everything = store.search_catalogue(&search_all("")).await.unwrap();
        assert_eq!(everything.count, 6, "six of Civic's own per body, once");
    });

    db_test!(catalogue_stores_searches_facets_and_streams, |db| {
        let store = &db.store;
        store.create_body(&body("Eastvale")).await.unwrap();
        store.create_body(&body("Westmoor")).await.unwrap();

        // Civic's own are listed with each body: metadata once, resources every time.
        let register = store
            .catalogue_dataset("eastvale--service-register")
            .await
            .unwrap()
            .expect("listed with the body");
        assert_eq!(register.title, "Eastvale: service register");
        assert_eq!(register.resources.len(), 2);
        let eastvale = store.get_body("eastvale").await.unwrap().expect("body");
        let mut own: Vec<OwnDataset> = civic_domain::catalogue::own_datasets(&eastvale);
        own[0].description.title = "Ignored on republish".into();
        own[0].resources[0].name = "Register as CSV".into();
        own[0].resources.truncate(1);
        store.publish_own_datasets("eastvale", &own).await.unwrap();
        let register = store
            .catalogue_dataset("eastvale--service-register")
            .await
            .unwrap()
            .expect("listed");
        assert_eq!(register.title, "Eastvale: service register");
        assert_eq!(register.resources.len(), 1);
        assert_eq!(register.resources[0].name, "Register as CSV");
        assert_eq!(register.source, DatasetSource::ServiceRegister);
        let everything = store.search_catalogue(&search_all("")).await.unwrap();
        assert_eq!(everything.count, 12, "six of Civic's own per body");

        // An upload with rows, and an external dataset.
        let rows: Vec<Vec<String>> = (1..=1203)
            .map(|n| vec![format!("Road {n}"), n.to_string()])
            .collect();
        let roads = store
            .add_catalogue_dataset(
                "eastvale",
                DatasetSource::Upload,
                &describe("Road lengths", "roads, highways", ""),
                &[table("")],
                &rows,
            )
            .await
            .unwrap();
        assert_eq!(roads.name, "eastvale--road-lengths");
        assert_eq!(
            roads.tags,
            vec!["highways".to_string(), "roads".to_string()]
        );
        let resource = roads.resources[0].id.clone();
        assert_eq!(resource.len(), 36, "a UUID: {resource}");
        let first = store.catalogue_rows(&resource, 0, 1000).await.unwrap();
        assert_eq!(first.len(), 1000);
        assert_eq!(first[0], (1, vec!["Road 1".to_string(), "1".to_string()]));
        let rest = store.catalogue_rows(&resource, 1000, 1000).await.unwrap();
        assert_eq!(rest.len(), 203);
        assert_eq!(
            store
                .append_catalogue_rows(&resource, &[vec!["Extra".into(), "7".into()]])
                .await
                .unwrap(),
            1204
        );
        assert_eq!(
            store.catalogue_rows(&resource, 1203, 10).await.unwrap(),
            vec![(1204, vec!["Extra".to_string(), "7".to_string()])]
        );
        let duplicate = store
            .add_catalogue_dataset(
                "eastvale",
                DatasetSource::Upload,
                &describe("Road lengths", "", ""),
                &[table("")],
                &rows[..1],
            )
            .await;
        assert!(
            matches!(duplicate, Err(StorageError::Conflict(_))),
            "{duplicate:?}"
        );

        let mut bins = describe("Bin rounds", "waste", "https://example.org/bins.json");
        bins.name = "westmoor--bin-rounds".into();
        store
            .add_catalogue_dataset(
                "westmoor",
                DatasetSource::External,
                &bins,
                &[Resource {
                    id: String::new(),
                    name: "Bins".into(),
                    description: String::new(),
                    format: "JSON".into(),
                    url: "https://example.org/bins.json".into(),
                    columns: Vec::new(),
                    hosted: false,
                }],
                &[],
            )
            .await
            .unwrap();

        // Search: words, fields, NOT, OR, facets, sorting and paging.
        let all = store.search_catalogue(&search("")).await.unwrap();
        assert_eq!(all.count, 2);
        let roads_hit = store.search_catalogue(&search("ROAD")).await.unwrap();
        assert_eq!(names(&roads_hit), vec!["eastvale--road-lengths"]);
        let by_org = store
            .search_catalogue(&search("organization:eastvale"))
            .await;
        assert_eq!(by_org.unwrap().count, 1);
        let not = store
            .search_catalogue(&search("-tags:roads"))
            .await
            .unwrap();
        assert_eq!(names(&not), vec!["westmoor--bin-rounds"]);
        let or = store
            .search_catalogue(&search("tags:waste OR title:lengths"))
            .await;
        assert_eq!(or.unwrap().count, 2);
        let own = store
            .search_catalogue(&search_all("title:register OR source:spend"))
            .await;
        assert_eq!(
            own.unwrap().count,
            6,
            "service and data-sharing registers, and spend"
        );
        // Harvesters ask for what changed since their last visit.
        let since = store
            .search_catalogue(&search_all("metadata_modified:[2000-01-01T00:00:00Z TO *]"))
            .await
            .unwrap();
        assert_eq!(since.count, 14);
        let future = store
            .search_catalogue(&search("metadata_created:{2999-01-01 TO *]"))
            .await
            .unwrap();
        assert_eq!(future.count, 0);
        let json = store
            .search_catalogue(&search("res_format:json"))
            .await
            .unwrap();
        assert_eq!(names(&json), vec!["westmoor--bin-rounds"]);
        let wildcard = store.search_catalogue(&search("100%")).await.unwrap();
        assert_eq!(wildcard.count, 0, "LIKE wildcards are matched literally");
        let facets = &all.facets;
        assert_eq!(facets[0].0, FacetField::Organization);
        let orgs: Vec<(String, i64)> = facets[0]
            .1
            .iter()
            .map(|v| (v.name.clone(), v.count))
            .collect();
        assert_eq!(orgs, vec![("eastvale".into(), 1), ("westmoor".into(), 1)]);
        let formats: Vec<(String, i64)> = facets[2]
            .1
            .iter()
            .map(|v| (v.name.clone(), v.count))
            .collect();
        assert_eq!(formats, vec![("CSV".into(), 1), ("JSON".into(), 1)]);
        let mut by_title = search("");
        by_title.sort = CatalogueSort::Title(true);
        by_title.rows = 1;
        let page1 = store.search_catalogue(&by_title).await.unwrap();
        by_title.start = 1;
        let page2 = store.search_catalogue(&by_title).await.unwrap();
        assert_eq!(
            [names(&page1), names(&page2)].concat(),
            vec!["westmoor--bin-rounds", "eastvale--road-lengths"]
        );
        assert_eq!(page2.count, 2);

        // Certificates are stored for faceting and refreshed as time passes.
        let mut expert = search("");
        expert.certificate = Some(CertificateLevel::Expert);
        expert.facets = vec![FacetField::Certificate];
        let found = store.search_catalogue(&expert).await.unwrap();
        assert_eq!(found.count, 0, "no coverage stated: nothing reaches expert");
        let standard = &found.facets[0].1;
        assert!(standard.is_empty());
        let mut all_levels = search("");
        all_levels.facets = vec![FacetField::Certificate];
        let levels = store.search_catalogue(&all_levels).await.unwrap();
        let levels: Vec<(String, i64)> = levels.facets[0]
            .1
            .iter()
            .map(|v| (v.name.clone(), v.count))
            .collect();
        assert_eq!(levels, vec![("pilot".into(), 1), ("standard".into(), 1)]);
        let later = time::OffsetDateTime::now_utc() + time::Duration::days(400);
        assert_eq!(store.refresh_certificates(later).await.unwrap(), 0);

        // Editing: only the owning body; tags and search text follow.
        let mut edit = describe("Road lengths", "streets", "");
        edit.description = "Lengths of every adopted road.".into();
        assert!(matches!(
            store
                .describe_catalogue_dataset("westmoor", "eastvale--road-lengths", &edit)
                .await,
            Err(StorageError::NotFound)
        ));
        let edited = store
            .describe_catalogue_dataset("eastvale", "eastvale--road-lengths", &edit)
            .await
            .unwrap();
        assert_eq!(edited.tags, vec!["streets".to_string()]);
        assert_eq!(
            store
                .search_catalogue(&search("adopted"))
                .await
                .unwrap()
                .count,
            1
        );
        assert_eq!(
            store
                .search_catalogue(&search("tags:roads"))
                .await
                .unwrap()
                .count,
            0
        );

        // Lookups used by the CKAN API.
        let (dataset, index) = store
            .catalogue_resource(&resource)
            .await
            .unwrap()
            .expect("found");
        assert_eq!(
            (dataset.name.as_str(), index),
            ("eastvale--road-lengths", 0)
        );
        assert!(store.catalogue_resource("nope").await.unwrap().is_none());
        let tags = store.catalogue_tags(None).await.unwrap();
        assert!(tags.contains(&"streets".to_string()) && tags.contains(&"kpi".to_string()));
        assert!(!tags.contains(&"roads".to_string()), "edited away");
        let wa = store.catalogue_tags(Some("WA")).await.unwrap();
        assert_eq!(wa, vec!["waste"]);
        let publishers = store.catalogue_publishers().await.unwrap();
        let counts: Vec<(String, i64)> = publishers
            .iter()
            .map(|p| (p.slug.clone(), p.datasets))
            .collect();
        assert_eq!(counts, vec![("eastvale".into(), 7), ("westmoor".into(), 7)]);
        let page = store
            .catalogue_page("eastvale--road-lengths", 10)
            .await
            .unwrap();
        assert_eq!(page.len(), 9);
        assert_eq!(page[0].name, "eastvale--service-register");

        // Withdrawing: only what staff added, only by its own body, rows and all.
        assert!(matches!(
            store
                .withdraw_catalogue_dataset("westmoor", "eastvale--road-lengths")
                .await,
            Err(StorageError::NotFound)
        ));
        assert!(matches!(
            store
                .withdraw_catalogue_dataset("eastvale", "eastvale--service-register")
                .await,
            Err(StorageError::NotFound)
        ));
        store
            .withdraw_catalogue_dataset("eastvale", "eastvale--road-lengths")
            .await
            .unwrap();
        assert!(
            store
                .catalogue_dataset("eastvale--road-lengths")
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .catalogue_rows(&resource, 0, 10)
                .await
                .unwrap()
                .is_empty()
        );
    });
}
