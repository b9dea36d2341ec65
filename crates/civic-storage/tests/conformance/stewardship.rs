//! Data requests (with their supporters) and the data-sharing register.

use super::body;
use civic_domain::catalogue::stewardship::{
    DataRequestAnswer, DataRequestDraft, DataRequestStatus, SharingAgreementDraft,
};
use civic_storage::{Confirmation, StorageError, db_test};
use time::macros::date;

fn draft() -> DataRequestDraft {
    DataRequestDraft {
        title: "Gritting routes".into(),
        description: "Every road gritted, by night.".into(),
        reason: "To plan a cycle commute.".into(),
        email: "asker@example.com".into(),
    }
}

fn agreement(title: &str) -> SharingAgreementDraft {
    SharingAgreementDraft {
        title: title.into(),
        parties: vec!["Eastvale".into(), "Riverton".into()],
        purpose: "Joint waste collection".into(),
        legal_basis: "Public task".into(),
        data_items: vec!["address".into(), "bin type".into()],
        starts_on: date!(2026 - 01 - 01),
        review_on: date!(2027 - 01 - 01),
        ends_on: None,
        owner: "Data protection officer".into(),
    }
}

db_test!(
    data_requests_confirm_gather_support_and_are_answered,
    |db| {
        let store = &db.store;
        store.create_body(&body("Eastvale")).await.unwrap();
        let missing = store
            .add_data_request("nowhere", &draft(), "t", "h", false)
            .await;
        assert!(
            matches!(missing, Err(StorageError::NotFound)),
            "{missing:?}"
        );
        let id = store
            .add_data_request("eastvale", &draft(), "token", "hash-1", false)
            .await
            .unwrap();
        assert!(store.data_request(id).await.unwrap().is_none());
        assert!(store.data_requests("eastvale").await.unwrap().is_empty());
        assert_eq!(
            store.confirm_data_request("hash-1").await.unwrap(),
            Confirmation::Confirmed(id)
        );
        assert_eq!(
            store.confirm_data_request("hash-1").await.unwrap(),
            Confirmation::AlreadyConfirmed(id)
        );
        let shown = store.data_request(id).await.unwrap().unwrap();
        assert_eq!(shown.status, DataRequestStatus::Open);
        assert_eq!(shown.body_name, "Eastvale");
        assert!(shown.confirmed_at.is_some());
        let signed_in = store
            .add_data_request("eastvale", &draft(), "t2", "hash-2", true)
            .await
            .unwrap();
        let listed: Vec<i64> = store
            .data_requests("eastvale")
            .await
            .unwrap()
            .iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(listed, vec![signed_in, id]);

        assert!(
            store
                .add_data_request_support(id, "fan@example.com", "fan", "s", "support-1")
                .await
                .unwrap()
        );
        assert!(
            !store
                .add_data_request_support(id, "fan@example.com", "fan", "s", "support-2")
                .await
                .unwrap()
        );
        assert_eq!(
            store
                .confirm_data_request_support("support-1")
                .await
                .unwrap(),
            Confirmation::Confirmed(id)
        );
        assert_eq!(
            store
                .confirm_data_request_support("support-1")
                .await
                .unwrap(),
            Confirmation::AlreadyConfirmed(id)
        );
        assert_eq!(store.data_request(id).await.unwrap().unwrap().supporters, 1);

        let accept = DataRequestAnswer {
            status: DataRequestStatus::Accepted,
            promised_on: Some(date!(2027 - 03 - 01)),
            dataset: None,
            answer: "Coming in spring.".into(),
        };
        let answered = store
            .answer_data_request("eastvale", id, &accept)
            .await
            .unwrap();
        assert_eq!(answered.status, DataRequestStatus::Accepted);
        assert_eq!(answered.promised_on, Some(date!(2027 - 03 - 01)));
        let first_answer = answered.answered_at;
        assert!(first_answer.is_some());
        let publish = DataRequestAnswer {
            status: DataRequestStatus::Published,
            promised_on: None,
            dataset: Some("no-such-dataset".into()),
            answer: String::new(),
        };
        let unknown = store.answer_data_request("eastvale", id, &publish).await;
        assert!(
            matches!(unknown, Err(StorageError::NotFound)),
            "{unknown:?}"
        );
        store.create_body(&body("Riverton")).await.unwrap();
        let other = store.answer_data_request("riverton", id, &accept).await;
        assert!(matches!(other, Err(StorageError::NotFound)), "{other:?}");
        let again = store
            .answer_data_request("eastvale", id, &accept)
            .await
            .unwrap();
        assert_eq!(again.answered_at, first_answer);
    }
);

db_test!(sharing_agreements_are_kept_per_body, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Riverton")).await.unwrap();
    let missing = store
        .add_sharing_agreement("nowhere", &agreement("Bins"))
        .await;
    assert!(
        matches!(missing, Err(StorageError::NotFound)),
        "{missing:?}"
    );
    let first = store
        .add_sharing_agreement("eastvale", &agreement("Bins"))
        .await
        .unwrap();
    assert_eq!(first.parties, vec!["Eastvale", "Riverton"]);
    assert_eq!(first.starts_on, date!(2026 - 01 - 01));
    let second = store
        .add_sharing_agreement("eastvale", &agreement("Libraries"))
        .await
        .unwrap();
    let mut changed = agreement("Bins and recycling");
    changed.ends_on = Some(date!(2028 - 01 - 01));
    let updated = store
        .update_sharing_agreement("eastvale", first.id, &changed)
        .await
        .unwrap();
    assert_eq!(updated.title, "Bins and recycling");
    assert_eq!(updated.ends_on, Some(date!(2028 - 01 - 01)));
    let walled = store
        .update_sharing_agreement("riverton", first.id, &changed)
        .await;
    assert!(matches!(walled, Err(StorageError::NotFound)), "{walled:?}");
    let titles: Vec<(i64, String)> = store
        .sharing_agreements("eastvale")
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect();
    assert_eq!(
        titles,
        vec![
            (first.id, "Bins and recycling".to_string()),
            (second.id, "Libraries".to_string())
        ]
    );
    assert!(
        store
            .sharing_agreements("riverton")
            .await
            .unwrap()
            .is_empty()
    );
});
