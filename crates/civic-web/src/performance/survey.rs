//! The one-question satisfaction survey asked at a request's outcome.

use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "performance/survey.html")]
struct SurveyPage {
    layout: Layout,
    survey: civic_storage::Survey,
    token: String,
    error: bool,
    thanks: bool,
}

const RATINGS: [&str; 5] = [
    "Very dissatisfied",
    "Dissatisfied",
    "Neither satisfied nor dissatisfied",
    "Satisfied",
    "Very satisfied",
];

impl SurveyPage {
    fn ratings(&self) -> Vec<(usize, &'static str)> {
        RATINGS
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, *l))
            .rev()
            .collect()
    }
}

/// `GET /survey/{token}`: the one question, asked at the outcome.
pub async fn survey_form(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let survey = state
        .store
        .survey(&crate::app::tokens::token_hash(&token))
        .await?
        .ok_or(AppError::NotFound)?;
    render(
        StatusCode::OK,
        &SurveyPage {
            layout: ctx.layout("How satisfied were you?"),
            thanks: survey.answer.is_some(),
            survey,
            token,
            error: false,
        },
    )
}

/// The survey form.
#[derive(Debug, Default, Deserialize)]
pub struct SurveyForm {
    /// 1–5.
    #[serde(default)]
    pub rating: Option<String>,
}

/// `POST /survey/{token}`: records the answer once.
pub async fn survey_answer(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(token): Path<String>,
    crate::app::extract::Form(form): crate::app::extract::Form<SurveyForm>,
) -> Result<Response, AppError> {
    let hash = crate::app::tokens::token_hash(&token);
    let survey = state.store.survey(&hash).await?.ok_or(AppError::NotFound)?;
    let rating = form
        .rating
        .as_deref()
        .and_then(|r| r.trim().parse::<u8>().ok())
        .filter(|r| (1..=5).contains(r));
    let Some(rating) = rating else {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SurveyPage {
                layout: ctx.layout("Error: how satisfied were you?"),
                survey,
                token,
                error: true,
                thanks: false,
            },
        );
    };
    // A second answer leaves the first in place; either way the page now says thank you.
    state.store.answer_survey(&hash, rating).await?;
    Ok(Redirect::to(&format!("/survey/{token}")).into_response())
}
