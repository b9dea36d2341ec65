//! Civic's search language, the same on both databases: words (all must match, compared by
//! their English stem), `"quoted phrases"`, and `prefix*`. Everything else a person types
//! (punctuation, operators) separates words and is never passed to an engine as syntax.

/// One thing a search asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchTerm {
    /// A word, matched by its stem ("bins" finds "bin").
    Word(String),
    /// The start of a word (`coll*` finds "collection").
    Prefix(String),
    /// Words next to each other, in order.
    Phrase(Vec<String>),
    /// Any of the forms one word takes (a Welsh word and its mutations), each a whole word
    /// or, with `prefix`, the start of one.
    Forms {
        /// The forms, the word as typed first.
        forms: Vec<String>,
        /// Each form is the start of a word.
        prefix: bool,
    },
}

/// A parsed search: every term must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// The terms, at most [`MAX_TERMS`].
    pub terms: Vec<SearchTerm>,
}

/// Terms past this many are ignored: enough for any real question, and a bound on the work.
pub const MAX_TERMS: usize = 12;

/// Words too common to search by, left out of every query (PostgreSQL's English list, so
/// both engines agree on what a query means).
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "did",
    "do",
    "does",
    "doing",
    "don",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Accented vowels Welsh writes (circumflex, acute, grave, diaeresis), lower then upper
/// case, each folded to the letter at the same place in [`PLAIN`]. PostgreSQL's search
/// vectors fold the same letters (migration 0032); SQLite's tokenizer folds every accent.
pub const ACCENTED: &str = "âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿÂÊÎÔÛŴŶÁÉÍÓÚẂÝÀÈÌÒÙẀỲÄËÏÖÜẄŸ";
/// The letters [`ACCENTED`] folds to.
pub const PLAIN: &str = "aeiouwyaeiouwyaeiouwyaeiouwyAEIOUWYAEIOUWYAEIOUWYAEIOUWY";

/// `word` with each letter of [`ACCENTED`] as its plain letter: "dŵr" is "dwr".
pub fn without_accents(word: &str) -> String {
    word.chars()
        .map(|c| {
            ACCENTED
                .chars()
                .position(|a| a == c)
                .and_then(|i| PLAIN.chars().nth(i))
                .unwrap_or(c)
        })
        .collect()
}

/// The words of `text`: runs of letters and digits, lower-cased, accents folded (people
/// type "dwr" for "dŵr").
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| without_accents(&w.to_lowercase()))
        .collect()
}

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

impl SearchQuery {
    /// Parses what a person typed; never fails (what cannot be a term is left out).
    pub fn parse(text: &str) -> SearchQuery {
        let mut terms = Vec::new();
        for (i, part) in text.split('"').enumerate() {
            if i % 2 == 1 {
                // Inside quotes: a phrase (an unclosed quote runs to the end).
                let phrase: Vec<String> = words(part)
                    .into_iter()
                    .filter(|w| !is_stop_word(w))
                    .collect();
                match phrase.len() {
                    0 => {}
                    1 => terms.extend(phrase.into_iter().map(SearchTerm::Word)),
                    _ => terms.push(SearchTerm::Phrase(phrase)),
                }
                continue;
            }
            for chunk in part.split_whitespace() {
                let prefix = chunk.ends_with('*');
                let mut found = words(chunk);
                if prefix && found.len() == 1 {
                    // PostgreSQL drops a stop word even as a prefix; so does Civic, for both.
                    terms.extend(
                        found
                            .pop()
                            .filter(|w| !is_stop_word(w))
                            .map(SearchTerm::Prefix),
                    );
                    continue;
                }
                found.retain(|w| !is_stop_word(w));
                match found.len() {
                    0 => {}
                    1 => terms.extend(found.into_iter().map(SearchTerm::Word)),
                    // "e-mail", "A1234": one thing typed, matched as adjacent words.
                    _ => terms.push(SearchTerm::Phrase(found)),
                }
            }
        }
        terms.truncate(MAX_TERMS);
        SearchQuery { terms }
    }

    /// The same search, each word (or prefix) matching every form Welsh mutation gives it
    /// ("casgliad" finds "gasgliad" and "nghasgliad"). Phrases stay as typed.
    pub fn with_welsh_mutations(self) -> SearchQuery {
        let forms_of = |word: String, prefix: bool| {
            let forms = crate::mutations::mutation_forms(&word);
            if forms.len() == 1 {
                if prefix {
                    SearchTerm::Prefix(word)
                } else {
                    SearchTerm::Word(word)
                }
            } else {
                SearchTerm::Forms { forms, prefix }
            }
        };
        let terms = self
            .terms
            .into_iter()
            .map(|term| match term {
                SearchTerm::Word(w) => forms_of(w, false),
                SearchTerm::Prefix(p) => forms_of(p, true),
                other => other,
            })
            .collect();
        SearchQuery { terms }
    }

    /// True when there is nothing to search for (every service matches).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The query in SQLite FTS5's syntax: each word quoted (so the tokenizer stems it and
    /// nothing is read as an operator), joined by `AND`.
    pub fn to_fts5(&self) -> String {
        self.terms
            .iter()
            .map(|term| match term {
                SearchTerm::Word(w) => format!("\"{w}\""),
                SearchTerm::Prefix(p) => format!("\"{p}\" *"),
                SearchTerm::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
                SearchTerm::Forms { forms, prefix } => format!(
                    "({})",
                    forms
                        .iter()
                        .map(|f| if *prefix {
                            format!("\"{f}\" *")
                        } else {
                            format!("\"{f}\"")
                        })
                        .collect::<Vec<_>>()
                        .join(" OR ")
                ),
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// The query as PostgreSQL `to_tsquery` text: words are letters and digits only, so no
    /// operator can be smuggled in.
    pub fn to_tsquery(&self) -> String {
        self.to_tsquery_weighted("")
    }

    /// As [`SearchQuery::to_tsquery`], matching only lexemes of the given weights (`"A"`
    /// for a tsvector's part weighted A; empty for any).
    pub fn to_tsquery_weighted(&self, weights: &str) -> String {
        let weighted = |w: &str| {
            if weights.is_empty() {
                w.to_string()
            } else {
                format!("{w}:{weights}")
            }
        };
        self.terms
            .iter()
            .map(|term| match term {
                SearchTerm::Word(w) => weighted(w),
                SearchTerm::Prefix(p) => format!("{p}:*{weights}"),
                SearchTerm::Phrase(ws) => format!(
                    "({})",
                    ws.iter()
                        .map(|w| weighted(w))
                        .collect::<Vec<_>>()
                        .join(" <-> ")
                ),
                SearchTerm::Forms { forms, prefix } => format!(
                    "({})",
                    forms
                        .iter()
                        .map(|f| if *prefix {
                            format!("{f}:*{weights}")
                        } else {
                            weighted(f)
                        })
                        .collect::<Vec<_>>()
                        .join(" | ")
                ),
            })
            .collect::<Vec<_>>()
            .join(" & ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn words_phrases_and_prefixes() {
        let q = SearchQuery::parse("Missed BIN \"garden waste\" coll* the");
        assert_eq!(
            q.terms,
            vec![
                SearchTerm::Word("missed".into()),
                SearchTerm::Word("bin".into()),
                SearchTerm::Phrase(vec!["garden".into(), "waste".into()]),
                SearchTerm::Prefix("coll".into()),
            ]
        );
        assert_eq!(
            q.to_fts5(),
            "\"missed\" AND \"bin\" AND \"garden waste\" AND \"coll\" *"
        );
        assert_eq!(q.to_tsquery(), "missed & bin & (garden <-> waste) & coll:*");
    }

    #[test]
    fn accents_fold_as_the_engines_fold_them() {
        assert_eq!(ACCENTED.chars().count(), PLAIN.chars().count());
        assert_eq!(without_accents("dŵr ffôn copïo Ŷ"), "dwr ffon copio Y");
        assert_eq!(
            SearchQuery::parse("Dŵr").terms,
            vec![SearchTerm::Word("dwr".into())]
        );
    }

    #[test]
    fn welsh_words_match_their_mutations() {
        let q = SearchQuery::parse("gasgliad bin* \"treth gyngor\" ar").with_welsh_mutations();
        let fts = q.to_fts5();
        assert!(fts.starts_with("(\"gasgliad\" OR "), "{fts}");
        assert!(fts.contains("\"casgliad\""), "{fts}");
        assert!(fts.contains("\"fin\" *"), "{fts}");
        assert!(
            fts.contains("\"treth gyngor\""),
            "phrases stay as typed: {fts}"
        );
        assert!(
            fts.ends_with("AND \"ar\""),
            "short words stay as typed: {fts}"
        );
        let ts = q.to_tsquery_weighted("A");
        assert!(ts.starts_with("(gasgliad:A | "), "{ts}");
        assert!(ts.contains("casgliad:A"), "{ts}");
        assert!(ts.contains("(bin:*A | fin:*A | min:*A | pin:*A"), "{ts}");
        assert!(ts.contains("(treth:A <-> gyngor:A)"), "{ts}");
    }

    #[test]
    fn operators_and_punctuation_are_never_syntax() {
        let q = SearchQuery::parse("bin' OR 1=1 -- NEAR(a b) & !x | y:* \\");
        for term in &q.terms {
            let text = format!("{term:?}");
            assert!(!text.contains('\''), "{text}");
        }
        assert!(!q.to_tsquery().contains('!'));
        assert!(!q.to_tsquery().contains('|'));
        assert!(SearchQuery::parse("the of and").is_empty());
        assert!(
            SearchQuery::parse("the*").is_empty(),
            "a stop word is no prefix either"
        );
        assert!(SearchQuery::parse("%%% ***").is_empty());
        assert_eq!(
            SearchQuery::parse("100%").terms,
            vec![SearchTerm::Word("100".into())]
        );
        assert_eq!(
            SearchQuery::parse("e-mail").terms,
            vec![SearchTerm::Phrase(vec!["e".into(), "mail".into()])]
        );
        assert_eq!(
            SearchQuery::parse(&"bin ".repeat(50)).terms.len(),
            MAX_TERMS
        );
    }
}
