//! The catalogue's search language: the subset of Solr's query syntax that CKAN clients
//! send in `q` and `fq` — words, "quoted phrases", `field:value`, `AND`/`OR`/`NOT`,
//! `+`/`-` prefixes, parentheses and `*:*`. Adjacent terms must all match, as on CKAN
//! sites configured with `q.op=AND`.

use std::fmt;
use time::OffsetDateTime;

/// A field a term can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Anywhere in the title, name, description, keywords or publisher.
    Text,
    /// The title.
    Title,
    /// The URL name.
    Name,
    /// The description.
    Notes,
    /// A keyword, exactly.
    Tags,
    /// The publishing body's identifier, exactly.
    Organization,
    /// A resource format, such as `CSV`.
    ResFormat,
    /// The licence identifier.
    LicenseId,
    /// The theme code.
    Groups,
    /// Where the content comes from (`service-register`, `upload`, ...).
    Source,
    /// When the dataset last changed (ranges only).
    MetadataModified,
    /// When the dataset was added (ranges only).
    MetadataCreated,
}

impl Field {
    fn parse(name: &str) -> Option<Field> {
        Some(match name {
            "text" => Field::Text,
            "title" | "title_string" => Field::Title,
            "name" => Field::Name,
            "notes" => Field::Notes,
            "tags" | "tag" => Field::Tags,
            "organization" | "owner_org" => Field::Organization,
            "res_format" => Field::ResFormat,
            "license_id" => Field::LicenseId,
            "groups" => Field::Groups,
            "source" => Field::Source,
            "metadata_modified" => Field::MetadataModified,
            "metadata_created" => Field::MetadataCreated,
            _ => return None,
        })
    }

    /// True when a term matches the whole value rather than words within it.
    pub fn is_exact(self) -> bool {
        !matches!(self, Field::Text | Field::Title | Field::Notes)
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// Every dataset.
    All,
    /// A word or phrase in a field (lower case for text fields).
    Term(Field, String),
    /// Datasets the clause does not match.
    Not(Box<Clause>),
    /// Datasets every clause matches.
    And(Vec<Clause>),
    /// Datasets any clause matches.
    Or(Vec<Clause>),
    /// Datasets whose time field lies in a range: each end, if bounded, with whether it
    /// is included (Solr's `[from TO to]`, `{from TO to}`, `*` for open).
    Range(
        Field,
        Option<(OffsetDateTime, bool)>,
        Option<(OffsetDateTime, bool)>,
    ),
}

/// Reads one end of a range: `*`, an RFC 3339 instant, one without an offset (UTC), or a
/// date.
fn range_end(text: &str) -> Result<Option<OffsetDateTime>, QueryError> {
    use time::format_description::well_known::Rfc3339;
    let text = text.trim();
    if text == "*" {
        return Ok(None);
    }
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(Some(t));
    }
    if let Ok(t) = OffsetDateTime::parse(&format!("{text}Z"), &Rfc3339) {
        return Ok(Some(t));
    }
    let day = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = time::Date::parse(text, &day) {
        return Ok(Some(d.midnight().assume_utc()));
    }
    Err(QueryError::said_with(
        "catalogue-query-not-a-time",
        vec![("value", text.to_string())],
        format!(
            "\u{201c}{text}\u{201d} is not a time: write 2026-01-31T00:00:00Z, 2026-01-31 or *"
        ),
    ))
}

/// A search query, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query(pub Clause);

/// Why a query could not be read, in words for the person who typed it: the English (which
/// the CKAN API answers with), and the id of the same message in the interface's message
/// files with its arguments (so a Welsh page can say it in Welsh).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError(pub String, &'static str, Vec<(&'static str, String)>);

impl QueryError {
    /// The message `id` with no arguments, and its English.
    fn said(id: &'static str, english: &str) -> QueryError {
        QueryError(english.to_string(), id, Vec::new())
    }

    /// The message `id` with named arguments, and its English.
    fn said_with(id: &'static str, args: Vec<(&'static str, String)>, english: String) -> Self {
        QueryError(english, id, args)
    }

    /// The message's id in the interface's message files.
    pub fn id(&self) -> &'static str {
        self.1
    }

    /// The message's named arguments, as text.
    pub fn args(&self) -> &[(&'static str, String)] {
        &self.2
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Phrase(String),
    /// `[a TO b]` (true: inclusive) or `{a TO b}`.
    Range(String, String, bool, bool),
    Open,
    Close,
    And,
    Or,
    Not,
    Must,
    Colon,
}

const MAX_QUERY_CHARS: usize = 1000;

fn tokenise(text: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                tokens.push(Token::Open);
            }
            ')' => {
                chars.next();
                tokens.push(Token::Close);
            }
            ':' => {
                chars.next();
                tokens.push(Token::Colon);
                // A range follows a colon: read it whole, as its times hold colons too.
                if let Some(&open @ ('[' | '{')) = chars.peek() {
                    chars.next();
                    let mut inside = String::new();
                    let mut close = None;
                    for c in chars.by_ref() {
                        if c == ']' || c == '}' {
                            close = Some(c);
                            break;
                        }
                        inside.push(c);
                    }
                    let Some(close) = close else {
                        return Err(QueryError::said(
                            "catalogue-query-range-not-closed",
                            "A range is not closed: end it with ] or }",
                        ));
                    };
                    let Some((from, to)) = inside.split_once(" TO ") else {
                        return Err(QueryError::said(
                            "catalogue-query-range-shape",
                            "Write a range as [from TO to], such as [2026-01-01 TO *]",
                        ));
                    };
                    tokens.push(Token::Range(
                        from.to_string(),
                        to.to_string(),
                        open == '[',
                        close == ']',
                    ));
                }
            }
            '"' => {
                chars.next();
                let mut phrase = String::new();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                phrase.push(escaped);
                            }
                        }
                        c => phrase.push(c),
                    }
                }
                if !closed {
                    return Err(QueryError::said(
                        "catalogue-query-quote-not-closed",
                        "A quotation mark is not closed: add the closing \" after the phrase",
                    ));
                }
                tokens.push(Token::Phrase(phrase));
            }
            '-' | '!' if tokens.last() != Some(&Token::Colon) => {
                chars.next();
                tokens.push(Token::Not);
            }
            '+' => {
                chars.next();
                tokens.push(Token::Must);
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | ')' | '"' | ':') {
                        break;
                    }
                    if c == '\\' {
                        chars.next();
                        if let Some(escaped) = chars.next() {
                            word.push(escaped);
                        }
                        continue;
                    }
                    word.push(c);
                    chars.next();
                }
                tokens.push(match word.as_str() {
                    "AND" | "&&" => Token::And,
                    "OR" | "||" => Token::Or,
                    "NOT" => Token::Not,
                    _ => Token::Word(word),
                });
            }
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

/// How deeply brackets and NOTs may nest (databases limit expression depth).
const MAX_DEPTH: usize = 32;

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn or(&mut self, field: Field) -> Result<Clause, QueryError> {
        let mut parts = vec![self.and(field)?];
        while self.peek() == Some(&Token::Or) {
            self.next();
            if matches!(self.peek(), None | Some(Token::Close)) {
                return Err(QueryError::said(
                    "catalogue-query-or-alone",
                    "OR must have a search term after it",
                ));
            }
            parts.push(self.and(field)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Clause::Or(parts)
        })
    }

    fn and(&mut self, field: Field) -> Result<Clause, QueryError> {
        let mut parts = vec![self.unary(field)?];
        loop {
            match self.peek() {
                None | Some(Token::Close) | Some(Token::Or) => break,
                Some(Token::And) => {
                    self.next();
                    if matches!(self.peek(), None | Some(Token::Close) | Some(Token::Or)) {
                        return Err(QueryError::said(
                            "catalogue-query-and-alone",
                            "AND must have a search term after it",
                        ));
                    }
                }
                _ => {}
            }
            parts.push(self.unary(field)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Clause::And(parts)
        })
    }

    fn unary(&mut self, field: Field) -> Result<Clause, QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError::said_with(
                "catalogue-query-too-deep",
                vec![("max", MAX_DEPTH.to_string())],
                format!(
                    "The query nests too deeply: use at most {MAX_DEPTH} brackets or NOTs inside \
                     each other"
                ),
            ));
        }
        let clause = self.unary_inner(field);
        self.depth -= 1;
        clause
    }

    fn unary_inner(&mut self, field: Field) -> Result<Clause, QueryError> {
        match self.peek() {
            Some(Token::Not) => {
                self.next();
                if matches!(self.peek(), None | Some(Token::Close)) {
                    return Err(QueryError::said(
                        "catalogue-query-not-alone",
                        "NOT must have a search term after it",
                    ));
                }
                Ok(Clause::Not(Box::new(self.unary(field)?)))
            }
            Some(Token::Must) => {
                self.next();
                self.unary(field)
            }
            _ => self.primary(field),
        }
    }

    fn primary(&mut self, field: Field) -> Result<Clause, QueryError> {
        match self.next() {
            Some(Token::Open) => {
                if self.peek() == Some(&Token::Close) {
                    return Err(QueryError::said(
                        "catalogue-query-brackets-empty",
                        "Brackets must contain a search term",
                    ));
                }
                let inner = self.or(field)?;
                match self.next() {
                    Some(Token::Close) => Ok(inner),
                    _ => Err(QueryError::said(
                        "catalogue-query-bracket-not-closed",
                        "A bracket is not closed: add the closing ) after the terms",
                    )),
                }
            }
            Some(Token::Close) => Err(QueryError::said(
                "catalogue-query-bracket-not-opened",
                "A closing bracket ) has no opening bracket before it",
            )),
            Some(Token::Word(word)) if self.peek() == Some(&Token::Colon) => {
                self.next();
                // Every dataset here is of CKAN's type "dataset", as harvesters ask.
                if word == "dataset_type" || word == "type" {
                    return match self.next() {
                        Some(Token::Word(w) | Token::Phrase(w)) if w == "dataset" => {
                            Ok(Clause::All)
                        }
                        Some(Token::Word(_) | Token::Phrase(_)) => {
                            Ok(Clause::Not(Box::new(Clause::All)))
                        }
                        _ => Err(QueryError::said_with(
                            "catalogue-query-type-value-missing",
                            vec![("field", word.clone())],
                            format!(
                                "Give a value after \u{201c}{word}:\u{201d}, such as \
                                 {word}:dataset"
                            ),
                        )),
                    };
                }
                if word == "*" {
                    return match self.next() {
                        Some(Token::Word(w)) if w == "*" => Ok(Clause::All),
                        _ => Err(QueryError::said(
                            "catalogue-query-match-all",
                            "Write *:* to match every dataset",
                        )),
                    };
                }
                let named = Field::parse(&word).ok_or_else(|| {
                    QueryError::said_with(
                        "catalogue-query-no-such-field",
                        vec![("field", word.clone())],
                        format!(
                            "There is no field called \u{201c}{word}\u{201d}: search title, \
                             name, notes, tags, organization, res_format, license_id, groups or \
                             source"
                        ),
                    )
                })?;
                if let Some(Token::Range(from, to, from_in, to_in)) = self.peek().cloned() {
                    self.next();
                    if !matches!(named, Field::MetadataModified | Field::MetadataCreated) {
                        return Err(QueryError::said_with(
                            "catalogue-query-range-not-taken",
                            vec![("field", word.clone())],
                            format!(
                                "Only metadata_modified and metadata_created take a range, not \
                                 {word}"
                            ),
                        ));
                    }
                    return Ok(Clause::Range(
                        named,
                        range_end(&from)?.map(|t| (t, from_in)),
                        range_end(&to)?.map(|t| (t, to_in)),
                    ));
                }
                if matches!(named, Field::MetadataModified | Field::MetadataCreated) {
                    return Err(QueryError::said_with(
                        "catalogue-query-range-needed",
                        vec![("field", word.clone())],
                        format!(
                            "Search {word} with a range, such as {word}:[2026-01-01T00:00:00Z TO *]"
                        ),
                    ));
                }
                match self.peek() {
                    Some(Token::Word(_)) | Some(Token::Phrase(_)) | Some(Token::Open) => {
                        self.primary(named)
                    }
                    _ => Err(QueryError::said_with(
                        "catalogue-query-value-missing",
                        vec![("field", word.clone())],
                        format!(
                            "Give a value after \u{201c}{word}:\u{201d}, such as {word}:example"
                        ),
                    )),
                }
            }
            Some(Token::Word(word)) => Ok(term(field, &word)),
            Some(Token::Phrase(phrase)) => Ok(term(field, &phrase)),
            Some(Token::Colon) => Err(QueryError::said(
                "catalogue-query-colon-alone",
                "A colon must follow a field name, as in title:roads",
            )),
            Some(Token::And) | Some(Token::Or) => Err(QueryError::said(
                "catalogue-query-and-or-alone",
                "AND and OR must come between two search terms",
            )),
            Some(Token::Range(..)) => Err(QueryError::said(
                "catalogue-query-range-alone",
                "A range must follow a field, as in metadata_modified:[2026-01-01 TO *]",
            )),
            Some(Token::Not) | Some(Token::Must) | None => Err(QueryError::said(
                "catalogue-query-ends-early",
                "The query ends where a search term was expected",
            )),
        }
    }
}

fn term(field: Field, value: &str) -> Clause {
    if value == "*" {
        return Clause::All;
    }
    // Stored formats are upper case, licence identifiers as published, everything else
    // lower case.
    let value = match field {
        Field::ResFormat => value.to_uppercase(),
        Field::LicenseId => value.to_string(),
        _ => value.to_lowercase(),
    };
    Clause::Term(field, value)
}

impl Query {
    /// Reads `text`; empty text matches every dataset.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(QueryError::said_with(
                "catalogue-query-too-long",
                vec![("max", MAX_QUERY_CHARS.to_string())],
                format!("The query is too long: use at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let tokens = tokenise(text)?;
        if tokens.is_empty() {
            return Ok(Query(Clause::All));
        }
        let mut parser = Parser {
            tokens,
            at: 0,
            depth: 0,
        };
        let clause = parser.or(Field::Text)?;
        match parser.next() {
            None => Ok(Query(clause)),
            Some(Token::Close) => Err(QueryError::said(
                "catalogue-query-bracket-not-opened",
                "A closing bracket ) has no opening bracket before it",
            )),
            Some(_) => Err(QueryError::said(
                "catalogue-query-unread",
                "The query could not be read to the end",
            )),
        }
    }

    /// Both queries at once.
    pub fn and(self, other: Query) -> Query {
        match (self.0, other.0) {
            (Clause::All, c) | (c, Clause::All) => Query(c),
            (a, b) => Query(Clause::And(vec![a, b])),
        }
    }

    /// The plain words a person searched for, for highlighting relevance (text terms not
    /// under NOT).
    pub fn words(&self) -> Vec<String> {
        fn collect(c: &Clause, out: &mut Vec<String>) {
            match c {
                Clause::Term(Field::Text | Field::Title, w) => out.push(w.clone()),
                Clause::And(cs) | Clause::Or(cs) => cs.iter().for_each(|c| collect(c, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        collect(&self.0, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Query;

    #[test]
    fn errors_carry_a_message_id_and_its_arguments() {
        let Err(e) = Query::parse("colour:red") else {
            panic!("colour:red parsed");
        };
        assert_eq!(e.id(), "catalogue-query-no-such-field");
        assert_eq!(e.args(), [("field", "colour".to_string())]);
        assert!(e.0.starts_with("There is no field called \u{201c}colour\u{201d}"));
        let Err(e) = Query::parse("(roads") else {
            panic!("(roads parsed");
        };
        assert_eq!(e.id(), "catalogue-query-bracket-not-closed");
        assert!(e.args().is_empty());
    }
}
