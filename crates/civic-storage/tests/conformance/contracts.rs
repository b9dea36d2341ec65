//! Contracts, KPI ratings on the Procurement Act's scale, suppliers' replies, and the
//! payments to a contract's supplier during it.

use super::body;
use civic_domain::contract::{ContractInput, KpiRating, RatingInput};
use civic_domain::supplier::{OrgId, SupplierInput};
use civic_storage::{NewSpendLine, StorageError, db_test};
use time::macros::date;

fn paid(line: u64, supplier: &str, on: time::Date, pence: i64, reference: &str) -> NewSpendLine {
    NewSpendLine {
        line,
        paid_on: on,
        amount_pence: pence,
        supplier: supplier.into(),
        expense_area: "Highways".into(),
        expense_type: "Contracted services".into(),
        reference: reference.into(),
        description: String::new(),
    }
}

db_test!(contracts_are_rated_replied_to_and_paid, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Riverton")).await.unwrap();
    let supplier = SupplierInput {
        org_id: "GB-COH-09000007".into(),
        name: "Kerbside Signs Ltd".into(),
        address: "1 Works Lane".into(),
        postcode: "ZZ1 1AA".into(),
        scale: "small".into(),
        spend_names: "Kerbside Signs".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    store.create_supplier(&supplier, None).await.unwrap();
    let input = ContractInput {
        title: "Road signs".into(),
        supplier: "GB-COH-09000007".into(),
        description: "Making and fitting road signs.".into(),
        value: "48,000".into(),
        starts_on: "2026-04-01".into(),
        ends_on: "2027-03-31".into(),
        kpis: "Signs fitted within 10 days\nDamaged signs replaced within 2 days".into(),
    };
    let draft = input.validate().unwrap();
    let made = store.create_contract("eastvale", &draft).await.unwrap();
    assert_eq!(made.details, draft);
    assert_eq!(
        (made.supplier_name.as_str(), made.supplier_scale.as_str()),
        ("Kerbside Signs Ltd", "small")
    );
    let again = store.create_contract("eastvale", &draft).await;
    assert!(matches!(again, Err(StorageError::Conflict(_))), "{again:?}");
    let unknown = ContractInput {
        supplier: "GB-COH-01234567".into(),
        title: "Unknown supplier".into(),
        ..input.clone()
    }
    .validate()
    .unwrap();
    let missing = store.create_contract("eastvale", &unknown).await;
    assert!(
        matches!(missing, Err(StorageError::NotFound)),
        "a supplier outside the register"
    );

    let rating = RatingInput {
        kpi: "Signs fitted within 10 days".into(),
        period_start: "2026-04-01".into(),
        period_end: "2026-06-30".into(),
        rating: "requires_improvement".into(),
        note: "78% within 10 days against 95%".into(),
    }
    .validate(&draft.kpis)
    .unwrap();
    let other_body = store
        .rate_contract("riverton", "road-signs", &rating, "t0")
        .await;
    assert!(matches!(other_body, Err(StorageError::NotFound)), "tenancy");
    let rated = store
        .rate_contract("eastvale", "road-signs", &rating, "t1")
        .await
        .unwrap();
    assert_eq!(rated.details.rating, KpiRating::RequiresImprovement);
    let (contract, found) = store.rating_for_reply("t1").await.unwrap().unwrap();
    assert_eq!(
        (contract.details.slug.as_str(), found.id),
        ("road-signs", rated.id)
    );
    assert_eq!(store.rating_for_reply("nope").await.unwrap(), None);

    let replied = store
        .reply_to_rating("t1", "Two sites had no power until June.")
        .await
        .unwrap();
    assert_eq!(
        replied.reply.as_ref().map(|(r, _)| r.as_str()),
        Some("Two sites had no power until June.")
    );
    let twice = store.reply_to_rating("t1", "Changed my mind").await;
    assert!(
        matches!(twice, Err(StorageError::Conflict(_))),
        "a reply is final"
    );
    let unknown_token = store.reply_to_rating("nope", "x").await;
    assert!(matches!(unknown_token, Err(StorageError::NotFound)));

    let listed = store.contracts("eastvale").await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].ratings, std::slice::from_ref(&replied));
    assert!(store.contracts("riverton").await.unwrap().is_empty());
    let theirs = store
        .supplier_contracts(&OrgId::parse("GB-COH-09000007").unwrap())
        .await
        .unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].ratings.len(), 1);

    // Payments: the supplier's, by any of its names, during the contract, this body's only.
    store
        .upload_spend(
            "eastvale",
            "spend.csv",
            &[
                paid(
                    2,
                    "KERBSIDE SIGNS",
                    date!(2026 - 05 - 01),
                    1_200_000,
                    "T-100",
                ),
                paid(3, "Kerbside Signs Ltd", date!(2026 - 06 - 01), 800_000, ""),
                paid(
                    4,
                    "Kerbside Signs Ltd",
                    date!(2026 - 03 - 01),
                    100_000,
                    "T-before",
                ),
                paid(5, "Someone Else", date!(2026 - 05 - 01), 500, "T-other"),
            ],
            0,
        )
        .await
        .unwrap();
    store
        .upload_spend(
            "riverton",
            "spend.csv",
            &[paid(
                2,
                "Kerbside Signs Ltd",
                date!(2026 - 05 - 01),
                9_900,
                "R-1",
            )],
            0,
        )
        .await
        .unwrap();
    let mut by_contract = store
        .payments_of_contracts("eastvale", &[made.id])
        .await
        .unwrap();
    let payments = by_contract.remove(&made.id).unwrap_or_default();
    let paged = store.contracts_after("eastvale", 0, 10).await.unwrap();
    assert_eq!(paged.iter().map(|c| c.id).collect::<Vec<_>>(), [made.id]);
    assert!(
        store
            .contracts_after("eastvale", made.id, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .contracts_changed_at("eastvale")
            .await
            .unwrap()
            .is_some()
            && store
                .contracts_changed_at("riverton")
                .await
                .unwrap()
                .is_none()
    );
    let seen: Vec<(&str, i64)> = payments
        .iter()
        .map(|p| (p.id.as_str(), p.amount_pence))
        .collect();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0], ("T-100", 1_200_000));
    assert!(
        seen[1].0.starts_with("spend-") && seen[1].1 == 800_000,
        "{seen:?}"
    );
});
