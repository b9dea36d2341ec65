//! One Open311 document tree, written as XML or JSON.

use axum::http::HeaderValue;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::validation::is_forbidden_char;
use quick_xml::Writer;
use quick_xml::events::BytesDecl;
use quick_xml::events::BytesEnd;
use quick_xml::events::BytesStart;
use quick_xml::events::BytesText;
use quick_xml::events::Event;

/// The two formats Open311 defines, chosen by the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fmt {
    /// `text/xml` (required by the spec).
    Xml,
    /// `application/json`.
    Json,
}

impl Fmt {
    /// Splits `services.json` into (`services`, Json); `None` for another extension.
    pub fn split(file: &str) -> Option<(&str, Fmt)> {
        if let Some(stem) = file.strip_suffix(".xml") {
            Some((stem, Fmt::Xml))
        } else {
            file.strip_suffix(".json").map(|stem| (stem, Fmt::Json))
        }
    }

    /// The format a malformed path should answer in: JSON when it looks like JSON.
    pub fn guess(file: &str) -> Fmt {
        if file.ends_with(".json") {
            Fmt::Json
        } else {
            Fmt::Xml
        }
    }
}

/// A value in an Open311 document.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Text; `None` is an empty element (JSON `null`).
    Text(Option<String>),
    /// A number, written as given.
    Number(Option<f64>),
    /// A whole number.
    Integer(i64),
    /// `true` or `false`.
    Bool(bool),
    /// Named children, in order.
    Object(Vec<(&'static str, Node)>),
    /// Repeated children named `item` (an array in JSON).
    List(&'static str, Vec<Node>),
}

impl Node {
    /// Text from a string.
    pub fn text(s: impl Into<String>) -> Node {
        Node::Text(Some(s.into()))
    }

    /// Text, or an empty element.
    pub fn opt(s: Option<impl Into<String>>) -> Node {
        Node::Text(s.map(Into::into))
    }

    fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Text(t) => t.clone().map(Value::String).unwrap_or(Value::Null),
            Node::Number(n) => n
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Node::Integer(i) => Value::from(*i),
            Node::Bool(b) => Value::Bool(*b),
            Node::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| ((*k).to_string(), v.to_json()))
                    .collect(),
            ),
            Node::List(_, items) => Value::Array(items.iter().map(Node::to_json).collect()),
        }
    }

    fn write_xml(&self, name: &str, w: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
        w.write_event(Event::Start(BytesStart::new(name)))?;
        match self {
            Node::Text(t) => {
                if let Some(t) = t {
                    // Text stored before control characters were refused at the edge still
                    // never makes the document ill-formed.
                    let clean: String = t.chars().filter(|c| !is_forbidden_char(*c)).collect();
                    w.write_event(Event::Text(BytesText::new(&clean)))?;
                }
            }
            Node::Number(n) => {
                if let Some(n) = n {
                    w.write_event(Event::Text(BytesText::new(&n.to_string())))?;
                }
            }
            Node::Integer(i) => w.write_event(Event::Text(BytesText::new(&i.to_string())))?,
            Node::Bool(b) => w.write_event(Event::Text(BytesText::new(if *b {
                "true"
            } else {
                "false"
            })))?,
            Node::Object(fields) => {
                for (k, v) in fields {
                    v.write_xml(k, w)?;
                }
            }
            Node::List(item, items) => {
                for v in items {
                    v.write_xml(item, w)?;
                }
            }
        }
        w.write_event(Event::End(BytesEnd::new(name)))
    }

    /// The document as bytes: XML under `root`, or JSON without it.
    pub fn render(&self, root: &str, fmt: Fmt) -> Vec<u8> {
        match fmt {
            Fmt::Json => serde_json::to_vec(&self.to_json()).unwrap_or_default(),
            Fmt::Xml => {
                let mut w = Writer::new(Vec::new());
                let written = w
                    .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
                    .and_then(|()| self.write_xml(root, &mut w));
                match written {
                    Ok(()) => w.into_inner(),
                    Err(_) => Vec::new(),
                }
            }
        }
    }

    /// An HTTP response with the spec's content type and open CORS (it is public data).
    pub fn respond(&self, status: StatusCode, root: &str, fmt: Fmt) -> Response {
        let content_type = match fmt {
            Fmt::Xml => "text/xml; charset=utf-8",
            Fmt::Json => "application/json; charset=utf-8",
        };
        let mut response = (
            status,
            [(header::CONTENT_TYPE, content_type)],
            self.render(root, fmt),
        )
            .into_response();
        response.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn services() -> Node {
        Node::List(
            "service",
            vec![Node::Object(vec![
                ("service_code", Node::text("001")),
                ("description", Node::Text(None)),
                ("metadata", Node::Bool(true)),
                ("name", Node::text("Cans & <bottles>")),
            ])],
        )
    }

    #[test]
    fn json_drops_the_root_and_lists_become_arrays() {
        let json = String::from_utf8(services().render("services", Fmt::Json)).unwrap();
        assert_eq!(
            json,
            r#"[{"service_code":"001","description":null,"metadata":true,"name":"Cans & <bottles>"}]"#
        );
    }

    #[test]
    fn xml_keeps_wrappers_and_escapes() {
        let xml = String::from_utf8(services().render("services", Fmt::Xml)).unwrap();
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><services><service><service_code>001</service_code><description></description><metadata>true</metadata><name>Cans &amp; &lt;bottles&gt;</name></service></services>"
        );
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(Fmt::split("services.json"), Some(("services", Fmt::Json)));
        assert_eq!(Fmt::split("requests.xml"), Some(("requests", Fmt::Xml)));
        assert_eq!(Fmt::split("requests.csv"), None);
    }
}
