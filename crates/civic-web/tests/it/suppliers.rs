//! The supplier register end to end: an administrator adds suppliers (bad input refused,
//! nothing saved, a duplicate org-id refused), anyone searches it and sees what each body
//! spent with a supplier, and it is open data.

use crate::support::*;
use civic_storage::{NewSpendLine, db_test};
use reqwest::StatusCode;
use time::macros::date;

fn supplier_form(org_id: &str, scale: &str) -> Vec<(&'static str, String)> {
    vec![
        ("org_id", org_id.into()),
        ("name", "Kerbside Signs Ltd".into()),
        ("address", "1 Works Lane, Northam".into()),
        ("postcode", "ZZ9 1AA".into()),
        ("scale", scale.into()),
        ("vcse", "yes".into()),
        ("standards", "Open311, Cyber Essentials".into()),
        ("frameworks", "G-Cloud 14: Lot 2".into()),
        ("areas", "Northshire".into()),
        ("kinds", "signs".into()),
        ("spend_names", "KERBSIDE SIGNS".into()),
    ]
}

db_test!(
    administrators_keep_the_register_and_anyone_searches_it,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let admin = app.signed_in("admin@civic.example").await;
        let new = "/admin/suppliers/new";
        let (status, _) = admin.get_text(new).await;
        assert_eq!(status, StatusCode::OK);
        for (form, message) in [
            (
                supplier_form("GB-COH-01234567", "huge"),
                "micro, small, medium or large",
            ),
            (
                supplier_form("GB-XYZ-1", "small"),
                "is not an organisation identifier",
            ),
            (
                supplier_form("GB-COH-123", "small"),
                "is not an organisation identifier",
            ),
        ] {
            let r = admin.post_form(new, &as_refs(&form)).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let html = r.text().await.unwrap();
            assert!(html.contains(message), "{message}");
        }
        assert_eq!(
            app.store
                .search_suppliers(&civic_storage::SupplierQuery {
                    limit: 10,
                    ..Default::default()
                })
                .await
                .unwrap()
                .total,
            0,
            "nothing half-saved"
        );
        let created = admin
            .post_form(new, &as_refs(&supplier_form("gb-coh-01234567", "small")))
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&created), "/suppliers/GB-COH-01234567");
        let again = admin
            .post_form(new, &as_refs(&supplier_form("GB-COH-01234567", "small")))
            .await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(again.text().await.unwrap().contains("registered already"));

        // Staff of a body and visitors cannot keep the register.
        let staff = app.signed_in("staff@northshire.example").await;
        assert_eq!(staff.get(new).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            staff
                .post_form(
                    "/admin/suppliers/GB-COH-01234567/edit",
                    &as_refs(&supplier_form("GB-COH-01234567", "large"))
                )
                .await
                .status(),
            StatusCode::FORBIDDEN
        );

        // Spend names the supplier in any case; the page shows it by body.
        let line = |n: u64, supplier: &str, pence: i64| NewSpendLine {
            line: n,
            paid_on: date!(2026 - 03 - 02),
            amount_pence: pence,
            supplier: supplier.into(),
            expense_area: "Highways".into(),
            expense_type: "Contracted services".into(),
            reference: format!("R{n}"),
            description: String::new(),
        };
        app.store
            .upload_spend(
                "northshire",
                "march.csv",
                &[
                    line(2, "Kerbside Signs Ltd", 123_456),
                    line(3, "kerbside signs", 10_000),
                ],
                0,
            )
            .await
            .unwrap();
        let v = app.visitor();
        let (status, html) = v.get_text("/suppliers/GB-COH-01234567").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Kerbside Signs Ltd"));
        assert!(html.contains("Northshire County Council"));
        assert!(html.contains("£1,334.56"), "the sum of both payments");
        assert!(
            html.contains("find-and-update.company-information.service.gov.uk/company/01234567")
        );
        assert_eq!(
            v.get("/suppliers/GB-COH-99999999").await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            v.get("/suppliers/not-an-org-id").await.status(),
            StatusCode::NOT_FOUND
        );

        let (status, html) = v
            .get_text("/suppliers?q=kerbside&scale=small&vcse=yes&standard=open311")
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("1 supplier"), "{html}");
        let (_, html) = v.get_text("/suppliers?scale=large").await;
        assert!(html.contains("0 suppliers"));
        let (_, html) = v.get_text("/suppliers?postcode=ZZ99+9ZZ").await;
        assert!(html.contains("We could not find ZZ99 9ZZ"), "{html}");
        let (_, html) = v.get_text("/suppliers/GB-COH-01234567").await;
        assert!(html.contains("Not checked yet"));
        let extract = civic_domain::supplier::read_extract(
            civic_domain::supplier::OrgScheme::Coh,
            "CompanyName, CompanyNumber,CompanyStatus\nKERBSIDE SIGNS LIMITED,01234567,Active\n"
                .as_bytes(),
        )
        .unwrap();
        app.store
            .verify_suppliers(
                civic_domain::supplier::OrgScheme::Coh,
                &extract,
                "Companies House basic company data, 1 December 2026",
                "the hub's administrators",
                date!(2026 - 12 - 07),
            )
            .await
            .unwrap();
        let (_, html) = v.get_text("/suppliers/GB-COH-01234567").await;
        assert!(
            html.contains("Registered, as KERBSIDE SIGNS LIMITED"),
            "{html}"
        );
        assert!(html.contains("against Companies House basic company data, 1 December 2026"));
        let (status, html) = v.get_text("/cy/suppliers/GB-COH-01234567").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Cofrestr cyflenwyr"));

        // Administrators change an entry; the org-id stays.
        let mut changed = supplier_form("GB-COH-01234567", "medium");
        changed[0].1 = "GB-COH-76543210".into();
        let saved = admin
            .post_form("/admin/suppliers/GB-COH-01234567/edit", &as_refs(&changed))
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let (_, html) = v.get_text("/suppliers/GB-COH-01234567").await;
        assert!(html.contains("Medium"));

        let csv = v.get("/suppliers.csv").await.text().await.unwrap();
        assert!(csv.starts_with("org_id,name,address,postcode,scale,sme,vcse"));
        assert!(csv.contains("GB-COH-01234567,Kerbside Signs Ltd"));
        let json: serde_json::Value = v.get("/suppliers.json").await.json().await.unwrap();
        assert_eq!(json[0]["scale"], "medium");
        assert_eq!(json[0]["sme"], true);
        assert_eq!(json[0]["register_status"], "registered");
    }
);
