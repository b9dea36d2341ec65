//! The event ingest API for services that run outside Civic.

use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;
use serde_json::json;

fn event(id: &str) -> serde_json::Value {
    json!({"id": id, "channel": "digital", "started_at": "2026-11-01T09:00:00Z", "outcome_at": "2026-11-02T09:00:00Z", "satisfaction": 4})
}

db_test!(services_outside_civic_push_events_once, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let token = civic_web::app::tokens::new_token();
    app.store
        .create_dataset(
            "northshire",
            "council-tax",
            "Council tax payments",
            "pay-council-tax",
            &civic_web::app::tokens::token_hash(&token),
            24,
        )
        .await
        .unwrap();
    let client = reqwest::Client::new();
    let url = format!("{}/api/events", app.base);
    let send = |body: serde_json::Value, token: Option<&str>| {
        let mut r = client.post(&url).json(&body);
        if let Some(t) = token {
            r = r.header("authorization", format!("Bearer {t}"));
        }
        r.send()
    };
    assert_eq!(
        send(json!({"events": [event("a")]}), None)
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(json!({"events": [event("a")]}), Some("wrong"))
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );

    let bad = send(
        json!({"events": [event("a"), {"id": "b", "channel": "fax", "started_at": "2026-11-01"}]}),
        Some(&token),
    )
    .await
    .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = bad.json().await.unwrap();
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"events[1].channel") && fields.contains(&"events[1].started_at"),
        "{fields:?}"
    );
    let sets = app.store.list_datasets("northshire").await.unwrap();
    assert_eq!(sets[0].events, 0, "a bad batch saves nothing");

    let ok = send(
        json!({"events": [event("a"), event("b"), event("c")]}),
        Some(&token),
    )
    .await
    .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let ok: serde_json::Value = ok.json().await.unwrap();
    assert_eq!(
        (ok["accepted"].as_u64(), ok["duplicates"].as_u64()),
        (Some(3), Some(0))
    );
    let retry: serde_json::Value = send(json!({"events": [event("c"), event("d")]}), Some(&token))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (retry["accepted"].as_u64(), retry["duplicates"].as_u64()),
        (Some(1), Some(1))
    );
    let stored = app
        .store
        .dataset_by_token(&civic_web::app::tokens::token_hash(&token))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.events, 4);

    let not_json = client
        .post(&url)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
    let too_many: Vec<serde_json::Value> = (0..10_001).map(|i| event(&format!("x{i}"))).collect();
    let too_many = send(json!({ "events": too_many }), Some(&token))
        .await
        .unwrap();
    assert!(
        matches!(
            too_many.status(),
            StatusCode::BAD_REQUEST | StatusCode::PAYLOAD_TOO_LARGE
        ),
        "{}",
        too_many.status()
    );
});
