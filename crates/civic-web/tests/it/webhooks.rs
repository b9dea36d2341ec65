//! Webhooks end to end: staff add an endpoint (bad addresses refused, nothing saved), a
//! problem reported over Open311 reaches a loopback receiver signed as Standard Webhooks
//! says, a failed delivery is retried with the same `webhook-id`, an endpoint that answers
//! 410 is turned off, and staff see the deliveries. When `CIVIC_WEBHOOK_CAPTURE` names a
//! directory, the deliveries received are written there for `tests/webhooks/verify_deliveries.py` to
//! check with the PyPI `standardwebhooks` library.

use crate::support::*;
use axum::http::HeaderMap;
use civic_domain::webhook::{DisabledReason, Secret};
use civic_storage::db_test;
use reqwest::StatusCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One delivery as the receiver saw it.
#[derive(Clone, Debug)]
struct Received {
    path: String,
    id: String,
    timestamp: i64,
    signature: String,
    body: String,
    received_at: f64,
}

/// A loopback receiver: `/hooks` answers 500 to its first delivery and 204 after; `/gone`
/// answers 410.
async fn receiver() -> (String, Arc<Mutex<Vec<Received>>>) {
    let seen: Arc<Mutex<Vec<Received>>> = Arc::default();
    let record = |seen: Arc<Mutex<Vec<Received>>>, path: &'static str| {
        move |headers: HeaderMap, body: String| {
            let seen = seen.clone();
            async move {
                let header = |name: &str| {
                    headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_string()
                };
                let mut all = seen.lock().unwrap();
                let first = !all.iter().any(|r| r.path == path);
                all.push(Received {
                    path: path.into(),
                    id: header("webhook-id"),
                    timestamp: header("webhook-timestamp").parse().unwrap_or(0),
                    signature: header("webhook-signature"),
                    body,
                    received_at: std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_secs_f64())
                        .unwrap_or(0.0),
                });
                match path {
                    "/gone" => StatusCode::GONE,
                    _ if first => StatusCode::INTERNAL_SERVER_ERROR,
                    _ => StatusCode::NO_CONTENT,
                }
            }
        }
    };
    let app = axum::Router::new()
        .route(
            "/hooks",
            axum::routing::post(record(seen.clone(), "/hooks")),
        )
        .route("/gone", axum::routing::post(record(seen.clone(), "/gone")));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, seen)
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..300 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting until {what}");
}

db_test!(partners_receive_signed_retried_deliveries, |db| {
    let app = spawn_with(
        &db,
        civic_web::Config {
            allow_private_addresses: true,
            ..test_config()
        },
    )
    .await;
    app.seed().await;
    let (receiver, seen) = receiver().await;
    let staff = app.signed_in("staff@northshire.example").await;
    let list = "/staff/bodies/northshire/webhooks";
    let (status, html) = staff.get_text(list).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No endpoints yet"));

    // Bad input: a clear error and nothing saved.
    for (url, events, message) in [
        (
            "ftp://partner.example/",
            "request.created",
            "Enter a full address",
        ),
        (
            &format!("{receiver}/hooks") as &str,
            "",
            "Choose at least one event",
        ),
        (
            "https://partner.example/",
            "request.deleted",
            "is not an event Civic sends",
        ),
    ] {
        let r = staff
            .post_form(
                list,
                &[("url", url), ("description", "x"), ("events", events)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert!(r.text().await.unwrap().contains(message), "{url}");
    }
    assert!(
        app.store
            .webhook_endpoints("northshire")
            .await
            .unwrap()
            .is_empty()
    );

    let url = format!("{receiver}/hooks");
    let created = staff
        .post_form(
            list,
            &[
                ("url", url.as_str()),
                ("description", "Pothole tracker"),
                ("events", "request.created"),
                ("events", "request.updated"),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let shown = location(&created);
    let (status, html) = staff.get_text(&shown).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Endpoint added"));
    let secret = html
        .split("<code class=\"code break-anywhere\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .to_string();
    assert!(secret.starts_with("whsec_"), "{secret}");
    let endpoint = app.store.webhook_endpoints("northshire").await.unwrap()[0].clone();
    assert_eq!(endpoint.secret, secret);
    let page = format!("/staff/bodies/northshire/webhooks/{}", endpoint.id);
    assert_eq!(shown, format!("{page}?notice=created"));

    // Another body's staff cannot see it.
    let mole = app.signed_in("staff@eastvale.example").await;
    assert_eq!(mole.get(&page).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        mole.get(&format!("/staff/bodies/eastvale/webhooks/{}", endpoint.id))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // A problem reported over Open311 is announced; the first delivery fails and the
    // retry, five seconds on, carries the same message id.
    let key = api_key(&app, "northshire").await;
    let reported: serde_json::Value = reqwest::Client::new()
        .post(format!(
            "{}/bodies/northshire/open311/v2/requests.json",
            app.base
        ))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "report-a-missed-bin"),
            ("address_string", "1 High Street"),
            ("description", "Bin not collected"),
            ("attribute[depth]", "deep"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let request_id = reported[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_string();
    wait_until("the retry arrives", || {
        seen.lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == "/hooks")
            .count()
            >= 2
    })
    .await;
    let deliveries: Vec<Received> = seen.lock().unwrap().clone();
    let (first, retry) = (&deliveries[0], &deliveries[1]);
    assert_eq!(first.id, retry.id, "a retry keeps its webhook-id");
    assert!(first.id.starts_with("msg_"));
    assert!(
        retry.timestamp >= first.timestamp + 4,
        "signed afresh when retried"
    );
    assert_eq!(first.body, retry.body);
    let key = Secret::parse(&secret).unwrap();
    for r in [first, retry] {
        assert_eq!(r.signature, key.sign(&r.id, r.timestamp, r.body.as_bytes()));
    }
    let payload: serde_json::Value = serde_json::from_str(&first.body).unwrap();
    assert_eq!(payload["type"], "request.created");
    assert_eq!(payload["data"]["service_request_id"], request_id.as_str());
    assert_eq!(payload["data"]["body"], "northshire");
    assert!(
        !first.body.contains("1 High Street") && !first.body.contains("Bin not collected"),
        "payloads are thin"
    );
    wait_until("the delivery is recorded", || true).await;
    for _ in 0..100 {
        let log = app
            .store
            .webhook_deliveries("northshire", endpoint.id, 10)
            .await
            .unwrap();
        if log.first().is_some_and(|d| d.delivered_at.is_some()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (_, html) = staff.get_text(&page).await;
    assert!(html.contains("Delivered"), "staff see the delivery");
    assert!(html.contains("answered HTTP 500") || html.contains(">2<"));

    // Rotating the secret: the next message is signed with both.
    let rotated = staff.post_form(&format!("{page}/rotate"), &[]).await;
    assert_eq!(rotated.status(), StatusCode::SEE_OTHER);
    let now = app
        .store
        .webhook_endpoint("northshire", endpoint.id)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(now.secret, secret);
    assert_eq!(now.previous_secret.as_deref(), Some(secret.as_str()));

    // An endpoint that answers 410 is turned off.
    let gone_url = format!("{receiver}/gone");
    let gone = app
        .store
        .create_webhook_endpoint(
            "northshire",
            &civic_domain::webhook::EndpointInput {
                url: gone_url,
                description: String::new(),
                events: vec!["request.updated".into()],
            }
            .validate(true)
            .unwrap(),
            Secret::from_key([9; 32]).as_str(),
        )
        .await
        .unwrap();
    app.store
        .change_request(
            "northshire",
            request_id.parse().unwrap(),
            &civic_storage::RequestChange {
                status: Some(civic_domain::RequestStatus::Closed),
                description: "Collected today".into(),
                actor: "Crew".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    for _ in 0..200 {
        let e = app
            .store
            .webhook_endpoint("northshire", gone.id)
            .await
            .unwrap()
            .unwrap();
        if e.disabled.is_some() {
            assert_eq!(e.disabled.map(|(_, r)| r), Some(DisabledReason::Gone));
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let e = app
        .store
        .webhook_endpoint("northshire", gone.id)
        .await
        .unwrap()
        .unwrap();
    assert!(e.disabled.is_some(), "410 turns the endpoint off");
    wait_until("the update reaches the first endpoint", || {
        seen.lock()
            .unwrap()
            .iter()
            .any(|r| r.path == "/hooks" && r.body.contains("request.updated"))
    })
    .await;
    let deliveries: Vec<Received> = seen.lock().unwrap().clone();
    let update = deliveries
        .iter()
        .find(|r| r.path == "/hooks" && r.body.contains("request.updated"))
        .unwrap();
    let signatures: Vec<&str> = update.signature.split(' ').collect();
    assert_eq!(
        signatures.len(),
        2,
        "signed with the new and the previous secret"
    );
    assert_eq!(
        signatures[1],
        key.sign(&update.id, update.timestamp, update.body.as_bytes())
    );

    // Staff turn it off: nothing more is sent.
    let off = staff
        .post_form(&format!("{page}/enabled"), &[("enabled", "no")])
        .await;
    assert_eq!(off.status(), StatusCode::SEE_OTHER);
    let (_, html) = staff.get_text(&location(&off)).await;
    assert!(html.contains("Turned off by staff"));
    let odd = staff
        .post_form(&format!("{page}/enabled"), &[("enabled", "maybe")])
        .await;
    assert_eq!(odd.status(), StatusCode::BAD_REQUEST);

    if let Ok(dir) = std::env::var("CIVIC_WEBHOOK_CAPTURE") {
        let secrets = [secret.clone(), now.secret.clone()];
        let lines: Vec<serde_json::Value> = deliveries
            .iter()
            .filter(|r| r.path == "/hooks")
            .map(|r| {
                serde_json::json!({
                    "secrets": secrets,
                    "headers": {
                        "webhook-id": r.id,
                        "webhook-timestamp": r.timestamp.to_string(),
                        "webhook-signature": r.signature,
                    },
                    "body": r.body,
                    "received_at": r.received_at,
                })
            })
            .collect();
        // One file per run (the secret is random), as both databases' runs write at once.
        let name = format!(
            "webhooks-{}.json",
            now.secret[6..18].replace(['/', '+'], "_")
        );
        std::fs::write(
            std::path::Path::new(&dir).join(name),
            serde_json::to_string_pretty(&lines).unwrap(),
        )
        .unwrap();
    }
});

db_test!(
    endpoints_inside_the_network_or_without_tls_are_refused,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let staff = app.signed_in("staff@northshire.example").await;
        let list = "/staff/bodies/northshire/webhooks";
        for (url, message) in [
            ("https://127.0.0.1/hooks", "private or local address"),
            ("https://localhost:8443/hooks", "private or local address"),
            ("https://[::1]/hooks", "private or local address"),
            ("http://partner.example/hooks", "must start with https://"),
            (
                "https://user:pw@partner.example/hooks",
                "user name or password",
            ),
        ] {
            let r = staff
                .post_form(list, &[("url", url), ("events", "dataset.published")])
                .await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{url}");
            assert!(r.text().await.unwrap().contains(message), "{url}");
        }
        assert!(
            app.store
                .webhook_endpoints("northshire")
                .await
                .unwrap()
                .is_empty()
        );
        let (status, html) = staff.get_text("/cy/staff/bodies/northshire/webhooks").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Bachau gwe"));
    }
);
