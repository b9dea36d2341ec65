//! The APIs Civic offers, one per tag of its OpenAPI document, and each one's own document.

use serde_json::Value;
use std::sync::LazyLock;

/// Who may call an API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, with no key (open data).
    Open,
    /// Reading is open; writing needs a key the body issues.
    OpenReadKeyWrite,
    /// An API key the body issues, with the scope each operation names.
    Key,
}

/// One API as the hub lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Api {
    /// Its address under `/developers`.
    pub slug: &'static str,
    /// The tag its operations carry in the OpenAPI document.
    pub tag: &'static str,
    /// Where it is, from the deployment's base address.
    pub base: &'static str,
    /// Who may call it.
    pub access: Access,
    /// When it was added to Civic (the API catalogue's `dateAdded`).
    pub added: &'static str,
    /// When what it offers last changed (`dateUpdated`).
    pub updated: &'static str,
}

impl Api {
    /// The message id of its name.
    pub fn name_id(&self) -> String {
        format!("developers-api-{}-name", self.slug)
    }

    /// The message id of its description.
    pub fn description_id(&self) -> String {
        format!("developers-api-{}-description", self.slug)
    }
}

/// Every API, in the order the hub lists them.
pub const APIS: [Api; 14] = [
    Api {
        slug: "open311",
        tag: "Open311",
        base: "/open311/v2",
        access: Access::OpenReadKeyWrite,
        added: "2026-11-25",
        updated: "2026-12-07",
    },
    Api {
        slug: "services",
        tag: "Services",
        base: "/services.json",
        access: Access::Open,
        added: "2026-11-25",
        updated: "2026-12-07",
    },
    Api {
        slug: "open-referral-uk",
        tag: "Open Referral UK",
        base: "/openreferral",
        access: Access::Open,
        added: "2026-12-07",
        updated: "2026-12-07",
    },
    Api {
        slug: "digital-help",
        tag: "Digital help",
        base: "/digital-help.json",
        access: Access::Open,
        added: "2026-12-07",
        updated: "2026-12-07",
    },
    Api {
        slug: "requests",
        tag: "Requests",
        base: "/bodies",
        access: Access::Open,
        added: "2026-11-25",
        updated: "2026-11-25",
    },
    Api {
        slug: "performance",
        tag: "Performance",
        base: "/performance/data.json",
        access: Access::Open,
        added: "2026-11-25",
        updated: "2026-11-25",
    },
    Api {
        slug: "catalogue",
        tag: "Catalogue",
        base: "/api/3/action",
        access: Access::Open,
        added: "2026-11-25",
        updated: "2026-11-25",
    },
    Api {
        slug: "registers",
        tag: "Registers",
        base: "/registers",
        access: Access::Open,
        added: "2026-11-25",
        updated: "2026-11-25",
    },
    Api {
        slug: "addresses",
        tag: "Addresses",
        base: "/addresses.json",
        access: Access::Open,
        added: "2026-11-25",
        updated: "2026-11-25",
    },
    Api {
        slug: "bodies",
        tag: "Bodies",
        base: "/bodies.json",
        access: Access::Open,
        added: "2026-11-25",
        updated: "2026-11-25",
    },
    Api {
        slug: "suppliers",
        tag: "Suppliers",
        base: "/suppliers.json",
        access: Access::Open,
        added: "2026-12-07",
        updated: "2026-12-07",
    },
    Api {
        slug: "contracts",
        tag: "Contracts",
        base: "/bodies/{body}/contracts/ocds.json",
        access: Access::Open,
        added: "2026-12-08",
        updated: "2026-12-08",
    },
    Api {
        slug: "webhooks",
        tag: "Webhooks",
        base: "/api/bodies",
        access: Access::Key,
        added: "2026-12-08",
        updated: "2026-12-08",
    },
    Api {
        slug: "service-register-write",
        tag: "Staff",
        base: "/api/bodies",
        access: Access::Key,
        added: "2026-11-25",
        updated: "2026-11-25",
    },
];

/// The API at `slug`.
pub fn find(slug: &str) -> Option<&'static Api> {
    APIS.iter().find(|a| a.slug == slug)
}

/// Civic's whole OpenAPI document, read once.
static DOCUMENT: LazyLock<Value> = LazyLock::new(|| {
    // The document is compiled in and checked by the test suite; were it unreadable, the
    // hub would list no operations rather than fail.
    serde_json::from_str(include_str!("../../openapi.json")).unwrap_or(Value::Null)
});

/// One operation of an API: its method, path and summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// `GET`, `POST`…
    pub method: String,
    /// The path, with `{parameters}`.
    pub path: String,
    /// What it does, in a line.
    pub summary: String,
}

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn tagged(operation: &Value, tag: &str) -> bool {
    operation["tags"]
        .as_array()
        .is_some_and(|tags| tags.iter().any(|t| t == tag))
}

/// The operations carrying `api`'s tag, in the document's order.
pub fn operations(api: &Api) -> Vec<Operation> {
    let mut found = Vec::new();
    if let Some(paths) = DOCUMENT["paths"].as_object() {
        for (path, item) in paths {
            for method in METHODS {
                let operation = &item[method];
                if tagged(operation, api.tag) {
                    found.push(Operation {
                        method: method.to_uppercase(),
                        path: path.clone(),
                        summary: operation["summary"]
                            .as_str()
                            .unwrap_or_default()
                            .to_string(),
                    });
                }
            }
        }
    }
    found
}

/// `api`'s own OpenAPI document: the whole one's paths cut to the operations carrying its
/// tag (a path's shared parameters kept), with every shared component, so that it stands
/// alone for a code generator or a validator.
pub fn document(api: &Api) -> Value {
    let mut doc = DOCUMENT.clone();
    let mut paths = serde_json::Map::new();
    if let Some(all) = DOCUMENT["paths"].as_object() {
        for (path, item) in all {
            let Some(item) = item.as_object() else {
                continue;
            };
            let mut kept = serde_json::Map::new();
            for (key, value) in item {
                let is_method = METHODS.contains(&key.as_str());
                if !is_method || tagged(value, api.tag) {
                    kept.insert(key.clone(), value.clone());
                }
            }
            if kept.keys().any(|k| METHODS.contains(&k.as_str())) {
                paths.insert(path.clone(), Value::Object(kept));
            }
        }
    }
    doc["paths"] = Value::Object(paths);
    if let Some(tags) = DOCUMENT["tags"].as_array() {
        doc["tags"] = Value::Array(
            tags.iter()
                .filter(|t| t["name"] == api.tag)
                .cloned()
                .collect(),
        );
    }
    if let Some(title) = DOCUMENT["info"]["title"].as_str() {
        doc["info"]["title"] = Value::String(format!("{title}: {}", api.tag));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_has_operations_and_every_tag_an_api() {
        for api in &APIS {
            assert!(
                !operations(api).is_empty(),
                "{} has no operations",
                api.slug
            );
            let doc = document(api);
            let paths = doc["paths"].as_object().unwrap();
            assert_eq!(
                paths
                    .values()
                    .flat_map(|p| METHODS.iter().filter(|m| p.get(**m).is_some()))
                    .count(),
                operations(api).len()
            );
        }
        for tag in DOCUMENT["tags"].as_array().unwrap() {
            let name = tag["name"].as_str().unwrap();
            assert!(
                name == "Operations" || APIS.iter().any(|a| a.tag == name),
                "the tag {name} has no API on the hub"
            );
        }
    }

    #[test]
    fn an_api_document_keeps_only_its_operations() {
        let open311 = find("open311").unwrap();
        let doc = document(open311);
        assert_eq!(doc["info"]["title"], "Civic API: Open311");
        assert!(doc["paths"].get("/services.json").is_none());
        assert!(doc["paths"].get("/open311/v2/services.json").is_some());
        assert_eq!(doc["components"], DOCUMENT["components"]);
        assert!(find("nothing").is_none());
    }
}
