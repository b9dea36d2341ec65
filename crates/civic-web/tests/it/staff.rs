//! Staff signing in and keeping their register, through the HTML forms.

use crate::support::*;
use civic_storage::{ServiceQuery, db_test};
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
    let text_plain = v
        .client
        .post(v.url("/staff/logout"))
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(text_plain.status(), StatusCode::FORBIDDEN);
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

db_test!(staff_add_change_retire_and_see_history, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.signed_in("staff@northshire.example").await;
    let (status, html) = v.get_text("/staff/bodies/northshire/services/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Add a service"));

    let created = v
        .post_form(
            "/staff/bodies/northshire/services/new",
            &as_refs(&service_form("Report a pothole")),
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&created),
        "/staff/bodies/northshire/services?saved=report-a-pothole"
    );
    let (_, list) = v.get_text(&location(&created)).await;
    assert!(list.contains("Your changes to ‘Report a pothole’ have been saved"));

    let service = app
        .store
        .get_service("northshire", "report-a-pothole")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(service.keywords, vec!["roads", "potholes"]);
    assert_eq!(service.channels.len(), 3);

    let mut edit = service_form("Report a pothole or road defect");
    edit[5].1 = String::new();
    let changed = v
        .post_form(
            "/staff/bodies/northshire/services/report-a-pothole/edit",
            &as_refs(&edit),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    let retired = v
        .post_form(
            "/staff/bodies/northshire/services/report-a-pothole/retire",
            &[],
        )
        .await;
    assert_eq!(retired.status(), StatusCode::SEE_OTHER);

    let (status, history) = v
        .get_text("/staff/bodies/northshire/services/report-a-pothole/history")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(history.contains("Retired by Northshire County Council Officer"));
    assert!(history.contains("Changed by Northshire County Council Officer"));
    assert!(history.contains("Added by Northshire County Council Officer"));
    assert!(history.contains("Report a pothole or road defect"));
    assert!(
        history.contains("https://www.example.gov.uk/potholes"),
        "the removed online channel shows as before"
    );

    let (_, public) = v
        .get_text("/bodies/northshire/services/report-a-pothole")
        .await;
    assert!(public.contains("no longer offered"));
    let (_, register) = app.visitor().get_text("/bodies/northshire/services").await;
    assert!(
        !register.contains("road defect"),
        "retired services leave the public register"
    );

    let restored = v
        .post_form(
            "/staff/bodies/northshire/services/report-a-pothole/restore",
            &[],
        )
        .await;
    assert_eq!(restored.status(), StatusCode::SEE_OTHER);
    let (_, register) = app.visitor().get_text("/bodies/northshire/services").await;
    assert!(register.contains("road defect"));
});

db_test!(invalid_forms_show_every_error_and_save_nothing, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.signed_in("staff@northshire.example").await;
    let mut form = service_form("");
    form[4].1 = "12".into();
    form[5].1 = "not a web address".into();
    form[6].1 = "call us".into();
    let response = v
        .post_form("/staff/bodies/northshire/services/new", &as_refs(&form))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("There is a problem"));
    assert!(html.contains("href=\"#name\""));
    assert!(
        html.contains("Enter the service&#39;s name") || html.contains("Enter the service's name"),
        "{html}"
    );
    assert!(html.contains("href=\"#digital_inclusion_level\""));
    assert!(html.contains("href=\"#channel_online\""));
    assert!(html.contains("href=\"#channel_phone\""));
    assert!(
        html.contains("value=\"not a web address\""),
        "what was typed is kept"
    );
    assert!(html.contains("<title>Error: "));

    let mut online_only = service_form("Online only");
    online_only[6].1 = String::new();
    online_only[9].1 = String::new();
    let html = v
        .post_form(
            "/staff/bodies/northshire/services/new",
            &as_refs(&online_only),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("without the internet"));

    let page = app
        .store
        .list_services(&ServiceQuery {
            body: Some("northshire".into()),
            include_retired: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 2, "nothing half-saved");
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
            submissions_per_minute: 3,
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
