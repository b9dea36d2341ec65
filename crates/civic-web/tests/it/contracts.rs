//! Contracts and open buyer feedback as people meet them: staff record a contract and rate
//! its supplier (bad input refused, nothing half-saved), the supplier replies once through
//! its link, and the ratings are public on the pages, as CSV and as OCDS.

use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;

async fn register_supplier(app: &TestApp) {
    let draft = civic_domain::supplier::SupplierInput {
        org_id: "GB-COH-09000003".into(),
        name: "Ledgerline Software Ltd".into(),
        address: "Unit 1, Enterprise Park".into(),
        postcode: "ZZ1 1AA".into(),
        scale: "small".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    app.store.create_supplier(&draft, None).await.unwrap();
}

db_test!(staff_rate_suppliers_who_reply_in_public, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    register_supplier(&app).await;
    let staff = app.signed_in("staff@northshire.example").await;
    let contract = [
        ("title", "Council tax software"),
        ("supplier", "GB-COH-09000003"),
        ("value", "240,000"),
        ("starts_on", "2026-04-01"),
        ("ends_on", "2028-03-31"),
        (
            "kpis",
            "System available 99.5% of working hours\nFaults fixed within 4 hours",
        ),
    ];
    for (field, bad) in [
        ("supplier", "ACME"),
        ("supplier", "GB-COH-01234567"),
        ("value", "a lot"),
        ("ends_on", "2020-01-01"),
        ("kpis", ""),
    ] {
        let mut form = contract.to_vec();
        form.retain(|(f, _)| *f != field);
        form.push((field, bad));
        let refused = staff
            .post_form("/staff/bodies/northshire/contracts", &form)
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={bad}"
        );
    }
    assert!(
        app.store.contracts("northshire").await.unwrap().is_empty(),
        "nothing half-saved"
    );
    let made = staff
        .post_form("/staff/bodies/northshire/contracts", &contract)
        .await;
    assert_eq!(made.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&made),
        "/staff/bodies/northshire/contracts/council-tax-software"
    );

    let rate = "/staff/bodies/northshire/contracts/council-tax-software/ratings";
    let rating = [
        ("kpi", "Faults fixed within 4 hours"),
        ("period_start", "2026-04-01"),
        ("period_end", "2026-06-30"),
        ("rating", "approaching_target"),
        ("note", "7 of 9 fixed within 4 hours"),
    ];
    for (field, bad) in [
        ("rating", "excellent"),
        ("kpi", "Smiles"),
        ("period_end", "2026-01-01"),
    ] {
        let mut form = rating.to_vec();
        form.retain(|(f, _)| *f != field);
        form.push((field, bad));
        let refused = staff.post_form(rate, &form).await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={bad}"
        );
    }
    let rated = staff.post_form(rate, &rating).await;
    let link = issued_key(rated).await;
    assert!(link.contains("/contract-replies/"), "{link}");
    let path = link
        .split_once("/contract-replies/")
        .map(|(_, t)| format!("/contract-replies/{t}"))
        .unwrap();
    // Another body's staff cannot rate northshire's contract.
    let mole = app.signed_in("staff@eastvale.example").await;
    let theirs = mole.post_form(rate, &rating).await;
    assert_eq!(theirs.status(), StatusCode::FORBIDDEN);

    // The supplier replies through its link, once.
    let supplier = app.visitor();
    let (status, form) = supplier.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("7 of 9 fixed within 4 hours"));
    let empty = supplier.post_form(&path, &[("reply", "  ")]).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let replied = supplier
        .post_form(&path, &[("reply", "Two faults needed a vendor patch.")])
        .await;
    assert_eq!(replied.status(), StatusCode::SEE_OTHER);
    let again = supplier
        .post_form(&path, &[("reply", "Something else")])
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = supplier.get_text("/contract-replies/not-a-token").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Public: the contract page, the supplier's page, the CSV.
    let (_, page) = app
        .visitor()
        .get_text("/bodies/northshire/contracts/council-tax-software")
        .await;
    assert!(
        page.contains("Approaching target") && page.contains("Two faults needed a vendor patch.")
    );
    let (_, supplier_page) = app.visitor().get_text("/suppliers/GB-COH-09000003").await;
    assert!(
        supplier_page.contains("Council tax software")
            && supplier_page.contains("Approaching target")
    );
    let (_, csv) = app
        .visitor()
        .get_text("/bodies/northshire/contracts/ratings.csv")
        .await;
    assert!(
        csv.contains("approaching_target") && csv.contains("Two faults needed a vendor patch."),
        "{csv}"
    );

    // OCDS: a release with the supplier's scale, an award the contract points to, and the
    // rating as an observation of the KPI's metric.
    let package: serde_json::Value = app
        .visitor()
        .get("/bodies/northshire/contracts/ocds.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(package["version"], "1.1");
    let release = &package["releases"][0];
    assert_eq!(
        release["ocid"],
        "ocds-civic1-northshire-council-tax-software"
    );
    assert_eq!(release["parties"][1]["details"]["scale"], "small");
    assert_eq!(
        release["contracts"][0]["awardID"],
        release["awards"][0]["id"]
    );
    let metric = &release["contracts"][0]["implementation"]["metrics"][0];
    assert_eq!(metric["title"], "Faults fixed within 4 hours");
    assert_eq!(metric["observations"][0]["measure"], "Approaching target");
    assert!(
        metric["observations"][0]["notes"]
            .as_str()
            .unwrap()
            .contains("Two faults needed a vendor patch.")
    );
    let records: serde_json::Value = app
        .visitor()
        .get("/bodies/northshire/contracts/ocds-records.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(records["records"][0]["ocid"], release["ocid"]);
    assert_eq!(&records["records"][0]["compiledRelease"], release);
    let (status, _) = app
        .visitor()
        .get_text("/bodies/eastvale/contracts/ocds.json")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no contracts, no package");
    for url in package["extensions"].as_array().unwrap() {
        let path = url.as_str().unwrap().split_once("://").unwrap().1;
        let path = &path[path.find('/').unwrap()..];
        let (status, text) = app.visitor().get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(text.contains("\"schemas\""), "{path}");
    }
});
