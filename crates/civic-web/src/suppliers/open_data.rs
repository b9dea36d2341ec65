//! The register as open data: every supplier, CSV or JSON.

use crate::ApiError;
use crate::AppState;
use crate::app::download::table_file;
use axum::extract::State;
use axum::response::Response;
use civic_domain::catalogue::ColumnType;
use civic_storage::{Supplier, SupplierQuery};
use time::format_description::well_known::Rfc3339;

/// The columns of `/suppliers.csv` and `.json`; lists are joined with "; ".
pub const SUPPLIER_COLUMNS: [(&str, ColumnType, &str); 18] = [
    (
        "org_id",
        ColumnType::String,
        "The organisation identifier (org-id.guide).",
    ),
    ("name", ColumnType::String, "The supplier's name."),
    ("address", ColumnType::String, "Its registered address."),
    ("postcode", ColumnType::String, "Its registered postcode."),
    (
        "scale",
        ColumnType::String,
        "Its size, as an OCDS partyScale code: micro, small, medium or large.",
    ),
    (
        "sme",
        ColumnType::Boolean,
        "Whether it is a small or medium enterprise.",
    ),
    (
        "vcse",
        ColumnType::Boolean,
        "Whether it is a voluntary, community or social enterprise.",
    ),
    (
        "social_enterprise",
        ColumnType::Boolean,
        "Whether it is a social enterprise.",
    ),
    (
        "supported_employment",
        ColumnType::Boolean,
        "Whether it is a supported employment provider.",
    ),
    ("standards", ColumnType::String, "Standards it supports."),
    (
        "frameworks",
        ColumnType::String,
        "Frameworks and lots it is on.",
    ),
    ("areas", ColumnType::String, "Areas it serves."),
    ("kinds", ColumnType::String, "Kinds of service it provides."),
    (
        "updated_at",
        ColumnType::DateTime,
        "When its entry last changed.",
    ),
    (
        "register_status",
        ColumnType::String,
        "What its register's extract said when last checked: registered, removed or not-listed (empty when never checked).",
    ),
    (
        "register_source",
        ColumnType::String,
        "What it was checked against.",
    ),
    (
        "register_checked_on",
        ColumnType::Date,
        "When it was checked.",
    ),
    (
        "register_check_expires_on",
        ColumnType::Date,
        "Until when the check stands.",
    ),
];

/// The most suppliers read per query while the whole register is written out.
const CHUNK: u32 = 5_000;

fn row(s: &Supplier) -> Vec<String> {
    let d = &s.details;
    vec![
        d.org_id.to_string(),
        d.name.clone(),
        d.address.clone(),
        d.postcode.clone(),
        d.scale.as_str().to_string(),
        d.scale.is_sme().to_string(),
        d.vcse.to_string(),
        d.social_enterprise.to_string(),
        d.supported_employment.to_string(),
        d.standards.join("; "),
        d.frameworks.join("; "),
        d.areas.join("; "),
        d.kinds.join("; "),
        s.updated_at.format(&Rfc3339).unwrap_or_default(),
        s.verification
            .as_ref()
            .map(|v| v.status.as_str().to_string())
            .unwrap_or_default(),
        s.verification
            .as_ref()
            .map(|v| v.source.clone())
            .unwrap_or_default(),
        s.verification
            .as_ref()
            .map(|v| v.checked_on.to_string())
            .unwrap_or_default(),
        s.verification
            .as_ref()
            .map(|v| v.expires_on.to_string())
            .unwrap_or_default(),
    ]
}

async fn file(state: &AppState, csv: bool) -> Result<Response, ApiError> {
    let mut rows = Vec::new();
    let mut offset = 0;
    loop {
        let page = state
            .store
            .search_suppliers(&SupplierQuery {
                limit: CHUNK,
                offset,
                ..Default::default()
            })
            .await?;
        let got = u32::try_from(page.suppliers.len()).unwrap_or(CHUNK);
        rows.extend(page.suppliers.iter().map(|(s, _)| row(s)));
        if got < CHUNK {
            break;
        }
        offset += CHUNK;
    }
    table_file(csv, &SUPPLIER_COLUMNS, rows)
}

/// `GET /suppliers.csv`: every supplier, by name.
pub async fn suppliers_csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    file(&state, true).await
}

/// `GET /suppliers.json`: the same as JSON.
pub async fn suppliers_json(State(state): State<AppState>) -> Result<Response, ApiError> {
    file(&state, false).await
}
