//! Public bodies: the councils, departments and trusts that run services on Civic.

use crate::validation::{
    FieldErrors, TextIds, is_valid_slug, is_valid_url, optional_text, required_text,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What sort of public body this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// A county council (upper tier).
    CountyCouncil,
    /// A district or borough council (lower tier).
    DistrictCouncil,
    /// A city council.
    CityCouncil,
    /// A unitary authority (both tiers).
    UnitaryAuthority,
    /// A town or parish council.
    ParishCouncil,
    /// A central government department or agency.
    GovernmentDepartment,
    /// A health trust or board.
    HealthTrust,
    /// Any other public body.
    Other,
}

impl BodyKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [BodyKind; 8] = [
        BodyKind::CountyCouncil,
        BodyKind::DistrictCouncil,
        BodyKind::CityCouncil,
        BodyKind::UnitaryAuthority,
        BodyKind::ParishCouncil,
        BodyKind::GovernmentDepartment,
        BodyKind::HealthTrust,
        BodyKind::Other,
    ];

    /// The identifier stored and used in APIs.
    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::CountyCouncil => "county_council",
            BodyKind::DistrictCouncil => "district_council",
            BodyKind::CityCouncil => "city_council",
            BodyKind::UnitaryAuthority => "unitary_authority",
            BodyKind::ParishCouncil => "parish_council",
            BodyKind::GovernmentDepartment => "government_department",
            BodyKind::HealthTrust => "health_trust",
            BodyKind::Other => "other",
        }
    }

    /// The kind in plain English.
    pub fn label(self) -> &'static str {
        match self {
            BodyKind::CountyCouncil => "County council",
            BodyKind::DistrictCouncil => "District council",
            BodyKind::CityCouncil => "City council",
            BodyKind::UnitaryAuthority => "Unitary authority",
            BodyKind::ParishCouncil => "Town or parish council",
            BodyKind::GovernmentDepartment => "Government department or agency",
            BodyKind::HealthTrust => "Health trust",
            BodyKind::Other => "Other public body",
        }
    }

    /// Parses the stored identifier.
    pub fn parse(s: &str) -> Option<BodyKind> {
        BodyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A public body hosted on this deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    /// The body's identifier in URLs, such as `northshire`.
    pub slug: String,
    /// The body's name, such as "Northshire County Council".
    pub name: String,
    /// What sort of body it is.
    pub kind: BodyKind,
    /// The body's own website, if it has one.
    pub website: Option<String>,
    /// The body's name in Welsh ("Cyngor Gwynedd"); empty when it has none.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub name_cy: String,
    /// True when the body is subject to the Welsh Language Standards: it publishes nothing
    /// until it exists in both languages.
    #[serde(default)]
    pub welsh_standards: bool,
    /// When the body was added to Civic.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// What an administrator submits to add a body.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BodyInput {
    /// Proposed identifier; derived from the name when empty.
    #[serde(default)]
    pub slug: String,
    /// The body's name.
    #[serde(default)]
    pub name: String,
    /// The kind's identifier.
    #[serde(default)]
    pub kind: String,
    /// The body's website.
    #[serde(default)]
    pub website: String,
    /// The body's name in Welsh.
    #[serde(default)]
    pub name_cy: String,
    /// `yes` when the body is subject to the Welsh Language Standards.
    #[serde(default)]
    pub welsh_standards: String,
}

/// A validated body, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyDraft {
    /// The identifier in URLs.
    pub slug: String,
    /// The name.
    pub name: String,
    /// The kind.
    pub kind: BodyKind,
    /// The website, if any.
    pub website: Option<String>,
    /// The name in Welsh; empty when it has none.
    pub name_cy: String,
    /// Subject to the Welsh Language Standards.
    pub welsh_standards: bool,
}

impl Body {
    /// The body's name in Welsh when `welsh` and it has one, else in English.
    pub fn name_in(&self, welsh: bool) -> &str {
        if welsh && !self.name_cy.is_empty() {
            &self.name_cy
        } else {
            &self.name
        }
    }
}

impl BodyInput {
    /// Checks every field and returns the body to store or every problem found.
    pub fn validate(&self) -> Result<BodyDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(
            &mut errors,
            "name",
            "the body's name",
            &self.name,
            200,
            TextIds {
                missing: "validation-body-name-missing",
                too_long: "validation-body-name-too-long",
            },
        );
        let slug = if self.slug.trim().is_empty() {
            crate::slugify(&name)
        } else {
            self.slug.trim().to_string()
        };
        if !name.is_empty() && !is_valid_slug(&slug) {
            errors.add_t(
                "slug",
                "validation-body-slug-invalid",
                "Identifier must be 2 to 80 characters: lower-case letters, numbers and single hyphens",
            );
        }
        let kind = BodyKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add_t(
                "kind",
                "validation-body-kind-missing",
                "Select what sort of body this is",
            );
        }
        let website = optional_text(
            &mut errors,
            "website",
            "the website",
            &self.website,
            2000,
            "validation-body-website-too-long",
        );
        if !website.is_empty() && !is_valid_url(&website) {
            errors.add_t(
                "website",
                "validation-body-website-invalid",
                "Enter the website as a full address, like https://www.example.gov.uk",
            );
        }
        let welsh_standards = matches!(self.welsh_standards.trim(), "yes" | "true" | "on");
        let name_cy = optional_text(
            &mut errors,
            "name_cy",
            "the body's name in Welsh",
            &self.name_cy,
            200,
            "validation-body-name-cy-too-long",
        );
        if welsh_standards && name_cy.is_empty() {
            errors.add_t(
                "name_cy",
                "validation-body-name-cy-missing",
                "Enter the body's name in Welsh: a body subject to the Welsh Language Standards publishes in both languages",
            );
        }
        errors.into_result(BodyDraft {
            slug,
            name,
            kind: kind.unwrap_or(BodyKind::Other),
            website: (!website.is_empty()).then_some(website),
            name_cy,
            welsh_standards,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_needs_a_name_and_kind() {
        let errors = BodyInput::default().validate().unwrap_err();
        assert!(errors.for_field("name").is_some());
        assert!(errors.for_field("kind").is_some());
        let ok = BodyInput {
            name: "Northshire County Council".into(),
            kind: "county_council".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.slug, "northshire-county-council");
    }
}
