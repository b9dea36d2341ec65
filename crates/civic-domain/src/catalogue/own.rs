//! The datasets Civic publishes for every body from its own records, with the columns of
//! each download described once here (the CSV writers are tested against these lists).

use super::{Column, ColumnType, DatasetDescription, DatasetSource, Frequency, Resource};
use crate::Body;

/// One of Civic's own datasets for a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnDataset {
    /// Which records it publishes.
    pub source: DatasetSource,
    /// Its metadata when first listed (staff may edit it after).
    pub description: DatasetDescription,
    /// Its downloads, kept current.
    pub resources: Vec<Resource>,
}

use ColumnType::{Date, DateTime, Integer, Number, String as Text};

/// Columns of `/bodies/{body}/services.csv`.
pub const REGISTER_COLUMNS: [(&str, ColumnType, &str); 16] = [
    ("body", Text, "Identifier of the body that runs the service"),
    ("service", Text, "Identifier of the service within the body"),
    (
        "code",
        Text,
        "Standard service code (such as an LGSL number), if any",
    ),
    ("name", Text, "Name of the service"),
    (
        "description",
        Text,
        "What the service is for, in plain English",
    ),
    ("keywords", Text, "Keywords, separated by semicolons"),
    (
        "digital_inclusion_level",
        Integer,
        "Digital skill the online channel needs, 1 (none) to 9 (expert) on the digital inclusion scale",
    ),
    (
        "digital_inclusion_level_name",
        Text,
        "Name of that level of the digital inclusion scale",
    ),
    (
        "online",
        Text,
        "Web address of the online channel, if there is one",
    ),
    ("phone", Text, "Phone number, if the service takes calls"),
    ("counter", Text, "Where to go in person, if anywhere"),
    ("post", Text, "Postal address, if the service takes letters"),
    (
        "assisted_digital",
        Text,
        "Where to get help using the online channel",
    ),
    (
        "status",
        Text,
        "live, or retired for services no longer run",
    ),
    (
        "updated_at",
        DateTime,
        "When the service's entry last changed (UTC)",
    ),
    ("url", Text, "Path of the service's page on this site"),
];

/// Columns of `/bodies/{body}/requests.csv`.
pub const REQUEST_COLUMNS: [(&str, ColumnType, &str); 17] = [
    ("id", Integer, "Request number"),
    ("body", Text, "Identifier of the body asked"),
    ("service", Text, "Identifier of the service asked for"),
    ("service_name", Text, "Name of the service asked for"),
    (
        "status",
        Text,
        "Where the request stands in Civic's words (received, in progress, closed, ...)",
    ),
    (
        "open311_status",
        Text,
        "The status in Open311's two words: open or closed",
    ),
    (
        "channel",
        Text,
        "How the request reached the body (online, phone, counter, ...)",
    ),
    (
        "description",
        Text,
        "What the person asked for, as they wrote it (personal details are never published)",
    ),
    ("address", Text, "Where the problem is, if it has a place"),
    ("postcode", Text, "Postcode of that place"),
    (
        "uprn",
        Text,
        "Unique Property Reference Number of that place",
    ),
    ("lat", Number, "Latitude (WGS 84)"),
    ("long", Number, "Longitude (WGS 84)"),
    (
        "duplicate_of",
        Integer,
        "The request this one repeats, if any",
    ),
    ("requested_at", DateTime, "When the request was made (UTC)"),
    ("updated_at", DateTime, "When it last changed (UTC)"),
    (
        "expected_at",
        DateTime,
        "When the body expects to finish, from the service's target",
    ),
];

/// Columns of `/bodies/{body}/request-updates.csv`.
pub const REQUEST_UPDATE_COLUMNS: [(&str, ColumnType, &str); 7] = [
    ("update_id", Integer, "Update number"),
    ("request_id", Integer, "The request it updates"),
    ("service", Text, "Identifier of the request's service"),
    (
        "status",
        Text,
        "The request's status after the update, in Civic's words",
    ),
    (
        "open311_status",
        Text,
        "The same in Open311's two words: open or closed",
    ),
    ("description", Text, "What the body said publicly"),
    ("at", DateTime, "When the update was made (UTC)"),
];

/// Columns of `/performance/data.csv`.
pub const PERFORMANCE_COLUMNS: [(&str, ColumnType, &str); 23] = [
    ("period_start", Date, "First day of the period (UTC)"),
    ("period_end", Date, "Last day of the period (UTC)"),
    ("body", Text, "The body the row is for, when grouped by it"),
    (
        "service",
        Text,
        "The service the row is for, when grouped by it",
    ),
    (
        "code",
        Text,
        "The standard service code the row is for, when grouped by it",
    ),
    (
        "started",
        Integer,
        "Transactions started; empty when 1–4 (withheld)",
    ),
    (
        "started_digital",
        Integer,
        "Started online without help; empty when 1–4 (withheld)",
    ),
    (
        "started_assisted_digital",
        Integer,
        "Started online with help (assisted digital); empty when 1–4 (withheld)",
    ),
    (
        "started_phone",
        Integer,
        "Started by phone; empty when 1–4 (withheld)",
    ),
    (
        "started_counter",
        Integer,
        "Started in person; empty when 1–4 (withheld)",
    ),
    (
        "started_post",
        Integer,
        "Started by post; empty when 1–4 (withheld)",
    ),
    (
        "started_email",
        Integer,
        "Started by email; empty when 1–4 (withheld)",
    ),
    (
        "completed",
        Integer,
        "Transactions completed; empty when 1–4 (withheld)",
    ),
    (
        "completed_digital",
        Integer,
        "Completed online without help; empty when 1–4 (withheld)",
    ),
    (
        "not_completed",
        Integer,
        "Transactions that ended without completing; empty when 1–4 (withheld)",
    ),
    (
        "completion_rate",
        Number,
        "Completed ÷ transactions that reached an outcome (0–1); a correct refusal counts as completed",
    ),
    (
        "digital_take_up",
        Number,
        "Digital completions ÷ all completions (0–1); assisted digital is not digital",
    ),
    (
        "median_days",
        Number,
        "Median days from start to outcome of completed transactions, within 1% of the exact value",
    ),
    (
        "p90_days",
        Number,
        "90th percentile of days from start to outcome of completed transactions, within 1% of the exact value",
    ),
    (
        "within_target",
        Number,
        "Share of completions within the service's target (working days × 7/5 calendar days)",
    ),
    (
        "satisfied",
        Number,
        "Share of survey answers (asked at the outcome) that were 4 or 5 of 5",
    ),
    (
        "satisfaction_answers",
        Integer,
        "Survey answers; empty when 1–4 (withheld)",
    ),
    (
        "cost_per_transaction",
        Number,
        "Spend mapped to the service (pounds) ÷ completions",
    ),
];

/// Columns of `/bodies/{body}/spend.csv`.
pub const SPEND_COLUMNS: [(&str, ColumnType, &str); 3] = [
    ("paid_on", Date, "Day the payments were made"),
    (
        "service",
        Text,
        "Identifier of the service the payments were mapped to",
    ),
    (
        "amount_pounds",
        Number,
        "Total paid that day for that service, in pounds (payments over £500)",
    ),
];

/// Columns of `/bodies/{body}/data-requests.csv`.
pub const DATA_REQUEST_COLUMNS: [(&str, ColumnType, &str); 10] = [
    ("id", Integer, "Request number"),
    ("title", Text, "The data asked for"),
    ("status", Text, "open, accepted, published or refused"),
    (
        "supporters",
        Integer,
        "People who confirmed they want the data too",
    ),
    (
        "requested_at",
        DateTime,
        "When the request was made public (its email address confirmed), UTC",
    ),
    ("answered_at", DateTime, "When the body answered, UTC"),
    (
        "days_to_answer",
        Integer,
        "Whole days from the request to the answer",
    ),
    (
        "promised_on",
        Date,
        "When accepted: the date the body promised to publish by",
    ),
    (
        "dataset",
        Text,
        "When published: the catalogue name of the dataset",
    ),
    (
        "answer",
        Text,
        "The body's reason for a refusal, or its note",
    ),
];

/// Columns of `/bodies/{body}/data-sharing.csv`.
pub const SHARING_COLUMNS: [(&str, ColumnType, &str); 10] = [
    ("id", Integer, "Agreement number"),
    ("title", Text, "Name of the agreement"),
    (
        "parties",
        Text,
        "Organisations party to it, separated by semicolons",
    ),
    ("purpose", Text, "What the sharing is for"),
    ("legal_basis", Text, "The law that allows the sharing"),
    (
        "data_items",
        Text,
        "The data items shared, separated by semicolons",
    ),
    ("starts_on", Date, "First day of sharing"),
    ("review_on", Date, "When the agreement is next reviewed"),
    ("ends_on", Date, "Last day of sharing, if it ends"),
    (
        "owner",
        Text,
        "The person or role accountable for the agreement",
    ),
];

/// Columns as the catalogue stores them.
pub fn columns(list: &[(&str, ColumnType, &str)]) -> Vec<Column> {
    list.iter()
        .map(|(name, kind, description)| Column::new(name, *kind, description))
        .collect()
}

fn resource(
    dataset: &DatasetDescription,
    suffix: &str,
    format: &str,
    url: String,
    cols: &[(&str, ColumnType, &str)],
) -> Resource {
    // "Northshire County Council: service register" → "Service register".
    let short = dataset
        .title
        .split_once(": ")
        .map_or(dataset.title.as_str(), |(_, t)| t);
    let mut name: String = short.chars().take(1).flat_map(char::to_uppercase).collect();
    name.extend(short.chars().skip(1));
    Resource {
        id: format!("{}-{suffix}", dataset.name),
        name,
        description: String::new(),
        format: format.to_string(),
        url,
        columns: columns(cols),
        hosted: true,
    }
}

/// Civic's own datasets for `body`.
pub fn own_datasets(body: &Body) -> Vec<OwnDataset> {
    let b = &body.slug;
    let since = Some(body.created_at.date());
    let base =
        |source: DatasetSource, title: &str, description: String, theme: &str, tags: &[&str]| {
            let name = super::dataset_name(b, source.as_str());
            DatasetDescription {
                name,
                title: format!("{}: {title}", body.name),
                description,
                licence: super::LICENCES[0].id.to_string(),
                frequency: Frequency::Continuous,
                theme: theme.to_string(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                temporal_start: since,
                temporal_end: None,
                spatial: body.name.clone(),
                contact_name: String::new(),
                contact_email: String::new(),
                links: Vec::new(),
            }
        };
    let register = base(
        DatasetSource::ServiceRegister,
        "service register",
        format!(
            "Every service {} runs, with how to reach it by each channel and how much digital \
             skill its online channel needs on the digital inclusion scale. Staff keep it up \
             to date in Civic and every change is recorded in the service's history.",
            body.name
        ),
        "gove",
        &["services", "service register", "digital inclusion"],
    );
    let requests = base(
        DatasetSource::Requests,
        "service requests",
        format!(
            "Every public request made to {} through any channel, with its service, status, \
             place and dates. Names, email addresses and phone numbers are never published, \
             and requests the person asked to keep private are left out.",
            body.name
        ),
        "gove",
        &["requests", "open311", "reports"],
    );
    let performance = base(
        DatasetSource::Performance,
        "service performance",
        format!(
            "How every service of {} performs, computed from each transaction: volume by \
             channel, completion, time to outcome against target, digital take-up, \
             satisfaction and cost per transaction, by month. Counts from 1 to 4 are withheld.",
            body.name
        ),
        "gove",
        &["performance", "kpi", "digital take-up"],
    );
    let mut spend = base(
        DatasetSource::Spend,
        "spend on services",
        format!(
            "Payments over £500 by {} that staff have mapped to a service, added up by service \
             and day, from the spending data it publishes under the Local Government \
             Transparency Code.",
            body.name
        ),
        "econ",
        &["spend", "transparency", "finance"],
    );
    spend.frequency = Frequency::Monthly;
    let data_requests = base(
        DatasetSource::DataRequests,
        "requests for data",
        format!(
            "Every request anyone has made to {} for a dataset, how many people support it, \
             and the body's answer: accepted with a date, published with a link to the data, \
             or refused with a reason. How long each answer took is published too. The \
             requester's email address is never published.",
            body.name
        ),
        "gove",
        &["data requests", "open data", "transparency"],
    );
    let sharing = base(
        DatasetSource::SharingRegister,
        "data-sharing register",
        format!(
            "Every agreement under which {} shares data with another organisation: the \
             parties, the purpose, the legal basis, the data items shared, when it starts, is \
             reviewed and ends, and who is accountable for it.",
            body.name
        ),
        "gove",
        &["data sharing", "data protection", "transparency"],
    );
    vec![
        OwnDataset {
            source: DatasetSource::ServiceRegister,
            resources: vec![
                resource(
                    &register,
                    "csv",
                    "CSV",
                    format!("/bodies/{b}/services.csv"),
                    &REGISTER_COLUMNS,
                ),
                resource(
                    &register,
                    "json",
                    "JSON",
                    format!("/bodies/{b}/services.json"),
                    &[],
                ),
            ],
            description: register,
        },
        OwnDataset {
            source: DatasetSource::Requests,
            resources: vec![
                resource(
                    &requests,
                    "csv",
                    "CSV",
                    format!("/bodies/{b}/requests.csv"),
                    &REQUEST_COLUMNS,
                ),
                resource(
                    &requests,
                    "json",
                    "JSON",
                    format!("/bodies/{b}/requests.json"),
                    &[],
                ),
                Resource {
                    id: format!("{}-updates-csv", requests.name),
                    name: "Public updates of every request".into(),
                    description: "Every public update the body made to its requests.".into(),
                    format: "CSV".into(),
                    url: format!("/bodies/{b}/request-updates.csv"),
                    columns: columns(&REQUEST_UPDATE_COLUMNS),
                    hosted: true,
                },
                resource(
                    &requests,
                    "atom",
                    "ATOM",
                    format!("/bodies/{b}/requests.atom"),
                    &[],
                ),
            ],
            description: requests,
        },
        OwnDataset {
            source: DatasetSource::Performance,
            resources: vec![
                resource(
                    &performance,
                    "csv",
                    "CSV",
                    format!("/performance/data.csv?body={b}"),
                    &PERFORMANCE_COLUMNS,
                ),
                resource(
                    &performance,
                    "json",
                    "JSON",
                    format!("/performance/data.json?body={b}"),
                    &[],
                ),
            ],
            description: performance,
        },
        OwnDataset {
            source: DatasetSource::Spend,
            resources: vec![
                resource(
                    &spend,
                    "csv",
                    "CSV",
                    format!("/bodies/{b}/spend.csv"),
                    &SPEND_COLUMNS,
                ),
                resource(
                    &spend,
                    "json",
                    "JSON",
                    format!("/bodies/{b}/spend.json"),
                    &[],
                ),
            ],
            description: spend,
        },
        OwnDataset {
            source: DatasetSource::DataRequests,
            resources: vec![
                resource(
                    &data_requests,
                    "csv",
                    "CSV",
                    format!("/bodies/{b}/data-requests.csv"),
                    &DATA_REQUEST_COLUMNS,
                ),
                resource(
                    &data_requests,
                    "json",
                    "JSON",
                    format!("/bodies/{b}/data-requests.json"),
                    &[],
                ),
            ],
            description: data_requests,
        },
        OwnDataset {
            source: DatasetSource::SharingRegister,
            resources: vec![
                resource(
                    &sharing,
                    "csv",
                    "CSV",
                    format!("/bodies/{b}/data-sharing.csv"),
                    &SHARING_COLUMNS,
                ),
                resource(
                    &sharing,
                    "json",
                    "JSON",
                    format!("/bodies/{b}/data-sharing.json"),
                    &[],
                ),
            ],
            description: sharing,
        },
    ]
}
