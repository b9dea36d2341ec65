//! Forgotten-password links: single use, short-lived, quiet about unknown addresses.

use super::*;
use civic_storage::OutboxMessage;

fn reset_email(to: &str) -> OutboxMessage {
    OutboxMessage {
        kind: "password_reset".into(),
        recipient: to.into(),
        payload: serde_json::json!({ "token": "raw" }),
    }
}

fn changed_email() -> OutboxMessage {
    OutboxMessage {
        kind: "password_changed".into(),
        recipient: "sam@eastvale.example".into(),
        payload: serde_json::json!({}),
    }
}

db_test!(password_reset_links_work_once_and_expire, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    let sam = store
        .create_staff(
            Some("eastvale"),
            &staff("sam@eastvale.example"),
            "old-hash",
            Role::Staff,
        )
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    let later = now + Duration::hours(1);
    store
        .create_session("session-1", sam.id, later)
        .await
        .unwrap();

    let unknown = store
        .start_password_reset(
            "nobody@x.example",
            "t0",
            &reset_email("nobody@x.example"),
            now,
            later,
        )
        .await
        .unwrap();
    assert!(!unknown, "no account, no link");
    assert_eq!(store.outbox_pending().await.unwrap(), 0, "and no email");

    assert!(
        store
            .start_password_reset(
                " SAM@eastvale.example",
                "t1",
                &reset_email("sam@eastvale.example"),
                now,
                later
            )
            .await
            .unwrap()
    );
    assert_eq!(
        store.outbox_pending().await.unwrap(),
        1,
        "email queued with the link"
    );
    assert_eq!(
        store
            .password_reset_email("t1", now)
            .await
            .unwrap()
            .as_deref(),
        Some("sam@eastvale.example")
    );
    // A second request retires the first link.
    store
        .start_password_reset(
            "sam@eastvale.example",
            "t2",
            &reset_email("sam@eastvale.example"),
            now,
            later,
        )
        .await
        .unwrap();
    assert_eq!(store.password_reset_email("t1", now).await.unwrap(), None);
    assert_eq!(
        store
            .complete_password_reset("t1", "new-hash", &changed_email(), now)
            .await
            .unwrap(),
        None,
        "a retired link does nothing"
    );
    assert_eq!(
        store
            .complete_password_reset("t2", "new-hash", &changed_email(), later)
            .await
            .unwrap(),
        None,
        "an expired link does nothing"
    );
    assert_eq!(
        store
            .complete_password_reset("t2", "new-hash", &changed_email(), now)
            .await
            .unwrap(),
        Some(sam.id)
    );
    assert_eq!(
        store.outbox_pending().await.unwrap(),
        3,
        "two links, then one notice of the change (none for the links that failed)"
    );
    let creds = store
        .staff_credentials("sam@eastvale.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(creds.password_hash, "new-hash");
    assert!(
        store
            .session_staff("session-1", now)
            .await
            .unwrap()
            .is_none(),
        "every session ends"
    );
    assert_eq!(
        store
            .complete_password_reset("t2", "third-hash", &changed_email(), now)
            .await
            .unwrap(),
        None,
        "a link works once"
    );

    // A deactivated account gets no link and cannot use one it had.
    store
        .start_password_reset(
            "sam@eastvale.example",
            "t3",
            &reset_email("sam@eastvale.example"),
            now,
            later,
        )
        .await
        .unwrap();
    store
        .set_staff_active("eastvale", sam.id, false)
        .await
        .unwrap();
    assert_eq!(
        store
            .complete_password_reset("t3", "x", &changed_email(), now)
            .await
            .unwrap(),
        None
    );
    assert!(
        !store
            .start_password_reset(
                "sam@eastvale.example",
                "t4",
                &reset_email("sam@eastvale.example"),
                now,
                later
            )
            .await
            .unwrap()
    );
});

db_test!(a_password_change_queues_a_notice_with_it, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    let sam = store
        .create_staff(
            Some("eastvale"),
            &staff("sam@eastvale.example"),
            "old-hash",
            Role::Staff,
        )
        .await
        .unwrap();
    store
        .set_password_hash(sam.id, "new-hash", None, &changed_email())
        .await
        .unwrap();
    assert_eq!(
        store.outbox_pending().await.unwrap(),
        1,
        "the owner is told"
    );
    assert!(matches!(
        store
            .set_password_hash(999_999, "x", None, &changed_email())
            .await,
        Err(StorageError::NotFound)
    ));
    assert_eq!(
        store.outbox_pending().await.unwrap(),
        1,
        "nothing queued for an account that is not there"
    );
});
