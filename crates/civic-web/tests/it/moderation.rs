//! Moderation: a moderator of one body hides and restores what residents published there,
//! sees nothing private, and reaches no other staff page.

use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;

/// A request made through Open311 (public at once); its number.
async fn published_request(app: &TestApp) -> i64 {
    let key = api_key(app, "northshire").await;
    let response = reqwest::Client::new()
        .post(format!(
            "{}/bodies/northshire/open311/v2/requests.json",
            app.base
        ))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "report-a-missed-bin"),
            ("address_string", "4 Mill Lane"),
            ("attribute[depth]", "deep"),
            (
                "description",
                "Bins left out; the neighbour at no. 6 is Jo Bloggs 07700 900123",
            ),
            ("email", "reporter@example.org"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    body[0]["service_request_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

db_test!(a_moderator_hides_and_restores_and_sees_nothing_else, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let id = published_request(&app).await;

    // An administrator adds a moderator to Northshire.
    let admin = app.signed_in("admin@civic.example").await;
    let (_, form) = admin.get_text("/admin/bodies/northshire/staff").await;
    assert!(
        form.contains("value=\"moderator\""),
        "the role can be chosen"
    );
    let bad_role = admin
        .post_form(
            "/admin/bodies/northshire/staff",
            &[
                ("name", "Mo Derator"),
                ("email", "mo@northshire.example"),
                ("password", PASSWORD),
                ("role", "overlord"),
            ],
        )
        .await;
    assert_eq!(bad_role.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let added = admin
        .post_form(
            "/admin/bodies/northshire/staff",
            &[
                ("name", "Mo Derator"),
                ("email", "mo@northshire.example"),
                ("password", PASSWORD),
                ("role", "moderator"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let (_, listed) = admin.get_text("/admin/bodies/northshire/staff").await;
    assert!(listed.contains("<td>Moderator</td>"));

    let mo = app.signed_in("mo@northshire.example").await;
    let (status, home) = mo.get_text("/staff").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("/staff/bodies/northshire/moderation"));
    assert!(!home.contains("/staff/bodies/northshire/services"));
    for page in [
        "/staff/bodies/northshire/services",
        "/staff/bodies/northshire/requests",
        &format!("/staff/bodies/northshire/requests/{id}"),
        "/staff/bodies/northshire/api-keys",
        "/staff/bodies/eastvale/moderation",
        "/admin/bodies",
    ] {
        let (status, _) = mo.get_text(page).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
    }

    let (status, queue) = mo.get_text("/staff/bodies/northshire/moderation").await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains("Bins left out"));
    assert!(
        !queue.contains("reporter@example.org"),
        "a moderator sees what the public saw, no contact details"
    );

    let path = format!("/staff/bodies/northshire/moderation/requests/{id}");
    let no_reason = mo
        .post_form(&path, &[("action", "hide"), ("reason", " ")])
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_reason
            .text()
            .await
            .unwrap()
            .contains("Say why it is hidden")
    );
    let hidden = mo
        .post_form(
            &path,
            &[
                ("action", "hide"),
                ("reason", "Names a neighbour and their phone number"),
            ],
        )
        .await;
    assert_eq!(hidden.status(), StatusCode::SEE_OTHER);
    let (status, _) = app.visitor().get_text(&format!("/requests/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "hidden from the public");
    let (_, queue) = mo.get_text("/staff/bodies/northshire/moderation").await;
    assert!(queue.contains("Hidden") && queue.contains(&format!("Show request {id} again")));

    // The decision is kept in the request's private history, for the body's staff.
    let staff = app.signed_in("staff@northshire.example").await;
    let (status, detail) = staff
        .get_text(&format!("/staff/bodies/northshire/requests/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(detail.contains("Names a neighbour and their phone number"));
    assert!(detail.contains("Mo Derator"));

    let restored = mo.post_form(&path, &[("action", "restore")]).await;
    assert_eq!(restored.status(), StatusCode::SEE_OTHER);
    let (status, _) = app.visitor().get_text(&format!("/requests/{id}")).await;
    assert_eq!(status, StatusCode::OK);

    // Another body's moderation, and a request moderation does not look after, are closed.
    let elsewhere = mo
        .post_form(
            &format!("/staff/bodies/eastvale/moderation/requests/{id}"),
            &[("action", "hide"), ("reason", "x")],
        )
        .await;
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
    let unknown = mo
        .post_form(
            "/staff/bodies/northshire/moderation/requests/999999",
            &[("action", "hide"), ("reason", "x")],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
});
