//! Webhooks: endpoints per body, messages written with the change they announce (only to
//! endpoints subscribed, of that body, enabled), claims, retries, disabling and rotation.

use super::requests::{new_request, setup};
use civic_domain::webhook::{DisabledReason, EndpointInput};
use civic_storage::{AttemptRecord, RequestChange, StorageError, db_test};
use time::{Duration, OffsetDateTime};

fn endpoint(url: &str, events: &[&str]) -> civic_domain::webhook::EndpointDraft {
    EndpointInput {
        url: url.into(),
        description: "Partner".into(),
        events: events.iter().map(|e| e.to_string()).collect(),
    }
    .validate(false)
    .expect("valid endpoint")
}

/// (endpoint, event type, subject) of each delivery, sorted.
fn deliveries_of(due: &[civic_storage::DueDelivery]) -> Vec<(i64, &str, String)> {
    let mut seen: Vec<(i64, &str, String)> = due
        .iter()
        .map(|d| (d.endpoint_id, d.event_type.as_str(), d.subject.clone()))
        .collect();
    seen.sort();
    seen
}

db_test!(
    changes_are_announced_to_subscribed_endpoints_of_their_body_only,
    |db| {
        let store = &db.store;
        setup(store).await;
        let created = store
            .create_webhook_endpoint(
                "eastvale",
                &endpoint("https://a.example/hooks", &["request.created"]),
                "whsec_a",
            )
            .await
            .unwrap();
        let updates = store
            .create_webhook_endpoint(
                "eastvale",
                &endpoint(
                    "https://b.example/hooks",
                    &["request.created", "request.updated"],
                ),
                "whsec_b",
            )
            .await
            .unwrap();
        let elsewhere = store
            .create_webhook_endpoint(
                "riverton",
                &endpoint("https://c.example/hooks", &["request.created"]),
                "whsec_c",
            )
            .await
            .unwrap();
        assert_eq!(created.body, "eastvale");
        assert_eq!(store.webhook_endpoints("eastvale").await.unwrap().len(), 2);
        assert!(
            store
                .webhook_endpoint("riverton", created.id)
                .await
                .unwrap()
                .is_none(),
            "another body's endpoint is not found"
        );

        let r = store
            .create_request(&new_request("eastvale", "jo@example.org", true))
            .await
            .unwrap();
        let unconfirmed = store
            .create_request(&new_request("eastvale", "sam@example.org", false))
            .await
            .unwrap();
        let later = OffsetDateTime::now_utc() + Duration::seconds(5);
        let due = store
            .claim_webhook_deliveries(later, later + Duration::minutes(1), 50)
            .await
            .unwrap();
        let seen = deliveries_of(&due);
        assert_eq!(
            seen,
            [
                (created.id, "request.created", r.id.to_string()),
                (updates.id, "request.created", r.id.to_string()),
            ],
            "one delivery per subscribed endpoint of the body; unconfirmed requests wait"
        );
        assert_eq!(
            due[0].message_id, due[1].message_id,
            "one message, two deliveries"
        );
        assert_eq!(due[0].body, "eastvale");
        assert!(due.iter().all(|d| d.endpoint_id != elsewhere.id));
        assert!(
            store
                .claim_webhook_deliveries(later, later + Duration::minutes(1), 50)
                .await
                .unwrap()
                .is_empty(),
            "claimed deliveries are leased"
        );

        // Confirming announces it then; a private note announces nothing; a public update
        // goes to the endpoint that asked for updates.
        store.confirm_request("hash-sam@example.org").await.unwrap();
        store
            .change_request(
                "eastvale",
                r.id,
                &RequestChange {
                    description: "Caller sounded upset".into(),
                    private: true,
                    actor: "Sam".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        store
            .change_request(
                "eastvale",
                r.id,
                &RequestChange {
                    description: "Crew booked".into(),
                    actor: "Sam".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let due = store
            .claim_webhook_deliveries(later, later + Duration::minutes(1), 50)
            .await
            .unwrap();
        let seen = deliveries_of(&due);
        assert_eq!(
            seen,
            [
                (created.id, "request.created", unconfirmed.id.to_string()),
                (updates.id, "request.created", unconfirmed.id.to_string()),
                (updates.id, "request.updated", r.id.to_string()),
            ]
        );
    }
);

db_test!(attempts_are_recorded_retried_and_endpoints_disabled, |db| {
    let store = &db.store;
    setup(store).await;
    let e = store
        .create_webhook_endpoint(
            "eastvale",
            &endpoint("https://a.example/hooks", &["request.created"]),
            "whsec_first",
        )
        .await
        .unwrap();
    store
        .create_request(&new_request("eastvale", "jo@example.org", true))
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc() + Duration::seconds(1);
    let lease = now + Duration::minutes(1);
    let first = store
        .claim_webhook_deliveries(now, lease, 10)
        .await
        .unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].secrets, ["whsec_first"]);
    assert_eq!(first[0].attempts, 0);
    let retry = now + Duration::seconds(5);
    store
        .record_webhook_attempts(&[(
            first[0].message_id,
            e.id,
            now,
            AttemptRecord::Failed {
                status: Some(500),
                error: "answered HTTP 500".into(),
                retry_at: Some(retry),
                disable: None,
            },
        )])
        .await
        .unwrap();
    let failing = store
        .webhook_endpoint("eastvale", e.id)
        .await
        .unwrap()
        .unwrap();
    assert!(failing.failing_since.is_some());
    assert!(
        store
            .claim_webhook_deliveries(now, lease, 10)
            .await
            .unwrap()
            .is_empty(),
        "not due before its retry"
    );
    // Rotated meanwhile: the retry is signed with both secrets, the same message.
    store
        .rotate_webhook_secret(
            "eastvale",
            e.id,
            "whsec_second",
            retry + Duration::hours(24),
        )
        .await
        .unwrap();
    let again = store
        .claim_webhook_deliveries(retry, retry + Duration::minutes(1), 10)
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].message_id, first[0].message_id);
    assert_eq!(again[0].attempts, 1);
    assert_eq!(again[0].secrets, ["whsec_second", "whsec_first"]);
    store
        .record_webhook_attempts(&[(
            again[0].message_id,
            e.id,
            retry,
            AttemptRecord::Delivered { status: 204 },
        )])
        .await
        .unwrap();
    let healthy = store
        .webhook_endpoint("eastvale", e.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(healthy.failing_since, None);
    let log = store
        .webhook_deliveries("eastvale", e.id, 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].attempts, 2);
    assert_eq!(log[0].last_status, Some(204));
    assert!(log[0].delivered_at.is_some());
    assert!(
        store
            .webhook_deliveries("riverton", e.id, 10)
            .await
            .unwrap()
            .is_empty()
    );

    // A 410 disables the endpoint and stops what was pending; disabled endpoints get no
    // new messages; enabling again forgets the failures.
    store
        .create_request(&new_request("eastvale", "sam@example.org", true))
        .await
        .unwrap();
    store
        .create_request(&new_request("eastvale", "kim@example.org", true))
        .await
        .unwrap();
    let later = OffsetDateTime::now_utc() + Duration::seconds(10);
    let due = store
        .claim_webhook_deliveries(later, later + Duration::minutes(1), 1)
        .await
        .unwrap();
    assert_eq!(due.len(), 1, "claims stop at the limit");
    store
        .record_webhook_attempts(&[(
            due[0].message_id,
            e.id,
            later,
            AttemptRecord::Failed {
                status: Some(410),
                error: "answered HTTP 410".into(),
                retry_at: None,
                disable: Some(DisabledReason::Gone),
            },
        )])
        .await
        .unwrap();
    let gone = store
        .webhook_endpoint("eastvale", e.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(gone.disabled.map(|(_, r)| r), Some(DisabledReason::Gone));
    let far = later + Duration::days(2);
    assert!(
        store
            .claim_webhook_deliveries(far, far + Duration::minutes(1), 10)
            .await
            .unwrap()
            .is_empty()
    );
    store
        .create_request(&new_request("eastvale", "lee@example.org", true))
        .await
        .unwrap();
    let enabled = store
        .set_webhook_endpoint_enabled("eastvale", e.id, true, far)
        .await
        .unwrap();
    assert_eq!(enabled.disabled, None);
    assert_eq!(enabled.failing_since, None);
    assert!(
        store
            .claim_webhook_deliveries(far, far + Duration::minutes(1), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let off = store
        .set_webhook_endpoint_enabled("eastvale", e.id, false, far)
        .await
        .unwrap();
    assert_eq!(off.disabled.map(|(_, r)| r), Some(DisabledReason::ByStaff));
    assert!(matches!(
        store
            .set_webhook_endpoint_enabled("riverton", e.id, true, far)
            .await,
        Err(StorageError::NotFound)
    ));
    assert!(matches!(
        store
            .update_webhook_endpoint(
                "riverton",
                e.id,
                &endpoint("https://evil.example/", &["request.created"])
            )
            .await,
        Err(StorageError::NotFound)
    ));
    let changed = store
        .update_webhook_endpoint(
            "eastvale",
            e.id,
            &endpoint(
                "https://a.example/v2",
                &["dataset.published", "request.updated"],
            ),
        )
        .await
        .unwrap();
    assert_eq!(changed.url, "https://a.example/v2");
    assert_eq!(
        changed.events,
        [
            civic_domain::webhook::EventType::RequestUpdated,
            civic_domain::webhook::EventType::DatasetPublished
        ]
    );
});
