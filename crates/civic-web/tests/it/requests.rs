//! Requests: web reports confirmed by email, subscriptions, bad reports keeping what was
//! typed, and staff taking requests by phone with consent.

use crate::support::*;
use civic_storage::RequestQuery;
use civic_storage::db_test;
use reqwest::StatusCode;

fn action_of(html: &str) -> String {
    let start = html
        .find("?csrf_token=")
        .and_then(|i| html[..i].rfind("action=\""))
        .expect("a report form")
        + "action=\"".len();
    html[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&")
}

pub async fn report_on_web(visitor: &Visitor, email: &str) -> reqwest::Response {
    let (status, html) = visitor
        .get_text("/bodies/northshire/report/report-a-missed-bin")
        .await;
    assert_eq!(status, StatusCode::OK);
    let form = reqwest::multipart::Form::new()
        .text("address", "12 High Street, Northam")
        .text("postcode", "zz1 1aa")
        .text("attribute[depth]", "deep")
        .text("description", "The bin was missed again.")
        .text("name", "Jo Resident")
        .text("email", email.to_string())
        .text("show_name", "yes");
    visitor
        .client
        .post(visitor.url(&action_of(&html)))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

db_test!(web_reports_are_confirmed_by_email_then_published, |db| {
    let (app, sink) = spawn_seeded_with_mail(&db).await;
    let v = app.visitor();
    let (status, choose) = v.get_text("/bodies/northshire/report").await;
    assert_eq!(status, StatusCode::OK);
    assert!(choose.contains("Report a missed bin") && choose.contains("Roads"));

    let sent = report_on_web(&v, "jo@example.org").await;
    assert_eq!(sent.status(), StatusCode::OK);
    assert!(sent.text().await.unwrap().contains("Check your email"));
    let public = RequestQuery {
        body: Some("northshire".into()),
        public_only: true,
        limit: 10,
        ..Default::default()
    };
    assert!(
        app.store.list_requests(&public).await.unwrap().is_empty(),
        "unconfirmed until the link is used"
    );

    let emails = sink.wait_for(1).await;
    assert!(emails[0].contains("To: jo@example.org"));
    for header in [
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Message-ID: <",
        "Date: ",
    ] {
        assert!(emails[0].contains(header), "no {header}: {}", emails[0]);
    }
    assert!(
        !emails[0].contains("List-Unsubscribe"),
        "a confirmation is not a list"
    );
    let link = link_in(&emails[0], "http");
    let path = link
        .split_once("/requests/confirm/")
        .map(|(_, t)| format!("/requests/confirm/{t}"))
        .unwrap();
    let confirmed = v.get(&path).await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let page = location(&confirmed);
    let (status, html) = v.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Your report is confirmed"));
    assert!(
        html.contains("by Jo Resident"),
        "the name is shown because they agreed"
    );
    assert!(
        !html.contains("jo@example.org"),
        "contact details are never public"
    );
    assert!(html.contains("ZZ1 1AA"));
    assert_eq!(
        v.get(&path).await.status(),
        StatusCode::BAD_REQUEST,
        "a link works once"
    );

    // A staff update reaches the reporter, who was subscribed by confirming.
    let id = page
        .trim_start_matches("/requests/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let staff = app.signed_in("staff@northshire.example").await;
    let update = staff
        .post_form(
            &format!("/staff/bodies/northshire/requests/{id}"),
            &[
                ("status", "in_progress"),
                ("update", "A crew is on the way"),
            ],
        )
        .await;
    assert_eq!(update.status(), StatusCode::SEE_OTHER);
    let emails = sink.wait_for(2).await;
    let update_email = unfold(&emails[1]);
    assert!(
        update_email.contains("In progress") && update_email.contains("A crew is on the way"),
        "{update_email}"
    );
    assert!(update_email.contains("/subscriptions/unsubscribe/"));
    assert!(
        update_email.contains("List-Unsubscribe: <http"),
        "{update_email}"
    );

    // A private note emails nobody.
    staff
        .post_form(
            &format!("/staff/bodies/northshire/requests/{id}"),
            &[
                ("status", "in_progress"),
                ("update", "Resident is a regular caller"),
                ("private", "yes"),
            ],
        )
        .await;
    let (_, public_html) = v.get_text(&format!("/requests/{id}")).await;
    assert!(public_html.contains("A crew is on the way"));
    assert!(
        !public_html.contains("regular caller"),
        "private notes stay private"
    );
    let atom = v.get(&format!("/requests/{id}.atom")).await;
    assert_eq!(
        atom.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let atom = atom.text().await.unwrap();
    assert!(
        atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">")
            && atom.contains("A crew is on the way")
    );
    assert!(!atom.contains("regular caller"));
    let body_feed = v
        .get("/bodies/northshire/requests.atom")
        .await
        .text()
        .await
        .unwrap();
    assert!(body_feed.contains("A crew is on the way"));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(sink.messages.lock().unwrap().len(), 2);
    assert_eq!(
        app.store.outbox_pending().await.unwrap(),
        0,
        "nothing left unsent"
    );
});

db_test!(anyone_can_subscribe_and_unsubscribe, |db| {
    let (app, sink) = spawn_seeded_with_mail(&db).await;
    let key = api_key(&app, "northshire").await;
    let form = [
        ("api_key", key.as_str()),
        ("service_code", "report-a-missed-bin"),
        ("address_string", "1 Mill Lane"),
        ("attribute[depth]", "deep"),
    ];
    let json: serde_json::Value = reqwest::Client::new()
        .post(format!(
            "{}/bodies/northshire/open311/v2/requests.json",
            app.base
        ))
        .form(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = json[0]["service_request_id"].as_str().unwrap().to_string();
    let v = app.visitor();
    let bad = v
        .post_form(&format!("/requests/{id}/subscribe"), &[("email", "nope")])
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let ok = v
        .post_form(
            &format!("/requests/{id}/subscribe"),
            &[("email", "fan@example.org")],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
    let emails = sink.wait_for(1).await;
    let link = link_in(&emails[0], "http");
    let path = format!(
        "/subscriptions/confirm/{}",
        link.rsplit('/').next().unwrap()
    );
    assert_eq!(v.get(&path).await.status(), StatusCode::SEE_OTHER);
    let staff = app.signed_in("staff@northshire.example").await;
    staff
        .post_form(
            &format!("/staff/bodies/northshire/requests/{id}"),
            &[("status", "fixed"), ("update", "Done")],
        )
        .await;
    let emails = sink.wait_for(2).await;
    let unsubscribe = link_in(&emails[1], "/subscriptions/unsubscribe/");
    let token = unsubscribe.rsplit('/').next().unwrap().to_string();
    let (status, page) = v
        .get_text(&format!("/subscriptions/unsubscribe/{token}"))
        .await;
    assert_eq!(status, StatusCode::OK, "a GET only asks");
    assert!(page.contains("Stop sending me updates"));
    assert_eq!(
        app.store
            .subscription_token(id.parse().unwrap(), "fan@example.org")
            .await
            .unwrap()
            .as_deref(),
        Some(token.as_str())
    );
    let done = v
        .post_form(&format!("/subscriptions/unsubscribe/{token}"), &[])
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    assert!(
        app.store
            .subscription_token(id.parse().unwrap(), "fan@example.org")
            .await
            .unwrap()
            .is_none()
    );
});

db_test!(bad_web_reports_keep_what_was_typed_and_save_nothing, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let (_, html) = v
        .get_text("/bodies/northshire/report/report-a-missed-bin")
        .await;
    let form = reqwest::multipart::Form::new()
        .text("address", "")
        .text("lat", "95")
        .text("long", "-0.9")
        .text("attribute[depth]", "bottomless")
        .text("description", "x".repeat(4001))
        .text("email", "")
        .part(
            "photo",
            reqwest::multipart::Part::bytes(b"GIF89a".to_vec()).file_name("a.gif"),
        );
    let response = v
        .client
        .post(v.url(&action_of(&html)))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for needle in [
        "There is a problem",
        "4000 characters",
        "lat must be",
        "bottomless",
        "Enter your email address",
        "JPEG or PNG",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert!(html.contains("value=\"95\""), "what was typed is kept");
    let forged = v
        .client
        .post(v.url("/bodies/northshire/report/report-a-missed-bin?csrf_token=forged"))
        .multipart(reqwest::multipart::Form::new().text("description", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let all = RequestQuery {
        limit: 10,
        ..Default::default()
    };
    assert!(app.store.list_requests(&all).await.unwrap().is_empty());
    assert_eq!(
        v.get("/bodies/northshire/report/no-such-service")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
});

db_test!(staff_take_requests_by_phone_with_consent, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let staff = app.signed_in("staff@northshire.example").await;
    let (status, html) = staff
        .get_text("/staff/bodies/northshire/requests/new")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Report a missed bin"));
    let path = "/staff/bodies/northshire/requests/new?service=report-a-missed-bin";
    let (status, _) = staff.get_text(path).await;
    assert_eq!(status, StatusCode::OK);
    let no_consent = staff
        .post_form(
            path,
            &[
                ("channel", "phone"),
                ("address", "3 Church Road"),
                ("attribute[depth]", "shallow"),
                ("description", "Caller says the bin was missed"),
                ("phone", "01632 960 555"),
            ],
        )
        .await;
    assert_eq!(no_consent.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_consent
            .text()
            .await
            .unwrap()
            .contains("agreed to us keeping")
    );
    let saved = staff
        .post_form(
            path,
            &[
                ("channel", "phone"),
                ("address", "3 Church Road"),
                ("attribute[depth]", "shallow"),
                ("description", "Caller says the bin was missed"),
                ("phone", "01632 960 555"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (status, page) = staff.get_text(&location(&saved)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("01632 960 555"),
        "staff see the contact details"
    );
    assert!(page.contains("by phone"));
    let (_, inbox) = staff
        .get_text("/staff/bodies/northshire/requests?channel=phone")
        .await;
    assert!(inbox.contains("3 Church Road"));
    let (_, web_only) = staff
        .get_text("/staff/bodies/northshire/requests?channel=web")
        .await;
    assert!(!web_only.contains("3 Church Road"), "filters work");
    let (status, _) = staff
        .get_text("/staff/bodies/northshire/requests?channel=fax")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let id = location(&saved)
        .trim_start_matches("/staff/bodies/northshire/requests/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let (_, public) = app.visitor().get_text(&format!("/requests/{id}")).await;
    assert!(!public.contains("01632 960 555"));
    let bad_duplicate = staff
        .post_form(
            &format!("/staff/bodies/northshire/requests/{id}"),
            &[("status", "received"), ("duplicate_of", "99999")],
        )
        .await;
    assert_eq!(bad_duplicate.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_duplicate
            .text()
            .await
            .unwrap()
            .contains("no request with that reference")
    );
});

db_test!(public_csvs_show_formulas_instead_of_running_them, |db| {
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
            ("service_code", "report-a-missed-bin"),
            ("address_string", "@SUM(A1:A9)"),
            ("attribute[depth]", "deep"),
            (
                "description",
                "=HYPERLINK(\"http://evil.example\",\"click\")",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::OK);
    let csv = app
        .visitor()
        .get("/bodies/northshire/requests.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("'@SUM(A1:A9)"), "{csv}");
    // The JSON keeps the text as it was typed.
    let json: serde_json::Value = app
        .visitor()
        .get("/bodies/northshire/requests.json")
        .await
        .json()
        .await
        .unwrap();
    assert!(json.to_string().contains("\"=HYPERLINK("));
});
