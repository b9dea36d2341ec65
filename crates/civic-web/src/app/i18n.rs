//! English and Welsh. Every interface string lives in Fluent files (`locales/en-GB/*.ftl`
//! and `locales/cy/*.ftl`, one file per feature, compiled into the binary); a page's
//! language comes from its address: Welsh pages are the same paths under `/cy`.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header;
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::response::Response;
use fluent_templates::fluent_bundle::FluentValue;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
use unic_langid::LanguageIdentifier;
use unic_langid::langid;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en-GB",
        // Fluent wraps every placeable in bidi isolation marks by default; Civic's pages are
        // left-to-right in both languages, and the marks would break copy-and-paste of
        // numbers and references.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that remembers the language a person last read Civic in.
pub const LANGUAGE_COOKIE: &str = "civic_lang";

/// A language Civic's interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English, at the site's plain paths.
    #[default]
    En,
    /// Welsh (Cymraeg), at the same paths under `/cy`.
    Cy,
}

static EN_GB: LanguageIdentifier = langid!("en-GB");
static CY: LanguageIdentifier = langid!("cy");

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    /// The BCP 47 code for `lang` and `hreflang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    /// The language from a code (`en`, `en-GB`, `cy`, `cy-GB`), case-insensitively.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or_default().trim();
        if primary.eq_ignore_ascii_case("cy") {
            Some(Lang::Cy)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language an `Accept-Language` header prefers among Civic's two (English when it
    /// names neither), honouring quality values.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let mut best = (Lang::En, 0.0_f32);
        for part in header.unwrap_or_default().split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(|c| Lang::from_code(c.trim())) else {
                continue;
            };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > best.1 {
                best = (lang, q);
            }
        }
        best.0
    }

    /// The path prefix of this language's pages: empty for English, `/cy` for Welsh.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Cy => "/cy",
        }
    }

    /// The `Set-Cookie` value that remembers this language for a year.
    fn cookie(self) -> &'static str {
        match self {
            Lang::En => "civic_lang=en; Path=/; Max-Age=31536000; SameSite=Lax",
            Lang::Cy => "civic_lang=cy; Path=/; Max-Age=31536000; SameSite=Lax",
        }
    }

    /// The language's name in itself ("English", "Cymraeg"), as language switches write it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Cy => "Cymraeg",
        }
    }

    /// This language's path for a page whose English path is `path` (the Welsh home page
    /// is `/cy/`).
    pub fn path_of(self, path: &str) -> String {
        format!("{}{path}", self.prefix())
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN_GB,
            Lang::Cy => &CY,
        }
    }

    /// The message `id` in this language.
    pub fn t(self, id: &str) -> String {
        self.lookup(id, None)
    }

    /// The message `id` with named arguments (numbers choose plural forms).
    pub fn t_with(self, id: &str, args: &[(&'static str, Arg)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.to_fluent()))
            .collect();
        self.lookup(id, Some(&args))
    }

    /// The message `id` for `count` things: its `count` argument picks the plural form
    /// (Welsh has six: zero, one, two, few, many, other).
    pub fn t_count(self, id: &str, count: i64) -> String {
        self.t_with(id, &[("count", Arg::Number(count))])
    }

    fn lookup(
        self,
        id: &str,
        args: Option<&HashMap<Cow<'static, str>, FluentValue<'static>>>,
    ) -> String {
        // One bundle per language and no negotiation: the key-parity test guarantees every
        // English message has its Welsh one, so the fallback is for a message id a
        // template names wrongly, which the catalogue test also catches.
        LOCALES
            .lookup_single_language(self.id(), id, args)
            .or_else(|_| LOCALES.lookup_single_language(&EN_GB, id, args))
            .unwrap_or_else(|_| id.to_string())
    }
}

/// An argument to a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, shown as it is.
    Text(String),
    /// A whole number: shown with digits, and it selects plural forms.
    Number(i64),
}

impl Arg {
    fn to_fluent(&self) -> FluentValue<'static> {
        match self {
            Arg::Text(s) => FluentValue::from(s.clone()),
            Arg::Number(n) => FluentValue::from(*n),
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<&&str> for Arg {
    fn from(s: &&str) -> Self {
        Arg::Text((*s).to_string())
    }
}

impl From<&&String> for Arg {
    fn from(s: &&String) -> Self {
        Arg::Text((*s).clone())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

/// Numbers arrive by value from Rust and by reference from templates.
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Self {
                Arg::from(*n)
            }
        }
    )*};
}
number_args!(i64, i32, u8, u16, u32, u64, usize);

/// Named arguments kept as text (in field errors and errors), as message arguments: a
/// whole number is a number (it chooses plural forms) only when it reads back the same, so
/// "007", a code, stays text.
pub fn args_of(pairs: &[(&'static str, String)]) -> Vec<(&'static str, Arg)> {
    pairs
        .iter()
        .map(|(name, value)| {
            let arg = match value.parse::<i64>() {
                Ok(n) if n.to_string() == *value => Arg::Number(n),
                _ => Arg::Text(value.clone()),
            };
            (*name, arg)
        })
        .collect()
}

/// The page being answered: its language and its English path (with any query), from
/// which both languages' addresses follow. Kept in the request's extensions (nested
/// routers see only the rest of the path) and in a task-local for what renders without the
/// request at hand; the path is shared, not copied, between the two.
#[derive(Debug, Clone)]
pub struct PageAddress {
    /// The language it is answered in.
    pub lang: Lang,
    /// Its path in English (the Welsh path is this under `/cy`).
    pub path: Arc<str>,
}

impl Default for PageAddress {
    fn default() -> Self {
        PageAddress {
            lang: Lang::En,
            path: Arc::from("/"),
        }
    }
}

tokio::task_local! {
    /// The page being answered, for what is rendered without the request at hand (the
    /// error page an `AppError` becomes).
    static CURRENT: PageAddress;
}

/// The page being answered (English and `/` outside a request).
pub fn current() -> PageAddress {
    CURRENT.try_with(Clone::clone).unwrap_or_default()
}

/// The language of the page (or email) being made: English outside a request.
pub fn lang() -> Lang {
    CURRENT.try_with(|address| address.lang).unwrap_or_default()
}

/// True while answering a Welsh page (content is then shown in Welsh where it has it).
pub fn is_welsh() -> bool {
    lang() == Lang::Cy
}

/// Runs `future` as part of answering `address` (see [`current`]); for work a request hands
/// to another task.
pub async fn scope<F: std::future::Future>(address: PageAddress, future: F) -> F::Output {
    CURRENT.scope(address, future).await
}

/// Middleware for the English site: the request's language is English.
pub async fn english(req: Request, next: Next) -> Response {
    answer_in(Lang::En, req, next).await
}

/// Middleware for the Welsh site, mounted at `/cy` (which axum strips before the routes
/// see the path): the request's language is Welsh, and a redirect to a path on this site
/// stays in Welsh.
pub async fn welsh(req: Request, next: Next) -> Response {
    let bare = req
        .extensions()
        .get::<axum::extract::OriginalUri>()
        .is_some_and(|uri| uri.path() == "/cy");
    if bare {
        // One address per page: the Welsh home page is `/cy/`.
        let query = req
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        return axum::response::Redirect::permanent(&format!("/cy/{query}")).into_response();
    }
    let mut response = answer_in(Lang::Cy, req, next).await;
    if let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.starts_with('/') && !l.starts_with("//") && !l.starts_with("/cy/"))
        .map(|l| Lang::Cy.path_of(l))
        .and_then(|l| HeaderValue::from_str(&l).ok())
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

async fn answer_in(lang: Lang, mut req: Request, next: Next) -> Response {
    let remembered = remembered_language(req.headers());
    let address = PageAddress {
        lang,
        path: Arc::from(counterpart_source(&req)),
    };
    req.extensions_mut().insert(address.clone());
    let mut response = CURRENT.scope(address, next.run(req)).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if is_page {
        response.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
    }
    // A page read in a language is the person's choice of it (they followed the language
    // switch or a link in that language); forms use it to ask about correspondence.
    // English is the default, so a visitor who never chose Welsh gets no cookie (and their
    // pages stay cacheable by shared caches).
    let changed = remembered.unwrap_or_default() != lang;
    if is_page && changed {
        response
            .headers_mut()
            .append(header::SET_COOKIE, HeaderValue::from_static(lang.cookie()));
        // No shared cache may keep a response that sets a cookie.
        if response
            .headers()
            .get(header::CACHE_CONTROL)
            .is_some_and(|v| v.as_bytes().starts_with(b"public"))
        {
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            );
        }
    }
    response
}

/// The language a person chose to be written to in: the form's `language` field when it
/// names one, else the language of the page they filled it in on.
pub fn chosen_language(field: &str, page: Lang) -> Lang {
    Lang::from_code(field.trim()).unwrap_or(page)
}

/// Records the language `email` chose on a form (its `language` field, else the page's),
/// before the first email to them is queued: every email after follows it.
pub async fn record_choice(
    state: &crate::AppState,
    email: &str,
    field: &str,
    page: Lang,
) -> Result<(), crate::AppError> {
    let language = chosen_language(field, page);
    state
        .store
        .record_correspondence_language(email, language.code(), time::OffsetDateTime::now_utc())
        .await?;
    Ok(())
}

/// The English path a page's language switch and `hreflang` links are made from: the
/// request's own for a GET; for a form's answer (a POST, whose address may not answer a
/// GET) the page the form was on, when the browser says so and it is on this site.
fn counterpart_source(req: &Request) -> &str {
    let own = req.uri().path_and_query().map_or("/", |p| p.as_str());
    if matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    ) {
        return own;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    req.headers()
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://"))
        .and_then(|(_, rest)| {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            (Some(authority) == host && !path.is_empty()).then_some(path)
        })
        .map(|path| match path.strip_prefix("/cy") {
            Some("") => "/",
            Some(rest) if rest.starts_with('/') || rest.starts_with('?') => rest,
            _ => path,
        })
        .unwrap_or("/")
}

/// The language a person last read Civic in, from the language cookie.
pub fn remembered_language(headers: &axum::http::HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == LANGUAGE_COOKIE)
                .then(|| Lang::from_code(value))
                .flatten()
        })
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn counterpart_paths_pair_up() {
        assert_eq!(Lang::Cy.path_of("/"), "/cy/");
        assert_eq!(Lang::Cy.path_of("/?q=x"), "/cy/?q=x");
        assert_eq!(Lang::Cy.path_of("/services?q=bin"), "/cy/services?q=bin");
        assert_eq!(Lang::En.path_of("/services"), "/services");
    }

    #[test]
    fn accept_language_prefers_the_higher_quality() {
        assert_eq!(Lang::from_accept_language(Some("cy")), Lang::Cy);
        assert_eq!(
            Lang::from_accept_language(Some("en;q=0.5, cy-GB")),
            Lang::Cy
        );
        assert_eq!(Lang::from_accept_language(Some("cy;q=0.2, en")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("fr, de")), Lang::En);
        assert_eq!(Lang::from_accept_language(None), Lang::En);
    }

    #[test]
    fn welsh_plurals_take_all_six_forms() {
        let forms: Vec<String> = [0, 1, 2, 3, 6, 7]
            .into_iter()
            .map(|n| Lang::Cy.t_with("app-results", &[("count", super::Arg::Number(n))]))
            .collect();
        assert_eq!(
            forms,
            [
                "Dim canlyniadau",
                "1 canlyniad",
                "2 ganlyniad",
                "3 chanlyniad",
                "6 chanlyniad",
                "7 canlyniad"
            ]
        );
        assert_eq!(
            Lang::En.t_with("app-results", &[("count", super::Arg::Number(1))]),
            "1 result"
        );
        assert_eq!(
            Lang::En.t_with("app-results", &[("count", super::Arg::Number(2))]),
            "2 results"
        );
    }
}
