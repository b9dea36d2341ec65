//! A place as a page shows it: every enumerated value in the page's language, opening
//! times by day, distance in miles.

use crate::app::i18n::{Arg, Lang};
use civic_domain::place::{Access, Booking, Day, HelpKind, Place, PlaceKind};

/// The message id of a kind of place.
pub fn kind_id(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Library => "places-kind-library",
        PlaceKind::TownHall => "places-kind-town-hall",
        PlaceKind::CommunityCentre => "places-kind-community-centre",
        PlaceKind::Charity => "places-kind-charity",
        PlaceKind::Other => "places-kind-other",
    }
}

/// The message id of a kind of help.
pub fn help_id(help: HelpKind) -> &'static str {
    match help {
        HelpKind::Computers => "places-help-computers",
        HelpKind::Wifi => "places-help-wifi",
        HelpKind::DigitalBuddy => "places-help-digital-buddy",
        HelpKind::Courses => "places-help-courses",
        HelpKind::Forms => "places-help-forms",
    }
}

/// The message id of a booking rule.
pub fn booking_id(booking: Booking) -> &'static str {
    match booking {
        Booking::NotNeeded => "places-booking-not-needed",
        Booking::Recommended => "places-booking-recommended",
        Booking::Required => "places-booking-required",
    }
}

/// The message id of an accessibility feature.
pub fn access_id(access: Access) -> &'static str {
    match access {
        Access::StepFree => "places-access-step-free",
        Access::HearingLoop => "places-access-hearing-loop",
        Access::AccessibleToilet => "places-access-accessible-toilet",
        Access::AssistiveTechnology => "places-access-assistive-technology",
        Access::SignLanguage => "places-access-sign-language",
    }
}

/// The message id of a day's name.
pub fn day_id(day: Day) -> &'static str {
    match day {
        Day::Monday => "places-day-monday",
        Day::Tuesday => "places-day-tuesday",
        Day::Wednesday => "places-day-wednesday",
        Day::Thursday => "places-day-thursday",
        Day::Friday => "places-day-friday",
        Day::Saturday => "places-day-saturday",
        Day::Sunday => "places-day-sunday",
    }
}

/// A level of the digital inclusion scale with its name: "2 – Was online, but no longer".
pub fn level_label(lang: Lang, level: u8) -> String {
    format!(
        "{level} – {}",
        lang.t(crate::services::level_name_id(level))
    )
}

/// A distance as people in the UK give one: miles to one decimal place.
pub fn distance(lang: Lang, metres: f64) -> String {
    let miles = metres / 1609.344;
    if miles < 0.1 {
        lang.t("places-distance-under")
    } else {
        lang.t_with(
            "places-distance",
            &[("miles", Arg::Text(format!("{miles:.1}")))],
        )
    }
}

/// One day's opening times, as a row of the table.
pub struct DayHours {
    /// The day's name.
    pub day: String,
    /// Each opening ("09:00 to 12:30"), or "Closed".
    pub times: Vec<String>,
}

/// A place in a list or on its page, in one language.
pub struct PlaceCard {
    /// The place.
    pub place: Place,
    /// Its page's path (without the language prefix).
    pub href: String,
    /// Its name in the page's language.
    pub name: String,
    /// Its description in the page's language.
    pub description: String,
    /// True when the page is Welsh and the place has no Welsh: its text is marked English.
    pub english_only: bool,
    /// Its kind, in words.
    pub kind: String,
    /// How far away, when someone gave a postcode.
    pub distance: Option<String>,
    /// True when it helps with the forms of the service whose page shows it.
    pub helps_with_this: bool,
    /// The help it gives, in words.
    pub help: Vec<String>,
    /// Booking, in words.
    pub booking: String,
}

impl PlaceCard {
    /// `place` in `lang`, `metres` away when known.
    pub fn new(lang: Lang, place: Place, metres: Option<f64>) -> PlaceCard {
        let welsh = lang == Lang::Cy;
        PlaceCard {
            href: format!("/bodies/{}/digital-help/{}", place.body, place.slug),
            name: place.name_in(welsh).to_string(),
            description: place.description_in(welsh).to_string(),
            english_only: welsh && place.name_cy.is_empty(),
            kind: lang.t(kind_id(place.kind)),
            distance: metres.map(|m| distance(lang, m)),
            helps_with_this: false,
            help: place.help.iter().map(|h| lang.t(help_id(*h))).collect(),
            booking: lang.t(booking_id(place.booking)),
            place,
        }
    }

    /// Its opening times, Monday first, with every day shown.
    pub fn week(&self, lang: Lang) -> Vec<DayHours> {
        Day::ALL
            .into_iter()
            .map(|day| {
                let times: Vec<String> = self
                    .place
                    .opening_on(day)
                    .iter()
                    .map(|o| {
                        lang.t_with(
                            "places-time-range",
                            &[
                                ("opens", Arg::Text(o.opens.to_string())),
                                ("closes", Arg::Text(o.closes.to_string())),
                            ],
                        )
                    })
                    .collect();
                DayHours {
                    day: lang.t(day_id(day)),
                    times: if times.is_empty() {
                        vec![lang.t("places-closed")]
                    } else {
                        times
                    },
                }
            })
            .collect()
    }
}
