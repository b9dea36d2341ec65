//! Partners and API keys as a partner's developer meets them: one credential for the
//! write APIs, refused with the right status for the right reason, held to its limit with
//! the IETF RateLimit headers, sandbox keys that store nothing; and the pages where staff
//! issue keys and the public sees who may use whose data.

use crate::support::*;
use base64::Engine;
use civic_storage::{ServiceQuery, db_test};
use reqwest::StatusCode;
use serde_json::json;

fn new_service(code: &str) -> serde_json::Value {
    json!({
        "code": code, "name": format!("Book a {code} visit"), "description": "Book a visit.",
        "digital_inclusion_level": 1,
        "channels": [{"kind": "phone", "detail": "01632 960 009"}]
    })
}

async fn create(app: &TestApp, key: Option<&str>, code: &str) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(format!("{}{}", app.base, "/api/bodies/northshire/services"))
        .json(&new_service(code));
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    request.send().await.unwrap()
}

async fn message(response: reqwest::Response) -> String {
    let json: serde_json::Value = response.json().await.unwrap();
    json["message"].as_str().unwrap_or_default().to_string()
}

async fn service_count(app: &TestApp) -> usize {
    app.store
        .list_services(&ServiceQuery {
            body: Some("northshire".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .total as usize
}

/// A key stored as issued with `expires_on` already past, as a key issued last year is.
async fn expired_key(app: &TestApp) -> String {
    let draft = civic_domain::api_key::KeyDraft {
        name: "Old app".into(),
        kind: civic_domain::api_key::KeyKind::Live,
        scopes: vec![civic_domain::api_key::Scope::ServicesWrite],
        expires_on: Some(time::macros::date!(2020 - 01 - 31)),
        per_minute: 600,
    };
    store_key(app, "northshire", &draft, None, None).await
}

db_test!(the_write_api_checks_keys_for_the_right_reason, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let before = service_count(&app).await;

    let none = create(&app, None, "A1").await;
    assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
    let unknown = create(&app, Some("civic_live_not-a-key"), "A1").await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        unknown.headers()["www-authenticate"],
        "Bearer realm=\"Civic\""
    );

    let open311_only = issue_key_with(&app, "northshire", "live", "open311:write", "").await;
    let scoped_out = create(&app, Some(&open311_only), "A1").await;
    assert_eq!(scoped_out.status(), StatusCode::FORBIDDEN);
    assert!(message(scoped_out).await.contains("services:write"));

    let expired = expired_key(&app).await;
    let late = create(&app, Some(&expired), "A1").await;
    assert_eq!(late.status(), StatusCode::UNAUTHORIZED);
    assert!(message(late).await.contains("expired"));

    let key = issue_key_with(&app, "northshire", "live", "services:write", "").await;
    assert!(key.starts_with("civic_live_"));
    let made = create(&app, Some(&key), "A1").await;
    assert_eq!(made.status(), StatusCode::CREATED);
    assert_eq!(made.headers()["ratelimit-policy"], "\"per-key\";q=600;w=60");
    let now = made.headers()["ratelimit"].to_str().unwrap().to_string();
    assert!(now.starts_with("\"per-key\";r=599;t="), "{now}");
    assert_eq!(service_count(&app).await, before + 1);
    let slug = made.json::<serde_json::Value>().await.unwrap()["slug"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let history = app
        .store
        .service_history("northshire", &slug)
        .await
        .unwrap();
    assert_eq!(history[0].actor, "API key: test client", "{slug}");

    // Revoked: the same key is refused from then on.
    let id = app.store.list_api_keys("northshire").await.unwrap()[0].id;
    app.store.revoke_api_key("northshire", id).await.unwrap();
    let revoked = create(&app, Some(&key), "A2").await;
    assert_eq!(revoked.status(), StatusCode::UNAUTHORIZED);
    assert!(message(revoked).await.contains("revoked"));
    assert_eq!(service_count(&app).await, before + 1);
});

db_test!(test_keys_check_everything_and_store_nothing, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let before = service_count(&app).await;
    let key = issue_key_with(
        &app,
        "northshire",
        "test",
        "services:write open311:write",
        "",
    )
    .await;
    assert!(key.starts_with("civic_test_"));
    let tried = create(&app, Some(&key), "T1").await;
    assert_eq!(tried.status(), StatusCode::CREATED);
    assert_eq!(tried.headers()["ratelimit-policy"], "\"per-key\";q=60;w=60");
    let json: serde_json::Value = tried.json().await.unwrap();
    assert_eq!(
        (json["sandbox"].as_bool(), json["stored"].as_bool()),
        (Some(true), Some(false))
    );
    // Invalid input is refused as a live key's would be.
    let bad = reqwest::Client::new()
        .post(format!("{}{}", app.base, "/api/bodies/northshire/services"))
        .bearer_auth(&key)
        .json(&json!({"code": "T2", "name": "", "description": "x", "digital_inclusion_level": 9, "channels": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(service_count(&app).await, before);

    let report = reqwest::Client::new()
        .post(format!(
            "{}{}",
            app.base, "/bodies/northshire/open311/v2/requests.json"
        ))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "report-a-missed-bin"),
            ("address_string", "1 High Street"),
            ("attribute[depth]", "deep"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(report.status(), StatusCode::OK);
    let json: serde_json::Value = report.json().await.unwrap();
    assert!(
        json[0]["token"].as_str().unwrap().starts_with("sandbox-"),
        "{json}"
    );
    assert!(json[0]["service_request_id"].is_null());
    let stored = app
        .store
        .list_requests(&civic_storage::RequestQuery {
            body: Some("northshire".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(stored.is_empty(), "a test key's report is stored nowhere");
});

db_test!(a_key_over_its_limit_is_told_when_to_come_back, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let draft = civic_domain::api_key::KeyInput {
        name: "Busy app".into(),
        kind: "live".into(),
        scopes: "services:write".into(),
        expires_on: String::new(),
        per_minute: "2".into(),
    }
    .validate(time::OffsetDateTime::now_utc().date())
    .unwrap();
    let key = store_key(&app, "northshire", &draft, None, None).await;
    for code in ["L1", "L2"] {
        assert_eq!(
            create(&app, Some(&key), code).await.status(),
            StatusCode::CREATED
        );
    }
    let third = create(&app, Some(&key), "L3").await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = third.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait));
    assert_eq!(third.headers()["ratelimit-policy"], "\"per-key\";q=2;w=60");
    let now = third.headers()["ratelimit"].to_str().unwrap();
    assert_eq!(now, format!("\"per-key\";r=0;t={wait}"));
    // Another key of the same body has its own allowance.
    let other = issue_key_with(&app, "northshire", "live", "services:write", "").await;
    assert_eq!(
        create(&app, Some(&other), "L3").await.status(),
        StatusCode::CREATED
    );
});

db_test!(basic_credentials_still_work_marked_deprecated, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let credentials = base64::engine::general_purpose::STANDARD
        .encode(format!("staff@northshire.example:{PASSWORD}"));
    let made = reqwest::Client::new()
        .post(format!("{}{}", app.base, "/api/bodies/northshire/services"))
        .header("authorization", format!("Basic {credentials}"))
        .json(&new_service("B1"))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    assert_eq!(made.headers()["deprecation"], "@1796688000");
    assert!(made.headers().contains_key("sunset"));
    assert!(
        made.headers()["link"]
            .to_str()
            .unwrap()
            .contains("rel=\"deprecation\"")
    );
});

db_test!(
    staff_issue_keys_to_partners_and_the_public_sees_the_grant,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let admin = app.signed_in("admin@civic.example").await;
        let bad = admin
            .post_form(
                "/admin/partners",
                &[("name", "Northshire Cycle Forum"), ("org_id", "GB-XYZ-1")],
            )
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            app.store.partners().await.unwrap().is_empty(),
            "nothing half-saved"
        );
        let added = admin
            .post_form(
                "/admin/partners",
                &[
                    ("name", "Northshire Cycle Forum"),
                    ("org_id", "GB-CHC-1234567"),
                    ("website", "https://cycle.example"),
                    ("description", "Maps potholes reported by cyclists"),
                ],
            )
            .await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&added), "/admin/partners/northshire-cycle-forum");
        let again = admin
            .post_form("/admin/partners", &[("name", "Northshire Cycle Forum")])
            .await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let staff = app.signed_in("staff@northshire.example").await;
        for (fields, why) in [
            (
                vec![
                    ("name", "App"),
                    ("kind", "live"),
                    ("more_scopes", "root:all"),
                ],
                "unknown scope",
            ),
            (
                vec![
                    ("name", "App"),
                    ("kind", "live"),
                    ("scopes", "open311:write"),
                    ("expires_on", "2020-01-01"),
                ],
                "expiry in the past",
            ),
            (
                vec![
                    ("name", "App"),
                    ("kind", "gold"),
                    ("scopes", "open311:write"),
                ],
                "unknown kind",
            ),
            (
                vec![
                    ("name", "App"),
                    ("kind", "live"),
                    ("scopes", "open311:write"),
                    ("partner", "nobody"),
                ],
                "unknown partner",
            ),
        ] {
            let refused = staff
                .post_form("/staff/bodies/northshire/api-keys", &fields)
                .await;
            assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{why}");
        }
        assert!(
            app.store
                .list_api_keys("northshire")
                .await
                .unwrap()
                .is_empty()
        );

        let issued = staff
            .post_form(
                "/staff/bodies/northshire/api-keys",
                &[
                    ("name", "Pothole map"),
                    ("partner", "northshire-cycle-forum"),
                    ("kind", "live"),
                    ("scopes", "open311:write"),
                    ("scopes", "webhooks:manage"),
                    ("expires_on", "2099-12-31"),
                ],
            )
            .await;
        let key = issued_key(issued).await;
        assert!(key.starts_with("civic_live_"), "{key}");
        let keys = app
            .store
            .partner_api_keys("northshire-cycle-forum")
            .await
            .unwrap();
        assert_eq!(keys.len(), 1);
        // The key's page shows it again only as its first characters.
        let (_, listed) = staff.get_text("/staff/bodies/northshire/api-keys").await;
        assert!(!listed.contains(&key));
        assert!(listed.contains(&keys[0].shown));

        let (status, public) = app
            .visitor()
            .get_text("/partners/northshire-cycle-forum")
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(public.contains("Northshire County Council"));
        assert!(public.contains("webhooks:manage"));
        assert!(public.contains("GB-CHC-1234567"));
        assert!(
            !public.contains(&key) && !public.contains(&keys[0].shown),
            "no part of a key"
        );
        let (_, register) = app.visitor().get_text("/partners").await;
        assert!(register.contains("Northshire Cycle Forum"));
        let (_, admin_page) = admin
            .get_text("/admin/partners/northshire-cycle-forum")
            .await;
        assert!(admin_page.contains("Pothole map"));

        // Another body's staff see none of northshire's keys on their own page.
        let mole = app.signed_in("staff@eastvale.example").await;
        let (_, theirs) = mole.get_text("/staff/bodies/eastvale/api-keys").await;
        assert!(!theirs.contains("Pothole map"));
    }
);

/// A restricted dataset of northshire with two rows; returns its name and resource id.
async fn restricted_dataset(app: &TestApp) -> (String, String) {
    let description = civic_domain::catalogue::DatasetDescriptionInput {
        title: "Fly-tipping incidents".into(),
        description: "Where fly-tipping was reported.".into(),
        frequency: "weekly".into(),
        restricted: "yes".into(),
        how_to_apply: "Write to enforcement@northshire.example.".into(),
        ..Default::default()
    }
    .validate("northshire", false)
    .unwrap();
    let columns = vec![civic_domain::catalogue::Column::new(
        "street",
        civic_domain::catalogue::ColumnType::String,
        "",
    )];
    let resources = civic_web::catalogue::files::upload_resources(
        &description.name,
        (&description.title, ""),
        columns,
    );
    let rows = vec![
        vec!["Mill Lane".to_string()],
        vec!["High Street".to_string()],
    ];
    app.store
        .add_catalogue_dataset(
            "northshire",
            civic_domain::catalogue::DatasetSource::Upload,
            &description,
            &resources,
            &rows,
        )
        .await
        .unwrap();
    (description.name, resources[0].id.clone())
}

/// A live key reading `dataset` under a northshire agreement in force from `starts` to `ends`.
async fn reader_key(
    app: &TestApp,
    dataset: &str,
    (starts, ends): (time::Date, time::Date),
) -> String {
    let agreement = app
        .store
        .add_sharing_agreement(
            "northshire",
            &civic_domain::catalogue::stewardship::SharingAgreementDraft {
                title: format!("Clean-ups until {ends}"),
                parties: vec!["Northshire".into(), "Cycle Forum".into()],
                purpose: "Community clean-ups".into(),
                legal_basis: "Public task".into(),
                data_items: vec!["location".into()],
                starts_on: starts,
                review_on: ends,
                ends_on: Some(ends),
                owner: "Data protection officer".into(),
            },
        )
        .await
        .unwrap();
    let draft = civic_domain::api_key::KeyInput {
        name: "Clean-up planner".into(),
        kind: "live".into(),
        scopes: format!("datasets:{dataset}:read"),
        expires_on: String::new(),
        per_minute: String::new(),
    }
    .validate(time::OffsetDateTime::now_utc().date())
    .unwrap();
    store_key(app, "northshire", &draft, None, Some(agreement.id)).await
}

db_test!(
    restricted_data_goes_only_to_keys_under_a_current_agreement,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let (name, resource) = restricted_dataset(&app).await;
        let csv = format!("/datasets/{name}/resources/{resource}.csv");
        let get = |key: Option<String>| {
            let url = format!("{}{}", app.base, csv);
            async move {
                let mut request = reqwest::Client::new().get(url);
                if let Some(key) = key {
                    request = request.bearer_auth(key);
                }
                request.send().await.unwrap()
            }
        };

        // Listed, with how to apply, in the page, DCAT and the CKAN API.
        let (status, page) = app.visitor().get_text(&format!("/datasets/{name}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Write to enforcement@northshire.example."));
        assert!(page.contains(&format!("datasets:{name}:read")));
        let (_, dcat) = app
            .visitor()
            .get_text(&format!("/datasets/{name}/dcat.jsonld"))
            .await;
        assert!(
            dcat.contains(
                "http://publications.europa.eu/resource/authority/access-right/RESTRICTED"
            ),
            "{dcat}"
        );
        let (_, ckan) = app
            .visitor()
            .get_text(&format!("/api/3/action/package_show?id={name}"))
            .await;
        assert!(ckan.contains("access-right/RESTRICTED"), "{ckan}");
        // The columns' description stays open; the rows do not.
        let (status, _) = app
            .visitor()
            .get_text(&format!(
                "/datasets/{name}/resources/{resource}.csv-metadata.json"
            ))
            .await;
        assert_eq!(status, StatusCode::OK);

        assert_eq!(get(None).await.status(), StatusCode::UNAUTHORIZED);
        let other_scope = issue_key_with(&app, "northshire", "live", "open311:write", "").await;
        assert_eq!(get(Some(other_scope)).await.status(), StatusCode::FORBIDDEN);
        let today = time::OffsetDateTime::now_utc().date();
        let year = time::Duration::days(365);
        let current = reader_key(&app, &name, (today - year, today + year)).await;
        let served = get(Some(current.clone())).await;
        assert_eq!(served.status(), StatusCode::OK);
        assert_eq!(served.headers()["cache-control"], "private, no-store");
        assert!(!served.headers().contains_key("access-control-allow-origin"));
        assert_eq!(
            served.headers()["ratelimit-policy"],
            "\"per-key\";q=600;w=60"
        );
        let body = served.text().await.unwrap();
        assert!(
            body.contains("Mill Lane") && body.contains("High Street"),
            "{body}"
        );
        // The same key with an agreement that has ended: 200 turns into 403.
        let lapsed = reader_key(&app, &name, (today - year - year, today - year)).await;
        let refused = get(Some(lapsed)).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert!(message(refused).await.contains("not in force"));
        // Another body's key, even with the scope, reads nothing.
        let eastvale = issue_key_with(
            &app,
            "eastvale",
            "live",
            &format!("datasets:{name}:read"),
            "",
        )
        .await;
        assert_eq!(get(Some(eastvale)).await.status(), StatusCode::FORBIDDEN);

        // Only the one download that was served is recorded, with the key.
        let accesses = app.store.dataset_accesses("northshire", 10).await.unwrap();
        assert_eq!(accesses.len(), 1, "{accesses:?}");
        assert_eq!(accesses[0].dataset, name);
        assert_eq!(accesses[0].key, "Clean-up planner");
        assert!(
            app.store
                .dataset_accesses("eastvale", 10)
                .await
                .unwrap()
                .is_empty()
        );
        let staff = app.signed_in("staff@northshire.example").await;
        let (_, keys_page) = staff.get_text("/staff/bodies/northshire/api-keys").await;
        assert!(
            keys_page.contains(&format!("{resource}.csv")),
            "the download is listed"
        );
    }
);

/// A key of northshire for the partner `partner` (created when missing) or for no partner.
async fn partner_key(app: &TestApp, partner: Option<&str>, scopes: &str) -> String {
    if let Some(name) = partner {
        let slug = civic_domain::slugify(name);
        if app.store.partner(&slug).await.unwrap().is_none() {
            let draft = civic_domain::partner::PartnerInput {
                name: name.into(),
                ..Default::default()
            }
            .validate()
            .unwrap();
            app.store.create_partner(&draft).await.unwrap();
        }
    }
    let draft = civic_domain::api_key::KeyInput {
        name: "Partner system".into(),
        kind: "live".into(),
        scopes: scopes.into(),
        expires_on: String::new(),
        per_minute: String::new(),
    }
    .validate(time::OffsetDateTime::now_utc().date())
    .unwrap();
    let slug = partner.map(civic_domain::slugify);
    store_key(app, "northshire", &draft, slug.as_deref(), None).await
}

db_test!(partners_manage_their_own_webhook_endpoints, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let client = reqwest::Client::new();
    let url = |path: &str| format!("{}/api/bodies/northshire/webhooks{path}", app.base);
    let ours = partner_key(&app, Some("Cycle Forum"), "webhooks:manage").await;
    let ours_too = partner_key(&app, Some("Cycle Forum"), "webhooks:manage open311:write").await;
    let theirs = partner_key(&app, Some("Allotment Society"), "webhooks:manage").await;
    let unscoped = partner_key(&app, Some("Cycle Forum"), "open311:write").await;

    let refused = client
        .get(url(""))
        .bearer_auth(&unscoped)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let anonymous = client.get(url("")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    for (bad, why) in [
        ("http://partners.example/hooks", "not https"),
        ("https://127.0.0.1/hooks", "loopback"),
        ("https://10.1.2.3/hooks", "private"),
    ] {
        let response = client
            .post(url(""))
            .bearer_auth(&ours)
            .json(&json!({"url": bad, "events": ["request.created"]}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{why}");
    }
    let unknown_event = client
        .post(url(""))
        .bearer_auth(&ours)
        .json(&json!({"url": "https://partners.example/hooks", "events": ["everything"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown_event.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.store
            .webhook_endpoints("northshire")
            .await
            .unwrap()
            .is_empty(),
        "nothing saved"
    );

    let made = client
        .post(url(""))
        .bearer_auth(&ours)
        .json(&json!({"url": "https://partners.example/hooks", "description": "Cycle Forum map", "events": ["request.created"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: serde_json::Value = made.json().await.unwrap();
    let id = made["id"].as_i64().unwrap();
    let secret = made["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"));
    assert!(civic_domain::webhook::Secret::parse(&secret).is_some());

    // The partner's other key sees it, without the secret; another partner does not.
    let listed: serde_json::Value = client
        .get(url(""))
        .bearer_auth(&ours_too)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(listed[0].get("secret").is_none());
    let none: serde_json::Value = client
        .get(url(""))
        .bearer_auth(&theirs)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(none, json!([]));
    for request in [
        client.get(url(&format!("/{id}"))),
        client.delete(url(&format!("/{id}"))),
        client.post(url(&format!("/{id}/rotate"))),
    ] {
        let response = request.bearer_auth(&theirs).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let eastvale = issue_key_with(&app, "eastvale", "live", "webhooks:manage", "").await;
    let other_body = client
        .get(url(""))
        .bearer_auth(&eastvale)
        .send()
        .await
        .unwrap();
    assert_eq!(other_body.status(), StatusCode::FORBIDDEN);

    let changed: serde_json::Value = client
        .put(url(&format!("/{id}")))
        .bearer_auth(&ours)
        .json(&json!({"url": "https://partners.example/hooks", "events": ["request.created", "request.updated"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        changed["events"],
        json!(["request.created", "request.updated"])
    );
    let rotated: serde_json::Value = client
        .post(url(&format!("/{id}/rotate")))
        .bearer_auth(&ours_too)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let new_secret = rotated["secret"].as_str().unwrap();
    assert!(new_secret.starts_with("whsec_") && new_secret != secret);
    let stored = app
        .store
        .webhook_endpoint("northshire", id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.previous_secret.as_deref(), Some(secret.as_str()));

    let off = client
        .delete(url(&format!("/{id}")))
        .bearer_auth(&ours)
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), StatusCode::NO_CONTENT);
    let stored = app
        .store
        .webhook_endpoint("northshire", id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.disabled.map(|(_, r)| r),
        Some(civic_domain::webhook::DisabledReason::ByPartner)
    );
    let staff = app.signed_in("staff@northshire.example").await;
    let (_, page) = staff.get_text("/staff/bodies/northshire/webhooks").await;
    assert!(
        page.contains("Turned off by the partner"),
        "staff see who turned it off"
    );
});
