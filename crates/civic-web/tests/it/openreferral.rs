//! The Open Referral UK feed as a service finder reads it: the hub's and a body's, paged,
//! searched and filtered, each resource found again by its identifier.

use crate::support::*;
use civic_domain::openreferral::{FeedTerm, service_feed_id};
use civic_storage::db_test;
use reqwest::StatusCode;
use serde_json::Value;

async fn json(app: &TestApp, path: &str) -> (StatusCode, Value, Option<String>) {
    let response = app.visitor().get(path).await;
    let status = response.status();
    let cors = response
        .headers()
        .get("access-control-allow-origin")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    (status, response.json().await.unwrap_or(Value::Null), cors)
}

fn names(page: &Value) -> Vec<String> {
    page["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

db_test!(the_register_is_an_open_referral_feed, |db| {
    let app = spawn(&db).await;
    app.seed().await;

    let (status, meta, cors) = json(&app, "/bodies/northshire/openreferral/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cors.as_deref(), Some("*"), "open to any site");
    assert_eq!(meta["version"], "3.0");

    let (_, hub, _) = json(&app, "/openreferral/services?per_page=3").await;
    assert_eq!(hub["total_items"], 4, "two bodies, two services each");
    assert_eq!(hub["total_pages"], 2);
    assert_eq!(hub["first_page"], true);
    assert_eq!(hub["last_page"], false);
    assert_eq!(hub["contents"].as_array().unwrap().len(), 3);
    let (_, second, _) = json(&app, "/openreferral/services?per_page=3&page=2").await;
    assert_eq!(second["contents"].as_array().unwrap().len(), 1);
    assert_eq!(second["last_page"], true);

    let (_, body, _) = json(&app, "/bodies/northshire/openreferral/services").await;
    assert_eq!(
        names(&body),
        vec!["Report a missed bin", "Pay council tax"],
        "in the order they were added"
    );
    let listed = &body["contents"][0];
    let id = service_feed_id("northshire", "report-a-missed-bin");
    assert_eq!(listed["id"], id.as_str());
    assert_eq!(listed["status"], "active");
    assert_eq!(listed["organization"]["name"], "Northshire County Council");
    assert_eq!(listed["url"], "https://www.example.gov.uk/bins");

    let (_, searched, _) = json(&app, "/openreferral/services?search=council%20tax").await;
    assert_eq!(names(&searched), vec!["Pay council tax", "Pay council tax"]);

    // The whole service, found by its identifier in the hub's feed and its body's, not in
    // another body's.
    let (status, full, _) = json(&app, &format!("/openreferral/services/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(full["name"], "Report a missed bin");
    assert_eq!(full["phones"][0]["number"], "01632 960 001");
    assert_eq!(full["languages"][0]["code"], "en");
    let term_ids: Vec<&str> = full["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["taxonomy_term_id"].as_str().unwrap())
        .collect();
    let code = FeedTerm::Code("LGSL 524".into()).id();
    let level = FeedTerm::Level(civic_domain::DigitalInclusionLevel::new(6).unwrap()).id();
    assert_eq!(term_ids, vec![code.as_str(), level.as_str()]);
    let upper = id.to_uppercase();
    let (status, _, _) = json(
        &app,
        &format!("/bodies/northshire/openreferral/services/{upper}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "identifiers in any case");
    let (status, missing, cors) = json(
        &app,
        &format!("/bodies/eastvale/openreferral/services/{id}"),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another body's feed: {missing}"
    );
    assert_eq!(cors.as_deref(), Some("*"), "errors too are open");
    let (status, _, _) = json(&app, "/openreferral/services/not-a-uuid").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = json(&app, "/bodies/nowhere/openreferral/services").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Taxonomies and terms: each term listed is found again, and filters the services.
    let (_, taxonomies, _) = json(&app, "/openreferral/taxonomies").await;
    assert_eq!(taxonomies["total_items"], 2);
    let (_, terms, _) = json(&app, "/bodies/northshire/openreferral/taxonomy_terms").await;
    assert_eq!(terms["total_items"], 10, "nine levels and one code");
    let (status, term, _) = json(&app, &format!("/openreferral/taxonomy_terms/{code}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(term["term"], "LGSL 524");
    let (_, by_code, _) = json(
        &app,
        &format!("/openreferral/services?taxonomy_term_id={code}"),
    )
    .await;
    assert_eq!(by_code["total_items"], 4);
    let other_level = FeedTerm::Level(civic_domain::DigitalInclusionLevel::new(2).unwrap()).id();
    let (_, none, _) = json(
        &app,
        &format!("/openreferral/services?taxonomy_term_id={other_level}"),
    )
    .await;
    assert_eq!(none["total_items"], 0);
    assert_eq!(none["empty"], true);
    let taxonomy_id = taxonomies["contents"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, taxonomy, _) = json(&app, &format!("/openreferral/taxonomies/{taxonomy_id}")).await;
    assert_eq!(taxonomy["taxonomy_terms"][0]["term"], "LGSL 524");

    // Changes since an instant.
    let (_, future, _) = json(&app, "/openreferral/services?modified_after=2999-01-01").await;
    assert_eq!(future["total_items"], 0);
    let (_, past, _) = json(
        &app,
        "/openreferral/services?modified_after=2000-01-01T00:00:00Z",
    )
    .await;
    assert_eq!(past["total_items"], 4);

    // Bad parameters are refused in plain words.
    for bad in [
        "page=0",
        "per_page=5000",
        "page=two",
        "modified_after=yesterday",
        "minimum_age=old",
    ] {
        let (status, error, _) = json(&app, &format!("/openreferral/services?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            error["message"].as_str().unwrap().len() > 10,
            "{bad}: {error}"
        );
    }
});

db_test!(
    in_person_and_postal_channels_are_services_at_locations,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let mut input = service_input("Register a birth");
        input.channels.push(civic_domain::ChannelInput {
            kind: "counter".into(),
            detail: "Register Office, High Street, Northam. Monday to Friday, 9am to 5pm".into(),
            detail_cy: String::new(),
        });
        input.channels.push(civic_domain::ChannelInput {
            kind: "post".into(),
            detail: "Register Office, High Street, Northam ZZ1 1AA".into(),
            detail_cy: String::new(),
        });
        app.store
            .create_services(
                "northshire",
                &[input.validate().unwrap()],
                &civic_storage::Actor::system("test"),
            )
            .await
            .unwrap();
        let (_, list, _) = json(&app, "/bodies/northshire/openreferral/service_at_locations").await;
        assert_eq!(list["total_items"], 2);
        let physical = &list["contents"][0];
        assert_eq!(physical["location"]["location_type"], "physical");
        assert_eq!(list["contents"][1]["location"]["location_type"], "postal");
        assert_eq!(
            physical["service"]["id"],
            service_feed_id("northshire", "register-a-birth").as_str()
        );
        let (_, second, _) = json(
            &app,
            "/bodies/northshire/openreferral/service_at_locations?per_page=1&page=2",
        )
        .await;
        assert_eq!(second["total_items"], 2);
        assert_eq!(second["contents"][0]["location"]["location_type"], "postal");
        assert_eq!(second["last_page"], true);
        let id = physical["id"].as_str().unwrap();
        let (status, one, _) =
            json(&app, &format!("/openreferral/service_at_locations/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(one["location"]["location_type"], "physical");
        assert_eq!(one["status"], "active");
        let (status, _, _) = json(
            &app,
            &format!("/bodies/eastvale/openreferral/service_at_locations/{id}"),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, full, _) = json(
            &app,
            &format!(
                "/openreferral/services/{}",
                service_feed_id("northshire", "register-a-birth")
            ),
        )
        .await;
        assert_eq!(full["service_at_locations"][0]["id"], id);
        // No location has coordinates yet, so none is near a postcode.
        let (_, near, _) = json(
            &app,
            "/openreferral/service_at_locations?postcode=ZZ1%201AA&proximity=1000",
        )
        .await;
        assert_eq!(near["total_items"], 0);
    }
);

db_test!(staff_import_a_feed_all_or_nothing, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    add_service_with_counter(&app, "northshire").await;
    // Northshire's feed, as a service finder would save it, with one defunct service and a
    // field Civic has no place for.
    let (_, page, _) = json(&app, "/bodies/northshire/openreferral/services").await;
    let mut feed = Vec::new();
    for listed in page["contents"].as_array().unwrap() {
        let id = listed["id"].as_str().unwrap();
        let (_, mut full, _) = json(&app, &format!("/openreferral/services/{id}")).await;
        full["email"] = "help@example.org".into();
        feed.push(full);
    }
    feed.push(serde_json::json!({"name": "Closed service", "status": "defunct"}));
    let file = serde_json::Value::Array(feed).to_string();
    let staff = app.signed_in("staff@eastvale.example").await;
    let token = staff.csrf_token().await;
    let upload = |check_only: bool, bytes: Vec<u8>| {
        let mut form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("feed.json"),
        );
        if check_only {
            form = form.text("check_only", "yes");
        }
        staff
            .client
            .post(staff.url(&format!(
                "/staff/bodies/eastvale/openreferral/import?csrf_token={token}"
            )))
            .multipart(form)
            .send()
    };
    let page = staff
        .get("/staff/bodies/eastvale/openreferral/import")
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let checked = upload(true, file.clone().into_bytes()).await.unwrap();
    assert_eq!(checked.status(), StatusCode::OK);
    let html = checked.text().await.unwrap();
    assert!(
        html.contains("The file&#39;s 3 services can be imported. Nothing was added."),
        "{html}"
    );
    let count = |body: &'static str| {
        let store = app.store.clone();
        async move {
            store
                .list_services(&civic_storage::ServiceQuery {
                    body: Some(body.into()),
                    ..Default::default()
                })
                .await
                .unwrap()
                .total
        }
    };
    assert_eq!(count("eastvale").await, 2, "a check adds nothing");
    let imported = upload(false, file.into_bytes()).await.unwrap();
    assert_eq!(imported.status(), StatusCode::OK);
    let html = imported.text().await.unwrap();
    assert!(
        html.contains("3 services were added to your register."),
        "{html}"
    );
    assert!(html.contains("Closed service is not imported"), "{html}");
    assert!(
        html.contains("Register a birth: email (Civic has no field for it)."),
        "{html}"
    );
    assert_eq!(count("eastvale").await, 5);
    let birth = app
        .store
        .get_service("eastvale", "register-a-birth")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        birth.channel(civic_domain::ChannelKind::Counter),
        Some("Register Office, High Street, Northam")
    );

    // A service that breaks the body's rules: nothing is added, every problem is said.
    let bad = serde_json::json!([{"name": "Good", "description": "Fine.", "attributes": []},
                                 {"name": "", "description": ""}]);
    let refused = upload(false, bad.to_string().into_bytes()).await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Nothing was imported"), "{html}");
    assert_eq!(count("eastvale").await, 5, "nothing half-imported");
    let not_json = upload(false, b"not json".to_vec()).await.unwrap();
    assert_eq!(not_json.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        not_json
            .text()
            .await
            .unwrap()
            .contains("The file is not JSON")
    );

    // In Welsh, the same page says it in Welsh.
    let welsh = staff
        .get("/cy/staff/bodies/eastvale/openreferral/import")
        .await;
    assert!(
        welsh
            .text()
            .await
            .unwrap()
            .contains("Mewnforio gwasanaethau o Open Referral UK")
    );
    // Another body's staff cannot import into Eastvale.
    let other = app.signed_in("staff@northshire.example").await;
    let forbidden = other
        .get("/staff/bodies/eastvale/openreferral/import")
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
});

/// Posts the import form with a feed's address instead of a file.
async fn import_address(staff: &Visitor, body: &str, address: &str) -> (StatusCode, String) {
    let token = staff.csrf_token().await;
    let form = reqwest::multipart::Form::new().text("url", address.to_string());
    let response = staff
        .client
        .post(staff.url(&format!(
            "/staff/bodies/{body}/openreferral/import?csrf_token={token}"
        )))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

db_test!(staff_import_a_feed_from_its_address, |db| {
    // A deployment that may reach its own network (to fetch its own feed here)…
    let app = spawn_with(
        &db,
        civic_web::Config {
            allow_private_addresses: true,
            ..test_config()
        },
    )
    .await;
    app.seed().await;
    let staff = app.signed_in("staff@eastvale.example").await;
    let address = format!("{}/bodies/northshire/openreferral/services", app.base);
    let (status, html) = import_address(&staff, "eastvale", &address).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("2 services were added"), "{html}");
    let (status, html) = import_address(&staff, "eastvale", &format!("{address}/nope")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("HTTP 404"), "{html}");
    let (status, html) = import_address(&staff, "eastvale", "ftp://example.org/feed").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("is not a web address"), "{html}");

    // …and one that may not, as by default: the same address is refused, nothing added.
    let guarded = spawn(&db).await;
    let staff = guarded.signed_in("staff@eastvale.example").await;
    let eastvale = || async {
        guarded
            .store
            .list_services(&civic_storage::ServiceQuery {
                body: Some("eastvale".into()),
                ..Default::default()
            })
            .await
            .unwrap()
            .total
    };
    let before = eastvale().await;
    let (status, html) = import_address(&staff, "eastvale", &address).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("private or local network"), "{html}");
    assert_eq!(eastvale().await, before, "nothing imported");
});
