//! What places report they did, as the performance pages show it beside digital take-up:
//! the last twelve months, counts from 1 to 4 withheld.

use crate::AppError;
use crate::AppState;
use crate::app::i18n::{Arg, Lang};
use civic_domain::place::Month;
use civic_domain::{Body, Service};
use civic_storage::PlaceUsage;

/// One row of a table of reported help.
pub struct HelpRow {
    /// What the row counts (a level, or a place).
    pub label: String,
    /// The place's page, for rows that are places.
    pub href: Option<String>,
    /// Sessions held, in words.
    pub sessions: String,
    /// People helped, in words (withheld from 1 to 4).
    pub people: String,
}

/// Help reported over the last twelve months, for a service's or a body's dashboard.
pub struct HelpReported {
    /// What the figures cover.
    pub intro: String,
    /// Said when nothing was reported.
    pub none: String,
    /// True when nothing was reported.
    pub empty: bool,
    /// Sessions held in all.
    pub sessions: String,
    /// People helped in all.
    pub people: String,
    /// People helped by the level they started at (a service's page), or by place (a
    /// body's page).
    pub rows: Vec<HelpRow>,
    /// True when the rows are places.
    pub by_place: bool,
}

fn count(lang: Lang, n: u32) -> String {
    if (1..5).contains(&n) {
        lang.t("places-performance-withheld")
    } else {
        crate::app::layout::group_digits(i64::from(n))
    }
}

/// The first month of the last twelve, this one included.
fn twelve_months_ago() -> Month {
    let mut month = Month::of(time::OffsetDateTime::now_utc().date());
    for _ in 0..11 {
        month = month.previous();
    }
    month
}

/// Help with one service, by the level people started at.
pub async fn for_service(
    state: &AppState,
    lang: Lang,
    body: &Body,
    service: &Service,
) -> Result<HelpReported, AppError> {
    let usage: Vec<PlaceUsage> = state
        .store
        .place_usage(Some(&body.slug), None, Some(twelve_months_ago()))
        .await?
        .into_iter()
        .filter(|u| u.report.service.as_deref() == Some(service.slug.as_str()))
        .collect();
    let mut people = [0u32; 9];
    let mut sessions = 0u32;
    for u in &usage {
        sessions = sessions.saturating_add(u.report.sessions);
        for (total, n) in people.iter_mut().zip(u.report.people) {
            *total = total.saturating_add(n);
        }
    }
    let rows = people
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let level = u8::try_from(i + 1).unwrap_or(9);
            HelpRow {
                label: super::view::level_label(lang, level),
                href: None,
                sessions: String::new(),
                people: count(lang, *n),
            }
        })
        .collect();
    // A level withheld must not be the total less the others.
    let total = if people.iter().any(|n| super::open_data::is_small(*n)) {
        lang.t("places-performance-withheld-total")
    } else {
        count(lang, people.iter().sum())
    };
    Ok(HelpReported {
        intro: lang.t("places-performance-service-intro"),
        none: lang.t("places-performance-none"),
        empty: usage.is_empty(),
        sessions: count(lang, sessions),
        people: total,
        rows,
        by_place: false,
    })
}

/// Help at each of a body's places, about any service.
pub async fn for_body(state: &AppState, lang: Lang, body: &Body) -> Result<HelpReported, AppError> {
    let usage = state
        .store
        .place_usage(Some(&body.slug), None, Some(twelve_months_ago()))
        .await?;
    // (slug, name, sessions, people), in the order places first appear (by name).
    let mut places: Vec<(String, String, u32, u32)> = Vec::new();
    let welsh = lang == Lang::Cy;
    for u in &usage {
        let name = if welsh && !u.place_name_cy.is_empty() {
            &u.place_name_cy
        } else {
            &u.place_name
        };
        match places.iter_mut().find(|p| p.0 == u.place) {
            Some(p) => {
                p.2 = p.2.saturating_add(u.report.sessions);
                p.3 = p.3.saturating_add(u.report.people_total());
            }
            None => places.push((
                u.place.clone(),
                name.clone(),
                u.report.sessions,
                u.report.people_total(),
            )),
        }
    }
    places.sort_by(|a, b| a.1.cmp(&b.1));
    let sessions = places.iter().map(|p| p.2).fold(0u32, u32::saturating_add);
    let people = places.iter().map(|p| p.3).fold(0u32, u32::saturating_add);
    Ok(HelpReported {
        intro: lang.t_with(
            "places-performance-body-intro",
            &[("body", Arg::from(body.name_in(welsh)))],
        ),
        none: lang.t("places-performance-body-none"),
        empty: usage.is_empty(),
        sessions: count(lang, sessions),
        people: count(lang, people),
        rows: places
            .into_iter()
            .map(|(slug, name, s, p)| HelpRow {
                label: name,
                href: Some(format!("/bodies/{}/digital-help/{slug}", body.slug)),
                sessions: count(lang, s),
                people: count(lang, p),
            })
            .collect(),
        by_place: true,
    })
}
