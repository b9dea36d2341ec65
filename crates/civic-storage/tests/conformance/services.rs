//! Bodies, services, staff accounts and sessions, and how instants are stored.

use super::*;

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

db_test!(listing_filters_by_code_level_and_change, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Abbey")).await.unwrap();
    let actor = Actor::system("test");
    let mut other_code = service("Parking permits", 6);
    other_code.code = "LGSL 1044".into();
    store
        .create_services(
            "eastvale",
            &[service("Bins", 4), service("Garden waste", 5), other_code],
            &actor,
        )
        .await
        .unwrap();
    store
        .create_services("abbey", &[service("Bins", 4)], &actor)
        .await
        .unwrap();
    store
        .set_service_status("abbey", "bins", ServiceStatus::Retired, &actor)
        .await
        .unwrap();
    let names = |page: civic_storage::ServicePage| -> Vec<String> {
        page.services.into_iter().map(|s| s.name).collect()
    };
    let by_code = store
        .list_services(&ServiceQuery {
            code: Some("LGSL 524".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        names(by_code),
        vec!["Bins", "Garden waste"],
        "retired are left out"
    );
    let by_level = store
        .list_services(&ServiceQuery {
            inclusion_level: civic_domain::DigitalInclusionLevel::new(6),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(names(by_level), vec!["Parking permits"]);
    assert_eq!(
        store.service_codes(None).await.unwrap(),
        vec![("LGSL 1044".to_string(), 1), ("LGSL 524".to_string(), 2)],
        "codes of offered services only, counted"
    );
    assert_eq!(
        store.service_codes(Some("abbey")).await.unwrap(),
        Vec::<(String, i64)>::new()
    );
    let before_edit = time::OffsetDateTime::now_utc();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    store
        .set_service_status("eastvale", "bins", ServiceStatus::Retired, &actor)
        .await
        .unwrap();
    store
        .set_service_status("eastvale", "bins", ServiceStatus::Active, &actor)
        .await
        .unwrap();
    let changed = store
        .list_services(&ServiceQuery {
            changed_since: Some(before_edit),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        names(changed),
        vec!["Bins"],
        "only the service changed since"
    );
    let later = store
        .list_services(&ServiceQuery {
            changed_since: Some(time::OffsetDateTime::now_utc() + time::Duration::hours(1)),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(later.total, 0);
    let bins = civic_domain::openreferral::service_feed_id("eastvale", "bins");
    let retired = civic_domain::openreferral::service_feed_id("abbey", "bins");
    let found: Vec<(String, String)> = store
        .services_by_feed_id(&[bins.to_uppercase(), retired, "not-an-id".into()])
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.body, s.slug))
        .collect();
    assert_eq!(
        found,
        vec![
            ("eastvale".to_string(), "bins".to_string()),
            ("abbey".to_string(), "bins".to_string())
        ],
        "found by feed identifier in any case, retired too"
    );
});

db_test!(places_are_paged_across_services, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    let with = |name: &str, kinds: &[&str]| {
        let mut draft = service(name, 4);
        for kind in kinds {
            draft.channels.push(civic_domain::Channel {
                kind: civic_domain::ChannelKind::parse(kind).unwrap(),
                detail: format!("{name}: a \"quoted\" \"kind\":\"counter\" place"),
                detail_cy: String::new(),
            });
        }
        draft
    };
    store
        .create_services(
            "eastvale",
            &[
                with("Alpha", &["counter", "post"]),
                with("Beta", &[]),
                with("Gamma", &["counter", "counter"]),
            ],
            &Actor::system("test"),
        )
        .await
        .unwrap();
    let query = ServiceQuery {
        body: Some("eastvale".into()),
        ..Default::default()
    };
    let page = store.services_by_place(&query, 1, 2).await.unwrap();
    let names: Vec<&str> = page.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["Alpha", "Gamma"], "Beta has no places");
    assert_eq!(page.skip, 1, "Alpha's first place was on the page before");
    assert_eq!(page.total, 4, "quoted text in a detail is not a channel");
    let last = store.services_by_place(&query, 3, 2).await.unwrap();
    assert_eq!(last.services.len(), 1);
    assert_eq!(last.skip, 1);
    let past = store.services_by_place(&query, 10, 2).await.unwrap();
    assert!(past.services.is_empty());
    assert_eq!(past.total, 4);
    // An edit that adds a place is counted at once.
    store
        .update_service(
            "eastvale",
            "beta",
            &with("Beta", &["post"]),
            &Actor::system("test"),
        )
        .await
        .unwrap();
    let edited = store.services_by_place(&query, 2, 1).await.unwrap();
    assert_eq!(edited.total, 5);
    assert_eq!(edited.services[0].name, "Beta");
    assert_eq!(edited.skip, 0);
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

db_test!(deactivated_staff_lose_their_sessions_and_can_return, |db| {
    let store = &db.store;
    let sam = northshire_staff(store).await;
    store.create_body(&body("Eastvale")).await.unwrap();
    assert!(sam.active);
    let now = OffsetDateTime::now_utc();
    for token in ["phone", "laptop"] {
        store
            .create_session(token, sam.id, now + Duration::hours(8))
            .await
            .unwrap();
    }
    // Ending the others keeps the one asked for.
    assert_eq!(store.end_sessions(sam.id, Some("phone")).await.unwrap(), 1);
    assert!(store.session_staff("phone", now).await.unwrap().is_some());
    assert!(store.session_staff("laptop", now).await.unwrap().is_none());
    // Another body cannot deactivate them.
    assert!(matches!(
        store.set_staff_active("eastvale", sam.id, false).await,
        Err(StorageError::NotFound)
    ));
    let off = store
        .set_staff_active("northshire", sam.id, false)
        .await
        .unwrap();
    assert!(!off.active);
    assert!(store.session_staff("phone", now).await.unwrap().is_none());
    let creds = store
        .staff_credentials("sam@northshire.example")
        .await
        .unwrap()
        .unwrap();
    assert!(
        !creds.staff.active,
        "the web layer refuses an inactive account"
    );
    let listed = store.list_staff("northshire").await.unwrap();
    assert_eq!(listed.len(), 1, "still listed, with their name");
    assert!(!listed[0].active);
    let back = store
        .set_staff_active("northshire", sam.id, true)
        .await
        .unwrap();
    assert!(back.active);
    store
        .create_session("again", sam.id, now + Duration::hours(8))
        .await
        .unwrap();
    assert!(store.session_staff("again", now).await.unwrap().is_some());
});

db_test!(sessions_in_use_live_on_but_never_past_the_day, |db| {
    let store = &db.store;
    let sam = northshire_staff(store).await;
    let idle = Duration::minutes(30);
    let day = Duration::hours(8);
    let start = OffsetDateTime::now_utc();
    store
        .create_session("s", sam.id, start + idle)
        .await
        .unwrap();
    // Used after 20 minutes: alive for another 30 from then.
    let used = start + Duration::minutes(20);
    store.touch_session("s", used, idle, day).await.unwrap();
    let later = start + Duration::minutes(45);
    assert!(store.session_staff("s", later).await.unwrap().is_some());
    // Unused for longer than the idle time: gone, and touching cannot bring it back.
    let idle_out = start + Duration::minutes(51);
    assert!(store.session_staff("s", idle_out).await.unwrap().is_none());
    store.touch_session("s", idle_out, idle, day).await.unwrap();
    assert!(store.session_staff("s", idle_out).await.unwrap().is_none());
    // However busy, a session ends within the working day.
    store
        .create_session("busy", sam.id, start + idle)
        .await
        .unwrap();
    let mut at = start;
    while at < start + Duration::hours(9) {
        store.touch_session("busy", at, idle, day).await.unwrap();
        at += Duration::minutes(10);
    }
    assert!(
        store
            .session_staff("busy", start + day + Duration::minutes(1))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .session_staff("busy", start + day - idle)
            .await
            .unwrap()
            .is_some()
    );
});

db_test!(
    a_bodys_details_change_and_its_register_record_follows,
    |db| {
        let store = &db.store;
        store.create_body(&body("Northshire")).await.unwrap();
        let mut draft = body("Northshire");
        draft.name = "North Shire Council".into();
        draft.website = Some("https://www.northshire.example".into());
        let changed = store.update_body("northshire", &draft).await.unwrap();
        assert_eq!(changed.slug, "northshire");
        assert_eq!(changed.name, "North Shire Council");
        assert_eq!(
            store.get_body("northshire").await.unwrap().unwrap().name,
            "North Shire Council"
        );
        let head = store.register_head("organisations").await.unwrap().unwrap();
        assert_eq!(head.size, 2, "created, then changed");
        assert!(matches!(
            store.update_body("nowhere", &draft).await,
            Err(StorageError::NotFound)
        ));
    }
);

/// Northshire, and Sam who works there.
async fn northshire_staff(store: &std::sync::Arc<dyn civic_storage::Store>) -> civic_domain::Staff {
    store.create_body(&body("Northshire")).await.unwrap();
    store
        .create_staff(
            Some("northshire"),
            &staff("sam@northshire.example"),
            "h",
            Role::Staff,
        )
        .await
        .unwrap()
}

db_test!(
    search_stems_ranks_and_takes_phrases_and_prefixes_alike,
    |db| {
        let store = &db.store;
        store.create_body(&body("Eastvale")).await.unwrap();
        let described = |name: &str, description: &str| {
            ServiceInput {
                code: "LGSL 524".into(),
                name: name.into(),
                description: description.into(),
                channels: vec![ChannelInput {
                    kind: "phone".into(),
                    detail: "01632 960 001".into(),
                    detail_cy: String::new(),
                }],
                digital_inclusion_level: Some(3),
                ..Default::default()
            }
            .validate()
            .expect("valid service")
        };
        store
            .create_services(
                "eastvale",
                &[
                    described(
                        "Report a missed bin collection",
                        "Tell us when we missed your bin.",
                    ),
                    described(
                        "Book a bulky waste collection",
                        "Sofas, fridges and beds collected.",
                    ),
                    described(
                        "Apply for a parking permit",
                        "Residents' parking, and bins are not here.",
                    ),
                    described("Garden waste subscription", "Brown bin for garden waste."),
                ],
                &Actor::system("test"),
            )
            .await
            .unwrap();
        let names = |text: &str| {
            let store = store.clone();
            let text = text.to_string();
            async move {
                store
                    .list_services(&ServiceQuery {
                        body: Some("eastvale".into()),
                        text: Some(text),
                        ..Default::default()
                    })
                    .await
                    .unwrap()
                    .services
                    .into_iter()
                    .map(|s| s.name)
                    .collect::<Vec<_>>()
            }
        };
        // Stemming: "bins" and "collections" find "bin" and "collection".
        let bins = names("bins").await;
        assert_eq!(bins.len(), 3, "{bins:?}");
        assert_eq!(
            bins[0], "Report a missed bin collection",
            "a word in the name ranks above the same word only in a description"
        );
        assert_eq!(names("collections").await.len(), 2);
        // Every word must match; stop words are left out.
        assert_eq!(
            names("the missed bins").await,
            ["Report a missed bin collection"]
        );
        // A phrase matches words next to each other, in order.
        assert_eq!(
            names("\"garden waste\"").await,
            ["Garden waste subscription"]
        );
        assert!(names("\"waste garden\"").await.is_empty());
        // A prefix.
        assert_eq!(names("subscr*").await, ["Garden waste subscription"]);
        // Operators and quotes of either engine are only text.
        for hostile in [
            "bin' OR '1'='1",
            "NEAR(bin waste)",
            "bin & !waste | x:*",
            "\"",
            "*",
            "-bin",
        ] {
            let found = store
                .list_services(&ServiceQuery {
                    body: Some("eastvale".into()),
                    text: Some(hostile.into()),
                    ..Default::default()
                })
                .await;
            assert!(found.is_ok(), "{hostile}: {found:?}");
        }
        // Changes reach the index at once.
        let services = store
            .list_services(&ServiceQuery {
                body: Some("eastvale".into()),
                ..Default::default()
            })
            .await
            .unwrap()
            .services;
        let permit = services
            .iter()
            .find(|s| s.name.starts_with("Apply"))
            .unwrap();
        store
            .update_service(
                "eastvale",
                &permit.slug,
                &described(
                    "Apply for a residents' parking permit",
                    "Permits for your street.",
                ),
                &Actor::system("test"),
            )
            .await
            .unwrap();
        assert_eq!(
            names("bins").await.len(),
            2,
            "the old description is gone from the index"
        );
        assert_eq!(
            names("residents").await,
            ["Apply for a residents' parking permit"]
        );
    }
);

db_test!(
    search_finds_a_service_by_its_welsh_name_and_description,
    |db| {
        let store = &db.store;
        store.create_body(&body("Trefafon")).await.unwrap();
        let mut bin = service("Report a missed bin", 5);
        bin.name_cy = "Rhoi gwybod am gasgliad bin a fethwyd".into();
        bin.description_cy = "Rhowch wybod i ni os na wnaethom wagio eich bin.".into();
        store
            .create_services(
                "trefafon",
                &[bin, service("Pay council tax", 5)],
                &Actor::system("test"),
            )
            .await
            .unwrap();
        let found = |text: &str| ServiceQuery {
            text: Some(text.into()),
            ..Default::default()
        };
        for (text, expected) in [
            ("fethwyd", vec!["Report a missed bin"]),
            ("wagio", vec!["Report a missed bin"]),
            ("\"gasgliad bin\"", vec!["Report a missed bin"]),
            ("casgliad", vec![]),
        ] {
            let page = store.list_services(&found(text)).await.unwrap();
            let names: Vec<&str> = page.services.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(names, expected, "{text}");
        }
        // A Welsh search finds a word in every mutated form: the radical "casgliad", the
        // nasal "nghasgliad" and a prefix all find "gasgliad"; "methwyd" finds "fethwyd".
        for text in ["casgliad", "nghasgliad", "casgl*", "methwyd", "gasgliad"] {
            let welsh = ServiceQuery {
                welsh: true,
                ..found(text)
            };
            let page = store.list_services(&welsh).await.unwrap();
            let names: Vec<&str> = page.services.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(names, vec!["Report a missed bin"], "{text}");
            assert_eq!(page.total, 1, "{text}");
        }
        let no_such = ServiceQuery {
            welsh: true,
            ..found("casgliad treth")
        };
        assert_eq!(store.list_services(&no_such).await.unwrap().total, 0);
        // Accents are folded on both engines, typed or not: "dwr" finds "dŵr".
        let mut water = service("Report a water leak", 5);
        water.name_cy = "Rhoi gwybod am ollyngiad dŵr".into();
        store
            .create_services("trefafon", &[water], &Actor::system("test"))
            .await
            .unwrap();
        for text in ["dwr", "dŵr", "DŴR", "ollyngiad dwr"] {
            let page = store.list_services(&found(text)).await.unwrap();
            let names: Vec<&str> = page.services.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(names, vec!["Report a water leak"], "{text}");
        }
        // A Welsh name changed is found by its new words only.
        let mut changed = store
            .get_service("trefafon", "report-a-missed-bin")
            .await
            .unwrap()
            .unwrap()
            .to_draft();
        changed.name_cy = "Rhoi gwybod am fin heb ei wagio".into();
        store
            .update_service(
                "trefafon",
                "report-a-missed-bin",
                &changed,
                &Actor::system("test"),
            )
            .await
            .unwrap();
        assert_eq!(
            store.list_services(&found("fethwyd")).await.unwrap().total,
            0
        );
        assert_eq!(store.list_services(&found("heb")).await.unwrap().total, 1);
    }
);

db_test!(a_register_lists_in_welsh_order_by_welsh_name, |db| {
    let store = &db.store;
    store.create_body(&body("Trefafon")).await.unwrap();
    let welsh = |english: &str, cymraeg: &str| {
        let mut s = service(english, 5);
        s.name_cy = cymraeg.into();
        s.description_cy = "Disgrifiad.".into();
        s
    };
    let drafts = [
        welsh("Libraries", "Llyfrgelloedd"),
        welsh("Lost property", "Lwc a cholli"),
        welsh("Council tax", "Treth gyngor"),
        welsh("Theatre", "Theatr"),
        welsh("Playgrounds", "Chwaraefeydd"),
        welsh("Cycling", "Cyclo"),
        service("Zebra crossings", 5),
    ];
    store
        .create_services("trefafon", &drafts, &Actor::system("test"))
        .await
        .unwrap();
    let listed = store
        .list_services(&ServiceQuery {
            body: Some("trefafon".into()),
            welsh: true,
            ..Default::default()
        })
        .await
        .unwrap();
    let names: Vec<&str> = listed.services.iter().map(|s| s.name_in(true)).collect();
    assert_eq!(
        names,
        [
            "Cyclo",
            "Chwaraefeydd",
            "Lwc a cholli",
            "Llyfrgelloedd",
            "Treth gyngor",
            "Theatr",
            "Zebra crossings"
        ]
    );

    // The national list: bodies by their Welsh names in Welsh order (ch after c, so
    // "Cyffordd" before "Chwilog"), where English order would be the other way round.
    for (english, welsh) in [
        ("Alpha Council", "Cyngor Chwilog"),
        ("Beta Council", "Cyngor Cyffordd"),
        ("Gamma Council", "Cyngor Abaty"),
    ] {
        let mut b = body(english);
        b.name_cy = welsh.into();
        store.create_body(&b).await.unwrap();
        store
            .create_services(&b.slug, &[service("Parking", 5)], &Actor::system("test"))
            .await
            .unwrap();
    }
    let first_four = |welsh: bool| {
        let query = ServiceQuery {
            welsh,
            limit: Some(4),
            ..Default::default()
        };
        async move {
            let page = store.list_services(&query).await.unwrap();
            page.services
                .iter()
                .map(|s| s.body.clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        first_four(true).await,
        ["gamma-council", "beta-council", "alpha-council", "trefafon"]
    );
    assert_eq!(
        first_four(false).await,
        ["alpha-council", "beta-council", "gamma-council", "trefafon"]
    );
});

db_test!(
    national_pages_follow_renames_additions_and_retirements,
    |db| {
        let store = &db.store;
        let system = Actor::system("test");
        store.create_body(&body("Zeta Council")).await.unwrap();
        store.create_body(&body("Alpha Council")).await.unwrap();
        store
            .create_services(
                "zeta-council",
                &[service("Bins", 3), service("Art", 3)],
                &system,
            )
            .await
            .unwrap();
        store
            .create_services("alpha-council", &[service("Parks", 3)], &system)
            .await
            .unwrap();
        let page = |offset: i64| async move {
            let found = store
                .list_services(&ServiceQuery {
                    limit: Some(2),
                    offset,
                    ..Default::default()
                })
                .await
                .unwrap();
            let names: Vec<String> = found
                .services
                .iter()
                .map(|s| format!("{}/{}", s.body, s.slug))
                .collect();
            (found.total, names)
        };
        assert_eq!(
            page(0).await,
            (
                3,
                vec!["alpha-council/parks".into(), "zeta-council/art".into()]
            )
        );
        assert_eq!(page(2).await, (3, vec!["zeta-council/bins".into()]));
        // A body renamed moves its services; a service added or retired changes the pages.
        let mut renamed = body("Omega Council");
        renamed.slug = "alpha-council".into();
        store.update_body("alpha-council", &renamed).await.unwrap();
        assert_eq!(
            page(0).await,
            (
                3,
                vec!["alpha-council/parks".into(), "zeta-council/art".into()]
            ),
            "Omega still sorts before Zeta"
        );
        let mut last = body("Zulu Council");
        last.slug = "alpha-council".into();
        store.update_body("alpha-council", &last).await.unwrap();
        assert_eq!(
            page(0).await,
            (
                3,
                vec!["zeta-council/art".into(), "zeta-council/bins".into()]
            )
        );
        store
            .create_services("zeta-council", &[service("Cats", 3)], &system)
            .await
            .unwrap();
        store
            .set_service_status("zeta-council", "art", ServiceStatus::Retired, &system)
            .await
            .unwrap();
        assert_eq!(
            page(0).await,
            (
                3,
                vec!["zeta-council/bins".into(), "zeta-council/cats".into()]
            )
        );
        assert_eq!(page(2).await, (3, vec!["alpha-council/parks".into()]));
    }
);
