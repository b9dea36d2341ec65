//! Field-level validation errors shared by every form and API, and small checks on text.

use serde::Serialize;

/// One problem with one input field, in plain English, with the id of the same message in
/// the interface's message files (so a Welsh page can say it in Welsh).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as it appears in the form and the JSON body.
    pub field: String,
    /// What is wrong and how to fix it, in English (APIs and logs).
    pub message: String,
    /// The message's id in the interface's message files; empty when it has none yet.
    #[serde(skip)]
    pub code: &'static str,
    /// The message's named arguments, as text.
    #[serde(skip)]
    pub args: Vec<(&'static str, String)>,
}

/// Every problem found in one submission; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// Records a problem with `field`, in English only.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
            code: "",
            args: Vec::new(),
        });
    }

    /// Records a problem with `field`: the message `code` (an id in the interface's message
    /// files) and its English text.
    pub fn add_t(
        &mut self,
        field: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.add_with(field, code, Vec::new(), message);
    }

    /// Records a problem with `field`: the message `code` with named arguments, and its
    /// English text.
    pub fn add_with(
        &mut self,
        field: impl Into<String>,
        code: &'static str,
        args: Vec<(&'static str, String)>,
        message: impl Into<String>,
    ) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
            code,
            args,
        });
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first message for `field`, for showing beside that input.
    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// Returns `Ok(value)` when there are no errors, otherwise the errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for FieldErrors {}

/// The message ids for one text field's problems, so each field's message is a whole
/// sentence in Welsh (a label cannot be slotted into "Rhowch …": it mutates).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextIds {
    /// "Enter …": the field is empty.
    pub missing: &'static str,
    /// "… must be N characters or fewer" (argument `max`).
    pub too_long: &'static str,
}

/// Trims `value` and checks it is present and no longer than `max` characters.
pub(crate) fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    label: &str,
    value: &str,
    max: usize,
    ids: TextIds,
) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.add_t(field, ids.missing, format!("Enter {label}"));
    } else if value.chars().count() > max {
        too_long(errors, field, label, max, ids.too_long);
    }
    value.to_string()
}

/// Trims optional text and checks its length; `too_long_id` is the message id for
/// "… must be N characters or fewer" (argument `max`).
pub(crate) fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    label: &str,
    value: &str,
    max: usize,
    too_long_id: &'static str,
) -> String {
    let value = value.trim();
    if value.chars().count() > max {
        too_long(errors, field, label, max, too_long_id);
    }
    value.to_string()
}

fn too_long(errors: &mut FieldErrors, field: &str, label: &str, max: usize, code: &'static str) {
    errors.add_with(
        field,
        code,
        vec![("max", max.to_string())],
        format!("{} must be {max} characters or fewer", capitalise(label)),
    );
}

fn capitalise(s: &str) -> String {
    let s = s
        .strip_prefix("a ")
        .or_else(|| s.strip_prefix("an "))
        .unwrap_or(s);
    let s = s.strip_prefix("the ").unwrap_or(s);
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Turns a name into a lower-case, hyphenated identifier for URLs ("Missed bin" → "missed-bin").
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut pending_hyphen = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
        if slug.len() >= 80 {
            break;
        }
    }
    slug
}

/// True when `slug` is a valid identifier: 2–80 characters of a–z, 0–9 and single hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    (2..=80).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// Checks a web address: http or https, a host name, no spaces.
pub fn is_valid_url(url: &str) -> bool {
    let rest = match url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        Some(rest) => rest,
        None => return false,
    };
    if url.len() > 2000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) => {
            if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) || port.len() > 5 {
                return false;
            }
            host
        }
        None => host_port,
    };
    let labels_ok = host.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    });
    labels_ok && (host.contains('.') || host == "localhost")
}

/// Checks a phone number as people write them: digits with optional `+`, spaces, hyphens and
/// brackets, 7 to 15 digits (the ITU-T E.164 maximum).
pub fn is_valid_phone(phone: &str) -> bool {
    let phone = phone.trim();
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
    let digits = body.chars().filter(|c| c.is_ascii_digit()).count();
    allowed && (7..=15).contains(&digits)
}

/// Checks an email address's shape: one `@`, something before it, a dotted domain after it.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && email.len() <= 254
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// True for a character no text Civic keeps may hold: control characters other than tab,
/// line feed and carriage return, and the non-characters U+FFFE and U+FFFF. What is left is
/// exactly what XML 1.0 allows, and PostgreSQL stores (it refuses NUL).
pub fn is_forbidden_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// The 1-based line of the first forbidden character in `text`, if any.
pub fn forbidden_char_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.chars().any(is_forbidden_char))
        .map(|i| i + 1)
        .or_else(|| text.chars().any(is_forbidden_char).then_some(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_forbidden_but_whitespace_is_not() {
        assert!(is_forbidden_char('\u{0}'));
        assert!(is_forbidden_char('\u{1b}'));
        assert!(is_forbidden_char('\u{ffff}'));
        for ok in ['\t', '\n', '\r', ' ', 'é', 'ŵ', '\u{7f}', '😀'] {
            assert!(!is_forbidden_char(ok), "{ok:?}");
        }
        assert_eq!(forbidden_char_line("a\nb\nc\u{0}d"), Some(3));
        assert_eq!(forbidden_char_line("fine\ntext"), None);
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slugify("Missed bin collection"), "missed-bin-collection");
        assert_eq!(
            slugify("  Council Tax: pay (online)! "),
            "council-tax-pay-online"
        );
        assert!(is_valid_slug("missed-bin"));
        assert!(!is_valid_slug("Missed-bin"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug("a--b"));
    }

    #[test]
    fn urls() {
        assert!(is_valid_url("https://www.example.gov.uk/bins"));
        assert!(is_valid_url("http://localhost:8080/x?y=1"));
        assert!(!is_valid_url("www.example.gov.uk"));
        assert!(!is_valid_url("https://"));
        assert!(!is_valid_url("https://exa mple.org"));
        assert!(!is_valid_url("ftp://example.org"));
        assert!(!is_valid_url("https://example..org"));
        assert!(!is_valid_url("https://example.org:99999999/"));
    }

    #[test]
    fn phones() {
        assert!(is_valid_phone("01632 960 001"));
        assert!(is_valid_phone("+44 (0)1632 960001"));
        assert!(!is_valid_phone("call us"));
        assert!(!is_valid_phone("123"));
        assert!(!is_valid_phone("0800 123 456 789 012 345"));
    }

    #[test]
    fn emails() {
        assert!(is_valid_email("jo@example.org"));
        assert!(!is_valid_email("jo@example"));
        assert!(!is_valid_email("@example.org"));
        assert!(!is_valid_email("jo example@example.org"));
    }
}
