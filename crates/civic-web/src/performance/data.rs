//! Performance reports built from measure cells: report rows, withholding of small counts,
//! the open data API (`/performance/data.csv|json`), the accuracy check and the schema.

use crate::AppError;
use crate::AppState;
use crate::app::error::ApiError;
use crate::app::extract::Query;
use crate::app::negotiate::open_data;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Json;
use axum::response::Response;
use civic_domain::measures::DEFAULT_ACCURACY;
use civic_domain::measures::DurationSketch;
use civic_domain::measures::EventChannel;
use civic_domain::measures::Measures;
use civic_domain::measures::Period;
use civic_domain::measures::SUPPRESS_BELOW;
use civic_domain::measures::publishable;
use civic_storage::MeasureCell;
use civic_storage::MeasureFilter;
use civic_storage::SpendTotal;
use serde::Deserialize;
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;
use time::OffsetDateTime;

/// What a report is grouped by besides the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// Everything selected, added up.
    Nothing,
    /// Each body.
    Body,
    /// Each service of each body.
    Service,
    /// Each standard service (code), across bodies.
    Code,
}

impl GroupBy {
    /// Parses `group_by`.
    pub fn parse(s: Option<&str>) -> Option<GroupBy> {
        match s.map(str::trim).unwrap_or("") {
            "" => Some(GroupBy::Nothing),
            "body" => Some(GroupBy::Body),
            "service" => Some(GroupBy::Service),
            "code" => Some(GroupBy::Code),
            _ => None,
        }
    }
}

/// The group a row belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Group {
    /// Body identifier, when grouped by body or service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Body name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_name: Option<String>,
    /// Service identifier, when grouped by service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Service name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    /// Standard code, when grouped by code or service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// One period of one group, before anything is withheld.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    /// First day.
    pub start: Date,
    /// First day of the next period.
    pub end: Date,
    /// The group.
    pub group: Group,
    /// Everything counted.
    pub measures: Measures,
    /// Spend mapped to the group's services, in pence.
    pub spend_pence: i64,
    /// Target in working days, when every service in the group has the same one.
    pub target_days: Option<i32>,
}

/// Calendar days a target of `working_days` spans, for comparison with elapsed time.
pub fn target_calendar_days(working_days: i32) -> f64 {
    f64::from(working_days) * 7.0 / 5.0
}

/// The first period start of a window of `span` periods ending with the one holding `today`.
pub fn window(period: Period, today: Date, span: usize) -> (Date, Date) {
    let last = period.start(today);
    let mut start = last;
    for _ in 1..span {
        let previous = start.previous_day().unwrap_or(start);
        start = period.start(previous);
    }
    (start, period.next(last))
}

/// The most rows one report may hold; every period of every group is a row, so a national
/// report by service and day could otherwise fill the server's memory.
pub const MAX_ROWS: usize = 200_000;

/// Adds cells and spend up into one row per period and group, every period of the window
/// present (empty ones as zeros, as the Performance Platform filled them). More than
/// `MAX_ROWS` rows is a 400 asking for a narrower query.
pub fn build_rows(
    cells: &[MeasureCell],
    spend: &[SpendTotal],
    period: Period,
    group_by: GroupBy,
    from: Date,
    to: Date,
) -> Result<Vec<ReportRow>, AppError> {
    let group_of =
        |body: &str, body_name: &str, service: &str, service_name: &str, code: &str| match group_by
        {
            GroupBy::Nothing => Group::default(),
            GroupBy::Body => Group {
                body: Some(body.into()),
                body_name: Some(body_name.into()),
                ..Group::default()
            },
            GroupBy::Service => Group {
                body: Some(body.into()),
                body_name: Some(body_name.into()),
                service: Some(service.into()),
                service_name: Some(service_name.into()),
                code: Some(code.into()),
            },
            GroupBy::Code => Group {
                code: Some(code.into()),
                ..Group::default()
            },
        };
    let mut targets: BTreeMap<Group, Option<Option<i32>>> = BTreeMap::new();
    let mut totals: BTreeMap<(Group, Date), (Measures, i64)> = BTreeMap::new();
    let mut names: BTreeMap<(String, String), Group> = BTreeMap::new();
    for cell in cells {
        let group = group_of(
            &cell.body,
            &cell.body_name,
            &cell.service,
            &cell.service_name,
            &cell.code,
        );
        names.insert((cell.body.clone(), cell.service.clone()), group.clone());
        let target = targets
            .entry(group.clone())
            .or_insert(Some(cell.target_days));
        if *target != Some(cell.target_days) {
            *target = Some(None);
        }
        let start = period.start(cell.period_start);
        totals
            .entry((group, start))
            .or_default()
            .0
            .merge(&cell.measures);
    }
    for line in spend {
        // Spend of a service with no measures in the window still belongs to its group.
        let group = names
            .get(&(line.body.clone(), line.service.clone()))
            .cloned()
            .unwrap_or_else(|| match group_by {
                GroupBy::Nothing => Group::default(),
                _ => group_of(
                    &line.body,
                    &line.body,
                    &line.service,
                    &line.service,
                    &line.code,
                ),
            });
        totals
            .entry((group, period.start(line.paid_on)))
            .or_default()
            .1 += line.pence;
    }
    let mut groups: Vec<Group> = totals.keys().map(|(g, _)| g.clone()).collect();
    groups.dedup();
    if groups.is_empty() && group_by == GroupBy::Nothing {
        groups.push(Group::default());
    }
    let mut periods = 0usize;
    let mut start = period.start(from);
    while start < to && periods <= MAX_ROWS {
        periods += 1;
        start = period.next(start).max(start.next_day().unwrap_or(start));
    }
    if groups.len().saturating_mul(periods) > MAX_ROWS {
        return Err(AppError::Unclear {
            id: "performance-data-too-many-rows",
            args: vec![
                ("groups", groups.len().to_string()),
                ("periods", periods.to_string()),
                ("max", MAX_ROWS.to_string()),
            ],
        });
    }
    let mut rows = Vec::new();
    for group in groups {
        let mut start = period.start(from);
        while start < to {
            let end = period.next(start);
            let (measures, spend_pence) = totals
                .get(&(group.clone(), start))
                .cloned()
                .unwrap_or_default();
            rows.push(ReportRow {
                start,
                end,
                group: group.clone(),
                measures,
                spend_pence,
                target_days: targets.get(&group).copied().flatten().flatten(),
            });
            if end <= start {
                break;
            }
            start = end;
        }
    }
    Ok(rows)
}

/// A row as published: counts of 1–4 withheld, and figures derived from fewer than five
/// transactions withheld with them.
#[derive(Debug, Clone, Serialize)]
pub struct PublicRow {
    /// First day of the period.
    pub period_start: String,
    /// Last day of the period.
    pub period_end: String,
    /// The group.
    #[serde(flatten)]
    pub group: Group,
    /// Transactions started.
    pub started: Option<i64>,
    /// Transactions started, by channel.
    pub started_by_channel: BTreeMap<&'static str, Option<i64>>,
    /// Transactions completed (a correct refusal included).
    pub completed: Option<i64>,
    /// Completed, by channel.
    pub completed_by_channel: BTreeMap<&'static str, Option<i64>>,
    /// Reached an outcome that is not a completion (abandoned, failed, duplicate).
    pub not_completed: Option<i64>,
    /// Completed ÷ reached an outcome.
    pub completion_rate: Option<f64>,
    /// Completed digitally ÷ all completed; assisted digital counted apart.
    pub digital_take_up: Option<f64>,
    /// Median days from start to outcome (within 1%).
    pub median_days: Option<f64>,
    /// 90th percentile days from start to outcome (within 1%).
    pub p90_days: Option<f64>,
    /// The service's target, in working days.
    pub target_working_days: Option<i32>,
    /// Share completed within the target.
    pub within_target: Option<f64>,
    /// Satisfaction answers.
    pub satisfaction_answers: Option<i64>,
    /// Share satisfied or very satisfied.
    pub satisfied: Option<f64>,
    /// Answers by rating, 1 (very dissatisfied) to 5 (very satisfied).
    pub satisfaction_by_rating: [Option<i64>; 5],
    /// Spend mapped to the services, in pounds.
    pub spend_pounds: Option<f64>,
    /// Spend ÷ completed transactions, in pounds.
    pub cost_per_transaction: Option<f64>,
}

/// A count as published: `None` (withheld) when it is 1–4.
pub fn published(n: i64) -> Option<i64> {
    publishable(n.max(0) as u64).map(|n| n as i64)
}

fn ratio(top: i64, bottom: i64) -> Option<f64> {
    (bottom >= SUPPRESS_BELOW as i64).then(|| round(top as f64 / bottom as f64, 4))
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

impl PublicRow {
    /// Publishes a report row.
    pub fn from_row(row: &ReportRow) -> PublicRow {
        let m = &row.measures;
        let completions = m.completions();
        let enough = completions >= SUPPRESS_BELOW as i64;
        let days = |q: f64| {
            if enough {
                m.durations.quantile(q).map(|s| round(s / 86_400.0, 2))
            } else {
                None
            }
        };
        // No times (a counts-only read) is no share within target, not a share of 0.
        let timed = enough && m.durations.count > 0;
        let within_target = row.target_days.filter(|_| timed).map(|t| {
            let seconds = target_calendar_days(t) * 86_400.0;
            round(
                m.durations.count_at_most(seconds) as f64 / m.durations.count.max(1) as f64,
                4,
            )
        });
        let d = EventChannel::Digital.index();
        let answers = m.satisfaction_answers();
        PublicRow {
            period_start: row.start.to_string(),
            period_end: row.end.previous_day().unwrap_or(row.end).to_string(),
            group: row.group.clone(),
            started: published(m.volume()),
            started_by_channel: EventChannel::ALL
                .iter()
                .map(|c| (c.as_str(), published(m.started[c.index()])))
                .collect(),
            completed: published(completions),
            completed_by_channel: EventChannel::ALL
                .iter()
                .map(|c| (c.as_str(), published(m.completed[c.index()])))
                .collect(),
            not_completed: published(m.not_completed),
            completion_rate: ratio(completions, completions + m.not_completed),
            digital_take_up: ratio(m.completed[d], completions),
            median_days: days(0.5),
            p90_days: days(0.9),
            target_working_days: row.target_days,
            within_target,
            satisfaction_answers: published(answers),
            satisfied: ratio(m.satisfaction[3] + m.satisfaction[4], answers),
            satisfaction_by_rating: m.satisfaction.map(published),
            spend_pounds: (row.spend_pence != 0).then(|| row.spend_pence as f64 / 100.0),
            cost_per_transaction: (row.spend_pence != 0 && enough)
                .then(|| round(row.spend_pence as f64 / 100.0 / completions as f64, 2)),
        }
    }
}

/// The query string of the data API (after the Performance Platform's read API).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DataParams {
    /// One body.
    #[serde(default)]
    pub body: Option<String>,
    /// One service of that body.
    #[serde(default)]
    pub service: Option<String>,
    /// One standard service code, across bodies.
    #[serde(default)]
    pub code: Option<String>,
    /// day, week, month (default), quarter or year.
    #[serde(default)]
    pub period: Option<String>,
    /// First day (YYYY-MM-DD); defaults to about two years back.
    #[serde(default)]
    pub start_at: Option<String>,
    /// Last day included (YYYY-MM-DD); defaults to today.
    #[serde(default)]
    pub end_at: Option<String>,
    /// body, service or code.
    #[serde(default)]
    pub group_by: Option<String>,
    /// `all` (default) or `counts`: counts only, without the times to outcome, which
    /// national queries read much faster.
    #[serde(default)]
    pub measures: Option<String>,
}

/// A checked data query.
#[derive(Debug, Clone)]
pub struct DataQuery {
    /// What to read.
    pub filter: MeasureFilter,
    /// The period.
    pub period: Period,
    /// The grouping.
    pub group_by: GroupBy,
    /// Counts only: the times to outcome are neither read nor published.
    pub counts_only: bool,
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.chars().take(100).collect())
}

impl DataParams {
    /// Checks the parameters; a bad one is a 400 that says which and why.
    pub fn check(&self, today: Date) -> Result<DataQuery, AppError> {
        let period = match clean(&self.period) {
            None => Period::Month,
            Some(p) => Period::parse(&p).ok_or_else(|| AppError::Unclear {
                id: "performance-data-period-unknown",
                args: vec![("value", p.clone())],
            })?,
        };
        let group_by = GroupBy::parse(self.group_by.as_deref())
            .ok_or_else(|| AppError::unclear("performance-data-group-by-unknown"))?;
        let counts_only = match clean(&self.measures).as_deref() {
            None | Some("all") => false,
            Some("counts") => true,
            Some(_) => {
                return Err(AppError::unclear("performance-data-measures-unknown"));
            }
        };
        let date = |name: &'static str, raw: &Option<String>| -> Result<Option<Date>, AppError> {
            match clean(raw) {
                None => Ok(None),
                Some(s) => Date::parse(
                    &s,
                    time::macros::format_description!("[year]-[month]-[day]"),
                )
                .map(Some)
                .map_err(|_| AppError::Unclear {
                    id: "performance-data-date-invalid",
                    args: vec![("name", name.to_string()), ("value", s.clone())],
                }),
            }
        };
        let (default_from, default_to) = window(period, today, period.default_span());
        let from = date("start_at", &self.start_at)?.unwrap_or(default_from);
        let to = match date("end_at", &self.end_at)? {
            Some(end) => end.next_day().unwrap_or(end),
            None => default_to,
        };
        if to <= from {
            return Err(AppError::unclear("performance-data-end-before-start"));
        }
        if (to - from).whole_days() > 3 * 366 + 31 {
            return Err(AppError::unclear("performance-data-too-long"));
        }
        if period == Period::Day && (to - from).whole_days() > 400 {
            return Err(AppError::unclear("performance-data-too-many-days"));
        }
        let service = clean(&self.service);
        let body = clean(&self.body);
        if service.is_some() && body.is_none() {
            return Err(AppError::unclear("performance-data-service-without-body"));
        }
        Ok(DataQuery {
            filter: MeasureFilter {
                body,
                service,
                code: clean(&self.code),
                grain: period.grain(),
                from: period.grain().start(from),
                to,
            },
            period,
            group_by,
            counts_only,
        })
    }
}

/// The cells and spend a query covers, read once and grouped as often as a page needs.
pub struct ReportSource {
    /// Measure cells.
    pub cells: Vec<MeasureCell>,
    /// Spend mapped to services.
    pub spend: Vec<SpendTotal>,
}

impl ReportSource {
    /// Reads what `q` covers.
    pub async fn read(state: &AppState, q: &DataQuery) -> Result<ReportSource, AppError> {
        let national = q.filter.body.is_none() && q.filter.service.is_none();
        let cells = if q.counts_only {
            state.store.measure_counts(&q.filter).await?
        } else if national && matches!(q.group_by, GroupBy::Code | GroupBy::Nothing) {
            // Every service's cells are not needed, only their sums by code.
            state.store.measures_by_code(&q.filter).await?
        } else {
            state.store.measures(&q.filter).await?
        };
        let spend = state
            .store
            .spend_totals(
                q.filter.body.as_deref(),
                q.filter.service.as_deref(),
                q.filter.code.as_deref(),
                q.filter.from,
                q.filter.to,
            )
            .await?;
        Ok(ReportSource { cells, spend })
    }

    /// One row per period, grouped by `group_by`.
    pub fn rows(&self, q: &DataQuery, group_by: GroupBy) -> Result<Vec<ReportRow>, AppError> {
        build_rows(
            &self.cells,
            &self.spend,
            q.period,
            group_by,
            q.filter.from,
            q.filter.to,
        )
    }
}

/// Reads a report grouped as `q` asks.
pub async fn report(state: &AppState, q: &DataQuery) -> Result<Vec<ReportRow>, AppError> {
    ReportSource::read(state, q).await?.rows(q, q.group_by)
}

/// The columns of the CSV download, in order.
pub const CSV_COLUMNS: [&str; 23] = [
    "period_start",
    "period_end",
    "body",
    "service",
    "code",
    "started",
    "started_digital",
    "started_assisted_digital",
    "started_phone",
    "started_counter",
    "started_post",
    "started_email",
    "completed",
    "completed_digital",
    "not_completed",
    "completion_rate",
    "digital_take_up",
    "median_days",
    "p90_days",
    "within_target",
    "satisfied",
    "satisfaction_answers",
    "cost_per_transaction",
];

fn cell<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// `GET /performance/data.json` and `.csv`: measures for any body, service or standard
/// service, bucketed by period and optionally grouped. Counts of 1–4 are withheld (empty in
/// CSV, null in JSON).
pub async fn data(
    State(state): State<AppState>,
    crate::app::extract::Path(file): crate::app::extract::Path<String>,
    Query(params): Query<DataParams>,
) -> Result<Response, ApiError> {
    let csv = match file.as_str() {
        "data.json" => false,
        "data.csv" => true,
        "accuracy.json" => return accuracy(&state, params, false).await,
        "accuracy.csv" => return accuracy(&state, params, true).await,
        _ => return Err(AppError::NotFound.into()),
    };
    let q = params.check(OffsetDateTime::now_utc().date())?;
    let rows: Vec<PublicRow> = report(&state, &q)
        .await?
        .iter()
        .map(PublicRow::from_row)
        .collect();
    if !csv {
        return Ok(open_data(
            Json(serde_json::json!({
                "period": q.period.as_str(),
                "start_at": q.filter.from.to_string(),
                "end_at": q.filter.to.previous_day().unwrap_or(q.filter.to).to_string(),
                "measures": if q.counts_only { "counts" } else { "all" },
                "accuracy": if q.counts_only {
                    "Counts only: no times to outcome were read".to_string()
                } else {
                    format!("Times are within {}% of the exact value", DEFAULT_ACCURACY * 100.0)
                },
                "suppression": format!("Counts from 1 to {} are withheld (null), with figures computed from them", SUPPRESS_BELOW - 1),
                "schema": "/performance/schema.json",
                "data": rows,
            }))
            .into_response(),
        ));
    }
    Ok(csv_download(
        &CSV_COLUMNS,
        rows.iter().map(|r| {
            vec![
                r.period_start.clone(),
                r.period_end.clone(),
                cell(r.group.body.clone()),
                cell(r.group.service.clone()),
                cell(r.group.code.clone()),
                cell(r.started),
                cell(r.started_by_channel["digital"]),
                cell(r.started_by_channel["assisted_digital"]),
                cell(r.started_by_channel["phone"]),
                cell(r.started_by_channel["counter"]),
                cell(r.started_by_channel["post"]),
                cell(r.started_by_channel["email"]),
                cell(r.completed),
                cell(r.completed_by_channel["digital"]),
                cell(r.not_completed),
                cell(r.completion_rate),
                cell(r.digital_take_up),
                cell(r.median_days),
                cell(r.p90_days),
                cell(r.within_target),
                cell(r.satisfied),
                cell(r.satisfaction_answers),
                cell(r.cost_per_transaction),
            ]
        }),
    )?)
}

/// One standard service's month nationally: the exact median and 90th percentile of time
/// to outcome beside the estimates the dashboards show, so anyone can check the stated
/// error bound against the live data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccuracyRow {
    /// The standard service.
    pub code: String,
    /// First day of the month of outcome.
    pub month: String,
    /// Completed transactions with a time to outcome; withheld when 1–4.
    pub completed: Option<i64>,
    /// Exact median (the value at rank ⌊0.5·(n−1)⌋), seconds rounded to the minute.
    pub exact_median_seconds: Option<i64>,
    /// Exact 90th percentile (rank ⌊0.9·(n−1)⌋), seconds rounded to the minute.
    pub exact_p90_seconds: Option<i64>,
    /// The median the dashboards show, from the merged sketches, seconds.
    pub estimated_median_seconds: Option<f64>,
    /// The 90th percentile the dashboards show, seconds.
    pub estimated_p90_seconds: Option<f64>,
    /// |estimated − exact| ÷ exact for the median (against the unrounded exact value).
    pub median_error: Option<f64>,
    /// |estimated − exact| ÷ exact for the 90th percentile.
    pub p90_error: Option<f64>,
}

/// The columns of the accuracy CSV, in order.
pub const ACCURACY_COLUMNS: [&str; 9] = [
    "code",
    "month",
    "completed",
    "exact_median_seconds",
    "exact_p90_seconds",
    "estimated_median_seconds",
    "estimated_p90_seconds",
    "median_error",
    "p90_error",
];

/// Seconds rounded to the nearest minute.
fn to_minute(seconds: i64) -> i64 {
    (seconds + 30).div_euclid(60) * 60
}

/// Exact against estimated times to outcome for one standard service, by month of outcome.
async fn accuracy(state: &AppState, params: DataParams, csv: bool) -> Result<Response, ApiError> {
    let code = clean(&params.code)
        .ok_or_else(|| AppError::unclear("performance-data-accuracy-code-missing"))?;
    if clean(&params.body).is_some() || clean(&params.service).is_some() {
        return Err(AppError::unclear("performance-data-accuracy-national").into());
    }
    let mut q = DataParams {
        code: Some(code.clone()),
        start_at: params.start_at,
        end_at: params.end_at,
        ..DataParams::default()
    }
    .check(OffsetDateTime::now_utc().date())?;
    // Whole months, as the exact times are grouped.
    let last = q.filter.to.previous_day().unwrap_or(q.filter.to);
    q.filter.to = Period::Month.next(Period::Month.start(last));
    let exact = state
        .store
        .exact_times(Some(&code), q.filter.from, q.filter.to)
        .await?;
    let mut sketches: BTreeMap<Date, DurationSketch> = BTreeMap::new();
    for cell in state.store.measures(&q.filter).await? {
        sketches
            .entry(cell.period_start)
            .or_default()
            .merge(&cell.measures.durations)
            .map_err(AppError::Internal)?;
    }
    let error = |estimate: Option<f64>, exact: i64| {
        estimate
            .filter(|_| exact > 0)
            .map(|e| round((e - exact as f64).abs() / exact as f64, 6))
    };
    let rows: Vec<AccuracyRow> = exact
        .iter()
        .map(|t| {
            let shown = t.completed >= SUPPRESS_BELOW as i64;
            let sketch = sketches.get(&t.month).filter(|_| shown);
            let median = sketch.and_then(|s| s.quantile(0.5)).map(|s| round(s, 1));
            let p90 = sketch.and_then(|s| s.quantile(0.9)).map(|s| round(s, 1));
            AccuracyRow {
                code: t.code.clone(),
                month: t.month.to_string(),
                completed: published(t.completed),
                // To the minute: with few completions an exact value is one person's
                // own time, which need not be published to the second.
                exact_median_seconds: shown.then_some(to_minute(t.median_seconds)),
                exact_p90_seconds: shown.then_some(to_minute(t.p90_seconds)),
                estimated_median_seconds: median,
                estimated_p90_seconds: p90,
                median_error: error(median, t.median_seconds),
                p90_error: error(p90, t.p90_seconds),
            }
        })
        .collect();
    if !csv {
        return Ok(open_data(
            Json(serde_json::json!({
                "code": code,
                "start_at": q.filter.from.to_string(),
                "end_at": q.filter.to.previous_day().unwrap_or(q.filter.to).to_string(),
                "accuracy": format!("Estimates are within {}% of the exact value", DEFAULT_ACCURACY * 100.0),
                "suppression": format!("Months with 1 to {} completions are withheld", SUPPRESS_BELOW - 1),
                "data": rows,
            }))
            .into_response(),
        ));
    }
    Ok(csv_download(
        &ACCURACY_COLUMNS,
        rows.iter().map(|r| {
            vec![
                r.code.clone(),
                r.month.clone(),
                cell(r.completed),
                cell(r.exact_median_seconds),
                cell(r.exact_p90_seconds),
                cell(r.estimated_median_seconds),
                cell(r.estimated_p90_seconds),
                cell(r.median_error),
                cell(r.p90_error),
            ]
        }),
    )?)
}

/// A CSV download of `columns` and `records`, open to every origin.
fn csv_download(
    columns: &[&str],
    records: impl Iterator<Item = Vec<String>>,
) -> Result<Response, AppError> {
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(columns).map_err(fail)?;
    for record in records {
        out.write_record(&record).map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    Ok(open_data(
        ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response(),
    ))
}

/// `GET /performance/schema.json`: what each published field means (Frictionless Table
/// Schema of the CSV).
pub async fn schema() -> Response {
    let describe = |name: &str| -> (&'static str, String) {
        match name {
            "period_start" | "period_end" => ("date", format!("{} day of the period (UTC)", if name == "period_start" { "First" } else { "Last" })),
            "body" | "service" | "code" => ("string", format!("The {name} the row is for, when grouped by it")),
            "completion_rate" => ("number", "Completed ÷ transactions that reached an outcome (0–1); a correct refusal counts as completed".into()),
            "digital_take_up" => ("number", "Digital completions ÷ all completions (0–1); assisted digital is not digital".into()),
            "median_days" | "p90_days" => ("number", format!("{} days from start to outcome of completed transactions, within {}% of the exact value", if name == "median_days" { "Median" } else { "90th percentile" }, DEFAULT_ACCURACY * 100.0)),
            "within_target" => ("number", "Share of completions within the service's target (working days × 7/5 calendar days)".into()),
            "satisfied" => ("number", "Share of survey answers (asked at the outcome) that were 4 or 5 of 5".into()),
            "cost_per_transaction" => ("number", "Spend mapped to the service (pounds) ÷ completions".into()),
            other => ("integer", format!("Count of {}; empty when 1–4 (withheld)", other.replace('_', " "))),
        }
    };
    let fields: Vec<serde_json::Value> = CSV_COLUMNS
        .iter()
        .map(|name| {
            let (kind, description) = describe(name);
            serde_json::json!({"name": name, "type": kind, "description": description})
        })
        .collect();
    open_data(
        Json(serde_json::json!({
            "fields": fields,
            "missingValues": [""],
        }))
        .into_response(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::Lang;
    use time::macros::date;

    fn cell(body: &str, start: Date, digital: i64, phone: i64) -> MeasureCell {
        let mut m = Measures::default();
        m.started[EventChannel::Digital.index()] = digital;
        m.started[EventChannel::Phone.index()] = phone;
        m.completed[EventChannel::Digital.index()] = digital;
        for i in 0..digital {
            m.durations.add(86_400.0 * (1 + i % 5) as f64);
        }
        MeasureCell {
            body: body.into(),
            body_name: body.to_uppercase(),
            service: "bins".into(),
            service_name: "Bins".into(),
            code: "LGSL 1".into(),
            target_days: Some(5),
            period_start: start,
            measures: m,
        }
    }

    #[test]
    fn rows_fill_every_period_and_add_up_groups() {
        let cells = [
            cell("a", date!(2026 - 01 - 01), 10, 2),
            cell("b", date!(2026 - 01 - 01), 3, 0),
            cell("a", date!(2026 - 03 - 01), 1, 0),
        ];
        let rows = build_rows(
            &cells,
            &[],
            Period::Quarter,
            GroupBy::Nothing,
            date!(2025 - 10 - 01),
            date!(2026 - 04 - 01),
        )
        .unwrap();
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0].measures.volume(), 0);
        assert_eq!(rows[1].measures.volume(), 16);
        let by_body = build_rows(
            &cells,
            &[],
            Period::Month,
            GroupBy::Body,
            date!(2026 - 01 - 01),
            date!(2026 - 04 - 01),
        )
        .unwrap();
        assert_eq!(by_body.len(), 6);
        let published = PublicRow::from_row(&by_body[3]);
        assert_eq!(published.group.body.as_deref(), Some("b"));
        assert_eq!(published.started, None, "3 is withheld");
        assert_eq!(published.median_days, None);
        let a = PublicRow::from_row(&by_body[0]);
        assert_eq!(a.started, Some(12));
        assert_eq!(a.started_by_channel["phone"], None, "2 is withheld");
        assert_eq!(a.digital_take_up, Some(1.0));
        let median = a.median_days.unwrap();
        assert!((median - 3.0).abs() <= 0.03, "{median}");
        assert_eq!(a.within_target, Some(1.0));
    }

    #[test]
    fn reports_too_large_to_hold_are_refused() {
        let cells: Vec<MeasureCell> = (0..300)
            .map(|i| cell(&format!("b{i}"), date!(2026 - 01 - 01), 1, 0))
            .collect();
        let by_day = build_rows(
            &cells,
            &[],
            Period::Day,
            GroupBy::Body,
            date!(2025 - 01 - 01),
            date!(2026 - 12 - 31),
        );
        let Err(refused) = by_day else {
            panic!("by day was not refused");
        };
        assert_eq!(
            crate::app::error::ErrorBody::of(&refused).message,
            format!(
                "That asks for 300 groups × 729 periods, more than {MAX_ROWS} rows: choose one \
                 body or standard service, a longer period or a shorter window"
            )
        );
        let by_month = build_rows(
            &cells,
            &[],
            Period::Month,
            GroupBy::Body,
            date!(2025 - 01 - 01),
            date!(2026 - 12 - 31),
        );
        assert_eq!(by_month.unwrap().len(), 300 * 24);
    }

    /// What a page in `lang` and the API say about `params`.
    fn refusal(params: DataParams, lang: Lang) -> (String, String) {
        let today = date!(2026 - 11 - 25);
        match params.check(today) {
            Ok(q) => panic!("{q:?} was not refused"),
            Err(e) => (
                crate::app::error::ErrorBody::of(&e).message,
                e.explain_in(lang).1,
            ),
        }
    }

    #[test]
    fn refusals_keep_their_english_and_say_it_in_welsh() {
        let cases = [
            (
                DataParams {
                    period: Some("fortnight".into()),
                    ..Default::default()
                },
                "period 'fortnight' is not one of day, week, month, quarter or year",
            ),
            (
                DataParams {
                    group_by: Some("colour".into()),
                    ..Default::default()
                },
                "group_by must be body, service or code",
            ),
            (
                DataParams {
                    measures: Some("some".into()),
                    ..Default::default()
                },
                "measures must be all or counts",
            ),
            (
                DataParams {
                    start_at: Some("last year".into()),
                    ..Default::default()
                },
                "start_at 'last year' is not a date like 2026-04-01",
            ),
            (
                DataParams {
                    end_at: Some("2026".into()),
                    ..Default::default()
                },
                "end_at '2026' is not a date like 2026-04-01",
            ),
            (
                DataParams {
                    start_at: Some("2026-05-01".into()),
                    end_at: Some("2026-04-01".into()),
                    ..Default::default()
                },
                "end_at is before start_at",
            ),
            (
                DataParams {
                    start_at: Some("2020-01-01".into()),
                    ..Default::default()
                },
                "Ask for at most three years at a time",
            ),
            (
                DataParams {
                    period: Some("day".into()),
                    start_at: Some("2025-01-01".into()),
                    ..Default::default()
                },
                "Ask for at most 400 days by day; use week or month for longer",
            ),
            (
                DataParams {
                    service: Some("bins".into()),
                    ..Default::default()
                },
                "service needs body: a service identifier is only unique within its body",
            ),
        ];
        for (params, english) in cases {
            let (api, page) = refusal(params.clone(), Lang::En);
            assert_eq!((api.as_str(), page.as_str()), (english, english));
            let (api, welsh) = refusal(params, Lang::Cy);
            assert_eq!(api, english);
            assert_ne!(welsh, english);
        }
        assert_eq!(
            refusal(
                DataParams {
                    period: Some("fortnight".into()),
                    ..Default::default()
                },
                Lang::Cy
            )
            .1,
            "Nid yw'r cyfnod (period) 'fortnight' yn un o day, week, month, quarter neu year"
        );
        for (id, english) in [
            (
                "performance-data-accuracy-code-missing",
                "code is required: exact times are worked out for one standard service at a time",
            ),
            (
                "performance-data-accuracy-national",
                "exact times are national: give code, start_at and end_at only",
            ),
        ] {
            assert_eq!(Lang::En.t(id), english);
            assert_ne!(Lang::Cy.t(id), english);
        }
    }

    #[test]
    fn parameters_are_checked() {
        let today = date!(2026 - 11 - 25);
        let ok = DataParams::default().check(today).unwrap();
        assert_eq!(ok.period, Period::Month);
        assert_eq!(ok.filter.from, date!(2024 - 12 - 01));
        assert_eq!(ok.filter.to, date!(2026 - 12 - 01));
        for bad in [
            DataParams {
                period: Some("fortnight".into()),
                ..Default::default()
            },
            DataParams {
                start_at: Some("last year".into()),
                ..Default::default()
            },
            DataParams {
                group_by: Some("colour".into()),
                ..Default::default()
            },
            DataParams {
                service: Some("bins".into()),
                ..Default::default()
            },
            DataParams {
                start_at: Some("2026-05-01".into()),
                end_at: Some("2026-04-01".into()),
                ..Default::default()
            },
            DataParams {
                measures: Some("some".into()),
                ..Default::default()
            },
            DataParams {
                start_at: Some("2020-01-01".into()),
                ..Default::default()
            },
            DataParams {
                period: Some("day".into()),
                start_at: Some("2025-01-01".into()),
                ..Default::default()
            },
            DataParams {
                end_at: Some("2026-13-01".into()),
                ..Default::default()
            },
        ] {
            assert!(
                matches!(bad.check(today), Err(AppError::Unclear { .. })),
                "{bad:?}"
            );
        }
        let (from, to) = window(Period::Week, today, 2);
        assert_eq!((from, to), (date!(2026 - 11 - 16), date!(2026 - 11 - 30)));
    }
}
