//! Performance measures computed from events, never typed in: time-to-outcome
//! distributions that merge across periods and bodies without averaging medians, digital
//! take-up as GOV.UK defined it, and suppression of counts small enough to identify people.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod duration_runs;
pub use duration_runs::{DurationRun, MAX_RUNS, median_and_p90, month_time_key, runs_to_merge};
mod month_days;
pub use month_days::MonthDays;

/// Counts below this are withheld from public outputs.
pub const SUPPRESS_BELOW: u64 = 5;

/// A count as published: withheld when it is 1–4, since a cell that small can point at a
/// person. Zero is published: it identifies nobody.
pub fn publishable(count: u64) -> Option<u64> {
    if count > 0 && count < SUPPRESS_BELOW {
        None
    } else {
        Some(count)
    }
}

/// Digital take-up as the GOV.UK Performance Platform defined it: digital transactions over
/// all transactions, with assisted-digital ones counted apart (not as digital).
pub fn digital_take_up(digital: u64, assisted_digital: u64, other: u64) -> Option<f64> {
    let all = digital + assisted_digital + other;
    (all > 0).then(|| digital as f64 / all as f64)
}

/// A mergeable histogram of durations (seconds) with a guaranteed relative error: every
/// quantile it reports is within `relative_accuracy` of a value actually in the data (the
/// DDSketch construction: logarithmic buckets of ratio γ = (1+α)/(1−α)). Per-period
/// histograms add exactly, so a national median is computed from merged counts, never by
/// averaging medians.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DurationSketch {
    /// The error bound α.
    pub relative_accuracy: f64,
    /// Bucket index → count; durations of zero are counted apart. Counts are signed so a
    /// sketch can also be a change (a reopened request takes its duration back out).
    pub buckets: BTreeMap<i32, i64>,
    /// Durations of exactly zero seconds.
    pub zeros: i64,
    /// Total count.
    pub count: i64,
}

/// The accuracy Civic uses for published time-to-outcome quantiles: 1%.
pub const DEFAULT_ACCURACY: f64 = 0.01;

impl Default for DurationSketch {
    fn default() -> Self {
        DurationSketch::new(DEFAULT_ACCURACY)
    }
}

impl DurationSketch {
    /// An empty sketch with relative error bound `alpha` (0 < α < 1).
    pub fn new(alpha: f64) -> DurationSketch {
        DurationSketch {
            relative_accuracy: alpha.clamp(1e-6, 0.5),
            buckets: BTreeMap::new(),
            zeros: 0,
            count: 0,
        }
    }

    fn gamma(&self) -> f64 {
        (1.0 + self.relative_accuracy) / (1.0 - self.relative_accuracy)
    }

    /// The bucket a positive duration falls in.
    pub fn bucket(&self, seconds: f64) -> i32 {
        let index = (seconds.ln() / self.gamma().ln()).ceil();
        index.clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32
    }

    /// Adds one duration; negative and non-finite durations are refused.
    pub fn add(&mut self, seconds: f64) -> bool {
        self.add_weighted(seconds, 1)
    }

    /// Adds `weight` copies of a duration (negative to take them back out).
    pub fn add_weighted(&mut self, seconds: f64, weight: i64) -> bool {
        if !seconds.is_finite() || seconds < 0.0 {
            return false;
        }
        if seconds == 0.0 {
            self.zeros += weight;
        } else {
            let bucket = self.bucket(seconds);
            let n = self.buckets.entry(bucket).or_insert(0);
            *n += weight;
            if *n == 0 {
                self.buckets.remove(&bucket);
            }
        }
        self.count += weight;
        true
    }

    /// The sketch as compact bytes for storage: version, zeros, count, then each bucket as
    /// a zig-zag varint index delta and a varint count.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.buckets.len() * 3);
        out.push(1);
        put_varint(&mut out, zigzag(self.zeros));
        put_varint(&mut out, zigzag(self.count));
        let mut previous = 0i64;
        for (index, n) in &self.buckets {
            put_varint(&mut out, zigzag(i64::from(*index) - previous));
            put_varint(&mut out, zigzag(*n));
            previous = i64::from(*index);
        }
        out
    }

    /// Reads bytes written by `to_bytes` (at the default accuracy); `None` if they are not.
    pub fn from_bytes(bytes: &[u8]) -> Option<DurationSketch> {
        let mut sketch = DurationSketch::default();
        if bytes.is_empty() {
            return Some(sketch);
        }
        let (&version, mut rest) = bytes.split_first()?;
        if version != 1 {
            return None;
        }
        sketch.zeros = unzigzag(take_varint(&mut rest)?);
        sketch.count = unzigzag(take_varint(&mut rest)?);
        let mut index = 0i64;
        while !rest.is_empty() {
            index += unzigzag(take_varint(&mut rest)?);
            let n = unzigzag(take_varint(&mut rest)?);
            sketch.buckets.insert(i32::try_from(index).ok()?, n);
        }
        Some(sketch)
    }

    /// How many durations are at most `seconds`, to within the sketch's accuracy (buckets
    /// whose representative value is at most `seconds`).
    pub fn count_at_most(&self, seconds: f64) -> i64 {
        if !seconds.is_finite() || seconds < 0.0 {
            return 0;
        }
        let gamma = self.gamma();
        self.zeros
            + self
                .buckets
                .iter()
                .filter(|(index, _)| 2.0 * gamma.powi(**index) / (gamma + 1.0) <= seconds)
                .map(|(_, n)| *n)
                .sum::<i64>()
    }

    /// Adds another sketch's counts; both must share the same accuracy.
    pub fn merge(&mut self, other: &DurationSketch) -> Result<(), String> {
        if (self.relative_accuracy - other.relative_accuracy).abs() > f64::EPSILON {
            return Err("sketches with different accuracies cannot be merged".into());
        }
        self.absorb(other);
        Ok(())
    }

    /// Adds counts bucket by bucket, dropping buckets that reach zero.
    fn absorb(&mut self, other: &DurationSketch) {
        for (k, v) in &other.buckets {
            let n = self.buckets.entry(*k).or_insert(0);
            *n += v;
            if *n == 0 {
                self.buckets.remove(k);
            }
        }
        self.zeros += other.zeros;
        self.count += other.count;
    }

    /// The q-quantile (0 ≤ q ≤ 1) with the lower-rank convention of `exact_quantile`: within
    /// the relative accuracy of that exact value. `None` when empty.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        if self.count <= 0 || !(0.0..=1.0).contains(&q) {
            return None;
        }
        let rank = (q * (self.count - 1) as f64).floor() as i64;
        if rank < self.zeros {
            return Some(0.0);
        }
        let mut seen = self.zeros;
        let gamma = self.gamma();
        for (index, n) in &self.buckets {
            seen += n;
            if seen > rank {
                // The bucket (γ^(i−1), γ^i] is represented by the value with equal relative
                // error to both ends.
                return Some(2.0 * gamma.powi(*index) / (gamma + 1.0));
            }
        }
        None
    }
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn take_varint(rest: &mut &[u8]) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, tail) = rest.split_first()?;
        *rest = tail;
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// The exact q-quantile of sorted whole numbers (seconds), same convention as
/// `exact_quantile`.
pub fn exact_quantile_i64(sorted: &[i64], q: f64) -> Option<i64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let rank = (q * (sorted.len() - 1) as f64).floor() as usize;
    sorted.get(rank).copied()
}

/// The exact q-quantile of sorted values, lower-rank convention: the value at index
/// ⌊q·(n−1)⌋. The sketch's contract is stated against this.
pub fn exact_quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let rank = (q * (sorted.len() - 1) as f64).floor() as usize;
    sorted.get(rank).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_withheld() {
        assert_eq!(publishable(0), Some(0));
        assert_eq!(publishable(1), None);
        assert_eq!(publishable(4), None);
        assert_eq!(publishable(5), Some(5));
    }

    #[test]
    fn take_up_counts_assisted_digital_apart() {
        assert_eq!(digital_take_up(60, 20, 20), Some(0.6));
        assert_eq!(digital_take_up(0, 0, 0), None);
    }

    #[test]
    fn quantiles_stay_within_the_stated_error() {
        // A deterministic spread of durations from seconds to months.
        let mut values: Vec<f64> = (1..=20_000u64)
            .map(|i| ((i * 7919) % 10_007) as f64 * ((i % 97) as f64 + 1.0) * 13.0)
            .collect();
        let mut sketch = DurationSketch::default();
        for v in &values {
            assert!(sketch.add(*v));
        }
        values.sort_by(f64::total_cmp);
        for q in [0.0, 0.1, 0.5, 0.9, 0.99, 1.0] {
            let exact = exact_quantile(&values, q).unwrap();
            let estimate = sketch.quantile(q).unwrap();
            if exact == 0.0 {
                assert_eq!(estimate, 0.0);
            } else {
                let error = (estimate - exact).abs() / exact;
                assert!(
                    error <= DEFAULT_ACCURACY + 1e-9,
                    "q={q}: {estimate} vs {exact} ({error})"
                );
            }
        }
    }

    #[test]
    fn merged_sketches_equal_one_sketch_of_everything() {
        let mut a = DurationSketch::default();
        let mut b = DurationSketch::default();
        let mut all = DurationSketch::default();
        for i in 0..1000u32 {
            let v = f64::from(i % 113) * 3600.0 + f64::from(i);
            if i % 3 == 0 {
                a.add(v)
            } else {
                b.add(v)
            };
            all.add(v);
        }
        a.merge(&b).unwrap();
        assert_eq!(
            a, all,
            "merging is exact: a national median from merged counts"
        );
        assert!(a.merge(&DurationSketch::new(0.05)).is_err());
        assert!(!all.add(-1.0) && !all.add(f64::NAN));
    }
}

/// How a transaction reached a service run outside Civic, as GOV.UK counted channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventChannel {
    /// Done online by the person.
    Digital,
    /// Done online with someone's help (counted apart from digital).
    AssistedDigital,
    /// By phone.
    Phone,
    /// In person.
    Counter,
    /// On paper, by post.
    Post,
    /// By email.
    Email,
}

impl EventChannel {
    /// Every channel.
    pub const ALL: [EventChannel; 6] = [
        EventChannel::Digital,
        EventChannel::AssistedDigital,
        EventChannel::Phone,
        EventChannel::Counter,
        EventChannel::Post,
        EventChannel::Email,
    ];

    /// The identifier used in APIs and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            EventChannel::Digital => "digital",
            EventChannel::AssistedDigital => "assisted_digital",
            EventChannel::Phone => "phone",
            EventChannel::Counter => "counter",
            EventChannel::Post => "post",
            EventChannel::Email => "email",
        }
    }

    /// Parses the identifier.
    pub fn parse(s: &str) -> Option<EventChannel> {
        EventChannel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// One transaction event as a service pushes it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventInput {
    /// The sender's own id for the event; sending it again changes nothing, except that a
    /// pending transaction sent again with its outcome is brought up to date.
    #[serde(default)]
    pub id: String,
    /// The service (its identifier within the body); needed when the data set covers
    /// more than one service.
    #[serde(default)]
    pub service: Option<String>,
    /// The channel's identifier.
    #[serde(default)]
    pub channel: String,
    /// When the transaction started (RFC 3339 with a timezone).
    #[serde(default)]
    pub started_at: String,
    /// When it reached its outcome, if it has.
    #[serde(default)]
    pub outcome_at: Option<String>,
    /// The outcome: `completed`, `refused` (or `not_eligible`), `no_further_action`,
    /// `duplicate`, `abandoned` or `failed`; `pending` or absent when there is none yet.
    #[serde(default)]
    pub outcome: Option<String>,
    /// Satisfaction asked at the outcome, 1 (very dissatisfied) to 5 (very satisfied).
    #[serde(default)]
    pub satisfaction: Option<i64>,
}

/// A checked transaction event.
#[derive(Debug, Clone, PartialEq)]
pub struct TransactionEvent {
    /// The sender's id.
    pub id: String,
    /// The service named in the event, if any.
    pub service: Option<String>,
    /// Channel.
    pub channel: EventChannel,
    /// Start.
    pub started_at: time::OffsetDateTime,
    /// Outcome time.
    pub outcome_at: Option<time::OffsetDateTime>,
    /// Outcome; `None` while pending.
    pub outcome: Option<Outcome>,
    /// Satisfaction, 1–5.
    pub satisfaction: Option<u8>,
}

impl TransactionEvent {
    /// What the event contributes to the measures.
    pub fn fact(&self) -> TransactionFact {
        TransactionFact {
            channel: self.channel,
            started_at: self.started_at,
            outcome: self.outcome_at.zip(self.outcome),
            satisfaction: self.satisfaction,
        }
    }
}

impl EventInput {
    /// Checks one event; `field` names are prefixed by the caller with the event's index.
    pub fn validate(&self) -> Result<TransactionEvent, crate::FieldErrors> {
        let mut errors = crate::FieldErrors::default();
        let id = self.id.trim().to_string();
        if id.is_empty() || id.chars().count() > 100 {
            errors.add_t(
                "id",
                "validation-event-id-length",
                "Give each event an id of 1 to 100 characters",
            );
        }
        let channel = EventChannel::parse(self.channel.trim());
        if channel.is_none() {
            errors.add_with(
                "channel",
                "validation-event-channel-unknown",
                vec![("channel", self.channel.trim().to_string())],
                format!(
                    "Unknown channel '{}': use digital, assisted_digital, phone, counter, post or email",
                    self.channel.trim()
                ),
            );
        }
        let started_at = crate::parse_datetime(&self.started_at);
        if started_at.is_none() {
            errors.add_t(
                "started_at",
                "validation-event-started-at-invalid",
                "started_at must be a date and time with a timezone, like 2026-03-05T14:00:00Z",
            );
        }
        let outcome_at = match self
            .outcome_at
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(raw) => {
                let parsed = crate::parse_datetime(raw);
                if parsed.is_none() {
                    errors.add_t(
                        "outcome_at",
                        "validation-event-outcome-at-invalid",
                        "outcome_at must be a date and time with a timezone",
                    );
                }
                parsed
            }
        };
        if let (Some(s), Some(o)) = (started_at, outcome_at)
            && o < s
        {
            errors.add_t(
                "outcome_at",
                "validation-event-outcome-at-before-start",
                "outcome_at is before started_at",
            );
        }
        let named = self
            .outcome
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "pending");
        let outcome = match (named, outcome_at) {
            (None, None) => None,
            (None, Some(_)) => Some(Outcome::Completed),
            (Some(name), at) => {
                let parsed = Outcome::parse(name);
                if parsed.is_none() {
                    errors.add_with(
                        "outcome",
                        "validation-event-outcome-unknown",
                        vec![("outcome", name.chars().take(40).collect::<String>())],
                        format!(
                            "Unknown outcome '{}': use completed, refused, not_eligible, \
                             no_further_action, duplicate, abandoned, failed or pending",
                            name.chars().take(40).collect::<String>()
                        ),
                    );
                }
                if at.is_none() {
                    errors.add_t(
                        "outcome_at",
                        "validation-event-outcome-at-missing",
                        "Give outcome_at with an outcome",
                    );
                }
                parsed
            }
        };
        let service = self
            .service
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        if service.as_ref().is_some_and(|s| s.len() > 100) {
            errors.add_t(
                "service",
                "validation-event-service-too-long",
                "service must be 100 characters or fewer",
            );
        }
        let satisfaction = match self.satisfaction {
            None => None,
            Some(_) if outcome_at.is_none() => {
                errors.add_t(
                    "satisfaction",
                    "validation-event-satisfaction-without-outcome",
                    "satisfaction is asked at the outcome: give outcome_at too",
                );
                None
            }
            Some(n) if (1..=5).contains(&n) => u8::try_from(n).ok(),
            Some(_) => {
                errors.add_t(
                    "satisfaction",
                    "validation-event-satisfaction-invalid",
                    "satisfaction must be a whole number from 1 to 5",
                );
                None
            }
        };
        match (channel, started_at) {
            (Some(channel), Some(started_at)) if errors.is_empty() => Ok(TransactionEvent {
                id,
                service,
                channel,
                started_at,
                outcome_at,
                outcome,
                satisfaction,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod event_tests {
    use super::*;

    #[test]
    fn events_are_checked() {
        let ok = EventInput {
            id: "e1".into(),
            channel: "assisted_digital".into(),
            started_at: "2026-11-01T09:00:00Z".into(),
            outcome_at: Some("2026-11-03T09:00:00+01:00".into()),
            satisfaction: Some(4),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.outcome, Some(Outcome::Completed));
        assert_eq!(ok.channel, EventChannel::AssistedDigital);
        let bad = EventInput {
            id: String::new(),
            channel: "fax".into(),
            started_at: "yesterday".into(),
            satisfaction: Some(9),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        for field in ["id", "channel", "started_at", "satisfaction"] {
            assert!(bad.for_field(field).is_some(), "{field}");
        }
        let backwards = EventInput {
            id: "e2".into(),
            channel: "digital".into(),
            started_at: "2026-11-03T09:00:00Z".into(),
            outcome_at: Some("2026-11-01T09:00:00Z".into()),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert!(backwards.for_field("outcome_at").is_some());
    }
}

/// How a transaction ended, as services report it. GOV.UK counted a transaction complete
/// when the service did what it should, a correct refusal included; giving up or failing
/// is not completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Done: what the person asked for happened.
    Completed,
    /// A correct "no" (not eligible, refused, someone else's responsibility).
    Refused,
    /// Looked at and closed without action.
    NoFurtherAction,
    /// A repeat of another transaction, closed as such.
    Duplicate,
    /// The person gave up or withdrew.
    Abandoned,
    /// The service failed.
    Failed,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 6] = [
        Outcome::Completed,
        Outcome::Refused,
        Outcome::NoFurtherAction,
        Outcome::Duplicate,
        Outcome::Abandoned,
        Outcome::Failed,
    ];

    /// The identifier used in APIs and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Completed => "completed",
            Outcome::Refused => "refused",
            Outcome::NoFurtherAction => "no_further_action",
            Outcome::Duplicate => "duplicate",
            Outcome::Abandoned => "abandoned",
            Outcome::Failed => "failed",
        }
    }

    /// Parses the identifier (`not_eligible` is a refusal).
    pub fn parse(s: &str) -> Option<Outcome> {
        if s == "not_eligible" {
            return Some(Outcome::Refused);
        }
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// Whether it counts towards completion (and so towards time to outcome).
    pub fn is_completion(self) -> bool {
        matches!(
            self,
            Outcome::Completed | Outcome::Refused | Outcome::NoFurtherAction
        )
    }

    /// The outcome a closed Civic request stands for; `None` while it is open.
    pub fn of_request(status: crate::RequestStatus) -> Option<Outcome> {
        use crate::RequestStatus as S;
        match status {
            S::Fixed | S::Closed => Some(Outcome::Completed),
            S::NotResponsible => Some(Outcome::Refused),
            S::NoFurtherAction => Some(Outcome::NoFurtherAction),
            S::Duplicate => Some(Outcome::Duplicate),
            S::Received | S::Acknowledged | S::InProgress | S::ActionScheduled | S::Reopened => {
                None
            }
        }
    }
}

impl EventChannel {
    /// The channel a Civic request arrived by, in GOV.UK's terms: the web form and apps
    /// are digital; requests staff type in for a caller keep the caller's channel.
    pub fn of_request(channel: crate::RequestChannel) -> EventChannel {
        use crate::RequestChannel as C;
        match channel {
            C::Web | C::Api => EventChannel::Digital,
            C::Phone => EventChannel::Phone,
            C::Counter => EventChannel::Counter,
            C::Post => EventChannel::Post,
            C::Email => EventChannel::Email,
        }
    }

    /// Position in `ALL`, used to index per-channel counts.
    pub fn index(self) -> usize {
        EventChannel::ALL
            .iter()
            .position(|c| *c == self)
            .unwrap_or(0)
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            EventChannel::Digital => "Digital",
            EventChannel::AssistedDigital => "Assisted digital",
            EventChannel::Phone => "Phone",
            EventChannel::Counter => "In person",
            EventChannel::Post => "Post",
            EventChannel::Email => "Email",
        }
    }
}

/// The two grains measures are kept at; weeks are summed from days, quarters and years
/// from months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grain {
    /// One calendar day (UTC).
    Day,
    /// One calendar month (UTC).
    Month,
}

impl Grain {
    /// The identifier used in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Month => "month",
        }
    }

    /// The first day of the grain's period holding `date`.
    pub fn start(self, date: time::Date) -> time::Date {
        match self {
            Grain::Day => date,
            Grain::Month => date.replace_day(1).unwrap_or(date),
        }
    }
}

/// A reporting period, as the Performance Platform's read API offered them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// Days.
    Day,
    /// Weeks starting on Monday.
    Week,
    /// Calendar months.
    Month,
    /// Quarters starting January, April, July and October.
    Quarter,
    /// Calendar years.
    Year,
}

impl Period {
    /// Every period.
    pub const ALL: [Period; 5] = [
        Period::Day,
        Period::Week,
        Period::Month,
        Period::Quarter,
        Period::Year,
    ];

    /// The identifier used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// Parses the identifier.
    pub fn parse(s: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The stored grain this period is summed from.
    pub fn grain(self) -> Grain {
        match self {
            Period::Day | Period::Week => Grain::Day,
            Period::Month | Period::Quarter | Period::Year => Grain::Month,
        }
    }

    /// The first day of the period holding `date`.
    pub fn start(self, date: time::Date) -> time::Date {
        use time::Month;
        match self {
            Period::Day => date,
            Period::Week => date
                .checked_sub(time::Duration::days(i64::from(
                    date.weekday().number_days_from_monday(),
                )))
                .unwrap_or(date),
            Period::Month => date.replace_day(1).unwrap_or(date),
            Period::Quarter => {
                let first = match date.month() {
                    Month::January | Month::February | Month::March => Month::January,
                    Month::April | Month::May | Month::June => Month::April,
                    Month::July | Month::August | Month::September => Month::July,
                    _ => Month::October,
                };
                time::Date::from_calendar_date(date.year(), first, 1).unwrap_or(date)
            }
            Period::Year => {
                time::Date::from_calendar_date(date.year(), Month::January, 1).unwrap_or(date)
            }
        }
    }

    /// The first day of the next period after the one starting at `start`.
    pub fn next(self, start: time::Date) -> time::Date {
        let months = |n: u8| {
            let mut month = start.month();
            let mut year = start.year();
            for _ in 0..n {
                month = month.next();
                if month == time::Month::January {
                    year += 1;
                }
            }
            time::Date::from_calendar_date(year, month, 1).unwrap_or(start)
        };
        match self {
            Period::Day => start.next_day().unwrap_or(start),
            Period::Week => start.checked_add(time::Duration::days(7)).unwrap_or(start),
            Period::Month => months(1),
            Period::Quarter => months(3),
            Period::Year => months(12),
        }
    }

    /// A short label for a period starting at `start`: "5 Mar 2026", "w/c 2 Mar 2026",
    /// "Mar 2026", "Q1 2026", "2026".
    pub fn label(self, start: time::Date) -> String {
        let month = &start.month().to_string()[..3];
        match self {
            Period::Day => format!("{} {month} {}", start.day(), start.year()),
            Period::Week => format!("w/c {} {month} {}", start.day(), start.year()),
            Period::Month => format!("{month} {}", start.year()),
            Period::Quarter => format!(
                "Q{} {}",
                (u8::from(start.month()) - 1) / 3 + 1,
                start.year()
            ),
            Period::Year => start.year().to_string(),
        }
    }

    /// How many periods dashboards show by default: about two years, fewer for days.
    pub fn default_span(self) -> usize {
        match self {
            Period::Day => 31,
            Period::Week => 26,
            Period::Month => 24,
            Period::Quarter => 8,
            Period::Year => 2,
        }
    }
}

/// The measures of one service over one period, added up from transactions. Counts are
/// signed so the same type carries changes (a reopened request subtracts its outcome).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measures {
    /// Transactions started, by channel (indexed as `EventChannel::ALL`).
    pub started: [i64; 6],
    /// Transactions completed, by channel, counted when they reached their outcome.
    pub completed: [i64; 6],
    /// Transactions that reached an outcome that is not a completion.
    pub not_completed: i64,
    /// Answers to the satisfaction question, from 1 (very dissatisfied) to 5 (very satisfied).
    pub satisfaction: [i64; 5],
    /// Time from start to outcome of completed transactions.
    pub durations: DurationSketch,
}

/// How many counts `Measures` holds (`Measures::counts`).
pub const MEASURE_COUNTS: usize = 18;

impl Measures {
    /// The counts in the order storage keeps them: started by channel, completed by
    /// channel, not completed, satisfaction 1–5.
    pub fn counts(&self) -> [i64; MEASURE_COUNTS] {
        let mut out = [0i64; MEASURE_COUNTS];
        out[..6].copy_from_slice(&self.started);
        out[6..12].copy_from_slice(&self.completed);
        out[12] = self.not_completed;
        out[13..].copy_from_slice(&self.satisfaction);
        out
    }

    /// Measures with these counts (in `counts` order) and no times.
    pub fn from_counts(counts: &[i64; MEASURE_COUNTS]) -> Measures {
        let mut m = Measures::default();
        m.started.copy_from_slice(&counts[..6]);
        m.completed.copy_from_slice(&counts[6..12]);
        m.not_completed = counts[12];
        m.satisfaction.copy_from_slice(&counts[13..]);
        m
    }

    /// Adds another period's or service's measures: exact for counts and for the sketch.
    pub fn merge(&mut self, other: &Measures) {
        for i in 0..6 {
            self.started[i] += other.started[i];
            self.completed[i] += other.completed[i];
        }
        for i in 0..5 {
            self.satisfaction[i] += other.satisfaction[i];
        }
        self.not_completed += other.not_completed;
        // Every stored sketch has the default accuracy, so counts add directly.
        self.durations.absorb(&other.durations);
    }

    /// True when nothing was counted.
    pub fn is_empty(&self) -> bool {
        *self == Measures::default()
    }

    /// Transactions started, all channels.
    pub fn volume(&self) -> i64 {
        self.started.iter().sum()
    }

    /// Transactions completed, all channels.
    pub fn completions(&self) -> i64 {
        self.completed.iter().sum()
    }

    /// Completed ÷ reached an outcome; never above 1.
    pub fn completion_rate(&self) -> Option<f64> {
        let finished = self.completions() + self.not_completed;
        (finished > 0).then(|| self.completions() as f64 / finished as f64)
    }

    /// Digital take-up of completed transactions, assisted digital counted apart.
    pub fn take_up(&self) -> Option<f64> {
        let d = EventChannel::Digital.index();
        let a = EventChannel::AssistedDigital.index();
        let other: i64 = (0..6)
            .filter(|i| *i != d && *i != a)
            .map(|i| self.completed[i])
            .sum();
        digital_take_up(
            self.completed[d].max(0) as u64,
            self.completed[a].max(0) as u64,
            other.max(0) as u64,
        )
    }

    /// Number of satisfaction answers.
    pub fn satisfaction_answers(&self) -> i64 {
        self.satisfaction.iter().sum()
    }

    /// Share of answers that were satisfied or very satisfied (4 or 5), as the service
    /// manual now asks.
    pub fn satisfied_share(&self) -> Option<f64> {
        let all = self.satisfaction_answers();
        (all > 0).then(|| (self.satisfaction[3] + self.satisfaction[4]) as f64 / all as f64)
    }

    /// The Performance Platform's score: (mean rating − 1) ÷ 4.
    pub fn satisfaction_score(&self) -> Option<f64> {
        let all = self.satisfaction_answers();
        (all > 0).then(|| {
            let total: i64 = (0..5).map(|i| self.satisfaction[i] * (i as i64 + 1)).sum();
            (total as f64 / all as f64 - 1.0) / 4.0
        })
    }
}

/// What one transaction contributes to the measures: where it started, how and when it
/// ended, and the satisfaction answer given at the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct TransactionFact {
    /// Channel.
    pub channel: EventChannel,
    /// When it started.
    pub started_at: time::OffsetDateTime,
    /// When and how it ended, if it has.
    pub outcome: Option<(time::OffsetDateTime, Outcome)>,
    /// Satisfaction asked at the outcome, 1–5.
    pub satisfaction: Option<u8>,
}

impl TransactionFact {
    /// Seconds from start to outcome, for completed transactions.
    pub fn duration_seconds(&self) -> Option<i64> {
        match self.outcome {
            Some((at, outcome)) if outcome.is_completion() => {
                Some((at - self.started_at).whole_seconds().max(0))
            }
            _ => None,
        }
    }

    /// Adds `sign` (1 to count, −1 to take back) times this transaction to the cells it
    /// touches: the start's day and month, and the outcome's day and month.
    pub fn contribute(
        &self,
        sign: i64,
        mut add: impl FnMut(Grain, time::Date, &dyn Fn(&mut Measures)),
    ) {
        let channel = self.channel.index();
        for grain in [Grain::Day, Grain::Month] {
            add(grain, grain.start(self.started_at.date()), &|m| {
                m.started[channel] += sign
            });
            if let Some((at, outcome)) = self.outcome {
                let duration = self.duration_seconds();
                let satisfaction = self.satisfaction;
                add(grain, grain.start(at.date()), &move |m| {
                    if outcome.is_completion() {
                        m.completed[channel] += sign;
                    } else {
                        m.not_completed += sign;
                    }
                    if let Some(seconds) = duration {
                        m.durations.add_weighted(seconds as f64, sign);
                    }
                    if let Some(s @ 1..=5) = satisfaction {
                        m.satisfaction[usize::from(s) - 1] += sign;
                    }
                });
            }
        }
    }
}

#[cfg(test)]
mod measure_tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn periods_start_and_step() {
        let d = date!(2026 - 05 - 14); // a Thursday
        assert_eq!(Period::Week.start(d), date!(2026 - 05 - 11));
        assert_eq!(Period::Quarter.start(d), date!(2026 - 04 - 01));
        assert_eq!(Period::Year.start(d), date!(2026 - 01 - 01));
        assert_eq!(
            Period::Month.next(date!(2026 - 12 - 01)),
            date!(2027 - 01 - 01)
        );
        assert_eq!(
            Period::Quarter.next(date!(2026 - 10 - 01)),
            date!(2027 - 01 - 01)
        );
        assert_eq!(Period::Quarter.label(date!(2026 - 04 - 01)), "Q2 2026");
        assert_eq!(Period::Week.label(date!(2026 - 05 - 11)), "w/c 11 May 2026");
        assert_eq!(Period::parse("week"), Some(Period::Week));
        assert_eq!(Period::parse("fortnight"), None);
    }

    #[test]
    fn a_transaction_counts_at_its_start_and_its_outcome_and_can_be_taken_back() {
        let fact = TransactionFact {
            channel: EventChannel::Phone,
            started_at: datetime!(2026-03-31 23:00 UTC),
            outcome: Some((datetime!(2026-04-02 11:00 UTC), Outcome::Completed)),
            satisfaction: Some(5),
        };
        let mut cells: BTreeMap<(Grain, time::Date), Measures> = BTreeMap::new();
        let apply = |cells: &mut BTreeMap<(Grain, time::Date), Measures>, sign| {
            fact.contribute(sign, |grain, day, f| {
                f(cells.entry((grain, day)).or_default())
            })
        };
        apply(&mut cells, 1);
        let march = &cells[&(Grain::Month, date!(2026 - 03 - 01))];
        assert_eq!(march.volume(), 1);
        assert_eq!(march.completions(), 0);
        let april = &cells[&(Grain::Month, date!(2026 - 04 - 01))];
        assert_eq!(april.completed[EventChannel::Phone.index()], 1);
        assert_eq!(april.satisfaction[4], 1);
        assert_eq!(april.durations.count, 1);
        let day = &cells[&(Grain::Day, date!(2026 - 04 - 02))];
        let median = day.durations.quantile(0.5).unwrap();
        assert!((median - 36.0 * 3600.0).abs() / (36.0 * 3600.0) <= DEFAULT_ACCURACY);
        apply(&mut cells, -1);
        assert!(cells.values().all(Measures::is_empty), "{cells:?}");
    }

    #[test]
    fn sketches_survive_storage() {
        let mut sketch = DurationSketch::default();
        for v in [0.0, 1.0, 59.0, 3600.0, 86_400.0 * 40.0] {
            sketch.add(v);
        }
        sketch.add_weighted(59.0, -1);
        let back = DurationSketch::from_bytes(&sketch.to_bytes()).unwrap();
        assert_eq!(back, sketch);
        assert_eq!(
            DurationSketch::from_bytes(&[]),
            Some(DurationSketch::default())
        );
        assert_eq!(DurationSketch::from_bytes(&[9, 1]), None);
        assert_eq!(DurationSketch::from_bytes(&[1, 0x80]), None);
        assert_eq!(back.count_at_most(3600.0 * 1.005), 3);
    }

    #[test]
    fn rates_follow_the_gov_uk_definitions() {
        let mut m = Measures::default();
        m.completed[EventChannel::Digital.index()] = 6;
        m.completed[EventChannel::AssistedDigital.index()] = 2;
        m.completed[EventChannel::Post.index()] = 2;
        m.not_completed = 10;
        assert_eq!(m.take_up(), Some(0.6));
        assert_eq!(m.completion_rate(), Some(0.5));
        m.satisfaction = [1, 0, 0, 0, 1];
        assert_eq!(m.satisfaction_score(), Some(0.5));
        assert_eq!(m.satisfied_share(), Some(0.5));
        assert_eq!(Outcome::of_request(crate::RequestStatus::Reopened), None);
        assert_eq!(Outcome::parse("not_eligible"), Some(Outcome::Refused));
    }
}

/// A data set as someone sets it up (command line or staff page).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DatasetInput {
    /// Its name, such as "Council tax system".
    #[serde(default)]
    pub name: String,
    /// The service's identifier, or empty when each event names its own service.
    #[serde(default)]
    pub service: String,
    /// Hours after which silence marks it stale.
    #[serde(default)]
    pub expected_every_hours: String,
}

/// A checked data set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetDraft {
    /// Identifier derived from the name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Service, or empty.
    pub service: String,
    /// Hours, 1 to 8,784 (a year).
    pub expected_every_hours: i32,
}

impl DatasetInput {
    /// Checks the fields.
    pub fn validate(&self) -> Result<DatasetDraft, crate::FieldErrors> {
        let mut errors = crate::FieldErrors::default();
        let name = self.name.trim().to_string();
        let slug = crate::slugify(&name);
        if name.is_empty() || name.chars().count() > 200 {
            errors.add_t(
                "name",
                "validation-measures-dataset-name-length",
                "Give the data set a name of 1 to 200 characters",
            );
        } else if !crate::validation::is_valid_slug(&slug) {
            errors.add_t(
                "name",
                "validation-measures-dataset-name-no-letters",
                "The name must contain letters or numbers",
            );
        }
        let hours = self.expected_every_hours.trim().parse::<i32>().ok();
        let hours = match hours {
            Some(h) if (1..=24 * 366).contains(&h) => h,
            _ => {
                errors.add_t(
                    "expected_every_hours",
                    "validation-measures-dataset-hours-invalid",
                    "Enter how many hours may pass between batches, from 1 to 8784",
                );
                0
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(DatasetDraft {
            slug,
            name,
            service: self.service.trim().to_string(),
            expected_every_hours: hours,
        })
    }
}

#[cfg(test)]
mod dataset_tests {
    use super::*;

    #[test]
    fn data_sets_are_checked() {
        let ok = DatasetInput {
            name: " Council tax system ".into(),
            service: "".into(),
            expected_every_hours: "24".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(
            (ok.slug.as_str(), ok.expected_every_hours),
            ("council-tax-system", 24)
        );
        let bad = DatasetInput {
            name: "!!!".into(),
            expected_every_hours: "0".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert!(bad.for_field("name").is_some() && bad.for_field("expected_every_hours").is_some());
    }
}
