//! Open311 GeoReport v2 as clients speak it, with keys issued on the staff pages.

use crate::support::*;
use civic_domain::RequestStatus;
use civic_domain::Visibility;
use civic_storage::RequestChange;
use civic_storage::db_test;
use reqwest::StatusCode;

db_test!(staff_issue_and_revoke_api_keys, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let staff = app.signed_in("staff@northshire.example").await;
    let issued = staff
        .post_form(
            "/staff/bodies/northshire/api-keys",
            &[
                ("name", "Pothole app"),
                ("kind", "live"),
                ("scopes", "open311:write"),
            ],
        )
        .await;
    let key = issued_key(issued).await;
    let post = |key: String| {
        let base = app.base.clone();
        async move {
            reqwest::Client::new()
                .post(format!("{base}/bodies/northshire/open311/v2/requests.json"))
                .form(&[
                    ("api_key", key.as_str()),
                    ("service_code", "report-a-missed-bin"),
                    ("address_string", "x"),
                    ("attribute[depth]", "deep"),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(post(key.clone()).await, StatusCode::OK);
    let keys = app.store.list_api_keys("northshire").await.unwrap();
    let revoke = staff
        .post_form(
            &format!("/staff/bodies/northshire/api-keys/{}/revoke", keys[0].id),
            &[],
        )
        .await;
    assert_eq!(revoke.status(), StatusCode::SEE_OTHER);
    assert_eq!(post(key).await, StatusCode::FORBIDDEN);
    let empty = staff
        .post_form("/staff/bodies/northshire/api-keys", &[("name", "")])
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
});

async fn post(app: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}{path}", app.base))
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    reqwest::get(format!("{}{path}", app.base)).await.unwrap()
}

fn report(key: &str) -> Vec<(&str, &str)> {
    vec![
        ("api_key", key),
        ("service_code", "report-a-missed-bin"),
        ("lat", "52.2"),
        ("long", "-0.9"),
        ("description", "Bin not emptied"),
        ("attribute[depth]", "deep"),
        ("email", "jo@example.org"),
        ("first_name", "Jo"),
        ("last_name", "Resident"),
    ]
}

db_test!(discovery_services_and_definitions_in_xml_and_json, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    for base in ["/bodies/northshire/open311/v2", "/open311/v2"] {
        let discovery = get(&app, &format!("{base}/discovery.xml")).await;
        assert_eq!(discovery.status(), StatusCode::OK);
        assert_eq!(
            discovery.headers()["content-type"],
            "text/xml; charset=utf-8"
        );
        let xml = discovery.text().await.unwrap();
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?><discovery>"),
            "{xml}"
        );
        assert!(
            xml.contains("<specification>http://wiki.open311.org/GeoReport_v2</specification>")
        );
        let json: serde_json::Value = get(&app, &format!("{base}/discovery.json"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(json["endpoints"][0]["formats"][1], "application/json");
    }
    let services: serde_json::Value = get(&app, "/bodies/northshire/open311/v2/services.json")
        .await
        .json()
        .await
        .unwrap();
    let list = services.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["metadata"], true);
    assert_eq!(list[0]["group"], "Roads");
    assert!(list[0]["service_code"].is_string());
    let xml = get(
        &app,
        "/open311/v2/services/report-a-missed-bin.xml?jurisdiction_id=northshire",
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(xml.contains("<service_definition><service_code>report-a-missed-bin</service_code><attributes><attribute><variable>true</variable><code>depth</code><datatype>singlevaluelist</datatype><required>true</required>"), "{xml}");
    assert!(xml.contains("<values><value><key>shallow</key><name>Shallow</name></value>"));
    let missing = get(
        &app,
        "/open311/v2/services/nope.json?jurisdiction_id=northshire",
    )
    .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let errors: serde_json::Value = missing.json().await.unwrap();
    assert_eq!(errors[0]["code"], 404);
    assert!(errors[0]["description"].as_str().unwrap().contains("nope"));
    let hub = get(&app, "/open311/v2/services.xml").await;
    assert_eq!(hub.status(), StatusCode::BAD_REQUEST);
    assert!(
        hub.text()
            .await
            .unwrap()
            .contains("<errors><error><code>400</code>")
    );
    assert_eq!(
        get(&app, "/open311/v2/services.json?jurisdiction_id=atlantis")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/open311/v2/services.csv?jurisdiction_id=northshire")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(
            &app,
            "/bodies/northshire/open311/v2/services.json?jurisdiction_id=eastvale"
        )
        .await
        .status(),
        StatusCode::NOT_FOUND,
        "a body's endpoint serves only that body"
    );
});

db_test!(posting_a_request_and_reading_it_back, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let key = api_key(&app, "northshire").await;
    let response = post(
        &app,
        "/bodies/northshire/open311/v2/requests.xml",
        &report(&key),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let xml = response.text().await.unwrap();
    assert!(
        xml.contains("<service_requests><request><service_request_id>"),
        "{xml}"
    );
    assert!(xml.contains("within 5 working days"));
    let id = xml
        .split("<service_request_id>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();

    let json: serde_json::Value = get(
        &app,
        &format!("/open311/v2/requests/{id}.json?jurisdiction_id=northshire"),
    )
    .await
    .json()
    .await
    .unwrap();
    let r = &json[0];
    assert_eq!(r["service_request_id"], id.as_str());
    assert_eq!(r["status"], "open");
    assert_eq!(r["description"], "Bin not emptied");
    assert_eq!(r["lat"], 52.2);
    assert_eq!(r["agency_responsible"], "Northshire County Council");
    assert!(r["expected_datetime"].is_string());
    let body = json.to_string();
    assert!(
        !body.contains("jo@example.org") && !body.contains("Resident"),
        "no personal data on GET"
    );

    let extended: serde_json::Value = get(
        &app,
        &format!("/bodies/northshire/open311/v2/requests/{id}.json?extensions=true"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(extended[0]["extended_attributes"]["channel"], "api");
    assert_eq!(
        extended[0]["extended_attributes"]["attributes"][0]["value"],
        "deep"
    );

    let contact = app
        .store
        .request_contact("northshire", id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(contact.name, "Jo Resident", "kept privately for staff");
});

db_test!(posting_bad_requests_gets_the_specified_errors, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let key = api_key(&app, "northshire").await;
    let eastvale_key = api_key(&app, "eastvale").await;
    let path = "/bodies/northshire/open311/v2/requests.json";
    let with = |changes: &[(&'static str, &'static str)]| {
        let mut form = report(&key);
        for (k, v) in changes {
            form.retain(|(name, _)| name != k);
            if !v.is_empty() {
                form.push((k, v));
            }
        }
        form.into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    type Case = (Vec<(String, String)>, StatusCode, &'static str);
    let cases: Vec<Case> = vec![
        (with(&[("api_key", "")]), StatusCode::FORBIDDEN, "api_key"),
        (
            with(&[("api_key", "wrong")]),
            StatusCode::FORBIDDEN,
            "Invalid api_key",
        ),
        (
            with(&[("service_code", "nope")]),
            StatusCode::NOT_FOUND,
            "service_code",
        ),
        (
            with(&[("service_code", "")]),
            StatusCode::BAD_REQUEST,
            "service_code is required",
        ),
        (
            with(&[("attribute[depth]", "")]),
            StatusCode::BAD_REQUEST,
            "How deep is it?",
        ),
        (
            with(&[("attribute[depth]", "bottomless")]),
            StatusCode::BAD_REQUEST,
            "bottomless",
        ),
        (with(&[("lat", "91")]), StatusCode::BAD_REQUEST, "lat"),
        (
            with(&[("long", "")]),
            StatusCode::BAD_REQUEST,
            "both latitude and longitude",
        ),
        (
            with(&[("lat", ""), ("long", "")]),
            StatusCode::BAD_REQUEST,
            "Say where it is",
        ),
        (
            with(&[("email", "not-an-email")]),
            StatusCode::BAD_REQUEST,
            "email",
        ),
    ];
    let client = reqwest::Client::new();
    for (form, status, needle) in cases {
        let response = client
            .post(format!("{}{path}", app.base))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{form:?}");
        let text = response.text().await.unwrap();
        assert!(text.contains(needle), "{needle} not in {text}");
    }
    let long = "x".repeat(4001);
    let mut form = report(&key);
    form.retain(|(k, _)| *k != "description");
    form.push(("description", &long));
    let response = post(&app, path, &form).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.text().await.unwrap().contains("4000 characters"));
    let other_body = post(&app, path, &report(&eastvale_key)).await;
    assert_eq!(
        other_body.status(),
        StatusCode::FORBIDDEN,
        "a key works only for its own body"
    );
    let no_zone = get(
        &app,
        "/bodies/northshire/open311/v2/requests.json?start_date=2026-01-01T00:00:00",
    )
    .await;
    assert_eq!(no_zone.status(), StatusCode::BAD_REQUEST);
    assert!(no_zone.text().await.unwrap().contains("timezone"));
    let wide = get(&app, "/bodies/northshire/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z").await;
    assert_eq!(wide.status(), StatusCode::BAD_REQUEST);
    let listed: serde_json::Value = get(&app, "/bodies/northshire/open311/v2/requests.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 0, "nothing half-saved");
});

db_test!(private_hidden_and_unconfirmed_requests_look_unknown, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let key = api_key(&app, "northshire").await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let json: serde_json::Value = post(
            &app,
            "/bodies/northshire/open311/v2/requests.json",
            &report(&key),
        )
        .await
        .json()
        .await
        .unwrap();
        ids.push(
            json[0]["service_request_id"]
                .as_str()
                .unwrap()
                .parse::<i64>()
                .unwrap(),
        );
    }
    for (id, visibility) in [(ids[0], Visibility::Private), (ids[1], Visibility::Hidden)] {
        let change = RequestChange {
            visibility: Some(visibility),
            actor: "Mod".into(),
            ..Default::default()
        };
        app.store
            .change_request("northshire", id, &change)
            .await
            .unwrap();
    }
    for id in [ids[0], ids[1], 999_999] {
        let one = get(
            &app,
            &format!("/bodies/northshire/open311/v2/requests/{id}.json"),
        )
        .await;
        assert_eq!(one.status(), StatusCode::NOT_FOUND);
        let page = app.visitor().get(&format!("/requests/{id}")).await;
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(
        get(
            &app,
            &format!("/bodies/eastvale/open311/v2/requests/{}.json", ids[2])
        )
        .await
        .status(),
        StatusCode::NOT_FOUND,
        "another body's endpoint"
    );
    let listed: serde_json::Value = get(&app, "/bodies/northshire/open311/v2/requests.json")
        .await
        .json()
        .await
        .unwrap();
    let listed: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["service_request_id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, vec![ids[2].to_string()]);
    let csv = app
        .visitor()
        .get("/bodies/northshire/requests.csv")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        csv.lines().count(),
        2,
        "open data holds only the public one: {csv}"
    );
    assert!(!csv.contains("jo@example.org"));
});

db_test!(batch_services_return_tokens_then_ids, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let mut batch = service_input("Report an abandoned vehicle");
    batch.request_type = Some("batch".into());
    batch.attributes.clear();
    app.store
        .create_services(
            "northshire",
            &[batch.validate().unwrap()],
            &civic_storage::Actor::system("t"),
        )
        .await
        .unwrap();
    let key = api_key(&app, "northshire").await;
    let form = [
        ("api_key", key.as_str()),
        ("service_code", "report-an-abandoned-vehicle"),
        ("address_string", "1 High Street"),
    ];
    let json: serde_json::Value = post(&app, "/bodies/northshire/open311/v2/requests.json", &form)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        json[0].get("service_request_id").is_none(),
        "a token instead of an id"
    );
    let token = json[0]["token"].as_str().unwrap().to_string();
    let mut id = serde_json::Value::Null;
    for _ in 0..100 {
        let t: serde_json::Value = get(
            &app,
            &format!("/bodies/northshire/open311/v2/tokens/{token}.json"),
        )
        .await
        .json()
        .await
        .unwrap();
        assert_eq!(t[0]["token"], token.as_str());
        id = t[0]["service_request_id"].clone();
        if !id.is_null() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(id.is_string(), "the worker processes the batch");
    assert_eq!(
        get(
            &app,
            &format!(
                "/bodies/northshire/open311/v2/requests/{}.json",
                id.as_str().unwrap()
            )
        )
        .await
        .status(),
        StatusCode::OK
    );
    assert_eq!(
        get(&app, "/bodies/northshire/open311/v2/tokens/unknown.json")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
});

db_test!(service_request_updates_in_and_out, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let key = api_key(&app, "northshire").await;
    let json: serde_json::Value = post(
        &app,
        "/bodies/northshire/open311/v2/requests.json",
        &report(&key),
    )
    .await
    .json()
    .await
    .unwrap();
    let id = json[0]["service_request_id"].as_str().unwrap().to_string();
    let update = [
        ("api_key", key.as_str()),
        ("service_request_id", id.as_str()),
        ("update_id", "BO-77"),
        ("status", "FIXED"),
        ("updated_datetime", "2026-11-25T10:00:00Z"),
        ("description", "Collected this morning"),
    ];
    let response = post(
        &app,
        "/bodies/northshire/open311/v2/servicerequestupdates.xml",
        &update,
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("<service_request_updates><request_update><update_id>")
    );
    let again = post(
        &app,
        "/bodies/northshire/open311/v2/servicerequestupdates.json",
        &update,
    )
    .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(again.text().await.unwrap().contains("already exists"));
    let missing = post(
        &app,
        "/bodies/northshire/open311/v2/servicerequestupdates.json",
        &update[..3],
    )
    .await;
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
    let unknown_status = [("status", "EXPLODED")];
    let mut bad = update.to_vec();
    bad.retain(|(k, _)| *k != "status");
    bad.extend_from_slice(&unknown_status);
    assert_eq!(
        post(
            &app,
            "/bodies/northshire/open311/v2/servicerequestupdates.json",
            &bad
        )
        .await
        .status(),
        StatusCode::BAD_REQUEST
    );
    let request: serde_json::Value = get(
        &app,
        &format!("/bodies/northshire/open311/v2/requests/{id}.json"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(request[0]["status"], "closed");
    assert_eq!(request[0]["status_notes"], "Collected this morning");
    let stored = app
        .store
        .get_request(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, RequestStatus::Fixed);
    let listed: serde_json::Value = get(
        &app,
        "/bodies/northshire/open311/v2/servicerequestupdates.json",
    )
    .await
    .json()
    .await
    .unwrap();
    let fixed = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["status"] == "FIXED")
        .unwrap();
    assert_eq!(fixed["service_request_id"], id.as_str());
    // An update says when it happened in the client's system; history keeps that time
    // (after the request's last change, never in the future).
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let happened = time::OffsetDateTime::now_utc() - time::Duration::seconds(1);
    let happened = happened.replace_nanosecond(0).unwrap();
    let stamp = happened
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let dated = post(
        &app,
        "/bodies/northshire/open311/v2/servicerequestupdates.json",
        &[
            ("api_key", key.as_str()),
            ("service_request_id", id.as_str()),
            ("update_id", "BO-78"),
            ("status", "FIXED"),
            ("updated_datetime", stamp.as_str()),
            ("description", "Checked again"),
        ],
    )
    .await;
    assert_eq!(dated.status(), StatusCode::OK);
    let listed: serde_json::Value = get(
        &app,
        "/bodies/northshire/open311/v2/servicerequestupdates.json",
    )
    .await
    .json()
    .await
    .unwrap();
    let checked = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["description"] == "Checked again")
        .unwrap();
    let listed_at = time::OffsetDateTime::parse(
        checked["updated_datetime"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(listed_at, happened, "the update's own time is kept");
    let one_sided = get(
        &app,
        "/bodies/northshire/open311/v2/servicerequestupdates.json?start_date=2026-11-25T00:00:00Z",
    )
    .await;
    assert_eq!(one_sided.status(), StatusCode::BAD_REQUEST);
});

db_test!(floods_from_one_client_are_rate_limited, |db| {
    let app = spawn_with(
        &db,
        civic_web::Config {
            submissions_per_minute: 2,
            ..test_config()
        },
    )
    .await;
    app.seed().await;
    let key = api_key(&app, "northshire").await;
    for _ in 0..2 {
        assert_eq!(
            post(
                &app,
                "/bodies/northshire/open311/v2/requests.json",
                &report(&key)
            )
            .await
            .status(),
            StatusCode::OK
        );
    }
    let limited = post(
        &app,
        "/bodies/northshire/open311/v2/requests.json",
        &report(&key),
    )
    .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait));
    let other = api_key(&app, "northshire").await;
    assert_eq!(
        post(
            &app,
            "/bodies/northshire/open311/v2/requests.json",
            &report(&other)
        )
        .await
        .status(),
        StatusCode::OK,
        "limits are per client"
    );
});

db_test!(photos_are_checked_cleaned_and_served, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let key = api_key(&app, "northshire").await;
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x08];
    jpeg.extend_from_slice(b"Exif\0\0");
    jpeg.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 7, 7, 7, 0xFF, 0xD9]);
    let form = |photo: Vec<u8>, name: &str| {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in report(&key) {
            form = form.text(k.to_string(), v.to_string());
        }
        form.part(
            "media",
            reqwest::multipart::Part::bytes(photo).file_name(name.to_string()),
        )
    };
    let url = format!("{}/bodies/northshire/open311/v2/requests.json", app.base);
    let client = reqwest::Client::new();
    let ok: serde_json::Value = client
        .post(&url)
        .multipart(form(jpeg, "pothole.jpg"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = ok[0]["service_request_id"].as_str().unwrap().to_string();
    let request: serde_json::Value = get(
        &app,
        &format!("/bodies/northshire/open311/v2/requests/{id}.json"),
    )
    .await
    .json()
    .await
    .unwrap();
    let media = request[0]["media_url"].as_str().unwrap().to_string();
    assert!(media.ends_with(&format!("/requests/{id}/photos/1")));
    let photo = get(&app, &format!("/requests/{id}/photos/1")).await;
    assert_eq!(photo.headers()["content-type"], "image/jpeg");
    let bytes = photo.bytes().await.unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "metadata stripped");
    let mut big = vec![0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02];
    big.extend(std::iter::repeat_n(0x55u8, 6 * 1024 * 1024));
    big.extend_from_slice(&[0xFF, 0xD9]);
    let six_mb = client
        .post(&url)
        .multipart(form(big, "big.jpg"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        six_mb.status(),
        StatusCode::OK,
        "a 6 MB photo is within the 10 MB limit"
    );
    let not_image = client
        .post(&url)
        .multipart(form(b"MZ not an image".to_vec(), "virus.exe"))
        .send()
        .await
        .unwrap();
    assert_eq!(not_image.status(), StatusCode::BAD_REQUEST);
    assert!(not_image.text().await.unwrap().contains("JPEG or PNG"));
    let huge = client
        .post(&url)
        .multipart(form(vec![0xFF; 11 * 1024 * 1024], "huge.jpg"))
        .send()
        .await
        .unwrap();
    assert_ne!(
        huge.status(),
        StatusCode::OK,
        "oversized uploads are refused"
    );
});

db_test!(
    only_back_office_keys_update_requests_the_public_cannot_see,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let app_key = api_key(&app, "northshire").await;
        let office_key = back_office_key(&app, "northshire").await;
        let mut ids = Vec::new();
        for _ in 0..2 {
            let json: serde_json::Value = post(
                &app,
                "/bodies/northshire/open311/v2/requests.json",
                &report(&app_key),
            )
            .await
            .json()
            .await
            .unwrap();
            ids.push(json[0]["service_request_id"].as_str().unwrap().to_string());
        }
        let private = RequestChange {
            visibility: Some(Visibility::Private),
            actor: "Mod".into(),
            ..Default::default()
        };
        app.store
            .change_request("northshire", ids[1].parse().unwrap(), &private)
            .await
            .unwrap();
        let update = |key: &str, id: &str, n: &str| {
            vec![
                ("api_key", key.to_string()),
                ("service_request_id", id.to_string()),
                ("update_id", format!("U-{n}")),
                ("status", "FIXED".to_string()),
                ("updated_datetime", "2026-11-25T10:00:00Z".to_string()),
                ("description", "Done".to_string()),
            ]
        };
        let send = |form: Vec<(&'static str, String)>| {
            let app = &app;
            async move {
                let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                post(
                    app,
                    "/bodies/northshire/open311/v2/servicerequestupdates.json",
                    &refs,
                )
                .await
                .status()
            }
        };
        // A client app's key updates a public request, but a private one is as unknown to it as
        // an id that was never issued.
        assert_eq!(send(update(&app_key, &ids[0], "1")).await, StatusCode::OK);
        assert_eq!(
            send(update(&app_key, &ids[1], "2")).await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            send(update(&app_key, "999999", "3")).await,
            StatusCode::NOT_FOUND
        );
        let request = app
            .store
            .get_request(ids[1].parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_ne!(request.status, RequestStatus::Fixed, "nothing changed");
        // The body's own back-office system may update it.
        assert_eq!(
            send(update(&office_key, &ids[1], "4")).await,
            StatusCode::OK
        );
    }
);
