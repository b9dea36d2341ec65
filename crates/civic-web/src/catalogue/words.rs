//! The catalogue's vocabularies in the page's language: certificate levels and checks,
//! update frequencies, column types, themes and licences. The domain keeps their English
//! (which the CKAN API, DCAT and the other machine documents publish); pages look up each
//! one's message here (themes and licences fall back to the English for a code Civic does
//! not know).

use crate::app::i18n::Lang;
use civic_domain::catalogue::Certificate;
use civic_domain::catalogue::CertificateLevel;
use civic_domain::catalogue::Check;
use civic_domain::catalogue::CheckKind;
use civic_domain::catalogue::ColumnType;
use civic_domain::catalogue::Frequency;

/// A certificate level's name.
pub fn level(lang: Lang, level: CertificateLevel) -> String {
    lang.t(match level {
        CertificateLevel::Pilot => "catalogue-level-pilot",
        CertificateLevel::Standard => "catalogue-level-standard",
        CertificateLevel::Expert => "catalogue-level-expert",
        CertificateLevel::Exemplar => "catalogue-level-exemplar",
    })
}

/// The level a certificate holds, or "Not yet certified".
pub fn certificate(lang: Lang, certificate: &Certificate) -> String {
    certificate
        .level
        .map_or_else(|| lang.t("catalogue-level-none"), |l| level(lang, l))
}

/// How often a dataset is updated.
pub fn frequency(lang: Lang, frequency: Frequency) -> String {
    lang.t(match frequency {
        Frequency::Continuous => "catalogue-frequency-continuous",
        Frequency::Daily => "catalogue-frequency-daily",
        Frequency::Weekly => "catalogue-frequency-weekly",
        Frequency::Monthly => "catalogue-frequency-monthly",
        Frequency::Quarterly => "catalogue-frequency-quarterly",
        Frequency::Annual => "catalogue-frequency-annual",
        Frequency::Irregular => "catalogue-frequency-irregular",
        Frequency::Never => "catalogue-frequency-never",
    })
}

/// The type of a column's values.
pub fn column_type(lang: Lang, kind: ColumnType) -> String {
    lang.t(match kind {
        ColumnType::String => "catalogue-column-type-string",
        ColumnType::Integer => "catalogue-column-type-integer",
        ColumnType::Number => "catalogue-column-type-number",
        ColumnType::Boolean => "catalogue-column-type-boolean",
        ColumnType::Date => "catalogue-column-type-date",
        ColumnType::DateTime => "catalogue-column-type-datetime",
    })
}

/// A theme's title by its code; `None` for a code that is not a theme.
pub fn theme(lang: Lang, code: &str) -> Option<String> {
    let id = match code {
        "gove" => "catalogue-theme-gove",
        "econ" => "catalogue-theme-econ",
        "soci" => "catalogue-theme-soci",
        "heal" => "catalogue-theme-heal",
        "envi" => "catalogue-theme-envi",
        "tran" => "catalogue-theme-tran",
        "educ" => "catalogue-theme-educ",
        "regi" => "catalogue-theme-regi",
        "just" => "catalogue-theme-just",
        "ener" => "catalogue-theme-ener",
        "tech" => "catalogue-theme-tech",
        "agri" => "catalogue-theme-agri",
        "intr" => "catalogue-theme-intr",
        _ => return None,
    };
    Some(lang.t(id))
}

/// A licence's title by its identifier; `None` for one Civic does not know.
pub fn licence(lang: Lang, id: &str) -> Option<String> {
    let id = match id {
        "OGL-UK-3.0" => "catalogue-licence-ogl",
        "CC-BY-4.0" => "catalogue-licence-cc-by",
        "CC0-1.0" => "catalogue-licence-cc0",
        "ODbL-1.0" => "catalogue-licence-odbl",
        "ODC-BY-1.0" => "catalogue-licence-odc-by",
        "other-closed" => "catalogue-licence-closed",
        _ => return None,
    };
    Some(lang.t(id))
}

/// The messages of a certificate check: what it requires, and what to do.
fn check_ids(kind: CheckKind) -> (&'static str, &'static str) {
    match kind {
        CheckKind::OpenLicence => (
            "catalogue-check-open-licence",
            "catalogue-check-open-licence-advice",
        ),
        CheckKind::Described => (
            "catalogue-check-described",
            "catalogue-check-described-advice",
        ),
        CheckKind::Download => (
            "catalogue-check-download",
            "catalogue-check-download-advice",
        ),
        CheckKind::MachineReadable => (
            "catalogue-check-machine-readable",
            "catalogue-check-machine-readable-advice",
        ),
        CheckKind::Schema => ("catalogue-check-schema", "catalogue-check-schema-advice"),
        CheckKind::Schedule => (
            "catalogue-check-schedule",
            "catalogue-check-schedule-advice",
        ),
        CheckKind::Contact => ("catalogue-check-contact", "catalogue-check-contact-advice"),
        CheckKind::Addresses => (
            "catalogue-check-addresses",
            "catalogue-check-addresses-advice",
        ),
        CheckKind::OnSchedule => (
            "catalogue-check-on-schedule",
            "catalogue-check-on-schedule-advice",
        ),
        CheckKind::Coverage => (
            "catalogue-check-coverage",
            "catalogue-check-coverage-advice",
        ),
        CheckKind::Keywords => (
            "catalogue-check-keywords",
            "catalogue-check-keywords-advice",
        ),
        CheckKind::Columns => ("catalogue-check-columns", "catalogue-check-columns-advice"),
        CheckKind::Metadata => (
            "catalogue-check-metadata",
            "catalogue-check-metadata-advice",
        ),
        CheckKind::Live => ("catalogue-check-live", "catalogue-check-live-advice"),
    }
}

/// What a check requires.
pub fn requirement(lang: Lang, check: &Check) -> String {
    lang.t(check_ids(check.kind).0)
}

/// What to do when a check is not met.
pub fn advice(lang: Lang, check: &Check) -> String {
    lang.t(check_ids(check.kind).1)
}
