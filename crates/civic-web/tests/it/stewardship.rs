//! Stewardship: requests for data, and the data-sharing register.

use crate::catalogue::{action, path_after};
use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;
use serde_json::Value;

db_test!(data_requests_are_confirmed_supported_and_answered, |db| {
    let (app, sink) = spawn_seeded_with_mail(&db).await;
    let v = app.visitor();
    let bad = v
        .post_form(
            "/bodies/northshire/data-requests/new",
            &[("title", ""), ("email", "nope")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let sent = v
        .post_form(
            "/bodies/northshire/data-requests/new",
            &[
                ("title", "Gritting routes"),
                ("description", "Which roads are gritted, and when"),
                ("reason", "To plan safe cycle routes in winter"),
                ("email", "Jo@Example.org"),
            ],
        )
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    assert!(sent.text().await.unwrap().contains("Check your email"));
    let (_, list) = v.get_text("/bodies/northshire/data-requests").await;
    assert!(
        !list.contains("Gritting routes"),
        "not public until confirmed"
    );

    let emails = sink.wait_for(1).await;
    assert!(emails[0].contains("To: jo@example.org"));
    let confirm = path_after(&link_in(&emails[0], "http"), "/data-requests/confirm/");
    let confirmed = v.get(&confirm).await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let page = location(&confirmed);
    let id: i64 = page
        .trim_start_matches("/data-requests/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let (_, html) = v.get_text(&page).await;
    assert!(html.contains("Your request is published") && html.contains("Gritting routes"));
    assert!(
        !html.contains("jo@example.org"),
        "the requester's address is private"
    );
    assert_eq!(
        v.get("/data-requests/confirm/not-a-token").await.status(),
        StatusCode::BAD_REQUEST
    );

    let modified = |v: Value| {
        v["result"]["metadata_modified"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (_, before) = action(&v, "package_show?id=northshire--data-requests").await;
    // Support counts once per confirmed address.
    for _ in 0..2 {
        let supported = v
            .post_form(
                &format!("/data-requests/{id}/support"),
                &[("email", "sam@example.org")],
            )
            .await;
        assert_eq!(supported.status(), StatusCode::OK);
    }
    let emails = sink.wait_for(2).await;
    let support = path_after(&link_in(&emails[1], "http"), "/data-requests/support/");
    for _ in 0..2 {
        assert_eq!(v.get(&support).await.status(), StatusCode::SEE_OTHER);
    }
    let request = app.store.data_request(id).await.unwrap().unwrap();
    assert_eq!(request.supporters, 1);
    let (_, after) = action(&v, "package_show?id=northshire--data-requests").await;
    assert!(
        modified(after) > modified(before),
        "a new supporter updates the dataset"
    );

    // Only the body's staff answer; a refusal needs a reason; the requester is told.
    let other = app.signed_in("staff@eastvale.example").await;
    let denied = other
        .post_form(
            &format!("/staff/bodies/northshire/data-requests/{id}/answer"),
            &[("status", "refused"), ("answer", "No")],
        )
        .await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    let cross = other
        .post_form(
            &format!("/staff/bodies/eastvale/data-requests/{id}/answer"),
            &[("status", "refused"), ("answer", "No")],
        )
        .await;
    assert_eq!(cross.status(), StatusCode::NOT_FOUND);
    let staff = app.signed_in("staff@northshire.example").await;
    let (status, inbox) = staff
        .get_text("/staff/bodies/northshire/data-requests")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(inbox.contains("Gritting routes"));
    let reasonless = staff
        .post_form(
            &format!("/staff/bodies/northshire/data-requests/{id}/answer"),
            &[("status", "refused"), ("answer", "")],
        )
        .await;
    assert_eq!(reasonless.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let wrong_dataset = staff
        .post_form(
            &format!("/staff/bodies/northshire/data-requests/{id}/answer"),
            &[("status", "published"), ("dataset", "eastvale--spend")],
        )
        .await;
    assert_eq!(wrong_dataset.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let published = staff
        .post_form(
            &format!("/staff/bodies/northshire/data-requests/{id}/answer"),
            &[
                ("status", "published"),
                ("dataset", "northshire--service-register"),
            ],
        )
        .await;
    assert_eq!(published.status(), StatusCode::SEE_OTHER);
    let emails = sink.wait_for(3).await;
    assert!(
        emails[2].contains("To: jo@example.org") && emails[2].contains("Published"),
        "{}",
        emails[2]
    );

    // The response time is published; the address never is.
    let rows: Value = v
        .get("/bodies/northshire/data-requests.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rows[0]["status"], "published");
    assert_eq!(rows[0]["days_to_answer"], 0);
    assert_eq!(rows[0]["dataset"], "northshire--service-register");
    let (_, csv) = v.get_text("/bodies/northshire/data-requests.csv").await;
    assert!(csv.starts_with("id,title,status,supporters,requested_at"));
    assert!(!csv.contains("example.org"));
    let (_, list) = v.get_text("/bodies/northshire/data-requests").await;
    assert!(
        list.contains("Median time to answer") && list.contains("0 days"),
        "{list}"
    );

    // Someone signed in asks under their account's address, published at once.
    let asked = other
        .post_form(
            "/bodies/northshire/data-requests/new",
            &[
                ("title", "Shared services costs"),
                ("description", "What each shared service costs each partner"),
                ("reason", "To compare with our own costs"),
            ],
        )
        .await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    assert!(location(&asked).ends_with("?confirmed=1"));
    let rows: Value = v
        .get("/bodies/northshire/data-requests.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rows[0]["title"], "Shared services costs");
});

db_test!(the_data_sharing_register_is_public_open_data, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let staff = app.signed_in("staff@northshire.example").await;
    let fields = [
        ("title", "Early help"),
        ("parties", "Northshire County Council\nNorthshire Police"),
        ("purpose", "Joint support for families"),
        ("legal_basis", "UK GDPR Article 6(1)(e): public task"),
        ("data_items", "Name\nAddress\nSchool attendance"),
        ("starts_on", "2026-01-01"),
        ("review_on", "2027-01-01"),
        ("ends_on", ""),
        ("owner", "Head of Early Help"),
    ];
    let bad = staff
        .post_form(
            "/staff/bodies/northshire/data-sharing",
            &[("title", "x"), ("parties", "Only us")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let added = staff
        .post_form("/staff/bodies/northshire/data-sharing", &fields)
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let v = app.visitor();
    let rows: Value = v
        .get("/bodies/northshire/data-sharing.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        rows[0]["parties"],
        "Northshire County Council; Northshire Police"
    );
    assert_eq!(rows[0]["ends_on"], Value::Null);
    let id = rows[0]["id"].as_i64().unwrap();
    let mut changed = fields.to_vec();
    let id_text = id.to_string();
    changed.push(("id", &id_text));
    changed[8] = ("owner", "Director of Children's Services");
    let other = app.signed_in("staff@eastvale.example").await;
    let cross = other
        .post_form("/staff/bodies/eastvale/data-sharing", &changed)
        .await;
    assert_eq!(
        cross.status(),
        StatusCode::NOT_FOUND,
        "another body's agreement"
    );
    let saved = staff
        .post_form("/staff/bodies/northshire/data-sharing", &changed)
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (_, page) = v.get_text("/bodies/northshire/data-sharing").await;
    assert!(
        page.contains("Director of Children&#39;s Services")
            || page.contains("Director of Children's Services"),
        "{page}"
    );
    let (_, csv) = v.get_text("/bodies/northshire/data-sharing.csv").await;
    assert_eq!(csv.lines().count(), 2);
    let (_, shown) = action(&v, "package_show?id=northshire--data-sharing").await;
    assert_eq!(shown["result"]["resources"][0]["format"], "CSV");
});

db_test!(forms_that_send_email_cannot_flood_an_inbox, |db| {
    let sink = SmtpSink::start().await;
    let app = spawn_with(
        &db,
        civic_web::Config {
            smtp_url: Some(sink.url.clone()),
            submissions_per_minute: 3,
            ..test_config()
        },
    )
    .await;
    app.seed().await;
    let v = app.visitor();
    let mut statuses = Vec::new();
    for n in 0..6 {
        let title = format!("Gritting routes {n}");
        let sent = v
            .post_form(
                "/bodies/northshire/data-requests/new",
                &[
                    ("title", title.as_str()),
                    ("description", "Which roads are gritted, and when"),
                    ("reason", "To plan safe cycle routes in winter"),
                    ("email", "victim@example.org"),
                ],
            )
            .await;
        statuses.push(sent.status().as_u16());
    }
    assert_eq!(statuses, vec![200, 200, 200, 429, 429, 429]);
    sink.wait_for(3).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        sink.messages.lock().unwrap().len(),
        3,
        "one inbox, three emails"
    );
    // The same client naming other addresses is limited too.
    let other = v
        .post_form(
            "/bodies/northshire/data-requests/new",
            &[
                ("title", "Bus stops"),
                ("description", "Where the bus stops are"),
                ("reason", "To map them"),
                ("email", "someone-else@example.org"),
            ],
        )
        .await;
    assert_eq!(other.status(), StatusCode::TOO_MANY_REQUESTS);
});
