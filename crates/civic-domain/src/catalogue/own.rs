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
    /// The Welsh title and description Civic wrote for it before the body had a Welsh name:
    /// listing it again replaces them (Welsh that staff wrote stays).
    pub replaces_cy: Option<(String, String)>,
}

use ColumnType::{Date, DateTime, Integer, Number, String as Text};

/// Columns of `/bodies/{body}/services.csv`.
pub const REGISTER_COLUMNS: [(&str, ColumnType, &str); 21] = [
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
    (
        "name_cy",
        Text,
        "Name of the service in Welsh, if it has one",
    ),
    (
        "description_cy",
        Text,
        "What the service is for, in Welsh, if it is described in Welsh",
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
        "counter_cy",
        Text,
        "Where to go in person, in Welsh, if given",
    ),
    ("post_cy", Text, "Postal address in Welsh, if given"),
    (
        "assisted_digital_cy",
        Text,
        "Where to get help using the online channel, in Welsh, if given",
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

/// The same columns described in Welsh, in the same order.
pub const REGISTER_COLUMNS_CY: [&str; 21] = [
    "Dynodydd y corff sy'n rhedeg y gwasanaeth",
    "Dynodydd y gwasanaeth o fewn y corff",
    "Cod safonol y gwasanaeth (fel rhif LGSL), os oes un",
    "Enw'r gwasanaeth",
    "Diben y gwasanaeth, mewn Saesneg clir",
    "Enw'r gwasanaeth yn Gymraeg, os oes un",
    "Diben y gwasanaeth yn Gymraeg, os oes disgrifiad Cymraeg",
    "Geiriau allweddol, wedi'u gwahanu gan hanner colonau",
    "Y sgiliau digidol sydd eu hangen ar y sianel ar-lein, o 1 (dim) i 9 (arbenigwr) ar y raddfa cynhwysiant digidol",
    "Enw'r lefel honno ar y raddfa cynhwysiant digidol",
    "Cyfeiriad gwe'r sianel ar-lein, os oes un",
    "Rhif ffôn, os yw'r gwasanaeth yn derbyn galwadau",
    "Ble i fynd wyneb yn wyneb, os oes rhywle",
    "Cyfeiriad post, os yw'r gwasanaeth yn derbyn llythyrau",
    "Ble i gael help i ddefnyddio'r sianel ar-lein",
    "Ble i fynd wyneb yn wyneb, yn Gymraeg, os rhoddwyd hynny",
    "Cyfeiriad post yn Gymraeg, os rhoddwyd un",
    "Ble i gael help i ddefnyddio'r sianel ar-lein, yn Gymraeg, os rhoddwyd hynny",
    "live, neu retired ar gyfer gwasanaethau sydd wedi'u tynnu'n ôl",
    "Pryd newidiodd cofnod y gwasanaeth ddiwethaf (UTC)",
    "Llwybr tudalen y gwasanaeth ar y wefan hon",
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

/// The same columns described in Welsh, in the same order.
pub const REQUEST_COLUMNS_CY: [&str; 17] = [
    "Rhif y cais",
    "Dynodydd y corff a gafodd y cais",
    "Dynodydd y gwasanaeth y gofynnwyd amdano",
    "Enw'r gwasanaeth y gofynnwyd amdano",
    "Sefyllfa'r cais yng ngeiriau Civic (received, in progress, closed, ...)",
    "Y statws yn nau air Open311: open neu closed",
    "Sut cyrhaeddodd y cais y corff (online, phone, counter, ...)",
    "Yr hyn y gofynnodd yr unigolyn amdano, yn ei eiriau ei hun (ni chaiff manylion personol byth eu cyhoeddi)",
    "Ble mae'r broblem, os oes ganddi leoliad",
    "Cod post y lleoliad hwnnw",
    "Cyfeirnod Eiddo Unigryw (UPRN) y lleoliad hwnnw",
    "Lledred (WGS 84)",
    "Hydred (WGS 84)",
    "Y cais y mae hwn yn ei ailadrodd, os oes un",
    "Pryd y gwnaed y cais (UTC)",
    "Pryd newidiodd ddiwethaf (UTC)",
    "Pryd mae'r corff yn disgwyl gorffen, yn ôl targed y gwasanaeth",
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

/// The same columns described in Welsh, in the same order.
pub const REQUEST_UPDATE_COLUMNS_CY: [&str; 7] = [
    "Rhif y diweddariad",
    "Y cais y mae'n ei ddiweddaru",
    "Dynodydd gwasanaeth y cais",
    "Statws y cais ar ôl y diweddariad, yng ngeiriau Civic",
    "Yr un peth yn nau air Open311: open neu closed",
    "Yr hyn a ddywedodd y corff yn gyhoeddus",
    "Pryd y gwnaed y diweddariad (UTC)",
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

/// The same columns described in Welsh, in the same order.
pub const PERFORMANCE_COLUMNS_CY: [&str; 23] = [
    "Diwrnod cyntaf y cyfnod (UTC)",
    "Diwrnod olaf y cyfnod (UTC)",
    "Y corff y mae'r rhes ar ei gyfer, wrth grwpio fesul corff",
    "Y gwasanaeth y mae'r rhes ar ei gyfer, wrth grwpio fesul gwasanaeth",
    "Y cod gwasanaeth safonol y mae'r rhes ar ei gyfer, wrth grwpio fesul cod",
    "Trafodion a ddechreuwyd; yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Wedi'u dechrau ar-lein heb help; yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Wedi'u dechrau ar-lein gyda help (cymorth digidol); yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Wedi'u dechrau dros y ffôn; yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Wedi'u dechrau wyneb yn wyneb; yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Wedi'u dechrau drwy'r post; yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Wedi'u dechrau drwy e-bost; yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Trafodion a gwblhawyd; yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Wedi'u cwblhau ar-lein heb help; yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Trafodion a ddaeth i ben heb eu cwblhau; yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Y rhai a gwblhawyd ÷ y trafodion a gyrhaeddodd ganlyniad (0–1); mae gwrthod yn gywir yn cyfrif fel cwblhau",
    "Cwblhau digidol ÷ pob cwblhau (0–1); nid yw cymorth digidol yn cyfrif fel digidol",
    "Amser canolrifol mewn diwrnodau o'r dechrau hyd at y canlyniad i drafodion a gwblhawyd, o fewn 1% i'r union werth",
    "90fed canradd y diwrnodau o'r dechrau hyd at y canlyniad i drafodion a gwblhawyd, o fewn 1% i'r union werth",
    "Cyfran y cwblhau o fewn targed y gwasanaeth (diwrnodau gwaith × 7/5 diwrnod calendr)",
    "Cyfran yr atebion i'r arolwg (a ofynnwyd adeg y canlyniad) a oedd yn 4 neu 5 allan o 5",
    "Atebion i'r arolwg; yn wag pan fo'n 1–4 (wedi'u hatal)",
    "Gwariant wedi'i gysylltu â'r gwasanaeth (punnoedd) ÷ cwblhau",
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

/// The same columns described in Welsh, in the same order.
pub const SPEND_COLUMNS_CY: [&str; 3] = [
    "Y diwrnod y gwnaed y taliadau",
    "Dynodydd y gwasanaeth y cysylltwyd y taliadau ag ef",
    "Cyfanswm a dalwyd y diwrnod hwnnw am y gwasanaeth hwnnw, mewn punnoedd (taliadau dros £500)",
];

/// Columns of `/bodies/{body}/digital-help.csv` (and the hub's `/digital-help.csv`).
pub const PLACE_COLUMNS: [(&str, ColumnType, &str); 20] = [
    ("body", Text, "Identifier of the body that lists the place"),
    (
        "id",
        Text,
        "Identifier of the place, unique within its body",
    ),
    ("name", Text, "Name"),
    (
        "name_cy",
        Text,
        "Name in Welsh (empty when there is none yet)",
    ),
    (
        "kind",
        Text,
        "library, town-hall, community-centre, charity or other",
    ),
    ("address", Text, "Address, from the addresses register"),
    ("postcode", Text, "Postcode"),
    (
        "uprn",
        Text,
        "Unique Property Reference Number of the address",
    ),
    ("latitude", Number, "Latitude (WGS84) of the address"),
    ("longitude", Number, "Longitude (WGS84) of the address"),
    (
        "opening",
        Text,
        "Opening times for help, day and times separated by semicolons: monday 09:00-17:00",
    ),
    ("opening_note", Text, "Exceptions to the opening times"),
    (
        "help",
        Text,
        "Help given, separated by spaces: computers, wifi, digital-buddy, courses, forms",
    ),
    (
        "course_levels",
        Text,
        "Levels of the digital inclusion scale (1-9) the courses are for, separated by spaces",
    ),
    (
        "services",
        Text,
        "Identifiers of the body's services whose forms the place helps with, separated by spaces",
    ),
    (
        "accessibility",
        Text,
        "Accessibility features, separated by spaces",
    ),
    (
        "languages",
        Text,
        "Languages help is given in besides English, separated by semicolons",
    ),
    ("booking", Text, "not-needed, recommended or required"),
    ("website", Text, "Web page of the place"),
    (
        "updated_at",
        DateTime,
        "When the place's details last changed",
    ),
];

/// The same columns described in Welsh, in the same order.
pub const PLACE_COLUMNS_CY: [&str; 20] = [
    "Dynodydd y corff sy'n rhestru'r lle",
    "Dynodydd y lle, unigryw o fewn ei gorff",
    "Enw",
    "Enw yn Gymraeg (gwag pan nad oes un eto)",
    "library, town-hall, community-centre, charity neu other",
    "Cyfeiriad, o'r gofrestr cyfeiriadau",
    "Cod post",
    "Cyfeirnod Eiddo Unigryw (UPRN) y cyfeiriad",
    "Lledred (WGS84) y cyfeiriad",
    "Hydred (WGS84) y cyfeiriad",
    "Oriau agor ar gyfer cymorth, diwrnod ac amseroedd wedi'u gwahanu â hanner colon: monday 09:00-17:00",
    "Eithriadau i'r oriau agor",
    "Y cymorth a roddir, wedi'i wahanu â bylchau: computers, wifi, digital-buddy, courses, forms",
    "Lefelau'r raddfa cynhwysiant digidol (1-9) y mae'r cyrsiau ar eu cyfer, wedi'u gwahanu â bylchau",
    "Dynodyddion gwasanaethau'r corff y mae'r lle yn helpu gyda'u ffurflenni, wedi'u gwahanu â bylchau",
    "Nodweddion hygyrchedd, wedi'u gwahanu â bylchau",
    "Ieithoedd y rhoddir cymorth ynddynt heblaw Saesneg, wedi'u gwahanu â hanner colon",
    "not-needed, recommended neu required",
    "Tudalen we'r lle",
    "Pryd y newidiodd manylion y lle ddiwethaf",
];

/// Columns of `/bodies/{body}/digital-help/usage.csv`: counts from 1 to 4 are withheld
/// (empty), as on the performance pages.
pub const PLACE_USAGE_COLUMNS: [(&str, ColumnType, &str); 15] = [
    ("body", Text, "Identifier of the body that lists the place"),
    ("place", Text, "Identifier of the place"),
    ("month", Text, "Month reported, YYYY-MM"),
    (
        "service",
        Text,
        "Identifier of the service the help was with; empty for digital help in general",
    ),
    ("sessions", Integer, "Sessions held"),
    (
        "people",
        Integer,
        "People helped (empty when 1 to 4, or when any level is)",
    ),
    (
        "people_level_1",
        Integer,
        "People helped who started at level 1 (empty when 1 to 4)",
    ),
    (
        "people_level_2",
        Integer,
        "People helped who started at level 2 (empty when 1 to 4)",
    ),
    (
        "people_level_3",
        Integer,
        "People helped who started at level 3 (empty when 1 to 4)",
    ),
    (
        "people_level_4",
        Integer,
        "People helped who started at level 4 (empty when 1 to 4)",
    ),
    (
        "people_level_5",
        Integer,
        "People helped who started at level 5 (empty when 1 to 4)",
    ),
    (
        "people_level_6",
        Integer,
        "People helped who started at level 6 (empty when 1 to 4)",
    ),
    (
        "people_level_7",
        Integer,
        "People helped who started at level 7 (empty when 1 to 4)",
    ),
    (
        "people_level_8",
        Integer,
        "People helped who started at level 8 (empty when 1 to 4)",
    ),
    (
        "people_level_9",
        Integer,
        "People helped who started at level 9 (empty when 1 to 4)",
    ),
];

/// The same columns described in Welsh, in the same order.
pub const PLACE_USAGE_COLUMNS_CY: [&str; 15] = [
    "Dynodydd y corff sy'n rhestru'r lle",
    "Dynodydd y lle",
    "Y mis yr adroddwyd arno, BBBB-MM",
    "Dynodydd y gwasanaeth yr oedd y cymorth gydag ef; gwag ar gyfer cymorth digidol yn gyffredinol",
    "Sesiynau a gynhaliwyd",
    "Pobl a gafodd help (gwag pan fo rhwng 1 a 4, neu pan fo unrhyw lefel felly)",
    "Pobl a gafodd help a ddechreuodd ar lefel 1 (gwag pan fo rhwng 1 a 4)",
    "Pobl a gafodd help a ddechreuodd ar lefel 2 (gwag pan fo rhwng 1 a 4)",
    "Pobl a gafodd help a ddechreuodd ar lefel 3 (gwag pan fo rhwng 1 a 4)",
    "Pobl a gafodd help a ddechreuodd ar lefel 4 (gwag pan fo rhwng 1 a 4)",
    "Pobl a gafodd help a ddechreuodd ar lefel 5 (gwag pan fo rhwng 1 a 4)",
    "Pobl a gafodd help a ddechreuodd ar lefel 6 (gwag pan fo rhwng 1 a 4)",
    "Pobl a gafodd help a ddechreuodd ar lefel 7 (gwag pan fo rhwng 1 a 4)",
    "Pobl a gafodd help a ddechreuodd ar lefel 8 (gwag pan fo rhwng 1 a 4)",
    "Pobl a gafodd help a ddechreuodd ar lefel 9 (gwag pan fo rhwng 1 a 4)",
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

/// The same columns described in Welsh, in the same order.
pub const DATA_REQUEST_COLUMNS_CY: [&str; 10] = [
    "Rhif y cais",
    "Y data y gofynnwyd amdano",
    "open, accepted, published neu refused",
    "Pobl a gadarnhaodd eu bod hwythau eisiau'r data",
    "Pryd y cyhoeddwyd y cais (wedi i'w gyfeiriad e-bost gael ei gadarnhau), UTC",
    "Pryd atebodd y corff, UTC",
    "Diwrnodau cyfan o'r cais hyd at yr ateb",
    "Os cafodd ei dderbyn: erbyn pa ddyddiad yr addawodd y corff gyhoeddi",
    "Os cafodd ei gyhoeddi: enw'r set ddata yn y catalog",
    "Rheswm y corff dros wrthod, neu ei nodyn",
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

/// The same columns described in Welsh, in the same order.
pub const SHARING_COLUMNS_CY: [&str; 10] = [
    "Rhif y cytundeb",
    "Enw'r cytundeb",
    "Y sefydliadau sy'n rhan ohono, wedi'u gwahanu gan hanner colonau",
    "Diben y rhannu",
    "Y gyfraith sy'n caniatáu'r rhannu",
    "Yr eitemau data a rennir, wedi'u gwahanu gan hanner colonau",
    "Diwrnod cyntaf y rhannu",
    "Pryd y caiff y cytundeb ei adolygu nesaf",
    "Diwrnod olaf y rhannu, os daw i ben",
    "Yr unigolyn neu'r rôl sy'n atebol am y cytundeb",
];

/// Columns as the catalogue stores them, described in English and in Welsh (`welsh` in the
/// same order as `list`).
pub fn columns(list: &[(&str, ColumnType, &str)], welsh: &[&str]) -> Vec<Column> {
    list.iter()
        .enumerate()
        .map(|(i, (name, kind, description))| {
            Column::new(name, *kind, description).with_welsh(welsh.get(i).copied().unwrap_or(""))
        })
        .collect()
}

/// "service register" → "Service register".
fn capitalised(text: &str) -> String {
    let mut out: String = text.chars().take(1).flat_map(char::to_uppercase).collect();
    out.extend(text.chars().skip(1));
    out
}

/// A resource of `dataset` named after its short title (`name` in English and Welsh).
fn resource(
    dataset: &DatasetDescription,
    name: (&str, &str),
    suffix: &str,
    format: &str,
    url: String,
    cols: (&[(&str, ColumnType, &str)], &[&str]),
) -> Resource {
    Resource {
        id: format!("{}-{suffix}", dataset.name),
        name: capitalised(name.0),
        name_cy: capitalised(name.1),
        format: format.to_string(),
        url,
        columns: columns(cols.0, cols.1),
        hosted: true,
        ..Resource::default()
    }
}

/// What one of Civic's own datasets says about itself, in English and Welsh.
struct Words {
    source: DatasetSource,
    /// Its short title ("service register", "cofrestr gwasanaethau").
    title: (&'static str, &'static str),
    description: (String, String),
    theme: &'static str,
    tags: [&'static str; 3],
}

/// The words of every own dataset of a body called `en` in English and `cy` in Welsh (its
/// English name when it has no Welsh one). Each name stands where Welsh does not mutate it
/// (after a verb, or owning a noun), so any name reads right.
fn words(en: &str, cy: &str) -> [Words; 7] {
    [
        Words {
            source: DatasetSource::ServiceRegister,
            title: ("service register", "cofrestr gwasanaethau"),
            description: (
                format!(
                    "Every service {en} runs, with how to reach it by each channel and how \
                     much digital skill its online channel needs on the digital inclusion \
                     scale. Staff keep it up to date in Civic and every change is recorded in \
                     the service's history."
                ),
                format!(
                    "Pob gwasanaeth y mae {cy} yn ei redeg, gyda sut i'w gyrraedd drwy bob \
                     sianel a faint o sgiliau digidol sydd eu hangen ar ei sianel ar-lein ar y \
                     raddfa cynhwysiant digidol. Mae staff yn ei gadw'n gyfredol yn Civic, a \
                     chaiff pob newid ei gofnodi yn hanes y gwasanaeth."
                ),
            ),
            theme: "gove",
            tags: ["services", "service register", "digital inclusion"],
        },
        Words {
            source: DatasetSource::Requests,
            title: ("service requests", "ceisiadau am wasanaethau"),
            description: (
                format!(
                    "Every public request made to {en} through any channel, with its service, \
                     status, place and dates. Names, email addresses and phone numbers are \
                     never published, and requests the person asked to keep private are left \
                     out."
                ),
                format!(
                    "Pob cais cyhoeddus y mae {cy} wedi'i gael drwy unrhyw sianel, gyda'i \
                     wasanaeth, ei statws, ei leoliad a'i ddyddiadau. Ni chaiff enwau, \
                     cyfeiriadau e-bost na rhifau ffôn byth eu cyhoeddi, a chaiff ceisiadau y \
                     gofynnodd yr unigolyn am eu cadw'n breifat eu hepgor."
                ),
            ),
            theme: "gove",
            tags: ["requests", "open311", "reports"],
        },
        Words {
            source: DatasetSource::Performance,
            title: ("service performance", "perfformiad gwasanaethau"),
            description: (
                format!(
                    "How every service of {en} performs, computed from each transaction: \
                     volume by channel, completion, time to outcome against target, digital \
                     take-up, satisfaction and cost per transaction, by month. Counts from 1 \
                     to 4 are withheld."
                ),
                format!(
                    "Sut mae pob un o wasanaethau {cy} yn perfformio, wedi'i gyfrifo o bob \
                     trafodiad: nifer fesul sianel, cwblhau, amser hyd at y canlyniad o'i \
                     gymharu â'r targed, defnydd digidol, bodlonrwydd a chost fesul trafodiad, \
                     fesul mis. Caiff niferoedd o 1 i 4 eu hatal."
                ),
            ),
            theme: "gove",
            tags: ["performance", "kpi", "digital take-up"],
        },
        Words {
            source: DatasetSource::Spend,
            title: ("spend on services", "gwariant ar wasanaethau"),
            description: (
                format!(
                    "Payments over £500 by {en} that staff have mapped to a service, added up \
                     by service and day, from the spending data it publishes under the Local \
                     Government Transparency Code."
                ),
                format!(
                    "Taliadau dros £500 a wnaeth {cy} y mae staff wedi'u cysylltu â \
                     gwasanaeth, wedi'u hadio fesul gwasanaeth a diwrnod, o'r data gwariant y \
                     mae'n ei gyhoeddi dan God Tryloywder Llywodraeth Leol."
                ),
            ),
            theme: "econ",
            tags: ["spend", "transparency", "finance"],
        },
        Words {
            source: DatasetSource::DataRequests,
            title: ("requests for data", "ceisiadau am ddata"),
            description: (
                format!(
                    "Every request anyone has made to {en} for a dataset, how many people \
                     support it, and the body's answer: accepted with a date, published with \
                     a link to the data, or refused with a reason. How long each answer took \
                     is published too. The requester's email address is never published."
                ),
                format!(
                    "Pob cais am set ddata sydd wedi dod i law {cy}, faint o bobl sy'n ei \
                     gefnogi, ac ateb y corff: wedi'i dderbyn gyda dyddiad, wedi'i gyhoeddi \
                     gyda dolen i'r data, neu wedi'i wrthod gyda rheswm. Caiff yr amser a \
                     gymerodd pob ateb ei gyhoeddi hefyd. Ni chaiff cyfeiriad e-bost y sawl a \
                     wnaeth y cais byth ei gyhoeddi."
                ),
            ),
            theme: "gove",
            tags: ["data requests", "open data", "transparency"],
        },
        Words {
            source: DatasetSource::SharingRegister,
            title: ("data-sharing register", "cofrestr rhannu data"),
            description: (
                format!(
                    "Every agreement under which {en} shares data with another organisation: \
                     the parties, the purpose, the legal basis, the data items shared, when it \
                     starts, is reviewed and ends, and who is accountable for it."
                ),
                format!(
                    "Pob cytundeb y mae {cy} yn rhannu data oddi tano â sefydliad arall: y \
                     partïon, y diben, y sail gyfreithiol, yr eitemau data a rennir, pryd mae'n \
                     dechrau, pryd caiff ei adolygu a phryd mae'n dod i ben, a phwy sy'n atebol \
                     amdano."
                ),
            ),
            theme: "gove",
            tags: ["data sharing", "data protection", "transparency"],
        },
        Words {
            source: DatasetSource::DigitalHelp,
            title: (
                "places that give digital help",
                "lleoedd sy'n rhoi cymorth digidol",
            ),
            description: (
                format!(
                    "The libraries, town halls, community centres and partner charities where \
                     {en} helps people use services online: address, opening times, the help \
                     given, accessibility and languages, and month by month the sessions held \
                     and the people helped by the level of the digital inclusion scale they \
                     started at. Counts from 1 to 4 are withheld."
                ),
                format!(
                    "Y llyfrgelloedd, neuaddau'r dref, canolfannau cymunedol ac elusennau \
                     partner lle mae {cy} yn helpu pobl i ddefnyddio gwasanaethau ar-lein: \
                     cyfeiriad, oriau agor, y cymorth a roddir, hygyrchedd ac ieithoedd, a bob \
                     mis y sesiynau a gynhaliwyd a'r bobl a gafodd help yn ôl lefel y raddfa \
                     cynhwysiant digidol yr oeddent arni ar y dechrau. Caiff cyfrifon o 1 i 4 \
                     eu hatal."
                ),
            ),
            theme: "soci",
            tags: ["digital inclusion", "assisted digital", "libraries"],
        },
    ]
}

/// Civic's own datasets for `body`, described in English and in Welsh (with the body's
/// Welsh name when it has one).
pub fn own_datasets(body: &Body) -> Vec<OwnDataset> {
    let mut own = datasets_in(body, body.name_in(true));
    if body.name_in(true) != body.name {
        // What Civic wrote in Welsh before the body had a Welsh name gives way to this.
        // Only the words are needed, not whole datasets with their resources.
        for (dataset, before) in own.iter_mut().zip(words(&body.name, &body.name)) {
            dataset.replaces_cy = Some((
                format!("{}: {}", body.name, before.title.1),
                before.description.1,
            ));
        }
    }
    own
}

/// Civic's own datasets for `body`, its name in Welsh text being `name_cy`.
fn datasets_in(body: &Body, name_cy: &str) -> Vec<OwnDataset> {
    let b = &body.slug;
    let since = Some(body.created_at.date());
    words(&body.name, name_cy)
        .into_iter()
        .map(|w| {
            let mut description = DatasetDescription {
                name: super::dataset_name(b, w.source.as_str()),
                title: format!("{}: {}", body.name, w.title.0),
                description: w.description.0,
                title_cy: format!("{name_cy}: {}", w.title.1),
                description_cy: w.description.1,
                licence: super::LICENCES[0].id.to_string(),
                frequency: Frequency::Continuous,
                theme: w.theme.to_string(),
                tags: w.tags.iter().map(|t| t.to_string()).collect(),
                temporal_start: since,
                temporal_end: None,
                spatial: body.name.clone(),
                contact_name: String::new(),
                contact_email: String::new(),
                links: Vec::new(),
                access: super::AccessRights::Public,
                how_to_apply: String::new(),
            };
            let d = &description;
            let named = |suffix: &str, format: &str, url: String, cols| {
                resource(d, w.title, suffix, format, url, cols)
            };
            type Columns<'c> = (&'c [(&'c str, ColumnType, &'c str)], &'c [&'c str]);
            let none: Columns = (&[], &[]);
            // Each dataset is a table as CSV (described column by column) and as JSON.
            let (csv, json, table): (String, String, Columns) = match w.source {
                DatasetSource::ServiceRegister => (
                    format!("/bodies/{b}/services.csv"),
                    format!("/bodies/{b}/services.json"),
                    (&REGISTER_COLUMNS, &REGISTER_COLUMNS_CY),
                ),
                DatasetSource::Requests => (
                    format!("/bodies/{b}/requests.csv"),
                    format!("/bodies/{b}/requests.json"),
                    (&REQUEST_COLUMNS, &REQUEST_COLUMNS_CY),
                ),
                DatasetSource::Performance => (
                    format!("/performance/data.csv?body={b}"),
                    format!("/performance/data.json?body={b}"),
                    (&PERFORMANCE_COLUMNS, &PERFORMANCE_COLUMNS_CY),
                ),
                DatasetSource::Spend => (
                    format!("/bodies/{b}/spend.csv"),
                    format!("/bodies/{b}/spend.json"),
                    (&SPEND_COLUMNS, &SPEND_COLUMNS_CY),
                ),
                DatasetSource::DataRequests => (
                    format!("/bodies/{b}/data-requests.csv"),
                    format!("/bodies/{b}/data-requests.json"),
                    (&DATA_REQUEST_COLUMNS, &DATA_REQUEST_COLUMNS_CY),
                ),
                DatasetSource::DigitalHelp => (
                    format!("/bodies/{b}/digital-help.csv"),
                    format!("/bodies/{b}/digital-help.json"),
                    (&PLACE_COLUMNS, &PLACE_COLUMNS_CY),
                ),
                _ => (
                    format!("/bodies/{b}/data-sharing.csv"),
                    format!("/bodies/{b}/data-sharing.json"),
                    (&SHARING_COLUMNS, &SHARING_COLUMNS_CY),
                ),
            };
            let mut resources = vec![
                named("csv", "CSV", csv, table),
                named("json", "JSON", json, none),
            ];
            if w.source == DatasetSource::Requests {
                resources.push(Resource {
                    id: format!("{}-updates-csv", d.name),
                    name: "Public updates of every request".into(),
                    description: "Every public update the body made to its requests.".into(),
                    name_cy: "Diweddariadau cyhoeddus pob cais".into(),
                    description_cy: "Pob diweddariad cyhoeddus a wnaeth y corff i'w geisiadau."
                        .into(),
                    format: "CSV".into(),
                    url: format!("/bodies/{b}/request-updates.csv"),
                    columns: columns(&REQUEST_UPDATE_COLUMNS, &REQUEST_UPDATE_COLUMNS_CY),
                    hosted: true,
                });
                resources.push(named(
                    "atom",
                    "ATOM",
                    format!("/bodies/{b}/requests.atom"),
                    none,
                ));
            }
            if w.source == DatasetSource::DigitalHelp {
                resources.push(Resource {
                    id: format!("{}-usage-csv", d.name),
                    name: "Reported use of each place, by month".into(),
                    description: "Sessions held and people helped at each place each month, \
                                  by the level of the digital inclusion scale they started at."
                        .into(),
                    name_cy: "Y defnydd a adroddwyd o bob lle, fesul mis".into(),
                    description_cy: "Y sesiynau a gynhaliwyd a'r bobl a gafodd help ym mhob \
                                     lle bob mis, yn ôl lefel y raddfa cynhwysiant digidol yr \
                                     oeddent arni ar y dechrau."
                        .into(),
                    format: "CSV".into(),
                    url: format!("/bodies/{b}/digital-help/usage.csv"),
                    columns: columns(&PLACE_USAGE_COLUMNS, &PLACE_USAGE_COLUMNS_CY),
                    hosted: true,
                });
            }
            if w.source == DatasetSource::Spend {
                description.frequency = Frequency::Monthly;
            }
            OwnDataset {
                source: w.source,
                description,
                resources,
                replaces_cy: None,
            }
        })
        .collect()
}
