//! Security headers and cookies.

use crate::support::*;
use civic_storage::db_test;
use civic_web::Config;

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
