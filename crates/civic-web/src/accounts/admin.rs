//! Administrators' pages: adding bodies and their staff.

use crate::AppError;
use crate::AppState;
use crate::app::auth;
use crate::app::auth::Admin;
use crate::app::extract::Form;
use crate::app::extract::Path;
use crate::app::i18n::Arg;
use crate::app::i18n::Lang;
use crate::app::layout::FormErrors;
use crate::app::layout::Layout;
use crate::app::layout::PageContext;
use crate::app::layout::render;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::BodyInput;
use civic_domain::BodyKind;
use civic_domain::FieldErrors;
use civic_domain::Role;
use civic_domain::Staff;
use civic_domain::StaffInput;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "accounts/admin_bodies.html")]
struct BodiesPage {
    layout: Layout,
    bodies: Vec<Body>,
    form: BodyInput,
    kinds: Vec<BodyKind>,
    errors: FormErrors,
}

impl BodiesPage {
    fn kind_label(&self, kind: &BodyKind) -> String {
        self.layout.t(super::body_kind_id(*kind))
    }
}

async fn bodies_page(
    state: &AppState,
    ctx: &PageContext,
    form: BodyInput,
    errors: FieldErrors,
) -> Result<BodiesPage, AppError> {
    let title = ctx.t("accounts-bodies-title");
    let title = if errors.is_empty() {
        title
    } else {
        ctx.error_title(&title)
    };
    Ok(BodiesPage {
        layout: ctx.layout(title),
        bodies: state.store.list_bodies().await?,
        form,
        kinds: BodyKind::ALL.to_vec(),
        errors: FormErrors(errors),
    })
}

/// `GET /admin/bodies`: every body, and a form to add one.
pub async fn bodies(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
) -> Result<Response, AppError> {
    let page = bodies_page(&state, &ctx, BodyInput::default(), FieldErrors::default()).await?;
    render(StatusCode::OK, &page)
}

/// `POST /admin/bodies`: adds a body.
pub async fn create_body(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
    Form(form): Form<BodyInput>,
) -> Result<Response, AppError> {
    let errors = match form.validate() {
        Ok(draft) => match state.store.create_body(&draft).await {
            Ok(body) => {
                return Ok(
                    Redirect::to(&format!("/admin/bodies/{}/staff", body.slug)).into_response()
                );
            }
            Err(civic_storage::StorageError::Conflict(_)) => {
                let mut errors = FieldErrors::default();
                errors.add_with(
                    "slug",
                    "accounts-error-slug-taken",
                    vec![("slug", draft.slug.clone())],
                    format!("A body with the identifier ‘{}’ already exists", draft.slug),
                );
                errors
            }
            Err(e) => return Err(e.into()),
        },
        Err(errors) => errors,
    };
    let page = bodies_page(&state, &ctx, form, errors).await?;
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

#[derive(Template)]
#[template(path = "accounts/admin_body.html")]
struct BodyPage {
    layout: Layout,
    body: Body,
    form: BodyInput,
    kinds: Vec<BodyKind>,
    errors: FormErrors,
}

impl BodyPage {
    fn kind_label(&self, kind: &BodyKind) -> String {
        self.layout.t(super::body_kind_id(*kind))
    }
}

/// A page's title naming `body`, marked as an error when the form has errors.
fn body_title(ctx: &PageContext, id: &str, body: &Body, errors: &FieldErrors) -> String {
    let title = ctx.lang.t_with(
        id,
        &[("name", Arg::from(body.name_in(ctx.lang == Lang::Cy)))],
    );
    if errors.is_empty() {
        title
    } else {
        ctx.error_title(&title)
    }
}

fn body_page(ctx: &PageContext, body: Body, form: BodyInput, errors: FieldErrors) -> BodyPage {
    let title = body_title(ctx, "accounts-body-title", &body, &errors);
    BodyPage {
        layout: ctx.layout(title),
        body,
        form,
        kinds: BodyKind::ALL.to_vec(),
        errors: FormErrors(errors),
    }
}

/// `GET /admin/bodies/{body}`: the form to change a body's details.
pub async fn body_form(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let body = state.body(&slug).await?;
    let form = BodyInput {
        slug: body.slug.clone(),
        name: body.name.clone(),
        kind: body.kind.as_str().to_string(),
        website: body.website.clone().unwrap_or_default(),
        name_cy: body.name_cy.clone(),
        welsh_standards: if body.welsh_standards { "yes" } else { "" }.to_string(),
    };
    render(
        StatusCode::OK,
        &body_page(&ctx, body, form, FieldErrors::default()),
    )
}

/// `POST /admin/bodies/{body}`: changes a body's name, kind and website.
pub async fn update_body(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
    Path(slug): Path<String>,
    Form(form): Form<BodyInput>,
) -> Result<Response, AppError> {
    let body = state.body(&slug).await?;
    // The identifier is not the form's to change.
    let form = BodyInput {
        slug: body.slug.clone(),
        ..form
    };
    match form.validate() {
        Ok(draft) => {
            state.store.update_body(&body.slug, &draft).await?;
            Ok(Redirect::to("/admin/bodies").into_response())
        }
        Err(errors) => render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &body_page(&ctx, body, form, errors),
        ),
    }
}

#[derive(Template)]
#[template(path = "accounts/admin_staff.html")]
struct StaffPage {
    layout: Layout,
    body: Body,
    staff: Vec<Staff>,
    form: StaffInput,
    errors: FormErrors,
}

impl StaffPage {
    fn role_label(&self, role: &Role) -> String {
        self.layout.t(super::role_label_id(*role))
    }

    fn role_description(&self, role: &Role) -> String {
        self.layout.t(super::role_description_id(*role))
    }
}

async fn staff_page(
    state: &AppState,
    ctx: &PageContext,
    body: &str,
    form: StaffInput,
    errors: FieldErrors,
) -> Result<StaffPage, AppError> {
    let body = state.body(body).await?;
    let title = body_title(ctx, "accounts-staff-title", &body, &errors);
    Ok(StaffPage {
        layout: ctx.layout(title),
        staff: state.store.list_staff(&body.slug).await?,
        body,
        form: StaffInput {
            password: String::new(),
            ..form
        },
        errors: FormErrors(errors),
    })
}

/// `GET /admin/bodies/{body}/staff`: a body's staff, and a form to add one.
pub async fn staff(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
    Path(body): Path<String>,
) -> Result<Response, AppError> {
    let page = staff_page(
        &state,
        &ctx,
        &body,
        StaffInput::default(),
        FieldErrors::default(),
    )
    .await?;
    render(StatusCode::OK, &page)
}

/// `POST /admin/bodies/{body}/staff`: adds a staff account to a body.
pub async fn create_staff(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: Admin,
    Path(body): Path<String>,
    Form(form): Form<StaffInput>,
) -> Result<Response, AppError> {
    if state.store.get_body(&body).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let errors = match form.validate() {
        Ok(draft) => {
            let hash = auth::hash_password(draft.password.clone()).await?;
            match state
                .store
                .create_staff(Some(&body), &draft, &hash, draft.role)
                .await
            {
                Ok(_) => {
                    return Ok(Redirect::to(&format!("/admin/bodies/{body}/staff")).into_response());
                }
                Err(civic_storage::StorageError::Conflict(_)) => {
                    let mut errors = FieldErrors::default();
                    errors.add_t(
                        "email",
                        "accounts-error-email-taken",
                        "An account with this email address already exists",
                    );
                    errors
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(errors) => errors,
    };
    let page = staff_page(&state, &ctx, &body, form, errors).await?;
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// The deactivate or reactivate button's form.
#[derive(Debug, Deserialize)]
pub struct ActiveForm {
    /// `true` to reactivate, `false` to deactivate.
    active: bool,
}

/// `POST /admin/bodies/{body}/staff/{id}/active`: deactivates a staff member (they cannot
/// sign in, every session of theirs ends, and history keeps their name) or reactivates one.
pub async fn set_active(
    State(state): State<AppState>,
    _admin: Admin,
    Path((body, id)): Path<(String, i64)>,
    Form(form): Form<ActiveForm>,
) -> Result<Response, AppError> {
    state.store.set_staff_active(&body, id, form.active).await?;
    Ok(Redirect::to(&format!("/admin/bodies/{body}/staff")).into_response())
}
