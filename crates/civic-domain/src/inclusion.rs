//! The digital inclusion scale the Government Digital Service used to grade services
//! (seed report, "Digital Exemplars"): 1 "never have, never will" to 9 "expert".

use serde::{Serialize, Serializer};

/// A level on the nine-point digital inclusion scale: the least digital skill a person needs
/// to use a service on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DigitalInclusionLevel(u8);

/// The scale's names, in order from level 1.
const NAMES: [&str; 9] = [
    "Never have, never will",
    "Was online, but no longer",
    "Willing and unable",
    "Reluctantly online",
    "Learning the ropes",
    "Task specific",
    "Basic digital skills",
    "Confident",
    "Expert",
];

impl DigitalInclusionLevel {
    /// The lowest level.
    pub const MIN: u8 = 1;
    /// The highest level.
    pub const MAX: u8 = 9;

    /// A level from its number; `None` outside 1–9.
    pub fn new(level: i64) -> Option<Self> {
        if (i64::from(Self::MIN)..=i64::from(Self::MAX)).contains(&level) {
            u8::try_from(level).ok().map(Self)
        } else {
            None
        }
    }

    /// The level's number, 1–9.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The level's name on the scale.
    pub fn name(self) -> &'static str {
        NAMES[usize::from(self.0 - 1)]
    }

    /// Every level, lowest first.
    pub fn all() -> impl Iterator<Item = DigitalInclusionLevel> {
        (Self::MIN..=Self::MAX).map(Self)
    }

    /// True when people at this level and below are likely to need assisted-digital help,
    /// which the report says must exist before a service goes live.
    pub fn excludes_many(self) -> bool {
        self.0 >= 6
    }
}

impl std::fmt::Display for DigitalInclusionLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} – {}", self.0, self.name())
    }
}

impl Serialize for DigitalInclusionLevel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("DigitalInclusionLevel", 2)?;
        s.serialize_field("level", &self.0)?;
        s.serialize_field("name", self.name())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_ends_are_named_as_in_the_report() {
        assert_eq!(
            DigitalInclusionLevel::new(1).map(|l| l.name()),
            Some("Never have, never will")
        );
        assert_eq!(
            DigitalInclusionLevel::new(9).map(|l| l.name()),
            Some("Expert")
        );
        assert_eq!(
            DigitalInclusionLevel::new(6).map(|l| l.name()),
            Some("Task specific")
        );
        assert!(DigitalInclusionLevel::new(0).is_none());
        assert!(DigitalInclusionLevel::new(10).is_none());
        assert_eq!(DigitalInclusionLevel::all().count(), 9);
    }
}
