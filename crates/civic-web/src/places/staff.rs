//! Staff pages: a body's places (add, change, stop), each found at an address of the
//! addresses register, and the use each place reports month by month.

use super::view::{access_id, booking_id, day_id, help_id, kind_id};
use crate::AppError;
use crate::AppState;
use crate::addresses::Address;
use crate::app::auth::StaffOf;
use crate::app::extract::Form;
use crate::app::extract::Path;
use crate::app::extract::Query;
use crate::app::i18n::{Arg, Lang};
use crate::app::layout::{FormErrors, Layout, PageContext, SavedParam, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use civic_domain::place::{
    Access, Booking, Day, HelpKind, Month, OpeningInput, Place, PlaceAddress, PlaceInput,
    PlaceKind, UsageInput,
};
use civic_domain::{Body, DigitalInclusionLevel, FieldErrors, Point};
use civic_storage::{Actor, PlaceUsage, ServiceQuery};

/// Opening times a day the form offers.
const SLOTS: usize = 2;

#[derive(Template)]
#[template(path = "places/staff_list.html")]
struct StaffPlacesPage {
    layout: Layout,
    body: Body,
    places: Vec<Place>,
    saved: Option<String>,
}

/// `GET /staff/bodies/{body}/digital-help`: the body's places, stopped ones too.
pub async fn places(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Query(params): Query<SavedParam>,
) -> Result<Response, AppError> {
    let places = state.store.places(Some(&body.slug), true).await?;
    let saved = params
        .saved
        .and_then(|slug| places.iter().find(|p| p.slug == slug))
        .map(|p| p.name.clone());
    let title = ctx.lang.t_with(
        "places-manage-title",
        &[("body", Arg::from(body.name_in(ctx.lang == Lang::Cy)))],
    );
    render(
        StatusCode::OK,
        &StaffPlacesPage {
            layout: ctx.layout(title),
            body,
            places,
            saved,
        },
    )
}

/// The place form as submitted: checkboxes arrive as repeated names, so it is read from
/// the pairs rather than a struct.
#[derive(Debug, Clone, Default)]
pub struct PlaceForm {
    fields: Vec<(String, String)>,
}

impl PlaceForm {
    fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn has(&self, name: &str, value: &str) -> bool {
        self.fields.iter().any(|(k, v)| k == name && v == value)
    }

    /// True when the "Find addresses" button sent it.
    fn finding(&self) -> bool {
        self.get("action") == "find"
    }

    fn from_place(place: &Place) -> PlaceForm {
        let input = place.to_input();
        let mut fields: Vec<(String, String)> = vec![
            ("name".into(), input.name),
            ("name_cy".into(), input.name_cy),
            ("kind".into(), input.kind),
            ("description".into(), input.description),
            ("description_cy".into(), input.description_cy),
            ("postcode".into(), place.address.postcode.clone()),
            ("uprn".into(), input.uprn),
            ("opening_note".into(), input.opening_note),
            ("opening_note_cy".into(), input.opening_note_cy),
            ("languages".into(), input.languages),
            ("booking".into(), input.booking),
            ("phone".into(), input.phone),
            ("email".into(), input.email),
            ("website".into(), input.website),
        ];
        if place.active {
            fields.push(("active".into(), "yes".into()));
        }
        for day in Day::ALL {
            for (slot, o) in place.opening_on(day).iter().take(SLOTS).enumerate() {
                fields.push((
                    format!("opens-{}-{slot}", day.as_str()),
                    o.opens.to_string(),
                ));
                fields.push((
                    format!("closes-{}-{slot}", day.as_str()),
                    o.closes.to_string(),
                ));
            }
        }
        fields.extend(input.help.into_iter().map(|h| ("help".to_string(), h)));
        fields.extend(
            input
                .course_levels
                .into_iter()
                .map(|l| ("course_levels".to_string(), l.to_string())),
        );
        fields.extend(
            input
                .services
                .into_iter()
                .map(|s| ("services".to_string(), s)),
        );
        fields.extend(
            input
                .accessibility
                .into_iter()
                .map(|a| ("accessibility".to_string(), a)),
        );
        PlaceForm { fields }
    }

    fn new_place() -> PlaceForm {
        PlaceForm {
            fields: vec![
                ("active".into(), "yes".into()),
                ("booking".into(), Booking::NotNeeded.as_str().into()),
            ],
        }
    }

    fn to_input(&self) -> PlaceInput {
        let mut opening = Vec::new();
        for day in Day::ALL {
            for slot in 0..SLOTS {
                opening.push(OpeningInput {
                    day: day.as_str().to_string(),
                    opens: self.get(&format!("opens-{}-{slot}", day.as_str())).into(),
                    closes: self.get(&format!("closes-{}-{slot}", day.as_str())).into(),
                });
            }
        }
        PlaceInput {
            name: self.get("name").into(),
            name_cy: self.get("name_cy").into(),
            kind: self.get("kind").into(),
            description: self.get("description").into(),
            description_cy: self.get("description_cy").into(),
            uprn: self.get("uprn").into(),
            opening,
            opening_note: self.get("opening_note").into(),
            opening_note_cy: self.get("opening_note_cy").into(),
            help: self.all("help"),
            // A level that is not a number is refused as out of range.
            course_levels: self
                .all("course_levels")
                .iter()
                .map(|l| l.trim().parse().unwrap_or(0))
                .collect(),
            services: self.all("services"),
            accessibility: self.all("accessibility"),
            languages: self.get("languages").into(),
            booking: self.get("booking").into(),
            phone: self.get("phone").into(),
            email: self.get("email").into(),
            website: self.get("website").into(),
            active: self.get("active") == "yes",
        }
    }
}

/// One choice among checkboxes or radios.
pub struct Choice {
    id: String,
    value: String,
    label: String,
    checked: bool,
}

/// One opening time's pair of inputs.
pub struct Slot {
    /// Its row number in the domain's field names (`opening.N`).
    row: usize,
    opens_name: String,
    closes_name: String,
    opens: String,
    closes: String,
    opens_label: String,
    closes_label: String,
    error: Option<String>,
}

/// One day's inputs.
pub struct DayInputs {
    name: String,
    slots: Vec<Slot>,
}

#[derive(Template)]
#[template(path = "places/staff_form.html")]
struct PlaceFormPage {
    layout: Layout,
    body: Body,
    place: Option<Place>,
    form: PlaceForm,
    errors: FormErrors,
    action: String,
    kinds: Vec<Choice>,
    addresses: Vec<Choice>,
    postcode_error: Option<String>,
    searched_postcode: Option<String>,
    days: Vec<DayInputs>,
    help: Vec<Choice>,
    levels: Vec<Choice>,
    services: Vec<Choice>,
    accessibility: Vec<Choice>,
    bookings: Vec<Choice>,
}

impl PlaceFormPage {
    fn active(&self) -> bool {
        self.form.get("active") == "yes"
    }
}

fn choices<T: Copy>(
    form: &PlaceForm,
    name: &str,
    all: &[T],
    value: impl Fn(T) -> String,
    label: impl Fn(T) -> String,
) -> Vec<Choice> {
    all.iter()
        .enumerate()
        .map(|(i, item)| {
            let v = value(*item);
            Choice {
                id: if i == 0 {
                    name.to_string()
                } else {
                    format!("{name}-{v}")
                },
                checked: form.has(name, &v),
                value: v,
                label: label(*item),
            }
        })
        .collect()
}

/// The addresses in the form's postcode (with the chosen one, should it lie elsewhere), or
/// why the postcode could not be searched.
async fn addresses_for(
    state: &AppState,
    lang: Lang,
    form: &PlaceForm,
) -> Result<(Vec<Address>, Option<String>), AppError> {
    let postcode = form.get("postcode");
    let mut found = Vec::new();
    let mut error = None;
    if !postcode.trim().is_empty() {
        match crate::addresses::in_postcode(state, postcode).await {
            Ok(a) => found = a,
            Err(e @ AppError::Unclear { .. }) => error = Some(e.explain_in(lang).1),
            Err(e) => return Err(e),
        }
    }
    let uprn = form.get("uprn").trim();
    if !uprn.is_empty()
        && !found.iter().any(|a| a.uprn == uprn)
        && let Some(chosen) = crate::addresses::by_uprn(state, uprn).await?
    {
        found.insert(0, chosen);
    }
    Ok((found, error))
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    place: Option<Place>,
    form: PlaceForm,
    errors: FieldErrors,
) -> Result<PlaceFormPage, AppError> {
    let lang = ctx.lang;
    let welsh = lang == Lang::Cy;
    let errors = FormErrors(errors);
    let (title, action) = match &place {
        Some(p) => (
            lang.t_with(
                "places-form-change-title",
                &[("name", Arg::from(p.name_in(welsh)))],
            ),
            format!("/staff/bodies/{}/digital-help/{}/edit", body.slug, p.slug),
        ),
        None => (
            lang.t("places-form-add-title"),
            format!("/staff/bodies/{}/digital-help/new", body.slug),
        ),
    };
    let title = if errors.is_empty() {
        title
    } else {
        ctx.error_title(&title)
    };
    let layout = ctx.layout(title);
    let (found, postcode_error) = addresses_for(state, lang, &form).await?;
    let searched_postcode = (!form.get("postcode").trim().is_empty() && postcode_error.is_none())
        .then(|| {
            civic_domain::register::normalise_postcode(form.get("postcode"))
                .unwrap_or_else(|| form.get("postcode").to_string())
        });
    let uprn = form.get("uprn").trim().to_string();
    let addresses = found
        .iter()
        .enumerate()
        .map(|(i, a)| Choice {
            id: if i == 0 {
                "uprn".to_string()
            } else {
                format!("uprn-{}", a.uprn)
            },
            value: a.uprn.clone(),
            label: format!("{}, {}", a.text, a.postcode),
            checked: a.uprn == uprn,
        })
        .collect();
    let days = Day::ALL
        .into_iter()
        .enumerate()
        .map(|(d, day)| {
            let name = lang.t(day_id(day));
            let slots = (0..SLOTS)
                .map(|slot| {
                    let row = d * SLOTS + slot;
                    let (opens_id, closes_id) = if slot == 0 {
                        ("places-form-opens-day", "places-form-closes-day")
                    } else {
                        ("places-form-opens-day-2", "places-form-closes-day-2")
                    };
                    let opens_name = format!("opens-{}-{slot}", day.as_str());
                    let closes_name = format!("closes-{}-{slot}", day.as_str());
                    Slot {
                        row,
                        opens: form.get(&opens_name).to_string(),
                        closes: form.get(&closes_name).to_string(),
                        opens_name,
                        closes_name,
                        opens_label: lang.t_with(opens_id, &[("day", Arg::from(&name))]),
                        closes_label: lang.t_with(closes_id, &[("day", Arg::from(&name))]),
                        error: errors.message_for(&layout, &format!("opening.{row}")),
                    }
                })
                .collect();
            DayInputs { name, slots }
        })
        .collect();
    // Retired services stay choices while the place names them, so saving keeps the link.
    let services: Vec<_> = state
        .store
        .list_services(&ServiceQuery {
            body: Some(body.slug.clone()),
            welsh,
            include_retired: true,
            ..Default::default()
        })
        .await?
        .services
        .into_iter()
        .filter(|s| {
            s.status == civic_domain::ServiceStatus::Active || form.has("services", &s.slug)
        })
        .collect();
    let service_choices = services
        .iter()
        .enumerate()
        .map(|(i, s)| Choice {
            id: if i == 0 {
                "services".to_string()
            } else {
                format!("service-choice-{}", s.slug)
            },
            value: s.slug.clone(),
            label: s.name_in(welsh).to_string(),
            checked: form.has("services", &s.slug),
        })
        .collect();
    let levels: Vec<DigitalInclusionLevel> = DigitalInclusionLevel::all().collect();
    Ok(PlaceFormPage {
        kinds: choices(
            &form,
            "kind",
            &PlaceKind::ALL,
            |k| k.as_str().into(),
            |k| lang.t(kind_id(k)),
        ),
        help: choices(
            &form,
            "help",
            &HelpKind::ALL,
            |h| h.as_str().into(),
            |h| lang.t(help_id(h)),
        ),
        levels: choices(
            &form,
            "course_levels",
            &levels,
            |l| l.number().to_string(),
            |l| super::view::level_label(lang, l.number()),
        ),
        accessibility: choices(
            &form,
            "accessibility",
            &Access::ALL,
            |a| a.as_str().into(),
            |a| lang.t(access_id(a)),
        ),
        bookings: choices(
            &form,
            "booking",
            &Booking::ALL,
            |b| b.as_str().into(),
            |b| lang.t(booking_id(b)),
        ),
        services: service_choices,
        addresses,
        postcode_error,
        searched_postcode,
        days,
        layout,
        body,
        place,
        form,
        errors,
        action,
    })
}

/// The address the form chose, as the register holds it now.
async fn chosen_address(
    state: &AppState,
    form: &PlaceForm,
) -> Result<Option<PlaceAddress>, AppError> {
    let uprn = form.get("uprn").trim();
    if uprn.is_empty() {
        return Ok(None);
    }
    let coordinate = |v: &Option<String>| {
        v.as_deref()
            .and_then(|t| t.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    Ok(crate::addresses::by_uprn(state, uprn)
        .await?
        .map(|a| PlaceAddress {
            point: Point {
                lat: coordinate(&a.latitude),
                long: coordinate(&a.longitude),
            },
            uprn: a.uprn,
            text: a.text,
            postcode: a.postcode,
        }))
}

async fn service_slugs(state: &AppState, body: &Body) -> Result<Vec<String>, AppError> {
    Ok(state
        .store
        .list_services(&ServiceQuery {
            body: Some(body.slug.clone()),
            include_retired: true,
            ..Default::default()
        })
        .await?
        .services
        .into_iter()
        .map(|s| s.slug)
        .collect())
}

/// `GET /staff/bodies/{body}/digital-help/new`.
pub async fn new_place(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    let page = form_page(
        &state,
        &ctx,
        body,
        None,
        PlaceForm::new_place(),
        FieldErrors::default(),
    )
    .await?;
    render(StatusCode::OK, &page)
}

/// Saves the form (`existing`: the place it changes), or shows it again with the
/// addresses found or with what is wrong.
async fn save(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    existing: Option<Place>,
    form: PlaceForm,
) -> Result<Response, AppError> {
    if form.finding() {
        let page = form_page(state, ctx, body, existing, form, FieldErrors::default()).await?;
        return render(StatusCode::OK, &page);
    }
    let address = chosen_address(state, &form).await?;
    let known = service_slugs(state, &body).await?;
    match form
        .to_input()
        .validate(address, &known, body.welsh_standards)
    {
        Err(errors) => {
            let page = form_page(state, ctx, body, existing, form, errors).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Ok(draft) => {
            let saved = match &existing {
                Some(p) => {
                    state
                        .store
                        .update_place(&body.slug, &p.slug, &draft)
                        .await?
                }
                None => state.store.create_place(&body.slug, &draft).await?,
            };
            Ok(Redirect::to(&format!(
                "/staff/bodies/{}/digital-help?saved={}",
                body.slug, saved.slug
            ))
            .into_response())
        }
    }
}

/// `POST /staff/bodies/{body}/digital-help/new`.
pub async fn create_place(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    save(&state, &ctx, body, None, PlaceForm { fields }).await
}

async fn own_place(state: &AppState, body: &Body, slug: &str) -> Result<Place, AppError> {
    state
        .store
        .place(&body.slug, slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /staff/bodies/{body}/digital-help/{place}/edit`.
pub async fn edit_place(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let place = own_place(&state, &body, &slug).await?;
    let form = PlaceForm::from_place(&place);
    let page = form_page(
        &state,
        &ctx,
        body,
        Some(place),
        form,
        FieldErrors::default(),
    )
    .await?;
    render(StatusCode::OK, &page)
}

/// `POST /staff/bodies/{body}/digital-help/{place}/edit`.
pub async fn update_place(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let place = own_place(&state, &body, &slug).await?;
    save(&state, &ctx, body, Some(place), PlaceForm { fields }).await
}

/// The usage form as submitted.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct UsageForm {
    #[serde(default)]
    month: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    sessions: String,
    #[serde(default, rename = "people-1")]
    people_1: String,
    #[serde(default, rename = "people-2")]
    people_2: String,
    #[serde(default, rename = "people-3")]
    people_3: String,
    #[serde(default, rename = "people-4")]
    people_4: String,
    #[serde(default, rename = "people-5")]
    people_5: String,
    #[serde(default, rename = "people-6")]
    people_6: String,
    #[serde(default, rename = "people-7")]
    people_7: String,
    #[serde(default, rename = "people-8")]
    people_8: String,
    #[serde(default, rename = "people-9")]
    people_9: String,
}

impl UsageForm {
    fn people(&self) -> [&String; 9] {
        [
            &self.people_1,
            &self.people_2,
            &self.people_3,
            &self.people_4,
            &self.people_5,
            &self.people_6,
            &self.people_7,
            &self.people_8,
            &self.people_9,
        ]
    }

    fn to_input(&self) -> UsageInput {
        UsageInput {
            month: self.month.clone(),
            service: self.service.clone(),
            sessions: self.sessions.clone(),
            people: self.people().map(|p| p.clone()),
        }
    }
}

/// One level's input on the usage form.
pub struct LevelInput {
    name: String,
    field: String,
    label: String,
    value: String,
}

/// A service in the usage form's list.
pub struct ServiceOption {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "places/staff_usage.html")]
struct UsagePage {
    layout: Layout,
    body: Body,
    place: Place,
    form: UsageForm,
    errors: FormErrors,
    levels: Vec<LevelInput>,
    services: Vec<ServiceOption>,
    reports: Vec<PlaceUsage>,
    saved: bool,
}

impl UsagePage {
    fn service_name(&self, slug: &Option<String>) -> String {
        match slug {
            None => self.layout.t("places-usage-service-any"),
            Some(s) => self
                .services
                .iter()
                .find(|o| &o.value == s)
                .map(|o| o.label.clone())
                .unwrap_or_else(|| s.clone()),
        }
    }
}

async fn usage_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    place: Place,
    form: UsageForm,
    errors: FieldErrors,
    saved: bool,
) -> Result<UsagePage, AppError> {
    let welsh = ctx.lang == Lang::Cy;
    let title = ctx.lang.t_with(
        "places-usage-title",
        &[("name", Arg::from(place.name_in(welsh)))],
    );
    let title = if errors.is_empty() {
        title
    } else {
        ctx.error_title(&title)
    };
    let levels = DigitalInclusionLevel::all()
        .zip(form.people())
        .map(|(level, value)| LevelInput {
            name: format!("people-{}", level.number()),
            field: format!("people.{}", level.number()),
            label: ctx.lang.t_with(
                "places-usage-people-level",
                &[
                    ("level", Arg::Number(i64::from(level.number()))),
                    (
                        "name",
                        Arg::from(ctx.t(crate::services::level_name_id(level.number()))),
                    ),
                ],
            ),
            value: value.clone(),
        })
        .collect();
    let services = state
        .store
        .list_services(&ServiceQuery {
            body: Some(body.slug.clone()),
            welsh,
            ..Default::default()
        })
        .await?
        .services
        .into_iter()
        .map(|s| ServiceOption {
            selected: form.service == s.slug,
            label: s.name_in(welsh).to_string(),
            value: s.slug,
        })
        .collect();
    let reports = state
        .store
        .place_usage(Some(&body.slug), Some(&place.slug), None)
        .await?;
    Ok(UsagePage {
        layout: ctx.layout(title),
        errors: FormErrors(errors),
        body,
        place,
        form,
        levels,
        services,
        reports,
        saved,
    })
}

/// Whether the usage page follows a saved report.
#[derive(Debug, Default, serde::Deserialize)]
pub struct UsageSaved {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /staff/bodies/{body}/digital-help/{place}/usage`.
pub async fn usage_form(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
    Query(params): Query<UsageSaved>,
) -> Result<Response, AppError> {
    let place = own_place(&state, &body, &slug).await?;
    let form = UsageForm {
        month: Month::of(time::OffsetDateTime::now_utc().date())
            .previous()
            .to_string(),
        ..Default::default()
    };
    let page = usage_page(
        &state,
        &ctx,
        body,
        place,
        form,
        FieldErrors::default(),
        params.saved.is_some(),
    )
    .await?;
    render(StatusCode::OK, &page)
}

/// `POST /staff/bodies/{body}/digital-help/{place}/usage`.
pub async fn record_usage(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { staff, body }: StaffOf,
    Path((_, slug)): Path<(String, String)>,
    Form(form): Form<UsageForm>,
) -> Result<Response, AppError> {
    let place = own_place(&state, &body, &slug).await?;
    let this_month = Month::of(time::OffsetDateTime::now_utc().date());
    let known = service_slugs(&state, &body).await?;
    match form.to_input().validate(this_month, &known) {
        Err(errors) => {
            let page = usage_page(&state, &ctx, body, place, form, errors, false).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Ok(report) => {
            state
                .store
                .record_usage(&body.slug, &place.slug, &report, &Actor::staff(&staff))
                .await?;
            Ok(Redirect::to(&format!(
                "/staff/bodies/{}/digital-help/{}/usage?saved={}",
                body.slug, place.slug, report.month
            ))
            .into_response())
        }
    }
}
