//! The supplier register: kept by org-id (a duplicate refused), searched by name, scale,
//! VCSE, standard, kind and distance, and linked to the bodies' spend by the names it goes
//! by there, whatever their case.

use super::{body, service};
use civic_domain::Point;
use civic_domain::supplier::{OrgId, Scale, SupplierInput};
use civic_storage::{Actor, NewSpendLine, StorageError, SupplierQuery, db_test};
use time::macros::date;

fn supplier(
    org_id: &str,
    name: &str,
    scale: &str,
    standards: &str,
) -> civic_domain::supplier::SupplierDraft {
    SupplierInput {
        org_id: org_id.into(),
        name: name.into(),
        address: "1 Works Lane, Northam".into(),
        postcode: "ZZ1 1AA".into(),
        scale: scale.into(),
        standards: standards.into(),
        kinds: "signs".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid supplier")
}

fn spend(line: u64, supplier: &str, area: &str, pence: i64) -> NewSpendLine {
    NewSpendLine {
        line,
        paid_on: date!(2026 - 04 - 01),
        amount_pence: pence,
        supplier: supplier.into(),
        expense_area: area.into(),
        expense_type: "Contracted services".into(),
        reference: format!("T{line}"),
        description: String::new(),
    }
}

db_test!(suppliers_are_kept_searched_and_linked_to_spend, |db| {
    let store = &db.store;
    let here = Point {
        lat: 52.2,
        long: -0.9,
    };
    let near = Point {
        lat: 52.25,
        long: -0.9,
    };
    let far = Point {
        lat: 54.0,
        long: -2.0,
    };
    let mut kerbside = supplier(
        "GB-COH-01234567",
        "Kerbside Signs Ltd",
        "small",
        "Open311, Cyber Essentials",
    );
    kerbside.vcse = true;
    kerbside.spend_names.push("KERBSIDE SIGNS".into());
    let created = store.create_supplier(&kerbside, Some(near)).await.unwrap();
    assert_eq!(
        created.details.spend_names,
        ["KERBSIDE SIGNS", "Kerbside Signs Ltd"]
    );
    assert_eq!(created.point, Some(near));
    store
        .create_supplier(
            &supplier(
                "GB-CHC-1234567",
                "Northam Community Print",
                "micro",
                "Open Referral UK",
            ),
            Some(here),
        )
        .await
        .unwrap();
    store
        .create_supplier(
            &supplier(
                "GB-COH-SC123456",
                "Borealis Systems plc",
                "large",
                "Open311",
            ),
            Some(far),
        )
        .await
        .unwrap();
    store
        .create_supplier(
            &supplier("GB-PPON-PBCP-5168-ZDGP", "Unplaced Ltd", "medium", ""),
            None,
        )
        .await
        .unwrap();
    assert!(matches!(
        store.create_supplier(&kerbside, None).await,
        Err(StorageError::Conflict(_))
    ));

    let search = |query: SupplierQuery| async move {
        let limit = if query.limit == 0 { 50 } else { query.limit };
        store
            .search_suppliers(&SupplierQuery { limit, ..query })
            .await
            .unwrap()
    };
    let all = search(SupplierQuery::default()).await;
    assert_eq!(all.total, 4);
    let names: Vec<&str> = all
        .suppliers
        .iter()
        .map(|(s, _)| s.details.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Borealis Systems plc",
            "Kerbside Signs Ltd",
            "Northam Community Print",
            "Unplaced Ltd"
        ]
    );
    let by_name = search(SupplierQuery {
        text: Some("SIGNS kerb".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(by_name.total, 1);
    let smes = search(SupplierQuery {
        scales: vec![Scale::Micro, Scale::Small],
        ..Default::default()
    })
    .await;
    assert_eq!(smes.total, 2);
    let vcse = search(SupplierQuery {
        vcse: true,
        ..Default::default()
    })
    .await;
    assert_eq!(vcse.suppliers[0].0.details.name, "Kerbside Signs Ltd");
    let open311 = search(SupplierQuery {
        standard: Some("open311".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(open311.total, 2);
    let partial = search(SupplierQuery {
        standard: Some("open".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(partial.total, 0, "a standard matches whole, not in part");
    let kind = search(SupplierQuery {
        kind: Some("Signs".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(kind.total, 4);
    let nearby = search(SupplierQuery {
        near: Some((here, 10_000.0)),
        ..Default::default()
    })
    .await;
    let found: Vec<(&str, bool)> = nearby
        .suppliers
        .iter()
        .map(|(s, d)| (s.details.name.as_str(), d.is_some()))
        .collect();
    assert_eq!(
        found,
        [
            ("Northam Community Print", true),
            ("Kerbside Signs Ltd", true)
        ],
        "nearest first"
    );
    let nearby_small = search(SupplierQuery {
        near: Some((here, 10_000.0)),
        scales: vec![Scale::Small],
        ..Default::default()
    })
    .await;
    assert_eq!(nearby_small.total, 1);
    let paged = search(SupplierQuery {
        limit: 1,
        offset: 1,
        ..Default::default()
    })
    .await;
    assert_eq!(paged.suppliers.len(), 1);
    assert_eq!(paged.total, 4);

    // Spend: the names a body's file uses, any case and with spaces around, link.
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Riverton")).await.unwrap();
    store
        .create_services("eastvale", &[service("Road signs", 5)], &Actor::system("t"))
        .await
        .unwrap();
    store
        .upload_spend(
            "eastvale",
            "april.csv",
            &[
                spend(2, "Kerbside Signs Ltd", "Highways", 120_000),
                spend(3, " kerbside signs ", "Highways", 30_000),
                spend(4, "Someone Else Ltd", "Highways", 99_000),
            ],
            0,
        )
        .await
        .unwrap();
    store
        .upload_spend(
            "riverton",
            "may.csv",
            &[spend(2, "KERBSIDE SIGNS LTD", "Streets", 5_000)],
            0,
        )
        .await
        .unwrap();
    store
        .map_spend_area("eastvale", "Highways", Some("road-signs"))
        .await
        .unwrap();
    let org = OrgId::parse("GB-COH-01234567").unwrap();
    let spent = store.supplier_spend(&org).await.unwrap();
    let rows: Vec<(&str, &str, Option<&str>, i64, i64)> = spent
        .iter()
        .map(|s| {
            (
                s.body.as_str(),
                s.expense_area.as_str(),
                s.service.as_ref().map(|(slug, _)| slug.as_str()),
                s.total_pence,
                s.payments,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("eastvale", "Highways", Some("road-signs"), 150_000, 2),
            ("riverton", "Streets", None, 5_000, 1)
        ]
    );
    assert_eq!(spent[0].first, "2026-04-01");

    // Changing the names changes the links; the org-id stays; an unknown one is not found.
    let mut renamed = kerbside.clone();
    renamed.spend_names = vec!["Kerbside Signs Ltd".into()];
    let updated = store
        .update_supplier(&org, &renamed, Some(near))
        .await
        .unwrap();
    assert_eq!(updated.details.spend_names, ["Kerbside Signs Ltd"]);
    let spent = store.supplier_spend(&org).await.unwrap();
    assert_eq!(spent.iter().map(|s| s.total_pence).sum::<i64>(), 125_000);
    let nobody = OrgId::parse("GB-COH-99999999").unwrap();
    assert!(store.supplier(&nobody).await.unwrap().is_none());
    assert!(matches!(
        store.update_supplier(&nobody, &renamed, None).await,
        Err(StorageError::NotFound)
    ));
    assert!(store.supplier_spend(&nobody).await.unwrap().is_empty());
});

db_test!(
    suppliers_are_verified_against_their_registers_extract,
    |db| {
        use civic_domain::supplier::{OrgScheme, RegisterStatus, read_extract};
        let store = &db.store;
        for (org_id, name) in [
            ("GB-CHC-1190001", "Mobility Assessment Partnership"),
            ("GB-CHC-1000002", "Old Charity"),
            ("GB-CHC-1000003", "Unlisted Charity"),
            ("GB-COH-09000007", "Kerbside Signs Ltd"),
        ] {
            store
                .create_supplier(&supplier(org_id, name, "micro", ""), None)
                .await
                .unwrap();
        }
        let extract = read_extract(
            OrgScheme::Chc,
            "registered_charity_number\tcharity_name\tcharity_registration_status\n\
         1190001\tMOBILITY ASSESSMENT PARTNERSHIP\tRegistered\n\
         1000002\tOLD CHARITY\tRemoved\n"
                .as_bytes(),
        )
        .unwrap();
        let counts = store
            .verify_suppliers(
                OrgScheme::Chc,
                &extract,
                "Charity Commission register extract, 1 December 2026",
                "an administrator",
                date!(2026 - 12 - 07),
            )
            .await
            .unwrap();
        assert_eq!(
            (counts.registered, counts.removed, counts.not_listed),
            (1, 1, 1)
        );
        let checked = |org: &str| {
            let org = OrgId::parse(org).unwrap();
            async move { store.supplier(&org).await.unwrap().unwrap().verification }
        };
        let map = checked("GB-CHC-1190001").await.unwrap();
        assert_eq!(map.status, RegisterStatus::Registered);
        assert_eq!(
            map.registered_name.as_deref(),
            Some("MOBILITY ASSESSMENT PARTNERSHIP")
        );
        assert_eq!(map.checked_on, date!(2026 - 12 - 07));
        assert_eq!(map.expires_on, date!(2027 - 12 - 07));
        assert_eq!(
            map.source,
            "Charity Commission register extract, 1 December 2026"
        );
        assert_eq!(
            checked("GB-CHC-1000002").await.unwrap().status,
            RegisterStatus::Removed
        );
        assert_eq!(
            checked("GB-CHC-1000003").await.unwrap().status,
            RegisterStatus::NotListed
        );
        assert_eq!(
            checked("GB-COH-09000007").await,
            None,
            "another scheme is left alone"
        );
        // Checking again replaces the last check.
        let later = store
            .verify_suppliers(
                OrgScheme::Chc,
                &extract,
                "a later extract",
                "an administrator",
                date!(2027 - 01 - 01),
            )
            .await
            .unwrap();
        assert_eq!(later.registered, 1);
        assert_eq!(
            checked("GB-CHC-1190001").await.unwrap().source,
            "a later extract"
        );
    }
);
