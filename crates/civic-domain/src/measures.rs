//! Performance measures computed from events, never typed in: time-to-outcome
//! distributions that merge across periods and bodies without averaging medians, digital
//! take-up as GOV.UK defined it, and suppression of counts small enough to identify people.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// Bucket index → count; durations of zero are counted apart.
    pub buckets: BTreeMap<i32, u64>,
    /// Durations of exactly zero seconds.
    pub zeros: u64,
    /// Total count.
    pub count: u64,
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
        if !seconds.is_finite() || seconds < 0.0 {
            return false;
        }
        if seconds == 0.0 {
            self.zeros += 1;
        } else {
            *self.buckets.entry(self.bucket(seconds)).or_insert(0) += 1;
        }
        self.count += 1;
        true
    }

    /// Adds another sketch's counts; both must share the same accuracy.
    pub fn merge(&mut self, other: &DurationSketch) -> Result<(), String> {
        if (self.relative_accuracy - other.relative_accuracy).abs() > f64::EPSILON {
            return Err("sketches with different accuracies cannot be merged".into());
        }
        for (k, v) in &other.buckets {
            *self.buckets.entry(*k).or_insert(0) += v;
        }
        self.zeros += other.zeros;
        self.count += other.count;
        Ok(())
    }

    /// The q-quantile (0 ≤ q ≤ 1) with the lower-rank convention of `exact_quantile`: within
    /// the relative accuracy of that exact value. `None` when empty.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        if self.count == 0 || !(0.0..=1.0).contains(&q) {
            return None;
        }
        let rank = (q * (self.count - 1) as f64).floor() as u64;
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
    /// The sender's own id for the event; sending it again changes nothing.
    #[serde(default)]
    pub id: String,
    /// The channel's identifier.
    #[serde(default)]
    pub channel: String,
    /// When the transaction started (RFC 3339 with a timezone).
    #[serde(default)]
    pub started_at: String,
    /// When it reached its outcome, if it has.
    #[serde(default)]
    pub outcome_at: Option<String>,
    /// The outcome, such as `completed` or `refused`; `pending` when there is none yet.
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
    /// Channel.
    pub channel: EventChannel,
    /// Start.
    pub started_at: time::OffsetDateTime,
    /// Outcome time.
    pub outcome_at: Option<time::OffsetDateTime>,
    /// Outcome.
    pub outcome: String,
    /// Satisfaction, 1–5.
    pub satisfaction: Option<u8>,
}

impl EventInput {
    /// Checks one event; `field` names are prefixed by the caller with the event's index.
    pub fn validate(&self) -> Result<TransactionEvent, crate::FieldErrors> {
        let mut errors = crate::FieldErrors::default();
        let id = self.id.trim().to_string();
        if id.is_empty() || id.chars().count() > 100 {
            errors.add("id", "Give each event an id of 1 to 100 characters");
        }
        let channel = EventChannel::parse(self.channel.trim());
        if channel.is_none() {
            errors.add(
                "channel",
                format!(
                    "Unknown channel '{}': use digital, assisted_digital, phone, counter, post or email",
                    self.channel.trim()
                ),
            );
        }
        let started_at = crate::parse_datetime(&self.started_at);
        if started_at.is_none() {
            errors.add(
                "started_at",
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
                    errors.add(
                        "outcome_at",
                        "outcome_at must be a date and time with a timezone",
                    );
                }
                parsed
            }
        };
        if let (Some(s), Some(o)) = (started_at, outcome_at)
            && o < s
        {
            errors.add("outcome_at", "outcome_at is before started_at");
        }
        let outcome = self
            .outcome
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(if outcome_at.is_some() {
                "completed"
            } else {
                "pending"
            })
            .to_string();
        if outcome.chars().count() > 50 {
            errors.add("outcome", "outcome must be 50 characters or fewer");
        }
        let satisfaction = match self.satisfaction {
            None => None,
            Some(n) if (1..=5).contains(&n) => u8::try_from(n).ok(),
            Some(_) => {
                errors.add(
                    "satisfaction",
                    "satisfaction must be a whole number from 1 to 5",
                );
                None
            }
        };
        match (channel, started_at) {
            (Some(channel), Some(started_at)) if errors.is_empty() => Ok(TransactionEvent {
                id,
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
        assert_eq!(ok.outcome, "completed");
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
