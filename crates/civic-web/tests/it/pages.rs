//! Public pages and open data: what residents and re-users see.

use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;

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

db_test!(unknown_things_are_404_in_plain_english, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    for path in [
        "/nowhere",
        "/bodies/atlantis",
        "/bodies/atlantis/services",
        "/bodies/northshire/services/no-such-service",
        "/bodies/eastvale/services/no-such-service.json",
    ] {
        let (status, body) = v.get_text(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains("Page not found"), "{path}: {body}");
    }
    let response = v.get("/bodies/atlantis/services.json").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let json: serde_json::Value = response.json().await.unwrap();
    assert_eq!(json["status"], 404);
    assert_eq!(json["error"], "not_found");
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
    assert_eq!(&rows[0][9], "01632 960 001");

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

db_test!(openapi_document_describes_real_routes, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let key = api_key(&app, "northshire").await;
    let posted = reqwest::Client::new()
        .post(format!(
            "{}/bodies/northshire/open311/v2/requests.json",
            app.base
        ))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "pay-council-tax"),
            ("address_string", "1 High Street"),
            ("attribute[depth]", "deep"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::OK);
    let posted: serde_json::Value = posted.json().await.unwrap();
    let id = posted[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_string();
    let v = app.visitor();
    let doc: serde_json::Value = v.get("/api/openapi.json").await.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 10);
    for (path, ops) in paths {
        let concrete = path
            .replace("{body}", "northshire")
            .replace("{service}", "pay-council-tax")
            .replace("{id}", &id)
            .replace("{name}", "northshire--service-register")
            .replace("{action}", "status_show");
        if let Some(get) = ops.get("get") {
            // Required query parameters are filled in from their documented examples.
            let required: Vec<String> = get["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query" && p["required"] == true)
                .map(|p| {
                    let example = p["example"]
                        .as_str()
                        .expect("a required parameter's example");
                    format!(
                        "{}={}",
                        p["name"].as_str().unwrap(),
                        example.replace(' ', "%20")
                    )
                })
                .collect();
            let concrete = if required.is_empty() {
                concrete
            } else {
                format!("{concrete}?{}", required.join("&"))
            };
            let response = v.get(&concrete).await;
            assert_eq!(
                response.status(),
                StatusCode::OK,
                "GET {concrete} documented but not served"
            );
        } else {
            let response = v
                .client
                .post(v.url(&concrete))
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap();
            assert_ne!(
                response.status(),
                StatusCode::NOT_FOUND,
                "POST {concrete} documented but not routed"
            );
            let allowed = if ops.get("put").is_some() {
                StatusCode::METHOD_NOT_ALLOWED
            } else {
                StatusCode::UNAUTHORIZED
            };
            assert_eq!(response.status(), allowed, "{concrete}");
        }
    }
});

db_test!(health_and_metrics, |db| {
    let app = spawn(&db).await;
    let v = app.visitor();
    let health: serde_json::Value = v.get("/healthz").await.json().await.unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], db.store.backend().name());
    let metrics = v.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains("civic_http_requests_total"), "{metrics}");
    assert!(metrics.contains("route=\"/healthz\""));
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
