//! The open data catalogue: datasets, their resources and column schemas, the licences
//! and themes they are published under, the certificate each earns from its metadata,
//! and the search language of the catalogue (CKAN's `q` and `fq`).

use crate::FieldErrors;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

mod certificate;
pub mod own;
mod query;
pub mod stewardship;
mod upload;

pub use certificate::{Certificate, CertificateLevel, Check, CheckKind};
pub use own::{OwnDataset, own_datasets};
pub use query::{Clause, Field, Query, QueryError};
pub use upload::{ParsedTable, UploadError, parse_table};

/// Where a dataset's content comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatasetSource {
    /// The body's service register, published by Civic.
    ServiceRegister,
    /// The body's public service requests, published by Civic.
    Requests,
    /// The body's performance measures, published by Civic.
    Performance,
    /// The body's spending over £500, uploaded by staff and published by Civic.
    Spend,
    /// Requests for data made to the body, with its answers and response times.
    DataRequests,
    /// The body's register of data-sharing agreements.
    SharingRegister,
    /// The body's places that give digital help, and their reported use.
    DigitalHelp,
    /// A table staff uploaded as CSV.
    Upload,
    /// A dataset hosted elsewhere, described by staff with its download links.
    External,
}

impl DatasetSource {
    /// Every source, in the order a body's catalogue lists Civic's own first.
    pub const ALL: [DatasetSource; 9] = [
        DatasetSource::ServiceRegister,
        DatasetSource::Requests,
        DatasetSource::Performance,
        DatasetSource::Spend,
        DatasetSource::DataRequests,
        DatasetSource::SharingRegister,
        DatasetSource::DigitalHelp,
        DatasetSource::Upload,
        DatasetSource::External,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DatasetSource::ServiceRegister => "service-register",
            DatasetSource::Requests => "requests",
            DatasetSource::Performance => "performance",
            DatasetSource::Spend => "spend",
            DatasetSource::DataRequests => "data-requests",
            DatasetSource::SharingRegister => "data-sharing",
            DatasetSource::DigitalHelp => "digital-help",
            DatasetSource::Upload => "upload",
            DatasetSource::External => "external",
        }
    }

    /// Reads a stored name.
    pub fn parse(name: &str) -> Option<DatasetSource> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// True for the datasets Civic derives from its own records (one of each per body).
    pub fn is_automatic(self) -> bool {
        !matches!(self, DatasetSource::Upload | DatasetSource::External)
    }
}

/// An open licence a dataset can be published under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Licence {
    /// CKAN's and SPDX's identifier, such as `OGL-UK-3.0`.
    pub id: &'static str,
    /// Its full title.
    pub title: &'static str,
    /// Where its text is published.
    pub url: &'static str,
    /// True when it meets the Open Definition.
    pub open: bool,
}

/// The licences staff can choose; the first is the default.
pub const LICENCES: [Licence; 6] = [
    Licence {
        id: "OGL-UK-3.0",
        title: "Open Government Licence v3.0",
        url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        open: true,
    },
    Licence {
        id: "CC-BY-4.0",
        title: "Creative Commons Attribution 4.0",
        url: "https://creativecommons.org/licenses/by/4.0/",
        open: true,
    },
    Licence {
        id: "CC0-1.0",
        title: "Creative Commons Zero 1.0 (public domain)",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
        open: true,
    },
    Licence {
        id: "ODbL-1.0",
        title: "Open Data Commons Open Database Licence 1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
        open: true,
    },
    Licence {
        id: "ODC-BY-1.0",
        title: "Open Data Commons Attribution Licence 1.0",
        url: "https://opendatacommons.org/licenses/by/1-0/",
        open: true,
    },
    Licence {
        id: "other-closed",
        title: "Not open: reuse only with permission",
        url: "",
        open: false,
    },
];

/// A dataset's unique name: the body's identifier and the dataset's, joined by `--`, which
/// neither can contain, so no two bodies' names can ever collide.
pub fn dataset_name(body: &str, slug: &str) -> String {
    format!("{body}--{slug}")
}

/// The licence with identifier `id`.
pub fn licence(id: &str) -> Option<&'static Licence> {
    LICENCES.iter().find(|l| l.id == id)
}

/// How often a dataset is updated, on the EU's frequency vocabulary (as DCAT-AP asks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// Updated as things happen.
    Continuous,
    /// Every day.
    Daily,
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every three months.
    Quarterly,
    /// Every year.
    Annual,
    /// Now and then, with no schedule.
    Irregular,
    /// Published once and not updated.
    Never,
}

impl Frequency {
    /// Every frequency, most frequent first.
    pub const ALL: [Frequency; 8] = [
        Frequency::Continuous,
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::Annual,
        Frequency::Irregular,
        Frequency::Never,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Continuous => "continuous",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Annual => "annual",
            Frequency::Irregular => "irregular",
            Frequency::Never => "never",
        }
    }

    /// Reads a stored name.
    pub fn parse(name: &str) -> Option<Frequency> {
        Self::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Frequency::Continuous => "As things happen",
            Frequency::Daily => "Daily",
            Frequency::Weekly => "Weekly",
            Frequency::Monthly => "Monthly",
            Frequency::Quarterly => "Quarterly",
            Frequency::Annual => "Yearly",
            Frequency::Irregular => "Irregularly",
            Frequency::Never => "Not updated",
        }
    }

    /// The EU Publications Office frequency URI DCAT-AP uses.
    pub fn uri(self) -> &'static str {
        match self {
            Frequency::Continuous => {
                "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT"
            }
            Frequency::Daily => "http://publications.europa.eu/resource/authority/frequency/DAILY",
            Frequency::Weekly => {
                "http://publications.europa.eu/resource/authority/frequency/WEEKLY"
            }
            Frequency::Monthly => {
                "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
            }
            Frequency::Quarterly => {
                "http://publications.europa.eu/resource/authority/frequency/QUARTERLY"
            }
            Frequency::Annual => {
                "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
            }
            Frequency::Irregular => {
                "http://publications.europa.eu/resource/authority/frequency/IRREG"
            }
            Frequency::Never => "http://publications.europa.eu/resource/authority/frequency/NEVER",
        }
    }

    /// Days after which a dataset updated this often is overdue; `None` when no update
    /// is promised. A grace of half a period allows for a late week.
    pub fn overdue_after_days(self) -> Option<i64> {
        match self {
            Frequency::Continuous | Frequency::Daily => Some(2),
            Frequency::Weekly => Some(11),
            Frequency::Monthly => Some(46),
            Frequency::Quarterly => Some(137),
            Frequency::Annual => Some(548),
            Frequency::Irregular | Frequency::Never => None,
        }
    }
}

/// A DCAT-AP data theme (the EU's vocabulary, which harvesters map to their own groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The code, lower case, used as the CKAN group name, such as `gove`.
    pub code: &'static str,
    /// Its title.
    pub title: &'static str,
}

/// The themes a dataset can belong to.
pub const THEMES: [Theme; 13] = [
    Theme {
        code: "gove",
        title: "Government and public sector",
    },
    Theme {
        code: "econ",
        title: "Economy and finance",
    },
    Theme {
        code: "soci",
        title: "Population and society",
    },
    Theme {
        code: "heal",
        title: "Health",
    },
    Theme {
        code: "envi",
        title: "Environment",
    },
    Theme {
        code: "tran",
        title: "Transport",
    },
    Theme {
        code: "educ",
        title: "Education, culture and sport",
    },
    Theme {
        code: "regi",
        title: "Regions and cities",
    },
    Theme {
        code: "just",
        title: "Justice, legal system and public safety",
    },
    Theme {
        code: "ener",
        title: "Energy",
    },
    Theme {
        code: "tech",
        title: "Science and technology",
    },
    Theme {
        code: "agri",
        title: "Agriculture, fisheries, forestry and food",
    },
    Theme {
        code: "intr",
        title: "International issues",
    },
];

/// The theme with code `code`.
pub fn theme(code: &str) -> Option<&'static Theme> {
    THEMES.iter().find(|t| t.code == code)
}

impl Theme {
    /// The EU data-theme URI.
    pub fn uri(&self) -> String {
        format!(
            "http://publications.europa.eu/resource/authority/data-theme/{}",
            self.code.to_uppercase()
        )
    }
}

/// The type of a column's values, with its name in CSVW and in Frictionless Table Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    /// Any text.
    String,
    /// Whole numbers.
    Integer,
    /// Decimal numbers.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Calendar dates, `YYYY-MM-DD`.
    Date,
    /// Instants, RFC 3339 in UTC.
    DateTime,
}

impl ColumnType {
    /// The stored name (also the Frictionless type).
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::String => "string",
            ColumnType::Integer => "integer",
            ColumnType::Number => "number",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
            ColumnType::DateTime => "datetime",
        }
    }

    /// Reads a stored name.
    pub fn parse(name: &str) -> Option<ColumnType> {
        [
            ColumnType::String,
            ColumnType::Integer,
            ColumnType::Number,
            ColumnType::Boolean,
            ColumnType::Date,
            ColumnType::DateTime,
        ]
        .into_iter()
        .find(|t| t.as_str() == name)
    }

    /// The CSVW (XML Schema) datatype.
    pub fn csvw(self) -> &'static str {
        match self {
            ColumnType::String => "string",
            ColumnType::Integer => "integer",
            ColumnType::Number => "decimal",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
            ColumnType::DateTime => "dateTime",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            ColumnType::String => "Text",
            ColumnType::Integer => "Whole number",
            ColumnType::Number => "Number",
            ColumnType::Boolean => "True or false",
            ColumnType::Date => "Date",
            ColumnType::DateTime => "Date and time",
        }
    }
}

/// One column of a tabular resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The header as it appears in the file.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: ColumnType,
    /// What it holds, in plain English (may be empty).
    #[serde(default)]
    pub description: String,
    /// What it holds, in Welsh; empty when there is none yet.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description_cy: String,
}

impl Column {
    /// A column with a description.
    pub fn new(name: &str, kind: ColumnType, description: &str) -> Column {
        Column {
            name: name.to_string(),
            kind,
            description: description.to_string(),
            description_cy: String::new(),
        }
    }

    /// The same column, described in Welsh too.
    pub fn with_welsh(mut self, description_cy: &str) -> Column {
        self.description_cy = description_cy.to_string();
        self
    }
}

/// One downloadable file or API of a dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Resource {
    /// Stable identifier (a UUID for staff resources; `{dataset}-{n}` for Civic's own).
    pub id: String,
    /// Its name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Its name in Welsh; empty when there is none yet.
    pub name_cy: String,
    /// What it is, in Welsh; empty when there is none yet.
    pub description_cy: String,
    /// Upper-case format, such as `CSV` or `JSON`.
    pub format: String,
    /// Where it is: a path on this site (starting `/`) or an absolute URL elsewhere.
    pub url: String,
    /// Its columns, when it is a table Civic describes.
    pub columns: Vec<Column>,
    /// True when Civic serves the file itself (so it can describe it with CSVW and
    /// Frictionless and promise its URL stays).
    pub hosted: bool,
}

impl Resource {
    /// True for machine-readable, openly specified formats.
    pub fn is_machine_readable(&self) -> bool {
        matches!(
            self.format.as_str(),
            "CSV" | "JSON" | "GEOJSON" | "XML" | "ATOM" | "JSON-LD" | "RDF" | "TTL" | "ODS"
        )
    }
}

/// Who may download a dataset's files, as DCAT's `dct:accessRights` says it with the EU
/// access-right vocabulary: public to all, or restricted to API keys whose scope names the
/// dataset and whose data-sharing agreement is in force. The description is public either
/// way, with how to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AccessRights {
    /// Anyone may download it.
    #[default]
    Public,
    /// Only partners with a key for it.
    Restricted,
}

impl AccessRights {
    /// As stored: `public` or `restricted`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessRights::Public => "public",
            AccessRights::Restricted => "restricted",
        }
    }

    /// The value stored as `text`, if any.
    pub fn parse(text: &str) -> Option<AccessRights> {
        match text {
            "public" => Some(AccessRights::Public),
            "restricted" => Some(AccessRights::Restricted),
            _ => None,
        }
    }

    /// The EU access-right vocabulary's concept (DCAT-AP's `dct:accessRights`).
    pub fn uri(self) -> &'static str {
        match self {
            AccessRights::Public => {
                "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
            }
            AccessRights::Restricted => {
                "http://publications.europa.eu/resource/authority/access-right/RESTRICTED"
            }
        }
    }
}

/// The longest "how to apply" of a restricted dataset, in characters.
pub const MAX_HOW_TO_APPLY: usize = 2000;

/// A dataset in the catalogue, with everything DCAT, CKAN and the certificate need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogueDataset {
    /// Internal identifier.
    pub id: i64,
    /// Unique name in URLs, such as `northshire--service-register`.
    pub name: String,
    /// The publishing body's identifier.
    pub body: String,
    /// The publishing body's name.
    pub body_name: String,
    /// The publishing body's name in Welsh; empty when it has none.
    pub body_name_cy: String,
    /// Where its content comes from.
    pub source: DatasetSource,
    /// Title.
    pub title: String,
    /// Description (plain text, paragraphs separated by blank lines).
    pub description: String,
    /// Title in Welsh; empty when there is none yet.
    pub title_cy: String,
    /// Description in Welsh; empty when there is none yet.
    pub description_cy: String,
    /// Licence identifier (see [`LICENCES`]).
    pub licence: String,
    /// How often it is updated.
    pub frequency: Frequency,
    /// Theme code (see [`THEMES`]), or empty.
    pub theme: String,
    /// Keywords.
    pub tags: Vec<String>,
    /// First day covered, if stated.
    pub temporal_start: Option<Date>,
    /// Last day covered, if stated (open-ended when absent).
    pub temporal_end: Option<Date>,
    /// The place covered, such as "Northshire".
    pub spatial: String,
    /// Who answers questions about it.
    pub contact_name: String,
    /// Their (role) email address.
    pub contact_email: String,
    /// Who may download its files.
    pub access: AccessRights,
    /// For a restricted dataset: how to apply for access.
    pub how_to_apply: String,
    /// When it was added.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When its content or metadata last changed (for Civic's own datasets, the newest
    /// record behind it).
    #[serde(with = "time::serde::rfc3339")]
    pub modified_at: OffsetDateTime,
    /// Its files and APIs.
    pub resources: Vec<Resource>,
}

impl CatalogueDataset {
    /// The licence, if Civic knows it.
    pub fn licence(&self) -> Option<&'static Licence> {
        licence(&self.licence)
    }

    /// The theme, if one is set.
    pub fn theme(&self) -> Option<&'static Theme> {
        theme(&self.theme)
    }

    /// The certificate its metadata earns at `now`.
    pub fn certificate(&self, now: OffsetDateTime) -> Certificate {
        certificate::assess(self, now)
    }

    /// The title in Welsh when `welsh` and it has one, else in English.
    pub fn title_in(&self, welsh: bool) -> &str {
        in_language(welsh, &self.title, &self.title_cy)
    }

    /// The publishing body's name in Welsh when `welsh` and it has one, else in English.
    pub fn body_name_in(&self, welsh: bool) -> &str {
        in_language(welsh, &self.body_name, &self.body_name_cy)
    }
}

/// `cy` when `welsh` and it is not empty, else `en`: the text to show in a language, with
/// English standing in for Welsh not written yet.
pub fn in_language<'a>(welsh: bool, en: &'a str, cy: &'a str) -> &'a str {
    if welsh && !cy.trim().is_empty() {
        cy
    } else {
        en
    }
}

/// What staff submit to describe a dataset.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DatasetDescriptionInput {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Title in Welsh (may be empty, unless the body is subject to the Welsh Language
    /// Standards).
    #[serde(default)]
    pub title_cy: String,
    /// Description in Welsh (likewise).
    #[serde(default)]
    pub description_cy: String,
    /// Licence identifier.
    #[serde(default)]
    pub licence: String,
    /// Frequency name.
    #[serde(default)]
    pub frequency: String,
    /// Theme code or empty.
    #[serde(default)]
    pub theme: String,
    /// Keywords separated by commas.
    #[serde(default)]
    pub tags: String,
    /// First day covered, `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub temporal_start: String,
    /// Last day covered, `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub temporal_end: String,
    /// Place covered.
    #[serde(default)]
    pub spatial: String,
    /// Contact's name or role.
    #[serde(default)]
    pub contact_name: String,
    /// Contact's email address.
    #[serde(default)]
    pub contact_email: String,
    /// For datasets hosted elsewhere: one download per line, `URL` or `FORMAT URL`.
    #[serde(default)]
    pub links: String,
    /// Not empty when only partners with a key may download its files.
    #[serde(default)]
    pub restricted: String,
    /// For a restricted dataset: how to apply for access.
    #[serde(default)]
    pub how_to_apply: String,
}

/// A checked description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetDescription {
    /// Name in URLs, derived from the body and title.
    pub name: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Title in Welsh; empty when there is none yet.
    pub title_cy: String,
    /// Description in Welsh; empty when there is none yet.
    pub description_cy: String,
    /// Licence identifier.
    pub licence: String,
    /// Frequency.
    pub frequency: Frequency,
    /// Theme code or empty.
    pub theme: String,
    /// Keywords, lower case, de-duplicated.
    pub tags: Vec<String>,
    /// First day covered.
    pub temporal_start: Option<Date>,
    /// Last day covered.
    pub temporal_end: Option<Date>,
    /// Place covered.
    pub spatial: String,
    /// Contact.
    pub contact_name: String,
    /// Contact's email.
    pub contact_email: String,
    /// External downloads as (format, URL).
    pub links: Vec<(String, String)>,
    /// Who may download its files.
    pub access: AccessRights,
    /// For a restricted dataset: how to apply for access.
    pub how_to_apply: String,
}

fn parse_day(
    errors: &mut FieldErrors,
    field: &str,
    code: &'static str,
    value: &str,
) -> Option<Date> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match Date::parse(value, &format) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add_t(
                field,
                code,
                "Enter a date as YYYY-MM-DD, such as 2026-04-01",
            );
            None
        }
    }
}

/// The format a link's URL suggests, from its extension.
fn format_of_url(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_uppercase();
    match ext.as_str() {
        "CSV" | "JSON" | "XML" | "XLSX" | "XLS" | "ODS" | "PDF" | "GEOJSON" | "ZIP" | "TTL"
        | "RDF" => ext,
        _ => "HTML".to_string(),
    }
}

/// The longest title, in either language, in characters.
pub const MAX_TITLE: usize = 200;

/// The longest description, in either language, in characters.
pub const MAX_DESCRIPTION: usize = 20_000;

impl DatasetDescriptionInput {
    /// As [`DatasetDescriptionInput::validate`], for a dataset of `body`: a body subject to
    /// the Welsh Language Standards publishes nothing until its title and description exist
    /// in Welsh too (see [`DatasetDescription::check_welsh`]).
    pub fn validate_for(
        &self,
        body: &crate::Body,
        external: bool,
    ) -> Result<DatasetDescription, FieldErrors> {
        let validated = self.validate(&body.slug, external);
        let mut errors = validated.as_ref().err().cloned().unwrap_or_default();
        if body.welsh_standards {
            missing_welsh(&mut errors, &self.title_cy, &self.description_cy);
        }
        match validated {
            Ok(description) if errors.is_empty() => Ok(description),
            _ => Err(in_form_order(errors)),
        }
    }

    /// Checks the fields for a dataset of `body`; `external` requires at least one link.
    pub fn validate(&self, body: &str, external: bool) -> Result<DatasetDescription, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = self.title.trim().to_string();
        let slug = crate::slugify(&title);
        if title.is_empty() || title.chars().count() > MAX_TITLE {
            errors.add_t(
                "title",
                "validation-dataset-title-length",
                "Give the dataset a title of 1 to 200 characters",
            );
        } else if !crate::validation::is_valid_slug(&slug) {
            errors.add_t(
                "title",
                "validation-dataset-title-no-letters",
                "The title must contain letters or numbers",
            );
        }
        let description = self.description.trim().replace("\r\n", "\n");
        if description.is_empty() {
            errors.add_t(
                "description",
                "validation-dataset-description-missing",
                "Describe the data: what it is and where it comes from",
            );
        } else if description.chars().count() > MAX_DESCRIPTION {
            errors.add_t(
                "description",
                "validation-dataset-description-too-long",
                "The description must be 20,000 characters or fewer",
            );
        }
        let title_cy = self.title_cy.trim().to_string();
        if title_cy.chars().count() > MAX_TITLE {
            errors.add_with(
                "title_cy",
                "validation-dataset-title-cy-too-long",
                vec![("max", MAX_TITLE.to_string())],
                format!("The title in Welsh must be {MAX_TITLE} characters or fewer"),
            );
        }
        let description_cy = self.description_cy.trim().replace("\r\n", "\n");
        if description_cy.chars().count() > MAX_DESCRIPTION {
            errors.add_with(
                "description_cy",
                "validation-dataset-description-cy-too-long",
                vec![("max", MAX_DESCRIPTION.to_string())],
                "The description in Welsh must be 20,000 characters or fewer",
            );
        }
        let licence = if self.licence.trim().is_empty() {
            LICENCES[0].id.to_string()
        } else {
            self.licence.trim().to_string()
        };
        if self::licence(&licence).is_none() {
            errors.add_t(
                "licence",
                "validation-dataset-licence-invalid",
                "Choose a licence from the list",
            );
        }
        let frequency = Frequency::parse(self.frequency.trim()).unwrap_or_else(|| {
            errors.add_t(
                "frequency",
                "validation-dataset-frequency-invalid",
                "Choose how often the dataset is updated",
            );
            Frequency::Irregular
        });
        let theme = self.theme.trim().to_string();
        if !theme.is_empty() && self::theme(&theme).is_none() {
            errors.add_t(
                "theme",
                "validation-dataset-theme-invalid",
                "Choose a theme from the list",
            );
        }
        let mut tags: Vec<String> = Vec::new();
        for tag in self.tags.split(',') {
            let tag = tag.trim().to_lowercase();
            if tag.is_empty() || tags.contains(&tag) {
                continue;
            }
            if tag.chars().count() > 100
                || !tag
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
            {
                errors.add_with(
                    "tags",
                    "validation-dataset-keyword-invalid",
                    vec![("keyword", tag.clone())],
                    format!(
                        "Keyword \u{201c}{tag}\u{201d} may use only letters, numbers, spaces, \
                         hyphens, underscores and full stops, up to 100 characters"
                    ),
                );
                continue;
            }
            tags.push(tag);
        }
        if tags.len() > 30 {
            errors.add_t(
                "tags",
                "validation-dataset-keywords-too-many",
                "Give at most 30 keywords",
            );
        }
        let temporal_start = parse_day(
            &mut errors,
            "temporal_start",
            "validation-dataset-temporal-start-invalid",
            &self.temporal_start,
        );
        let temporal_end = parse_day(
            &mut errors,
            "temporal_end",
            "validation-dataset-temporal-end-invalid",
            &self.temporal_end,
        );
        if let (Some(a), Some(b)) = (temporal_start, temporal_end)
            && b < a
        {
            errors.add_t(
                "temporal_end",
                "validation-dataset-temporal-end-before-start",
                "The last day covered must not be before the first",
            );
        }
        let spatial = self.spatial.trim().to_string();
        if spatial.chars().count() > 200 {
            errors.add_t(
                "spatial",
                "validation-dataset-spatial-too-long",
                "The area covered must be 200 characters or fewer",
            );
        }
        let contact_name = self.contact_name.trim().to_string();
        if contact_name.chars().count() > 200 {
            errors.add_t(
                "contact_name",
                "validation-dataset-contact-name-too-long",
                "The contact must be 200 characters or fewer",
            );
        }
        let contact_email = self.contact_email.trim().to_string();
        if !contact_email.is_empty() && !crate::validation::is_valid_email(&contact_email) {
            errors.add_t(
                "contact_email",
                "validation-dataset-contact-email-invalid",
                "Enter an email address in the right format, like data@northshire.gov.uk",
            );
        }
        let mut links = Vec::new();
        for (n, line) in self.links.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (format, url) = match line.split_once(char::is_whitespace) {
                Some((f, u)) if !f.contains("://") => (f.to_ascii_uppercase(), u.trim()),
                _ => (format_of_url(line), line),
            };
            let ok_url = (url.starts_with("https://") || url.starts_with("http://"))
                && url.len() <= 2000
                && !url.contains(char::is_whitespace);
            let ok_format = !format.is_empty()
                && format.len() <= 20
                && format
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !ok_url || !ok_format {
                errors.add_with(
                    "links",
                    "validation-dataset-link-invalid",
                    vec![("line", (n + 1).to_string())],
                    format!(
                        "Line {}: give a web address starting https://, optionally after its \
                         format (for example \u{201c}CSV https://example.org/data.csv\u{201d})",
                        n + 1
                    ),
                );
                continue;
            }
            links.push((format, url.to_string()));
        }
        if external && links.is_empty() && errors.for_field("links").is_none() {
            errors.add_t(
                "links",
                "validation-dataset-links-missing",
                "Give at least one link to where the data can be downloaded",
            );
        }
        if links.len() > 50 {
            errors.add_t(
                "links",
                "validation-dataset-links-too-many",
                "Give at most 50 links",
            );
        }
        let access = if self.restricted.trim().is_empty() {
            AccessRights::Public
        } else {
            AccessRights::Restricted
        };
        let how_to_apply = self.how_to_apply.trim().replace("\r\n", "\n");
        if access == AccessRights::Restricted {
            if external {
                errors.add_t(
                    "restricted",
                    "validation-dataset-restricted-external",
                    "Civic can restrict only files it holds: a dataset hosted elsewhere is restricted where it is hosted",
                );
            }
            if how_to_apply.is_empty() || how_to_apply.chars().count() > MAX_HOW_TO_APPLY {
                errors.add_t(
                    "how_to_apply",
                    "validation-dataset-how-to-apply",
                    "Say how to apply for access, in up to 2,000 characters",
                );
            }
        }
        errors.into_result(DatasetDescription {
            name: dataset_name(body, &slug),
            title,
            description,
            title_cy,
            description_cy,
            licence,
            frequency,
            theme,
            tags,
            temporal_start,
            temporal_end,
            spatial,
            contact_name,
            contact_email,
            links,
            how_to_apply: if access == AccessRights::Restricted {
                how_to_apply
            } else {
                String::new()
            },
            access,
        })
    }
}

/// `errors` with the title's and description's problems in the order the form has the fields
/// (each English field, then its Welsh), where the first of them was: an error summary lists
/// problems in the order of the page.
fn in_form_order(errors: FieldErrors) -> FieldErrors {
    const ORDER: [&str; 4] = ["title", "title_cy", "description", "description_cy"];
    let rank = |e: &crate::FieldError| ORDER.iter().position(|f| *f == e.field);
    let Some(at) = errors.0.iter().position(|e| rank(e).is_some()) else {
        return errors;
    };
    let (mut texts, mut rest): (Vec<_>, Vec<_>) =
        errors.0.into_iter().partition(|e| rank(e).is_some());
    texts.sort_by_key(|e| rank(e));
    let tail = rest.split_off(at.min(rest.len()));
    FieldErrors(rest.into_iter().chain(texts).chain(tail).collect())
}

/// Records what a bilingual body's dataset lacks in Welsh.
fn missing_welsh(errors: &mut FieldErrors, title_cy: &str, description_cy: &str) {
    if title_cy.trim().is_empty() {
        errors.add_t(
            "title_cy",
            "validation-dataset-title-cy-missing",
            "Enter the title in Welsh: this body publishes in Welsh and English",
        );
    }
    if description_cy.trim().is_empty() {
        errors.add_t(
            "description_cy",
            "validation-dataset-description-cy-missing",
            "Enter the description in Welsh: this body publishes in Welsh and English",
        );
    }
}

impl DatasetDescription {
    /// The Welsh Language Standards' rule for publishing: a dataset of a body subject to
    /// them is published only once its title and description exist in Welsh. Every problem
    /// found, or nothing for a body not subject to them.
    pub fn check_welsh(&self, body: &crate::Body) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if body.welsh_standards {
            missing_welsh(&mut errors, &self.title_cy, &self.description_cy);
        }
        errors.into_result(())
    }

    /// The title in Welsh when `welsh` and it has one, else in English.
    pub fn title_in(&self, welsh: bool) -> &str {
        in_language(welsh, &self.title, &self.title_cy)
    }
}

#[cfg(test)]
mod tests;
