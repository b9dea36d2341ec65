//! What each register holds, as GOV.UK Registers described registers to their clients: the
//! register of registers lists every register with its fields, the `field` register gives
//! each field's datatype and cardinality, and the `datatype` register names the datatypes.
//! Clients read these before the data, so they must describe every field a register uses.

use super::{FieldValue, Item};

/// A register on every deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterSpec {
    /// Its name, the last part of its address.
    pub name: &'static str,
    /// What it holds, in a sentence.
    pub text: &'static str,
    /// The fields its items may have; the first is the field the key is.
    pub fields: &'static [&'static str],
}

/// Whether a field holds one value or a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    /// One value.
    One,
    /// A list of values (`;`-separated in CSV).
    Many,
}

impl Cardinality {
    /// `1` or `n`, as the field register writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Cardinality::One => "1",
            Cardinality::Many => "n",
        }
    }
}

/// A field that some register uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Its name.
    pub field: &'static str,
    /// The datatype of its values, a key of the datatype register.
    pub datatype: &'static str,
    /// One value or many.
    pub cardinality: Cardinality,
    /// What it means.
    pub text: &'static str,
    /// The register its values are keys of, when it links to one.
    pub register: Option<&'static str>,
}

/// The name of the register of registers. GOV.UK called it `register`, and clients find it
/// by that name, so it answers to both.
pub const REGISTER_OF_REGISTERS: &str = "registers";

/// The registers of a deployment.
pub const REGISTERS: [RegisterSpec; 6] = [
    RegisterSpec {
        name: "addresses",
        text: "Addresses, keyed by Unique Property Reference Number (UPRN)",
        fields: &[
            "uprn",
            "address-line-1",
            "address-line-2",
            "town",
            "postcode",
            "latitude",
            "longitude",
        ],
    },
    RegisterSpec {
        name: "organisations",
        text: "The public bodies on this deployment",
        fields: &["organisation", "name", "kind", "website"],
    },
    RegisterSpec {
        name: "services",
        text: "Every public body's services; every change to a service is an entry",
        fields: &[
            "service",
            "organisation",
            "code",
            "name",
            "description",
            "digital-inclusion-level",
            "status",
            "target-days",
            "keywords",
            "channels",
        ],
    },
    RegisterSpec {
        name: REGISTER_OF_REGISTERS,
        text: "The registers on this deployment",
        fields: &[
            "register",
            "text",
            "fields",
            "phase",
            "registry",
            "custodian",
        ],
    },
    RegisterSpec {
        name: "field",
        text: "The fields that may appear in a register on this deployment",
        fields: &[
            "field",
            "datatype",
            "cardinality",
            "register",
            "phase",
            "text",
        ],
    },
    RegisterSpec {
        name: "datatype",
        text: "The datatypes of the fields in this deployment's registers",
        fields: &["datatype", "phase", "text"],
    },
];

const fn field(
    field: &'static str,
    datatype: &'static str,
    text: &'static str,
    register: Option<&'static str>,
) -> FieldSpec {
    FieldSpec {
        field,
        datatype,
        cardinality: Cardinality::One,
        text,
        register,
    }
}

const fn list(
    field: &'static str,
    text: &'static str,
    register: Option<&'static str>,
) -> FieldSpec {
    FieldSpec {
        field,
        datatype: "string",
        cardinality: Cardinality::Many,
        text,
        register,
    }
}

/// Every field of every register, each once: a field means the same wherever it appears.
pub const FIELDS: [FieldSpec; 28] = [
    field(
        "uprn",
        "string",
        "Unique Property Reference Number: up to 12 digits, never reused.",
        Some("addresses"),
    ),
    field(
        "address-line-1",
        "string",
        "The first line of an address.",
        None,
    ),
    field(
        "address-line-2",
        "string",
        "The second line of an address.",
        None,
    ),
    field("town", "string", "The post town of an address.", None),
    field(
        "postcode",
        "string",
        "A UK postcode, upper case with one space.",
        None,
    ),
    field(
        "latitude",
        "string",
        "Latitude in WGS 84 decimal degrees.",
        None,
    ),
    field(
        "longitude",
        "string",
        "Longitude in WGS 84 decimal degrees.",
        None,
    ),
    field(
        "organisation",
        "string",
        "The identifier of a public body on this deployment.",
        Some("organisations"),
    ),
    field(
        "name",
        "string",
        "The commonly used name of a record.",
        None,
    ),
    field(
        "kind",
        "string",
        "What kind of public body an organisation is, such as council or department.",
        None,
    ),
    field("website", "url", "The website of a record.", None),
    field(
        "service",
        "string",
        "A service's identifier: its body and its own identifier, joined by a colon.",
        Some("services"),
    ),
    field(
        "code",
        "string",
        "The service's standard code, such as an LGSL code.",
        None,
    ),
    field(
        "description",
        "text",
        "What a service does, for the people who use it.",
        None,
    ),
    field(
        "digital-inclusion-level",
        "integer",
        "The digital inclusion scale's level (1 to 9) the service was designed for.",
        None,
    ),
    field(
        "status",
        "string",
        "Whether a service is live, in beta or retired.",
        None,
    ),
    field(
        "target-days",
        "integer",
        "Working days in which the body aims to complete a request.",
        None,
    ),
    list("keywords", "Words people use to look for a service.", None),
    list(
        "channels",
        "The ways to use a service, each written as kind: detail.",
        None,
    ),
    field(
        "register",
        "string",
        "The name of a register.",
        Some(REGISTER_OF_REGISTERS),
    ),
    field(
        "text",
        "text",
        "More information about a record in a register.",
        None,
    ),
    list(
        "fields",
        "The names of the fields in a register.",
        Some("field"),
    ),
    field(
        "phase",
        "string",
        "The stage a register is in: discovery, alpha, beta or live.",
        None,
    ),
    field(
        "registry",
        "string",
        "Who is responsible for the data in a register.",
        None,
    ),
    field(
        "custodian",
        "string",
        "Who looks after a register day to day.",
        None,
    ),
    field(
        "field",
        "string",
        "The name of a field. A field can appear in more than one register.",
        Some("field"),
    ),
    field(
        "datatype",
        "string",
        "The datatype of a field's values.",
        Some("datatype"),
    ),
    field(
        "cardinality",
        "string",
        "1 when a field holds one value, n when it holds a list.",
        None,
    ),
];

/// The datatypes the fields use, with what their values look like.
pub const DATATYPES: [(&str, &str); 4] = [
    ("string", "A string of Unicode characters."),
    (
        "text",
        "Free text, which may be long and may hold Markdown.",
    ),
    (
        "integer",
        "A whole number written in decimal digits, with an optional leading minus sign.",
    ),
    ("url", "An absolute web address (RFC 3986)."),
];

/// The register of this name; `register`, GOV.UK's name for the register of registers, too.
pub fn register_spec(name: &str) -> Option<&'static RegisterSpec> {
    let name = if name == "register" {
        REGISTER_OF_REGISTERS
    } else {
        name
    };
    REGISTERS.iter().find(|r| r.name == name)
}

/// A field by name.
pub fn field_spec(name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.field == name)
}

/// The register of registers' item for one register; `operator`, who runs the deployment,
/// is both its registry and its custodian.
pub fn register_item(spec: &RegisterSpec, operator: &str) -> Item {
    let mut item = Item::from_pairs([
        ("register", spec.name.to_string()),
        ("text", spec.text.to_string()),
        ("phase", "live".to_string()),
        ("registry", operator.to_string()),
        ("custodian", operator.to_string()),
    ]);
    item.0.insert(
        "fields".into(),
        FieldValue::Many(spec.fields.iter().map(|f| (*f).to_string()).collect()),
    );
    item
}

/// The field register's item for one field.
pub fn field_item(spec: &FieldSpec) -> Item {
    Item::from_pairs([
        ("field", spec.field.to_string()),
        ("datatype", spec.datatype.to_string()),
        ("cardinality", spec.cardinality.as_str().to_string()),
        ("register", spec.register.unwrap_or_default().to_string()),
        ("phase", "live".to_string()),
        ("text", spec.text.to_string()),
    ])
}

/// The datatype register's item for one datatype.
pub fn datatype_item(datatype: &str, text: &str) -> Item {
    Item::from_pairs([
        ("datatype", datatype.to_string()),
        ("phase", "live".to_string()),
        ("text", text.to_string()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_a_register_uses_is_described_once_with_a_known_datatype() {
        for register in &REGISTERS {
            for f in register.fields {
                assert!(
                    field_spec(f).is_some(),
                    "{}: field {f} undescribed",
                    register.name
                );
            }
        }
        for (i, f) in FIELDS.iter().enumerate() {
            assert!(
                DATATYPES.iter().any(|(d, _)| *d == f.datatype),
                "{} has datatype {}",
                f.field,
                f.datatype
            );
            assert!(
                FIELDS[i + 1..].iter().all(|g| g.field != f.field),
                "{} twice",
                f.field
            );
            if let Some(r) = f.register {
                assert!(register_spec(r).is_some(), "{} links to {r}", f.field);
            }
        }
    }

    #[test]
    fn the_register_of_registers_answers_to_govuks_name_too() {
        assert_eq!(register_spec("register").map(|r| r.name), Some("registers"));
        assert_eq!(register_spec("nope"), None);
        let item = register_item(&REGISTERS[1], "the operator");
        assert_eq!(
            item.0.get("fields"),
            Some(&FieldValue::Many(vec![
                "organisation".into(),
                "name".into(),
                "kind".into(),
                "website".into()
            ]))
        );
    }
}
