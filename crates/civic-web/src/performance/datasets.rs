//! Staff pages for transaction data sets pushed from services that run elsewhere.

use crate::AppError;
use crate::AppState;
use crate::app::auth::StaffOf;
use crate::app::i18n::Arg;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use crate::performance::dashboards::DatasetStatus;
use crate::performance::dashboards::dataset_status;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::Service;

#[derive(Template)]
#[template(path = "performance/staff_datasets.html")]
struct DatasetsPage {
    layout: Layout,
    body: Body,
    datasets: Vec<DatasetStatus>,
    services: Vec<Service>,
    new_token: Option<String>,
    errors: crate::app::layout::FormErrors,
    form: civic_domain::measures::DatasetInput,
}

async fn datasets_page(
    state: &AppState,
    ctx: &PageContext,
    body: Body,
    new_token: Option<String>,
    errors: civic_domain::FieldErrors,
    form: civic_domain::measures::DatasetInput,
) -> Result<Response, AppError> {
    let services = state
        .store
        .list_services(&civic_storage::ServiceQuery {
            body: Some(body.slug.clone()),
            ..Default::default()
        })
        .await?
        .services;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &DatasetsPage {
            layout: ctx.layout(ctx.lang.t_with(
                if errors.is_empty() {
                    "performance-datasets-title"
                } else {
                    "performance-datasets-title-error"
                },
                &[(
                    "body",
                    Arg::from(body.name_in(crate::app::i18n::is_welsh())),
                )],
            )),
            datasets: dataset_status(ctx.lang, state.store.list_datasets(&body.slug).await?, None),
            services,
            body,
            new_token,
            errors: crate::app::layout::FormErrors(errors),
            form,
        },
    )
}

/// `GET /staff/bodies/{body}/datasets`: the body's data sets, how fresh each is, and a form
/// to set up another.
pub async fn datasets(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
) -> Result<Response, AppError> {
    let form = civic_domain::measures::DatasetInput {
        expected_every_hours: "24".into(),
        ..Default::default()
    };
    datasets_page(&state, &ctx, body, None, Default::default(), form).await
}

/// `POST /staff/bodies/{body}/datasets`: sets up a data set and shows its token once.
pub async fn create_dataset(
    State(state): State<AppState>,
    ctx: PageContext,
    StaffOf { body, .. }: StaffOf,
    crate::app::extract::Form(form): crate::app::extract::Form<
        civic_domain::measures::DatasetInput,
    >,
) -> Result<Response, AppError> {
    let draft = match form.validate() {
        Ok(draft) => draft,
        Err(errors) => return datasets_page(&state, &ctx, body, None, errors, form).await,
    };
    let token = crate::app::tokens::new_api_key(civic_domain::api_key::KeyKind::Live);
    let created = state
        .store
        .create_dataset(
            &body.slug,
            &draft.slug,
            &draft.name,
            &draft.service,
            &crate::app::tokens::token_hash(&token),
            draft.expected_every_hours,
        )
        .await;
    let mut errors = civic_domain::FieldErrors::default();
    match created {
        Ok(_) => {}
        Err(civic_storage::StorageError::Conflict(_)) => {
            errors.add_t(
                "name",
                "performance-error-dataset-exists",
                "There is already a data set with this name",
            );
        }
        Err(civic_storage::StorageError::NotFound) => {
            errors.add_t(
                "service",
                "performance-error-choose-service",
                "Choose one of your services",
            );
        }
        Err(e) => return Err(e.into()),
    }
    let new_token = errors.is_empty().then_some(token);
    datasets_page(&state, &ctx, body, new_token, errors, form).await
}
