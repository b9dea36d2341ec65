//! The OpenAPI document (`crates/civic-web/openapi.json`, served at `/api/openapi.json`)
//! cannot drift from the routes, in either direction.
//!
//! Documented → served: every documented path is requested with concrete values and must
//! answer 200 (a GET), or be routed and refuse `{}` without credentials (a POST or PUT
//! alone).
//!
//! Served → documented: axum's router cannot list its routes, so the route table is read
//! from the source: every `.route("…", …)` string literal under `crates/civic-web/src`,
//! with the methods its handler expression names (`get(`, `post(`, `put(`, `patch(`,
//! `delete(`). The rule:
//!
//! - Skipped: the StaffRoutes pages mounted under `/staff/bodies/{body}` (a `.route(`
//!   whose nearest preceding constructor is `StaffRoutes::new()`), which are HTML pages.
//! - A data route is one whose last segment ends in `.json`, `.csv`, `.atom`, `.jsonld`,
//!   `.ttl`, `.xml` or `.rsf`; or that is under `/api/`, `/registers/` or `…/open311/`;
//!   or that has a `{file}` segment; or that is `/healthz` or `/metrics`; or one of
//!   `ANSWERS_DATA_BY_SUFFIX` (pages whose last parameter also takes a data suffix, which
//!   the route text cannot show). Every method of a data route must be documented on a
//!   path that matches it: segment by segment, a `{param}` matches any segment, except
//!   that a `{file}` segment is covered only by a documented path that fills it (a
//!   segment that is not itself a bare `{param}`).
//! - A page wrapped in `negotiated(…)` (HTML, JSON or CSV by `Accept`) must have its
//!   `.json` form documented for GET (`/bodies` → `/bodies.json`).
//! - Every other route is an HTML page (or a photo) and is not checked.
//! - Open311 is served by one handler from a catch-all (`…/open311/v2/{*path}`) that
//!   dispatches on the path itself; `OPEN311` lists what it serves (from
//!   `georeport.rs`'s `dispatch`), each in `.json` and `.xml`, and the test checks the
//!   list against the names `dispatch` matches.

use crate::registers::load_addresses;
use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

db_test!(openapi_document_describes_real_routes, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    load_addresses(&app, 4).await;
    let key = api_key(&app, "northshire").await;
    let posted = reqwest::Client::new()
        .post(format!(
            "{}/bodies/northshire/open311/v2/requests.json",
            app.base
        ))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "pay-council-tax"),
            ("address_string", "1 High Street"),
            ("attribute[depth]", "deep"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::OK);
    let posted: Value = posted.json().await.unwrap();
    let id = posted[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_string();
    let token = batch_token(&app, &key).await;
    let (dataset, resource) = uploaded_table(&app).await;
    // A contract, so the body serves an OCDS package (a body with none answers 404).
    let supplier = civic_domain::supplier::SupplierInput {
        org_id: "GB-COH-09000003".into(),
        name: "Ledgerline Software Ltd".into(),
        address: "1 Works Lane".into(),
        postcode: "ZZ1 1AA".into(),
        scale: "small".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    app.store.create_supplier(&supplier, None).await.unwrap();
    let contract = civic_domain::contract::ContractInput {
        title: "Software".into(),
        supplier: "GB-COH-09000003".into(),
        value: "1000".into(),
        starts_on: "2026-04-01".into(),
        kpis: "Uptime".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    app.store
        .create_contract("northshire", &contract)
        .await
        .unwrap();
    let v = app.visitor();
    let first: Value = v
        .get("/registers/addresses/entries/1")
        .await
        .json()
        .await
        .unwrap();
    let item_hash = first[0]["item-hash"][0].as_str().unwrap().to_string();
    let doc: Value = v.get("/api/openapi.json").await.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 10);
    // The Open Referral UK feed names things by UUID: a service, one of its in-person
    // channels, a taxonomy and a term of each resource's kind.
    add_service_with_counter(&app, "northshire").await;
    let located: Value = v
        .get("/bodies/northshire/openreferral/service_at_locations")
        .await
        .json()
        .await
        .unwrap();
    let feed_ids = [
        (
            "/services/",
            civic_domain::openreferral::service_feed_id("northshire", "pay-council-tax"),
        ),
        (
            "/service_at_locations/",
            located["contents"][0]["id"].as_str().unwrap().to_string(),
        ),
        (
            "/taxonomies/",
            civic_domain::openreferral::FeedTaxonomy::ServiceCodes.id(),
        ),
        (
            "/taxonomy_terms/",
            civic_domain::openreferral::FeedTerm::Code("LGSL 524".into()).id(),
        ),
    ];
    for (path, ops) in paths {
        let id = match feed_ids
            .iter()
            .find(|(resource, _)| path.contains("/openreferral") && path.contains(resource))
        {
            Some((_, feed_id)) => feed_id.clone(),
            None => id.clone(),
        };
        let concrete = path
            .replace("{body}", "northshire")
            .replace("{service}", "pay-council-tax")
            .replace("{id}", &id)
            .replace("{name}", "northshire--service-register")
            .replace("{action}", "status_show")
            .replace("{register}", "addresses")
            .replace("{entry}", "1")
            .replace("{start}", "1")
            .replace("{first}", "1")
            .replace("{size}", "4")
            .replace("{field}", "postcode")
            .replace("{value}", "ZZ1%201AA")
            .replace("{key}", "5000")
            .replace("{hash}", &item_hash)
            .replace("{uprn}", "5000")
            .replace("{dataset}", &dataset)
            .replace("{resource}", &resource)
            .replace("{service_code}", "pay-council-tax")
            .replace("{service_request_id}", &id)
            .replace("{token}", &token)
            .replace("{api}", "open311")
            .replace("{endpoint}", "1")
            .replace("{extension}", "ocds_metrics_extension");
        assert!(
            !concrete.contains('{'),
            "no value for a parameter of {path}"
        );
        if let Some(get) = ops.get("get") {
            // Required query parameters are filled in from their documented examples.
            let mut query: Vec<String> = get["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| resolve(&doc, p))
                .filter(|p| p["in"] == "query" && p["required"] == true)
                .map(|p| {
                    let example = p["example"]
                        .as_str()
                        .expect("a required parameter's example");
                    format!(
                        "{}={}",
                        p["name"].as_str().unwrap(),
                        example.replace(' ', "%20")
                    )
                })
                .collect();
            // Where one of several optional parameters must be given.
            if path == "/registers/{register}/proof/inclusion" {
                query.push("entry=1".into());
            }
            let concrete = if query.is_empty() {
                concrete
            } else {
                format!("{concrete}?{}", query.join("&"))
            };
            let response = v.get(&concrete).await;
            // A GET that needs a key is routed and refuses a caller without one.
            let keyed = get["security"].as_array().is_some_and(|s| !s.is_empty());
            assert_eq!(
                response.status(),
                if keyed {
                    StatusCode::UNAUTHORIZED
                } else {
                    StatusCode::OK
                },
                "GET {concrete} documented but not served"
            );
        } else {
            let response = v
                .client
                .post(v.url(&concrete))
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap();
            assert_ne!(
                response.status(),
                StatusCode::NOT_FOUND,
                "POST {concrete} documented but not routed"
            );
            let allowed = if ops.get("put").is_some() {
                StatusCode::METHOD_NOT_ALLOWED
            } else {
                StatusCode::UNAUTHORIZED
            };
            assert_eq!(response.status(), allowed, "{concrete}");
        }
    }
});

/// A parameter, or the one its `$ref` points to.
fn resolve<'a>(doc: &'a Value, parameter: &'a Value) -> &'a Value {
    match parameter["$ref"].as_str() {
        Some(pointer) => doc
            .pointer(pointer.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("{pointer} is not in the document")),
        None => parameter,
    }
}

/// Submits a request to a batch service over Open311 and returns its token.
async fn batch_token(app: &TestApp, key: &str) -> String {
    let mut batch = service_input("Report an abandoned vehicle");
    batch.request_type = Some("batch".into());
    batch.attributes.clear();
    app.store
        .create_services(
            "northshire",
            &[batch.validate().unwrap()],
            &civic_storage::Actor::system("test"),
        )
        .await
        .unwrap();
    let posted: Value = reqwest::Client::new()
        .post(format!(
            "{}/bodies/northshire/open311/v2/requests.json",
            app.base
        ))
        .form(&[
            ("api_key", key),
            ("service_code", "report-an-abandoned-vehicle"),
            ("address_string", "1 High Street"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    posted[0]["token"].as_str().unwrap().to_string()
}

/// Lists an uploaded table in the catalogue; returns the dataset's name and the table's id.
async fn uploaded_table(app: &TestApp) -> (String, String) {
    use civic_domain::catalogue::Column;
    use civic_domain::catalogue::ColumnType;
    let description = civic_domain::catalogue::DatasetDescriptionInput {
        title: "Road lengths".into(),
        description: "Every road the council maintains.".into(),
        frequency: "monthly".into(),
        ..Default::default()
    }
    .validate("northshire", false)
    .unwrap();
    let resources = civic_web::catalogue::files::upload_resources(
        &description.name,
        (&description.title, ""),
        vec![
            Column::new("road", ColumnType::String, ""),
            Column::new("length_m", ColumnType::Integer, ""),
        ],
    );
    app.store
        .add_catalogue_dataset(
            "northshire",
            civic_domain::catalogue::DatasetSource::Upload,
            &description,
            &resources,
            &[vec!["High Street".into(), "1200".into()]],
        )
        .await
        .unwrap();
    (description.name.clone(), resources[0].id.clone())
}

/// Suffixes that make a route a data route.
const DATA_SUFFIXES: [&str; 7] = [".json", ".csv", ".atom", ".jsonld", ".ttl", ".xml", ".rsf"];

/// Pages whose last parameter also answers a data suffix (`/requests/7.json`,
/// `/requests/7.atom`) or that always answer JSON, which the route text cannot show.
const ANSWERS_DATA_BY_SUFFIX: [&str; 2] = ["/requests/{id}", "/addresses/{uprn}"];

/// What Open311's catch-all serves (`georeport.rs`, `dispatch`): each resource with its
/// methods, in `.json` and `.xml`.
const OPEN311: [(&str, &[&str]); 7] = [
    ("discovery", &["get"]),
    ("services", &["get"]),
    ("services/{service_code}", &["get"]),
    ("requests", &["get", "post"]),
    ("requests/{service_request_id}", &["get"]),
    ("tokens/{token}", &["get"]),
    ("servicerequestupdates", &["get", "post"]),
];

const METHODS: [&str; 6] = ["get", "post", "put", "patch", "delete", "any"];

/// One `.route("…", …)` of the source.
#[derive(Debug)]
struct SourceRoute {
    path: String,
    methods: Vec<&'static str>,
    negotiated: bool,
    staff: bool,
    file: String,
}

fn source_routes(dir: &Path, out: &mut Vec<SourceRoute>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            source_routes(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            routes_in(&source, &path.display().to_string(), out);
        }
    }
}

fn routes_in(source: &str, file: &str, out: &mut Vec<SourceRoute>) {
    let mut at = 0;
    // `.moderation(` adds a staff page too (one moderators may also open).
    let next = |from: usize| {
        [".route(", ".moderation("]
            .into_iter()
            .filter_map(|call| source[from..].find(call).map(|i| (from + i, call)))
            .min()
    };
    while let Some((found, call)) = next(at) {
        let open = found + call.len();
        at = open;
        let Some(literal) = source[open..].trim_start().strip_prefix('"') else {
            continue; // not a literal path (StaffRoutes' own `route`, say)
        };
        let path = &literal[..literal.find('"').unwrap()];
        // The route's arguments run to the parenthesis that closes `.route(`.
        let mut depth = 1;
        let mut end = source.len();
        for (i, c) in source[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let args = &source[open..end];
        let called = |name: &str| {
            args.match_indices(&format!("{name}(")).any(|(i, _)| {
                i == 0 || {
                    let before = args.as_bytes()[i - 1];
                    !(before.is_ascii_alphanumeric() || before == b'_')
                }
            })
        };
        let before = &source[..open];
        out.push(SourceRoute {
            path: path.to_string(),
            methods: METHODS.into_iter().filter(|m| called(m)).collect(),
            negotiated: called("negotiated"),
            staff: before.rfind("StaffRoutes::new()") > before.rfind("Router::new()"),
            file: file.to_string(),
        });
    }
}

fn is_data_route(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    DATA_SUFFIXES.iter().any(|s| last.ends_with(s))
        || path.starts_with("/api/")
        || path.starts_with("/registers/")
        || path.contains("/open311/")
        || path.contains("/openreferral")
        || path.split('/').any(|s| s == "{file}")
        || path == "/healthz"
        || path == "/metrics"
        || ANSWERS_DATA_BY_SUFFIX.contains(&path)
}

fn is_bare_param(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}') && segment.matches('{').count() == 1
}

/// Whether a route's segment (`services`, `{body}`, `{service}.json`, `{file}`) is matched
/// by a documented one.
fn segment_matches(route: &str, documented: &str) -> bool {
    match route.strip_prefix('{').and_then(|r| r.split_once('}')) {
        Some(("file", "")) => !is_bare_param(documented),
        Some((_, suffix)) => documented.ends_with(suffix) && documented.len() > suffix.len(),
        None => route == documented,
    }
}

fn path_matches(route: &str, documented: &str) -> bool {
    let route: Vec<&str> = route.split('/').collect();
    let documented: Vec<&str> = documented.split('/').collect();
    route.len() == documented.len()
        && route
            .iter()
            .zip(&documented)
            .all(|(r, d)| segment_matches(r, d))
}

fn documented(doc: &Value, route: &str, method: &str) -> bool {
    doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .any(|(path, ops)| ops.get(method).is_some() && path_matches(route, path))
}

/// The names `dispatch` in georeport.rs matches the path against (`"services" =>`).
fn open311_dispatch_names(source: &str) -> BTreeSet<String> {
    let start = source
        .find("async fn dispatch(")
        .expect("georeport.rs has dispatch");
    let body = &source[start..];
    let body = &body[..body.find("\n}\n").expect("dispatch ends")];
    body.match_indices("\" =>")
        .map(|(end, _)| {
            let open = body[..end].rfind('"').unwrap();
            body[open + 1..end].to_string()
        })
        .collect()
}

#[test]
fn openapi_documents_every_served_data_route() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(crate_dir.join("openapi.json")).unwrap())
            .unwrap();
    let mut routes = Vec::new();
    source_routes(&crate_dir.join("src"), &mut routes);
    assert!(
        routes.len() > 50,
        "the route table was not read: {routes:#?}"
    );

    // The staff pages skipped are exactly those StaffRoutes records.
    let staff: BTreeSet<String> = routes
        .iter()
        .filter(|r| r.staff)
        .map(|r| format!("/staff/bodies/{{body}}{}", r.path))
        .collect();
    let recorded: BTreeSet<String> = civic_web::app::router::staff_pages().into_iter().collect();
    assert_eq!(staff, recorded, "the staff pages read from the source");

    for listed in ANSWERS_DATA_BY_SUFFIX {
        assert!(
            routes.iter().any(|r| r.path == listed && !r.staff),
            "{listed} is listed as answering data but is no longer a route"
        );
    }
    let dispatched = open311_dispatch_names(
        &std::fs::read_to_string(crate_dir.join("src/open311/georeport.rs")).unwrap(),
    );
    let known: BTreeSet<String> = OPEN311
        .iter()
        .map(|(resource, _)| resource.split('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        dispatched, known,
        "georeport.rs's dispatch serves other resources than the test knows (OPEN311)"
    );

    let mut undocumented = Vec::new();
    let mut checked = 0;
    for route in routes.iter().filter(|r| !r.staff) {
        if let Some(mount) = route.path.strip_suffix("/{*path}") {
            assert!(
                mount.ends_with("/open311/v2"),
                "{} ({}): a catch-all route the test does not know",
                route.path,
                route.file
            );
            for (resource, methods) in OPEN311 {
                for format in ["json", "xml"] {
                    let path = format!("{mount}/{resource}.{format}");
                    for method in methods {
                        checked += 1;
                        if !documented(&doc, &path, method) {
                            undocumented.push(format!("{} {path}", method.to_uppercase()));
                        }
                    }
                }
            }
        } else if is_data_route(&route.path) {
            assert!(
                !route.methods.is_empty() && !route.methods.contains(&"any"),
                "{} ({}): no methods read",
                route.path,
                route.file
            );
            for method in &route.methods {
                checked += 1;
                if !documented(&doc, &route.path, method) {
                    undocumented.push(format!(
                        "{} {} ({})",
                        method.to_uppercase(),
                        route.path,
                        route.file
                    ));
                }
            }
        } else if route.negotiated {
            let json = format!("{}.json", route.path);
            checked += 1;
            if !documented(&doc, &json, "get") {
                undocumented.push(format!(
                    "GET {json}, the JSON of {} ({})",
                    route.path, route.file
                ));
            }
        }
    }
    assert!(checked > 40, "only {checked} routes were checked");
    assert!(
        undocumented.is_empty(),
        "served but not in openapi.json:\n{}",
        undocumented.join("\n")
    );
}
