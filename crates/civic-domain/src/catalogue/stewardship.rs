//! Data requests (anyone asks a body for a dataset, others support it, the body must
//! answer) and the data-sharing register (every agreement under which a body shares data).

use crate::FieldErrors;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// Where a data request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataRequestStatus {
    /// Made, but its email address is not yet confirmed; not public.
    Unconfirmed,
    /// Public and waiting for the body's answer.
    Open,
    /// The body will publish the data by a promised date.
    Accepted,
    /// The data is published; the request links to the dataset.
    Published,
    /// The body will not publish it, and says why.
    Refused,
}

impl DataRequestStatus {
    /// Every status.
    pub const ALL: [DataRequestStatus; 5] = [
        DataRequestStatus::Unconfirmed,
        DataRequestStatus::Open,
        DataRequestStatus::Accepted,
        DataRequestStatus::Published,
        DataRequestStatus::Refused,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DataRequestStatus::Unconfirmed => "unconfirmed",
            DataRequestStatus::Open => "open",
            DataRequestStatus::Accepted => "accepted",
            DataRequestStatus::Published => "published",
            DataRequestStatus::Refused => "refused",
        }
    }

    /// Reads a stored name.
    pub fn parse(name: &str) -> Option<DataRequestStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            DataRequestStatus::Unconfirmed => "Waiting for email confirmation",
            DataRequestStatus::Open => "Waiting for an answer",
            DataRequestStatus::Accepted => "Accepted",
            DataRequestStatus::Published => "Published",
            DataRequestStatus::Refused => "Refused",
        }
    }

    /// True once the body has answered.
    pub fn is_answered(self) -> bool {
        matches!(
            self,
            DataRequestStatus::Accepted | DataRequestStatus::Published | DataRequestStatus::Refused
        )
    }
}

/// A data request as the public sees it (the requester's email address is never here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataRequest {
    /// Its number.
    pub id: i64,
    /// The body asked.
    pub body: String,
    /// The body's name.
    pub body_name: String,
    /// The data asked for, in a line.
    pub title: String,
    /// What data, in detail.
    pub description: String,
    /// Why the person needs it.
    pub reason: String,
    /// Where it stands.
    pub status: DataRequestStatus,
    /// The body's answer: the reason for a refusal, or a note.
    pub answer: String,
    /// The date the body promised, when accepted.
    pub promised_on: Option<Date>,
    /// The dataset that answers it, when published.
    pub dataset: Option<String>,
    /// How many people confirmed their support.
    pub supporters: i64,
    /// When it was made public (its email confirmed).
    #[serde(with = "time::serde::rfc3339::option")]
    pub confirmed_at: Option<OffsetDateTime>,
    /// When the body answered.
    #[serde(with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
}

impl DataRequest {
    /// Whole days from confirmation to answer, once answered.
    pub fn days_to_answer(&self) -> Option<i64> {
        Some((self.answered_at? - self.confirmed_at?).whole_days())
    }
}

/// What someone submits to ask for data.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DataRequestInput {
    /// The data, in a line.
    #[serde(default)]
    pub title: String,
    /// The data in detail.
    #[serde(default)]
    pub description: String,
    /// Why they need it.
    #[serde(default)]
    pub reason: String,
    /// Their email address (kept private; used to confirm and to send the answer).
    #[serde(default)]
    pub email: String,
    /// The language to write to them in (`en` or `cy`); the page's when empty.
    #[serde(default)]
    pub language: String,
}

/// A checked data request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataRequestDraft {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Reason.
    pub reason: String,
    /// Email address, lower case.
    pub email: String,
}

impl DataRequestInput {
    /// Checks the fields.
    pub fn validate(&self) -> Result<DataRequestDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = crate::validation::required_text(
            &mut errors,
            "title",
            "the data you want, in a line",
            &self.title,
            200,
            crate::validation::TextIds {
                missing: "validation-data-request-title-missing",
                too_long: "validation-data-request-title-too-long",
            },
        );
        let description = crate::validation::required_text(
            &mut errors,
            "description",
            "what the data should contain",
            &self.description,
            5000,
            crate::validation::TextIds {
                missing: "validation-data-request-description-missing",
                too_long: "validation-data-request-description-too-long",
            },
        );
        let reason = crate::validation::required_text(
            &mut errors,
            "reason",
            "why you need the data",
            &self.reason,
            5000,
            crate::validation::TextIds {
                missing: "validation-data-request-reason-missing",
                too_long: "validation-data-request-reason-too-long",
            },
        );
        let email = self.email.trim().to_lowercase();
        if !crate::validation::is_valid_email(&email) {
            errors.add_t(
                "email",
                "validation-data-request-email-invalid",
                "Enter an email address in the right format, like name@example.com",
            );
        }
        errors.into_result(DataRequestDraft {
            title,
            description,
            reason,
            email,
        })
    }
}

/// What staff submit to answer a data request.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DataRequestAnswerInput {
    /// `accepted`, `published` or `refused`.
    #[serde(default)]
    pub status: String,
    /// For accepted: the date promised, `YYYY-MM-DD`.
    #[serde(default)]
    pub promised_on: String,
    /// For published: the dataset's name.
    #[serde(default)]
    pub dataset: String,
    /// For refused: the reason (required); otherwise an optional note.
    #[serde(default)]
    pub answer: String,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataRequestAnswer {
    /// The new status.
    pub status: DataRequestStatus,
    /// The promised date, when accepted.
    pub promised_on: Option<Date>,
    /// The dataset, when published.
    pub dataset: Option<String>,
    /// The reason or note.
    pub answer: String,
}

impl DataRequestAnswerInput {
    /// Checks the answer on `today`.
    pub fn validate(&self, today: Date) -> Result<DataRequestAnswer, FieldErrors> {
        let mut errors = FieldErrors::default();
        let answer = self.answer.trim().replace("\r\n", "\n");
        if answer.chars().count() > 5000 {
            errors.add_t(
                "answer",
                "validation-data-request-answer-too-long",
                "The answer must be 5,000 characters or fewer",
            );
        }
        let status = match DataRequestStatus::parse(self.status.trim()) {
            Some(s) if s.is_answered() => s,
            _ => {
                errors.add_t(
                    "status",
                    "validation-data-request-status-invalid",
                    "Choose accepted, published or refused",
                );
                return Err(errors);
            }
        };
        let mut promised_on = None;
        let mut dataset = None;
        match status {
            DataRequestStatus::Accepted => {
                let format = time::macros::format_description!("[year]-[month]-[day]");
                match Date::parse(self.promised_on.trim(), &format) {
                    Ok(d) if d >= today => promised_on = Some(d),
                    Ok(_) => errors.add_t(
                        "promised_on",
                        "validation-data-request-promised-on-past",
                        "The promised date must be today or later",
                    ),
                    Err(_) => errors.add_t(
                        "promised_on",
                        "validation-data-request-promised-on-invalid",
                        "Enter the date you will publish the data by, as YYYY-MM-DD",
                    ),
                }
            }
            DataRequestStatus::Published => {
                let name = self.dataset.trim();
                if name.is_empty() {
                    errors.add_t(
                        "dataset",
                        "validation-data-request-dataset-missing",
                        "Choose the dataset that answers the request",
                    );
                } else {
                    dataset = Some(name.to_string());
                }
            }
            _ => {
                if answer.is_empty() {
                    errors.add_t(
                        "answer",
                        "validation-data-request-refusal-reason-missing",
                        "Say why the data will not be published",
                    );
                }
            }
        }
        errors.into_result(DataRequestAnswer {
            status,
            promised_on,
            dataset,
            answer,
        })
    }
}

/// The legal bases a data-sharing agreement can rest on.
pub const LEGAL_BASES: [&str; 9] = [
    "UK GDPR Article 6(1)(a): consent",
    "UK GDPR Article 6(1)(b): contract",
    "UK GDPR Article 6(1)(c): legal obligation",
    "UK GDPR Article 6(1)(d): vital interests",
    "UK GDPR Article 6(1)(e): public task",
    "UK GDPR Article 6(1)(f): legitimate interests",
    "Digital Economy Act 2017, Part 5",
    "Another statutory gateway",
    "No personal data shared",
];

/// A data-sharing agreement in the public register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharingAgreement {
    /// Its number.
    pub id: i64,
    /// The body that records it.
    pub body: String,
    /// A short name.
    pub title: String,
    /// Every organisation party to it.
    pub parties: Vec<String>,
    /// What the sharing is for.
    pub purpose: String,
    /// The legal basis (one of [`LEGAL_BASES`]).
    pub legal_basis: String,
    /// The data items shared.
    pub data_items: Vec<String>,
    /// First day of sharing.
    pub starts_on: Date,
    /// When it is next reviewed.
    pub review_on: Date,
    /// Last day, if it ends.
    pub ends_on: Option<Date>,
    /// The named owner (a person or role) accountable for it.
    pub owner: String,
    /// When the entry last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// What staff submit to record an agreement.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SharingAgreementInput {
    /// Name.
    #[serde(default)]
    pub title: String,
    /// Parties, one per line.
    #[serde(default)]
    pub parties: String,
    /// Purpose.
    #[serde(default)]
    pub purpose: String,
    /// Legal basis.
    #[serde(default)]
    pub legal_basis: String,
    /// Data items, one per line.
    #[serde(default)]
    pub data_items: String,
    /// Start, `YYYY-MM-DD`.
    #[serde(default)]
    pub starts_on: String,
    /// Review, `YYYY-MM-DD`.
    #[serde(default)]
    pub review_on: String,
    /// End, `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub ends_on: String,
    /// Owner.
    #[serde(default)]
    pub owner: String,
}

/// A checked agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharingAgreementDraft {
    /// Name.
    pub title: String,
    /// Parties.
    pub parties: Vec<String>,
    /// Purpose.
    pub purpose: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Data items.
    pub data_items: Vec<String>,
    /// Start.
    pub starts_on: Date,
    /// Review.
    pub review_on: Date,
    /// End.
    pub ends_on: Option<Date>,
    /// Owner.
    pub owner: String,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn date(
    errors: &mut FieldErrors,
    field: &str,
    code: &'static str,
    label: &str,
    text: &str,
) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match Date::parse(text.trim(), &format) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add_t(
                field,
                code,
                format!("Enter the {label} as YYYY-MM-DD, such as 2026-04-01"),
            );
            None
        }
    }
}

impl SharingAgreementInput {
    /// Checks the fields.
    pub fn validate(&self) -> Result<SharingAgreementDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = crate::validation::required_text(
            &mut errors,
            "title",
            "a name for the agreement",
            &self.title,
            200,
            crate::validation::TextIds {
                missing: "validation-agreement-title-missing",
                too_long: "validation-agreement-title-too-long",
            },
        );
        let parties = lines(&self.parties);
        if parties.len() < 2 {
            errors.add_t(
                "parties",
                "validation-agreement-parties-too-few",
                "List every organisation party to the agreement, one per line (at least two)",
            );
        } else if parties.iter().any(|p| p.chars().count() > 200) || parties.len() > 50 {
            errors.add_t(
                "parties",
                "validation-agreement-parties-too-many",
                "List at most 50 parties of up to 200 characters each",
            );
        }
        let purpose = crate::validation::required_text(
            &mut errors,
            "purpose",
            "what the sharing is for",
            &self.purpose,
            5000,
            crate::validation::TextIds {
                missing: "validation-agreement-purpose-missing",
                too_long: "validation-agreement-purpose-too-long",
            },
        );
        let legal_basis = self.legal_basis.trim().to_string();
        if !LEGAL_BASES.contains(&legal_basis.as_str()) {
            errors.add_t(
                "legal_basis",
                "validation-agreement-legal-basis-invalid",
                "Choose the legal basis from the list",
            );
        }
        let data_items = lines(&self.data_items);
        if data_items.is_empty() {
            errors.add_t(
                "data_items",
                "validation-agreement-data-items-missing",
                "List the data items shared, one per line",
            );
        } else if data_items.iter().any(|p| p.chars().count() > 200) || data_items.len() > 200 {
            errors.add_t(
                "data_items",
                "validation-agreement-data-items-too-many",
                "List at most 200 items of up to 200 characters each",
            );
        }
        let starts_on = date(
            &mut errors,
            "starts_on",
            "validation-agreement-starts-on-invalid",
            "start date",
            &self.starts_on,
        );
        let review_on = date(
            &mut errors,
            "review_on",
            "validation-agreement-review-on-invalid",
            "review date",
            &self.review_on,
        );
        let ends_on = if self.ends_on.trim().is_empty() {
            None
        } else {
            date(
                &mut errors,
                "ends_on",
                "validation-agreement-ends-on-invalid",
                "end date",
                &self.ends_on,
            )
        };
        if let (Some(s), Some(r)) = (starts_on, review_on)
            && r < s
        {
            errors.add_t(
                "review_on",
                "validation-agreement-review-on-before-start",
                "The review date must not be before the start",
            );
        }
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && e < s
        {
            errors.add_t(
                "ends_on",
                "validation-agreement-ends-on-before-start",
                "The end date must not be before the start",
            );
        }
        let owner = crate::validation::required_text(
            &mut errors,
            "owner",
            "the named owner (a person or role)",
            &self.owner,
            200,
            crate::validation::TextIds {
                missing: "validation-agreement-owner-missing",
                too_long: "validation-agreement-owner-too-long",
            },
        );
        let (Some(starts_on), Some(review_on)) = (starts_on, review_on) else {
            return Err(errors);
        };
        errors.into_result(SharingAgreementDraft {
            title,
            parties,
            purpose,
            legal_basis,
            data_items,
            starts_on,
            review_on,
            ends_on,
            owner,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn answers_need_what_their_status_promises() {
        let today = date!(2026 - 11 - 25);
        let answer = |status: &str, promised: &str, dataset: &str, text: &str| {
            DataRequestAnswerInput {
                status: status.into(),
                promised_on: promised.into(),
                dataset: dataset.into(),
                answer: text.into(),
            }
            .validate(today)
        };
        assert!(answer("accepted", "2026-12-01", "", "").is_ok());
        assert!(
            answer("accepted", "2026-11-01", "", "").is_err(),
            "in the past"
        );
        assert!(answer("published", "", "", "").is_err());
        assert_eq!(
            answer("published", "", "northshire-roads", "").map(|a| a.dataset),
            Ok(Some("northshire-roads".into()))
        );
        assert!(
            answer("refused", "", "", "").is_err(),
            "a refusal needs a reason"
        );
        assert!(answer("refused", "", "", "Commercially confidential").is_ok());
        assert!(answer("open", "", "", "").is_err());
    }

    #[test]
    fn requests_and_agreements_are_checked() {
        let bad = DataRequestInput::default()
            .validate()
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = bad.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["title", "description", "reason", "email"]);
        let ok = DataRequestInput {
            title: "Gritting routes".into(),
            description: "Which roads are gritted".into(),
            reason: "Cycling safely".into(),
            email: " Jo@Example.org ".into(),
            ..Default::default()
        }
        .validate();
        assert_eq!(ok.map(|d| d.email), Ok("jo@example.org".into()));

        let agreement = SharingAgreementInput {
            title: "Troubled families".into(),
            parties: "Northshire County Council\n\nNorthshire Police\n".into(),
            purpose: "Joint support for families".into(),
            legal_basis: LEGAL_BASES[4].into(),
            data_items: "Name\nAddress".into(),
            starts_on: "2026-01-01".into(),
            review_on: "2025-12-01".into(),
            ends_on: "".into(),
            owner: "Head of Early Help".into(),
        };
        let errors = agreement.validate().err().unwrap_or_default();
        assert_eq!(errors.0.len(), 1);
        assert!(errors.for_field("review_on").is_some());
        let fixed = SharingAgreementInput {
            review_on: "2027-01-01".into(),
            ..agreement
        }
        .validate()
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fixed.parties.len(), 2);
        assert_eq!(fixed.ends_on, None);
    }

    #[test]
    fn response_time_counts_from_confirmation() {
        let at = time::macros::datetime!(2026-01-01 09:00 UTC);
        let request = DataRequest {
            id: 1,
            body: "b".into(),
            body_name: "B".into(),
            title: "t".into(),
            description: String::new(),
            reason: String::new(),
            status: DataRequestStatus::Refused,
            answer: "no".into(),
            promised_on: None,
            dataset: None,
            supporters: 0,
            confirmed_at: Some(at),
            answered_at: Some(at + time::Duration::days(12) + time::Duration::hours(3)),
        };
        assert_eq!(request.days_to_answer(), Some(12));
    }
}
