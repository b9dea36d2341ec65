//! Places that give digital help, end to end: staff list a place at an address of the
//! register (bad opening times and missing addresses refused, nothing saved), residents find
//! it by postcode and on the service's page, its use is reported, published without small
//! counts and shown on the performance page, and the Open Referral UK feed lists it.

use crate::support::*;
use civic_domain::openreferral::service_feed_id;
use civic_domain::register::AddressRow;
use civic_storage::{NewEntry, db_test};
use reqwest::StatusCode;
use serde_json::Value;

/// Three addresses a few hundred metres apart in ZZ9, and one far away in ZZ8.
async fn addresses(app: &TestApp) {
    let rows = [
        ("7001", "1 Library Lane", "ZZ9 1AA", "52.2000", "-0.9000"),
        ("7002", "2 Library Lane", "ZZ9 1AA", "52.2010", "-0.9000"),
        ("7003", "9 Far Road", "ZZ8 1AA", "53.9000", "-1.9000"),
        ("7004", "No Point House", "ZZ9 2BB", "", ""),
    ];
    let entries: Vec<NewEntry> = rows
        .iter()
        .map(|(uprn, line, postcode, lat, long)| {
            let item = AddressRow {
                uprn: uprn.to_string(),
                address_line_1: line.to_string(),
                town: "Northam".into(),
                postcode: postcode.to_string(),
                latitude: lat.to_string(),
                longitude: long.to_string(),
                ..Default::default()
            }
            .validate()
            .unwrap();
            NewEntry {
                key: uprn.to_string(),
                item,
            }
        })
        .collect();
    app.store
        .append_entries("addresses", &entries)
        .await
        .unwrap();
}

fn place_form(uprn: &str, opens: &str, closes: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "Northam Library".into()),
        ("kind", "library".into()),
        ("postcode", "ZZ9 1AA".into()),
        ("uprn", uprn.into()),
        ("opens-monday-0", opens.into()),
        ("closes-monday-0", closes.into()),
        ("opens-monday-1", "13:00".into()),
        ("closes-monday-1", "16:00".into()),
        ("help", "computers".into()),
        ("help", "digital-buddy".into()),
        ("course_levels", "2".into()),
        ("services", "report-a-missed-bin".into()),
        ("accessibility", "step-free".into()),
        ("languages", "Polish".into()),
        ("booking", "not-needed".into()),
        ("active", "yes".into()),
        ("action", "save".into()),
    ]
}

async fn json(v: &Visitor, path: &str) -> (StatusCode, Value) {
    let r = v.get(path).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

db_test!(staff_list_places_and_residents_find_them, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    addresses(&app).await;
    let staff = app.signed_in("staff@northshire.example").await;
    let new = "/staff/bodies/northshire/digital-help/new";

    let (status, form) = staff.get_text(new).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains("Report a missed bin"),
        "services to help with"
    );

    // Finding addresses by postcode shows them to choose from, and saves nothing.
    let found = staff
        .post_form(new, &[("postcode", "zz91aa"), ("action", "find")])
        .await;
    assert_eq!(found.status(), StatusCode::OK);
    let html = found.text().await.unwrap();
    assert!(html.contains("1 Library Lane, Northam, ZZ9 1AA"), "{html}");

    // Bad input: nothing saved, every problem said.
    for (fields, expected) in [
        (
            place_form("7001", "12:00", "09:00"),
            "must be after opening time",
        ),
        (place_form("7001", "09:00", "14:00"), "overlap"),
        (
            place_form("", "09:00", "12:00"),
            "Choose the place&#39;s address",
        ),
        (
            place_form("7004", "09:00", "12:00"),
            "does not say where that address is",
        ),
        (
            place_form("999999", "09:00", "12:00"),
            "no address with UPRN 999999",
        ),
    ] {
        let r = staff.post_form(new, &as_refs(&fields)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains(expected), "{expected}: {html}");
    }
    assert!(
        app.store
            .places(Some("northshire"), true)
            .await
            .unwrap()
            .is_empty()
    );

    let saved = staff
        .post_form(new, &as_refs(&place_form("7001", "09:00", "12:30")))
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert!(location(&saved).ends_with("saved=northam-library"));
    let far = {
        let mut f = place_form("7003", "10:00", "11:00");
        f[0].1 = "Far Hub".into();
        f.retain(|(k, _)| *k != "services");
        f
    };
    let staff_east = app.signed_in("staff@eastvale.example").await;
    let r = staff_east
        .post_form("/staff/bodies/eastvale/digital-help/new", &as_refs(&far))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Residents: the body's list, the place's page, the finder and the service's page.
    let v = app.visitor();
    let (status, list) = v.get_text("/bodies/northshire/digital-help").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("Northam Library"));
    assert!(!list.contains("Far Hub"), "another body's place");
    let (status, page) = v
        .get_text("/bodies/northshire/digital-help/northam-library")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("09:00 to 12:30, 13:00 to 16:00"), "{page}");
    assert!(page.contains("Report a missed bin"));
    assert!(page.contains("Step-free access"));
    let (_, near) = v.get_text("/digital-help?postcode=ZZ9+1AA").await;
    let (library, hub) = (
        near.find("Northam Library").unwrap(),
        near.find("Far Hub").unwrap_or(usize::MAX),
    );
    assert!(library < hub, "nearest first");
    assert!(near.contains("Less than 0.1 miles away"), "{near}");
    let (status, bad) = v.get_text("/digital-help?postcode=nonsense").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(bad.contains("There is a problem"));
    let (status, unknown) = v.get_text("/digital-help?postcode=ZZ7+7ZZ").await;
    assert_eq!(status, StatusCode::OK);
    assert!(unknown.contains("could not find ZZ7 7ZZ"));

    let service = "/bodies/northshire/services/report-a-missed-bin";
    let (_, shown) = v.get_text(service).await;
    assert!(shown.contains("Get help using this service near you"));
    assert!(shown.contains("Helps with this service"));
    let (_, searched) = v.get_text(&format!("{service}?postcode=zz91aa")).await;
    assert!(searched.contains("Places nearest ZZ9 1AA"), "{searched}");
    assert!(searched.contains("Northam Library"));
    let (_, other) = v
        .get_text("/bodies/northshire/services/pay-council-tax")
        .await;
    assert!(!other.contains("Helps with this service"));

    // Welsh.
    let (status, cy) = v.get_text("/cy/digital-help").await;
    assert_eq!(status, StatusCode::OK);
    assert!(cy.contains("Dod o hyd i gymorth digidol yn agos atoch"));

    // A place that stops is kept for staff and gone from public pages.
    let mut stopped = place_form("7001", "09:00", "12:30");
    stopped.retain(|(k, _)| *k != "active");
    let r = staff
        .post_form(
            "/staff/bodies/northshire/digital-help/northam-library/edit",
            &as_refs(&stopped),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        v.get("/bodies/northshire/digital-help/northam-library")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let (_, staff_list) = staff
        .get_text("/staff/bodies/northshire/digital-help")
        .await;
    assert!(staff_list.contains("No longer giving help"));
});

db_test!(
    reported_use_is_open_data_and_on_the_performance_pages,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        addresses(&app).await;
        let staff = app.signed_in("staff@northshire.example").await;
        staff
            .post_form(
                "/staff/bodies/northshire/digital-help/new",
                &as_refs(&place_form("7001", "09:00", "12:30")),
            )
            .await;
        let usage = "/staff/bodies/northshire/digital-help/northam-library/usage";
        let (status, _) = staff.get_text(usage).await;
        assert_eq!(status, StatusCode::OK);
        let month = civic_domain::place::Month::of(time::OffsetDateTime::now_utc().date());
        let this_month = month.to_string();
        let future = {
            let mut m = month;
            for _ in 0..11 {
                m = m.previous();
            }
            format!("{}-{:02}", m.year + 1, m.month)
        };
        let bad = staff
            .post_form(usage, &[("month", future.as_str()), ("sessions", "3")])
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.text()
                .await
                .unwrap()
                .contains("cannot be in the future")
        );
        let empty = staff
            .post_form(usage, &[("month", this_month.as_str())])
            .await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let ok = staff
            .post_form(
                usage,
                &[
                    ("month", this_month.as_str()),
                    ("service", "report-a-missed-bin"),
                    ("sessions", "6"),
                    ("people-1", "3"),
                    ("people-2", "12"),
                ],
            )
            .await;
        assert_eq!(ok.status(), StatusCode::SEE_OTHER);

        let v = app.visitor();
        let (status, rows) = json(&v, "/bodies/northshire/digital-help/usage.json").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(rows[0]["sessions"], 6);
        assert_eq!(
            rows[0]["people"],
            Value::Null,
            "level 1 could be worked out from it"
        );
        assert_eq!(rows[0]["people_level_1"], Value::Null, "1 to 4 withheld");
        assert_eq!(rows[0]["people_level_2"], 12);
        let csv = v.get("/digital-help/usage.csv").await.text().await.unwrap();
        assert!(csv.starts_with("body,place,month,service,sessions,people,people_level_1"));
        let (_, places) = json(&v, "/bodies/northshire/digital-help.json").await;
        assert_eq!(places[0]["id"], "northam-library");
        assert_eq!(places[0]["services"], "report-a-missed-bin");
        assert_eq!(
            places[0]["opening"],
            "monday 09:00-12:30; monday 13:00-16:00"
        );

        let (_, dashboard) = v
            .get_text("/bodies/northshire/services/report-a-missed-bin/performance")
            .await;
        assert!(dashboard.contains("Help at places giving digital help"));
        assert!(dashboard.contains("fewer than 5"));
        let (_, body_dashboard) = v.get_text("/bodies/northshire/performance").await;
        assert!(body_dashboard.contains("Northam Library"));
    }
);

db_test!(places_are_services_at_locations_in_the_feed, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    addresses(&app).await;
    let staff = app.signed_in("staff@northshire.example").await;
    staff
        .post_form(
            "/staff/bodies/northshire/digital-help/new",
            &as_refs(&place_form("7001", "09:00", "12:30")),
        )
        .await;
    let v = app.visitor();
    let service = service_feed_id("northshire", "report-a-missed-bin");

    let (_, full) = json(&v, &format!("/openreferral/services/{service}")).await;
    let at = full["service_at_locations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["location"]["name"] == "Northam Library")
        .cloned()
        .expect("the place is a service at location");
    assert_eq!(at["location"]["location_type"], "physical");
    assert_eq!(at["location"]["latitude"], 52.2);
    assert_eq!(at["location"]["external_identifier"], "7001");
    assert_eq!(at["location"]["addresses"][0]["postal_code"], "ZZ9 1AA");
    let schedules = full["schedules"].as_array().unwrap();
    assert_eq!(schedules.len(), 2);
    assert_eq!(schedules[0]["byday"], "MO");
    assert_eq!(schedules[0]["opens_at"], "09:00");
    assert_eq!(schedules[0]["service_at_location_id"], at["id"]);

    let at_id = at["id"].as_str().unwrap();
    let (status, one) = json(&v, &format!("/openreferral/service_at_locations/{at_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["service"]["id"], service.as_str());
    let (status, _) = json(
        &v,
        &format!("/bodies/eastvale/openreferral/service_at_locations/{at_id}"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not in another body's feed");

    let (_, listed) = json(&v, "/bodies/northshire/openreferral/service_at_locations").await;
    assert!(
        listed["contents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == at["id"]),
        "{listed}"
    );

    // Near a postcode: only services with a place within the distance.
    let (_, near) = json(&v, "/openreferral/services?postcode=ZZ9+1AA&proximity=500").await;
    assert_eq!(near["total_items"], 1);
    assert_eq!(near["contents"][0]["id"], service.as_str());
    let (_, far) = json(&v, "/openreferral/services?postcode=ZZ8+1AA&proximity=500").await;
    assert_eq!(far["total_items"], 0);
    let (_, places) = json(
        &v,
        "/openreferral/service_at_locations?postcode=zz91aa&proximity=2000",
    )
    .await;
    assert_eq!(places["total_items"], 1);
    let (status, _) = json(&v, "/openreferral/services?postcode=ZZ9+1AA&proximity=-1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
});
