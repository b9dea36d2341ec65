//! A hub runs several `civic serve` processes on one database behind a load balancer:
//! nothing one process keeps in memory is needed by another.

use crate::requests::report_on_web;
use crate::support::*;
use civic_storage::db_test;
use civic_web::Config;
use reqwest::StatusCode;

fn hub_config(smtp_url: &str) -> Config {
    Config {
        smtp_url: Some(smtp_url.to_string()),
        submissions_per_minute: 3,
        ..test_config()
    }
}

async fn open311_report(app: &TestApp, key: &str) -> StatusCode {
    reqwest::Client::new()
        .post(format!(
            "{}/bodies/northshire/open311/v2/requests.json",
            app.base
        ))
        .form(&[
            ("api_key", key),
            ("service_code", "report-a-missed-bin"),
            ("address_string", "1 High Street"),
            ("attribute[depth]", "deep"),
        ])
        .send()
        .await
        .unwrap()
        .status()
}

db_test!(two_servers_on_one_database_act_as_one, |db| {
    let sink = SmtpSink::start().await;
    let first = spawn_with(&db, hub_config(&sink.url)).await;
    let second = spawn_another(&db, hub_config(&sink.url)).await;
    first.seed().await;

    // Signed in through one server, the session works on the other.
    let staff = first.signed_in("staff@northshire.example").await;
    let elsewhere = Visitor {
        base: second.base.clone(),
        client: staff.client.clone(),
    };
    let (status, html) = elsewhere
        .get_text("/staff/bodies/northshire/services")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Pay council tax"));
    // Signing out on the second ends the session on the first.
    let signed_out = elsewhere.post_form("/staff/logout", &[]).await;
    assert_eq!(signed_out.status(), StatusCode::SEE_OTHER);
    let again = staff.get("/staff/bodies/northshire/services").await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);

    // The submission limit counts what one client sends to both.
    let key = api_key(&first, "northshire").await;
    assert_eq!(open311_report(&first, &key).await, StatusCode::OK);
    assert_eq!(open311_report(&second, &key).await, StatusCode::OK);
    assert_eq!(open311_report(&first, &key).await, StatusCode::OK);
    assert_eq!(
        open311_report(&second, &key).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        open311_report(&first, &key).await,
        StatusCode::TOO_MANY_REQUESTS
    );

    // An email queued through one server is sent once, though both run the outbox.
    let sent = report_on_web(&second.visitor(), "resident@example.org").await;
    assert_eq!(sent.status(), StatusCode::OK);
    let emails = sink.wait_for(1).await;
    // Both workers poll every 50 ms: give a second send every chance to happen.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let emails_later = sink.messages.lock().unwrap().clone();
    assert_eq!(emails_later.len(), 1, "{emails_later:#?}");
    assert!(emails[0].contains("resident@example.org"));
});

db_test!(a_cached_page_shows_a_change_made_anywhere_at_once, |db| {
    let first = spawn_with(&db, test_config()).await;
    let second = spawn_another(&db, test_config()).await;
    first.seed().await;
    let visitor = first.visitor();
    let page = "/bodies/northshire/services";
    let (status, before) = visitor.get_text(page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!before.contains("Gritting request"));
    // Served again from memory: the same bytes, under the same tag.
    let tag = |r: &reqwest::Response| r.headers()["etag"].to_str().unwrap().to_string();
    let again = visitor.get(page).await;
    let cached_tag = tag(&again);
    assert_eq!(again.text().await.unwrap(), before);

    // Staff add a service through the other server: the first shows it on the next request.
    let staff = second.signed_in("staff@northshire.example").await;
    let added = staff
        .post_form(
            "/staff/bodies/northshire/services/new",
            &as_refs(&service_form("Gritting request")),
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let after = visitor.get(page).await;
    assert_ne!(tag(&after), cached_tag);
    assert!(after.text().await.unwrap().contains("Gritting request"));

    // A change straight to the database (as `civic` commands make) shows at once too.
    let draft = civic_domain::BodyInput {
        slug: "northshire".into(),
        name: "Northshire Council".into(),
        kind: "county_council".into(),
        website: "https://www.example.gov.uk".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    first.store.update_body("northshire", &draft).await.unwrap();
    let (_, renamed) = visitor.get_text(page).await;
    assert!(renamed.contains("Northshire Council:"));

    // Someone signed in is never served a page kept for everyone.
    let (_, signed_in) = staff.get_text(page).await;
    assert!(signed_in.contains("Sign out"));
});
