//! The register's search page and each supplier's page.

use crate::AppError;
use crate::AppState;
use crate::app::extract::{Path, Query};
use crate::app::i18n::Arg;
use crate::app::i18n::Lang;
use crate::app::layout::{Layout, PageContext, format_date_in, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use civic_domain::supplier::{OrgId, RegisterStatus, Scale};
use civic_storage::{Supplier, SupplierQuery, SupplierSpend};

/// Suppliers a page lists.
const PER_PAGE: u32 = 20;

/// The distances offered, in miles.
pub const MILES: [u32; 5] = [5, 10, 25, 50, 100];

/// Metres in a mile.
const MILE: f64 = 1_609.344;

/// The search form as submitted (repeated names, so read from the pairs).
#[derive(Debug, Clone, Default)]
pub struct SearchForm {
    q: String,
    postcode: String,
    miles: u32,
    scales: Vec<Scale>,
    vcse: bool,
    social_enterprise: bool,
    supported_employment: bool,
    standard: String,
    kind: String,
    page: u32,
}

impl SearchForm {
    fn from_pairs(pairs: &[(String, String)]) -> SearchForm {
        let mut form = SearchForm {
            miles: 25,
            page: 1,
            ..Default::default()
        };
        for (name, value) in pairs {
            match name.as_str() {
                "q" => form.q = value.trim().to_string(),
                "postcode" => form.postcode = value.trim().to_string(),
                "miles" => {
                    form.miles = value
                        .parse()
                        .ok()
                        .filter(|m| MILES.contains(m))
                        .unwrap_or(25)
                }
                "scale" => form.scales.extend(Scale::parse(value)),
                "vcse" => form.vcse = true,
                "social_enterprise" => form.social_enterprise = true,
                "supported_employment" => form.supported_employment = true,
                "standard" => form.standard = value.trim().to_string(),
                "kind" => form.kind = value.trim().to_string(),
                "page" => form.page = value.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        form
    }

    /// Whether the form has size `scale` ticked.
    fn ticks(&self, scale: &Scale) -> bool {
        self.scales.contains(scale)
    }

    /// This search's query string for page `page`.
    fn page_link(&self, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("q", self.q.clone()),
            ("postcode", self.postcode.clone()),
            ("miles", self.miles.to_string()),
        ];
        pairs.extend(
            self.scales
                .iter()
                .map(|s| ("scale", s.as_str().to_string())),
        );
        for (name, on) in [
            ("vcse", self.vcse),
            ("social_enterprise", self.social_enterprise),
            ("supported_employment", self.supported_employment),
        ] {
            if on {
                pairs.push((name, "yes".into()));
            }
        }
        pairs.push(("standard", self.standard.clone()));
        pairs.push(("kind", self.kind.clone()));
        pairs.push(("page", page.to_string()));
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}

/// The message id of a size's name.
pub fn scale_id(scale: &Scale) -> &'static str {
    match scale {
        Scale::Micro => "suppliers-scale-micro",
        Scale::Small => "suppliers-scale-small",
        Scale::Medium => "suppliers-scale-medium",
        Scale::Large => "suppliers-scale-large",
    }
}

#[derive(Template)]
#[template(path = "suppliers/search.html")]
struct SearchPage {
    layout: Layout,
    form: SearchForm,
    scales: [Scale; 4],
    miles: [u32; 5],
    results: Vec<(Supplier, Option<f64>)>,
    total: u64,
    postcode_unknown: bool,
    previous: Option<String>,
    next: Option<String>,
}

impl SearchPage {
    fn scale_name(&self, scale: &Scale) -> String {
        self.layout.t(scale_id(scale))
    }

    fn found(&self) -> String {
        self.layout.tn(
            "suppliers-found",
            i64::try_from(self.total).unwrap_or(i64::MAX),
        )
    }

    fn distance(&self, metres: &f64) -> String {
        let miles = metres / MILE;
        if miles < 0.1 {
            self.layout.t("suppliers-distance-under")
        } else {
            self.layout
                .ta("suppliers-distance", "miles", format!("{miles:.1}"))
        }
    }
}

/// `GET /suppliers`: the register, searched.
pub async fn search(
    State(state): State<AppState>,
    ctx: PageContext,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = SearchForm::from_pairs(&pairs);
    let mut postcode_unknown = false;
    let near = if form.postcode.is_empty() {
        None
    } else {
        match crate::places::nearby::postcode_point(&state, &form.postcode).await {
            Ok(Some(point)) => Some((point, f64::from(form.miles) * MILE)),
            Ok(None) | Err(AppError::Unclear { .. }) => {
                postcode_unknown = true;
                None
            }
            Err(other) => return Err(other),
        }
    };
    let (results, total) = if postcode_unknown {
        (Vec::new(), 0)
    } else {
        let page = state
            .store
            .search_suppliers(&SupplierQuery {
                text: Some(form.q.clone()),
                scales: form.scales.clone(),
                vcse: form.vcse,
                social_enterprise: form.social_enterprise,
                supported_employment: form.supported_employment,
                standard: Some(form.standard.clone()),
                kind: Some(form.kind.clone()),
                near,
                limit: PER_PAGE,
                offset: (form.page - 1).saturating_mul(PER_PAGE),
            })
            .await?;
        (page.suppliers, page.total)
    };
    let shown_to = u64::from(form.page) * u64::from(PER_PAGE);
    let previous = (form.page > 1).then(|| form.page_link(form.page - 1));
    let next = (shown_to < total).then(|| form.page_link(form.page + 1));
    render(
        StatusCode::OK,
        &SearchPage {
            layout: ctx.layout_t("suppliers-title"),
            form,
            scales: Scale::ALL,
            miles: MILES,
            results,
            total,
            postcode_unknown,
            previous,
            next,
        },
    )
}

#[derive(Template)]
#[template(path = "suppliers/show.html")]
struct SupplierPage {
    layout: Layout,
    supplier: Supplier,
    register_url: Option<String>,
    spend: Vec<SupplierSpend>,
    total_pence: i64,
    is_admin: bool,
    contracts: Vec<civic_storage::Contract>,
}

impl SupplierPage {
    fn scale_name(&self) -> String {
        self.layout.t(scale_id(&self.supplier.details.scale))
    }

    fn money(&self, pence: &i64) -> String {
        crate::app::layout::format_pence(*pence)
    }

    fn rating_name(&self, r: &civic_storage::Rating) -> String {
        self.layout
            .t(crate::contracts::rating_label_id(r.details.rating))
    }

    /// What the last check against the supplier's register found, in a sentence.
    fn verification(&self) -> Option<String> {
        let v = self.supplier.verification.as_ref()?;
        Some(verification_sentence(&self.layout, v))
    }

    fn body_name<'a>(&self, s: &'a SupplierSpend) -> &'a str {
        if self.layout.lang == Lang::Cy && !s.body_name_cy.is_empty() {
            &s.body_name_cy
        } else {
            &s.body_name
        }
    }
}

/// `GET /suppliers/{org_id}`: one supplier and what the bodies spent with it.
pub async fn supplier(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(org_id): Path<String>,
) -> Result<Response, AppError> {
    let org_id = OrgId::parse(&org_id).ok_or(AppError::NotFound)?;
    let supplier = state
        .store
        .supplier(&org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let spend = state.store.supplier_spend(&org_id).await?;
    let total_pence = spend.iter().map(|s| s.total_pence).sum();
    let contracts = state.store.supplier_contracts(&org_id).await?;
    let is_admin = ctx
        .staff
        .as_ref()
        .is_some_and(|s| s.role == civic_domain::Role::Admin);
    render(
        StatusCode::OK,
        &SupplierPage {
            layout: ctx.layout(supplier.details.name.clone()),
            register_url: org_id.register_url(),
            supplier,
            spend,
            total_pence,
            is_admin,
            contracts,
        },
    )
}

/// What the last check of an organisation's identifier against its register found, in a
/// sentence: the status, when, by whom, against what, until when, and whether it has lapsed.
pub fn verification_sentence(layout: &Layout, v: &civic_domain::supplier::Verification) -> String {
    let date = |d: time::Date| format_date_in(layout.lang, d.midnight().assume_utc());
    let status = match (v.status, &v.registered_name) {
        (RegisterStatus::Registered, Some(name)) => {
            layout.ta("suppliers-verified-registered-as", "name", name.as_str())
        }
        (RegisterStatus::Registered, None) => layout.t("suppliers-verified-registered"),
        (RegisterStatus::Removed, _) => layout.t("suppliers-verified-removed"),
        (RegisterStatus::NotListed, _) => layout.t("suppliers-verified-not-listed"),
    };
    let checked = layout.lang.t_with(
        "suppliers-verified-checked",
        &[
            ("date", Arg::Text(date(v.checked_on))),
            ("by", Arg::Text(v.checked_by.clone())),
            ("source", Arg::Text(v.source.clone())),
            ("until", Arg::Text(date(v.expires_on))),
        ],
    );
    let expired = if v.expires_on < time::OffsetDateTime::now_utc().date() {
        format!(" {}", layout.t("suppliers-verified-expired"))
    } else {
        String::new()
    };
    format!("{status}. {checked}{expired}")
}
