//! Places that give digital help (seed R5): libraries, town halls, community centres and
//! partner charities where a person who cannot use a service online on their own gets
//! help, with when they are open, what help they give, and what staff report they did.

use crate::DigitalInclusionLevel;
use crate::request::Point;
use crate::validation::{
    FieldErrors, TextIds, is_valid_email, is_valid_phone, is_valid_url, optional_text,
    required_text,
};
use serde::Serialize;

/// What kind of place it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceKind {
    /// A public library.
    Library,
    /// A town hall, civic centre or council office.
    TownHall,
    /// A community centre or village hall.
    CommunityCentre,
    /// A partner charity or community group.
    Charity,
    /// Anywhere else.
    Other,
}

impl PlaceKind {
    /// Every kind, in the order forms offer them.
    pub const ALL: [PlaceKind; 5] = [
        PlaceKind::Library,
        PlaceKind::TownHall,
        PlaceKind::CommunityCentre,
        PlaceKind::Charity,
        PlaceKind::Other,
    ];

    /// The kind's identifier in forms, storage and open data.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Library => "library",
            PlaceKind::TownHall => "town-hall",
            PlaceKind::CommunityCentre => "community-centre",
            PlaceKind::Charity => "charity",
            PlaceKind::Other => "other",
        }
    }

    /// The kind from its identifier.
    pub fn parse(text: &str) -> Option<PlaceKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A kind of help a place gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HelpKind {
    /// Computers anyone may use for free.
    Computers,
    /// Free wifi.
    Wifi,
    /// A digital buddy: someone who sits with a person while they do it themselves.
    DigitalBuddy,
    /// Courses, each for people at a level of the digital inclusion scale.
    Courses,
    /// Help filling in forms online (named services in `Place::services`, or any).
    Forms,
}

impl HelpKind {
    /// Every kind, in the order pages list them.
    pub const ALL: [HelpKind; 5] = [
        HelpKind::Computers,
        HelpKind::Wifi,
        HelpKind::DigitalBuddy,
        HelpKind::Courses,
        HelpKind::Forms,
    ];

    /// The help's identifier in forms, storage and open data.
    pub fn as_str(self) -> &'static str {
        match self {
            HelpKind::Computers => "computers",
            HelpKind::Wifi => "wifi",
            HelpKind::DigitalBuddy => "digital-buddy",
            HelpKind::Courses => "courses",
            HelpKind::Forms => "forms",
        }
    }

    /// The help from its identifier.
    pub fn parse(text: &str) -> Option<HelpKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Whether a person must book before coming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Booking {
    /// Anyone may walk in.
    NotNeeded,
    /// Walking in works, booking is better.
    Recommended,
    /// Help is given by appointment only.
    Required,
}

impl Booking {
    /// Every choice, in the order forms offer them.
    pub const ALL: [Booking; 3] = [Booking::NotNeeded, Booking::Recommended, Booking::Required];

    /// The choice's identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Booking::NotNeeded => "not-needed",
            Booking::Recommended => "recommended",
            Booking::Required => "required",
        }
    }

    /// The choice from its identifier.
    pub fn parse(text: &str) -> Option<Booking> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Something a place has that makes it usable by more people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    /// Step-free access to where help is given.
    StepFree,
    /// A hearing loop.
    HearingLoop,
    /// An accessible toilet.
    AccessibleToilet,
    /// Computers with screen readers and magnifiers.
    AssistiveTechnology,
    /// British Sign Language interpreting on request.
    SignLanguage,
}

impl Access {
    /// Every feature, in the order forms offer them.
    pub const ALL: [Access; 5] = [
        Access::StepFree,
        Access::HearingLoop,
        Access::AccessibleToilet,
        Access::AssistiveTechnology,
        Access::SignLanguage,
    ];

    /// The feature's identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Access::StepFree => "step-free",
            Access::HearingLoop => "hearing-loop",
            Access::AccessibleToilet => "accessible-toilet",
            Access::AssistiveTechnology => "assistive-technology",
            Access::SignLanguage => "sign-language",
        }
    }

    /// The feature from its identifier.
    pub fn parse(text: &str) -> Option<Access> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Day {
    /// Every day, Monday first.
    pub const ALL: [Day; 7] = [
        Day::Monday,
        Day::Tuesday,
        Day::Wednesday,
        Day::Thursday,
        Day::Friday,
        Day::Saturday,
        Day::Sunday,
    ];

    /// The day's identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Day::Monday => "monday",
            Day::Tuesday => "tuesday",
            Day::Wednesday => "wednesday",
            Day::Thursday => "thursday",
            Day::Friday => "friday",
            Day::Saturday => "saturday",
            Day::Sunday => "sunday",
        }
    }

    /// The day from its identifier.
    pub fn parse(text: &str) -> Option<Day> {
        Self::ALL.into_iter().find(|d| d.as_str() == text)
    }

    /// The iCalendar (RFC 5545) `BYDAY` code Open Referral's schedules use.
    pub fn ical(self) -> &'static str {
        match self {
            Day::Monday => "MO",
            Day::Tuesday => "TU",
            Day::Wednesday => "WE",
            Day::Thursday => "TH",
            Day::Friday => "FR",
            Day::Saturday => "SA",
            Day::Sunday => "SU",
        }
    }
}

/// A time of day to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    /// Reads `9:30`, `09:30` or `0930`; `None` for anything else or past 24:00.
    pub fn parse(text: &str) -> Option<ClockTime> {
        let text = text.trim().replace('.', ":");
        if !text.is_ascii() {
            return None;
        }
        let (h, m) = match text.split_once(':') {
            Some((h, m)) => (h.to_string(), m.to_string()),
            None if text.len() == 4 => (text[..2].to_string(), text[2..].to_string()),
            None => return None,
        };
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        let h: u16 = h.parse().ok()?;
        let m: u16 = m.parse().ok()?;
        (h < 24 && m < 60 || h == 24 && m == 0).then_some(ClockTime(h * 60 + m))
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// The time from minutes since midnight (up to 24:00).
    pub fn from_minutes(minutes: u16) -> Option<ClockTime> {
        (minutes <= 24 * 60).then_some(ClockTime(minutes))
    }
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One stretch of a day when a place is open for help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Opening {
    /// The day.
    pub day: Day,
    /// When help starts.
    pub opens: ClockTime,
    /// When it ends (after `opens`).
    pub closes: ClockTime,
}

/// An address from the addresses register, with the point it is at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceAddress {
    /// Unique Property Reference Number.
    pub uprn: String,
    /// The address on one line, without the postcode.
    pub text: String,
    /// Postcode.
    pub postcode: String,
    /// Where it is.
    #[serde(skip)]
    pub point: Point,
}

/// A place giving digital help, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Identifier, unique within its body.
    pub slug: String,
    /// The body that records it.
    pub body: String,
    /// Open Referral identifier (a UUID) of the place as a location.
    pub feed_id: String,
    /// Name.
    pub name: String,
    /// Name in Welsh; empty when there is none yet.
    pub name_cy: String,
    /// What kind of place.
    pub kind: PlaceKind,
    /// What a visitor should know, in English.
    pub description: String,
    /// The same in Welsh; empty when there is none yet.
    pub description_cy: String,
    /// Where it is.
    pub address: PlaceAddress,
    /// When help is given, by day and time.
    pub opening: Vec<Opening>,
    /// Exceptions and notes on the hours ("closed on bank holidays").
    pub opening_note: String,
    /// The note in Welsh.
    pub opening_note_cy: String,
    /// The kinds of help given.
    pub help: Vec<HelpKind>,
    /// The levels of the digital inclusion scale its courses are for.
    pub course_levels: Vec<DigitalInclusionLevel>,
    /// The services (of its body, by identifier) whose forms it helps people fill in.
    pub services: Vec<String>,
    /// What makes it accessible.
    pub accessibility: Vec<Access>,
    /// Languages help is given in besides English.
    pub languages: Vec<String>,
    /// Whether to book.
    pub booking: Booking,
    /// Phone number for the place (never a person's).
    pub phone: String,
    /// Email address for the place.
    pub email: String,
    /// Web page, where booking is often done.
    pub website: String,
    /// False once it stops giving help: kept for its reports, shown nowhere public.
    pub active: bool,
    /// When it was last changed (RFC 3339).
    pub updated_at: String,
}

impl Place {
    /// Its name in Welsh on a Welsh page when there is one.
    pub fn name_in(&self, welsh: bool) -> &str {
        if welsh && !self.name_cy.is_empty() {
            &self.name_cy
        } else {
            &self.name
        }
    }

    /// Its description in Welsh on a Welsh page when there is one.
    pub fn description_in(&self, welsh: bool) -> &str {
        if welsh && !self.description_cy.is_empty() {
            &self.description_cy
        } else {
            &self.description
        }
    }

    /// Its opening note in Welsh on a Welsh page when there is one.
    pub fn opening_note_in(&self, welsh: bool) -> &str {
        if welsh && !self.opening_note_cy.is_empty() {
            &self.opening_note_cy
        } else {
            &self.opening_note
        }
    }

    /// True when it gives this kind of help.
    pub fn gives(&self, help: HelpKind) -> bool {
        self.help.contains(&help)
    }

    /// True when it helps with the forms of the service `slug` by name.
    pub fn helps_with(&self, service: &str) -> bool {
        self.services.iter().any(|s| s == service)
    }

    /// Its opening times of `day`, earliest first.
    pub fn opening_on(&self, day: Day) -> Vec<Opening> {
        self.opening
            .iter()
            .filter(|o| o.day == day)
            .copied()
            .collect()
    }

    /// The input that would store it again (the form's starting point).
    pub fn to_input(&self) -> PlaceInput {
        PlaceInput {
            name: self.name.clone(),
            name_cy: self.name_cy.clone(),
            kind: self.kind.as_str().to_string(),
            description: self.description.clone(),
            description_cy: self.description_cy.clone(),
            uprn: self.address.uprn.clone(),
            opening: self
                .opening
                .iter()
                .map(|o| OpeningInput {
                    day: o.day.as_str().to_string(),
                    opens: o.opens.to_string(),
                    closes: o.closes.to_string(),
                })
                .collect(),
            opening_note: self.opening_note.clone(),
            opening_note_cy: self.opening_note_cy.clone(),
            help: self.help.iter().map(|h| h.as_str().to_string()).collect(),
            course_levels: self
                .course_levels
                .iter()
                .map(|l| l.number().into())
                .collect(),
            services: self.services.clone(),
            accessibility: self
                .accessibility
                .iter()
                .map(|a| a.as_str().to_string())
                .collect(),
            languages: self.languages.join(", "),
            booking: self.booking.as_str().to_string(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            website: self.website.clone(),
            active: self.active,
        }
    }
}

/// One opening time as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpeningInput {
    /// `monday` … `sunday`.
    pub day: String,
    /// `09:00`.
    pub opens: String,
    /// `17:00`.
    pub closes: String,
}

/// A place as entered on the staff form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceInput {
    /// Name.
    pub name: String,
    /// Name in Welsh.
    pub name_cy: String,
    /// A [`PlaceKind`] identifier.
    pub kind: String,
    /// Description.
    pub description: String,
    /// Description in Welsh.
    pub description_cy: String,
    /// The UPRN of its address in the addresses register.
    pub uprn: String,
    /// Opening times; rows with neither time are ignored.
    pub opening: Vec<OpeningInput>,
    /// Exceptions to the hours.
    pub opening_note: String,
    /// Exceptions in Welsh.
    pub opening_note_cy: String,
    /// [`HelpKind`] identifiers.
    pub help: Vec<String>,
    /// Levels (1–9) its courses are for.
    pub course_levels: Vec<i64>,
    /// Identifiers of the body's services it helps with.
    pub services: Vec<String>,
    /// [`Access`] identifiers.
    pub accessibility: Vec<String>,
    /// Languages besides English, separated by commas.
    pub languages: String,
    /// A [`Booking`] identifier.
    pub booking: String,
    /// Phone number.
    pub phone: String,
    /// Email address.
    pub email: String,
    /// Web page.
    pub website: String,
    /// Still giving help.
    pub active: bool,
}

/// A place checked and ready to store (its identifier and feed id are the store's).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceDraft {
    /// Name.
    pub name: String,
    /// Name in Welsh.
    pub name_cy: String,
    /// Kind.
    pub kind: PlaceKind,
    /// Description.
    pub description: String,
    /// Description in Welsh.
    pub description_cy: String,
    /// Address from the register.
    pub address: PlaceAddress,
    /// Opening times, by day then time.
    pub opening: Vec<Opening>,
    /// Exceptions to the hours.
    pub opening_note: String,
    /// Exceptions in Welsh.
    pub opening_note_cy: String,
    /// Help given, each once, in order.
    pub help: Vec<HelpKind>,
    /// Course levels, each once, lowest first.
    pub course_levels: Vec<DigitalInclusionLevel>,
    /// Services helped with, each once.
    pub services: Vec<String>,
    /// Accessibility, each once.
    pub accessibility: Vec<Access>,
    /// Languages besides English.
    pub languages: Vec<String>,
    /// Booking.
    pub booking: Booking,
    /// Phone number.
    pub phone: String,
    /// Email address.
    pub email: String,
    /// Web page.
    pub website: String,
    /// Still giving help.
    pub active: bool,
}

/// Most opening times on one day.
pub const MAX_OPENINGS_A_DAY: usize = 4;

/// Most languages listed for one place.
const MAX_LANGUAGES: usize = 20;

impl PlaceInput {
    /// Checks every field. `address` is what the addresses register holds for `uprn`
    /// (`None` when it holds nothing), and `services` the identifiers of the body's services.
    /// A body subject to the Welsh Language Standards (`welsh`) also needs the Welsh name
    /// and description.
    pub fn validate(
        &self,
        address: Option<PlaceAddress>,
        services: &[String],
        welsh: bool,
    ) -> Result<PlaceDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(
            &mut errors,
            "name",
            "the place's name",
            &self.name,
            200,
            TextIds {
                missing: "validation-place-name-missing",
                too_long: "validation-place-name-too-long",
            },
        );
        let name_cy = optional_text(
            &mut errors,
            "name_cy",
            "the name in Welsh",
            &self.name_cy,
            200,
            "validation-place-name-too-long",
        );
        let description = optional_text(
            &mut errors,
            "description",
            "the description",
            &self.description,
            2000,
            "validation-place-description-too-long",
        );
        let description_cy = optional_text(
            &mut errors,
            "description_cy",
            "the description in Welsh",
            &self.description_cy,
            2000,
            "validation-place-description-too-long",
        );
        if welsh {
            for (field, value, id, english) in [
                (
                    "name_cy",
                    &name_cy,
                    "validation-place-name-cy-missing",
                    "Enter the place's name in Welsh: this body publishes in Welsh and English",
                ),
                (
                    "description_cy",
                    &description_cy,
                    "validation-place-description-cy-missing",
                    "Enter the description in Welsh: this body publishes in Welsh and English",
                ),
            ] {
                if value.is_empty() {
                    errors.add_t(field, id, english);
                }
            }
        }
        let kind = PlaceKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add_t(
                "kind",
                "validation-place-kind",
                "Choose what kind of place it is",
            );
        }
        let address = self.address(address, &mut errors);
        let opening = openings(&self.opening, &mut errors);
        let opening_note = optional_text(
            &mut errors,
            "opening_note",
            "the note on opening times",
            &self.opening_note,
            300,
            "validation-place-note-too-long",
        );
        let opening_note_cy = optional_text(
            &mut errors,
            "opening_note_cy",
            "the note on opening times in Welsh",
            &self.opening_note_cy,
            300,
            "validation-place-note-too-long",
        );
        let (help, course_levels, services) = self.help(services, &mut errors);
        let mut accessibility = Vec::new();
        for a in &self.accessibility {
            match Access::parse(a.trim()) {
                Some(a) if !accessibility.contains(&a) => accessibility.push(a),
                Some(_) => {}
                None => errors.add_t(
                    "accessibility",
                    "validation-place-accessibility",
                    "Choose accessibility features from the list",
                ),
            }
        }
        accessibility.sort();
        let languages = self.languages(&mut errors);
        let booking = Booking::parse(self.booking.trim());
        if booking.is_none() {
            errors.add_t(
                "booking",
                "validation-place-booking",
                "Say whether people need to book",
            );
        }
        let phone = self.phone.trim().to_string();
        if !phone.is_empty() && !is_valid_phone(&phone) {
            errors.add_t(
                "phone",
                "validation-place-phone",
                "Enter a phone number, like 01632 960 001",
            );
        }
        let email = self.email.trim().to_string();
        if !email.is_empty() && !is_valid_email(&email) {
            errors.add_t(
                "email",
                "validation-place-email",
                "Enter an email address, like library@example.gov.uk",
            );
        }
        let website = self.website.trim().to_string();
        if !website.is_empty() && !is_valid_url(&website) {
            errors.add_t(
                "website",
                "validation-place-website",
                "Enter a web address starting with https:// or http://",
            );
        }
        match (kind, address, booking) {
            (Some(kind), Some(address), Some(booking)) if errors.is_empty() => Ok(PlaceDraft {
                name,
                name_cy,
                kind,
                description,
                description_cy,
                address,
                opening,
                opening_note,
                opening_note_cy,
                help,
                course_levels,
                services,
                accessibility,
                languages,
                booking,
                phone,
                email,
                website,
                active: self.active,
            }),
            _ => Err(errors),
        }
    }

    fn address(
        &self,
        found: Option<PlaceAddress>,
        errors: &mut FieldErrors,
    ) -> Option<PlaceAddress> {
        let uprn = self.uprn.trim();
        if uprn.is_empty() {
            errors.add_t(
                "uprn",
                "validation-place-address-missing",
                "Choose the place's address: find it by postcode",
            );
            return None;
        }
        match found {
            None => {
                errors.add_with(
                    "uprn",
                    "validation-place-address-unknown",
                    vec![("uprn", uprn.to_string())],
                    format!(
                        "The addresses register has no address with UPRN {uprn}: \
                         find the address by postcode"
                    ),
                );
                None
            }
            Some(a) if !a.point.lat.is_finite() || !a.point.long.is_finite() => {
                errors.add_t(
                    "uprn",
                    "validation-place-address-no-point",
                    "The addresses register does not say where that address is, so nobody \
                     could find the place by distance: choose another address or add its \
                     latitude and longitude to the register",
                );
                None
            }
            Some(a) => Some(a),
        }
    }

    fn help(
        &self,
        known: &[String],
        errors: &mut FieldErrors,
    ) -> (Vec<HelpKind>, Vec<DigitalInclusionLevel>, Vec<String>) {
        let mut help = Vec::new();
        for h in &self.help {
            match HelpKind::parse(h.trim()) {
                Some(h) if !help.contains(&h) => help.push(h),
                Some(_) => {}
                None => errors.add_t(
                    "help",
                    "validation-place-help-unknown",
                    "Choose the help given from the list",
                ),
            }
        }
        let mut levels = Vec::new();
        for l in &self.course_levels {
            match DigitalInclusionLevel::new(*l) {
                Some(l) if !levels.contains(&l) => levels.push(l),
                Some(_) => {}
                None => errors.add_t(
                    "course_levels",
                    "validation-place-course-level",
                    "Choose course levels from 1 to 9",
                ),
            }
        }
        levels.sort();
        let mut services: Vec<String> = Vec::new();
        for s in &self.services {
            let s = s.trim();
            if !known.iter().any(|k| k == s) {
                errors.add_with(
                    "services",
                    "validation-place-service-unknown",
                    vec![("service", s.to_string())],
                    format!("This body has no service {s}: choose services from the list"),
                );
            } else if !services.iter().any(|x| x == s) {
                services.push(s.to_string());
            }
        }
        // Naming levels or services says which help is given; saying so twice is not needed.
        if !levels.is_empty() && !help.contains(&HelpKind::Courses) {
            help.push(HelpKind::Courses);
        }
        if !services.is_empty() && !help.contains(&HelpKind::Forms) {
            help.push(HelpKind::Forms);
        }
        if help.contains(&HelpKind::Courses) && levels.is_empty() {
            errors.add_t(
                "course_levels",
                "validation-place-course-levels-missing",
                "Choose the levels the courses are for",
            );
        }
        if help.is_empty() {
            errors.add_t(
                "help",
                "validation-place-help-missing",
                "Choose at least one kind of help the place gives",
            );
        }
        help.sort();
        (help, levels, services)
    }

    fn languages(&self, errors: &mut FieldErrors) -> Vec<String> {
        let languages: Vec<String> = self
            .languages
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if languages.len() > MAX_LANGUAGES || languages.iter().any(|l| l.chars().count() > 40) {
            errors.add_with(
                "languages",
                "validation-place-languages",
                vec![("max", MAX_LANGUAGES.to_string())],
                format!(
                    "List at most {MAX_LANGUAGES} languages, each 40 characters or fewer, \
                     separated by commas"
                ),
            );
        }
        languages
    }
}

/// Checks opening times: known days, real times, each ending after it starts, none
/// overlapping another on the same day. Field names are `opening.N` (the row).
fn openings(rows: &[OpeningInput], errors: &mut FieldErrors) -> Vec<Opening> {
    let mut out: Vec<(usize, Opening)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let field = format!("opening.{i}");
        let (opens, closes) = (row.opens.trim(), row.closes.trim());
        if opens.is_empty() && closes.is_empty() {
            continue;
        }
        let Some(day) = Day::parse(row.day.trim()) else {
            errors.add_t(
                field,
                "validation-place-opening-day",
                "Choose a day for each opening time",
            );
            continue;
        };
        let (Some(o), Some(c)) = (ClockTime::parse(opens), ClockTime::parse(closes)) else {
            errors.add_with(
                field,
                "validation-place-opening-time",
                vec![("day", day.as_str().to_string())],
                "Enter opening and closing times as hours and minutes, like 09:30 and 17:00",
            );
            continue;
        };
        if c <= o {
            errors.add_with(
                field,
                "validation-place-opening-order",
                vec![
                    ("day", day.as_str().to_string()),
                    ("opens", o.to_string()),
                    ("closes", c.to_string()),
                ],
                format!("Closing time {c} must be after opening time {o}"),
            );
            continue;
        }
        out.push((
            i,
            Opening {
                day,
                opens: o,
                closes: c,
            },
        ));
    }
    out.sort_by_key(|(_, o)| (o.day, o.opens));
    for pair in out.windows(2) {
        let ((_, a), (i, b)) = (pair[0], pair[1]);
        if a.day == b.day && b.opens < a.closes {
            errors.add_with(
                format!("opening.{i}"),
                "validation-place-opening-overlap",
                vec![
                    ("day", a.day.as_str().to_string()),
                    ("first", format!("{}–{}", a.opens, a.closes)),
                    ("second", format!("{}–{}", b.opens, b.closes)),
                ],
                format!(
                    "Opening times {}–{} and {}–{} on the same day overlap: join them into one",
                    a.opens, a.closes, b.opens, b.closes
                ),
            );
        }
    }
    for day in Day::ALL {
        if out.iter().filter(|(_, o)| o.day == day).count() > MAX_OPENINGS_A_DAY {
            errors.add_with(
                "opening",
                "validation-place-opening-too-many",
                vec![("max", MAX_OPENINGS_A_DAY.to_string())],
                format!("Give at most {MAX_OPENINGS_A_DAY} opening times a day"),
            );
            break;
        }
    }
    out.into_iter().map(|(_, o)| o).collect()
}

/// A calendar month (`2026-03`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
}

impl Month {
    /// Reads `2026-03`.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        ((1..=12).contains(&month) && year >= 2000).then_some(Month { year, month })
    }

    /// The month of a date.
    pub fn of(date: time::Date) -> Month {
        Month {
            year: date.year(),
            month: u8::from(date.month()),
        }
    }

    /// The month before.
    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Most people or sessions a place may report for one month and service.
pub const MAX_REPORTED: u32 = 100_000;

/// What a place did in a month, as entered: sessions held and people helped by the level
/// of the digital inclusion scale they started at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsageInput {
    /// `2026-03`.
    pub month: String,
    /// The service the help was with (an identifier of the body's), or empty for any.
    pub service: String,
    /// Sessions held.
    pub sessions: String,
    /// People helped, by level 1–9 (index 0 is level 1).
    pub people: [String; 9],
}

/// A month's use of one place, checked or as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsageReport {
    /// The month.
    pub month: Month,
    /// The service it was about, if one.
    pub service: Option<String>,
    /// Sessions held.
    pub sessions: u32,
    /// People helped, by level 1–9 (index 0 is level 1).
    pub people: [u32; 9],
}

impl UsageReport {
    /// Everyone helped, whatever their level.
    pub fn people_total(&self) -> u32 {
        self.people.iter().sum()
    }
}

impl UsageInput {
    /// Checks a report made in `this_month` (no later month may be reported) about one
    /// of `services` (the body's) or none.
    pub fn validate(
        &self,
        this_month: Month,
        services: &[String],
    ) -> Result<UsageReport, FieldErrors> {
        let mut errors = FieldErrors::default();
        let month = Month::parse(&self.month);
        match month {
            None => errors.add_t(
                "month",
                "validation-usage-month",
                "Enter the month as a year and month, like 2026-03",
            ),
            Some(m) if m > this_month => errors.add_t(
                "month",
                "validation-usage-month-future",
                "The month cannot be in the future",
            ),
            Some(_) => {}
        }
        let service = self.service.trim();
        if !service.is_empty() && !services.iter().any(|s| s == service) {
            errors.add_with(
                "service",
                "validation-place-service-unknown",
                vec![("service", service.to_string())],
                format!("This body has no service {service}: choose services from the list"),
            );
        }
        let mut count = |field: String, text: &str| -> u32 {
            let text = text.trim();
            if text.is_empty() {
                return 0;
            }
            match text.parse::<u32>() {
                Ok(n) if n <= MAX_REPORTED => n,
                _ => {
                    errors.add_with(
                        field,
                        "validation-usage-count",
                        vec![("max", MAX_REPORTED.to_string())],
                        format!("Enter a whole number from 0 to {MAX_REPORTED}"),
                    );
                    0
                }
            }
        };
        let sessions = count("sessions".into(), &self.sessions);
        let mut people = [0u32; 9];
        for (i, text) in self.people.iter().enumerate() {
            people[i] = count(format!("people.{}", i + 1), text);
        }
        if errors.is_empty() && sessions == 0 && people.iter().all(|p| *p == 0) {
            errors.add_t(
                "sessions",
                "validation-usage-empty",
                "Enter the sessions held or the people helped",
            );
        }
        match month {
            Some(month) if errors.is_empty() => Ok(UsageReport {
                month,
                service: (!service.is_empty()).then(|| service.to_string()),
                sessions,
                people,
            }),
            _ => Err(errors),
        }
    }
}

/// A place and how far it is from where a person asked.
#[derive(Debug, Clone, PartialEq)]
pub struct NearbyPlace {
    /// The place.
    pub place: Place,
    /// Its distance in metres.
    pub metres: f64,
}

/// The point of a postcode: the middle of its addresses' points (`None` without any).
pub fn centre_of(points: &[Point]) -> Option<Point> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    Some(Point {
        lat: points.iter().map(|p| p.lat).sum::<f64>() / n,
        long: points.iter().map(|p| p.long).sum::<f64>() / n,
    })
}

/// The latitude and longitude bounds of a square `metres` from `centre` each way, for an
/// index to narrow a search before distances are worked out.
pub fn bounds_around(centre: Point, metres: f64) -> (f64, f64, f64, f64) {
    let dlat = metres / 111_320.0;
    let cos = centre.lat.to_radians().cos().max(0.01);
    let dlong = metres / (111_320.0 * cos);
    (
        centre.lat - dlat,
        centre.lat + dlat,
        centre.long - dlong,
        centre.long + dlong,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> PlaceAddress {
        PlaceAddress {
            uprn: "100000001".into(),
            text: "1 High Street, Northshire".into(),
            postcode: "ZZ1 1AA".into(),
            point: Point {
                lat: 52.2,
                long: -0.9,
            },
        }
    }

    fn input() -> PlaceInput {
        PlaceInput {
            name: "Central Library".into(),
            kind: "library".into(),
            uprn: "100000001".into(),
            opening: vec![
                OpeningInput {
                    day: "monday".into(),
                    opens: "09:00".into(),
                    closes: "12:30".into(),
                },
                OpeningInput {
                    day: "monday".into(),
                    opens: "13:30".into(),
                    closes: "17:00".into(),
                },
            ],
            help: vec!["computers".into(), "wifi".into()],
            booking: "not-needed".into(),
            active: true,
            ..Default::default()
        }
    }

    fn fields(result: Result<PlaceDraft, FieldErrors>) -> Vec<String> {
        result
            .err()
            .map(|e| e.0.into_iter().map(|e| e.field).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_complete_place_is_valid() {
        let draft = input()
            .validate(Some(address()), &[], false)
            .expect("valid");
        assert_eq!(draft.opening.len(), 2);
        assert_eq!(draft.help, vec![HelpKind::Computers, HelpKind::Wifi]);
    }

    #[test]
    fn a_place_needs_an_address_from_the_register() {
        let mut no_uprn = input();
        no_uprn.uprn.clear();
        assert_eq!(fields(no_uprn.validate(None, &[], false)), ["uprn"]);
        assert_eq!(fields(input().validate(None, &[], false)), ["uprn"]);
        let mut nowhere = address();
        nowhere.point.lat = f64::NAN;
        assert_eq!(
            fields(input().validate(Some(nowhere), &[], false)),
            ["uprn"]
        );
    }

    #[test]
    fn opening_times_must_end_after_they_start_and_not_overlap() {
        let mut backwards = input();
        backwards.opening[0].closes = "08:00".into();
        let errors = backwards.validate(Some(address()), &[], false).unwrap_err();
        assert_eq!(errors.0[0].code, "validation-place-opening-order");
        assert_eq!(errors.0[0].field, "opening.0");

        let mut overlapping = input();
        overlapping.opening[1].opens = "12:00".into();
        let errors = overlapping
            .validate(Some(address()), &[], false)
            .unwrap_err();
        assert_eq!(errors.0[0].code, "validation-place-opening-overlap");
        assert_eq!(errors.0[0].field, "opening.1");

        let mut touching = input();
        touching.opening[1].opens = "12:30".into();
        assert!(touching.validate(Some(address()), &[], false).is_ok());

        let mut nonsense = input();
        nonsense.opening[0].opens = "25:00".into();
        assert_eq!(
            fields(nonsense.validate(Some(address()), &[], false)),
            ["opening.0"]
        );
    }

    #[test]
    fn help_is_needed_and_named_things_imply_their_kind() {
        let mut none = input();
        none.help.clear();
        assert_eq!(fields(none.validate(Some(address()), &[], false)), ["help"]);

        let mut courses = input();
        courses.course_levels = vec![2, 3, 2];
        courses.services = vec!["council-tax".into()];
        let draft = courses
            .validate(Some(address()), &["council-tax".into()], false)
            .expect("valid");
        assert!(draft.help.contains(&HelpKind::Courses));
        assert!(draft.help.contains(&HelpKind::Forms));
        assert_eq!(draft.course_levels.len(), 2);

        let mut unknown = input();
        unknown.services = vec!["elsewhere".into()];
        assert_eq!(
            fields(unknown.validate(Some(address()), &[], false)),
            ["services"]
        );

        let mut levelless = input();
        levelless.help.push("courses".into());
        assert_eq!(
            fields(levelless.validate(Some(address()), &[], false)),
            ["course_levels"]
        );
    }

    #[test]
    fn a_welsh_body_needs_welsh() {
        assert_eq!(
            fields(input().validate(Some(address()), &[], true)),
            ["name_cy", "description_cy"]
        );
    }

    #[test]
    fn clock_times_read_as_people_write_them() {
        assert_eq!(
            ClockTime::parse("9:30").map(|t| t.to_string()),
            Some("09:30".into())
        );
        assert_eq!(ClockTime::parse("0930").map(|t| t.minutes()), Some(570));
        assert_eq!(ClockTime::parse("24:00").map(|t| t.minutes()), Some(1440));
        assert!(ClockTime::parse("24:01").is_none());
        assert!(ClockTime::parse("9").is_none());
        assert!(ClockTime::parse("nine").is_none());
        assert!(
            ClockTime::parse("a€").is_none(),
            "four bytes, not four digits"
        );
    }

    #[test]
    fn usage_reports_are_checked() {
        let now = Month {
            year: 2026,
            month: 3,
        };
        let mut input = UsageInput {
            month: "2026-02".into(),
            sessions: "12".into(),
            ..Default::default()
        };
        input.people[0] = "3".into();
        input.people[8] = "1".into();
        let report = input.validate(now, &[]).expect("valid");
        assert_eq!(report.people_total(), 4);
        assert_eq!(report.service, None);

        input.month = "2026-04".into();
        assert!(input.validate(now, &[]).is_err());
        input.month = "March".into();
        assert!(input.validate(now, &[]).is_err());

        let empty = UsageInput {
            month: "2026-01".into(),
            ..Default::default()
        };
        assert_eq!(
            empty.validate(now, &[]).unwrap_err().0[0].code,
            "validation-usage-empty"
        );
        let mut negative = empty.clone();
        negative.sessions = "-1".into();
        assert_eq!(
            negative.validate(now, &[]).unwrap_err().0[0].field,
            "sessions"
        );
        let mut elsewhere = empty;
        elsewhere.sessions = "1".into();
        elsewhere.service = "nope".into();
        assert!(elsewhere.validate(now, &[]).is_err());
    }

    #[test]
    fn the_bounds_hold_every_point_within_the_distance() {
        let centre = Point {
            lat: 52.2,
            long: -0.9,
        };
        let (lat0, lat1, long0, long1) = bounds_around(centre, 5000.0);
        for (lat, long) in [(lat0, centre.long), (centre.lat, long1), (lat1, long0)] {
            let p = Point { lat, long };
            assert!(centre.distance_m(p) >= 4_990.0);
        }
        assert_eq!(centre_of(&[]), None);
    }
}
