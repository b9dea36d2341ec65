//! Staff accounts: people who work for a body, and administrators of the deployment.

use crate::validation::{FieldErrors, TextIds, is_valid_email, required_text};
use serde::{Deserialize, Serialize};

/// What a signed-in person may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Works for one body and manages its services.
    Staff,
    /// Moderates one body's public contributions: hides and restores what residents
    /// published there, and sees nothing private.
    Moderator,
    /// Runs the deployment: adds bodies and their staff.
    Admin,
}

impl Role {
    /// The roles a body's own people may have, as an administrator chooses them.
    pub const OF_A_BODY: [Role; 2] = [Role::Staff, Role::Moderator];

    /// What the role is called on pages.
    pub fn label(self) -> &'static str {
        match self {
            Role::Staff => "Staff",
            Role::Moderator => "Moderator",
            Role::Admin => "Administrator",
        }
    }

    /// What the role may do, in a sentence.
    pub fn description(self) -> &'static str {
        match self {
            Role::Staff => {
                "Manages the body's services, requests, open data and keys, and moderates"
            }
            Role::Moderator => {
                "Hides and restores what residents published; sees no personal details"
            }
            Role::Admin => "Runs this Civic site: adds bodies and their people",
        }
    }

    /// The identifier stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    /// Parses the stored identifier.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "staff" => Some(Role::Staff),
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// A staff member or administrator, without their password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff {
    /// Internal identifier.
    pub id: i64,
    /// The body they work for; `None` for a deployment administrator.
    pub body: Option<String>,
    /// Their sign-in email address.
    pub email: String,
    /// Their name, shown in change history.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// False once deactivated: they cannot sign in, and their name stays in history.
    pub active: bool,
}

impl Staff {
    /// True when this person may manage `body`'s private data: its own staff only.
    pub fn may_manage(&self, body: &str) -> bool {
        self.role == Role::Staff && self.body.as_deref() == Some(body)
    }

    /// True when this person may hide and restore what residents published to `body`: its
    /// own staff and moderators.
    pub fn may_moderate(&self, body: &str) -> bool {
        matches!(self.role, Role::Staff | Role::Moderator) && self.body.as_deref() == Some(body)
    }

    /// True when this person administers the deployment.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// How long a forgotten-password link works: short, because whoever holds it can take the
/// account.
pub const PASSWORD_RESET_MINUTES: i64 = 60;

/// Checks a new password and its confirmation, adding what is wrong to `errors` under the
/// fields `password` and `confirm`.
pub fn check_new_password(errors: &mut FieldErrors, password: &str, confirm: &str) {
    if password.chars().count() < MIN_PASSWORD_LEN {
        errors.add_with(
            "password",
            "validation-new-password-too-short",
            vec![("min", MIN_PASSWORD_LEN.to_string())],
            format!("The new password must be at least {MIN_PASSWORD_LEN} characters"),
        );
    } else if password.len() > 1000 {
        errors.add_t(
            "password",
            "validation-new-password-too-long",
            "The new password must be 1,000 characters or fewer",
        );
    }
    if confirm != password {
        errors.add_t(
            "confirm",
            "validation-new-password-mismatch",
            "The two new passwords do not match",
        );
    }
}

/// What an administrator submits to add a staff account.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StaffInput {
    /// Sign-in email address.
    #[serde(default)]
    pub email: String,
    /// Full name.
    #[serde(default)]
    pub name: String,
    /// Initial password.
    #[serde(default)]
    pub password: String,
    /// `staff` (the default) or `moderator`, for a body's own people.
    #[serde(default)]
    pub role: String,
}

/// A validated staff account, ready to store once its password is hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffDraft {
    /// Email, lower-cased.
    pub email: String,
    /// Name.
    pub name: String,
    /// The plain password, to be hashed before storing.
    pub password: String,
    /// What they may do in their body.
    pub role: Role,
}

/// The shortest password we accept; length is what makes passwords strong (NCSC guidance).
pub const MIN_PASSWORD_LEN: usize = 12;

impl StaffInput {
    /// Checks every field and returns the account to create or every problem found.
    pub fn validate(&self) -> Result<StaffDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = self.email.trim().to_lowercase();
        if email.is_empty() {
            errors.add_t(
                "email",
                "validation-staff-email-missing",
                "Enter an email address",
            );
        } else if !is_valid_email(&email) {
            errors.add_t(
                "email",
                "validation-staff-email-invalid",
                "Enter an email address in the correct format, like name@example.org",
            );
        }
        let name = required_text(
            &mut errors,
            "name",
            "a name",
            &self.name,
            200,
            TextIds {
                missing: "validation-staff-name-missing",
                too_long: "validation-staff-name-too-long",
            },
        );
        if self.password.chars().count() < MIN_PASSWORD_LEN {
            errors.add_with(
                "password",
                "validation-staff-password-too-short",
                vec![("min", MIN_PASSWORD_LEN.to_string())],
                format!("Password must be at least {MIN_PASSWORD_LEN} characters"),
            );
        } else if self.password.len() > 1000 {
            errors.add_t(
                "password",
                "validation-staff-password-too-long",
                "Password must be 1,000 characters or fewer",
            );
        }
        let role = match self.role.trim() {
            "" | "staff" => Role::Staff,
            "moderator" => Role::Moderator,
            _ => {
                errors.add_t(
                    "role",
                    "validation-staff-role-invalid",
                    "Choose staff or moderator",
                );
                Role::Staff
            }
        };
        errors.into_result(StaffDraft {
            email,
            name,
            password: self.password.clone(),
            role,
        })
    }
}
