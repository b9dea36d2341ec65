//! Server-rendered HTML pages' shared frame: every page is an askama template struct with a
//! [`Layout`]; no page needs JavaScript. Also the error page, form error summaries, and the
//! formatting helpers pages share (dates, query strings, page numbers).

use crate::AppError;
use crate::AppState;
use crate::app::auth::CurrentStaff;
use crate::app::csrf::CsrfToken;
use crate::app::i18n;
use crate::app::i18n::Arg;
use crate::app::i18n::Lang;
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::FieldErrors;
use civic_domain::Staff;
use serde::Deserialize;

/// Percent-encodes a value for a query string.
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What every page's frame needs: its title, the visitor's anti-forgery token, who is
/// signed in, and the page's language and address (for the language switch).
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The page title, before " – Civic".
    pub title: String,
    /// The token for hidden form fields.
    pub csrf: String,
    /// The signed-in staff member, if any.
    pub staff: Option<Staff>,
    /// The page's language.
    pub lang: Lang,
    /// The page's English path and query (its Welsh one is the same under `/cy`), shared
    /// with the request's [`i18n::PageAddress`] rather than copied.
    pub path: std::sync::Arc<str>,
}

impl Layout {
    /// The message `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }

    /// The message `id` for `count` things (plural forms chosen by `count`).
    pub fn tn(&self, id: &str, count: impl Into<Arg>) -> String {
        self.lang.t_with(id, &[("count", count.into())])
    }

    /// The message `id` with one named argument.
    pub fn ta(&self, id: &str, name: &'static str, value: impl Into<Arg>) -> String {
        self.lang.t_with(id, &[(name, value.into())])
    }

    /// The message `id` with two named arguments.
    pub fn ta2(
        &self,
        id: &str,
        name: &'static str,
        value: impl Into<Arg>,
        name2: &'static str,
        value2: impl Into<Arg>,
    ) -> String {
        self.lang
            .t_with(id, &[(name, value.into()), (name2, value2.into())])
    }

    /// The prefix of this language's paths: links on a page are written
    /// `{{ layout.base() }}/services` so a Welsh page's links stay in Welsh.
    pub fn base(&self) -> &'static str {
        self.lang.prefix()
    }

    /// This page in `lang`, for the language switch and `hreflang` links.
    pub fn href_in(&self, lang: &Lang) -> String {
        lang.path_of(if self.path.is_empty() {
            "/"
        } else {
            &self.path
        })
    }

    /// ` lang="en"` on a Welsh page, for an element holding content that has no Welsh yet
    /// (screen readers then read it with an English voice); nothing on an English page.
    /// Written unescaped: `{{ layout.english_content()|safe }}`.
    pub fn english_content(&self) -> &'static str {
        match self.lang {
            Lang::Cy => " lang=\"en\"",
            Lang::En => "",
        }
    }

    /// True on a Welsh page.
    pub fn is_welsh(&self) -> bool {
        self.lang == Lang::Cy
    }

    /// Both languages, for the language switch and `hreflang` links.
    pub fn langs(&self) -> [Lang; 2] {
        Lang::ALL
    }

    /// True when `lang` is the page's language.
    pub fn is_current(&self, lang: &Lang) -> bool {
        *lang == self.lang
    }

    /// The code of the language a form's `language` field chose, or the page's own: the
    /// choice a correspondence-language question starts with.
    pub fn chosen_language(&self, field: &str) -> &'static str {
        i18n::chosen_language(field, self.lang).code()
    }
}

/// The per-request context pages are built from.
#[derive(Debug, Clone)]
pub struct PageContext {
    /// The anti-forgery token.
    pub csrf: String,
    /// The signed-in staff member, if any.
    pub staff: Option<Staff>,
    /// The language the page is asked for in.
    pub lang: Lang,
    /// The page's English path and query.
    pub path: std::sync::Arc<str>,
}

impl PageContext {
    /// A layout titled `title`.
    pub fn layout(&self, title: impl Into<String>) -> Layout {
        Layout {
            title: title.into(),
            csrf: self.csrf.clone(),
            staff: self.staff.clone(),
            lang: self.lang,
            path: self.path.clone(),
        }
    }

    /// A layout titled with the message `id`.
    pub fn layout_t(&self, id: &str) -> Layout {
        self.layout(self.lang.t(id))
    }

    /// The message `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }

    /// A form page's title when its form has errors: "Error: " (in the page's language)
    /// first, so a screen reader hears it as the page loads.
    pub fn error_title(&self, title: &str) -> String {
        format!("{} {title}", self.t("app-error-prefix"))
    }
}

impl FromRequestParts<AppState> for PageContext {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let CurrentStaff(staff) = CurrentStaff::from_request_parts(parts, state).await?;
        let address = parts
            .extensions
            .get::<i18n::PageAddress>()
            .cloned()
            .unwrap_or_else(i18n::current);
        let (lang, path) = (address.lang, address.path);
        Ok(PageContext {
            csrf,
            staff,
            lang,
            path,
        })
    }
}

/// Renders a template as an HTML response with `status`.
pub fn render(status: StatusCode, page: &impl Template) -> Result<Response, AppError> {
    Ok((status, Html(page.render()?)).into_response())
}

/// One line of an error summary: a link to the field and what is wrong with it.
#[derive(Debug, Clone)]
pub struct SummaryItem {
    /// `#` and the field's input id.
    pub href: String,
    /// The message.
    pub message: String,
}

/// Field errors for a form page: the summary at the top, and a message per field.
#[derive(Debug, Clone, Default)]
pub struct FormErrors(pub FieldErrors);

impl FormErrors {
    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for one field.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.for_field(field)
    }

    /// The summary lines, each linking to its field's input, in the page's language.
    pub fn summary_for(&self, layout: &Layout) -> Vec<SummaryItem> {
        self.0
            .0
            .iter()
            .map(|e| SummaryItem {
                href: format!("#{}", input_id(&e.field)),
                message: message_in(layout.lang, e),
            })
            .collect()
    }

    /// The message for one field, in the page's language.
    pub fn message_for(&self, layout: &Layout, field: &str) -> Option<String> {
        self.0
            .0
            .iter()
            .find(|e| e.field == field)
            .map(|e| message_in(layout.lang, e))
    }
}

/// A field error in `lang`: its message id's text when it has one, else its English.
pub fn message_in(lang: Lang, error: &civic_domain::FieldError) -> String {
    if error.code.is_empty() || lang == Lang::En {
        return error.message.clone();
    }
    let args = i18n::args_of(&error.args);
    lang.t_with(error.code, &args)
}

/// The id of the input a field error belongs to: `channels.phone` → `channel_phone`.
pub fn input_id(field: &str) -> String {
    if let Some(kind) = field.strip_prefix("channels.") {
        format!("channel_{kind}")
    } else if field == "channels" || field.starts_with("channels[") {
        "channel_online".to_string()
    } else {
        field.to_string()
    }
}

/// The plain-English error page.
#[derive(Template)]
#[template(path = "app/error.html")]
pub struct ErrorPage {
    /// Frame.
    pub layout: Layout,
    /// The status code shown for reference.
    pub status: u16,
    /// What happened.
    pub message: String,
}

impl ErrorPage {
    /// Renders the error page; falls back to plain text if the template itself fails.
    pub fn render_response(status: StatusCode, title: &str, message: &str) -> Response {
        let address = i18n::current();
        let page = ErrorPage {
            layout: Layout {
                title: title.to_string(),
                lang: address.lang,
                path: address.path,
                ..Layout::default()
            },
            status: status.as_u16(),
            message: message.to_string(),
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, format!("{title}\n\n{message}")).into_response(),
        }
    }
}

/// The 404 page for any unknown address.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// The 500 page shown when a handler panics; the panic itself is logged, never shown.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "handler panicked");
    let (title, message) = AppError::Internal(String::new()).explain();
    ErrorPage::render_response(StatusCode::INTERNAL_SERVER_ERROR, &title, &message)
}

/// The stylesheet, compiled into the binary so Civic needs nothing from the internet.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/civic.css"),
    )
        .into_response()
}

/// A `page` query parameter: 1 when absent, a plain-English 400 when not a page number.
pub fn page_number(raw: Option<&str>) -> Result<i64, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(1),
        Some(p) => p
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=1_000_000).contains(p))
            .ok_or_else(|| AppError::unclear("app-error-page-number")),
    }
}

/// True when `next` is a path on this site, so a sign-in link cannot send people elsewhere.
pub fn is_local_path(next: &str) -> bool {
    // Browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil.example` would
    // leave the site: a path here is plain printable ASCII, not `//…`.
    next.starts_with('/')
        && !next.starts_with("//")
        && next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

/// An instant as RFC 3339, as open data and feeds write it (empty if it cannot be written).
pub fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A date as people write it, in the language of the page being answered: "5 March 2026".
pub fn format_date(at: time::OffsetDateTime) -> String {
    format_date_in(i18n::lang(), at)
}

/// A date as people write it in `lang`: "5 March 2026", "5 Mawrth 2026".
pub fn format_date_in(lang: Lang, at: time::OffsetDateTime) -> String {
    let month = lang.t(&format!("app-month-{}", u8::from(at.month())));
    format!("{} {month} {}", at.day(), at.year())
}

/// A date and time as people write it, in the language of the page being answered:
/// "5 March 2026 at 14:05 UTC".
pub fn format_datetime(at: time::OffsetDateTime) -> String {
    let lang = i18n::lang();
    lang.t_with(
        "app-date-time",
        &[
            ("date", Arg::Text(format_date_in(lang, at))),
            (
                "time",
                Arg::Text(format!("{:02}:{:02}", at.hour(), at.minute())),
            ),
        ],
    )
}

/// `url` made absolute against `base` when it is a path on this site.
pub fn absolute(base: &str, url: &str) -> String {
    if url.starts_with('/') {
        format!("{}{url}", base.trim_end_matches('/'))
    } else {
        url.to_string()
    }
}

pub fn group_digits(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A sum in pence as pounds, "£1,234.56" (a credit "-£0.50", its sign before the pound).
pub fn format_pence(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let abs = pence.unsigned_abs();
    format!(
        "{sign}£{}.{:02}",
        group_digits(i64::try_from(abs / 100).unwrap_or(i64::MAX)),
        abs % 100
    )
}

/// The query string after a save (`?saved=…`), naming what was saved for the confirmation
/// banner.
#[derive(Debug, Default, Deserialize)]
pub struct SavedParam {
    /// What was just saved.
    #[serde(default)]
    pub saved: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_plain_paths_on_this_site_are_local() {
        assert!(is_local_path("/staff/bodies/northshire/services?saved=x"));
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\\evil.example",
            "https://evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "evil",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }
}
