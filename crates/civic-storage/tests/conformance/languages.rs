//! The language of correspondence, on both databases: one choice per address, in any case,
//! and a later choice replaces an earlier one.

use civic_storage::db_test;
use time::OffsetDateTime;

db_test!(a_persons_language_is_kept_and_can_change, |db| {
    let store = &db.store;
    let now = OffsetDateTime::now_utc();
    assert_eq!(
        store
            .correspondence_language("a@example.org")
            .await
            .unwrap(),
        None
    );
    store
        .record_correspondence_language(" A@Example.org", "cy", now)
        .await
        .unwrap();
    assert_eq!(
        store
            .correspondence_language("a@example.org")
            .await
            .unwrap()
            .as_deref(),
        Some("cy")
    );
    store
        .record_correspondence_language("a@example.org", "en", now)
        .await
        .unwrap();
    assert_eq!(
        store
            .correspondence_language("A@EXAMPLE.ORG")
            .await
            .unwrap()
            .as_deref(),
        Some("en")
    );
    assert!(
        store
            .record_correspondence_language("b@example.org", "fr", now)
            .await
            .is_err(),
        "only English and Welsh"
    );
});
