//! Requests for data: anyone asks for a dataset, others support it, staff answer in
//! public, and the register is open data.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::auth::ClientAddress;
use crate::app::auth::StaffOf;
use crate::app::extract::Path;
use crate::app::extract::Query as QueryParams;
use crate::app::i18n::Arg;
use crate::app::i18n::Lang;
use crate::app::layout::FormErrors;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use crate::app::layout::rfc3339;
use crate::app::tokens::token_hash;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::FieldErrors;
use civic_domain::catalogue::own::DATA_REQUEST_COLUMNS;
use civic_domain::catalogue::stewardship::DataRequest;
use civic_domain::catalogue::stewardship::DataRequestAnswerInput;
use civic_domain::catalogue::stewardship::DataRequestInput;
use civic_domain::catalogue::stewardship::DataRequestStatus;
use civic_storage::Confirmation;
use civic_storage::StorageError;
use serde::Deserialize;

pub async fn body_of(state: &AppState, slug: &str) -> Result<Body, AppError> {
    state.body(slug).await
}

fn rfc(t: Option<time::OffsetDateTime>) -> String {
    t.map(rfc3339).unwrap_or_default()
}

/// A data request's status in words, in `lang`.
pub fn status_label(lang: Lang, status: DataRequestStatus) -> String {
    lang.t(match status {
        DataRequestStatus::Unconfirmed => "stewardship-status-unconfirmed",
        DataRequestStatus::Open => "stewardship-status-open",
        DataRequestStatus::Accepted => "stewardship-status-accepted",
        DataRequestStatus::Published => "stewardship-status-published",
        DataRequestStatus::Refused => "stewardship-status-refused",
    })
}

/// A page title in `ctx`'s language, marked as showing errors when `failed`.
pub fn title_of(ctx: &PageContext, title: String, failed: bool) -> String {
    if failed {
        ctx.error_title(&title)
    } else {
        title
    }
}

/// How quickly a body answers, from its answered requests.
#[derive(Debug, Clone, Default)]
pub struct ResponseTimes {
    /// Public requests.
    pub requests: usize,
    /// Answered ones.
    pub answered: usize,
    /// Median whole days to answer.
    pub median_days: Option<i64>,
    /// Answered within 20 working days (28 calendar days).
    pub within_20_working_days: usize,
    /// Still waiting after 28 days.
    pub overdue: usize,
}

/// Computes the published response-time measure.
pub fn response_times(requests: &[DataRequest], now: time::OffsetDateTime) -> ResponseTimes {
    let mut days: Vec<i64> = requests
        .iter()
        .filter_map(DataRequest::days_to_answer)
        .collect();
    days.sort_unstable();
    ResponseTimes {
        requests: requests.len(),
        answered: days.len(),
        median_days: (!days.is_empty()).then(|| days[(days.len() - 1) / 2]),
        within_20_working_days: days.iter().filter(|d| **d <= 28).count(),
        overdue: requests
            .iter()
            .filter(|r| {
                !r.status.is_answered()
                    && r.confirmed_at
                        .is_some_and(|c| now - c > time::Duration::days(28))
            })
            .count(),
    }
}

#[derive(Template)]
#[template(path = "stewardship/data_requests.html")]
struct ListPage {
    layout: Layout,
    body: Body,
    requests: Vec<(DataRequest, String)>,
    times: ResponseTimes,
}

impl ListPage {
    fn status(&self, status: &DataRequestStatus) -> String {
        status_label(self.layout.lang, *status)
    }
}

/// `GET /bodies/{body}/data-requests`.
pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
) -> Result<Response, AppError> {
    let body = body_of(&state, &body).await?;
    let requests = state.store.data_requests(&body.slug).await?;
    let times = response_times(&requests, time::OffsetDateTime::now_utc());
    render(
        StatusCode::OK,
        &ListPage {
            layout: ctx.layout(ctx.lang.t_with(
                "stewardship-list-title",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            requests: requests
                .into_iter()
                .map(|r| {
                    let when = r
                        .confirmed_at
                        .map(crate::app::layout::format_date)
                        .unwrap_or_default();
                    (r, when)
                })
                .collect(),
            body,
            times,
        },
    )
}

#[derive(Template)]
#[template(path = "stewardship/new_data_request.html")]
struct NewPage {
    layout: Layout,
    signed_in: bool,
    body: Body,
    form: DataRequestInput,
    errors: FormErrors,
}

/// `GET /bodies/{body}/data-requests/new`.
pub async fn new_form(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
) -> Result<Response, AppError> {
    let body = body_of(&state, &body).await?;
    render(
        StatusCode::OK,
        &NewPage {
            layout: ctx.layout(ctx.lang.t_with(
                "stewardship-new-title",
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            signed_in: ctx.staff.is_some(),
            body,
            form: DataRequestInput::default(),
            errors: FormErrors::default(),
        },
    )
}

#[derive(Template)]
#[template(path = "stewardship/check_email.html")]
struct CheckEmailPage {
    layout: Layout,
    heading: String,
    message: String,
}

/// `POST /bodies/{body}/data-requests/new`: the request waits, unpublished, until its
/// email address is confirmed.
pub async fn create(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(body): Path<String>,
    client: ClientAddress,
    crate::app::extract::Form(form): crate::app::extract::Form<DataRequestInput>,
) -> Result<Response, AppError> {
    let body = body_of(&state, &body).await?;
    let mut form = form;
    // Someone signed in asks under their account's address, with no email round trip.
    if let Some(staff) = &ctx.staff {
        form.email = staff.email.clone();
    }
    let draft = match form.validate() {
        Ok(d) => d,
        Err(errors) => {
            return render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &NewPage {
                    layout: ctx.layout(title_of(
                        &ctx,
                        ctx.lang.t_with(
                            "stewardship-new-title",
                            &[(
                                "body",
                                Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                            )],
                        ),
                        true,
                    )),
                    signed_in: ctx.staff.is_some(),
                    body,
                    form,
                    errors: FormErrors(errors),
                },
            );
        }
    };
    let signed_in = ctx.staff.is_some();
    if !signed_in {
        state
            .submissions
            .check_sender(&client, &draft.email)
            .await?;
    }
    let token = crate::app::tokens::new_token();
    let hash = token_hash(&token);
    // Recorded first: the confirmation is the first email written in it.
    crate::app::i18n::record_choice(&state, &draft.email, &form.language, ctx.lang).await?;
    let id = state
        .store
        .add_data_request(&body.slug, &draft, &token, &hash, signed_in)
        .await?;
    if signed_in {
        return Ok(Redirect::to(&format!("/data-requests/{id}?confirmed=1")).into_response());
    }
    render(
        StatusCode::OK,
        &CheckEmailPage {
            layout: ctx.layout_t("stewardship-check-email-title"),
            heading: ctx.t("stewardship-check-email-title"),
            message: ctx.lang.t_with(
                "stewardship-check-email-request",
                &[
                    ("email", Arg::from(&draft.email)),
                    (
                        "body",
                        Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                    ),
                ],
            ),
        },
    )
}

/// `GET /data-requests/confirm/{token}`: publishes the request.
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match state.store.confirm_data_request(&token_hash(&token)).await {
        Ok(Confirmation::Confirmed(id) | Confirmation::AlreadyConfirmed(id)) => {
            Ok(Redirect::to(&format!("/data-requests/{id}?confirmed=1")).into_response())
        }
        Err(StorageError::NotFound) => Err(AppError::unclear("stewardship-error-confirm-link")),
        Err(e) => Err(e.into()),
    }
}

/// Query of a data request's page.
#[derive(Debug, Default, Deserialize)]
pub struct ShowParams {
    #[serde(default)]
    confirmed: Option<String>,
    #[serde(default)]
    supported: Option<String>,
}

#[derive(Template)]
#[template(path = "stewardship/data_request.html")]
struct ShowPage {
    layout: Layout,
    request: DataRequest,
    requested: String,
    answered: String,
    notice: Option<String>,
    email: String,
    errors: FormErrors,
}

impl ShowPage {
    fn status(&self) -> String {
        status_label(self.layout.lang, self.request.status)
    }
}

async fn show_page(
    state: &AppState,
    ctx: &PageContext,
    id: i64,
    notice: Option<String>,
    email: String,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let request = state
        .store
        .data_request(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let failed = !errors.is_empty();
    render(
        if failed {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &ShowPage {
            layout: ctx.layout(title_of(ctx, request.title.clone(), failed)),
            requested: request
                .confirmed_at
                .map(crate::app::layout::format_date)
                .unwrap_or_default(),
            answered: request
                .answered_at
                .map(crate::app::layout::format_date)
                .unwrap_or_default(),
            request,
            notice,
            email,
            errors: FormErrors(errors),
        },
    )
}

/// `GET /data-requests/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(id): Path<i64>,
    QueryParams(params): QueryParams<ShowParams>,
) -> Result<Response, AppError> {
    let notice = if params.confirmed.is_some() {
        Some(ctx.t("stewardship-notice-published"))
    } else if params.supported.is_some() {
        Some(ctx.t("stewardship-notice-supported"))
    } else {
        None
    };
    show_page(
        &state,
        &ctx,
        id,
        notice,
        String::new(),
        FieldErrors::default(),
    )
    .await
}

/// The support form.
#[derive(Debug, Default, Deserialize)]
pub struct SupportForm {
    /// The supporter's email address.
    #[serde(default)]
    pub email: String,
    /// The language to write to them in (`en` or `cy`); the page's when empty.
    #[serde(default)]
    pub language: String,
}

/// `POST /data-requests/{id}/support`: counted once the address is confirmed, once per
/// address.
pub async fn support(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(id): Path<i64>,
    client: ClientAddress,
    crate::app::extract::Form(form): crate::app::extract::Form<SupportForm>,
) -> Result<Response, AppError> {
    let email = form.email.trim().to_lowercase();
    if !civic_domain::validation::is_valid_email(&email) {
        let mut errors = FieldErrors::default();
        errors.add_t(
            "email",
            "validation-data-request-email-invalid",
            "Enter an email address in the right format, like name@example.com",
        );
        return show_page(&state, &ctx, id, None, form.email, errors).await;
    }
    state.submissions.check_sender(&client, &email).await?;
    crate::app::i18n::record_choice(&state, &email, &form.language, ctx.lang).await?;
    let token = crate::app::tokens::new_token();
    let added = state
        .store
        .add_data_request_support(id, &email, &token_hash(&email), &token, &token_hash(&token))
        .await?;
    render(
        StatusCode::OK,
        &CheckEmailPage {
            layout: ctx.layout_t("stewardship-check-email-title"),
            heading: if added {
                ctx.t("stewardship-check-email-title")
            } else {
                ctx.t("stewardship-already-supported-title")
            },
            message: if added {
                ctx.lang.t_with(
                    "stewardship-check-email-support",
                    &[("email", Arg::from(&email))],
                )
            } else {
                ctx.t("stewardship-already-supported")
            },
        },
    )
}

/// `GET /data-requests/support/{token}`: counts the support.
pub async fn confirm_support(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match state
        .store
        .confirm_data_request_support(&token_hash(&token))
        .await
    {
        Ok(Confirmation::Confirmed(id) | Confirmation::AlreadyConfirmed(id)) => {
            Ok(Redirect::to(&format!("/data-requests/{id}?supported=1")).into_response())
        }
        Err(StorageError::NotFound) => Err(AppError::unclear("stewardship-error-support-link")),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "stewardship/staff_data_requests.html")]
struct StaffPage {
    layout: Layout,
    body: Body,
    requests: Vec<DataRequest>,
    datasets: Vec<(String, String)>,
    errors: FormErrors,
    failed_id: i64,
    form: DataRequestAnswerInput,
    times: ResponseTimes,
}

impl StaffPage {
    fn status(&self, status: &DataRequestStatus) -> String {
        status_label(self.layout.lang, *status)
    }
}

async fn staff_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    failed: Option<(i64, DataRequestAnswerInput, FieldErrors)>,
) -> Result<Response, AppError> {
    let requests = state.store.data_requests(&body.slug).await?;
    let search = civic_storage::CatalogueSearch::of_body(
        &body.slug,
        civic_storage::CatalogueSort::Title(true),
    );
    let datasets = state
        .store
        .search_catalogue(&search)
        .await?
        .datasets
        .into_iter()
        .map(|d| (d.name, d.title))
        .collect();
    let times = response_times(&requests, time::OffsetDateTime::now_utc());
    let (failed_id, form, errors) = failed.unwrap_or_default();
    render(
        if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        },
        &StaffPage {
            layout: ctx.layout(title_of(
                ctx,
                ctx.lang.t_with(
                    "stewardship-list-title",
                    &[(
                        "body",
                        Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                    )],
                ),
                !errors.is_empty(),
            )),
            body,
            requests,
            datasets,
            errors: FormErrors(errors),
            failed_id,
            form,
            times,
        },
    )
}

/// `GET /staff/bodies/{body}/data-requests`.
pub async fn staff_list(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    staff_page(&state, &ctx, body, None).await
}

/// `POST /staff/bodies/{body}/data-requests/{id}/answer`.
pub async fn answer(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    Path((_, id)): Path<(String, i64)>,
    crate::app::extract::Form(form): crate::app::extract::Form<DataRequestAnswerInput>,
) -> Result<Response, AppError> {
    let answer = match form.validate(time::OffsetDateTime::now_utc().date()) {
        Ok(a) => a,
        Err(errors) => return staff_page(&state, &ctx, body, Some((id, form, errors))).await,
    };
    match state
        .store
        .answer_data_request(&body.slug, id, &answer)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/data-requests/{id}")).into_response()),
        Err(StorageError::NotFound) if answer.dataset.is_some() => {
            let mut errors = FieldErrors::default();
            errors.add_t(
                "dataset",
                "stewardship-error-dataset-not-yours",
                "Choose one of your datasets",
            );
            staff_page(&state, &ctx, body, Some((id, form, errors))).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /bodies/{body}/data-requests.csv`: every public data request with its answer and
/// response time (never the requester's address).
pub async fn data_requests_csv(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    data_requests_file(state, body, true).await
}

/// `GET /bodies/{body}/data-requests.json`: the same as JSON.
pub async fn data_requests_json(
    State(state): State<AppState>,
    Path(body): Path<String>,
) -> Result<Response, ApiError> {
    data_requests_file(state, body, false).await
}

async fn data_requests_file(
    state: AppState,
    body: String,
    csv: bool,
) -> Result<Response, ApiError> {
    let body = body_of(&state, &body).await?;
    let requests = state.store.data_requests(&body.slug).await?;
    let rows: Vec<Vec<String>> = requests
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.title.clone(),
                r.status.as_str().to_string(),
                r.supporters.to_string(),
                rfc(r.confirmed_at),
                rfc(r.answered_at),
                r.days_to_answer()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                r.promised_on.map(|d| d.to_string()).unwrap_or_default(),
                r.dataset.clone().unwrap_or_default(),
                r.answer.clone(),
            ]
        })
        .collect();
    crate::app::download::table_file(csv, &DATA_REQUEST_COLUMNS, rows)
}
