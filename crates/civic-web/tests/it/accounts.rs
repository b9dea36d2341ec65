//! Accounts: signing in, password guessing slowed, password changes ending other sessions,
//! and administrators adding bodies and staff.

use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;

db_test!(sign_in_needs_the_right_password, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let response = v.get("/staff").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/staff/login?next=/staff");

    let wrong = v
        .post_form(
            "/staff/login",
            &[
                ("email", "staff@northshire.example"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = wrong.text().await.unwrap();
    assert!(html.contains("There is a problem"));
    assert!(html.contains("The email address or password is not right"));
    let unknown = v
        .post_form(
            "/staff/login",
            &[("email", "nobody@x.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let empty = v
        .post_form("/staff/login", &[("email", ""), ("password", "")])
        .await;
    let html = empty.text().await.unwrap();
    assert!(html.contains("Enter your email address") && html.contains("Enter your password"));

    let ok = v
        .post_form(
            "/staff/login",
            &[
                ("email", "STAFF@northshire.example"),
                ("password", PASSWORD),
                ("next", "/staff/bodies/northshire/services"),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&ok), "/staff/bodies/northshire/services");
    let cookie = ok.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("civic_session=") && cookie.contains("HttpOnly"));
    let (status, html) = v.get_text("/staff").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Northshire County Council Officer"));

    let out = v.post_form("/staff/logout", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        v.get("/staff").await.status(),
        StatusCode::SEE_OTHER,
        "signed out"
    );
});

db_test!(sign_in_refuses_to_redirect_off_site, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let ok = v
        .post_form(
            "/staff/login",
            &[
                ("email", "staff@northshire.example"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(location(&ok), "/staff");
});

db_test!(administrators_add_bodies_and_staff, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let admin = app.signed_in("admin@civic.example").await;
    let (status, _) = admin.get_text("/admin/bodies").await;
    assert_eq!(status, StatusCode::OK);
    let bad = admin
        .post_form("/admin/bodies", &[("name", ""), ("kind", "castle")])
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let added = admin
        .post_form(
            "/admin/bodies",
            &[
                ("name", "Westmere Borough Council"),
                ("slug", "westmere"),
                ("kind", "district_council"),
                ("website", ""),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&added), "/admin/bodies/westmere/staff");
    let dup = admin
        .post_form(
            "/admin/bodies",
            &[
                ("name", "Westmere"),
                ("slug", "westmere"),
                ("kind", "district_council"),
            ],
        )
        .await;
    assert_eq!(dup.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.text().await.unwrap().contains("already exists"));

    let short = admin
        .post_form(
            "/admin/bodies/westmere/staff",
            &[
                ("name", "Jo"),
                ("email", "jo@westmere.example"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let ok = admin
        .post_form(
            "/admin/bodies/westmere/staff",
            &[
                ("name", "Jo Bloggs"),
                ("email", "jo@westmere.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let jo = app.signed_in("jo@westmere.example").await;
    let (status, _) = jo.get_text("/staff/bodies/westmere/services").await;
    assert_eq!(status, StatusCode::OK);
    let missing = admin.get("/admin/bodies/atlantis/staff").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
});

db_test!(password_guessing_is_slowed, |db| {
    let app = spawn_with(
        &db,
        civic_web::Config {
            password_attempts_per_minute: 3,
            ..test_config()
        },
    )
    .await;
    app.seed().await;
    let v = app.visitor();
    for _ in 0..3 {
        let wrong = v
            .post_form(
                "/staff/login",
                &[
                    ("email", "staff@northshire.example"),
                    ("password", "guess guess guess"),
                ],
            )
            .await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = v
        .post_form(
            "/staff/login",
            &[
                ("email", "staff@northshire.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        limited.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(limited.headers().contains_key("retry-after"));
});

db_test!(staff_change_their_password_and_other_sessions_end, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let here = app.signed_in("staff@northshire.example").await;
    let elsewhere = app.signed_in("staff@northshire.example").await;
    let (status, _) = here.get_text("/staff/password").await;
    assert_eq!(status, StatusCode::OK);
    let wrong = here
        .post_form(
            "/staff/password",
            &[
                ("current", "not my password"),
                ("password", "short"),
                ("confirm", "different"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = wrong.text().await.unwrap();
    for needle in [
        "current password is not right",
        "at least 12 characters",
        "do not match",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    let new = "a brand new passphrase";
    let ok = here
        .post_form(
            "/staff/password",
            &[("current", PASSWORD), ("password", new), ("confirm", new)],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        here.get("/staff").await.status(),
        StatusCode::OK,
        "this session stays signed in"
    );
    assert_eq!(
        elsewhere.get("/staff").await.status(),
        StatusCode::SEE_OTHER,
        "other sessions end"
    );
    let fresh = app.visitor();
    let old = fresh
        .post_form(
            "/staff/login",
            &[
                ("email", "staff@northshire.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(old.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let signed = fresh
        .post_form(
            "/staff/login",
            &[("email", "staff@northshire.example"), ("password", new)],
        )
        .await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.visitor().get("/staff/password").await.status(),
        StatusCode::SEE_OTHER,
        "signed-out visitors are sent to sign in"
    );
});

/// Signs in as `email` from `address` (the test server trusts X-Forwarded-For).
async fn sign_in_from(v: &Visitor, address: &str, email: &str, password: &str) -> StatusCode {
    let token = v.csrf_token().await;
    v.client
        .post(v.url("/staff/login"))
        .header("x-forwarded-for", address)
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .status()
}

db_test!(a_guesser_elsewhere_does_not_lock_the_owner_out, |db| {
    let app = spawn_with(
        &db,
        civic_web::Config {
            trust_forwarded_for: true,
            password_attempts_per_minute: 4,
            password_failures_per_account: 10,
            ..test_config()
        },
    )
    .await;
    app.seed().await;
    let owner = "staff@northshire.example";
    let attacker = app.visitor();
    let mut refused = 0;
    for _ in 0..6 {
        match sign_in_from(&attacker, "203.0.113.9", owner, "guess guess guess").await {
            StatusCode::UNPROCESSABLE_ENTITY => {}
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(refused, 2, "the guessing address waits after its allowance");
    // The owner, from their own address, still gets in.
    let (visitor, address) = (app.visitor(), "198.51.100.7");
    assert_eq!(
        sign_in_from(&visitor, address, owner, PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    // Guessing spread over many addresses meets the account's ceiling (10 wrong in all).
    for n in 0..6 {
        let status = sign_in_from(
            &app.visitor(),
            &format!("192.0.2.{n}"),
            owner,
            "guess guess guess",
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let ceiling = sign_in_from(&app.visitor(), "192.0.2.77", owner, PASSWORD).await;
    assert_eq!(ceiling, StatusCode::TOO_MANY_REQUESTS);
    // Another account is untouched.
    assert_eq!(
        sign_in_from(
            &app.visitor(),
            "192.0.2.78",
            "staff@eastvale.example",
            PASSWORD
        )
        .await,
        StatusCode::SEE_OTHER
    );
});

db_test!(http_basic_credentials_are_limited_like_the_form, |db| {
    let app = spawn_with(
        &db,
        civic_web::Config {
            password_attempts_per_minute: 3,
            ..test_config()
        },
    )
    .await;
    app.seed().await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let status = client
            .post(format!("{}/api/bodies/northshire/services", app.base))
            .basic_auth("staff@northshire.example", Some("guess guess guess"))
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap()
            .status();
        statuses.push(status.as_u16());
    }
    assert_eq!(statuses, vec![401, 401, 401, 429, 429]);
});

db_test!(
    a_deactivated_staff_member_is_out_at_once_and_history_keeps_their_name,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let staff = app.signed_in("staff@northshire.example").await;
        let (status, _) = staff.get_text("/staff/bodies/northshire/services").await;
        assert_eq!(status, StatusCode::OK);
        let leaver = app
            .store
            .list_staff("northshire")
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.email == "staff@northshire.example")
            .unwrap();
        let history_before = app
            .store
            .service_history("northshire", "pay-council-tax")
            .await
            .unwrap();
        let admin = app.signed_in("admin@civic.example").await;
        let done = admin
            .post_form(
                &format!("/admin/bodies/northshire/staff/{}/active", leaver.id),
                &[("active", "false")],
            )
            .await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        let (_, page) = admin.get_text("/admin/bodies/northshire/staff").await;
        assert!(page.contains("Deactivated") && page.contains("Reactivate"));
        // Their session has ended, and the right password no longer signs them in.
        let gone = staff.get("/staff/bodies/northshire/services").await;
        assert_eq!(gone.status(), StatusCode::SEE_OTHER);
        let refused = app
            .visitor()
            .post_form(
                "/staff/login",
                &[
                    ("email", "staff@northshire.example"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let api = reqwest::Client::new()
            .post(format!("{}/api/bodies/northshire/services", app.base))
            .basic_auth("staff@northshire.example", Some(PASSWORD))
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
        let history_after = app
            .store
            .service_history("northshire", "pay-council-tax")
            .await
            .unwrap();
        assert_eq!(
            history_before, history_after,
            "history keeps who made each change"
        );
        // Another body's administrator page cannot reach them, and reactivation works.
        let wrong_body = admin
            .post_form(
                &format!("/admin/bodies/eastvale/staff/{}/active", leaver.id),
                &[("active", "true")],
            )
            .await;
        assert_eq!(wrong_body.status(), StatusCode::NOT_FOUND);
        admin
            .post_form(
                &format!("/admin/bodies/northshire/staff/{}/active", leaver.id),
                &[("active", "true")],
            )
            .await;
        app.signed_in("staff@northshire.example").await;
    }
);

db_test!(signing_out_everywhere_ends_every_session, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let phone = app.signed_in("staff@northshire.example").await;
    let laptop = app.signed_in("staff@northshire.example").await;
    let other = app.signed_in("staff@eastvale.example").await;
    let out = laptop.post_form("/staff/sign-out-everywhere", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    for who in [&phone, &laptop] {
        assert_eq!(who.get("/staff").await.status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(
        other.get("/staff").await.status(),
        StatusCode::OK,
        "others stay in"
    );
});

db_test!(an_unused_session_ends_after_the_idle_time, |db| {
    let app = spawn_with(
        &db,
        civic_web::Config {
            session_idle: std::time::Duration::from_secs(2),
            ..test_config()
        },
    )
    .await;
    app.seed().await;
    let busy = app.signed_in("staff@northshire.example").await;
    let idle = app.signed_in("staff@northshire.example").await;
    for _ in 0..6 {
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        assert_eq!(busy.get("/staff").await.status(), StatusCode::OK);
    }
    assert_eq!(
        idle.get("/staff").await.status(),
        StatusCode::SEE_OTHER,
        "3.6 s unused with a 2 s idle time"
    );
});

db_test!(
    administrators_change_a_bodys_details_and_the_register_records_it,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let admin = app.signed_in("admin@civic.example").await;
        let (status, form) = admin.get_text("/admin/bodies/northshire").await;
        assert_eq!(status, StatusCode::OK);
        assert!(form.contains("Change the body"));
        let bad = admin
            .post_form(
                "/admin/bodies/northshire",
                &[
                    ("name", "North Shire Council"),
                    ("kind", "county_council"),
                    ("website", "not a url"),
                ],
            )
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let saved = admin
            .post_form(
                "/admin/bodies/northshire",
                &[
                    ("name", "North Shire Council"),
                    ("kind", "county_council"),
                    ("website", "https://www.northshire.example"),
                    ("slug", "hijacked"),
                ],
            )
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let body = app.store.get_body("northshire").await.unwrap().unwrap();
        assert_eq!(body.name, "North Shire Council");
        assert!(
            app.store.get_body("hijacked").await.unwrap().is_none(),
            "the identifier stays"
        );
        let (_, page) = app.visitor().get_text("/bodies/northshire").await;
        assert!(page.contains("North Shire Council"));
        let history: serde_json::Value = app
            .visitor()
            .get("/registers/organisations/records/northshire/entries")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(history.as_array().unwrap().len(), 2, "{history}");
        // Staff of the body cannot change it.
        let staff = app.signed_in("staff@northshire.example").await;
        let refused = staff
            .post_form(
                "/admin/bodies/northshire",
                &[("name", "Mine now"), ("kind", "county_council")],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
);

db_test!(
    a_forgotten_password_is_reset_by_an_email_link_that_works_once,
    |db| {
        let (app, sink) = spawn_seeded_with_mail(&db).await;
        let elsewhere = app.signed_in("staff@northshire.example").await;
        let v = app.visitor();
        let (status, login) = v.get_text("/staff/login").await;
        assert_eq!(status, StatusCode::OK);
        assert!(login.contains("href=\"/staff/forgot-password\""));

        let bad = v
            .post_form("/staff/forgot-password", &[("email", "not an address")])
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text().await.unwrap().contains("in the correct format"));

        // An address with no account gets the same answer, and no email.
        let unknown = v
            .post_form("/staff/forgot-password", &[("email", "nobody@x.example")])
            .await;
        assert_eq!(unknown.status(), StatusCode::OK);
        let unknown_html = unknown.text().await.unwrap();
        let known = v
            .post_form(
                "/staff/forgot-password",
                &[("email", "Staff@Northshire.example")],
            )
            .await;
        assert_eq!(known.status(), StatusCode::OK);
        let known_html = known.text().await.unwrap();
        assert_eq!(
            unknown_html.replace("nobody@x.example", "ADDRESS"),
            known_html
                .replace("staff@northshire.example", "ADDRESS")
                .replace(
                    &extract_csrf(&known_html).unwrap_or_default(),
                    &extract_csrf(&unknown_html).unwrap_or_default()
                ),
            "no account enumeration"
        );
        let emails = sink.wait_for(1).await;
        assert_eq!(emails.len(), 1, "one email, to the account only");
        assert!(emails[0].contains("To: staff@northshire.example"));
        let link = link_in(&emails[0], "http");
        let path = format!(
            "/staff/reset-password/{}",
            link.rsplit_once("/staff/reset-password/").unwrap().1
        );

        let (status, form) = v.get_text(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(form.contains("staff@northshire.example"));
        let short = v
            .post_form(&path, &[("password", "short"), ("confirm", "short")])
            .await;
        assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            short
                .text()
                .await
                .unwrap()
                .contains("at least 12 characters")
        );
        let new_password = "a brand new long passphrase";
        let done = v
            .post_form(
                &path,
                &[("password", new_password), ("confirm", new_password)],
            )
            .await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&done), "/staff/login?reset=1");

        let (status, _) = elsewhere.get_text("/staff").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "every session ended");
        // The owner is told, in case it was not them.
        let emails = sink.wait_for(2).await;
        assert!(emails[1].contains("To: staff@northshire.example"));
        assert!(emails[1].contains("Subject: Your password was changed"));
        let again = v
            .post_form(
                &path,
                &[
                    ("password", "another passphrase 2"),
                    ("confirm", "another passphrase 2"),
                ],
            )
            .await;
        assert_eq!(again.status(), StatusCode::GONE, "the link works once");
        let (status, _) = v.get_text(&path).await;
        assert_eq!(status, StatusCode::GONE);
        let (status, _) = v.get_text("/staff/reset-password/made-up").await;
        assert_eq!(status, StatusCode::GONE);

        let old = v
            .post_form(
                "/staff/login",
                &[
                    ("email", "staff@northshire.example"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(old.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let new = v
            .post_form(
                "/staff/login",
                &[
                    ("email", "staff@northshire.example"),
                    ("password", new_password),
                ],
            )
            .await;
        assert_eq!(new.status(), StatusCode::SEE_OTHER);
    }
);
