//! Addresses: look-up by postcode and the report form's picker.

use crate::registers::{json, load_addresses};
use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;

db_test!(postcode_lookup_and_the_report_form_picker, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    load_addresses(&app, 6).await;
    let v = app.visitor();
    let (status, found) = json(&v, "/addresses.json?postcode=zz11aa").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found["addresses"].as_array().unwrap().len(), 3);
    let (status, bad) = json(&v, "/addresses.json?postcode=nonsense").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        bad["message"]
            .as_str()
            .unwrap()
            .contains("not a UK postcode")
    );
    let (status, html) = v.get_text("/addresses?postcode=nonsense").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("There is a problem"));
    let (status, _) = v.get_text("/addresses/5000.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        v.get("/addresses/424242.json").await.status(),
        StatusCode::NOT_FOUND
    );

    let (status, form) = v
        .get_text("/bodies/northshire/report/report-a-missed-bin?postcode_lookup=ZZ1+2BB")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("2 Station Road, Northam, ZZ1 2BB"));
    let action = {
        let start = form
            .find("action=\"/bodies/northshire/report/report-a-missed-bin?csrf_token=")
            .unwrap()
            + "action=\"".len();
        form[start..]
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&")
    };
    let submit = reqwest::multipart::Form::new()
        .text("uprn", "5001")
        .text("attribute[depth]", "deep")
        .text("description", "Missed again")
        .text("email", "jo@example.org");
    let response = v
        .client
        .post(v.url(&action))
        .multipart(submit)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        response.text().await.unwrap()
    );
    let stored = app
        .store
        .list_requests(&civic_storage::RequestQuery {
            limit: 5,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(stored[0].uprn.as_deref(), Some("5001"));
    assert_eq!(stored[0].address, "2 Station Road, Northam");
    assert_eq!(stored[0].postcode, "ZZ1 2BB");
    assert!(stored[0].point.is_some());
    let bad_pick = reqwest::multipart::Form::new()
        .text("uprn", "424242")
        .text("attribute[depth]", "deep")
        .text("description", "x")
        .text("email", "jo@example.org");
    let response = v
        .client
        .post(v.url(&action))
        .multipart(bad_pick)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
});
