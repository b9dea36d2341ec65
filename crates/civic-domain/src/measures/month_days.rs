//! The day cells of one service's month, packed into that month's stored cell. A day cell
//! holds about one transaction at national scale (450 bodies × 200 services × 730 days is
//! more cells than 10 million events fill), so a row per day cost as much to write as the
//! event itself; packed, a batch rewrites the month rows it touches anyway.

use super::{DurationSketch, MEASURE_COUNTS, Measures, put_varint, take_varint, unzigzag, zigzag};
use std::collections::BTreeMap;

/// Each day's measures of one service's month, by day of the month (1–31).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MonthDays {
    days: BTreeMap<u8, Measures>,
}

impl MonthDays {
    /// Adds a change to one day's measures; a day whose measures come to nothing is dropped.
    pub fn add(&mut self, day: u8, change: &Measures) {
        let measures = self.days.entry(day).or_default();
        measures.merge(change);
        if measures.is_empty() {
            self.days.remove(&day);
        }
    }

    /// The days with measures, in order.
    pub fn days(&self) -> impl Iterator<Item = (u8, &Measures)> {
        self.days.iter().map(|(day, m)| (*day, m))
    }

    /// True when no day has measures.
    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// The days as stored: nothing when empty; else a version byte, then per day its number,
    /// a varint mask of its non-zero counts, those counts as zig-zag varints, and its sketch
    /// (`DurationSketch::to_bytes`) after its length, or a zero length when it is empty.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.days.is_empty() {
            return out;
        }
        out.push(1);
        for (day, m) in &self.days {
            out.push(*day);
            let counts = m.counts();
            let mask = (0..MEASURE_COUNTS)
                .filter(|i| counts[*i] != 0)
                .fold(0u64, |mask, i| mask | 1 << i);
            put_varint(&mut out, mask);
            for n in counts.into_iter().filter(|n| *n != 0) {
                put_varint(&mut out, zigzag(n));
            }
            if m.durations == DurationSketch::default() {
                put_varint(&mut out, 0);
            } else {
                let sketch = m.durations.to_bytes();
                put_varint(&mut out, sketch.len() as u64);
                out.extend_from_slice(&sketch);
            }
        }
        out
    }

    /// Reads bytes written by `to_bytes`; `None` if they are not such bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<MonthDays> {
        let mut days = BTreeMap::new();
        let Some((&version, mut rest)) = bytes.split_first() else {
            return Some(MonthDays { days });
        };
        if version != 1 {
            return None;
        }
        while let Some((&day, tail)) = rest.split_first() {
            rest = tail;
            if !(1..=31).contains(&day) || days.keys().next_back().is_some_and(|last| *last >= day)
            {
                return None;
            }
            let mask = take_varint(&mut rest)?;
            if mask >> MEASURE_COUNTS != 0 {
                return None;
            }
            let mut counts = [0i64; MEASURE_COUNTS];
            for (i, n) in counts.iter_mut().enumerate() {
                if mask & 1 << i != 0 {
                    *n = unzigzag(take_varint(&mut rest)?);
                }
            }
            let mut m = Measures::from_counts(&counts);
            let length = usize::try_from(take_varint(&mut rest)?).ok()?;
            if length > 0 {
                if length > rest.len() {
                    return None;
                }
                let (sketch, tail) = rest.split_at(length);
                m.durations = DurationSketch::from_bytes(sketch)?;
                rest = tail;
            }
            days.insert(day, m);
        }
        Some(MonthDays { days })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(started: i64, completed: i64, seconds: &[f64]) -> Measures {
        let mut m = Measures::default();
        m.started[0] = started;
        m.completed[2] = completed;
        m.satisfaction[4] = completed;
        for s in seconds {
            m.durations.add_weighted(*s, 1);
        }
        m
    }

    #[test]
    fn days_round_trip_and_add_up() {
        let mut month = MonthDays::default();
        assert_eq!(month.to_bytes(), Vec::<u8>::new());
        assert_eq!(MonthDays::from_bytes(&[]), Some(MonthDays::default()));
        month.add(3, &day(2, 0, &[]));
        month.add(31, &day(0, 1, &[0.0]));
        month.add(3, &day(1, 1, &[86_400.0]));
        let days: Vec<(u8, Measures)> = month.days().map(|(d, m)| (d, m.clone())).collect();
        let mut third = day(3, 1, &[86_400.0]);
        third.satisfaction[4] = 1;
        assert_eq!(days, vec![(3, third), (31, day(0, 1, &[0.0]))]);
        assert_eq!(
            MonthDays::from_bytes(&month.to_bytes()),
            Some(month.clone())
        );
        // Taking a day's measures back out leaves no trace of it.
        let mut back = day(0, -1, &[]);
        back.durations.add_weighted(0.0, -1);
        month.add(31, &back);
        assert_eq!(month.days().map(|(d, _)| d).collect::<Vec<_>>(), vec![3]);
        month.add(3, &day(-3, 0, &[]));
        month.add(3, &{
            let mut m = day(0, -1, &[]);
            m.durations.add_weighted(86_400.0, -1);
            m
        });
        assert!(month.is_empty());
    }

    #[test]
    fn other_bytes_are_refused() {
        let mut month = MonthDays::default();
        month.add(2, &day(1, 1, &[60.0]));
        let bytes = month.to_bytes();
        assert_eq!(MonthDays::from_bytes(&[2]), None);
        // Day 0, day 32, days out of order, a mask beyond the counts, a cut-off sketch.
        assert_eq!(MonthDays::from_bytes(&[1, 0, 1, 2, 0]), None);
        assert_eq!(MonthDays::from_bytes(&[1, 32, 1, 2, 0]), None);
        assert_eq!(MonthDays::from_bytes(&[1, 5, 1, 2, 0, 4, 1, 2, 0]), None);
        assert_eq!(MonthDays::from_bytes(&[1, 5, 0x80, 0x80, 0x10, 0]), None);
        assert_eq!(MonthDays::from_bytes(&bytes[..bytes.len() - 1]), None);
    }
}
