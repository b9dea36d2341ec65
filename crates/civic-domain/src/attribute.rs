//! A service's own questions (Open311 "attributes"), and checking the answers to them.

use crate::validation::FieldErrors;
use serde::{Deserialize, Serialize};

/// What kind of answer a question takes (Open311 `datatype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributeDatatype {
    /// One line of text.
    String,
    /// A number.
    Number,
    /// A date and time with a timezone.
    Datetime,
    /// Several lines of text.
    Text,
    /// Pick one option.
    #[serde(rename = "singlevaluelist")]
    SingleValueList,
    /// Pick any number of options.
    #[serde(rename = "multivaluelist")]
    MultiValueList,
}

impl AttributeDatatype {
    /// The Open311 name.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeDatatype::String => "string",
            AttributeDatatype::Number => "number",
            AttributeDatatype::Datetime => "datetime",
            AttributeDatatype::Text => "text",
            AttributeDatatype::SingleValueList => "singlevaluelist",
            AttributeDatatype::MultiValueList => "multivaluelist",
        }
    }

    /// True for the two list types.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            AttributeDatatype::SingleValueList | AttributeDatatype::MultiValueList
        )
    }
}

/// One option of a list question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeOption {
    /// The value sent.
    pub key: String,
    /// The label shown.
    pub name: String,
}

/// One question a service asks when a request is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceAttribute {
    /// Identifier, used as `attribute[code]`.
    pub code: String,
    /// Kind of answer.
    pub datatype: AttributeDatatype,
    /// Must be answered.
    pub required: bool,
    /// False for information shown to the person, with nothing to answer.
    #[serde(default = "yes")]
    pub variable: bool,
    /// The question.
    pub description: String,
    /// A hint for the answer's format.
    #[serde(default)]
    pub datatype_description: String,
    /// Position, from 1.
    pub order: u32,
    /// Options, for list questions.
    #[serde(default)]
    pub values: Vec<AttributeOption>,
}

fn yes() -> bool {
    true
}

fn valid_code(code: &str) -> bool {
    (1..=50).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Checks a service's question list: unique codes and orders, options only on lists.
pub fn check_definitions(errors: &mut FieldErrors, attributes: &[ServiceAttribute]) {
    for (i, a) in attributes.iter().enumerate() {
        let field = format!("attributes[{i}]");
        if !valid_code(&a.code) {
            errors.add_t(
                format!("{field}.code"),
                "validation-question-code-invalid",
                "Question code must be 1 to 50 letters, numbers, hyphens or underscores",
            );
        }
        if attributes[..i].iter().any(|b| b.code == a.code) {
            errors.add_with(
                format!("{field}.code"),
                "validation-question-code-repeated",
                vec![("code", a.code.clone())],
                format!("Question code ‘{}’ is used twice", a.code),
            );
        }
        if a.order == 0 || attributes[..i].iter().any(|b| b.order == a.order) {
            errors.add_t(
                format!("{field}.order"),
                "validation-question-order-invalid",
                "Each question needs its own order, from 1",
            );
        }
        if a.description.trim().is_empty() || a.description.chars().count() > 500 {
            errors.add_t(
                format!("{field}.description"),
                "validation-question-description-invalid",
                "Enter the question, up to 500 characters",
            );
        }
        if a.datatype.is_list() == a.values.is_empty() {
            errors.add_t(
                format!("{field}.values"),
                "validation-question-options-mismatch",
                "List questions need options; other questions must not have any",
            );
        }
        if a.values
            .iter()
            .any(|v| v.key.trim().is_empty() || v.name.trim().is_empty())
        {
            errors.add_t(
                format!("{field}.values"),
                "validation-question-option-incomplete",
                "Every option needs a key and a name",
            );
        }
    }
    if attributes.len() > 30 {
        errors.add_t(
            "attributes",
            "validation-questions-too-many",
            "A service can ask at most 30 questions",
        );
    }
}

/// Checks answers against the questions: required ones answered, list answers among the
/// options, numbers and dates well formed, no answers to questions not asked.
pub(crate) fn check_answers(
    errors: &mut FieldErrors,
    questions: &[ServiceAttribute],
    answers: &[(String, Vec<String>)],
) -> Vec<crate::AttributeValue> {
    let mut checked = Vec::new();
    for (code, _) in answers {
        if !questions.iter().any(|q| &q.code == code && q.variable) {
            errors.add_with(
                format!("attribute[{code}]"),
                "validation-answer-not-asked",
                vec![("code", code.clone())],
                format!("This service does not ask ‘{code}’"),
            );
        }
    }
    for q in questions.iter().filter(|q| q.variable) {
        let field = format!("attribute[{}]", q.code);
        let values: Vec<String> = answers
            .iter()
            .filter(|(code, _)| code == &q.code)
            .flat_map(|(_, v)| v.iter())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            if q.required {
                errors.add_with(
                    &field,
                    "validation-answer-missing",
                    vec![("question", q.description.clone())],
                    format!("Answer ‘{}’", q.description),
                );
            }
            continue;
        }
        let ok = match q.datatype {
            AttributeDatatype::SingleValueList | AttributeDatatype::MultiValueList => {
                if q.datatype == AttributeDatatype::SingleValueList && values.len() > 1 {
                    errors.add_with(
                        &field,
                        "validation-answer-one-only",
                        vec![("question", q.description.clone())],
                        format!("Choose one answer to ‘{}’", q.description),
                    );
                    false
                } else if let Some(bad) = values
                    .iter()
                    .find(|v| !q.values.iter().any(|o| &o.key == *v))
                {
                    errors.add_with(
                        &field,
                        "validation-answer-not-an-option",
                        vec![("answer", bad.clone()), ("question", q.description.clone())],
                        format!("‘{bad}’ is not one of the answers to ‘{}’", q.description),
                    );
                    false
                } else {
                    true
                }
            }
            AttributeDatatype::Number => {
                let ok = values.len() == 1 && values[0].parse::<f64>().is_ok_and(f64::is_finite);
                if !ok {
                    errors.add_with(
                        &field,
                        "validation-answer-not-a-number",
                        vec![("question", q.description.clone())],
                        format!("‘{}’ must be a number", q.description),
                    );
                }
                ok
            }
            AttributeDatatype::Datetime => {
                let ok = values.len() == 1 && crate::parse_datetime(&values[0]).is_some();
                if !ok {
                    errors.add_with(
                        &field,
                        "validation-answer-not-a-datetime",
                        vec![("question", q.description.clone())],
                        format!("‘{}’ must be a date and time with a timezone, like 2026-03-05T14:00:00Z", q.description),
                    );
                }
                ok
            }
            AttributeDatatype::String | AttributeDatatype::Text => {
                let ok = values.len() == 1 && values[0].chars().count() <= 2000;
                if !ok {
                    errors.add_with(
                        &field,
                        "validation-answer-too-long",
                        vec![("question", q.description.clone())],
                        format!(
                            "‘{}’ must be one answer of 2,000 characters or fewer",
                            q.description
                        ),
                    );
                }
                ok
            }
        };
        if ok {
            checked.push(crate::AttributeValue {
                code: q.code.clone(),
                values,
            });
        }
    }
    checked
}

/// Parses a W3C date-time, which must carry a timezone (`Z` or `±HH:MM`); fractional
/// seconds are allowed. `None` when malformed or without a zone.
pub fn parse_datetime(s: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(s.trim(), &time::format_description::well_known::Rfc3339).ok()
}
