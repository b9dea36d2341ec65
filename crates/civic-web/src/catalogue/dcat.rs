//! DCAT-AP metadata as a small RDF graph, written as JSON-LD or Turtle.

use crate::app::layout::absolute;
use crate::catalogue::paths::dataset_page;
use civic_domain::catalogue::CatalogueDataset;
use serde_json::Map;
use serde_json::Value;
use serde_json::json;
use std::fmt::Write as _;

/// The vocabularies used, as (prefix, namespace).
const PREFIXES: [(&str, &str); 8] = [
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("vcard", "http://www.w3.org/2006/vcard/ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("hydra", "http://www.w3.org/ns/hydra/core#"),
    ("csvw", "http://www.w3.org/ns/csvw#"),
];

/// An RDF term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A web identifier.
    Iri(String),
    /// A node with no identifier of its own (`_:label`).
    Blank(String),
    /// A value, with its datatype (a prefixed name such as `xsd:date`) when not a string.
    Literal(String, Option<&'static str>),
}

/// One subject and what is said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The subject (an IRI or a blank node).
    pub id: Term,
    /// Its classes, as prefixed names.
    pub types: Vec<&'static str>,
    /// Its properties, as (prefixed predicate, object), in order.
    pub props: Vec<(&'static str, Term)>,
}

impl Node {
    fn new(id: Term, kind: &'static str) -> Node {
        Node {
            id,
            types: vec![kind],
            props: Vec::new(),
        }
    }

    fn iri(&mut self, predicate: &'static str, iri: impl Into<String>) {
        self.props.push((predicate, Term::Iri(iri.into())));
    }

    fn text(&mut self, predicate: &'static str, value: impl Into<String>) {
        let value = value.into();
        if !value.is_empty() {
            self.props.push((predicate, Term::Literal(value, None)));
        }
    }

    fn typed(&mut self, predicate: &'static str, value: impl Into<String>, kind: &'static str) {
        self.props
            .push((predicate, Term::Literal(value.into(), Some(kind))));
    }
}

/// A set of nodes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    /// The nodes, in the order written.
    pub nodes: Vec<Node>,
    blanks: usize,
}

impl Graph {
    fn blank(&mut self) -> Term {
        self.blanks += 1;
        Term::Blank(format!("b{}", self.blanks))
    }

    /// The graph as JSON-LD (flattened, with a `@graph`).
    pub fn to_json_ld(&self) -> Value {
        let context: Map<String, Value> = PREFIXES
            .iter()
            .map(|(p, ns)| (p.to_string(), Value::String(ns.to_string())))
            .collect();
        let id = |t: &Term| match t {
            Term::Iri(iri) => iri.clone(),
            Term::Blank(label) => format!("_:{label}"),
            Term::Literal(v, _) => v.clone(),
        };
        let nodes: Vec<Value> = self
            .nodes
            .iter()
            .map(|node| {
                let mut out = Map::new();
                out.insert("@id".into(), Value::String(id(&node.id)));
                out.insert("@type".into(), json!(node.types));
                for (predicate, object) in &node.props {
                    let value = match object {
                        Term::Iri(_) | Term::Blank(_) => json!({"@id": id(object)}),
                        Term::Literal(v, None) => json!({"@value": v}),
                        Term::Literal(v, Some(kind)) => json!({"@value": v, "@type": kind}),
                    };
                    match out.get_mut(*predicate) {
                        Some(Value::Array(list)) => list.push(value),
                        _ => {
                            out.insert(predicate.to_string(), Value::Array(vec![value]));
                        }
                    }
                }
                Value::Object(out)
            })
            .collect();
        json!({"@context": context, "@graph": nodes})
    }

    /// The graph as Turtle.
    pub fn to_turtle(&self) -> String {
        let mut out = String::new();
        for (prefix, ns) in PREFIXES {
            let _ = writeln!(out, "@prefix {prefix}: <{ns}> .");
        }
        for node in &self.nodes {
            out.push('\n');
            out.push_str(&turtle_term(&node.id));
            out.push_str(" a ");
            out.push_str(&node.types.join(", "));
            for (predicate, object) in &node.props {
                let _ = write!(out, " ;\n    {predicate} {}", turtle_term(object));
            }
            out.push_str(" .\n");
        }
        out
    }
}

/// An IRI with the characters Turtle forbids percent-encoded.
fn turtle_iri(iri: &str) -> String {
    let mut out = String::with_capacity(iri.len() + 2);
    out.push('<');
    for c in iri.chars() {
        if c <= ' ' || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out.push('>');
    out
}

fn turtle_term(term: &Term) -> String {
    match term {
        Term::Iri(iri) => turtle_iri(iri),
        Term::Blank(label) => format!("_:{label}"),
        Term::Literal(value, kind) => {
            let mut out = String::with_capacity(value.len() + 2);
            out.push('"');
            for c in value.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if c < ' ' => {
                        let _ = write!(out, "\\u{:04X}", u32::from(c));
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            if let Some(kind) = kind {
                out.push_str("^^");
                out.push_str(kind);
            }
            out
        }
    }
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The EU file-type URI for a format, where there is one.
fn file_type(format: &str) -> Option<String> {
    let code = match format {
        "CSV" | "JSON" | "XML" | "RDF" | "PDF" | "ZIP" | "ODS" | "XLSX" | "XLS" | "GEOJSON"
        | "HTML" | "ATOM" => format,
        "TTL" => "RDF_TURTLE",
        "JSON-LD" => "JSON_LD",
        _ => return None,
    };
    Some(format!(
        "http://publications.europa.eu/resource/authority/file-type/{code}"
    ))
}

/// The IANA media type of a format.
pub fn media_type(format: &str) -> &'static str {
    match format {
        "CSV" => "text/csv",
        "JSON" => "application/json",
        "ATOM" => "application/atom+xml",
        "XML" => "application/xml",
        "GEOJSON" => "application/geo+json",
        "PDF" => "application/pdf",
        "ZIP" => "application/zip",
        "XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ODS" => "application/vnd.oasis.opendocument.spreadsheet",
        "TTL" => "text/turtle",
        "RDF" => "application/rdf+xml",
        "XLS" => "application/vnd.ms-excel",
        "JSON-LD" => "application/ld+json",
        _ => "text/html",
    }
}

/// Adds `dataset` to `graph`, returning its IRI.
pub fn add_dataset(graph: &mut Graph, base: &str, d: &CatalogueDataset) -> String {
    let page = absolute(base, &dataset_page(&d.name));
    let mut node = Node::new(Term::Iri(page.clone()), "dcat:Dataset");
    node.text("dct:title", &d.title);
    node.text("dct:description", &d.description);
    node.text("dct:identifier", &d.name);
    node.typed("dct:issued", rfc3339(d.created_at), "xsd:dateTime");
    node.typed("dct:modified", rfc3339(d.modified_at), "xsd:dateTime");
    node.iri("dcat:landingPage", page.clone());
    let publisher = absolute(base, &format!("/bodies/{}", d.body));
    node.iri("dct:publisher", publisher.clone());
    for tag in &d.tags {
        node.text("dcat:keyword", tag);
    }
    if let Some(theme) = d.theme() {
        node.iri("dcat:theme", theme.uri());
    }
    node.iri("dct:accrualPeriodicity", d.frequency.uri());
    let licence = d.licence().filter(|l| !l.url.is_empty());
    if let Some(l) = licence {
        node.iri("dct:license", l.url);
    }
    let mut extra = Vec::new();
    if d.temporal_start.is_some() || d.temporal_end.is_some() {
        let blank = graph.blank();
        let mut period = Node::new(blank.clone(), "dct:PeriodOfTime");
        if let Some(start) = d.temporal_start {
            period.typed("dcat:startDate", start.to_string(), "xsd:date");
        }
        if let Some(end) = d.temporal_end {
            period.typed("dcat:endDate", end.to_string(), "xsd:date");
        }
        node.props.push(("dct:temporal", blank));
        extra.push(period);
    }
    if !d.spatial.is_empty() {
        let blank = graph.blank();
        let mut place = Node::new(blank.clone(), "dct:Location");
        place.text("skos:prefLabel", &d.spatial);
        node.props.push(("dct:spatial", blank));
        extra.push(place);
    }
    if !d.contact_email.is_empty() || !d.contact_name.is_empty() {
        let blank = graph.blank();
        let mut contact = Node::new(blank.clone(), "vcard:Organization");
        contact.text(
            "vcard:fn",
            if d.contact_name.is_empty() {
                d.body_name.as_str()
            } else {
                d.contact_name.as_str()
            },
        );
        if !d.contact_email.is_empty() {
            contact.iri("vcard:hasEmail", format!("mailto:{}", d.contact_email));
        }
        node.props.push(("dcat:contactPoint", blank));
        extra.push(contact);
    }
    let mut distributions = Vec::new();
    for r in &d.resources {
        let id = absolute(
            base,
            &format!("{}/resources/{}", dataset_page(&d.name), r.id),
        );
        node.iri("dcat:distribution", id.clone());
        let mut dist = Node::new(Term::Iri(id), "dcat:Distribution");
        dist.text("dct:title", &r.name);
        dist.text("dct:description", &r.description);
        let url = absolute(base, &r.url);
        dist.iri("dcat:accessURL", url.clone());
        dist.iri("dcat:downloadURL", url);
        if let Some(kind) = file_type(&r.format) {
            dist.iri("dct:format", kind);
        }
        dist.iri(
            "dcat:mediaType",
            format!(
                "http://www.iana.org/assignments/media-types/{}",
                media_type(&r.format)
            ),
        );
        if let Some(l) = licence {
            dist.iri("dct:license", l.url);
        }
        if crate::catalogue::paths::is_described_table(r) {
            dist.iri(
                "dct:conformsTo",
                absolute(base, &crate::catalogue::paths::csvw_path(&d.name, &r.id)),
            );
        }
        distributions.push(dist);
    }
    graph.nodes.push(node);
    let mut agent = Node::new(Term::Iri(publisher), "foaf:Organization");
    agent.text("foaf:name", &d.body_name);
    graph.nodes.push(agent);
    graph.nodes.extend(extra);
    graph.nodes.extend(distributions);
    page
}

/// One dataset's graph.
pub fn dataset_graph(base: &str, d: &CatalogueDataset) -> Graph {
    let mut graph = Graph::default();
    add_dataset(&mut graph, base, d);
    graph
}

/// Where a page of the catalogue is.
pub struct CataloguePage {
    /// Page number, from 1.
    pub page: i64,
    /// Datasets per page.
    pub per_page: i64,
    /// Datasets in the whole catalogue.
    pub total: i64,
    /// The file name asked for (`dcat.jsonld` or `dcat.ttl`), for paging links.
    pub file: &'static str,
}

/// A page of the whole catalogue as a `dcat:Catalog`, with Hydra paging as CKAN's DCAT
/// extension publishes it.
pub fn catalogue_graph(base: &str, datasets: &[CatalogueDataset], at: &CataloguePage) -> Graph {
    let mut graph = Graph::default();
    let catalogue = absolute(base, "/catalogue");
    let mut node = Node::new(Term::Iri(catalogue.clone()), "dcat:Catalog");
    node.text("dct:title", "Civic open data");
    node.text(
        "dct:description",
        "Open data published by public bodies through Civic: service registers, requests, \
         performance, spending and the datasets their staff publish.",
    );
    node.iri("foaf:homepage", catalogue.clone());
    node.iri("dct:license", civic_domain::catalogue::LICENCES[0].url);
    // DCAT-AP requires the catalogue's publisher: the deployment that runs it.
    let deployment = absolute(base, "/");
    node.iri("dct:publisher", deployment.clone());
    let mut operator = Node::new(Term::Iri(deployment), "foaf:Agent");
    operator.text("foaf:name", "Civic");
    let mut rest = Graph {
        nodes: Vec::new(),
        blanks: 0,
    };
    for d in datasets {
        let iri = add_dataset(&mut rest, base, d);
        node.iri("dcat:dataset", iri);
    }
    let last = ((at.total + at.per_page - 1) / at.per_page).max(1);
    let page_url = |n: i64| absolute(base, &format!("/catalogue/{}?page={n}", at.file));
    let mut paging = Node::new(Term::Iri(page_url(at.page)), "hydra:PagedCollection");
    paging.typed("hydra:totalItems", at.total.to_string(), "xsd:integer");
    paging.typed("hydra:itemsPerPage", at.per_page.to_string(), "xsd:integer");
    paging.iri("hydra:firstPage", page_url(1));
    paging.iri("hydra:lastPage", page_url(last));
    if at.page > 1 {
        paging.iri("hydra:previousPage", page_url(at.page - 1));
    }
    if at.page < last {
        paging.iri("hydra:nextPage", page_url(at.page + 1));
    }
    graph.nodes.push(node);
    graph.nodes.push(operator);
    graph.nodes.push(paging);
    graph.nodes.extend(rest.nodes);
    graph
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turtle_escapes_literals_and_iris() {
        assert_eq!(
            turtle_term(&Term::Literal("a \"b\"\n\\".into(), None)),
            "\"a \\\"b\\\"\\n\\\\\""
        );
        assert_eq!(
            turtle_term(&Term::Iri("https://x.org/a b<c>".into())),
            "<https://x.org/a%20b%3Cc%3E>"
        );
        assert_eq!(
            turtle_term(&Term::Literal("2026-01-01".into(), Some("xsd:date"))),
            "\"2026-01-01\"^^xsd:date"
        );
    }

    #[test]
    fn one_graph_two_serialisations() {
        let mut graph = Graph::default();
        let blank = graph.blank();
        let mut node = Node::new(Term::Iri("https://x.org/d".into()), "dcat:Dataset");
        node.text("dct:title", "Roads");
        node.text("dcat:keyword", "a");
        node.text("dcat:keyword", "b");
        node.props.push(("dct:temporal", blank));
        graph.nodes.push(node);
        let ld = graph.to_json_ld();
        assert_eq!(ld["@graph"][0]["dcat:keyword"][1]["@value"], "b");
        assert_eq!(ld["@graph"][0]["dct:temporal"][0]["@id"], "_:b1");
        let ttl = graph.to_turtle();
        assert!(ttl.contains(
            "<https://x.org/d> a dcat:Dataset ;\n    dct:title \"Roads\" ;\n    dcat:keyword \"a\""
        ));
        assert!(ttl.ends_with("dct:temporal _:b1 .\n"));
    }
}
