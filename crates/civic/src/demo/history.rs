//! Two years of demo history ending today, made through the calls the site itself makes:
//! requests received and closed at their own times (with the satisfaction survey asked at
//! each outcome, and some answered), transaction events pushed by three systems that run
//! outside Civic, and quarterly "spending over £500" files with their expense areas mapped
//! to services. Without it every dashboard shows one month with medians of 0.0 days.
//!
//! The shapes (volumes, channel shift, times to outcome, satisfaction, spend) come from a
//! seeded generator and the calendar, never from the operating system's randomness: every
//! load tells the same story, ending on the day it is loaded (only what has reached its
//! outcome by the moment of loading differs within a day).

use super::{CENTRES, DemoBody, STREETS};
use civic_domain::measures::EventInput;
use civic_domain::{
    Contact, RequestChannel, RequestInput, RequestStatus, RequestType, Service, Visibility,
    add_working_days,
};
use civic_storage::{NewRequest, NewSpendLine, RequestChange, ServiceQuery, StorageError, Store};
use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, Month, OffsetDateTime, Weekday};

/// Days of history, ending today.
const DAYS: i64 = 730;

/// Requests each named body received over the two years.
const REQUESTS_PER_BODY: usize = 180;

/// How busy each named body is, beside the first (a county, a smaller district, a city).
const SCALE: [f64; 3] = [1.0, 0.6, 1.4];

fn err(e: StorageError) -> String {
    e.to_string()
}

/// A small seeded generator (SplitMix64): the demo's shapes must not change from one load
/// to the next, so they never come from the operating system's randomness.
struct Mix(u64);

impl Mix {
    /// A generator for one stream (a body and what it is making).
    fn new(body: usize, stream: u64) -> Mix {
        Mix(0x5eed_0000_0000_0000 ^ ((body as u64) << 32) ^ stream)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A factor around 1 with the long right tail of times to outcome: e^(σz), z close to a
    /// standard normal (four uniforms added, centred and scaled).
    fn spread(&mut self, sigma: f64) -> f64 {
        let z = (self.unit() + self.unit() + self.unit() + self.unit() - 2.0) * 3f64.sqrt();
        (sigma * z).exp()
    }

    /// An index chosen in proportion to `weights`.
    fn pick(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().map(|w| w.max(0.0)).sum();
        let mut left = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            left -= w.max(0.0);
            if left < 0.0 {
                return i;
            }
        }
        weights.len().saturating_sub(1)
    }

    /// A satisfaction rating, 1 to 5, a little better as `t` (0 two years ago, 1 today)
    /// grows.
    fn rating(&mut self, t: f64) -> u8 {
        let weights = [
            0.10 - 0.05 * t,
            0.12 - 0.05 * t,
            0.16,
            0.32,
            0.30 + 0.10 * t,
        ];
        u8::try_from(self.pick(&weights) + 1).unwrap_or(5)
    }
}

/// How far through the history a moment is: 0 two years ago, 1 now.
fn progress(age_days: f64) -> f64 {
    (1.0 - age_days / DAYS as f64).clamp(0.0, 1.0)
}

/// A seasonal factor: `1 + swing` in the middle of the peak month, `1 - swing` six months
/// later.
fn season(date: Date, peak: Month, swing: f64) -> f64 {
    let months = f64::from(u8::from(date.month())) - f64::from(u8::from(peak))
        + (f64::from(date.day()) - 15.0) / 30.0;
    1.0 + swing * (months / 12.0 * std::f64::consts::TAU).cos()
}

/// The first day of the month `back` months before the one `month` starts.
fn months_back(month: Date, back: i32) -> Result<Date, String> {
    let n = month.year() * 12 + i32::from(u8::from(month.month())) - 1 - back;
    let m = Month::try_from(u8::try_from(n.rem_euclid(12) + 1).unwrap_or(1))
        .map_err(|e| e.to_string())?;
    Date::from_calendar_date(n.div_euclid(12), m, 1).map_err(|e| e.to_string())
}

fn rfc3339(t: OffsetDateTime) -> Result<String, String> {
    t.format(&Rfc3339).map_err(|e| e.to_string())
}

async fn body_services(store: &dyn Store, body: &DemoBody) -> Result<Vec<Service>, String> {
    Ok(store
        .list_services(&ServiceQuery {
            body: Some(body.slug.into()),
            ..Default::default()
        })
        .await
        .map_err(err)?
        .services)
}

/// Requests received over two years, brought to their outcomes at realistic later times
/// (so times to outcome are days, not 0; the longer ones acknowledged or scheduled first),
/// with the satisfaction survey asked at each outcome the reporter left an email for and
/// some of them answered. The newest are still open. Returns the requests surveyed and when, so
/// the survey emails can be recorded as sent then.
pub async fn load_requests(
    store: &dyn Store,
    body: &DemoBody,
    index: usize,
    now: OffsetDateTime,
) -> Result<HashMap<i64, OffsetDateTime>, String> {
    let services: Vec<Service> = body_services(store, body)
        .await?
        .into_iter()
        .filter(|s| s.accepts_requests && s.request_type == RequestType::Realtime)
        .collect();
    let mut surveyed = HashMap::new();
    if services.is_empty() {
        return Ok(surveyed);
    }
    let (lat0, long0) = CENTRES[index % CENTRES.len()];
    let actor = format!("{} Services Officer", body.town);
    let mut mix = Mix::new(index, 1);
    let step = DAYS as f64 / REQUESTS_PER_BODY as f64;
    // Days are counted back from midnight, so a load at any hour makes the same days.
    let midnight = now.date().midnight().assume_utc();
    for n in 0..REQUESTS_PER_BODY {
        // Oldest first, so reference numbers rise with time as they would have.
        let age = (REQUESTS_PER_BODY - 1 - n) as f64 * step + mix.unit() * step;
        let t = progress(age);
        let day = (midnight - Duration::seconds_f64(age * 86_400.0)).date();
        let hour = 8.0 + mix.unit() * 10.0;
        let received = (day.midnight().assume_utc() + Duration::seconds_f64(hour * 3600.0))
            .min(now - Duration::minutes(5));
        // Potholes and blocked drains peak in winter; the rest come evenly.
        let weights: Vec<f64> = services
            .iter()
            .map(|s| match s.code.as_str() {
                "LGSL 90" | "LGSL 98" => 1.6 * season(day, Month::January, 0.5),
                _ => 1.0,
            })
            .collect();
        let service = &services[mix.pick(&weights)];
        // Channel shift: the web form grows as the phone and counter shrink.
        let channels = [
            RequestChannel::Web,
            RequestChannel::Api,
            RequestChannel::Phone,
            RequestChannel::Counter,
            RequestChannel::Post,
            RequestChannel::Email,
        ];
        let channel = channels[mix.pick(&[
            0.40 + 0.25 * t,
            0.04 + 0.04 * t,
            0.32 - 0.17 * t,
            0.12 - 0.07 * t,
            0.06 - 0.04 * t,
            0.06 - 0.01 * t,
        ])];
        // People who reported online left an email; callers sometimes did.
        let email = match channel {
            RequestChannel::Web | RequestChannel::Api | RequestChannel::Email => true,
            RequestChannel::Phone => mix.chance(0.3),
            RequestChannel::Counter | RequestChannel::Post => false,
        };
        let answers = service
            .attributes
            .iter()
            .filter(|a| a.variable && a.required)
            .map(|a| {
                let value = a
                    .values
                    .get(n % a.values.len().max(1))
                    .map(|v| v.key.clone())
                    .unwrap_or_else(|| "See description".into());
                (a.code.clone(), vec![value])
            })
            .collect();
        let offset = (n as f64 * 0.0037) % 0.03 - 0.015;
        let draft = RequestInput {
            service: service.slug.clone(),
            description: format!(
                "{} near number {} – reported for the demo.",
                service.name,
                2 * n + 1
            ),
            lat: Some(format!("{:.5}", lat0 + offset)),
            long: Some(format!("{:.5}", long0 - offset * 1.3)),
            address: format!(
                "{} {}, {}",
                2 * n + 1,
                STREETS[n % STREETS.len()],
                body.town
            ),
            postcode: "ZZ1 1AA".into(),
            attributes: answers,
            contact: Contact {
                name: format!("Demo Resident {n}"),
                email: if email {
                    format!("resident{n}@example.org")
                } else {
                    String::new()
                },
                phone: if channel == RequestChannel::Phone {
                    format!("01632 960 {:03}", (n * 7) % 1000)
                } else {
                    String::new()
                },
            },
            show_name: n.is_multiple_of(3),
            ..Default::default()
        }
        .validate(&service.attributes)
        .map_err(|e| format!("demo request: {e}"))?;
        let created = store
            .create_request(&NewRequest {
                body: body.slug.into(),
                service: service.slug.clone(),
                draft,
                channel,
                visibility: Visibility::Public,
                confirmed: true,
                token: None,
                api_key_id: None,
                consent: "Demo data".into(),
                confirm_token_hash: None,
                reporter_subscription: None,
                photos: Vec::new(),
                notifications: Vec::new(),
                expected_at: service.target_days.map(|d| add_working_days(received, d)),
                received_at: Some(received),
            })
            .await
            .map_err(err)?;
        // Around half the target in calendar days, falling by a third over the two years.
        let target = f64::from(service.target_days.unwrap_or(10)) * 7.0 / 5.0;
        let median = target * 0.55 * (1.2 - 0.4 * t);
        let took = (median * mix.spread(0.6)).max(0.05);
        let outcome_at = received + Duration::seconds_f64(took * 86_400.0);
        let seen_at = received + Duration::seconds_f64(took.min(2.0) * 86_400.0 * mix.unit());
        if took > 5.0 && seen_at <= now {
            let (status, text) = if service.group == "Roads" {
                (
                    RequestStatus::ActionScheduled,
                    "A crew will visit this week.",
                )
            } else {
                (
                    RequestStatus::Acknowledged,
                    "Thank you, we have passed this to the team.",
                )
            };
            let change = RequestChange {
                status: Some(status),
                description: text.into(),
                actor: actor.clone(),
                at: Some(seen_at),
                ..Default::default()
            };
            store
                .change_request(body.slug, created.id, &change)
                .await
                .map_err(err)?;
        }
        if outcome_at > now {
            continue;
        }
        let outcomes = [
            (
                RequestStatus::Fixed,
                "This has been put right. Thank you for telling us.",
            ),
            (
                RequestStatus::Closed,
                "We have dealt with this and closed your report.",
            ),
            (
                RequestStatus::NotResponsible,
                "This is on private land; we have told the owner.",
            ),
            (
                RequestStatus::NoFurtherAction,
                "We inspected this and it needs no work yet; we will keep an eye on it.",
            ),
        ];
        let (status, text) = outcomes[mix.pick(&[0.74, 0.06, 0.10, 0.10])];
        let survey = email.then(|| {
            let token = civic_web::app::tokens::new_token();
            let hash = civic_web::app::tokens::token_hash(&token);
            (token, hash)
        });
        let change = RequestChange {
            status: Some(status),
            description: text.into(),
            actor: actor.clone(),
            survey: survey.clone(),
            at: Some(outcome_at),
            ..Default::default()
        };
        store
            .change_request(body.slug, created.id, &change)
            .await
            .map_err(err)?;
        if let Some((_, hash)) = survey {
            surveyed.insert(created.id, outcome_at);
            if mix.chance(0.35) {
                store
                    .answer_survey(&hash, mix.rating(t))
                    .await
                    .map_err(err)?;
            }
        }
    }
    Ok(surveyed)
}

/// Records the survey emails of `load_requests` as sent when each request reached its
/// outcome, so that starting the demo does not send (or log) hundreds of emails about
/// outcomes months old. Run before anything else queues email: messages of other kinds
/// claimed here are left for the worker, a minute later.
pub async fn record_surveys_sent(
    store: &dyn Store,
    surveyed: &HashMap<i64, OffsetDateTime>,
) -> Result<(), String> {
    loop {
        let now = OffsetDateTime::now_utc();
        let claimed = store
            .claim_outbox(now, now + Duration::minutes(1), 500)
            .await
            .map_err(err)?;
        let mut recorded = 0;
        for item in &claimed {
            let sent_at = item
                .request_id
                .filter(|_| item.kind == "satisfaction_survey")
                .and_then(|id| surveyed.get(&id));
            if let Some(at) = sent_at {
                store.outbox_sent(item.id, *at).await.map_err(err)?;
                recorded += 1;
            }
        }
        if recorded == 0 {
            return Ok(());
        }
    }
}

/// One service's transactions as a system outside Civic reports them.
struct Flow {
    /// The service's standard code.
    code: &'static str,
    /// Prefix of the system's event ids.
    prefix: &'static str,
    /// Transactions started in an average month, for the first body.
    per_month: f64,
    /// The busiest month, and how much busier than average it is (as a share).
    peak: (Month, f64),
    /// Median calendar days to outcome two years ago, and now.
    median_days: (f64, f64),
    /// Added to the digital channel's weight (and taken from the phone and counter).
    digital: f64,
}

/// A system outside Civic that pushes events to a data set.
struct System {
    slug: &'static str,
    name: &'static str,
    flows: &'static [Flow],
}

const SYSTEMS: [System; 3] = [
    System {
        slug: "revenues-and-benefits",
        name: "Revenues and benefits system",
        flows: &[
            Flow {
                code: "LGSL 117",
                prefix: "hb",
                per_month: 70.0,
                peak: (Month::January, 0.15),
                median_days: (24.0, 14.0),
                digital: 0.0,
            },
            Flow {
                code: "LGSL 2",
                prefix: "ctd",
                per_month: 40.0,
                peak: (Month::April, 0.4),
                median_days: (9.0, 4.0),
                digital: 0.1,
            },
        ],
    },
    System {
        slug: "blue-badge-applications",
        name: "Blue Badge applications",
        flows: &[Flow {
            code: "LGSL 30",
            prefix: "bb",
            per_month: 35.0,
            peak: (Month::March, 0.1),
            median_days: (30.0, 16.0),
            digital: -0.1,
        }],
    },
    System {
        slug: "parking-permits",
        name: "Parking permit system",
        flows: &[Flow {
            code: "LGSL 228",
            prefix: "pp",
            per_month: 60.0,
            peak: (Month::September, 0.2),
            median_days: (5.0, 1.5),
            digital: 0.15,
        }],
    },
];

/// Transaction events over two years from three systems that run outside Civic, each
/// with its data set, stored through the ingest path `POST /api/events` uses (each event
/// checked as it checks them, batches of at most its limit). Volumes follow the seasons
/// and the working week, the digital channel grows, and times to outcome fall.
pub async fn load_events(
    store: &dyn Store,
    body: &DemoBody,
    index: usize,
    now: OffsetDateTime,
) -> Result<(), String> {
    use civic_web::performance::ingest::MAX_EVENTS_PER_BATCH;
    let services = body_services(store, body).await?;
    let scale = SCALE[index % SCALE.len()];
    let channels = [
        "digital",
        "assisted_digital",
        "phone",
        "counter",
        "post",
        "email",
    ];
    let outcomes = ["completed", "refused", "abandoned", "failed"];
    let today = now.date();
    for (d, system) in SYSTEMS.iter().enumerate() {
        let flows: Vec<(&Flow, &Service)> = system
            .flows
            .iter()
            .filter_map(|f| services.iter().find(|s| s.code == f.code).map(|s| (f, s)))
            .collect();
        // A data set for one service, or (with several) one whose events name theirs.
        let covers = match flows.as_slice() {
            [] => continue,
            [(_, one)] => one.slug.clone(),
            _ => String::new(),
        };
        // Nobody needs this token: the demo stores the events itself.
        let token = civic_web::app::tokens::new_token();
        let dataset = store
            .create_dataset(
                body.slug,
                system.slug,
                system.name,
                &covers,
                &civic_web::app::tokens::token_hash(&token),
                24,
            )
            .await
            .map_err(err)?;
        let mut mix = Mix::new(index, 100 + d as u64);
        let mut events = Vec::new();
        for age in (0..DAYS).rev() {
            let date = today - Duration::days(age);
            let t = progress(age as f64);
            // Five busy weekdays and a quiet weekend average out to 1.
            let week = match date.weekday() {
                Weekday::Saturday | Weekday::Sunday => 0.35,
                _ => 1.26,
            };
            for (flow, service) in &flows {
                let rate = flow.per_month * 12.0 / 365.0
                    * scale
                    * week
                    * season(date, flow.peak.0, flow.peak.1);
                // Randomised rounding keeps the expected count without a Poisson draw.
                let count = (rate + mix.unit()).floor() as usize;
                for i in 0..count {
                    let hour = 7.0 + mix.unit() * 15.0;
                    let started =
                        date.midnight().assume_utc() + Duration::seconds_f64(hour * 3600.0);
                    if started > now {
                        continue;
                    }
                    let (then, later) = flow.median_days;
                    let median = then + (later - then) * t;
                    let took = (median * mix.spread(0.7)).max(0.01);
                    let ended = started + Duration::seconds_f64(took * 86_400.0);
                    let channel = channels[mix.pick(&[
                        0.42 + 0.30 * t + flow.digital,
                        0.04 + 0.04 * t,
                        0.28 - 0.17 * t - flow.digital / 2.0,
                        0.14 - 0.09 * t - flow.digital / 2.0,
                        0.08 - 0.06 * t,
                        0.04 - 0.02 * t,
                    ])];
                    let (outcome_at, outcome, satisfaction) = if ended <= now {
                        let outcome = outcomes[mix.pick(&[0.86, 0.07, 0.05, 0.02])];
                        let rating = mix.chance(0.25).then(|| i64::from(mix.rating(t)));
                        (Some(rfc3339(ended)?), Some(outcome.to_string()), rating)
                    } else {
                        (None, None, None)
                    };
                    let input = EventInput {
                        id: format!("{}-{date}-{i}", flow.prefix),
                        service: covers.is_empty().then(|| service.slug.clone()),
                        channel: channel.into(),
                        started_at: rfc3339(started)?,
                        outcome_at,
                        outcome,
                        satisfaction,
                    };
                    events.push(
                        input
                            .validate()
                            .map_err(|e| format!("demo event {}: {e}", input.id))?,
                    );
                }
            }
        }
        for batch in events.chunks(MAX_EVENTS_PER_BATCH) {
            store.ingest_events(&dataset, batch).await.map_err(err)?;
        }
    }
    Ok(())
}

/// An expense area in the demo's spend files, and the service it pays for (if any).
struct Area {
    name: &'static str,
    /// The standard code of the service it is mapped to; `None` stays unmapped.
    code: Option<&'static str>,
    /// Pounds a month for the first body two years ago (falling a fifth since).
    monthly: f64,
    suppliers: &'static [&'static str],
    expense_type: &'static str,
}

const AREAS: [Area; 5] = [
    Area {
        name: "Housing Benefit Administration",
        code: Some("LGSL 117"),
        monthly: 10_500.0,
        suppliers: &[
            "Eastgate Assessment Services Ltd",
            "Civic Print and Post Ltd",
        ],
        expense_type: "Professional services",
    },
    Area {
        name: "Council Tax Discounts and Exemptions",
        code: Some("LGSL 2"),
        monthly: 2_400.0,
        suppliers: &["Ledgerline Software Ltd", "Civic Print and Post Ltd"],
        expense_type: "IT software and licences",
    },
    Area {
        name: "Blue Badge Service",
        code: Some("LGSL 30"),
        monthly: 2_600.0,
        suppliers: &["Mobility Assessment Partnership", "Badgeworks Ltd"],
        expense_type: "Contracted services",
    },
    Area {
        name: "Parking Services",
        code: Some("LGSL 228"),
        monthly: 3_200.0,
        suppliers: &["Permit Systems Ltd", "Kerbside Signs Ltd"],
        expense_type: "Contracted services",
    },
    Area {
        name: "Corporate Property",
        code: None,
        monthly: 18_000.0,
        suppliers: &["Greystone Facilities Ltd"],
        expense_type: "Repairs and maintenance",
    },
];

/// Two years of "spending over £500", uploaded a quarter at a time as a council publishes
/// it (months after they close, so not the current one), through the same parsing and
/// upload as the staff page; then each expense area mapped to the service it pays for.
pub async fn load_spend(
    store: &dyn Store,
    body: &DemoBody,
    index: usize,
    now: OffsetDateTime,
) -> Result<(), String> {
    let services = body_services(store, body).await?;
    let scale = SCALE[index % SCALE.len()];
    let this_month = now.date().replace_day(1).map_err(|e| e.to_string())?;
    let mut mix = Mix::new(index, 200);
    let prefix: String = body.slug.chars().take(2).collect::<String>().to_uppercase();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut reference = 0u32;
    for back in (1..=24).rev() {
        let month = months_back(this_month, back)?;
        let quarter = (u8::from(month.month()) - 1) / 3 + 1;
        let filename = format!("spend-over-500-{}-q{quarter}.csv", month.year());
        if files.last().is_none_or(|(name, _)| *name != filename) {
            files.push((
                filename,
                "Body Name,Date Paid,Transaction Number,Net Amount,Supplier Name,Expense Area,\
                 Expense Type,Description\n"
                    .to_string(),
            ));
        }
        let Some((_, csv)) = files.last_mut() else {
            continue;
        };
        let t = progress((this_month - month).whole_days() as f64);
        for area in &AREAS {
            let total = area.monthly * scale * (1.0 - 0.2 * t) * mix.spread(0.15);
            let payments = 2 + mix.pick(&[1.0, 1.0, 1.0]);
            for p in 0..payments {
                reference += 1;
                let day = 1 + (mix.unit() * 27.0) as u8;
                let paid = month.replace_day(day).map_err(|e| e.to_string())?;
                let pounds = (total / payments as f64).max(500.01);
                let supplier = area.suppliers[p % area.suppliers.len()];
                csv.push_str(&format!(
                    "{},{},{prefix}{reference:06},{pounds:.2},{supplier},{},{},{} for {}\n",
                    body.name,
                    paid.format(time::macros::format_description!("[day]/[month]/[year]"))
                        .map_err(|e| e.to_string())?,
                    area.name,
                    area.expense_type,
                    area.expense_type,
                    month
                        .format(time::macros::format_description!(
                            "[month repr:long] [year]"
                        ))
                        .map_err(|e| e.to_string())?,
                ));
            }
        }
    }
    for (filename, csv) in &files {
        let parsed =
            civic_domain::spend::parse_spend_csv(csv.as_bytes()).map_err(|e| e.to_string())?;
        if let Some(problem) = parsed.errors.first() {
            return Err(format!("demo spend {filename}: {}", problem.message));
        }
        // As the staff upload page turns parsed lines into stored ones.
        let lines: Vec<NewSpendLine> = parsed
            .lines
            .iter()
            .map(|l| NewSpendLine {
                line: l.line,
                paid_on: l.date,
                amount_pence: l.amount_pence,
                supplier: l.supplier.clone(),
                expense_area: l.expense_area.clone(),
                expense_type: l.expense_type.clone(),
                reference: l.reference.clone(),
                description: l.description.clone(),
            })
            .collect();
        store
            .upload_spend(body.slug, filename, &lines, 0)
            .await
            .map_err(err)?;
    }
    for area in &AREAS {
        let service = area
            .code
            .and_then(|code| services.iter().find(|s| s.code == code));
        if let Some(service) = service {
            store
                .map_spend_area(body.slug, area.name, Some(&service.slug))
                .await
                .map_err(err)?;
        }
    }
    Ok(())
}
