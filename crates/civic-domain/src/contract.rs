//! Contracts with suppliers and open buyer feedback (seed R28, and the Procurement Act
//! 2023's public KPI ratings): a body's contract names its supplier by org-id and the key
//! performance indicators it is judged on; staff rate the supplier against each KPI for a
//! period on the Act's scale, with a note; the supplier may publish one reply to each
//! rating. Everything here is published, as pages, open data and OCDS 1.1. No I/O.

use crate::FieldErrors;
use crate::supplier::OrgId;
use crate::validation::slugify;
use time::Date;
use time::format_description::well_known::Iso8601;

/// The Procurement Act 2023's scale for rating a supplier against a KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KpiRating {
    /// Good.
    Good,
    /// Approaching target.
    ApproachingTarget,
    /// Requires improvement.
    RequiresImprovement,
    /// Inadequate.
    Inadequate,
    /// Other (the note says what).
    Other,
}

impl KpiRating {
    /// Every rating, best first, as forms list them.
    pub const ALL: [KpiRating; 5] = [
        KpiRating::Good,
        KpiRating::ApproachingTarget,
        KpiRating::RequiresImprovement,
        KpiRating::Inadequate,
        KpiRating::Other,
    ];

    /// As stored and in open data.
    pub fn as_str(self) -> &'static str {
        match self {
            KpiRating::Good => "good",
            KpiRating::ApproachingTarget => "approaching_target",
            KpiRating::RequiresImprovement => "requires_improvement",
            KpiRating::Inadequate => "inadequate",
            KpiRating::Other => "other",
        }
    }

    /// The rating stored as `text`, if any.
    pub fn parse(text: &str) -> Option<KpiRating> {
        KpiRating::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// The Act's own words for it (OCDS observations carry these as their `measure`).
    pub fn label(self) -> &'static str {
        match self {
            KpiRating::Good => "Good",
            KpiRating::ApproachingTarget => "Approaching target",
            KpiRating::RequiresImprovement => "Requires improvement",
            KpiRating::Inadequate => "Inadequate",
            KpiRating::Other => "Other",
        }
    }
}

/// Most KPIs one contract may have.
pub const MAX_KPIS: usize = 20;
/// Longest note on a rating, and longest reply.
pub const MAX_NOTE_CHARS: usize = 2000;

/// What staff submit to record a contract.
#[derive(Debug, Clone, Default)]
pub struct ContractInput {
    /// What the contract is for.
    pub title: String,
    /// The supplier's org-id, as in the supplier register.
    pub supplier: String,
    /// What it covers.
    pub description: String,
    /// Its value in pounds (`12500` or `12,500.00`).
    pub value: String,
    /// First day (`YYYY-MM-DD`).
    pub starts_on: String,
    /// Last day, or empty when open-ended.
    pub ends_on: String,
    /// Its key performance indicators, one per line.
    pub kpis: String,
}

/// A checked contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractDraft {
    /// Its identifier within the body, from the title.
    pub slug: String,
    /// What it is for.
    pub title: String,
    /// The supplier.
    pub supplier: OrgId,
    /// What it covers.
    pub description: String,
    /// Its value in pence.
    pub value_pence: i64,
    /// First day.
    pub starts_on: Date,
    /// Last day, if it has one.
    pub ends_on: Option<Date>,
    /// Its KPIs, in the order given.
    pub kpis: Vec<String>,
}

/// Pence from pounds as people write them: `12500`, `12,500`, `£12,500.50`.
pub fn parse_pounds(text: &str) -> Option<i64> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let (pounds, pence) = match cleaned.split_once('.') {
        Some((p, d)) if d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()) => {
            (p, d.parse::<i64>().ok()?)
        }
        Some(_) => return None,
        None => (cleaned.as_str(), 0),
    };
    if pounds.is_empty() || !pounds.bytes().all(|b| b.is_ascii_digit()) || pounds.len() > 12 {
        return None;
    }
    pounds
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(pence)
}

fn day(text: &str) -> Option<Date> {
    Date::parse(text.trim(), &Iso8601::DATE).ok()
}

impl ContractInput {
    /// Checks every field: a title, a known org-id form, a value, dates in order and one
    /// to twenty KPIs.
    pub fn validate(&self) -> Result<ContractDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        let slug = slugify(&title);
        if title.is_empty() || slug.is_empty() || title.chars().count() > 200 {
            errors.add_t(
                "title",
                "contracts-error-title",
                "Enter what the contract is for, up to 200 characters",
            );
        }
        let supplier = OrgId::parse(&self.supplier);
        if supplier.is_none() {
            errors.add_t(
                "supplier",
                "contracts-error-supplier",
                "Enter the supplier's organisation identifier, like GB-COH-01234567",
            );
        }
        let description = self.description.trim().to_string();
        if description.chars().count() > 5000 {
            errors.add_t(
                "description",
                "contracts-error-description",
                "The description must be at most 5,000 characters",
            );
        }
        let value_pence = parse_pounds(&self.value);
        if value_pence.is_none() {
            errors.add_t(
                "value",
                "contracts-error-value",
                "Enter the contract's value in pounds, like 12500 or 12,500.00",
            );
        }
        let starts_on = day(&self.starts_on);
        if starts_on.is_none() {
            errors.add_t(
                "starts_on",
                "contracts-error-starts-on",
                "Enter the first day as a date like 2026-04-01",
            );
        }
        let ends_on = match self.ends_on.trim() {
            "" => None,
            text => {
                let end = day(text);
                match (end, starts_on) {
                    (None, _) => errors.add_t(
                        "ends_on",
                        "contracts-error-ends-on",
                        "Enter the last day as a date like 2028-03-31, or leave it empty",
                    ),
                    (Some(e), Some(s)) if e < s => errors.add_t(
                        "ends_on",
                        "contracts-error-ends-before",
                        "The last day must not be before the first",
                    ),
                    _ => {}
                }
                end
            }
        };
        let kpis: Vec<String> = self
            .kpis
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .fold(Vec::new(), |mut seen, k| {
                if !seen.contains(&k) {
                    seen.push(k);
                }
                seen
            });
        if kpis.is_empty() || kpis.len() > MAX_KPIS || kpis.iter().any(|k| k.chars().count() > 200)
        {
            errors.add_t(
                "kpis",
                "contracts-error-kpis",
                "Give one to twenty KPIs, one per line, each up to 200 characters",
            );
        }
        match (supplier, value_pence, starts_on, errors.is_empty()) {
            (Some(supplier), Some(value_pence), Some(starts_on), true) => Ok(ContractDraft {
                slug,
                title,
                supplier,
                description,
                value_pence,
                starts_on,
                ends_on,
                kpis,
            }),
            _ => Err(errors),
        }
    }
}

/// What staff submit to rate a supplier against one KPI for one period.
#[derive(Debug, Clone, Default)]
pub struct RatingInput {
    /// The KPI, as the contract names it.
    pub kpi: String,
    /// The period's first day.
    pub period_start: String,
    /// The period's last day.
    pub period_end: String,
    /// One of [`KpiRating::as_str`].
    pub rating: String,
    /// Why, in a sentence or two.
    pub note: String,
}

/// A checked rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingDraft {
    /// The KPI.
    pub kpi: String,
    /// The period's first day.
    pub period_start: Date,
    /// The period's last day.
    pub period_end: Date,
    /// The rating.
    pub rating: KpiRating,
    /// Why.
    pub note: String,
}

impl RatingInput {
    /// Checks the rating against the contract's `kpis`: a KPI it has, a period in order,
    /// a rating on the Act's scale, and a note (required for "Other").
    pub fn validate(&self, kpis: &[String]) -> Result<RatingDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kpi = self.kpi.trim().to_string();
        if !kpis.contains(&kpi) {
            errors.add_t(
                "kpi",
                "contracts-error-kpi",
                "Choose one of the contract's KPIs",
            );
        }
        let start = day(&self.period_start);
        let end = day(&self.period_end);
        if start.is_none() {
            errors.add_t(
                "period_start",
                "contracts-error-period-start",
                "Enter the period's first day as a date like 2026-07-01",
            );
        }
        match (start, end) {
            (_, None) => errors.add_t(
                "period_end",
                "contracts-error-period-end",
                "Enter the period's last day as a date like 2026-09-30",
            ),
            (Some(s), Some(e)) if e < s => errors.add_t(
                "period_end",
                "contracts-error-period-order",
                "The period's last day must not be before its first",
            ),
            _ => {}
        }
        let rating = KpiRating::parse(self.rating.trim());
        if rating.is_none() {
            errors.add_t(
                "rating",
                "contracts-error-rating",
                "Choose Good, Approaching target, Requires improvement, Inadequate or Other",
            );
        }
        let note = self.note.trim().to_string();
        if note.chars().count() > MAX_NOTE_CHARS {
            errors.add_t(
                "note",
                "contracts-error-note-long",
                "The note must be at most 2,000 characters",
            );
        } else if note.is_empty() && rating == Some(KpiRating::Other) {
            errors.add_t(
                "note",
                "contracts-error-note-other",
                "Say in the note what the rating Other means here",
            );
        }
        match (start, end, rating, errors.is_empty()) {
            (Some(period_start), Some(period_end), Some(rating), true) => Ok(RatingDraft {
                kpi,
                period_start,
                period_end,
                rating,
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// A supplier's reply to a rating, checked: one to 2,000 characters.
pub fn checked_reply(text: &str) -> Result<String, FieldErrors> {
    let reply = text.trim().replace("\r\n", "\n");
    if reply.is_empty() || reply.chars().count() > MAX_NOTE_CHARS {
        let mut errors = FieldErrors::default();
        errors.add_t(
            "reply",
            "contracts-error-reply",
            "Write your reply, up to 2,000 characters",
        );
        return Err(errors);
    }
    Ok(reply)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn pounds_are_read_as_people_write_them() {
        assert_eq!(parse_pounds("12500"), Some(1_250_000));
        assert_eq!(parse_pounds("£12,500.50"), Some(1_250_050));
        assert_eq!(parse_pounds("0"), Some(0));
        for bad in ["", "-5", "12.5", "twelve", "1e6", "12.500"] {
            assert_eq!(parse_pounds(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_contract_is_checked_whole() {
        let draft = ContractInput {
            title: "Street lighting maintenance".into(),
            supplier: "gb-coh-09000003".into(),
            value: "120,000".into(),
            starts_on: "2026-04-01".into(),
            ends_on: "2028-03-31".into(),
            kpis: "Faults fixed within 5 days\n\nFaults fixed within 5 days\nNight patrols".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(draft.slug, "street-lighting-maintenance");
        assert_eq!(draft.value_pence, 12_000_000);
        assert_eq!(draft.kpis, ["Faults fixed within 5 days", "Night patrols"]);
        let errors = ContractInput {
            title: String::new(),
            supplier: "ACME".into(),
            value: "lots".into(),
            starts_on: "2026-04-01".into(),
            ends_on: "2025-01-01".into(),
            kpis: String::new(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "supplier", "value", "ends_on", "kpis"]);
    }

    #[test]
    fn ratings_stay_on_the_acts_scale() {
        let kpis = vec!["Faults fixed within 5 days".to_string()];
        let rating = RatingInput {
            kpi: "Faults fixed within 5 days".into(),
            period_start: "2026-07-01".into(),
            period_end: "2026-09-30".into(),
            rating: "approaching_target".into(),
            note: "91% against a target of 95%".into(),
        }
        .validate(&kpis)
        .unwrap();
        assert_eq!(rating.rating, KpiRating::ApproachingTarget);
        assert_eq!(rating.period_end, date!(2026 - 09 - 30));
        let errors = RatingInput {
            kpi: "Something else".into(),
            period_start: "2026-07-01".into(),
            period_end: "2026-06-01".into(),
            rating: "excellent".into(),
            note: String::new(),
        }
        .validate(&kpis)
        .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kpi", "period_end", "rating"]);
        let other = RatingInput {
            rating: "other".into(),
            ..RatingInput {
                kpi: kpis[0].clone(),
                period_start: "2026-07-01".into(),
                period_end: "2026-07-31".into(),
                ..Default::default()
            }
        }
        .validate(&kpis)
        .unwrap_err();
        assert_eq!(other.0[0].field, "note");
        assert!(checked_reply("  ").is_err());
        assert_eq!(checked_reply(" We disagree. ").unwrap(), "We disagree.");
    }
}
