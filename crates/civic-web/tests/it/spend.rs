//! Spend: the transparency code CSV uploaded line by line and mapped to services.

use crate::performance::push_events;
use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;

db_test!(spend_is_uploaded_line_by_line_and_mapped, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    push_events(&app).await;
    let staff = app.signed_in("staff@northshire.example").await;
    let token = staff.csrf_token().await;
    let today = time::OffsetDateTime::now_utc().date();
    let d = format!(
        "{:02}/{:02}/{}",
        today.day(),
        u8::from(today.month()),
        today.year()
    );
    let csv = format!(
        "Body Name,Date,Transaction Number,Amount,Supplier Name,Expense Area,Expense Type\n\
         Northshire,{d},T1,\"£1,400.00\",Acme Ltd,Revenues,Software\n\
         Northshire,not a date,T2,600.00,Acme Ltd,Revenues,Software\n\
         Northshire,{d},T3,twelve,Acme Ltd,Revenues,Software\n"
    );
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("spend.csv"),
    );
    let response = staff
        .client
        .post(staff.url(&format!(
            "/staff/bodies/northshire/spend?csrf_token={token}"
        )))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(page.contains("1 lines loaded"), "{page}");
    assert!(
        page.contains("line 3:") && page.contains("line 4:"),
        "{page}"
    );
    let mapped = staff
        .post_form(
            "/staff/bodies/northshire/spend/map",
            &[("area", "Revenues"), ("service", "pay-council-tax")],
        )
        .await;
    assert_eq!(mapped.status(), StatusCode::SEE_OTHER);
    let data: serde_json::Value = app
        .visitor()
        .get("/performance/data.json?body=northshire&service=pay-council-tax&period=year")
        .await
        .json()
        .await
        .unwrap();
    let last = data["data"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["spend_pounds"], 1400.0);
    assert_eq!(last["cost_per_transaction"], 100.0);
    // Another body's staff cannot see or change it.
    let other = app.signed_in("staff@eastvale.example").await;
    let denied = other.get("/staff/bodies/northshire/spend").await.status();
    assert!(
        matches!(denied, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{denied}"
    );
    let bad = staff
        .client
        .post(staff.url(&format!(
            "/staff/bodies/northshire/spend?csrf_token={token}"
        )))
        .multipart(
            reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(b"Date,Supplier\n1/1/2026,x\n".to_vec())
                    .file_name("x.csv"),
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("amount"));
});
