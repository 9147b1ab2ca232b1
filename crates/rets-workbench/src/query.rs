//! Checking a DMQL2 query against a class's metadata before it is sent, with
//! positions the UI can underline (UTF-16 offsets, as JavaScript counts).

use rets_client::Metadata;
use rets_dmql::{QueryError, Span};
use serde::Serialize;
use ts_rs::TS;

/// The outcome of checking a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct QueryCheck {
    /// Problems found; empty when the query can be sent.
    pub issues: Vec<QueryIssue>,
    /// The query in canonical DMQL2, when it parsed.
    pub canonical: Option<String>,
}

/// One problem, located in the query text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct QueryIssue {
    /// What is wrong, for people.
    pub message: String,
    /// The field concerned, if any.
    pub field: Option<String>,
    /// Start of the offending text (UTF-16 code units).
    #[ts(type = "number")]
    pub start: usize,
    /// End of the offending text (UTF-16 code units, exclusive).
    #[ts(type = "number")]
    pub end: usize,
}

impl QueryCheck {
    /// True when nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.issues.is_empty()
    }
}

/// Parses `text` and checks it against `resource`/`class` of `metadata`.
/// Without field metadata for the class only the syntax is checked.
pub fn check(metadata: &Metadata, resource: &str, class: &str, text: &str) -> QueryCheck {
    let result = match metadata.catalog(resource, class) {
        Some(catalog) => rets_dmql::validate_text(text, &catalog),
        None => rets_dmql::parse(text).map_err(QueryError::Parse),
    };
    match result {
        Ok(query) => QueryCheck {
            issues: Vec::new(),
            canonical: Some(query.to_dmql()),
        },
        Err(QueryError::Parse(err)) => QueryCheck {
            issues: vec![issue(text, err.message.clone(), None, err.span())],
            canonical: None,
        },
        Err(QueryError::Invalid(issues)) => QueryCheck {
            issues: issues
                .into_iter()
                .map(|i| {
                    let span = i.span.unwrap_or(Span {
                        offset: 0,
                        len: text.len(),
                    });
                    let field = (!i.field.is_empty()).then(|| i.field.clone());
                    issue(text, i.to_string(), field, span)
                })
                .collect(),
            canonical: rets_dmql::parse(text).ok().map(|q| q.to_dmql()),
        },
    }
}

fn issue(text: &str, message: String, field: Option<String>, span: Span) -> QueryIssue {
    let utf16 = |byte: usize| {
        let byte = byte.min(text.len());
        let boundary = (0..=byte)
            .rev()
            .find(|b| text.is_char_boundary(*b))
            .unwrap_or(0);
        text[..boundary].encode_utf16().count()
    };
    QueryIssue {
        message,
        field,
        start: utf16(span.offset),
        end: utf16(span.offset + span.len),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_are_located_in_utf16_units() {
        let md = Metadata::default();
        let check = check(&md, "Property", "RES", "(City=\"Zürich\"),(Price=");
        assert!(!check.is_ok());
        let issue = &check.issues[0];
        assert_eq!(
            issue.start,
            "(City=\"Zürich\"),(Price=".encode_utf16().count()
        );
        assert!(check.canonical.is_none());
    }

    #[test]
    fn valid_syntax_without_metadata_is_accepted_and_canonicalised() {
        let md = Metadata::default();
        let check = check(&md, "Property", "RES", "( ListPrice = 100000+ )");
        assert!(check.is_ok(), "{check:?}");
        assert_eq!(check.canonical.as_deref(), Some("(ListPrice=100000+)"));
    }
}
