//! Performance data: measures with small counts withheld, the survey at the outcome, data
//! sets and events pushed by services that run elsewhere.

use crate::support::*;
use civic_storage::RequestChange;
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
        .dataset("northshire", "council-tax")
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

pub fn now_minus(hours: i64) -> String {
    (time::OffsetDateTime::now_utc() - time::Duration::hours(hours))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

pub async fn push_events(app: &TestApp) {
    let token = civic_web::app::tokens::new_token();
    app.store
        .create_dataset(
            "northshire",
            "council-tax",
            "Council tax system",
            "pay-council-tax",
            &civic_web::app::tokens::token_hash(&token),
            24,
        )
        .await
        .unwrap();
    let mut events = Vec::new();
    for i in 0..14 {
        let channel = match i {
            0..7 => "digital",
            7..12 => "phone",
            _ => "post",
        };
        events.push(json!({
            "id": format!("e{i}"),
            "channel": channel,
            "started_at": now_minus(30),
            "outcome_at": now_minus(6),
            "satisfaction": 5,
        }));
    }
    let sent = reqwest::Client::new()
        .post(format!("{}/api/events", app.base))
        .header("authorization", format!("Bearer {token}"))
        .json(&json!({ "events": events }))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::OK);
}

db_test!(measures_are_published_with_small_counts_withheld, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    push_events(&app).await;
    let v = app.visitor();
    let data: serde_json::Value = v
        .get("/performance/data.json?body=northshire&period=month")
        .await
        .json()
        .await
        .unwrap();
    let rows = data["data"].as_array().unwrap();
    assert_eq!(rows.len(), 24, "two years of months, empty ones filled");
    let last = rows.last().unwrap();
    assert_eq!(last["started"], 14);
    assert_eq!(last["started_by_channel"]["digital"], 7);
    assert_eq!(last["started_by_channel"]["phone"], 5);
    assert!(
        last["started_by_channel"]["post"].is_null(),
        "2 is withheld"
    );
    assert_eq!(last["completed"], 14);
    assert_eq!(last["satisfied"], 1.0);
    let median = last["median_days"].as_f64().unwrap();
    assert!((median - 1.0).abs() <= 0.011, "{median}");
    assert_eq!(last["digital_take_up"], 0.5);
    // Counts only, nationally by body: the same counts, and no times.
    let counts: serde_json::Value = v
        .get("/performance/data.json?period=month&group_by=body&measures=counts")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(counts["measures"], "counts");
    let northshire: Vec<&serde_json::Value> = counts["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["body"] == "northshire")
        .collect();
    assert_eq!(northshire.len(), 24);
    let last_counts = northshire.last().unwrap();
    for field in [
        "started",
        "started_by_channel",
        "completed",
        "satisfied",
        "digital_take_up",
    ] {
        assert_eq!(last_counts[field], last[field], "{field}");
    }
    assert!(last_counts["median_days"].is_null());
    assert!(last_counts["within_target"].is_null());
    // Exact times beside the estimates, within the stated 1%.
    let accuracy: serde_json::Value = v
        .get("/performance/accuracy.json?code=LGSL%20524")
        .await
        .json()
        .await
        .unwrap();
    let months = accuracy["data"].as_array().unwrap();
    let shown: Vec<&serde_json::Value> = months.iter().filter(|r| r["completed"] == 14).collect();
    assert_eq!(shown.len(), 1, "{accuracy}");
    let exact = shown[0]["exact_median_seconds"].as_i64().unwrap();
    assert!((exact - 86_400).abs() <= 3_600, "{exact}");
    assert_eq!(exact % 60, 0, "published to the minute");
    for field in ["median_error", "p90_error"] {
        let e = shown[0][field].as_f64().unwrap();
        assert!((0.0..=0.01).contains(&e), "{field} {e}");
    }
    let (status, csv) = v
        .get_text("/performance/accuracy.csv?code=LGSL%20524")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        csv.starts_with("code,month,completed,exact_median_seconds,"),
        "{csv}"
    );
    // Another body's figures hold none of it.
    let other: serde_json::Value = v
        .get("/performance/data.json?body=eastvale")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        other["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["started"] == 0)
    );
    // Grouped by service, CSV.
    let (status, csv) = v
        .get_text("/performance/data.csv?body=northshire&group_by=service&period=year")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        csv.starts_with("period_start,period_end,body,service,code,started,"),
        "{csv}"
    );
    assert!(
        csv.contains(",northshire,pay-council-tax,LGSL 524,14,7,0,5,0,,0,14,7,0,1,0.5,"),
        "{csv}"
    );
    for bad in [
        "/performance/data.json?period=fortnight",
        "/performance/data.json?start_at=yesterday",
        "/performance/data.csv?service=pay-council-tax",
        "/performance/data.csv?measures=times",
        "/performance/accuracy.json",
        "/performance/accuracy.json?code=LGSL%20524&body=northshire",
        "/performance/compare",
    ] {
        let r = v.get(bad).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    assert_eq!(
        v.get("/performance/data.xml").await.status(),
        StatusCode::NOT_FOUND
    );
    for page in [
        "/performance",
        "/bodies/northshire/performance",
        "/bodies/northshire/performance?period=week",
        "/bodies/northshire/services/pay-council-tax/performance?period=day",
        "/performance/compare?code=LGSL%20524&body=northshire",
    ] {
        let (status, html) = v.get_text(page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(html.contains("<svg") || page == "/performance", "{page}");
    }
    let (_, dashboard) = v
        .get_text("/bodies/northshire/services/pay-council-tax/performance")
        .await;
    assert!(dashboard.contains("Council tax system: 14 events"));
    assert!(!dashboard.contains("Stale"));
    assert_eq!(
        v.get("/bodies/northshire/services/nope/performance")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
});

db_test!(people_are_asked_at_the_outcome, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let key = api_key(&app, "northshire").await;
    let posted: serde_json::Value = reqwest::Client::new()
        .post(format!(
            "{}/bodies/northshire/open311/v2/requests.json",
            app.base
        ))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "pay-council-tax"),
            ("address_string", "1 High Street"),
            ("email", "jo@example.org"),
            ("attribute[depth]", "deep"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id: i64 = posted[0]["service_request_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let token = civic_web::app::tokens::new_token();
    let change = RequestChange {
        status: Some(civic_domain::RequestStatus::Fixed),
        actor: "Officer".into(),
        survey: Some((token.clone(), civic_web::app::tokens::token_hash(&token))),
        ..Default::default()
    };
    app.store
        .change_request("northshire", id, &change)
        .await
        .unwrap();
    let v = app.visitor();
    assert_eq!(
        v.get("/survey/not-a-token").await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, form) = v.get_text(&format!("/survey/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("how satisfied were you"), "{form}");
    let empty = v.post_form(&format!("/survey/{token}"), &[]).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let answered = v
        .post_form(&format!("/survey/{token}"), &[("rating", "4")])
        .await;
    assert_eq!(answered.status(), StatusCode::SEE_OTHER);
    let (_, thanks) = v.get_text(&format!("/survey/{token}")).await;
    assert!(thanks.contains("Thank you"));
    let data: serde_json::Value = v
        .get("/performance/data.json?body=northshire&period=year")
        .await
        .json()
        .await
        .unwrap();
    let last = data["data"].as_array().unwrap().last().unwrap().clone();
    assert!(
        last["completed"].is_null(),
        "one request is withheld: {last}"
    );
    assert!(last["satisfied"].is_null());
});

db_test!(staff_set_up_data_sets_and_see_their_freshness, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let staff = app.signed_in("staff@northshire.example").await;
    let bad = staff
        .post_form(
            "/staff/bodies/northshire/datasets",
            &[
                ("name", "!!"),
                ("service", ""),
                ("expected_every_hours", "0"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let made = staff
        .post_form(
            "/staff/bodies/northshire/datasets",
            &[
                ("name", "Payments system"),
                ("service", "pay-council-tax"),
                ("expected_every_hours", "12"),
            ],
        )
        .await;
    assert_eq!(made.status(), StatusCode::OK);
    let page = made.text().await.unwrap();
    let marker = "id=\"new-token\">";
    let start = page.find(marker).unwrap() + marker.len();
    let token = &page[start..start + page[start..].find('<').unwrap()];
    assert!(
        token.starts_with("civic_live_"),
        "a data set's token is an API key"
    );
    let key = app
        .store
        .api_key(&civic_web::app::tokens::token_hash(token))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        key.scopes,
        [civic_domain::api_key::Scope::EventsWrite(
            "payments-system".into()
        )]
    );
    let found = app
        .store
        .dataset("northshire", "payments-system")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (found.slug.as_str(), found.expected_every_hours),
        ("payments-system", 12)
    );
    let again = staff
        .post_form(
            "/staff/bodies/northshire/datasets",
            &[
                ("name", "Payments system"),
                ("service", ""),
                ("expected_every_hours", "12"),
            ],
        )
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let other = app.signed_in("staff@eastvale.example").await;
    let denied = other
        .get("/staff/bodies/northshire/datasets")
        .await
        .status();
    assert!(
        matches!(denied, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{denied}"
    );
});
