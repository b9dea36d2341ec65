//! Tenancy: staff of one body can never read or change another body's private pages or
//! data, through any staff page, admin page or API route.

use crate::support::*;
use base64::Engine;
use civic_domain::ServiceChangeAction;
use civic_domain::ServiceStatus;
use civic_storage::ServiceQuery;
use civic_storage::db_test;
use reqwest::Method;
use reqwest::StatusCode;

/// Every route that takes a body and needs staff rights, with the method that reaches it.
const STAFF_ROUTES: [(&str, &str); 15] = [
    ("GET", "/staff/bodies/northshire/requests"),
    ("GET", "/staff/bodies/northshire/requests/new"),
    (
        "POST",
        "/staff/bodies/northshire/requests/new?service=report-a-missed-bin",
    ),
    ("GET", "/staff/bodies/northshire/requests/1"),
    ("POST", "/staff/bodies/northshire/requests/1"),
    ("GET", "/staff/bodies/northshire/api-keys"),
    ("POST", "/staff/bodies/northshire/api-keys"),
    ("GET", "/staff/bodies/northshire/services"),
    ("GET", "/staff/bodies/northshire/services/new"),
    ("POST", "/staff/bodies/northshire/services/new"),
    (
        "GET",
        "/staff/bodies/northshire/services/pay-council-tax/edit",
    ),
    (
        "POST",
        "/staff/bodies/northshire/services/pay-council-tax/edit",
    ),
    (
        "POST",
        "/staff/bodies/northshire/services/pay-council-tax/retire",
    ),
    (
        "POST",
        "/staff/bodies/northshire/services/pay-council-tax/restore",
    ),
    (
        "GET",
        "/staff/bodies/northshire/services/pay-council-tax/history",
    ),
];

const ADMIN_ROUTES: [(&str, &str); 7] = [
    ("GET", "/admin/bodies"),
    ("POST", "/admin/bodies"),
    ("GET", "/admin/partners"),
    ("POST", "/admin/partners"),
    ("GET", "/admin/partners/northshire-cycle-forum"),
    ("GET", "/admin/bodies/northshire/staff"),
    ("POST", "/admin/bodies/northshire/staff"),
];

const API_ROUTES: [(&str, &str); 4] = [
    ("POST", "/api/bodies/northshire/services"),
    ("PUT", "/api/bodies/northshire/services/pay-council-tax"),
    (
        "POST",
        "/api/bodies/northshire/services/pay-council-tax/retire",
    ),
    (
        "POST",
        "/api/bodies/northshire/services/pay-council-tax/restore",
    ),
];

fn hostile_form() -> Vec<(&'static str, String)> {
    let mut form = service_form("Hijacked");
    form.push(("email", "mole@eastvale.example".into()));
    form.push(("password", "a long enough password".into()));
    form.push(("kind", "other".into()));
    form.push(("status", "fixed".into()));
    form.push(("update", "Hijacked".into()));
    form.push(("channel", "phone".into()));
    form.push(("address", "Mole Street".into()));
    form
}

async fn seed_request(app: &TestApp) {
    let key = api_key(app, "northshire").await;
    let status = reqwest::Client::new()
        .post(format!(
            "{}/bodies/northshire/open311/v2/requests.json",
            app.base
        ))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "report-a-missed-bin"),
            ("address_string", "1 Secret Lane"),
            ("attribute[depth]", "deep"),
            ("email", "private@example.org"),
        ])
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::OK);
}

async fn assert_northshire_untouched(app: &TestApp) {
    let request = app.store.get_request(1).await.unwrap().unwrap();
    assert_eq!(request.status, civic_domain::RequestStatus::Received);
    assert_eq!(app.store.request_updates(1, true).await.unwrap().len(), 1);
    assert_eq!(
        app.store
            .list_requests(&civic_storage::RequestQuery {
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.store.list_api_keys("northshire").await.unwrap().len(),
        1
    );
    assert!(
        app.store
            .places(Some("northshire"), true)
            .await
            .unwrap()
            .is_empty(),
        "no place added"
    );
    let page = app
        .store
        .list_services(&ServiceQuery {
            body: Some("northshire".into()),
            include_retired: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 2);
    let service = app
        .store
        .get_service("northshire", "pay-council-tax")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(service.name, "Pay council tax");
    assert_eq!(service.status, ServiceStatus::Active);
    let history = app
        .store
        .service_history("northshire", "pay-council-tax")
        .await
        .unwrap();
    assert_eq!(
        history.iter().map(|c| c.action).collect::<Vec<_>>(),
        vec![ServiceChangeAction::Created]
    );
    assert_eq!(app.store.list_staff("northshire").await.unwrap().len(), 1);
    assert_eq!(app.store.list_bodies().await.unwrap().len(), 2);
}

db_test!(staff_of_one_body_cannot_touch_another, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    seed_request(&app).await;
    let mole = app.signed_in("staff@eastvale.example").await;
    let form = hostile_form();
    for (method, path) in STAFF_ROUTES.iter().chain(ADMIN_ROUTES.iter()) {
        let response = if *method == "GET" {
            mole.get(path).await
        } else {
            mole.post_form(path, &as_refs(&form)).await
        };
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{method} {path}");
        let html = response.text().await.unwrap();
        assert!(
            !html.contains("Pay council tax"),
            "{method} {path} leaked northshire data"
        );
    }
    // The same routes for their own body work, so the 403s above are the wall, not a bug.
    let (status, _) = mole
        .get_text("/staff/bodies/eastvale/services/pay-council-tax/history")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_northshire_untouched(&app).await;
});

/// A staff page's path pattern filled in for northshire's seeded records.
fn northshire_path(pattern: &str) -> String {
    pattern
        .replace("{body}", "northshire")
        .replace("{service}", "pay-council-tax")
        .replace("{name}", "northshire--public-toilets")
        .replace("{id}", "1")
        .replace("{place}", "northam-library")
        .replace("{endpoint}", "1")
        .replace("{contract}", "council-tax-software")
}

db_test!(every_staff_page_of_a_body_is_behind_the_wall, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    seed_request(&app).await;
    let pages = civic_web::app::router::staff_pages();
    assert!(pages.len() >= 21, "pages went missing: {pages:?}");
    let mole = app.signed_in("staff@eastvale.example").await;
    let stranger = app.visitor();
    let form = hostile_form();
    for pattern in &pages {
        let path = northshire_path(pattern);
        let mut refused = 0;
        for method in ["GET", "POST"] {
            let (as_mole, as_stranger) = if method == "GET" {
                (mole.get(&path).await, stranger.get(&path).await)
            } else {
                (
                    mole.post_form(&path, &as_refs(&form)).await,
                    stranger.post_form(&path, &as_refs(&form)).await,
                )
            };
            // A method the page does not take is 405 whoever asks; the others are the wall.
            if as_mole.status() == StatusCode::METHOD_NOT_ALLOWED {
                assert_eq!(as_stranger.status(), StatusCode::METHOD_NOT_ALLOWED);
                continue;
            }
            refused += 1;
            assert_eq!(as_mole.status(), StatusCode::FORBIDDEN, "{method} {path}");
            assert_eq!(
                as_stranger.status(),
                StatusCode::SEE_OTHER,
                "{method} {path}"
            );
            assert_eq!(
                location(&as_stranger),
                format!("/staff/login?next={path}"),
                "{method} {path}"
            );
        }
        assert!(refused > 0, "{pattern} answered no method");
    }
    assert_northshire_untouched(&app).await;
});

#[test]
fn no_staff_page_of_a_body_is_routed_around_the_wall() {
    // Staff pages of a body are added through StaffRoutes (relative paths); a literal
    // `/staff/bodies/` route anywhere else would bypass the guard.
    fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains(".route(\"/staff/bodies/") {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(
        found.is_empty(),
        "staff routes outside StaffRoutes: {found:?}"
    );
}

db_test!(api_credentials_of_one_body_cannot_touch_another, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    seed_request(&app).await;
    let client = reqwest::Client::new();
    let credentials = base64::engine::general_purpose::STANDARD
        .encode(format!("staff@eastvale.example:{PASSWORD}"));
    let body = serde_json::json!({
        "code": "X1", "name": "Hijacked", "description": "x", "digital_inclusion_level": 1,
        "channels": [{"kind": "phone", "detail": "01632 960 009"}]
    });
    for (method, path) in API_ROUTES {
        let response = client
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                format!("{}{path}", app.base),
            )
            .header("authorization", format!("Basic {credentials}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{method} {path}");
        let json: serde_json::Value = response.json().await.unwrap();
        assert_eq!(json["error"], "forbidden");
    }
    // An eastvale API key with every scope the routes need is refused on northshire's.
    let key = issue_key_with(&app, "eastvale", "live", "services:write", "").await;
    for (method, path) in API_ROUTES {
        let response = client
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                format!("{}{path}", app.base),
            )
            .bearer_auth(&key)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{method} {path}");
        let json: serde_json::Value = response.json().await.unwrap();
        assert_eq!(json["message"], "This API key belongs to another body");
    }
    assert_northshire_untouched(&app).await;
});

db_test!(signed_out_visitors_reach_no_private_route, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    seed_request(&app).await;
    let stranger = app.visitor();
    for (method, path) in STAFF_ROUTES.iter().chain(ADMIN_ROUTES.iter()) {
        let response = if *method == "GET" {
            stranger.get(path).await
        } else {
            stranger.post_form(path, &as_refs(&hostile_form())).await
        };
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{method} {path}");
        assert!(
            location(&response).starts_with("/staff/login?next="),
            "{method} {path}"
        );
    }
    let client = reqwest::Client::new();
    for (method, path) in API_ROUTES {
        let response = client
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                format!("{}{path}", app.base),
            )
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{method} {path}"
        );
        assert!(response.headers().contains_key("www-authenticate"));
    }
    assert_northshire_untouched(&app).await;
});
