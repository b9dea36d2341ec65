//! Performance dashboards: national, per body, per service and compare-by-code, each
//! chart beside a table of the same figures.

use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::i18n::Arg;
use crate::app::i18n::Lang;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::group_digits;
use crate::app::layout::render;
use crate::performance::data::DataParams;
use crate::performance::data::DataQuery;
use crate::performance::data::Group;
use crate::performance::data::GroupBy;
use crate::performance::data::PublicRow;
use crate::performance::data::ReportRow;
use crate::performance::data::ReportSource;
use crate::performance::data::published;
use crate::performance::data::report;
use crate::performance::data::target_calendar_days;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use civic_charts::Chart;
use civic_charts::Series;
use civic_domain::Body;
use civic_domain::Service;
use civic_domain::measures::DEFAULT_ACCURACY;
use civic_domain::measures::EventChannel;
use civic_domain::measures::Measures;
use civic_domain::measures::Period;
use civic_storage::Backlog;
use civic_storage::Dataset;
use serde::Deserialize;
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// A chart with the table of the same figures beside it.
#[derive(Debug, Clone)]
pub struct ChartBlock {
    /// Heading above it.
    pub heading: String,
    /// The SVG.
    pub svg: String,
    /// Table caption.
    pub caption: String,
    /// Column headings.
    pub head: Vec<String>,
    /// Rows (first cell is the row heading).
    pub rows: Vec<Vec<String>>,
}

/// A headline figure.
#[derive(Debug, Clone)]
pub struct Figure {
    /// What it is.
    pub label: String,
    /// Its value, in words.
    pub value: String,
}

/// A count in words: withheld counts ("fewer than 5") say so.
fn count_text(lang: Lang, n: Option<i64>) -> String {
    n.map(group_digits)
        .unwrap_or_else(|| lang.t("performance-withheld"))
}

fn percent(lang: Lang, x: Option<f64>) -> String {
    x.map(|x| format!("{:.0}%", x * 100.0))
        .unwrap_or_else(|| lang.t("performance-not-enough-data"))
}

fn days(lang: Lang, x: Option<f64>) -> String {
    x.map(|d| {
        lang.t_with(
            "performance-days",
            &[("days", Arg::Text(format!("{d:.1}")))],
        )
    })
    .unwrap_or_else(|| lang.t("performance-not-enough-data"))
}

fn pounds(lang: Lang, x: Option<f64>) -> String {
    x.map(|p| format!("£{}", group_digits(p.round() as i64)))
        .unwrap_or_else(|| lang.t("performance-no-spend-data"))
}

fn pounds_pence(lang: Lang, x: Option<f64>) -> String {
    x.map(|p| format!("£{p:.2}"))
        .unwrap_or_else(|| lang.t("performance-not-enough-data"))
}

/// A channel's name in `lang`, for legends and table headings.
fn channel_label(lang: Lang, channel: EventChannel) -> String {
    lang.t(match channel {
        EventChannel::Digital => "performance-channel-digital",
        EventChannel::AssistedDigital => "performance-channel-assisted-digital",
        EventChannel::Phone => "performance-channel-phone",
        EventChannel::Counter => "performance-channel-counter",
        EventChannel::Post => "performance-channel-post",
        EventChannel::Email => "performance-channel-email",
    })
}

/// A period's label in `lang` ("Mar 2026", "w/c 2 Mar 2026", "Q1 2026"), as
/// `Period::label` writes it in English.
fn period_label(lang: Lang, period: Period, start: time::Date) -> String {
    let month = lang.t(match start.month() {
        time::Month::January => "performance-month-short-1",
        time::Month::February => "performance-month-short-2",
        time::Month::March => "performance-month-short-3",
        time::Month::April => "performance-month-short-4",
        time::Month::May => "performance-month-short-5",
        time::Month::June => "performance-month-short-6",
        time::Month::July => "performance-month-short-7",
        time::Month::August => "performance-month-short-8",
        time::Month::September => "performance-month-short-9",
        time::Month::October => "performance-month-short-10",
        time::Month::November => "performance-month-short-11",
        time::Month::December => "performance-month-short-12",
    });
    let day = Arg::Text(start.day().to_string());
    let year = Arg::Text(start.year().to_string());
    match period {
        Period::Day => lang.t_with(
            "performance-period-day",
            &[("day", day), ("month", Arg::Text(month)), ("year", year)],
        ),
        Period::Week => lang.t_with(
            "performance-period-week",
            &[("day", day), ("month", Arg::Text(month)), ("year", year)],
        ),
        Period::Month => lang.t_with(
            "performance-period-month",
            &[("month", Arg::Text(month)), ("year", year)],
        ),
        Period::Quarter => lang.t_with(
            "performance-period-quarter",
            &[
                (
                    "quarter",
                    Arg::Text(((u8::from(start.month()) - 1) / 3 + 1).to_string()),
                ),
                ("year", year),
            ],
        ),
        Period::Year => start.year().to_string(),
    }
}

fn total(rows: &[ReportRow]) -> ReportRow {
    let mut all = ReportRow {
        start: rows.first().map(|r| r.start).unwrap_or(time::Date::MIN),
        end: rows.last().map(|r| r.end).unwrap_or(time::Date::MIN),
        group: rows.first().map(|r| r.group.clone()).unwrap_or_default(),
        measures: Measures::default(),
        spend_pence: 0,
        target_days: rows.first().and_then(|r| r.target_days),
    };
    for r in rows {
        all.measures.merge(&r.measures);
        all.spend_pence += r.spend_pence;
    }
    all
}

fn figures(
    lang: Lang,
    row: &ReportRow,
    backlog: &Backlog,
    median_start: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Vec<Figure> {
    let p = PublicRow::from_row(row);
    let mut out = vec![
        Figure {
            label: lang.t("performance-figure-started"),
            value: count_text(lang, p.started),
        },
        Figure {
            label: lang.t("performance-figure-completed"),
            value: count_text(lang, p.completed),
        },
        Figure {
            label: lang.t("performance-figure-completion-rate"),
            value: percent(lang, p.completion_rate),
        },
        Figure {
            label: lang.t("performance-figure-take-up"),
            value: percent(lang, p.digital_take_up),
        },
        Figure {
            label: lang.t("performance-figure-median"),
            value: days(lang, p.median_days),
        },
        Figure {
            label: lang.t("performance-figure-p90"),
            value: days(lang, p.p90_days),
        },
    ];
    if let Some(t) = p.target_working_days {
        out.push(Figure {
            label: lang.t_count("performance-figure-within-target", i64::from(t)),
            value: percent(lang, p.within_target),
        });
    }
    out.push(Figure {
        label: lang.t("performance-figure-satisfied"),
        value: match p.satisfaction_answers {
            Some(n) if n > 0 => lang.t_with(
                "performance-satisfied-of-answers",
                &[
                    ("percent", Arg::Text(percent(lang, p.satisfied))),
                    ("answers", Arg::Text(group_digits(n))),
                ],
            ),
            Some(_) => lang.t("performance-no-answers"),
            None => lang.t("performance-withheld-answers"),
        },
    });
    out.push(Figure {
        label: lang.t("performance-figure-spend"),
        value: pounds(lang, p.spend_pounds),
    });
    if p.spend_pounds.is_some() {
        out.push(Figure {
            label: lang.t("performance-figure-cost"),
            value: pounds_pence(lang, p.cost_per_transaction),
        });
    }
    let age =
        |t: OffsetDateTime| Arg::Text(lang.t_count("performance-age-days", (now - t).whole_days()));
    let open = Arg::Text(count_text(lang, published(backlog.open)));
    out.push(Figure {
        label: lang.t("performance-figure-open"),
        value: match (backlog.open, median_start, backlog.oldest) {
            (0, _, _) | (_, _, None) => lang.t("performance-open-none"),
            (_, Some(median), Some(oldest)) => lang.t_with(
                "performance-open-ages",
                &[
                    ("open", open),
                    ("median", age(median)),
                    ("oldest", age(oldest)),
                ],
            ),
            (_, None, Some(oldest)) => lang.t_with(
                "performance-open-oldest",
                &[("open", open), ("oldest", age(oldest))],
            ),
        },
    });
    out
}

fn volume_chart(lang: Lang, id: &str, rows: &[ReportRow], period: Period) -> ChartBlock {
    let labels: Vec<String> = rows
        .iter()
        .map(|r| period_label(lang, period, r.start))
        .collect();
    let published: Vec<PublicRow> = rows.iter().map(PublicRow::from_row).collect();
    let used: Vec<EventChannel> = EventChannel::ALL
        .into_iter()
        .filter(|c| rows.iter().any(|r| r.measures.started[c.index()] != 0))
        .collect();
    let series: Vec<Series> = used
        .iter()
        .map(|c| Series {
            name: channel_label(lang, *c),
            values: published
                .iter()
                .map(|p| p.started_by_channel[c.as_str()].map(|n| n as f64))
                .collect(),
        })
        .collect();
    let svg = civic_charts::stacked_columns(
        &Chart {
            id,
            title: &lang.t("performance-volume-chart-title"),
            description: &lang.t("performance-volume-chart-description"),
            unit: &lang.t("performance-unit-transactions"),
            no_value: &lang.t("performance-chart-no-value"),
            empty: &lang.t("performance-chart-empty"),
        },
        &labels,
        &series,
    );
    let mut head = vec![lang.t("performance-col-period")];
    head.extend(used.iter().map(|c| channel_label(lang, *c)));
    head.push(lang.t("performance-col-all-channels"));
    let rows = published
        .iter()
        .zip(&labels)
        .map(|(p, label)| {
            let mut cells = vec![label.clone()];
            cells.extend(
                used.iter()
                    .map(|c| count_text(lang, p.started_by_channel[c.as_str()])),
            );
            cells.push(count_text(lang, p.started));
            cells
        })
        .collect();
    ChartBlock {
        heading: lang.t("performance-volume-heading"),
        svg,
        caption: lang.t("performance-volume-caption"),
        head,
        rows,
    }
}

fn time_chart(lang: Lang, id: &str, rows: &[ReportRow], period: Period) -> ChartBlock {
    let labels: Vec<String> = rows
        .iter()
        .map(|r| period_label(lang, period, r.start))
        .collect();
    let published: Vec<PublicRow> = rows.iter().map(PublicRow::from_row).collect();
    let target = rows.iter().find_map(|r| r.target_days);
    // The calendar days are written whole, as `{:.0}` would round them (working days × 7/5
    // is never a half).
    let target_label = target.map(|t| {
        lang.t_with(
            "performance-target-label",
            &[
                ("count", Arg::from(t)),
                ("days", Arg::Number(target_calendar_days(t).round() as i64)),
            ],
        )
    });
    let svg = civic_charts::lines(
        &Chart {
            id,
            title: &lang.t("performance-time-chart-title"),
            description: &lang.t("performance-time-chart-description"),
            unit: &lang.t("performance-unit-days"),
            no_value: &lang.t("performance-chart-no-value"),
            empty: &lang.t("performance-chart-empty"),
        },
        &labels,
        &[
            Series {
                name: lang.t("performance-col-median"),
                values: published.iter().map(|p| p.median_days).collect(),
            },
            Series {
                name: lang.t("performance-col-p90"),
                values: published.iter().map(|p| p.p90_days).collect(),
            },
        ],
        target_label
            .as_deref()
            .zip(target.map(target_calendar_days)),
    );
    let mut head = vec![
        lang.t("performance-col-period"),
        lang.t("performance-col-completed"),
        lang.t("performance-col-median"),
        lang.t("performance-col-p90"),
    ];
    if target.is_some() {
        head.push(lang.t("performance-col-within-target"));
    }
    head.push(lang.t("performance-col-satisfied"));
    let rows = published
        .iter()
        .zip(&labels)
        .map(|(p, label)| {
            let mut cells = vec![
                label.clone(),
                count_text(lang, p.completed),
                days(lang, p.median_days),
                days(lang, p.p90_days),
            ];
            if target.is_some() {
                cells.push(percent(lang, p.within_target));
            }
            cells.push(percent(lang, p.satisfied));
            cells
        })
        .collect();
    ChartBlock {
        heading: lang.t("performance-time-heading"),
        svg,
        caption: lang.t("performance-time-caption"),
        head,
        rows,
    }
}

/// The dashboard's period choice.
#[derive(Debug, Default, Deserialize)]
pub struct DashboardParams {
    /// day, week, month, quarter or year.
    #[serde(default)]
    pub period: Option<String>,
    /// For the comparison: the standard code.
    #[serde(default)]
    pub code: Option<String>,
    /// For the comparison: the body to pick out.
    #[serde(default)]
    pub body: Option<String>,
}

impl DashboardParams {
    fn query(
        &self,
        body: Option<&str>,
        service: Option<&str>,
        code: Option<&str>,
        group_by: Option<&str>,
    ) -> Result<DataQuery, AppError> {
        DataParams {
            body: body.map(str::to_string),
            service: service.map(str::to_string),
            code: code.map(str::to_string),
            period: self.period.clone(),
            group_by: group_by.map(str::to_string),
            ..DataParams::default()
        }
        .check(OffsetDateTime::now_utc().date())
    }
}

/// A period option in the chooser.
#[derive(Debug, Clone)]
pub struct PeriodOption {
    /// Identifier.
    pub value: &'static str,
    /// Label.
    pub label: String,
    /// Chosen.
    pub selected: bool,
}

fn period_options(lang: Lang, chosen: Period) -> Vec<PeriodOption> {
    Period::ALL
        .iter()
        .map(|p| PeriodOption {
            value: p.as_str(),
            label: lang.t(match p {
                Period::Day => "performance-period-option-day",
                Period::Week => "performance-period-option-week",
                Period::Month => "performance-period-option-month",
                Period::Quarter => "performance-period-option-quarter",
                Period::Year => "performance-period-option-year",
            }),
            selected: *p == chosen,
        })
        .collect()
}

/// A data set shown with its freshness.
#[derive(Debug, Clone)]
pub struct DatasetStatus {
    /// The data set.
    pub dataset: Dataset,
    /// Nothing arrived for longer than expected.
    pub stale: bool,
    /// When the last batch arrived, in words ("never" when none has).
    pub last: String,
    /// A batch has arrived.
    pub received: bool,
}

pub fn dataset_status(lang: Lang, sets: Vec<Dataset>, service: Option<&str>) -> Vec<DatasetStatus> {
    let now = OffsetDateTime::now_utc();
    sets.into_iter()
        .filter(|d| service.is_none_or(|s| d.service.is_empty() || d.service == s))
        .map(|d| DatasetStatus {
            stale: d.is_stale(now),
            received: d.last_received_at.is_some(),
            last: d
                .last_received_at
                .map(crate::app::layout::format_datetime)
                .unwrap_or_else(|| lang.t("performance-dataset-never")),
            dataset: d,
        })
        .collect()
}

fn accuracy_note(lang: Lang) -> String {
    lang.t_with(
        "performance-accuracy-note",
        &[(
            "accuracy",
            Arg::Text((DEFAULT_ACCURACY * 100.0).to_string()),
        )],
    )
}

#[derive(Template)]
#[template(path = "performance/service.html")]
struct ServiceDashboard {
    layout: Layout,
    body: Body,
    service: Service,
    periods: Vec<PeriodOption>,
    figures: Vec<Figure>,
    charts: Vec<ChartBlock>,
    datasets: Vec<DatasetStatus>,
    note: String,
    data_query: String,
    /// Help with this service reported by places that give digital help.
    help: crate::places::performance::HelpReported,
}

/// `GET /bodies/{body}/services/{service}/performance`.
pub async fn service_dashboard(
    State(state): State<AppState>,
    ctx: PageContext,
    Path((body, service)): Path<(String, String)>,
    Query(params): Query<DashboardParams>,
) -> Result<Response, AppError> {
    let body = state.body(&body).await?;
    let service = state
        .store
        .get_service(&body.slug, &service)
        .await?
        .ok_or(AppError::NotFound)?;
    let q = params.query(Some(&body.slug), Some(&service.slug), None, None)?;
    let rows = report(&state, &q).await?;
    let backlog = state
        .store
        .backlog(Some(&body.slug), Some(&service.slug), None)
        .await?
        .pop()
        .unwrap_or_else(|| Backlog {
            body: body.slug.clone(),
            service: service.slug.clone(),
            open: 0,
            oldest: None,
        });
    // The median age costs an index walk, so it is read only for the one service shown.
    let median_start = if backlog.open > 0 {
        state
            .store
            .backlog_median_start(&body.slug, &service.slug)
            .await?
    } else {
        None
    };
    let mut summary = total(&rows);
    summary.target_days = summary
        .target_days
        .or(service.target_days.map(|t| t as i32));
    let lang = ctx.lang;
    let figures = figures(
        lang,
        &summary,
        &backlog,
        median_start,
        OffsetDateTime::now_utc(),
    );
    let charts = vec![
        volume_chart(lang, "volume", &rows, q.period),
        time_chart(lang, "times", &rows, q.period),
    ];
    let datasets = dataset_status(
        lang,
        state.store.list_datasets(&body.slug).await?,
        Some(&service.slug),
    );
    let help = crate::places::performance::for_service(&state, lang, &body, &service).await?;
    render(
        StatusCode::OK,
        &ServiceDashboard {
            layout: ctx.layout(lang.t_with(
                "performance-service-title",
                &[
                    ("service", Arg::from(&service.name)),
                    (
                        "body",
                        Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                    ),
                ],
            )),
            data_query: format!(
                "body={}&service={}&period={}",
                body.slug,
                service.slug,
                q.period.as_str()
            ),
            periods: period_options(lang, q.period),
            body,
            service,
            figures,
            charts,
            datasets,
            note: accuracy_note(lang),
            help,
        },
    )
}

/// One row of a summary table, every figure in words (withheld ones said so).
#[derive(Debug, Clone)]
pub struct SummaryCells {
    /// Transactions started.
    pub started: String,
    /// Completed.
    pub completed: String,
    /// Median time to outcome.
    pub median: String,
    /// 90th percentile time.
    pub p90: String,
    /// Digital take-up.
    pub take_up: String,
    /// Share satisfied.
    pub satisfied: String,
    /// Cost per transaction.
    pub cost: String,
}

impl SummaryCells {
    /// Words for a published row, in `lang`.
    pub fn of(lang: Lang, p: &PublicRow) -> SummaryCells {
        SummaryCells {
            started: count_text(lang, p.started),
            completed: count_text(lang, p.completed),
            median: days(lang, p.median_days),
            p90: days(lang, p.p90_days),
            take_up: percent(lang, p.digital_take_up),
            satisfied: percent(lang, p.satisfied),
            cost: pounds_pence(lang, p.cost_per_transaction),
        }
    }
}

/// Each group's rows added up over the whole window, in group order.
fn group_totals(rows: Vec<ReportRow>) -> Vec<(Group, PublicRow)> {
    let mut grouped: BTreeMap<Group, Vec<ReportRow>> = BTreeMap::new();
    for r in rows {
        grouped.entry(r.group.clone()).or_default().push(r);
    }
    grouped
        .into_iter()
        .map(|(group, rows)| (group, PublicRow::from_row(&total(&rows))))
        .collect()
}

/// One service's line on a body's dashboard.
#[derive(Debug, Clone)]
pub struct ServiceLine {
    /// Identifier.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Figures, as shown.
    pub cells: SummaryCells,
    /// Open now.
    pub open: String,
}

#[derive(Template)]
#[template(path = "performance/body.html")]
struct BodyDashboard {
    layout: Layout,
    body: Body,
    periods: Vec<PeriodOption>,
    figures: Vec<Figure>,
    charts: Vec<ChartBlock>,
    services: Vec<ServiceLine>,
    datasets: Vec<DatasetStatus>,
    note: String,
    data_query: String,
    /// Help reported by the body's places that give digital help.
    help: crate::places::performance::HelpReported,
}

/// `GET /bodies/{body}/performance`.
pub async fn body_dashboard(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
    Query(params): Query<DashboardParams>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let body = state.body(&body).await?;
    let q = params.query(Some(&body.slug), None, None, None)?;
    // One read of the cells serves both the body's totals and the per-service table.
    let source = ReportSource::read(&state, &q).await?;
    let rows = source.rows(&q, GroupBy::Nothing)?;
    let backlog = state.store.backlog(Some(&body.slug), None, None).await?;
    let mut services: Vec<ServiceLine> = group_totals(source.rows(&q, GroupBy::Service)?)
        .into_iter()
        .map(|(group, row)| {
            let slug = group.service.unwrap_or_default();
            let open = backlog
                .iter()
                .find(|b| b.service == slug)
                .map(|b| b.open)
                .unwrap_or(0);
            ServiceLine {
                open: count_text(lang, published(open)),
                cells: SummaryCells::of(lang, &row),
                name: group.service_name.unwrap_or_default(),
                slug,
            }
        })
        .collect();
    if lang == crate::app::i18n::Lang::Cy {
        // The figures name services as they were named when counted, in English; a Welsh
        // page shows their Welsh names where the register has them, in Welsh order.
        let register = state
            .store
            .list_services(&civic_storage::ServiceQuery {
                body: Some(body.slug.clone()),
                include_retired: true,
                limit: Some(10_000),
                ..Default::default()
            })
            .await?;
        for line in &mut services {
            if let Some(s) = register.services.iter().find(|s| s.slug == line.slug) {
                line.name = s.name_in(true).to_string();
            }
        }
        services.sort_by(|a, b| civic_domain::collation::welsh_cmp(&a.name, &b.name));
    } else {
        services.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let all_open = Backlog {
        body: body.slug.clone(),
        service: String::new(),
        open: backlog.iter().map(|b| b.open).sum(),
        oldest: backlog.iter().filter_map(|b| b.oldest).min(),
    };
    render(
        StatusCode::OK,
        &BodyDashboard {
            layout: ctx.layout(lang.t_with(
                "performance-body-title",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            data_query: format!("body={}&period={}", body.slug, q.period.as_str()),
            periods: period_options(lang, q.period),
            figures: figures(
                lang,
                &total(&rows),
                &all_open,
                None,
                OffsetDateTime::now_utc(),
            ),
            charts: vec![
                volume_chart(lang, "volume", &rows, q.period),
                time_chart(lang, "times", &rows, q.period),
            ],
            datasets: dataset_status(lang, state.store.list_datasets(&body.slug).await?, None),
            help: crate::places::performance::for_body(&state, lang, &body).await?,
            body,
            services,
            note: accuracy_note(lang),
        },
    )
}

/// One body's line in a comparison.
#[derive(Debug, Clone)]
pub struct BodyLine {
    /// Body identifier.
    pub body: String,
    /// Body name.
    pub name: String,
    /// Its service's identifier.
    pub service: String,
    /// Figures, as shown.
    pub cells: SummaryCells,
    /// Picked out.
    pub highlighted: bool,
}

#[derive(Template)]
#[template(path = "performance/compare.html")]
struct ComparePage {
    layout: Layout,
    code: String,
    periods: Vec<PeriodOption>,
    national: SummaryCells,
    bodies: Vec<BodyLine>,
    chart: String,
    note: String,
    data_query: String,
}

/// `GET /performance/compare?code=…`: one standard service across bodies, with the
/// national figures computed from the merged histograms (never an average of medians).
pub async fn compare(
    State(state): State<AppState>,
    ctx: PageContext,
    Query(params): Query<DashboardParams>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let code = params
        .code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| AppError::unclear("performance-error-choose-code"))?
        .to_string();
    let q = params.query(None, None, Some(&code), Some("service"))?;
    let rows = report(&state, &q).await?;
    let national = SummaryCells::of(lang, &PublicRow::from_row(&total(&rows)));
    let mut lines = group_totals(rows);
    if lang == crate::app::i18n::Lang::Cy {
        // The figures carry bodies' English names; a Welsh page names them in Welsh where
        // they have a Welsh name, in Welsh order.
        let bodies = state.store.list_bodies().await?;
        for (group, _) in &mut lines {
            if let Some(b) = bodies
                .iter()
                .find(|b| group.body.as_deref() == Some(&b.slug))
            {
                group.body_name = Some(b.name_in(true).to_string());
            }
        }
        lines.sort_by(|(a, _), (b, _)| {
            civic_domain::collation::welsh_cmp(
                a.body_name.as_deref().unwrap_or_default(),
                b.body_name.as_deref().unwrap_or_default(),
            )
        });
    } else {
        lines.sort_by(|(a, _), (b, _)| a.body_name.cmp(&b.body_name));
    }
    let labels: Vec<String> = lines
        .iter()
        .map(|(g, _)| g.body_name.clone().unwrap_or_default())
        .collect();
    let values: Vec<Option<f64>> = lines.iter().map(|(_, row)| row.median_days).collect();
    let bodies: Vec<BodyLine> = lines
        .into_iter()
        .map(|(group, row)| {
            let body = group.body.unwrap_or_default();
            BodyLine {
                highlighted: params.body.as_deref() == Some(body.as_str()),
                cells: SummaryCells::of(lang, &row),
                name: group.body_name.unwrap_or_default(),
                service: group.service.unwrap_or_default(),
                body,
            }
        })
        .collect();
    let chart = civic_charts::horizontal_bars(
        &Chart {
            id: "compare",
            title: &lang.t("performance-compare-chart-title"),
            description: &lang.t("performance-compare-chart-description"),
            unit: &lang.t("performance-unit-days"),
            no_value: &lang.t("performance-chart-no-value"),
            empty: &lang.t("performance-chart-empty"),
        },
        &labels,
        &values,
        bodies.iter().position(|b| b.highlighted),
    );
    render(
        StatusCode::OK,
        &ComparePage {
            layout: ctx
                .layout(lang.t_with("performance-compare-title", &[("code", Arg::from(&code))])),
            data_query: format!(
                "code={}&group_by=body&period={}",
                urlencode(&code),
                q.period.as_str()
            ),
            periods: period_options(lang, q.period),
            code,
            national,
            bodies,
            chart,
            note: accuracy_note(lang),
        },
    )
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

/// A standard service on the national page.
#[derive(Debug, Clone)]
pub struct CodeLine {
    /// The code.
    pub code: String,
    /// Query-string form.
    pub query: String,
    /// Figures, as shown.
    pub cells: SummaryCells,
}

#[derive(Template)]
#[template(path = "performance/index.html")]
struct IndexPage {
    layout: Layout,
    bodies: Vec<Body>,
    codes: Vec<CodeLine>,
    note: String,
}

/// `GET /performance`: every body's dashboard and every standard service's comparison,
/// with each standard service's figures for the last twelve months.
pub async fn index(State(state): State<AppState>, ctx: PageContext) -> Result<Response, AppError> {
    let today = OffsetDateTime::now_utc().date();
    let (from, to) = crate::performance::data::window(Period::Month, today, 12);
    let q = DataQuery {
        filter: civic_storage::MeasureFilter {
            body: None,
            service: None,
            code: None,
            grain: Period::Month.grain(),
            from,
            to,
        },
        period: Period::Year,
        group_by: GroupBy::Code,
        counts_only: false,
    };
    let codes = group_totals(report(&state, &q).await?)
        .into_iter()
        .filter_map(|(group, row)| {
            let code = group.code.filter(|c| !c.is_empty())?;
            Some(CodeLine {
                query: urlencode(&code),
                cells: SummaryCells::of(ctx.lang, &row),
                code,
            })
        })
        .collect();
    render(
        StatusCode::OK,
        &IndexPage {
            layout: ctx.layout_t("performance-index-title"),
            bodies: state.store.list_bodies().await?,
            codes,
            note: accuracy_note(ctx.lang),
        },
    )
}
