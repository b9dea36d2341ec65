//! Demo suppliers: the firms and charities named in the demo bodies' spend, registered with
//! made-up but well-formed org-ids at addresses of the demo towns, so each one's page shows
//! what the councils spent with it.

use civic_domain::Point;
use civic_domain::supplier::SupplierInput;
use civic_storage::Store;

/// (org-id, name, town index, scale, VCSE, social enterprise, supported employment,
/// standards, kinds).
type DemoSupplier = (
    &'static str,
    &'static str,
    usize,
    &'static str,
    bool,
    bool,
    bool,
    &'static str,
    &'static str,
);

const SUPPLIERS: [DemoSupplier; 8] = [
    (
        "GB-COH-09000001",
        "Eastgate Assessment Services Ltd",
        0,
        "medium",
        false,
        false,
        false,
        "ISO 27001",
        "assessments, benefits",
    ),
    (
        "GB-COH-09000002",
        "Civic Print and Post Ltd",
        1,
        "small",
        true,
        true,
        true,
        "",
        "printing, post",
    ),
    (
        "GB-COH-09000003",
        "Ledgerline Software Ltd",
        0,
        "small",
        false,
        false,
        false,
        "Open311, Open Referral UK, Cyber Essentials",
        "software, council tax",
    ),
    (
        "GB-CHC-1190001",
        "Mobility Assessment Partnership",
        2,
        "micro",
        true,
        false,
        false,
        "",
        "assessments, blue badges",
    ),
    (
        "GB-COH-09000005",
        "Badgeworks Ltd",
        1,
        "micro",
        false,
        false,
        false,
        "",
        "printing, blue badges",
    ),
    (
        "GB-COH-09000006",
        "Permit Systems Ltd",
        2,
        "medium",
        false,
        false,
        false,
        "Open311, Cyber Essentials",
        "software, parking",
    ),
    (
        "GB-COH-09000007",
        "Kerbside Signs Ltd",
        0,
        "small",
        false,
        false,
        false,
        "",
        "signs, highways",
    ),
    (
        "GB-COH-09000008",
        "Greystone Facilities Ltd",
        1,
        "large",
        false,
        false,
        false,
        "ISO 9001",
        "facilities, repairs",
    ),
];

/// Registers the demo suppliers in the demo towns (each a name and its centre), by the
/// postcode of each town's first address.
pub async fn load(store: &dyn Store, towns: &[(&str, (f64, f64))]) -> Result<(), String> {
    for (org_id, name, town, scale, vcse, social, supported, standards, kinds) in SUPPLIERS {
        let Some((town_name, (lat, long))) = towns.get(town % towns.len().max(1)) else {
            return Ok(());
        };
        let index = town % towns.len();
        let draft = SupplierInput {
            org_id: org_id.into(),
            name: name.into(),
            address: format!("Unit {}, Enterprise Park, {town_name}", index + 1),
            postcode: format!("ZZ{} 1AA", index + 1),
            scale: scale.into(),
            vcse,
            social_enterprise: social,
            supported_employment: supported,
            standards: standards.into(),
            frameworks: "G-Cloud 14: Lot 2 Cloud software\nLocal Government Services Framework"
                .into(),
            areas: "England, Wales".into(),
            kinds: kinds.into(),
            spend_names: name.to_uppercase(),
        }
        .validate()
        .map_err(|e| format!("demo supplier {name}: {e}"))?;
        // The point of the town's first address, as the addresses register has it.
        let point = Point {
            lat: lat - 20.0 * 0.0006,
            long: long - 12.0 * 0.0009,
        };
        store
            .create_supplier(&draft, Some(point))
            .await
            .map_err(|e| e.to_string())?;
    }
    // The demo's charity, checked against a made-up extract in the Charity Commission's
    // layout, so its page shows a verified identifier.
    let extract = civic_domain::supplier::read_extract(
        civic_domain::supplier::OrgScheme::Chc,
        "registered_charity_number\tcharity_name\tcharity_registration_status\n\
         1190001\tMOBILITY ASSESSMENT PARTNERSHIP\tRegistered\n"
            .as_bytes(),
    )
    .map_err(|e| e.to_string())?;
    store
        .verify_suppliers(
            civic_domain::supplier::OrgScheme::Chc,
            &extract,
            "Charity Commission register extract (demo data)",
            "the demo's administrators",
            time::OffsetDateTime::now_utc().date(),
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}
