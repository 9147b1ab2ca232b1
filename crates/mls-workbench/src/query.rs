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

/// Where [`unknown_fields`] found names the class does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldPlace {
    /// The list of fields to return.
    Select,
    /// The query itself.
    Query,
}

/// The one check that stops a search before it is sent: a select list or query
/// naming fields the class does not have (by its metadata). Anything subtler is
/// left to the server, whose word is final: syntax the local parser rejects still
/// goes out, since some servers accept more than DMQL2 allows. `None` when the
/// class has no field metadata to judge by.
pub fn unknown_fields(
    metadata: &Metadata,
    resource: &str,
    class: &str,
    select: &[String],
    query: Option<&str>,
) -> Option<(FieldPlace, Vec<String>)> {
    let catalog = metadata.catalog(resource, class)?;
    if metadata
        .class(resource, class)
        .is_none_or(|c| c.fields.is_empty())
    {
        return None;
    }
    let unknown: Vec<String> = select
        .iter()
        .filter(|f| metadata.field(resource, class, f).is_none())
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Some((FieldPlace::Select, unknown));
    }
    match rets_dmql::validate_text(query?, &catalog) {
        Err(QueryError::Invalid(issues)) => {
            let unknown: Vec<String> = issues
                .iter()
                .filter(|i| i.kind == rets_dmql::IssueKind::UnknownField)
                .map(|i| i.field.clone())
                .collect();
            (!unknown.is_empty()).then_some((FieldPlace::Query, unknown))
        }
        Err(QueryError::Parse(_)) | Ok(_) => None,
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

    /// Property:RES with the fields City (character) and ListPrice (decimal).
    fn two_fields() -> Metadata {
        let body = "<RETS ReplyCode=\"0\" ReplyText=\"ok\">\
            <METADATA-RESOURCE Version=\"1\" Date=\"d\"><COLUMNS>\tResourceID\tKeyField\t</COLUMNS><DATA>\tProperty\tListingID\t</DATA></METADATA-RESOURCE>\
            <METADATA-CLASS Resource=\"Property\" Version=\"1\" Date=\"d\"><COLUMNS>\tClassName\t</COLUMNS><DATA>\tRES\t</DATA></METADATA-CLASS>\
            <METADATA-TABLE Resource=\"Property\" Class=\"RES\" Version=\"1\" Date=\"d\"><COLUMNS>\tSystemName\tDataType\tSearchable\t</COLUMNS>\
            <DATA>\tCity\tCharacter\t1\t</DATA><DATA>\tListPrice\tDecimal\t1\t</DATA></METADATA-TABLE></RETS>";
        let reply = rets_client::metadata::parse_metadata(
            body.as_bytes(),
            &rets_client::text::TextDecoder::default(),
        )
        .unwrap();
        Metadata::from_tables(reply.tables)
    }

    #[test]
    fn only_unknown_fields_stop_a_search_before_it_is_sent() {
        let md = two_fields();
        let select = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let unknown =
            |sel: &[&str], q: Option<&str>| unknown_fields(&md, "Property", "RES", &select(sel), q);
        assert_eq!(unknown(&["City", "ListPrice"], Some("(City=Austin)")), None);
        assert_eq!(
            unknown(&["City", "Bedrooms"], Some("(City=Austin)")),
            Some((FieldPlace::Select, vec!["Bedrooms".to_owned()]))
        );
        assert_eq!(
            unknown(&[], Some("(Town=Austin),(ListPrice=1+)")),
            Some((FieldPlace::Query, vec!["Town".to_owned()]))
        );
        // Syntax the local parser rejects still goes to the server.
        assert_eq!(unknown(&[], Some("(City=Austin")), None);
        // No field metadata for a class: nothing to judge by.
        assert_eq!(
            unknown_fields(&md, "Property", "LND", &select(&["X"]), None),
            None
        );
    }
}
