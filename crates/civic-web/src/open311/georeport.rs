//! Open311 GeoReport v2: a hub endpoint (`jurisdiction_id` names the body) and one per
//! body, answering XML or JSON from one document tree.

use super::format::Fmt;
use super::format::Node;
use crate::AppError;
use crate::AppState;
use crate::app::api_keys::{AllowanceSlot, PresentedKey};
use crate::app::extract::Path;
use crate::app::i18n::Lang;
use crate::app::photo::check_photo;
use axum::body::Body as HttpBody;
use axum::extract::FromRequest;
use axum::extract::Multipart;
use axum::extract::Request;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::HeaderValue;
use axum::http::Method;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::Response;
use civic_domain::Body;
use civic_domain::RequestChannel;
use civic_domain::RequestInput;
use civic_domain::RequestStatus;
use civic_domain::RequestType;
use civic_domain::Service;
use civic_domain::ServiceRequest;
use civic_domain::Visibility;
use civic_domain::add_working_days;
use civic_domain::api_key::{KeyRefusal, Scope};
use civic_domain::validation::is_forbidden_char;
use civic_storage::NewRequest;
use civic_storage::RequestChange;
use civic_storage::RequestQuery;
use civic_storage::StorageError;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The most requests one GET returns, as the spec's default limit.
pub const MAX_PAGE_SIZE: i64 = 1000;
/// The longest date range one GET may ask for, in days.
pub const MAX_RANGE_DAYS: i64 = 90;

/// An Open311 error response: status and one or more `{code, description}`.
#[derive(Debug)]
pub struct Open311Error {
    status: StatusCode,
    errors: Vec<String>,
    retry_after: Option<u64>,
}

impl Open311Error {
    fn new(status: StatusCode, description: impl Into<String>) -> Open311Error {
        Open311Error {
            status,
            errors: vec![description.into()],
            retry_after: None,
        }
    }

    fn bad(description: impl Into<String>) -> Open311Error {
        Open311Error::new(StatusCode::BAD_REQUEST, description)
    }

    fn not_found(description: impl Into<String>) -> Open311Error {
        Open311Error::new(StatusCode::NOT_FOUND, description)
    }

    fn respond(self, fmt: Fmt) -> Response {
        let code = i64::from(self.status.as_u16());
        let node = Node::List(
            "error",
            self.errors
                .into_iter()
                .map(|d| {
                    Node::Object(vec![
                        ("code", Node::Integer(code)),
                        ("description", Node::text(d)),
                    ])
                })
                .collect(),
        );
        let mut response = node.respond(self.status, "errors", fmt);
        if let Some(seconds) = self.retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

impl From<StorageError> for Open311Error {
    fn from(err: StorageError) -> Self {
        tracing::error!(error = %err, "open311 storage error");
        Open311Error::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The service is not working at the moment. Try again later.",
        )
    }
}

type Result311<T> = Result<T, Open311Error>;

/// Why text with a control character is refused.
const FORBIDDEN_TEXT: &str =
    "A parameter contains a control character (such as a NUL byte); remove it and send again";

/// Parameters from the query string and the form body, merged; an empty value is absent.
#[derive(Debug, Default)]
struct Params(Vec<(String, String)>);

impl Params {
    /// True when a name or value holds a character no text may hold (NUL, other controls).
    fn has_forbidden(&self) -> bool {
        self.0
            .iter()
            .any(|(k, v)| k.chars().chain(v.chars()).any(is_forbidden_char))
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    fn list(&self, name: &str) -> Vec<String> {
        self.get(name)
            .map(|v| {
                v.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `attribute[code]=v` and `attribute[code][]=v` pairs, grouped by code.
    fn attributes(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for (k, v) in &self.0 {
            let Some(rest) = k.strip_prefix("attribute[") else {
                continue;
            };
            let code = rest
                .strip_suffix("][]")
                .or_else(|| rest.strip_suffix(']'))
                .unwrap_or(rest);
            match out.iter_mut().find(|(c, _)| c == code) {
                Some((_, values)) => values.push(v.clone()),
                None => out.push((code.to_string(), vec![v.clone()])),
            }
        }
        out
    }
}

fn query_params(query: Option<&str>) -> Params {
    Params(
        query
            .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
            .unwrap_or_default(),
    )
}

/// Parses a W3C date-time as clients send it: `T` or a space between date and time, `Z` or
/// an offset (a `+` that arrived as a space is restored), fractional seconds allowed. A date
/// without a timezone is refused, as the spec requires one.
pub fn parse_date(raw: &str) -> Option<OffsetDateTime> {
    let mut s: Vec<char> = raw.trim().chars().collect();
    if s.len() > 10 && s[10] == ' ' {
        s[10] = 'T';
    }
    if let Some(pos) = s.iter().skip(11).position(|c| *c == ' ') {
        s[pos + 11] = '+';
    }
    let s: String = s.into_iter().collect();
    civic_domain::parse_datetime(&s).or_else(|| {
        // W3C also allows minutes without seconds: 1997-07-16T19:20+01:00.
        let (date_time, zone) = s.split_at(
            s.find(['Z', '+'])
                .or_else(|| s.rfind('-').filter(|i| *i > 10))?,
        );
        if date_time.len() == 16 {
            civic_domain::parse_datetime(&format!("{date_time}:00{zone}"))
        } else {
            None
        }
    })
}

fn date_param(params: &Params, name: &str) -> Result311<Option<OffsetDateTime>> {
    match params.get(name) {
        None => Ok(None),
        Some(raw) => parse_date(raw).map(Some).ok_or_else(|| {
            Open311Error::bad(format!(
                "{name} '{raw}' is not a date and time with a timezone, like 2026-03-05T14:00:00Z"
            ))
        }),
    }
}

fn w3c(t: OffsetDateTime) -> String {
    let t = t.replace_nanosecond(0).unwrap_or(t);
    t.format(&Rfc3339).unwrap_or_default()
}

/// Which body an endpoint call is for.
async fn jurisdiction(
    state: &AppState,
    path_body: Option<&str>,
    params: &Params,
) -> Result311<Body> {
    let given = params.get("jurisdiction_id");
    let slug = match (path_body, given) {
        (Some(path), Some(given)) if path != given => {
            return Err(Open311Error::not_found(format!(
                "jurisdiction_id '{given}' is not served at this endpoint; use /bodies/{given}/open311/v2 or the hub"
            )));
        }
        (Some(path), _) => path,
        (None, Some(given)) => given,
        (None, None) => {
            return Err(Open311Error::bad(
                "jurisdiction_id is required at the hub endpoint: give the body's identifier, such as northshire",
            ));
        }
    };
    state
        .store
        .get_body(slug)
        .await?
        .ok_or_else(|| Open311Error::not_found(format!("jurisdiction_id '{slug}' not found")))
}

fn endpoint_url(state: &AppState, path_body: Option<&str>) -> String {
    let base = state.config.base_url.trim_end_matches('/');
    match path_body {
        Some(b) => format!("{base}/bodies/{b}/open311/v2"),
        None => format!("{base}/open311/v2"),
    }
}

/// A service in the list, named in Welsh when `welsh` and it has Welsh.
fn service_node(s: &Service, welsh: bool) -> Node {
    Node::Object(vec![
        ("service_code", Node::text(&s.slug)),
        ("service_name", Node::text(s.name_in(welsh))),
        ("description", Node::text(s.description_in(welsh))),
        (
            "metadata",
            Node::Bool(s.attributes.iter().any(|a| a.variable)),
        ),
        ("type", Node::text(s.request_type.as_str())),
        ("keywords", Node::text(s.keywords.join(", "))),
        ("group", Node::text(&s.group)),
    ])
}

fn definition_node(s: &Service) -> Node {
    Node::Object(vec![
        ("service_code", Node::text(&s.slug)),
        (
            "attributes",
            Node::List(
                "attribute",
                s.attributes
                    .iter()
                    .map(|a| {
                        let mut fields = vec![
                            ("variable", Node::Bool(a.variable)),
                            ("code", Node::text(&a.code)),
                            ("datatype", Node::text(a.datatype.as_str())),
                            ("required", Node::Bool(a.required)),
                            (
                                "datatype_description",
                                Node::opt(
                                    (!a.datatype_description.is_empty())
                                        .then_some(&a.datatype_description),
                                ),
                            ),
                            ("order", Node::Integer(i64::from(a.order))),
                            ("description", Node::text(&a.description)),
                        ];
                        if a.datatype.is_list() {
                            fields.push((
                                "values",
                                Node::List(
                                    "value",
                                    a.values
                                        .iter()
                                        .map(|v| {
                                            Node::Object(vec![
                                                ("key", Node::text(&v.key)),
                                                ("name", Node::text(&v.name)),
                                            ])
                                        })
                                        .collect(),
                                ),
                            ));
                        }
                        Node::Object(fields)
                    })
                    .collect(),
            ),
        ),
    ])
}

fn media_url(state: &AppState, r: &ServiceRequest, photos: i64) -> Option<String> {
    if photos > 0 {
        Some(format!(
            "{}/requests/{}/photos/1",
            state.config.base_url.trim_end_matches('/'),
            r.id
        ))
    } else {
        r.media_url.clone()
    }
}

async fn request_node(
    state: &AppState,
    body: &Body,
    r: &ServiceRequest,
    extensions: bool,
) -> Result311<Node> {
    let photos = r.photos;
    let mut fields = vec![
        ("service_request_id", Node::text(r.id.to_string())),
        ("status", Node::text(r.status.open311())),
        ("status_notes", Node::opt(r.latest_note.clone())),
        ("service_name", Node::text(&r.service_name)),
        ("service_code", Node::text(&r.service)),
        ("description", Node::text(&r.description)),
        ("agency_responsible", Node::text(&body.name)),
        ("service_notice", Node::Text(None)),
        ("requested_datetime", Node::text(w3c(r.requested_at))),
        ("updated_datetime", Node::text(w3c(r.updated_at))),
        ("expected_datetime", Node::opt(r.expected_at.map(w3c))),
        ("address", Node::text(&r.address)),
        ("address_id", Node::opt(r.uprn.clone())),
        (
            "zipcode",
            Node::opt((!r.postcode.is_empty()).then(|| r.postcode.clone())),
        ),
        ("lat", Node::Number(r.point.map(|p| p.lat))),
        ("long", Node::Number(r.point.map(|p| p.long))),
        ("media_url", Node::opt(media_url(state, r, photos))),
    ];
    if extensions {
        let updates = state.store.request_updates(r.id, false).await?;
        let base = state.config.base_url.trim_end_matches('/');
        fields.push((
            "extended_attributes",
            Node::Object(vec![
                ("channel", Node::text(r.channel.as_str())),
                ("extended_status", Node::text(r.status.open311_update())),
                ("requestor_name", Node::opt(r.public_name.clone())),
                (
                    "duplicate_of",
                    Node::opt(r.duplicate_of.map(|d| d.to_string())),
                ),
                (
                    "attributes",
                    Node::List(
                        "attribute",
                        r.attributes
                            .iter()
                            .map(|a| {
                                Node::Object(vec![
                                    ("code", Node::text(&a.code)),
                                    ("name", Node::text(&a.code)),
                                    ("value", Node::text(a.values.join(","))),
                                ])
                            })
                            .collect(),
                    ),
                ),
                (
                    "notes",
                    Node::List(
                        "note",
                        updates
                            .iter()
                            .map(|u| {
                                Node::Object(vec![
                                    ("datetime", Node::text(w3c(u.at))),
                                    ("description", Node::text(&u.description)),
                                    ("type", Node::text(u.status.open311_update())),
                                ])
                            })
                            .collect(),
                    ),
                ),
                (
                    "photos",
                    Node::List(
                        "photo",
                        (1..=photos)
                            .map(|n| {
                                Node::Object(vec![(
                                    "media_url",
                                    Node::text(format!("{base}/requests/{}/photos/{n}", r.id)),
                                )])
                            })
                            .collect(),
                    ),
                ),
            ]),
        ));
    }
    Ok(Node::Object(fields))
}

async fn authorised_key(
    state: &AppState,
    body: &Body,
    params: &Params,
    headers: &HeaderMap,
    slot: AllowanceSlot,
) -> Result311<civic_storage::ApiKey> {
    let bearer = crate::app::auth::bearer_token(headers);
    let Some(secret) = params.get("api_key").or(bearer) else {
        return Err(Open311Error::new(
            StatusCode::FORBIDDEN,
            "api_key is required to submit; ask the body's staff for one",
        ));
    };
    // GeoReport v2 answers every refused key with 403, which its clients expect.
    let presented = PresentedKey::from_secret(Some(secret), slot);
    match presented
        .authorise(state, &body.slug, &Scope::Open311Write)
        .await
    {
        Ok(key) => Ok(key),
        Err(AppError::KeyRefused(KeyRefusal::Unknown | KeyRefusal::OtherBody)) => {
            Err(Open311Error::new(
                StatusCode::FORBIDDEN,
                "Invalid api_key received -- can't proceed",
            ))
        }
        Err(AppError::KeyRefused(refusal)) => {
            Err(Open311Error::new(StatusCode::FORBIDDEN, refusal.message()))
        }
        Err(AppError::TooManyRequests(wait)) => Err(Open311Error {
            status: StatusCode::TOO_MANY_REQUESTS,
            errors: vec![format!(
                "This api_key has made too many requests this minute. Try again in {wait} seconds."
            )],
            retry_after: Some(wait),
        }),
        Err(other) => {
            tracing::error!(error = %other, "open311 key check failed");
            Err(Open311Error::new(
                other.status(),
                "The service is not working at the moment. Try again later.",
            ))
        }
    }
}

async fn rate_limit(state: &AppState, key: &str) -> Result311<()> {
    state
        .submissions
        .count(key)
        .await?
        .map_err(|wait| Open311Error {
            status: StatusCode::TOO_MANY_REQUESTS,
            errors: vec![format!(
                "Too many submissions from this client. Try again in {wait} seconds."
            )],
            retry_after: Some(wait),
        })
}

/// Reads a POST body, form-encoded or multipart; photos from multipart parts named `media`,
/// `media[]`, `photo…` or `file…`.
async fn read_post(state: &AppState, req: Request) -> Result311<(Params, Vec<(String, Vec<u8>)>)> {
    let mut params = query_params(req.uri().query());
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let mut photos = Vec::new();
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(req, state).await.map_err(|e| {
            Open311Error::bad(format!(
                "The multipart body could not be read: {}",
                e.body_text()
            ))
        })?;
        while let Some(field) = multipart.next_field().await.map_err(|e| {
            Open311Error::bad(format!(
                "The multipart body could not be read: {}",
                e.body_text()
            ))
        })? {
            let name = field.name().unwrap_or("").to_string();
            let is_file = field.file_name().is_some()
                || name.starts_with("media")
                || name.starts_with("photo")
                || name.starts_with("file");
            let bytes = field.bytes().await.map_err(|e| {
                Open311Error::bad(format!("The upload could not be read: {}", e.body_text()))
            })?;
            if is_file {
                if !bytes.is_empty() {
                    photos.push((name, bytes.to_vec()));
                }
            } else {
                params
                    .0
                    .push((name, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    } else {
        let bytes = axum::body::to_bytes(req.into_body(), 1024 * 1024)
            .await
            .map_err(|_| Open311Error::bad("The request body is too large"))?;
        let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| Open311Error::bad("The body must be application/x-www-form-urlencoded"))?;
        params.0.extend(form);
    }
    if params.has_forbidden() {
        return Err(Open311Error::bad(FORBIDDEN_TEXT));
    }
    Ok((params, photos))
}

async fn discovery(
    state: &AppState,
    body: Option<&str>,
    params: &Params,
    fmt: Fmt,
) -> Result311<Response> {
    let contact = match body {
        Some(_) => {
            let b = jurisdiction(state, body, params).await?;
            format!(
                "Contact {} through {}",
                b.name,
                b.website.as_deref().unwrap_or("its staff")
            )
        }
        None => "Contact the administrators of this Civic deployment".into(),
    };
    let changeset = "2026-11-25T00:00:00Z";
    let node = Node::Object(vec![
        ("changeset", Node::text(changeset)),
        ("contact", Node::text(contact)),
        (
            "key_service",
            Node::text(
                "API keys are issued by each body's staff on their Open311 keys page, or by an administrator with `civic apikey create`",
            ),
        ),
        (
            "endpoints",
            Node::List(
                "endpoint",
                vec![Node::Object(vec![
                    (
                        "specification",
                        Node::text("http://wiki.open311.org/GeoReport_v2"),
                    ),
                    ("url", Node::text(endpoint_url(state, body))),
                    ("changeset", Node::text(changeset)),
                    ("type", Node::text("production")),
                    (
                        "formats",
                        Node::List(
                            "format",
                            vec![Node::text("text/xml"), Node::text("application/json")],
                        ),
                    ),
                ])],
            ),
        ),
    ]);
    Ok(node.respond(StatusCode::OK, "discovery", fmt))
}

async fn open_services(state: &AppState, body: &Body) -> Result311<Vec<Service>> {
    let page = state
        .store
        .list_services(&civic_storage::ServiceQuery {
            body: Some(body.slug.clone()),
            ..Default::default()
        })
        .await?;
    Ok(page
        .services
        .into_iter()
        .filter(|s| s.accepts_requests)
        .collect())
}

async fn services(
    state: &AppState,
    body: Option<&str>,
    params: &Params,
    fmt: Fmt,
    lang: Lang,
) -> Result311<Response> {
    let b = jurisdiction(state, body, params).await?;
    let services = open_services(state, &b).await?;
    let welsh = lang == Lang::Cy;
    let node = Node::List(
        "service",
        services.iter().map(|s| service_node(s, welsh)).collect(),
    );
    Ok(in_language(
        node.respond(StatusCode::OK, "services", fmt),
        lang,
    ))
}

/// Says which language a service list or definition is in, and that it depends on
/// `Accept-Language`.
fn in_language(mut response: Response, lang: Lang) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    response
}

async fn definition(
    state: &AppState,
    body: Option<&str>,
    code: &str,
    params: &Params,
    fmt: Fmt,
    lang: Lang,
) -> Result311<Response> {
    let b = jurisdiction(state, body, params).await?;
    let service = state
        .store
        .get_service(&b.slug, code)
        .await?
        .filter(|s| s.accepts_requests && s.status == civic_domain::ServiceStatus::Active)
        .ok_or_else(|| Open311Error::not_found(format!("service_code '{code}' not found")))?;
    Ok(in_language(
        definition_node(&service).respond(StatusCode::OK, "service_definition", fmt),
        lang,
    ))
}

async fn list_requests(
    state: &AppState,
    body: Option<&str>,
    params: &Params,
    fmt: Fmt,
) -> Result311<Response> {
    let b = jurisdiction(state, body, params).await?;
    let mut query = RequestQuery {
        body: Some(b.slug.clone()),
        public_only: true,
        ..Default::default()
    };
    let ids = params.list("service_request_id");
    if !ids.is_empty() {
        query.ids = ids
            .iter()
            .map(|id| {
                id.parse::<i64>().map_err(|_| {
                    Open311Error::bad(format!("service_request_id '{id}' is not a request id"))
                })
            })
            .collect::<Result311<_>>()?;
        query.limit = MAX_PAGE_SIZE;
    } else {
        query.services = params.list("service_code");
        for status in params.list("status") {
            match status.to_ascii_lowercase().as_str() {
                "open" => {
                    query.open = if query.open == Some(false) {
                        None
                    } else {
                        Some(true)
                    }
                }
                "closed" => {
                    query.open = if query.open == Some(true) {
                        None
                    } else {
                        Some(false)
                    }
                }
                other => match RequestStatus::parse_open311(other) {
                    Some(s) => query.statuses.push(s),
                    None => {
                        return Err(Open311Error::bad(format!(
                            "status '{other}' is not open or closed"
                        )));
                    }
                },
            }
        }
        if params.list("status").iter().any(|s| s == "open")
            && params.list("status").iter().any(|s| s == "closed")
        {
            query.open = None;
        }
        let start = date_param(params, "start_date")?;
        let end = date_param(params, "end_date")?;
        query.updated_after = date_param(params, "updated_after")?;
        query.updated_before = date_param(params, "updated_before")?;
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                return Err(Open311Error::bad("end_date is before start_date"));
            }
            if e - s > time::Duration::days(MAX_RANGE_DAYS) {
                return Err(Open311Error::bad(format!(
                    "start_date and end_date may not span more than {MAX_RANGE_DAYS} days; use page and page_size, or the open data download, for more"
                )));
            }
        }
        let no_window = start.is_none()
            && end.is_none()
            && query.updated_after.is_none()
            && query.updated_before.is_none();
        query.requested_from = if no_window {
            Some(OffsetDateTime::now_utc() - time::Duration::days(MAX_RANGE_DAYS))
        } else {
            start.or(end.map(|e| e - time::Duration::days(MAX_RANGE_DAYS)))
        };
        query.requested_to = end;
        let page_size = match params.get("page_size") {
            None => MAX_PAGE_SIZE,
            Some(p) => p
                .parse::<i64>()
                .ok()
                .filter(|p| (1..=MAX_PAGE_SIZE).contains(p))
                .ok_or_else(|| {
                    Open311Error::bad(format!(
                        "page_size must be a whole number from 1 to {MAX_PAGE_SIZE}"
                    ))
                })?,
        };
        let page = match params.get("page") {
            None => 1,
            Some(p) => p
                .parse::<i64>()
                .ok()
                .filter(|p| (1..=1_000_000).contains(p))
                .ok_or_else(|| Open311Error::bad("page must be a whole number from 1"))?,
        };
        query.limit = page_size;
        query.offset = (page - 1) * page_size;
        query.by_updated = query.updated_after.is_some() || query.updated_before.is_some();
    }
    let extensions = params
        .get("extensions")
        .is_some_and(|e| e.eq_ignore_ascii_case("true"));
    let requests = state.store.list_requests(&query).await?;
    let mut nodes = Vec::with_capacity(requests.len());
    for r in &requests {
        nodes.push(request_node(state, &b, r, extensions).await?);
    }
    Ok(Node::List("request", nodes).respond(StatusCode::OK, "service_requests", fmt))
}

async fn one_request(
    state: &AppState,
    body: Option<&str>,
    id: &str,
    params: &Params,
    fmt: Fmt,
) -> Result311<Response> {
    let b = jurisdiction(state, body, params).await?;
    let not_found = || Open311Error::not_found(format!("service_request_id '{id}' not found"));
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let r = state
        .store
        .get_request(id)
        .await?
        .filter(|r| r.body == b.slug && r.is_public())
        .ok_or_else(not_found)?;
    let extensions = params
        .get("extensions")
        .is_some_and(|e| e.eq_ignore_ascii_case("true"));
    let node = Node::List(
        "request",
        vec![request_node(state, &b, &r, extensions).await?],
    );
    Ok(node.respond(StatusCode::OK, "service_requests", fmt))
}

async fn token(
    state: &AppState,
    body: Option<&str>,
    token: &str,
    params: &Params,
    fmt: Fmt,
) -> Result311<Response> {
    let b = jurisdiction(state, body, params).await?;
    let (token, id) = state
        .store
        .token_request(&b.slug, token)
        .await?
        .ok_or_else(|| Open311Error::not_found(format!("token '{token}' not found")))?;
    let node = Node::List(
        "request",
        vec![Node::Object(vec![
            ("service_request_id", Node::opt(id.map(|i| i.to_string()))),
            ("token", Node::text(token)),
        ])],
    );
    Ok(node.respond(StatusCode::OK, "service_requests", fmt))
}

/// A POST that passed every gate: read, for a known jurisdiction, with a valid key for it,
/// within the client's submission limit.
struct AuthorisedPost {
    params: Params,
    uploads: Vec<(String, Vec<u8>)>,
    body: Body,
    key: civic_storage::ApiKey,
}

async fn authorised_post(
    state: &AppState,
    body: Option<&str>,
    req: Request,
) -> Result311<AuthorisedPost> {
    let headers = req.headers().clone();
    let slot = req
        .extensions()
        .get::<AllowanceSlot>()
        .cloned()
        .unwrap_or_default();
    let (params, uploads) = read_post(state, req).await?;
    let body = jurisdiction(state, body, &params).await?;
    let key = authorised_key(state, &body, &params, &headers, slot).await?;
    rate_limit(state, &format!("key:{}", key.id)).await?;
    Ok(AuthorisedPost {
        params,
        uploads,
        body,
        key,
    })
}

async fn post_request(
    state: &AppState,
    body: Option<&str>,
    req: Request,
    fmt: Fmt,
) -> Result311<Response> {
    let AuthorisedPost {
        params,
        uploads,
        body: b,
        key,
    } = authorised_post(state, body, req).await?;
    let code = params
        .get("service_code")
        .ok_or_else(|| Open311Error::bad("service_code is required"))?;
    let service = state
        .store
        .get_service(&b.slug, code)
        .await?
        .filter(|s| s.accepts_requests && s.status == civic_domain::ServiceStatus::Active)
        .ok_or_else(|| Open311Error::not_found(format!("service_code '{code}' not found")))?;
    let name = [params.get("first_name"), params.get("last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let input = RequestInput {
        service: service.slug.clone(),
        description: params.get("description").unwrap_or("").to_string(),
        lat: params.get("lat").map(str::to_string),
        long: params.get("long").map(str::to_string),
        address: params.get("address_string").unwrap_or("").to_string(),
        uprn: params.get("address_id").unwrap_or("").to_string(),
        postcode: params.get("zipcode").unwrap_or("").to_string(),
        attributes: params.attributes(),
        media_url: params.get("media_url").unwrap_or("").to_string(),
        contact: civic_domain::Contact {
            name,
            email: params.get("email").unwrap_or("").to_string(),
            phone: params.get("phone").unwrap_or("").to_string(),
        },
        show_name: false,
    };
    let mut errors = Vec::new();
    let draft = match input.validate(&service.attributes) {
        Ok(d) => Some(d),
        Err(field_errors) => {
            errors.extend(
                field_errors
                    .0
                    .into_iter()
                    .map(|e| format!("{}: {}", e.field, e.message)),
            );
            None
        }
    };
    let mut photos = Vec::new();
    for (name, bytes) in uploads {
        match check_photo(bytes) {
            Ok(p) => photos.push(p),
            Err(e) => errors.push(format!("{name}: {}", e.message)),
        }
    }
    let Some(draft) = draft.filter(|_| errors.is_empty()) else {
        return Err(Open311Error {
            status: StatusCode::BAD_REQUEST,
            errors,
            retry_after: None,
        });
    };
    if key.is_test() {
        // A sandbox key: the request was valid; answer as Open311 would, storing nothing.
        let node = Node::List(
            "request",
            vec![Node::Object(vec![
                (
                    "token",
                    Node::text(format!("sandbox-{}", crate::app::tokens::new_token())),
                ),
                (
                    "service_notice",
                    Node::text(
                        "Sent with a test key: the request is valid, and nothing was stored.",
                    ),
                ),
                ("account_id", Node::opt(params.get("account_id"))),
            ])],
        );
        return Ok(node.respond(StatusCode::OK, "service_requests", fmt));
    }
    let batch = service.request_type == RequestType::Batch;
    let token = batch.then(crate::app::tokens::new_token);
    let now = OffsetDateTime::now_utc();
    let created = state
        .store
        .create_request(&NewRequest {
            body: b.slug.clone(),
            service: service.slug.clone(),
            draft,
            channel: RequestChannel::Api,
            visibility: Visibility::Public,
            confirmed: !batch,
            token: token.clone(),
            api_key_id: Some(key.id),
            consent: format!("Given to Open311 client '{}'", key.name),
            confirm_token_hash: None,
            reporter_subscription: None,
            photos,
            notifications: Vec::new(),
            expected_at: service.target_days.map(|d| add_working_days(now, d)),
            received_at: None,
        })
        .await?;
    let notice = service
        .target_days
        .map(|d| format!("{} aims to deal with this within {d} working days.", b.name));
    let id_field = match token {
        Some(t) => ("token", Node::text(t)),
        None => ("service_request_id", Node::text(created.id.to_string())),
    };
    let node = Node::List(
        "request",
        vec![Node::Object(vec![
            id_field,
            ("service_notice", Node::opt(notice)),
            ("account_id", Node::opt(params.get("account_id"))),
        ])],
    );
    Ok(node.respond(StatusCode::OK, "service_requests", fmt))
}

fn update_node(u: &civic_domain::RequestUpdate, service: &str) -> Node {
    Node::Object(vec![
        ("update_id", Node::text(u.id.to_string())),
        ("service_request_id", Node::text(u.request_id.to_string())),
        ("status", Node::text(u.status.open311_update())),
        ("updated_datetime", Node::text(w3c(u.at))),
        ("description", Node::text(&u.description)),
        ("media_url", Node::Text(None)),
        (
            "external_status_code",
            Node::opt(u.external_id.as_ref().map(|_| u.status.as_str())),
        ),
        ("service_code", Node::text(service)),
    ])
}

async fn list_updates(
    state: &AppState,
    body: Option<&str>,
    params: &Params,
    fmt: Fmt,
) -> Result311<Response> {
    let b = jurisdiction(state, body, params).await?;
    let start = date_param(params, "start_date")?;
    let end = date_param(params, "end_date")?;
    let (from, to) = match (start, end) {
        (Some(s), Some(e)) => (s, e),
        (None, None) => {
            let now = OffsetDateTime::now_utc();
            (now - time::Duration::hours(2), now)
        }
        _ => {
            return Err(Open311Error::bad(
                "Give both start_date and end_date, or neither",
            ));
        }
    };
    if to < from {
        return Err(Open311Error::bad("end_date is before start_date"));
    }
    if to - from > time::Duration::days(MAX_RANGE_DAYS) {
        return Err(Open311Error::bad(format!(
            "start_date and end_date may not span more than {MAX_RANGE_DAYS} days"
        )));
    }
    let updates = state
        .store
        .body_updates(&b.slug, from, to, 0, MAX_PAGE_SIZE)
        .await?;
    let node = Node::List(
        "request_update",
        updates
            .iter()
            .map(|u| update_node(&u.update, &u.service))
            .collect(),
    );
    Ok(node.respond(StatusCode::OK, "service_request_updates", fmt))
}

async fn post_update(
    state: &AppState,
    body: Option<&str>,
    req: Request,
    fmt: Fmt,
) -> Result311<Response> {
    let AuthorisedPost {
        params,
        body: b,
        key,
        ..
    } = authorised_post(state, body, req).await?;
    let mut missing = Vec::new();
    for field in [
        "service_request_id",
        "update_id",
        "status",
        "updated_datetime",
        "description",
    ] {
        if params.get(field).is_none()
            && !(field == "description" && params.0.iter().any(|(k, _)| k == "description"))
        {
            missing.push(format!("{field} is required"));
        }
    }
    if !missing.is_empty() {
        return Err(Open311Error {
            status: StatusCode::BAD_REQUEST,
            errors: missing,
            retry_after: None,
        });
    }
    let raw_status = params.get("status").unwrap_or("");
    let status = RequestStatus::parse_open311(raw_status).ok_or_else(|| {
        Open311Error::bad(format!("status '{raw_status}' is not one Civic knows"))
    })?;
    // When the update happened in the client's system (the store keeps history in order
    // and never in the future).
    let at = date_param(&params, "updated_datetime")?;
    let id_raw = params.get("service_request_id").unwrap_or("");
    let id: i64 = id_raw
        .parse()
        .map_err(|_| Open311Error::not_found(format!("service_request_id '{id_raw}' not found")))?;
    let change = RequestChange {
        // A client app's key may update public requests only, and must not learn which
        // other ids exist: to it, a private, hidden or unconfirmed request is not found.
        scope: if key.is_team() {
            civic_storage::ChangeScope::Any
        } else {
            civic_storage::ChangeScope::Public
        },
        status: Some(status),
        description: params
            .get("description")
            .unwrap_or("")
            .chars()
            .take(civic_domain::request::MAX_DESCRIPTION)
            .collect(),
        private: false,
        actor: key.name.clone(),
        staff_id: None,
        external_id: params.get("update_id").map(str::to_string),
        survey: Some(crate::app::tokens::survey_invite()),
        at,
        ..Default::default()
    };
    if key.is_test() {
        // A sandbox key: the update is well formed; say so, and store nothing.
        let node = Node::List(
            "request_update",
            vec![Node::Object(vec![
                (
                    "update_id",
                    Node::text(format!("sandbox-{}", crate::app::tokens::new_token())),
                ),
                ("account_id", Node::opt(params.get("account_id"))),
            ])],
        );
        return Ok(node.respond(StatusCode::OK, "service_request_updates", fmt));
    }
    let update = match state.store.change_request(&b.slug, id, &change).await {
        Ok(u) => u,
        Err(StorageError::NotFound) => {
            return Err(Open311Error::not_found(format!(
                "service_request_id '{id}' not found"
            )));
        }
        Err(StorageError::Conflict(_)) => {
            return Err(Open311Error::bad(format!(
                "update_id '{}' already exists for this request",
                params.get("update_id").unwrap_or("")
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let node = Node::List(
        "request_update",
        vec![Node::Object(vec![
            ("update_id", Node::text(update.id.to_string())),
            ("account_id", Node::opt(params.get("account_id"))),
        ])],
    );
    Ok(node.respond(StatusCode::OK, "service_request_updates", fmt))
}

/// Routes for the hub (`/open311/v2`) and every body's endpoint (`/bodies/{body}/open311/v2`).
pub fn routes() -> axum::Router<AppState> {
    use crate::app::limits::uploads;
    use crate::app::page_cache::cached;
    use axum::routing::any;
    use civic_storage::DataTopic;
    // What a GET shows: services and their definitions, requests, and the body's name as
    // the agency responsible (only GETs are ever served from the cache).
    const SHOWS: &[DataTopic] = &[DataTopic::Requests, DataTopic::Services, DataTopic::Bodies];
    axum::Router::new()
        .route("/open311/v2/{*path}", uploads(cached(SHOWS, any(hub))))
        .route(
            "/bodies/{body}/open311/v2/{*path}",
            uploads(cached(SHOWS, any(per_body))),
        )
}

async fn hub(
    State(state): State<AppState>,
    Path(path): Path<String>,
    req: Request<HttpBody>,
) -> Response {
    dispatch(&state, None, &path, req).await
}

async fn per_body(
    State(state): State<AppState>,
    Path((body, path)): Path<(String, String)>,
    req: Request<HttpBody>,
) -> Response {
    dispatch(&state, Some(&body), &path, req).await
}

/// Sends `resource.fmt` or `collection/item.fmt` to its handler; only `requests` and
/// `servicerequestupdates` take POST. The format comes from the extension, once, here.
async fn dispatch(state: &AppState, body: Option<&str>, path: &str, req: Request) -> Response {
    let (collection, file) = match path.split_once('/') {
        Some((collection, file)) => (Some(collection), file),
        None => (None, path),
    };
    let Some((stem, fmt)) = Fmt::split(file) else {
        return Open311Error::not_found("Bad extension: use .xml or .json")
            .respond(Fmt::guess(file));
    };
    let method = req.method().clone();
    let read = matches!(method, Method::GET | Method::HEAD);
    let params = query_params(req.uri().query());
    // Service lists and definitions in Welsh for a client that asks for Welsh (or under
    // `/cy`); everything else is data, the same in both.
    let lang = match req
        .extensions()
        .get::<crate::app::i18n::PageAddress>()
        .map(|a| a.lang)
    {
        Some(Lang::Cy) => Lang::Cy,
        _ => Lang::from_accept_language(
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        ),
    };
    if path.chars().any(is_forbidden_char) || params.has_forbidden() {
        return Open311Error::bad(FORBIDDEN_TEXT).respond(fmt);
    }
    let result = match (collection, read) {
        (None, true) => match stem {
            "discovery" => discovery(state, body, &params, fmt).await,
            "services" => services(state, body, &params, fmt, lang).await,
            "requests" => list_requests(state, body, &params, fmt).await,
            "servicerequestupdates" => list_updates(state, body, &params, fmt).await,
            _ => Err(Open311Error::not_found(format!(
                "No such resource '{stem}'"
            ))),
        },
        (None, false) if method == Method::POST => match stem {
            "requests" => post_request(state, body, req, fmt).await,
            "servicerequestupdates" => post_update(state, body, req, fmt).await,
            _ => Err(Open311Error::new(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("'{stem}' cannot be posted to"),
            )),
        },
        (Some(collection), true) if !file.contains('/') => match collection {
            "services" => definition(state, body, stem, &params, fmt, lang).await,
            "requests" => one_request(state, body, stem, &params, fmt).await,
            "tokens" => token(state, body, stem, &params, fmt).await,
            _ => Err(Open311Error::not_found(format!(
                "No such resource '{collection}'"
            ))),
        },
        (Some(_), true) => Err(Open311Error::not_found("No such resource")),
        _ => Err(Open311Error::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "Use GET to read, or POST to requests and servicerequestupdates",
        )),
    };
    result.unwrap_or_else(|e| e.respond(fmt))
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_are_read_leniently_but_need_a_zone() {
        for ok in [
            "2026-11-25T14:52:06Z",
            "2026-11-25T09:52:06-05:00",
            "2026-11-25T08:52:06.000001-06:00",
            "2026-11-25 08:52:06.000001-06:00",
            "2026-11-25T08:52:06 00:00",
            "2026-11-25T08:52+01:00",
        ] {
            assert!(parse_date(ok).is_some(), "{ok}");
        }
        for bad in ["2026-11-25T14:52:06", "2026-11-25", "yesterday", ""] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
        assert_eq!(
            parse_date("2026-11-25 08:52:06-06:00"),
            parse_date("2026-11-25T14:52:06Z")
        );
    }
}
