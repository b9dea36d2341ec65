//! Exact times to outcome, kept as sorted runs. Every write appends one run per standard
//! service it touched, and merges it with the newest stored runs of that service while they
//! are no larger than what it has gathered (a binary counter, as log-structured merge trees
//! do), so a service holds a few runs whose sizes grow with age. Each time is rewritten
//! about log₂(service ÷ batch) times in all, as a few bytes, where an index entry per
//! transaction landed on a random page and cost a page write per event. A run holds every
//! month of outcome, in order: its keys are `month_time_key`s.

use super::{put_varint, take_varint, unzigzag, zigzag};

/// A sorted multiset of whole-second durations with signed counts: the times a write
/// added (positive) or took back out (negative) for one group, or a group's merged times.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DurationRun {
    /// `(seconds, count)` by ascending seconds; no count is zero.
    entries: Vec<(i64, i64)>,
}

/// The most runs a service keeps: a write that would leave more merges them. A binary
/// counter needs log₂(service ÷ batch) runs, about 17 for the busiest of 200 services over
/// 10 million events in batches of a body's events: room for that, so merges stay binary.
pub const MAX_RUNS: usize = 24;

/// Seconds a key keeps below its month: 2⁴⁰ s is 34,000 years, longer than any real wait.
const SECONDS_BITS: u32 = 40;

/// The key of a time in a service's runs: its month of outcome (`YYYYMM`, not negative)
/// above its seconds (clamped into 0 ≤ s < 2⁴⁰), so that keys sort by month, then time.
pub fn month_time_key(month: i32, seconds: i64) -> i64 {
    (i64::from(month.max(0)) << SECONDS_BITS) | seconds.clamp(0, (1 << SECONDS_BITS) - 1)
}

impl DurationRun {
    /// The run of these `(seconds, count)` changes, in any order and with repeats.
    pub fn from_changes(mut changes: Vec<(i64, i64)>) -> DurationRun {
        changes.sort_unstable_by_key(|(seconds, _)| *seconds);
        let mut entries: Vec<(i64, i64)> = Vec::with_capacity(changes.len());
        for (seconds, count) in changes {
            match entries.last_mut() {
                Some(last) if last.0 == seconds => last.1 += count,
                _ => entries.push((seconds, count)),
            }
        }
        entries.retain(|(_, count)| *count != 0);
        DurationRun { entries }
    }

    /// Several runs as one (counts of equal durations added, zeros dropped).
    pub fn merged<'a>(runs: impl IntoIterator<Item = &'a DurationRun>) -> DurationRun {
        DurationRun::from_changes(
            runs.into_iter()
                .flat_map(|run| run.entries.iter().copied())
                .collect(),
        )
    }

    /// The run of each month in a run keyed by `month_time_key`, by month, with the keys
    /// turned back into seconds.
    pub fn by_month(&self) -> Vec<(i32, DurationRun)> {
        let mut months: Vec<(i32, DurationRun)> = Vec::new();
        for (key, count) in &self.entries {
            let month = i32::try_from(key >> SECONDS_BITS).unwrap_or(i32::MAX);
            let entry = (key & ((1 << SECONDS_BITS) - 1), *count);
            match months.last_mut() {
                Some((last, run)) if *last == month => run.entries.push(entry),
                _ => months.push((
                    month,
                    DurationRun {
                        entries: vec![entry],
                    },
                )),
            }
        }
        months
    }

    /// True when the run changes nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many durations the run holds (removals counted negatively).
    pub fn total(&self) -> i64 {
        self.entries.iter().map(|(_, count)| count).sum()
    }

    /// True when every count is positive, as a group's merged runs must be: a time is only
    /// ever taken out after it was put in.
    pub fn is_multiset(&self) -> bool {
        self.entries.iter().all(|(_, count)| *count > 0)
    }

    /// The duration at 0-based `rank` in ascending order (counting repeats); `None` past
    /// the end or when a count is negative.
    pub fn at_rank(&self, rank: i64) -> Option<i64> {
        let mut below = 0i64;
        for (seconds, count) in &self.entries {
            if *count < 0 {
                return None;
            }
            below += count;
            if rank < below {
                return Some(*seconds);
            }
        }
        None
    }

    /// The run as stored: a version byte, then per entry the zig-zag varint gap from the
    /// previous duration (from zero for the first) and the zig-zag varint count.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + self.entries.len() * 4);
        out.push(1);
        let mut previous = 0i64;
        for (seconds, count) in &self.entries {
            put_varint(&mut out, zigzag(seconds - previous));
            put_varint(&mut out, zigzag(*count));
            previous = *seconds;
        }
        out
    }

    /// Reads bytes written by `to_bytes`; `None` if they are not such bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<DurationRun> {
        let (&version, mut rest) = bytes.split_first()?;
        if version != 1 {
            return None;
        }
        let mut entries = Vec::with_capacity(rest.len() / 3);
        let mut seconds = 0i64;
        while !rest.is_empty() {
            seconds = seconds.checked_add(unzigzag(take_varint(&mut rest)?))?;
            let count = unzigzag(take_varint(&mut rest)?);
            // Times to outcome are never negative (writers clamp them at zero), and counts
            // stay far from overflow: 2^40 transactions in one group is not a real store.
            if seconds < 0
                || count == 0
                || count.unsigned_abs() > 1 << 40
                || entries.last().is_some_and(|(last, _)| *last >= seconds)
            {
                return None;
            }
            entries.push((seconds, count));
        }
        Some(DurationRun { entries })
    }
}

/// How many of a group's newest stored runs a new run of size `new` is merged with, given
/// the stored runs' sizes (in bytes as stored) oldest first: each newest run no larger than the
/// size gathered so far, and as many more as keep the group within `MAX_RUNS`.
pub fn runs_to_merge(stored: &[usize], new: usize) -> usize {
    let mut gathered = new;
    let mut merged = 0;
    for size in stored.iter().rev() {
        let left = stored.len() - merged;
        if *size <= gathered || left + 1 > MAX_RUNS {
            gathered += size;
            merged += 1;
        } else {
            break;
        }
    }
    merged
}

/// The exact median and 90th percentile of a group's times, ranks ⌊(n−1)/2⌋ and
/// ⌊9(n−1)/10⌋ as `exact_quantile` takes them: `(n, median, p90)`, or `None` when the group
/// is empty or not a multiset.
pub fn median_and_p90(group: &DurationRun) -> Option<(i64, i64, i64)> {
    let n = group.total();
    if n <= 0 || !group.is_multiset() {
        return None;
    }
    Some((
        n,
        group.at_rank((n - 1) / 2)?,
        group.at_rank(9 * (n - 1) / 10)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::exact_quantile_i64;

    #[test]
    fn runs_round_trip_and_reject_other_bytes() {
        let run =
            DurationRun::from_changes(vec![(90, 1), (5, 2), (90, 2), (7, -1), (3, 1), (3, -1)]);
        assert_eq!(run.entries, vec![(5, 2), (7, -1), (90, 3)]);
        assert_eq!(run.total(), 4);
        assert_eq!(DurationRun::from_bytes(&run.to_bytes()), Some(run.clone()));
        assert_eq!(DurationRun::from_bytes(&[1]), Some(DurationRun::default()));
        assert_eq!(DurationRun::from_bytes(&[]), None);
        assert_eq!(DurationRun::from_bytes(&[2]), None);
        // A count of zero, and durations out of order, are not what `to_bytes` writes.
        assert_eq!(DurationRun::from_bytes(&[1, 10, 0]), None);
        assert_eq!(DurationRun::from_bytes(&[1, 10, 2, 0, 2]), None);
        // Truncated varint; a negative time (zig-zag 1 is −1).
        assert_eq!(DurationRun::from_bytes(&[1, 0x80]), None);
        assert_eq!(DurationRun::from_bytes(&[1, 1, 2]), None);
    }

    #[test]
    fn merged_runs_give_the_exact_quantiles_of_what_is_left() {
        // Pseudo-random durations, some taken back out in later runs.
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as i64 % 500_000
        };
        let mut kept: Vec<i64> = Vec::new();
        let mut runs = Vec::new();
        for _ in 0..40 {
            let added: Vec<i64> = (0..37).map(|_| next()).collect();
            let mut changes: Vec<(i64, i64)> = added.iter().map(|s| (*s, 1)).collect();
            // Take back one time put in by an earlier run.
            if let Some(old) = kept.pop() {
                changes.push((old, -1));
            }
            kept.extend(&added);
            runs.push(DurationRun::from_changes(changes));
        }
        let group = DurationRun::merged(&runs);
        kept.sort_unstable();
        assert_eq!(group.total(), kept.len() as i64);
        assert_eq!(
            median_and_p90(&group),
            Some((
                kept.len() as i64,
                exact_quantile_i64(&kept, 0.5).unwrap(),
                kept[9 * (kept.len() - 1) / 10],
            ))
        );
        for rank in [0, 1, kept.len() / 3, kept.len() - 1] {
            assert_eq!(group.at_rank(rank as i64), Some(kept[rank]));
        }
        assert_eq!(group.at_rank(kept.len() as i64), None);
    }

    #[test]
    fn one_run_holds_every_month_in_order() {
        let run = DurationRun::from_changes(vec![
            (month_time_key(202611, 30), 1),
            (month_time_key(202512, 90), 2),
            (month_time_key(202611, 5), 1),
            (month_time_key(202512, 7), -1),
            (month_time_key(202601, -3), 1),
        ]);
        assert_eq!(DurationRun::from_bytes(&run.to_bytes()), Some(run.clone()));
        let months = run.by_month();
        let plain = |changes: Vec<(i64, i64)>| DurationRun::from_changes(changes);
        assert_eq!(
            months,
            vec![
                (202512, plain(vec![(7, -1), (90, 2)])),
                (202601, plain(vec![(0, 1)])),
                (202611, plain(vec![(5, 1), (30, 1)])),
            ]
        );
        // Times beyond 2⁴⁰ s stay in their month.
        let far = month_time_key(202601, i64::MAX);
        assert!(far < month_time_key(202602, 0));
    }

    #[test]
    fn removals_alone_are_not_a_group() {
        let removal = DurationRun::from_changes(vec![(60, -1)]);
        assert!(!removal.is_multiset());
        assert_eq!(median_and_p90(&removal), None);
        assert_eq!(median_and_p90(&DurationRun::default()), None);
        let both = DurationRun::merged([&DurationRun::from_changes(vec![(60, 1)]), &removal]);
        assert!(both.is_empty());
    }

    #[test]
    fn merging_keeps_runs_few_and_sizes_growing_with_age() {
        assert_eq!(runs_to_merge(&[], 10), 0);
        // The newest run is no larger than the new one: merged, and the next too.
        assert_eq!(runs_to_merge(&[100, 20, 10], 10), 2);
        assert_eq!(runs_to_merge(&[100, 20, 10], 9), 0);
        assert_eq!(runs_to_merge(&[40, 20, 10], 10), 3);
        // Never more than MAX_RUNS after the write.
        let full: Vec<usize> = (0..MAX_RUNS).map(|i| 8 << (MAX_RUNS - i)).collect();
        assert_eq!(runs_to_merge(&full, 1), 1);
        assert_eq!(runs_to_merge(&full[1..], 1), 0);
        // Feeding a group run by run keeps it within MAX_RUNS and writes each time only a
        // few times over.
        let mut stored: Vec<usize> = Vec::new();
        let mut written = 0;
        for _ in 0..1000 {
            let merge = runs_to_merge(&stored, 25);
            let size = 25 + stored.split_off(stored.len() - merge).iter().sum::<usize>();
            written += size;
            stored.push(size);
            assert!(stored.len() <= MAX_RUNS);
        }
        assert_eq!(stored.iter().sum::<usize>(), 25_000);
        // log₂(1000) ≈ 10 merges of each time at most, and fewer on average.
        assert!(
            written < 25_000 * 8,
            "each time written {} times",
            written / 25_000
        );
    }
}
