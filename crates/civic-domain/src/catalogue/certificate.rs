//! The certificate a dataset earns from its metadata, in the spirit of the Open Data
//! Institute's certificates: each level adds checks to the one below, and the page says
//! which checks stand between a dataset and the next level.

use super::{CatalogueDataset, ColumnType, Frequency};
use serde::Serialize;
use time::OffsetDateTime;

/// A certificate level, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CertificateLevel {
    /// Open, described and downloadable.
    Pilot,
    /// Machine-readable with a schema, a schedule and a contact.
    Standard,
    /// Kept up to date and fully documented.
    Expert,
    /// Published to open standards and updated as things happen.
    Exemplar,
}

impl CertificateLevel {
    /// Every level, lowest first.
    pub const ALL: [CertificateLevel; 4] = [
        CertificateLevel::Pilot,
        CertificateLevel::Standard,
        CertificateLevel::Expert,
        CertificateLevel::Exemplar,
    ];

    /// The name used in URLs, facets and CKAN (`certificate` extra).
    pub fn as_str(self) -> &'static str {
        match self {
            CertificateLevel::Pilot => "pilot",
            CertificateLevel::Standard => "standard",
            CertificateLevel::Expert => "expert",
            CertificateLevel::Exemplar => "exemplar",
        }
    }

    /// Reads a name.
    pub fn parse(name: &str) -> Option<CertificateLevel> {
        Self::ALL.into_iter().find(|l| l.as_str() == name)
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            CertificateLevel::Pilot => "Pilot",
            CertificateLevel::Standard => "Standard",
            CertificateLevel::Expert => "Expert",
            CertificateLevel::Exemplar => "Exemplar",
        }
    }
}

/// Which requirement a check is: pages name it in their language by this, never by its
/// English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    /// Published under an open licence.
    OpenLicence,
    /// A title and a description of at least one sentence.
    Described,
    /// At least one file or API to download.
    Download,
    /// In a machine-readable, open format (CSV or JSON).
    MachineReadable,
    /// Every table has a column-by-column schema.
    Schema,
    /// A stated update schedule.
    Schedule,
    /// A contact who answers questions about the data.
    Contact,
    /// Stable, secure web addresses for every download.
    Addresses,
    /// Updated on its schedule.
    OnSchedule,
    /// The time and place covered are stated.
    Coverage,
    /// Keywords and a theme help people find it.
    Keywords,
    /// Every column is described in words.
    Columns,
    /// Every table is published with CSV on the Web and Data Package metadata.
    Metadata,
    /// Updated as things happen, with a JSON API.
    Live,
}

/// One requirement of a level, met or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Which requirement it is.
    #[serde(skip)]
    pub kind: CheckKind,
    /// The level it belongs to.
    pub level: CertificateLevel,
    /// What is required.
    pub requirement: &'static str,
    /// True when the dataset meets it.
    pub met: bool,
    /// What to do when it is not met.
    pub advice: &'static str,
}

/// The outcome of assessing a dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Certificate {
    /// The highest level whose checks (and all below) are met; `None` before pilot.
    pub level: Option<CertificateLevel>,
    /// Every check, lowest level first.
    pub checks: Vec<Check>,
}

impl Certificate {
    /// The level above the one held, if any.
    pub fn next_level(&self) -> Option<CertificateLevel> {
        match self.level {
            None => Some(CertificateLevel::Pilot),
            Some(l) => CertificateLevel::ALL.into_iter().find(|n| *n > l),
        }
    }

    /// The unmet checks standing between the dataset and the next level.
    pub fn missing_for_next(&self) -> Vec<&Check> {
        let Some(next) = self.next_level() else {
            return Vec::new();
        };
        self.checks
            .iter()
            .filter(|c| !c.met && c.level <= next)
            .collect()
    }

    /// The level's name, or "Not yet certified".
    pub fn label(&self) -> &'static str {
        self.level
            .map_or("Not yet certified", CertificateLevel::label)
    }
}

/// Assesses `dataset` at `now`.
pub(super) fn assess(d: &CatalogueDataset, now: OffsetDateTime) -> Certificate {
    use CertificateLevel::*;
    let tabular: Vec<_> = d.resources.iter().filter(|r| r.format == "CSV").collect();
    let overdue = d
        .frequency
        .overdue_after_days()
        .map(|days| now - d.modified_at > time::Duration::days(days));
    let checks = vec![
        Check {
            level: Pilot,
            kind: CheckKind::OpenLicence,
            requirement: "Published under an open licence",
            met: d.licence().is_some_and(|l| l.open),
            advice: "Choose an open licence such as the Open Government Licence.",
        },
        Check {
            level: Pilot,
            kind: CheckKind::Described,
            requirement: "A title and a description of at least one sentence",
            met: !d.title.is_empty() && d.description.chars().count() >= 30,
            advice: "Describe what the data is, where it comes from and what it is for.",
        },
        Check {
            level: Pilot,
            kind: CheckKind::Download,
            requirement: "At least one file or API to download",
            met: !d.resources.is_empty(),
            advice: "Upload the data as CSV or link to where it can be downloaded.",
        },
        Check {
            level: Standard,
            kind: CheckKind::MachineReadable,
            requirement: "In a machine-readable, open format (CSV or JSON)",
            met: d.resources.iter().any(|r| r.is_machine_readable()),
            advice: "Publish the data as CSV or JSON, not only as a PDF or web page.",
        },
        Check {
            level: Standard,
            kind: CheckKind::Schema,
            requirement: "Every table has a column-by-column schema",
            met: !tabular.is_empty() && tabular.iter().all(|r| !r.columns.is_empty()),
            advice: "Upload CSV files to Civic, which records each column and its type.",
        },
        Check {
            level: Standard,
            kind: CheckKind::Schedule,
            requirement: "A stated update schedule",
            met: d.frequency != Frequency::Irregular,
            advice: "Say how often the dataset is updated.",
        },
        Check {
            level: Standard,
            kind: CheckKind::Contact,
            requirement: "A contact who answers questions about the data",
            met: !d.contact_email.is_empty(),
            advice: "Give a contact email address (a team address is best).",
        },
        Check {
            level: Standard,
            kind: CheckKind::Addresses,
            requirement: "Stable, secure web addresses for every download",
            met: d
                .resources
                .iter()
                .all(|r| r.hosted || r.url.starts_with("https://")),
            advice: "Host the files on Civic, or link to them over https.",
        },
        Check {
            level: Expert,
            kind: CheckKind::OnSchedule,
            requirement: "Updated on its schedule",
            // Civic's own datasets are read live from its records: never behind.
            met: overdue == Some(false)
                || d.frequency == Frequency::Never
                || d.source.is_automatic(),
            advice: "Publish the update that is due, or correct the stated schedule.",
        },
        Check {
            level: Expert,
            kind: CheckKind::Coverage,
            requirement: "The time and place covered are stated",
            met: d.temporal_start.is_some() && !d.spatial.is_empty(),
            advice: "Give the first day the data covers and the area it covers.",
        },
        Check {
            level: Expert,
            kind: CheckKind::Keywords,
            requirement: "Keywords and a theme help people find it",
            met: !d.tags.is_empty() && d.theme().is_some(),
            advice: "Add keywords and choose a theme.",
        },
        Check {
            level: Expert,
            kind: CheckKind::Columns,
            requirement: "Every column is described in words",
            met: !tabular.is_empty()
                && tabular
                    .iter()
                    .all(|r| r.columns.iter().all(|c| !c.description.is_empty())),
            advice: "Describe what each column holds and in what units.",
        },
        Check {
            level: Exemplar,
            kind: CheckKind::Metadata,
            requirement: "Every table is published with CSV on the Web and Data Package metadata",
            met: !tabular.is_empty() && tabular.iter().all(|r| r.hosted),
            advice: "Host the tables on Civic, which publishes both descriptions.",
        },
        Check {
            level: Exemplar,
            kind: CheckKind::Live,
            requirement: "Updated as things happen, with a JSON API",
            met: d.frequency == Frequency::Continuous
                && d.resources.iter().any(|r| r.format == "JSON")
                && tabular
                    .iter()
                    .flat_map(|r| r.columns.iter())
                    .any(|c| c.kind == ColumnType::DateTime || c.kind == ColumnType::Date),
            advice: "Publish the data continuously, with dated records and a JSON API.",
        },
    ];
    let mut level = None;
    for candidate in CertificateLevel::ALL {
        if checks
            .iter()
            .filter(|c| c.level <= candidate)
            .all(|c| c.met)
        {
            level = Some(candidate);
        } else {
            break;
        }
    }
    Certificate { level, checks }
}
