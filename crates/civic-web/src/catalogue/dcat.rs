//! DCAT-AP metadata as a small RDF graph, written as JSON-LD or Turtle.

use crate::app::layout::absolute;
use crate::app::layout::rfc3339;
use crate::catalogue::paths::dataset_page;
use civic_domain::catalogue::{AccessRights, CatalogueDataset, Frequency, Licence, Theme};
use serde_json::Map;
use serde_json::Value;
use serde_json::json;
use std::collections::HashSet;
use std::fmt::Write as _;

/// The vocabularies used, as (prefix, namespace).
const PREFIXES: [(&str, &str); 9] = [
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("vcard", "http://www.w3.org/2006/vcard/ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("hydra", "http://www.w3.org/ns/hydra/core#"),
    ("csvw", "http://www.w3.org/ns/csvw#"),
];

/// An RDF term.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Term {
    /// A web identifier.
    Iri(String),
    /// A node with no identifier of its own (`_:label`).
    Blank(String),
    /// A value, with its datatype (a prefixed name such as `xsd:date`) when not a string.
    Literal(String, Option<&'static str>),
    /// Text in a language, with its BCP 47 tag (`en`, `cy`).
    Tagged(String, &'static str),
}

/// One subject and what is said about it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

    /// The same node, also of class `kind`.
    fn and(mut self, kind: &'static str) -> Node {
        self.types.push(kind);
        self
    }

    /// Links to `target`, which is kept in `terms` for the graph to describe.
    fn link(&mut self, predicate: &'static str, target: Node, terms: &mut Vec<Node>) {
        self.props.push((predicate, target.id.clone()));
        terms.push(target);
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

    /// Text in English and in Welsh: two literals tagged `en` and `cy` when there is Welsh,
    /// else the English alone, untagged as before.
    fn texts(&mut self, predicate: &'static str, en: &str, cy: &str) {
        if cy.trim().is_empty() {
            self.text(predicate, en);
        } else {
            if !en.is_empty() {
                self.props
                    .push((predicate, Term::Tagged(en.to_string(), "en")));
            }
            self.props
                .push((predicate, Term::Tagged(cy.to_string(), "cy")));
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
    /// The nodes `describe` has added, so that each is written once.
    described: HashSet<Node>,
}

impl Graph {
    fn blank(&mut self) -> Term {
        self.blanks += 1;
        Term::Blank(format!("b{}", self.blanks))
    }

    /// Adds `node`, something the graph links to (a vocabulary term, a document, an
    /// agent), unless the graph already holds it. DCAT-AP's shapes check the class of
    /// what each property points at, so these are typed in the graph itself rather than
    /// left to a reader who knows the vocabularies (SEMICeu/DCAT-AP#125).
    fn describe(&mut self, node: Node) {
        if self.described.insert(node.clone()) {
            self.nodes.push(node);
        }
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
            Term::Literal(v, _) | Term::Tagged(v, _) => v.clone(),
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
                        Term::Tagged(v, lang) => json!({"@value": v, "@language": lang}),
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

/// A string as Turtle quotes it.
fn turtle_string(value: &str) -> String {
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
    out
}

fn turtle_term(term: &Term) -> String {
    match term {
        Term::Iri(iri) => turtle_iri(iri),
        Term::Blank(label) => format!("_:{label}"),
        Term::Literal(value, kind) => {
            let mut out = turtle_string(value);
            if let Some(kind) = kind {
                out.push_str("^^");
                out.push_str(kind);
            }
            out
        }
        Term::Tagged(value, lang) => format!("{}@{lang}", turtle_string(value)),
    }
}

/// The EU file-type URI for a format, where there is one, with the type's name.
fn file_type(format: &str) -> Option<(String, &'static str)> {
    let (code, label) = match format {
        "CSV" => ("CSV", "CSV"),
        "JSON" => ("JSON", "JSON"),
        "XML" => ("XML", "XML"),
        "RDF" => ("RDF", "RDF"),
        "PDF" => ("PDF", "PDF"),
        "ZIP" => ("ZIP", "ZIP"),
        "ODS" => ("ODS", "ODS"),
        "XLSX" => ("XLSX", "XLSX"),
        "XLS" => ("XLS", "XLS"),
        "GEOJSON" => ("GEOJSON", "GeoJSON"),
        "HTML" => ("HTML", "HTML"),
        "ATOM" => ("ATOM", "Atom feed"),
        "TTL" => ("RDF_TURTLE", "RDF Turtle"),
        "JSON-LD" => ("JSON_LD", "JSON-LD"),
        _ => return None,
    };
    Some((
        format!("http://publications.europa.eu/resource/authority/file-type/{code}"),
        label,
    ))
}

/// The IANA media type of a format (`text/html` when Civic does not know it: a link to a
/// page).
pub fn media_type(format: &str) -> &'static str {
    iana_media_type(format).unwrap_or("text/html")
}

/// The IANA media type of a format Civic knows.
fn iana_media_type(format: &str) -> Option<&'static str> {
    Some(match format {
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
        "HTML" => "text/html",
        _ => return None,
    })
}

/// A term of one of the EU's authority tables (file types, frequencies, data themes): a
/// SKOS concept with its label, in the table its URI is under, and of class `kind` too
/// where DCAT-AP asks for one.
fn concept(iri: &str, kind: Option<&'static str>, label: &str) -> Node {
    let mut node = Node::new(Term::Iri(iri.to_string()), "skos:Concept");
    node.types.extend(kind);
    node.text("skos:prefLabel", label);
    if let Some((scheme, _)) = iri.rsplit_once('/') {
        node.iri("skos:inScheme", scheme);
    }
    node
}

/// A data theme, as a concept.
fn theme(t: &Theme) -> Node {
    concept(&t.uri(), None, t.title)
}

/// An update frequency, as a concept and a `dct:Frequency`.
fn frequency(f: Frequency) -> Node {
    concept(f.uri(), Some("dct:Frequency"), f.label())
}

/// Who may download the files, as the EU access-right vocabulary's concept and a
/// `dct:RightsStatement` (DCAT-AP's range for `dct:accessRights`).
fn access_rights(a: AccessRights) -> Node {
    let label = match a {
        AccessRights::Public => "Public",
        AccessRights::Restricted => "Restricted",
    };
    concept(a.uri(), Some("dct:RightsStatement"), label)
}

/// A licence: its text's address is its IRI.
fn licence_document(l: &Licence) -> Node {
    let mut node = Node::new(Term::Iri(l.url.to_string()), "dct:LicenseDocument");
    node.text("dct:title", l.title);
    node.text("dct:identifier", l.id);
    node
}

/// A format's IANA media type, as a `dct:MediaType`, when Civic knows it.
fn media_type_node(format: &str) -> Option<Node> {
    let kind = iana_media_type(format)?;
    let mut node = Node::new(
        Term::Iri(format!(
            "http://www.iana.org/assignments/media-types/{kind}"
        )),
        "dct:MediaType",
    );
    node.text("rdfs:label", kind);
    Some(node)
}

/// A web page (a landing page, a home page).
fn document(iri: &str) -> Node {
    Node::new(Term::Iri(iri.to_string()), "foaf:Document")
}

/// Adds `dataset` to `graph`, returning its IRI.
pub fn add_dataset(graph: &mut Graph, base: &str, d: &CatalogueDataset) -> String {
    let page = absolute(base, &dataset_page(&d.name));
    // What the dataset and its distributions link to, described after them.
    let mut terms = Vec::new();
    let mut node = Node::new(Term::Iri(page.clone()), "dcat:Dataset");
    node.texts("dct:title", &d.title, &d.title_cy);
    node.texts("dct:description", &d.description, &d.description_cy);
    node.text("dct:identifier", &d.name);
    node.typed("dct:issued", rfc3339(d.created_at), "xsd:dateTime");
    node.typed("dct:modified", rfc3339(d.modified_at), "xsd:dateTime");
    node.link("dcat:landingPage", document(&page), &mut terms);
    let publisher = absolute(base, &format!("/bodies/{}", d.body));
    let mut agent = Node::new(Term::Iri(publisher.clone()), "foaf:Organization").and("foaf:Agent");
    agent.texts("foaf:name", &d.body_name, &d.body_name_cy);
    node.link("dct:publisher", agent, &mut terms);
    for tag in &d.tags {
        node.text("dcat:keyword", tag);
    }
    if let Some(t) = d.theme() {
        node.link("dcat:theme", theme(t), &mut terms);
    }
    node.link("dct:accrualPeriodicity", frequency(d.frequency), &mut terms);
    node.link("dct:accessRights", access_rights(d.access), &mut terms);
    let licence = d.licence().filter(|l| !l.url.is_empty());
    if let Some(l) = licence {
        node.link("dct:license", licence_document(l), &mut terms);
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
        let mut contact = Node::new(blank.clone(), "vcard:Kind").and("vcard:Organization");
        contact.text(
            "vcard:fn",
            if d.contact_name.is_empty() {
                d.body_name.as_str()
            } else {
                d.contact_name.as_str()
            },
        );
        if d.contact_email.is_empty() {
            // A contact named without an address is reached through the body's page.
            contact.iri("vcard:hasURL", publisher.clone());
        } else {
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
        dist.texts("dct:title", &r.name, &r.name_cy);
        dist.texts("dct:description", &r.description, &r.description_cy);
        let url = Node::new(Term::Iri(absolute(base, &r.url)), "rdfs:Resource");
        dist.link("dcat:accessURL", url.clone(), &mut terms);
        dist.link("dcat:downloadURL", url, &mut terms);
        if let Some((iri, label)) = file_type(&r.format) {
            let kind = concept(&iri, Some("dct:MediaTypeOrExtent"), label);
            dist.link("dct:format", kind, &mut terms);
        }
        if let Some(kind) = media_type_node(&r.format) {
            dist.link("dcat:mediaType", kind, &mut terms);
        }
        if let Some(l) = licence {
            dist.link("dct:license", licence_document(l), &mut terms);
        }
        if crate::catalogue::paths::is_described_table(r) {
            let csvw = absolute(base, &crate::catalogue::paths::csvw_path(&d.name, &r.id));
            let mut schema = Node::new(Term::Iri(csvw), "dct:Standard");
            schema.text(
                "dct:title",
                format!("CSV on the Web metadata of \u{201c}{}\u{201d}", r.name),
            );
            dist.link("dct:conformsTo", schema, &mut terms);
        }
        distributions.push(dist);
    }
    graph.nodes.push(node);
    graph.nodes.extend(extra);
    graph.nodes.extend(distributions);
    for term in terms {
        graph.describe(term);
    }
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
    let mut terms = Vec::new();
    let catalogue = absolute(base, "/catalogue");
    let mut node = Node::new(Term::Iri(catalogue.clone()), "dcat:Catalog");
    node.texts("dct:title", "Civic open data", "Data agored Civic");
    node.texts(
        "dct:description",
        "Open data published by public bodies through Civic: service registers, requests, \
         performance, spending and the datasets their staff publish.",
        "Data agored y mae cyrff cyhoeddus yn ei gyhoeddi drwy Civic: cofrestrau \
         gwasanaethau, ceisiadau, perfformiad, gwariant a'r setiau data y mae eu staff yn eu \
         cyhoeddi.",
    );
    node.link("foaf:homepage", document(&catalogue), &mut terms);
    node.link(
        "dct:license",
        licence_document(&civic_domain::catalogue::LICENCES[0]),
        &mut terms,
    );
    // DCAT-AP requires the catalogue's publisher: the deployment that runs it.
    let mut operator = Node::new(Term::Iri(absolute(base, "/")), "foaf:Agent");
    operator.text("foaf:name", "Civic");
    node.link("dct:publisher", operator, &mut terms);
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
    for term in terms {
        graph.describe(term);
    }
    graph.nodes.push(paging);
    for d in datasets {
        let iri = add_dataset(&mut graph, base, d);
        node.iri("dcat:dataset", iri);
    }
    graph.nodes.insert(0, node);
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

    use civic_domain::catalogue::{Column, ColumnType, DatasetSource, Resource};

    fn sample(contact_email: &str) -> CatalogueDataset {
        let now = time::OffsetDateTime::UNIX_EPOCH;
        let resource = |id: &str, format: &str, url: &str, hosted: bool| Resource {
            id: id.into(),
            name: format!("Roads {format}"),
            description: String::new(),
            format: format.into(),
            url: url.into(),
            columns: vec![Column::new("length_m", ColumnType::Integer, "Metres")],
            hosted,
            ..Resource::default()
        };
        CatalogueDataset {
            id: 1,
            name: "northshire--roads".into(),
            body: "northshire".into(),
            body_name: "Northshire".into(),
            body_name_cy: String::new(),
            source: DatasetSource::Upload,
            title: "Roads".into(),
            description: "Every road the council maintains.".into(),
            title_cy: String::new(),
            description_cy: String::new(),
            licence: "CC-BY-4.0".into(),
            frequency: Frequency::Monthly,
            theme: "tran".into(),
            tags: vec!["roads".into()],
            temporal_start: Some(time::macros::date!(2025 - 01 - 01)),
            temporal_end: None,
            spatial: "Northshire".into(),
            contact_name: "Highways".into(),
            contact_email: contact_email.into(),
            access: AccessRights::Restricted,
            how_to_apply: "Ask the data protection officer.".into(),
            created_at: now,
            modified_at: now,
            resources: vec![
                resource(
                    "r1",
                    "CSV",
                    "/datasets/northshire--roads/resources/r1.csv",
                    true,
                ),
                resource("r2", "TTL", "https://data.example.org/roads.ttl", false),
                resource("r3", "DOCX", "https://data.example.org/roads.docx", false),
            ],
        }
    }

    /// The classes DCAT-AP 3.0.0's shapes require (`sh:class`) of what these properties
    /// point at.
    const RANGES: [(&str, &str); 17] = [
        ("dct:accessRights", "dct:RightsStatement"),
        ("dcat:dataset", "dcat:Dataset"),
        ("dcat:distribution", "dcat:Distribution"),
        ("dcat:landingPage", "foaf:Document"),
        ("foaf:homepage", "foaf:Document"),
        ("dct:publisher", "foaf:Agent"),
        ("dcat:theme", "skos:Concept"),
        ("dct:accrualPeriodicity", "dct:Frequency"),
        ("dct:license", "dct:LicenseDocument"),
        ("dct:temporal", "dct:PeriodOfTime"),
        ("dct:spatial", "dct:Location"),
        ("dcat:contactPoint", "vcard:Kind"),
        ("dcat:accessURL", "rdfs:Resource"),
        ("dcat:downloadURL", "rdfs:Resource"),
        ("dct:format", "dct:MediaTypeOrExtent"),
        ("dcat:mediaType", "dct:MediaType"),
        ("dct:conformsTo", "dct:Standard"),
    ];

    /// Every object of a property in `RANGES` has the class it requires in the graph
    /// itself, every concept has a label, and each linked term is written once. Returns
    /// how many links were checked.
    fn assert_typed(graph: &Graph) -> usize {
        let has = |id: &Term, kind: &str| {
            graph
                .nodes
                .iter()
                .any(|n| &n.id == id && n.types.contains(&kind))
        };
        let mut checked = 0;
        for node in &graph.nodes {
            for (predicate, object) in &node.props {
                let Some((_, kind)) = RANGES.iter().find(|(p, _)| p == predicate) else {
                    continue;
                };
                assert!(has(object, kind), "{predicate} {object:?} is not a {kind}");
                checked += 1;
            }
            if node.types.contains(&"skos:Concept") {
                assert!(
                    node.props.iter().any(|(p, _)| *p == "skos:prefLabel"),
                    "{node:?} has no skos:prefLabel"
                );
            }
            let copies = graph.nodes.iter().filter(|n| *n == node).count();
            assert_eq!(copies, 1, "{node:?} is written {copies} times");
        }
        checked
    }

    #[test]
    fn what_a_dataset_links_to_is_typed_as_dcat_ap_requires() {
        let graph = dataset_graph("https://civic.example", &sample("roads@northshire.example"));
        assert_eq!(graph.nodes[0].types, vec!["dcat:Dataset"]);
        assert_eq!(assert_typed(&graph), 26);
        let ttl = graph.to_turtle();
        for expected in [
            "<https://civic.example/datasets/northshire--roads> a foaf:Document .",
            "<https://civic.example/bodies/northshire> a foaf:Organization, foaf:Agent ;\n    foaf:name \"Northshire\" .",
            "<https://creativecommons.org/licenses/by/4.0/> a dct:LicenseDocument ;\n    dct:title \"Creative Commons Attribution 4.0\" ;\n    dct:identifier \"CC-BY-4.0\" .",
            "<http://publications.europa.eu/resource/authority/frequency/MONTHLY> a skos:Concept, dct:Frequency ;\n    skos:prefLabel \"Monthly\" ;\n    skos:inScheme <http://publications.europa.eu/resource/authority/frequency> .",
            "<http://publications.europa.eu/resource/authority/data-theme/TRAN> a skos:Concept ;\n    skos:prefLabel \"Transport\"",
            "<http://publications.europa.eu/resource/authority/file-type/RDF_TURTLE> a skos:Concept, dct:MediaTypeOrExtent ;\n    skos:prefLabel \"RDF Turtle\"",
            "<http://www.iana.org/assignments/media-types/text/csv> a dct:MediaType ;\n    rdfs:label \"text/csv\" .",
            "<https://civic.example/datasets/northshire--roads/resources/r1.csv-metadata.json> a dct:Standard",
            "<https://data.example.org/roads.docx> a rdfs:Resource .",
            "a vcard:Kind, vcard:Organization ;\n    vcard:fn \"Highways\" ;\n    vcard:hasEmail <mailto:roads@northshire.example> .",
        ] {
            assert!(ttl.contains(expected), "{expected}\nnot in\n{ttl}");
        }
        // A format Civic does not know is not given a file type or media type.
        assert!(
            !ttl.contains("file-type/DOCX") && !ttl.contains("media-types/text/html"),
            "{ttl}"
        );
    }

    #[test]
    fn welsh_titles_and_descriptions_are_tagged_beside_the_english() {
        let mut d = sample("roads@northshire.example");
        d.title_cy = "Ffyrdd".into();
        d.description_cy = "Pob ffordd y mae'r cyngor yn ei chynnal.".into();
        d.body_name_cy = "Cyngor Gogledd Swydd".into();
        d.resources[0].name_cy = "Ffyrdd CSV".into();
        let graph = dataset_graph("https://civic.example", &d);
        let ttl = graph.to_turtle();
        for expected in [
            "dct:title \"Roads\"@en ;\n    dct:title \"Ffyrdd\"@cy ;",
            "dct:description \"Pob ffordd y mae'r cyngor yn ei chynnal.\"@cy ;",
            "foaf:name \"Northshire\"@en ;\n    foaf:name \"Cyngor Gogledd Swydd\"@cy .",
            "dct:title \"Roads CSV\"@en ;\n    dct:title \"Ffyrdd CSV\"@cy ;",
            // A distribution with no Welsh keeps its one plain title.
            "dct:title \"Roads TTL\" ;",
            "<http://publications.europa.eu/resource/authority/access-right/RESTRICTED> a skos:Concept, dct:RightsStatement ;\n    skos:prefLabel \"Restricted\"",
        ] {
            assert!(ttl.contains(expected), "{expected}\nnot in\n{ttl}");
        }
        let ld = graph.to_json_ld();
        assert_eq!(
            ld["@graph"][0]["dct:title"],
            json!([{"@value": "Roads", "@language": "en"}, {"@value": "Ffyrdd", "@language": "cy"}])
        );
        // Tags add no links: the graph is typed as before.
        assert_eq!(assert_typed(&graph), 26);
    }

    #[test]
    fn a_contact_without_an_address_is_reached_through_the_publishers_page() {
        let ttl = dataset_graph("https://civic.example", &sample("")).to_turtle();
        assert!(
            ttl.contains("vcard:fn \"Highways\" ;\n    vcard:hasURL <https://civic.example/bodies/northshire> ."),
            "{ttl}"
        );
    }

    #[test]
    fn the_catalogue_types_its_links_and_describes_shared_terms_once() {
        let one = sample("roads@northshire.example");
        let mut two = sample("roads@northshire.example");
        two.name = "northshire--bridges".into();
        two.title = "Bridges".into();
        let at = CataloguePage {
            page: 1,
            per_page: 100,
            total: 2,
            file: "dcat.ttl",
        };
        let graph = catalogue_graph("https://civic.example", &[one, two], &at);
        assert_eq!(graph.nodes[0].types, vec!["dcat:Catalog"]);
        // The two datasets' 26 links each, and the catalogue's dataset, home page,
        // licence and publisher links.
        assert_eq!(assert_typed(&graph), 2 * 26 + 2 + 3);
        let licences = graph
            .nodes
            .iter()
            .filter(|n| n.types == ["dct:LicenseDocument"])
            .count();
        assert_eq!(
            licences, 2,
            "OGL for the catalogue, CC BY once for both datasets"
        );
    }
}
