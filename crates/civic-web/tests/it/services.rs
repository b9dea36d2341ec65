//! The service register: public pages, national search, open data by suffix or `Accept`,
//! staff pages and the write API.

use crate::support::*;
use base64::Engine;
use civic_storage::ServiceQuery;
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

db_test!(public_pages_show_the_register, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let (status, home) = v.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("Northshire County Council"));
    assert!(home.contains("Skip to main content"));

    let (status, register) = v.get_text("/bodies/northshire/services").await;
    assert_eq!(status, StatusCode::OK);
    assert!(register.contains("Report a missed bin"));
    assert!(register.contains("2 services"));

    let (status, page) = v
        .get_text("/bodies/northshire/services/report-a-missed-bin")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("tel:01632960001"), "phone is a tel: link");
    assert!(page.contains("Task specific"), "inclusion level is named");
    assert!(page.contains("Last updated"));
});

db_test!(open_data_in_json_and_csv_by_suffix_or_accept, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let json: serde_json::Value = v
        .get("/bodies/northshire/services.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["total"], 2);
    assert_eq!(json["body"]["slug"], "northshire");
    let service = &json["services"][0];
    assert_eq!(service["digital_inclusion_level"]["level"], 6);
    assert_eq!(service["digital_inclusion_level"]["name"], "Task specific");
    assert_eq!(service["channels"][0]["kind"], "online");

    let by_accept = v
        .client
        .get(v.url("/bodies/northshire/services"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(by_accept.headers()["content-type"], "application/json");
    let accepted: serde_json::Value = by_accept.json().await.unwrap();
    assert_eq!(accepted, json);

    let csv = v.get("/bodies/northshire/services.csv").await;
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.get(0), Some("body"));
    let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    let phone = header.iter().position(|h| h == "phone").unwrap();
    assert_eq!(&rows[0][phone], "01632 960 001");

    let csv_by_accept = v
        .client
        .get(v.url("/bodies/northshire/services"))
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv_by_accept, text);

    let one: serde_json::Value = v
        .get("/bodies/northshire/services/pay-council-tax.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["name"], "Pay council tax");
    let body: serde_json::Value = v.get("/bodies/northshire.json").await.json().await.unwrap();
    assert_eq!(body["name"], "Northshire County Council");
    let bodies: serde_json::Value = v.get("/bodies.json").await.json().await.unwrap();
    assert_eq!(bodies["bodies"].as_array().unwrap().len(), 2);
});

db_test!(national_list_searches_and_pages, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let drafts: Vec<_> = (0..60)
        .map(|i| {
            service_input(&format!("Extra service {i:02}"))
                .validate()
                .unwrap()
        })
        .collect();
    app.store
        .create_services("eastvale", &drafts, &civic_storage::Actor::system("t"))
        .await
        .unwrap();
    let v = app.visitor();
    let first: serde_json::Value = v.get("/services.json").await.json().await.unwrap();
    assert_eq!(first["total"], 64);
    assert_eq!(first["services"].as_array().unwrap().len(), 50);
    assert_eq!(first["next"], "/services.json?page=2");
    let second: serde_json::Value = v.get("/services.json?page=2").await.json().await.unwrap();
    assert_eq!(second["services"].as_array().unwrap().len(), 14);
    assert!(second.get("next").is_none());

    let found: serde_json::Value = v
        .get("/services.json?q=missed%20BIN")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["total"], 2, "one per body");
    let (status, html) = v.get_text("/services?q=missed+bin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("2 services matching"));
    let (status, html) = v.get_text("/services?page=2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Previous page"));
    let (status, _) = v.get_text("/services?page=zero").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let csv = v.get("/services.csv").await.text().await.unwrap();
    assert_eq!(csv.lines().count(), 65, "header and every service");
});

db_test!(the_national_csv_streams_every_page, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let drafts: Vec<_> = (0..1050)
        .map(|i| {
            service_input(&format!("Bulk service {i:04}"))
                .validate()
                .unwrap()
        })
        .collect();
    app.store
        .create_services("eastvale", &drafts, &civic_storage::Actor::system("t"))
        .await
        .unwrap();
    let csv = app
        .visitor()
        .get("/services.csv")
        .await
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines.len(),
        1 + 4 + 1050,
        "one header, then every service across pages"
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("body,")).count(), 1);
    let mut slugs: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    slugs.sort_unstable();
    slugs.dedup();
    assert_eq!(
        slugs.len(),
        1054 - 2,
        "no service twice (two slugs repeat across bodies)"
    );
});

db_test!(staff_add_change_retire_and_see_history, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.signed_in("staff@northshire.example").await;
    let (status, html) = v.get_text("/staff/bodies/northshire/services/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Add a service"));

    let created = v
        .post_form(
            "/staff/bodies/northshire/services/new",
            &as_refs(&service_form("Report a pothole")),
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&created),
        "/staff/bodies/northshire/services?saved=report-a-pothole"
    );
    let (_, list) = v.get_text(&location(&created)).await;
    assert!(list.contains("Your changes to ‘Report a pothole’ have been saved"));

    let service = app
        .store
        .get_service("northshire", "report-a-pothole")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(service.keywords, vec!["roads", "potholes"]);
    assert_eq!(service.channels.len(), 3);

    let mut edit = service_form("Report a pothole or road defect");
    edit[5].1 = String::new();
    let changed = v
        .post_form(
            "/staff/bodies/northshire/services/report-a-pothole/edit",
            &as_refs(&edit),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    let retired = v
        .post_form(
            "/staff/bodies/northshire/services/report-a-pothole/retire",
            &[],
        )
        .await;
    assert_eq!(retired.status(), StatusCode::SEE_OTHER);

    let (status, history) = v
        .get_text("/staff/bodies/northshire/services/report-a-pothole/history")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(history.contains("Retired by Northshire County Council Officer"));
    assert!(history.contains("Changed by Northshire County Council Officer"));
    assert!(history.contains("Added by Northshire County Council Officer"));
    assert!(history.contains("Report a pothole or road defect"));
    assert!(
        history.contains("https://www.example.gov.uk/potholes"),
        "the removed online channel shows as before"
    );

    let (_, public) = v
        .get_text("/bodies/northshire/services/report-a-pothole")
        .await;
    assert!(public.contains("no longer offered"));
    let (_, register) = app.visitor().get_text("/bodies/northshire/services").await;
    assert!(
        !register.contains("road defect"),
        "retired services leave the public register"
    );

    let restored = v
        .post_form(
            "/staff/bodies/northshire/services/report-a-pothole/restore",
            &[],
        )
        .await;
    assert_eq!(restored.status(), StatusCode::SEE_OTHER);
    let (_, register) = app.visitor().get_text("/bodies/northshire/services").await;
    assert!(register.contains("road defect"));
});

db_test!(invalid_forms_show_every_error_and_save_nothing, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.signed_in("staff@northshire.example").await;
    let mut form = service_form("");
    form[4].1 = "12".into();
    form[5].1 = "not a web address".into();
    form[6].1 = "call us".into();
    let response = v
        .post_form("/staff/bodies/northshire/services/new", &as_refs(&form))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("There is a problem"));
    assert!(html.contains("href=\"#name\""));
    assert!(
        html.contains("Enter the service&#39;s name") || html.contains("Enter the service's name"),
        "{html}"
    );
    assert!(html.contains("href=\"#digital_inclusion_level\""));
    assert!(html.contains("href=\"#channel_online\""));
    assert!(html.contains("href=\"#channel_phone\""));
    assert!(
        html.contains("value=\"not a web address\""),
        "what was typed is kept"
    );
    assert!(html.contains("<title>Error: "));

    let mut online_only = service_form("Online only");
    online_only[6].1 = String::new();
    online_only[9].1 = String::new();
    let html = v
        .post_form(
            "/staff/bodies/northshire/services/new",
            &as_refs(&online_only),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("without the internet"));

    let page = app
        .store
        .list_services(&ServiceQuery {
            body: Some("northshire".into()),
            include_retired: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 2, "nothing half-saved");
});
