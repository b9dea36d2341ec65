//! The one-question satisfaction survey asked at a request's outcome.

use crate::AppError;
use crate::AppState;
use crate::app::extract::Path;
use crate::app::i18n::Arg;
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

/// The five answers' messages, from 1 (very dissatisfied) to 5.
const RATINGS: [&str; 5] = [
    "performance-survey-rating-1",
    "performance-survey-rating-2",
    "performance-survey-rating-3",
    "performance-survey-rating-4",
    "performance-survey-rating-5",
];

impl SurveyPage {
    fn ratings(&self) -> Vec<(usize, String)> {
        RATINGS
            .iter()
            .enumerate()
            .map(|(i, id)| (i + 1, self.layout.t(id)))
            .rev()
            .collect()
    }

    fn args(&self) -> [(&'static str, Arg); 3] {
        [
            ("request", Arg::Text(self.survey.request_id.to_string())),
            ("service", Arg::from(&self.survey.service_name)),
            ("body", Arg::from(&self.survey.body_name)),
        ]
    }

    /// The thanks once answered.
    fn thanks_text(&self) -> String {
        self.layout
            .lang
            .t_with("performance-survey-thanks", &self.args())
    }

    /// The caption above the question: whose request it is.
    fn caption(&self) -> String {
        self.layout
            .lang
            .t_with("performance-survey-caption", &self.args())
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
            layout: ctx.layout_t("performance-survey-title"),
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
                layout: ctx.layout_t("performance-survey-title-error"),
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
