//! Places that give digital help: the directory, distance, links to services (counted in
//! the feed's places) and reported use.

use super::{body, service};
use civic_domain::Point;
use civic_domain::openreferral::service_feed_id;
use civic_domain::place::{Month, OpeningInput, PlaceAddress, PlaceDraft, PlaceInput, UsageInput};
use civic_storage::{Actor, DataTopic, ServiceQuery, StorageError, db_test};

fn place(name: &str, lat: f64, services: &[&str]) -> PlaceDraft {
    let known: Vec<String> = ["missed-bin", "council-tax"].map(String::from).to_vec();
    PlaceInput {
        name: name.into(),
        kind: "library".into(),
        uprn: "100000001".into(),
        opening: vec![OpeningInput {
            day: "monday".into(),
            opens: "09:00".into(),
            closes: "17:00".into(),
        }],
        help: vec!["computers".into()],
        course_levels: vec![2],
        services: services.iter().map(|s| s.to_string()).collect(),
        accessibility: vec!["step-free".into()],
        languages: "Polish, Welsh".into(),
        booking: "recommended".into(),
        active: true,
        ..Default::default()
    }
    .validate(
        Some(PlaceAddress {
            uprn: "100000001".into(),
            text: "1 High Street, Eastvale".into(),
            postcode: "ZZ1 1AA".into(),
            point: Point { lat, long: -0.9 },
        }),
        &known,
        false,
    )
    .expect("valid place")
}

db_test!(
    places_are_kept_found_by_distance_and_linked_to_services,
    |db| {
        let store = &db.store;
        store.create_body(&body("Eastvale")).await.unwrap();
        store.create_body(&body("Riverton")).await.unwrap();
        let system = Actor::system("test");
        store
            .create_services(
                "eastvale",
                &[service("Missed bin", 3), service("Council tax", 4)],
                &system,
            )
            .await
            .unwrap();
        assert!(matches!(
            store
                .create_place("nowhere", &place("Library", 52.2, &[]))
                .await,
            Err(StorageError::NotFound)
        ));
        // A service of another body is not there to link.
        assert!(matches!(
            store
                .create_place("riverton", &place("Library", 52.2, &["missed-bin"]))
                .await,
            Err(StorageError::NotFound)
        ));
        assert!(
            store
                .places(Some("riverton"), true)
                .await
                .unwrap()
                .is_empty()
        );

        let before = store.data_versions(&[DataTopic::Places]).await.unwrap();
        let central = store
            .create_place("eastvale", &place("Central Library", 52.2, &["missed-bin"]))
            .await
            .unwrap();
        assert_ne!(
            store.data_versions(&[DataTopic::Places]).await.unwrap(),
            before
        );
        assert_eq!(central.slug, "central-library");
        assert_eq!(central.services, ["missed-bin"]);
        assert_eq!(central.languages, ["Polish", "Welsh"]);
        assert_eq!(central.opening.len(), 1);
        let again = store
            .create_place("eastvale", &place("Central Library", 52.3, &[]))
            .await
            .unwrap();
        assert_eq!(again.slug, "central-library-2");
        assert_ne!(again.feed_id, central.feed_id);
        let far = store
            .create_place("riverton", &place("Far Hub", 53.2, &[]))
            .await
            .unwrap();

        let centre = Point {
            lat: 52.201,
            long: -0.9,
        };
        let near = store.places_near(centre, 5_000.0, None, 10).await.unwrap();
        assert_eq!(near.len(), 1, "{near:?}");
        assert_eq!(near[0].place.slug, "central-library");
        assert!((near[0].metres - 111.0).abs() < 5.0, "{}", near[0].metres);
        let wider = store.places_near(centre, 20_000.0, None, 10).await.unwrap();
        assert_eq!(
            wider
                .iter()
                .map(|n| n.place.slug.as_str())
                .collect::<Vec<_>>(),
            ["central-library", "central-library-2"]
        );
        let all = store
            .places_near(centre, 200_000.0, None, 10)
            .await
            .unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[2].place.slug, far.slug);
        let theirs = store
            .places_near(centre, 200_000.0, Some("riverton"), 10)
            .await
            .unwrap();
        assert_eq!(theirs.len(), 1);

        // Linked places count among a service's places, and are found by its feed id.
        let missed = service_feed_id("eastvale", "missed-bin");
        let query = ServiceQuery {
            body: Some("eastvale".into()),
            ..Default::default()
        };
        assert_eq!(
            store.services_by_place(&query, 0, 10).await.unwrap().total,
            1
        );
        let help = store
            .help_at_places(std::slice::from_ref(&missed))
            .await
            .unwrap();
        assert_eq!(help.len(), 1);
        assert_eq!(help[0].place.slug, "central-library");
        let found = store
            .help_at_place(&help[0].feed_id.to_ascii_uppercase())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.service_feed_id, missed);

        // Services that places help with, by the places' feed ids.
        let at = |places: Vec<String>| ServiceQuery {
            at_places: Some(places),
            ..Default::default()
        };
        let helped = store
            .list_services(&at(vec![central.feed_id.to_ascii_uppercase()]))
            .await
            .unwrap();
        assert_eq!(helped.total, 1);
        assert_eq!(helped.services[0].slug, "missed-bin");
        assert_eq!(store.list_services(&at(Vec::new())).await.unwrap().total, 0);
        assert_eq!(
            store
                .list_services(&at(vec![far.feed_id.clone()]))
                .await
                .unwrap()
                .total,
            0
        );

        // Editing the service keeps the count; moving the link moves it; closing drops it.
        let edited = store
            .update_service(
                "eastvale",
                "missed-bin",
                &service("Missed bin collection", 3),
                &system,
            )
            .await
            .unwrap();
        assert_eq!(edited.slug, "missed-bin");
        assert_eq!(
            store.services_by_place(&query, 0, 10).await.unwrap().total,
            1
        );
        let moved = store
            .update_place(
                "eastvale",
                "central-library",
                &place("Central Library", 52.2, &["council-tax", "missed-bin"]),
            )
            .await
            .unwrap();
        assert_eq!(moved.services, ["council-tax", "missed-bin"]);
        assert_eq!(
            store.services_by_place(&query, 0, 10).await.unwrap().total,
            2
        );
        let mut closed = place("Central Library", 52.2, &["council-tax"]);
        closed.active = false;
        store
            .update_place("eastvale", "central-library", &closed)
            .await
            .unwrap();
        assert_eq!(
            store.services_by_place(&query, 0, 10).await.unwrap().total,
            0
        );
        assert!(store.help_at_places(&[missed]).await.unwrap().is_empty());
        assert!(store.help_at_place(&found.feed_id).await.unwrap().is_none());
        assert_eq!(
            store.places(Some("eastvale"), false).await.unwrap().len(),
            1
        );
        assert_eq!(store.places(Some("eastvale"), true).await.unwrap().len(), 2);
        assert_eq!(store.places(None, false).await.unwrap().len(), 2);
        assert!(
            store
                .places_near(centre, 500.0, None, 10)
                .await
                .unwrap()
                .is_empty()
        );
        // Another body cannot change it.
        assert!(matches!(
            store
                .update_place("riverton", "central-library", &closed)
                .await,
            Err(StorageError::NotFound)
        ));
    }
);

db_test!(reported_use_replaces_the_same_month_and_service, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Riverton")).await.unwrap();
    let system = Actor::system("test");
    store
        .create_services("eastvale", &[service("Missed bin", 3)], &system)
        .await
        .unwrap();
    store
        .create_place("eastvale", &place("Library", 52.2, &[]))
        .await
        .unwrap();
    let now = Month {
        year: 2026,
        month: 3,
    };
    let known = vec!["missed-bin".to_string()];
    let report = |month: &str, service: &str, sessions: &str| {
        let mut input = UsageInput {
            month: month.into(),
            service: service.into(),
            sessions: sessions.into(),
            ..Default::default()
        };
        input.people[1] = "4".into();
        input.validate(now, &known).expect("valid report")
    };
    for r in [
        report("2026-02", "", "3"),
        report("2026-02", "missed-bin", "2"),
        report("2026-02", "", "5"),
        report("2026-01", "", "1"),
    ] {
        store
            .record_usage("eastvale", "library", &r, &system)
            .await
            .unwrap();
    }
    assert!(matches!(
        store
            .record_usage("riverton", "library", &report("2026-02", "", "1"), &system)
            .await,
        Err(StorageError::NotFound)
    ));
    let usage = store
        .place_usage(Some("eastvale"), None, None)
        .await
        .unwrap();
    let seen: Vec<(String, Option<String>, u32)> = usage
        .iter()
        .map(|u| {
            (
                u.report.month.to_string(),
                u.report.service.clone(),
                u.report.sessions,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("2026-02".into(), None, 5),
            ("2026-02".into(), Some("missed-bin".into()), 2),
            ("2026-01".into(), None, 1),
        ]
    );
    assert_eq!(usage[1].report.people[1], 4);
    assert_eq!(usage[0].place, "library");
    let since = store
        .place_usage(
            None,
            Some("library"),
            Some(Month {
                year: 2026,
                month: 2,
            }),
        )
        .await
        .unwrap();
    assert_eq!(since.len(), 2);
    assert!(
        store
            .place_usage(Some("riverton"), None, None)
            .await
            .unwrap()
            .is_empty()
    );
});
