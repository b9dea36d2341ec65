//! What every feature shares: security headers, CSRF, content negotiation and errors for
//! data URLs, health and metrics (the OpenAPI document has openapi.rs).

use crate::support::*;
use civic_storage::ServiceQuery;
use civic_storage::db_test;
use civic_web::Config;
use reqwest::StatusCode;

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

db_test!(security_headers_are_sent, |db| {
    let app = spawn(&db).await;
    let response = app.visitor().get("/").await;
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert!(
        headers.get("strict-transport-security").is_none(),
        "no HSTS over plain HTTP"
    );
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    assert!(!cookie.contains("Secure"));
});

db_test!(behind_tls_cookies_are_secure_and_hsts_is_sent, |db| {
    let app = spawn_with(
        &db,
        Config {
            public_url: Some("https://civic.example.gov.uk".into()),
            ..test_config()
        },
    )
    .await;
    let response = app.visitor().get("/").await;
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    assert!(
        response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Secure")
    );
});

/// Signs in with a cookie jar the test can read, and returns the session cookie's value.
async fn signed_in_session(app: &TestApp) -> String {
    use reqwest::cookie::CookieStore;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let visitor = Visitor {
        base: app.base.clone(),
        client: reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    };
    let response = visitor
        .post_form(
            "/staff/login",
            &[
                ("email", "staff@northshire.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cookies = jar.cookies(&app.base.parse().unwrap()).unwrap();
    cookies
        .to_str()
        .unwrap()
        .split("; ")
        .find_map(|c| c.strip_prefix("civic_session="))
        .unwrap()
        .to_string()
}

db_test!(forms_without_the_csrf_token_are_refused, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.signed_in("staff@northshire.example").await;
    let form = service_form("Report a pothole");
    let no_token = v
        .client
        .post(v.url("/staff/bodies/northshire/services/new"))
        .form(&as_refs(&form))
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), StatusCode::FORBIDDEN);
    assert!(
        no_token
            .text()
            .await
            .unwrap()
            .contains("Your form could not be sent")
    );
    let mut forged = as_refs(&form);
    forged.push(("csrf_token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    let wrong = v
        .client
        .post(v.url("/staff/bodies/northshire/services/new"))
        .form(&forged)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    // A token planted in the double-submit cookie (say, by a neighbouring subdomain) and
    // echoed in the form does not stand in for the session's own.
    let planted = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    let mut with_planted = as_refs(&form);
    with_planted.push(("csrf_token", planted));
    let cookies = format!(
        "civic_csrf={planted}; civic_session={}",
        signed_in_session(&app).await
    );
    let fixed = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(v.url("/staff/bodies/northshire/services/new"))
        .header("cookie", cookies)
        .form(&with_planted)
        .send()
        .await
        .unwrap();
    assert_eq!(
        fixed.status(),
        StatusCode::FORBIDDEN,
        "token tied to the session"
    );
    let text_plain = v
        .client
        .post(v.url("/staff/logout"))
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(text_plain.status(), StatusCode::FORBIDDEN);
    // Claiming to be JSON does not skip the check: the form is still read as a form.
    let encoded = serde_urlencoded::to_string(as_refs(&form)).unwrap();
    let claims_json = v
        .client
        .post(v.url("/staff/bodies/northshire/services/new"))
        .header("content-type", "application/json")
        .body(encoded)
        .send()
        .await
        .unwrap();
    assert_eq!(claims_json.status(), StatusCode::FORBIDDEN);
    let page = app
        .store
        .list_services(&ServiceQuery {
            body: Some("northshire".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 2, "nothing was saved");
});

db_test!(negotiated_pages_vary_and_data_urls_fail_as_data, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let client = reqwest::Client::new();
    for path in [
        "/bodies",
        "/bodies/northshire",
        "/bodies/northshire/services",
        "/services",
        "/bodies/northshire/services/pay-council-tax",
        "/registers",
    ] {
        for accept in ["text/html", "application/json"] {
            let response = client
                .get(format!("{}{path}", app.base))
                .header("accept", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path} {accept}");
            let vary = response.headers()["vary"].to_str().unwrap().to_lowercase();
            assert!(vary.contains("accept"), "{path} {accept}: vary {vary}");
        }
    }
    // A data URL that fails, or a client that asked for JSON, gets the API's JSON error.
    for (path, accept) in [
        ("/bodies/nowhere.json", "*/*"),
        ("/bodies/nowhere/services.csv", "*/*"),
        ("/bodies/northshire/services/no-such-service.json", "*/*"),
        ("/no-such-thing.json", "*/*"),
        ("/registers/no-such-register/records.csv", "*/*"),
        ("/bodies/nowhere", "application/json"),
    ] {
        let response = client
            .get(format!("{}{path}", app.base))
            .header("accept", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let kind = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(kind.starts_with("application/json"), "{path}: {kind}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["status"], 404, "{path}");
        assert_eq!(body["error"], "not_found", "{path}");
    }
    // People still get the page.
    let (status, html) = app.visitor().get_text("/bodies/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
});

db_test!(slow_and_idle_connections_are_closed_and_capped, |db| {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_with(
        &db,
        Config {
            header_timeout: std::time::Duration::from_millis(500),
            max_connections: 4,
            ..test_config()
        },
    )
    .await;
    let addr = app.base.trim_start_matches("http://").to_string();
    // Half-sent headers: the server closes the connection once the header time is up.
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        slow.read_to_end(&mut buf),
    )
    .await;
    assert!(read.is_ok(), "a half-sent request was kept open");
    // Past the cap, a connection is closed on arrival; the ones inside are served.
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(tokio::net::TcpStream::connect(&addr).await.unwrap());
    }
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let mut extra = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let _ = extra
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(2),
        extra.read_to_end(&mut answer),
    )
    .await;
    assert!(answer.is_empty(), "served past the cap: {answer:?}");
    // The held sockets send nothing; the header timeout frees their slots.
    tokio::time::sleep(std::time::Duration::from_millis(900)).await;
    let (status, _) = app.visitor().get_text("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    drop(held);
});

db_test!(metrics_stay_bounded_and_can_need_a_token, |db| {
    let app = spawn_with(
        &db,
        Config {
            metrics_token: Some("operator-secret".into()),
            ..test_config()
        },
    )
    .await;
    let client = reqwest::Client::new();
    for n in 0..20 {
        let method = reqwest::Method::from_bytes(format!("MADEUP{n}").as_bytes()).unwrap();
        let _ = client
            .request(method, format!("{}/", app.base))
            .send()
            .await
            .unwrap();
    }
    let refused = client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let text = client
        .get(format!("{}/metrics", app.base))
        .bearer_auth("operator-secret")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("method=\"other\""), "{text}");
    assert!(!text.contains("MADEUP"), "made-up methods became series");
});

db_test!(bodies_are_small_but_where_files_arrive, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let client = reqwest::Client::new();
    let big_form = format!(
        "email=a%40b.example&password={}",
        "x".repeat(2 * 1024 * 1024)
    );
    let form = client
        .post(format!("{}/api/bodies/northshire/services", app.base))
        .basic_auth("staff@northshire.example", Some(PASSWORD))
        .header("content-type", "application/json")
        .body(format!("{{\"name\": \"{}\"}}", "x".repeat(2 * 1024 * 1024)))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let v = app.visitor();
    let token = v.csrf_token().await;
    let sign_in = v
        .client
        .post(v.url("/staff/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("{big_form}&csrf_token={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(sign_in.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Past even the upload limit, nothing is read.
    let huge = client
        .post(format!(
            "{}/bodies/northshire/open311/v2/requests.json",
            app.base
        ))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; civic_web::app::limits::MAX_UPLOAD + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
});

db_test!(private_pages_are_never_cached, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let staff = app.signed_in("staff@northshire.example").await;
    let admin = app.signed_in("admin@civic.example").await;
    for (who, path) in [
        (&staff, "/staff"),
        (&staff, "/staff/password"),
        (&staff, "/staff/bodies/northshire/services"),
        (&staff, "/staff/bodies/northshire/api-keys"),
        (&admin, "/admin/bodies"),
    ] {
        let response = who.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let public = app.visitor().get("/bodies/northshire/services").await;
    assert_ne!(
        public
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap()),
        Some("no-store")
    );
});

db_test!(control_characters_get_a_clear_400_everywhere, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let key = api_key(&app, "northshire").await;
    let client = reqwest::Client::new();
    let v = app.visitor();
    // Pages and data by path and query.
    for path in [
        "/services?q=bin%00",
        "/bodies/northshire%00/services",
        "/catalogue?q=%1B",
        "/bodies/northshire/requests.json?status=%00",
    ] {
        let response = v.get(path).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
    }
    // A form.
    let token = v.csrf_token().await;
    let sign_in = v
        .client
        .post(v.url("/staff/login"))
        .form(&[
            ("email", "staff@northshire.example\u{0}"),
            ("password", PASSWORD),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sign_in.status(), StatusCode::BAD_REQUEST);
    assert!(sign_in.text().await.unwrap().contains("control character"));
    // JSON.
    let json = client
        .post(format!("{}/api/bodies/northshire/services", app.base))
        .basic_auth("staff@northshire.example", Some(PASSWORD))
        .json(&serde_json::json!({"name": "Bins\u{0}"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = json.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("control character")
    );
    // Open311, in its own error format; nothing is stored, and the list stays well-formed.
    for description in ["pothole\u{0}", "pothole \u{1b}[31m"] {
        let posted = client
            .post(format!(
                "{}/bodies/northshire/open311/v2/requests.xml",
                app.base
            ))
            .form(&[
                ("api_key", key.as_str()),
                ("service_code", "report-a-missed-bin"),
                ("address_string", "1 High Street"),
                ("attribute[depth]", "deep"),
                ("description", description),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(posted.status(), StatusCode::BAD_REQUEST);
        let xml = posted.text().await.unwrap();
        assert!(
            xml.contains("<errors>") && xml.contains("control character"),
            "{xml}"
        );
    }
    let list = v.get("/bodies/northshire/open311/v2/requests.xml").await;
    assert_eq!(list.status(), StatusCode::OK);
    let xml = list.text().await.unwrap();
    assert!(!xml.chars().any(civic_domain::validation::is_forbidden_char));
});

db_test!(malformed_queries_and_paths_get_civics_own_errors, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    // A parameter given twice on a data URL: the API's JSON error, not axum's plain text.
    let twice = v
        .get("/performance/data.json?start_at=2026-01-01&start_at=2026-02-01")
        .await;
    assert_eq!(twice.status(), StatusCode::BAD_REQUEST);
    assert!(
        twice.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let body: serde_json::Value = twice.json().await.unwrap();
    assert_eq!(body["error"], "bad_request");
    assert!(body["message"].as_str().unwrap().contains("start_at"));
    // On a page, the plain-English page.
    let (status, html) = v.get_text("/services?q=a&q=b").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("query could not be read"), "{html}");
    // A path whose parameters do not parse names nothing: 404.
    let staff = app.signed_in("staff@northshire.example").await;
    let (status, _) = staff
        .get_text("/staff/bodies/northshire/requests/not-a-number")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The registers' resources are data: their errors are JSON whatever the URL.
    let missing = v.get("/registers/no-such-register/items/abc").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(
        missing.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
});

db_test!(
    the_privacy_notice_and_accessibility_statement_are_published,
    |db| {
        let app = spawn_with(
            &db,
            Config {
                operator: "Northshire Digital Partnership".into(),
                contact_email: "data@northshire.example".into(),
                ..test_config()
            },
        )
        .await;
        let v = app.visitor();
        let (status, home) = v.get_text("/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(home.contains("href=\"/privacy\"") && home.contains("href=\"/accessibility\""));
        let (status, privacy) = v.get_text("/privacy").await;
        assert_eq!(status, StatusCode::OK);
        assert!(privacy.contains("Northshire Digital Partnership"));
        assert!(privacy.contains("mailto:data@northshire.example"));
        assert!(privacy.contains("civic_session") && privacy.contains("civic_csrf"));
        let (status, statement) = v.get_text("/accessibility").await;
        assert_eq!(status, StatusCode::OK);
        assert!(statement.contains("2.2 AA") && statement.contains("Enforcement procedure"));
    }
);

db_test!(one_address_cannot_hold_every_connection, |db| {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_with(
        &db,
        Config {
            max_connections_per_client: 2,
            ..test_config()
        },
    )
    .await;
    let addr: std::net::SocketAddr = app.base.trim_start_matches("http://").parse().unwrap();
    let from = |ip: &str| {
        let ip: std::net::IpAddr = ip.parse().unwrap();
        async move {
            let socket = tokio::net::TcpSocket::new_v4().unwrap();
            socket.bind(std::net::SocketAddr::new(ip, 0)).unwrap();
            socket.connect(addr).await.unwrap()
        }
    };
    let _held = [from("127.0.0.2").await, from("127.0.0.2").await];
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let mut third = from("127.0.0.2").await;
    let _ = third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(2),
        third.read_to_end(&mut answer),
    )
    .await;
    assert!(
        answer.is_empty(),
        "a third connection from one address was served"
    );
    // Everyone else is served.
    let (status, _) = app.visitor().get_text("/healthz").await;
    assert_eq!(status, StatusCode::OK);
});

db_test!(public_pages_and_data_answer_conditional_requests, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let client = reqwest::Client::new();
    for (path, cache) in [
        (
            "/bodies/northshire/services.json",
            "public, max-age=60, must-revalidate",
        ),
        (
            "/bodies/northshire/services/report-a-missed-bin",
            "public, no-cache",
        ),
    ] {
        // A visitor with the form cookie already, as after their first page.
        let first = client
            .get(format!("{}{path}", app.base))
            .header(
                "cookie",
                "civic_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            )
            .send()
            .await
            .unwrap();
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        assert_eq!(first.headers()["cache-control"], cache, "{path}");
        let varies_by_cookie = first
            .headers()
            .get_all("vary")
            .iter()
            .any(|v| v.to_str().unwrap_or("").contains("Cookie"));
        assert_eq!(
            varies_by_cookie,
            cache == "public, no-cache",
            "{path}: Vary"
        );
        let tag = first.headers()["etag"].to_str().unwrap().to_string();
        let again = client
            .get(format!("{}{path}", app.base))
            .header(
                "cookie",
                "civic_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            )
            .header("if-none-match", &tag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers()["etag"], tag.as_str());
        assert!(again.text().await.unwrap().is_empty());
    }

    // A change shows at once: the tag moves with what the page says.
    let before = client
        .get(format!("{}/bodies/northshire/services.json", app.base))
        .send()
        .await
        .unwrap();
    let tag = before.headers()["etag"].to_str().unwrap().to_string();
    let staff = app.signed_in("staff@northshire.example").await;
    let form = service_form("Report graffiti");
    let created = staff
        .post_form("/staff/bodies/northshire/services/new", &as_refs(&form))
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let after = client
        .get(format!("{}/bodies/northshire/services.json", app.base))
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::OK, "changed, so not 304");

    // Pages with one visitor's form token, and staff pages, are never shared.
    let report = client
        .get(format!(
            "{}/bodies/northshire/report/report-a-missed-bin",
            app.base
        ))
        .header(
            "cookie",
            "civic_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(report.headers()["cache-control"], "private, no-cache");
    let staff_page = staff.get("/staff/bodies/northshire/services").await;
    assert_eq!(staff_page.headers()["cache-control"], "no-store");
    assert!(staff_page.headers().get("etag").is_none());
});
