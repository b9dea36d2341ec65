//! The JSON write API: validation, status codes and the error body.

use crate::support::*;
use base64::Engine;
use civic_storage::db_test;
use reqwest::StatusCode;
use serde_json::json;

fn auth(email: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{email}:{password}"))
    )
}

fn valid() -> serde_json::Value {
    json!({
        "code": "LGSL 94",
        "name": "Report a street light fault",
        "description": "Tell us if a street light is out.",
        "keywords": ["lighting"],
        "channels": [
            {"kind": "online", "detail": "https://www.example.gov.uk/lights"},
            {"kind": "phone", "detail": "01632 960 004"}
        ],
        "digital_inclusion_level": 5
    })
}

db_test!(api_creates_updates_and_retires, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let client = reqwest::Client::new();
    let base = format!("{}/api/bodies/northshire/services", app.base);
    let key = auth("staff@northshire.example", PASSWORD);

    let created = client
        .post(&base)
        .header("authorization", &key)
        .json(&valid())
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(
        created.headers()["location"],
        "/bodies/northshire/services/report-a-street-light-fault"
    );
    let service: serde_json::Value = created.json().await.unwrap();
    assert_eq!(service["slug"], "report-a-street-light-fault");
    assert_eq!(service["status"], "active");

    let mut changed = valid();
    changed["digital_inclusion_level"] = json!(4);
    let updated = client
        .put(format!("{base}/report-a-street-light-fault"))
        .header("authorization", &key)
        .json(&changed)
        .send()
        .await
        .unwrap();
    assert_eq!(updated.status(), StatusCode::OK);
    let updated: serde_json::Value = updated.json().await.unwrap();
    assert_eq!(updated["digital_inclusion_level"]["level"], 4);

    let retired = client
        .post(format!("{base}/report-a-street-light-fault/retire"))
        .header("authorization", &key)
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(retired.status(), StatusCode::OK);
    let history = app
        .store
        .service_history("northshire", "report-a-street-light-fault")
        .await
        .unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[1].changes[0].field, "digital_inclusion_level");

    let missing = client
        .put(format!("{base}/no-such-service"))
        .header("authorization", &key)
        .json(&valid())
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
});

db_test!(api_rejects_bad_input_with_field_errors, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let client = reqwest::Client::new();
    let base = format!("{}/api/bodies/northshire/services", app.base);
    let key = auth("staff@northshire.example", PASSWORD);
    let post = |body: serde_json::Value| {
        client
            .post(&base)
            .header("authorization", &key)
            .json(&body)
            .send()
    };

    let mut bad = valid();
    bad["name"] = json!("");
    bad["digital_inclusion_level"] = json!(10);
    bad["channels"] = json!([
        {"kind": "fax", "detail": "01632 960 004"},
        {"kind": "online", "detail": "www.example"},
        {"kind": "phone", "detail": "ring us"}
    ]);
    let response = post(bad).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], 422);
    assert_eq!(body["error"], "invalid");
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for expected in [
        "name",
        "channels[0].kind",
        "channels.online",
        "channels.phone",
        "digital_inclusion_level",
    ] {
        assert!(
            fields.contains(&expected),
            "{expected} missing from {fields:?}"
        );
    }

    let wrong_type = post(json!({"name": 5})).await.unwrap();
    assert_eq!(wrong_type.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = wrong_type.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("not a valid service")
    );

    let not_json = client
        .post(&base)
        .header("authorization", &key)
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(
        not_json.status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "the write API acts on JSON only, so a forged cross-site form can do nothing"
    );
    let body: serde_json::Value = not_json.json().await.unwrap();
    assert_eq!(body["error"], "unsupported_media_type");

    let wrong_password = client
        .post(&base)
        .header("authorization", auth("staff@northshire.example", "nope"))
        .json(&valid())
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    let garbage = client
        .post(&base)
        .header("authorization", "Basic !!!")
        .json(&valid())
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), StatusCode::UNAUTHORIZED);

    let page = app
        .store
        .list_services(&civic_storage::ServiceQuery {
            body: Some("northshire".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 2, "nothing half-saved");
});
