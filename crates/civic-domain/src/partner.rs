//! Partners: organisations outside the bodies (community groups, charities, the makers of
//! apps) that bodies issue API keys to, each optionally carrying an org-id that
//! verification of status checks against its register. No I/O.

use crate::FieldErrors;
use crate::supplier::OrgId;
use crate::validation::slugify;

/// Longest partner name.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest description.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

/// What an administrator submits to add a partner.
#[derive(Debug, Clone, Default)]
pub struct PartnerInput {
    /// The organisation's name.
    pub name: String,
    /// Its org-id (`GB-CHC-1234567`), or empty.
    pub org_id: String,
    /// Its website, or empty.
    pub website: String,
    /// What it does with Civic's APIs, in a sentence or two.
    pub description: String,
}

/// A checked partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerDraft {
    /// Its identifier in addresses, from the name.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Its org-id, when it has one.
    pub org_id: Option<OrgId>,
    /// Its website (empty when none).
    pub website: String,
    /// What it does.
    pub description: String,
}

impl PartnerInput {
    /// Checks the partner: a name that makes an identifier, an org-id of a known scheme
    /// if one is given, and a web address that is one.
    pub fn validate(&self) -> Result<PartnerDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        let slug = slugify(&name);
        if name.is_empty() || slug.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            errors.add_t(
                "name",
                "partners-error-name",
                "Enter the organisation's name, up to 200 characters",
            );
        }
        let org_id = match self.org_id.trim() {
            "" => None,
            text => {
                let parsed = OrgId::parse(text);
                if parsed.is_none() {
                    errors.add_with(
                        "org_id",
                        "suppliers-error-org-id",
                        vec![("given", text.chars().take(40).collect())],
                        format!(
                            "'{}' is not an organisation identifier Civic knows: use GB-COH- and a company number, GB-CHC-, GB-SC-, GB-NIC- and a charity number, GB-MPR-, GB-PPON- or GB-UKPRN-",
                            text.chars().take(40).collect::<String>()
                        ),
                    );
                }
                parsed
            }
        };
        let website = self.website.trim().to_string();
        if !website.is_empty()
            && (!(website.starts_with("https://") || website.starts_with("http://"))
                || website.len() > 300
                || website.contains(char::is_whitespace))
        {
            errors.add_t(
                "website",
                "partners-error-website",
                "Enter the website as a full address, like https://example.org",
            );
        }
        let description = self.description.trim().to_string();
        if description.chars().count() > MAX_DESCRIPTION_CHARS {
            errors.add_with(
                "description",
                "partners-error-description",
                vec![("max", MAX_DESCRIPTION_CHARS.to_string())],
                format!("The description must be at most {MAX_DESCRIPTION_CHARS} characters"),
            );
        }
        if errors.is_empty() {
            Ok(PartnerDraft {
                slug,
                name,
                org_id,
                website,
                description,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partner_is_checked_whole() {
        let draft = PartnerInput {
            name: "  Northshire  Cycle Forum ".into(),
            org_id: "gb-chc-1234567".into(),
            website: "https://cycle.example".into(),
            description: "Maps potholes".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(draft.slug, "northshire-cycle-forum");
        assert_eq!(draft.name, "Northshire Cycle Forum");
        assert_eq!(
            draft.org_id.map(|o| o.to_string()).as_deref(),
            Some("GB-CHC-1234567")
        );
        let errors = PartnerInput {
            name: "!!!".into(),
            org_id: "GB-XYZ-1".into(),
            website: "javascript:alert(1)".into(),
            description: "x".repeat(1001),
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "org_id", "website", "description"]);
    }
}
