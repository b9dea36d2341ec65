//! The storage conformance suite: every behaviour of the `Store` trait, run unchanged
//! against SQLite and PostgreSQL.

use civic_domain::{
    BodyInput, ChannelInput, Role, ServiceChangeAction, ServiceInput, ServiceStatus, StaffInput,
};
use civic_storage::{Actor, ServiceQuery, StorageError, db_test};
use time::{Duration, OffsetDateTime};

mod accounts;
mod catalogue;
mod contracts;
mod events;
mod languages;
mod partners;
mod places;
mod ratelimits;
mod registers;
mod requests;
mod services;
mod stewardship;
mod suppliers;
mod webhooks;

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
                detail_cy: String::new(),
            },
            ChannelInput {
                kind: "phone".into(),
                detail: "01632 960 001".into(),
                detail_cy: String::new(),
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
        ..Default::default()
    }
    .validate()
    .expect("valid staff")
}

db_test!(settings_are_kept_and_replaced, |db| {
    let store = &db.store;
    assert_eq!(store.setting("own-datasets").await.unwrap(), None);
    store.set_setting("own-datasets", "v1").await.unwrap();
    store.set_setting("own-datasets", "v2").await.unwrap();
    assert_eq!(
        store.setting("own-datasets").await.unwrap().as_deref(),
        Some("v2")
    );
});

db_test!(data_versions_move_with_the_changes_they_count, |db| {
    use civic_storage::DataTopic::{Bodies, Requests, Services};
    let store = &db.store;
    let topics = [Bodies, Services, Requests];
    let start = store.data_versions(&topics).await.unwrap();
    store.create_body(&body("Eastvale")).await.unwrap();
    let after_body = store.data_versions(&topics).await.unwrap();
    assert!(after_body[0] > start[0], "a new body moves Bodies");
    assert_eq!(after_body[2], start[2], "a new body leaves requests alone");
    store
        .create_services("eastvale", &[service("Bins", 3)], &Actor::system("test"))
        .await
        .unwrap();
    let after_service = store.data_versions(&topics).await.unwrap();
    assert!(
        after_service[1] > after_body[1],
        "a new service moves Services"
    );
    // A write that fails changes nothing, and moves nothing.
    let refused = store
        .create_services("nowhere", &[service("Bins", 3)], &Actor::system("test"))
        .await;
    assert!(refused.is_err());
    assert_eq!(store.data_versions(&topics).await.unwrap(), after_service);
    store.set_setting("unrelated", "x").await.unwrap();
    assert_eq!(store.data_versions(&topics).await.unwrap(), after_service);
});
