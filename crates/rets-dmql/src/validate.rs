//! Checks a query against field metadata before it is sent (client) or run
//! (server): unknown or unsearchable fields, values that do not fit the field's
//! RETS DataType, lookup misuse and unknown lookup values, with source spans.

use crate::ast::{Criteria, Query, Range, Term};
use crate::parse::{ParseError, parse_with_spans};
use crate::span::{SourceMap, Span};
use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::str::FromStr;

/// The RETS METADATA-TABLE `DataType` of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DataType {
    /// `0` / `1`.
    Boolean,
    /// Free text.
    Character,
    /// `YYYY-MM-DD`.
    Date,
    /// RETSDATETIME.
    DateTime,
    /// `hh:mm:ss`.
    Time,
    /// 1-byte integer.
    Tiny,
    /// 2-byte integer.
    Small,
    /// 4-byte integer.
    Int,
    /// 8-byte integer.
    Long,
    /// Decimal number.
    Decimal,
}

impl DataType {
    /// The metadata spelling, e.g. `"DateTime"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DataType::Boolean => "Boolean",
            DataType::Character => "Character",
            DataType::Date => "Date",
            DataType::DateTime => "DateTime",
            DataType::Time => "Time",
            DataType::Tiny => "Tiny",
            DataType::Small => "Small",
            DataType::Int => "Int",
            DataType::Long => "Long",
            DataType::Decimal => "Decimal",
        }
    }

    /// True for Tiny, Small, Int and Long.
    pub fn is_integer(self) -> bool {
        matches!(
            self,
            DataType::Tiny | DataType::Small | DataType::Int | DataType::Long
        )
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unrecognized `DataType` or `Interpretation` string from metadata.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{value}'")]
pub struct UnknownNameError {
    /// Which metadata column was being read.
    pub what: &'static str,
    /// The text that was not recognized.
    pub value: String,
}

impl FromStr for DataType {
    type Err = UnknownNameError;

    /// Case-insensitive; also accepts `Int`'s common alias `Integer`.
    fn from_str(s: &str) -> Result<DataType, UnknownNameError> {
        let all = [
            DataType::Boolean,
            DataType::Character,
            DataType::Date,
            DataType::DateTime,
            DataType::Time,
            DataType::Tiny,
            DataType::Small,
            DataType::Int,
            DataType::Long,
            DataType::Decimal,
        ];
        let s = s.trim();
        if s.eq_ignore_ascii_case("Integer") {
            return Ok(DataType::Int);
        }
        all.into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownNameError {
                what: "DataType",
                value: s.to_owned(),
            })
    }
}

/// The METADATA-TABLE `Interpretation` of a lookup field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LookupKind {
    /// Single value from the lookup table.
    Lookup,
    /// Several values, comma separated.
    LookupMulti,
    /// Several values as a bit string.
    LookupBitstring,
    /// Several values as a bit mask.
    LookupBitmask,
}

impl LookupKind {
    /// True when the field can hold several lookup values.
    pub fn is_multi(self) -> bool {
        self != LookupKind::Lookup
    }
}

impl FromStr for LookupKind {
    type Err = UnknownNameError;

    /// Case-insensitive.
    fn from_str(s: &str) -> Result<LookupKind, UnknownNameError> {
        let s = s.trim();
        [
            ("Lookup", LookupKind::Lookup),
            ("LookupMulti", LookupKind::LookupMulti),
            ("LookupBitstring", LookupKind::LookupBitstring),
            ("LookupBitmask", LookupKind::LookupBitmask),
        ]
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(s))
        .map(|(_, k)| k)
        .ok_or_else(|| UnknownNameError {
            what: "Interpretation",
            value: s.to_owned(),
        })
    }
}

/// What the validator needs to know about one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldInfo {
    /// The field's DataType.
    pub data_type: DataType,
    /// Set when the field draws its values from a lookup table.
    pub lookup: Option<LookupKind>,
    /// The METADATA-TABLE `Searchable` flag.
    pub searchable: bool,
}

/// Field metadata for one resource/class, implemented over RETS metadata by the client.
pub trait FieldCatalog {
    /// The field with this name (as used in the query), if it exists.
    fn field(&self, system_name: &str) -> Option<FieldInfo>;

    /// Whether the field's lookup table holds `value`; `None` when unknown
    /// (then no issue is reported).
    fn lookup_contains(&self, field: &str, value: &str) -> Option<bool> {
        let _ = (field, value);
        None
    }
}

impl<S: BuildHasher> FieldCatalog for HashMap<String, FieldInfo, S> {
    fn field(&self, system_name: &str) -> Option<FieldInfo> {
        self.get(system_name).copied()
    }
}

/// What is wrong in a [`ValidationIssue`].
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum IssueKind {
    /// The field is not in the catalog.
    #[error("unknown field")]
    UnknownField,
    /// The field exists but its metadata says it cannot be searched.
    #[error("field is not searchable")]
    NotSearchable,
    /// A value does not fit the field's DataType.
    #[error("{found} '{value}' does not fit a {expected} field")]
    WrongValueType {
        /// The field's DataType.
        expected: DataType,
        /// The kind of literal given ("text", "decimal number", ...).
        found: String,
        /// The literal as written.
        value: String,
    },
    /// A lookup operator (`|`, `+`, `~`, `.ANY.`) on a field without a lookup.
    #[error("lookup operators need a lookup field")]
    LookupOnNonLookupField,
    /// A lookup value that is not in the field's lookup table.
    #[error("'{value}' is not a value of this field's lookup")]
    UnknownLookupValue {
        /// The value as written.
        value: String,
    },
    /// A form of criterion the field type cannot take (e.g. a wildcard on a number).
    #[error("{what} cannot be used on a {data_type} field")]
    UnsupportedCriteria {
        /// The criterion form, e.g. "a wildcard pattern".
        what: String,
        /// The field's DataType (or "lookup").
        data_type: String,
    },
    /// A range whose start is after its end (the spec leaves the result undefined).
    #[error("range start is after its end")]
    ReversedRange,
    /// An `And`/`Or` with no members, which cannot be written in DMQL.
    #[error("empty AND/OR group")]
    EmptyGroup,
}

/// One problem found in a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidationIssue {
    /// The field concerned (empty for [`IssueKind::EmptyGroup`]).
    pub field: String,
    /// Where in the query text, when validating text.
    pub span: Option<Span>,
    /// What is wrong.
    pub kind: IssueKind,
}

impl fmt::Display for ValidationIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.field, self.kind)
        }
    }
}

impl std::error::Error for ValidationIssue {}

/// Why [`validate_text`] rejected a query.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueryError {
    /// The text is not valid DMQL2.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The query parsed but does not fit the metadata.
    #[error("{}", join_issues(.0))]
    Invalid(Vec<ValidationIssue>),
}

fn join_issues(issues: &[ValidationIssue]) -> String {
    let v: Vec<String> = issues.iter().map(ToString::to_string).collect();
    v.join("; ")
}

/// Validates a query against field metadata; issues carry no spans.
pub fn validate(
    query: &Query,
    catalog: &(impl FieldCatalog + ?Sized),
) -> Result<(), Vec<ValidationIssue>> {
    into_result(check(query, catalog, None))
}

/// Parses `text` and validates it; issues point into `text`.
pub fn validate_text(
    text: &str,
    catalog: &(impl FieldCatalog + ?Sized),
) -> Result<Query, QueryError> {
    let (query, map) = parse_with_spans(text)?;
    into_result(check(&query, catalog, Some(&map))).map_err(QueryError::Invalid)?;
    Ok(query)
}

fn into_result(issues: Vec<ValidationIssue>) -> Result<(), Vec<ValidationIssue>> {
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}

fn check(
    query: &Query,
    catalog: &(impl FieldCatalog + ?Sized),
    map: Option<&SourceMap>,
) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    find_empty_groups(query, &mut issues);
    for (i, fq) in query.fields().into_iter().enumerate() {
        let spans = map.and_then(|m| m.fields.get(i));
        let mut report = |span: Option<Span>, kind| {
            issues.push(ValidationIssue {
                field: fq.field.clone(),
                span,
                kind,
            })
        };
        let Some(info) = catalog.field(&fq.field) else {
            report(spans.map(|s| s.field), IssueKind::UnknownField);
            continue;
        };
        if !info.searchable {
            report(spans.map(|s| s.field), IssueKind::NotSearchable);
        }
        let item = |j: usize| spans.and_then(|s| s.items.get(j).copied());
        let value_span = spans.map(|s| s.value);
        match &fq.criteria {
            Criteria::Empty => {}
            Criteria::Any if info.lookup.is_none() => {
                report(value_span, IssueKind::LookupOnNonLookupField)
            }
            Criteria::Any => {}
            Criteria::Lookup { .. } if info.lookup.is_none() => {
                report(value_span, IssueKind::LookupOnNonLookupField)
            }
            Criteria::Lookup { values, .. } => {
                for (j, v) in values.iter().enumerate() {
                    if catalog.lookup_contains(&fq.field, v) == Some(false) {
                        report(item(j), IssueKind::UnknownLookupValue { value: v.clone() });
                    }
                }
            }
            Criteria::Terms(terms) => {
                for (j, t) in terms.iter().enumerate() {
                    for kind in check_term(&fq.field, info, t, catalog) {
                        report(item(j), kind);
                    }
                }
            }
        }
    }
    issues
}

fn find_empty_groups(query: &Query, issues: &mut Vec<ValidationIssue>) {
    match query {
        Query::And(qs) | Query::Or(qs) => {
            if qs.is_empty() {
                issues.push(ValidationIssue {
                    field: String::new(),
                    span: None,
                    kind: IssueKind::EmptyGroup,
                });
            }
            qs.iter().for_each(|q| find_empty_groups(q, issues));
        }
        Query::Not(q) => find_empty_groups(q, issues),
        Query::Field(_) => {}
    }
}

fn unsupported(what: &str, data_type: &str) -> IssueKind {
    IssueKind::UnsupportedCriteria {
        what: what.into(),
        data_type: data_type.into(),
    }
}

fn check_term(
    field: &str,
    info: FieldInfo,
    term: &Term,
    catalog: &(impl FieldCatalog + ?Sized),
) -> Vec<IssueKind> {
    let dt = info.data_type;
    if info.lookup.is_some() {
        // `(Status=A)` is common shorthand for `(Status=|A)`.
        return match term {
            Term::Exact(v) => {
                let raw = v.raw();
                match catalog.lookup_contains(field, &raw) {
                    Some(false) => vec![IssueKind::UnknownLookupValue { value: raw }],
                    _ => vec![],
                }
            }
            Term::Range(_) => vec![unsupported("a range", "lookup")],
            Term::Pattern(_) => vec![unsupported("a wildcard pattern", "lookup")],
        };
    }
    match term {
        Term::Pattern(_) if dt != DataType::Character => {
            vec![unsupported("a wildcard pattern", dt.as_str())]
        }
        Term::Pattern(_) => vec![],
        Term::Exact(v) | Term::Range(Range::AtLeast(v) | Range::AtMost(v)) => {
            check_value(dt, v).into_iter().collect()
        }
        Term::Range(Range::Between(a, b)) => {
            let text_end = matches!(a, Value::Text(_)) || matches!(b, Value::Text(_));
            if text_end && dt == DataType::Character {
                return vec![unsupported("a range between text values", dt.as_str())];
            }
            let mut out: Vec<IssueKind> = [check_value(dt, a), check_value(dt, b)]
                .into_iter()
                .flatten()
                .collect();
            if out.is_empty() && is_reversed(a, b) {
                out.push(IssueKind::ReversedRange);
            }
            out
        }
    }
}

fn is_reversed(a: &Value, b: &Value) -> bool {
    use crate::value::{DateTimeValue as T, DateValue as D};
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.value() > y.value(),
        (Value::Date(D::On(x)), Value::Date(D::On(y))) => x > y,
        (Value::DateTime(T::At(x)), Value::DateTime(T::At(y))) => match (x.utc(), y.utc()) {
            (Some(x), Some(y)) => x > y,
            _ => x.local() > y.local(),
        },
        (Value::Time(x), Value::Time(y)) => x.time() > y.time(),
        _ => false,
    }
}

/// Whether a literal fits a DataType. Date literals are accepted for DateTime
/// fields because practically every server supports `(Timestamp=2024-01-01+)`.
fn check_value(dt: DataType, v: &Value) -> Option<IssueKind> {
    let ok = match (dt, v) {
        (DataType::Character, _) => true,
        (DataType::Decimal, Value::Number(_)) => true,
        (d, Value::Number(n)) if d.is_integer() => n.is_integer(),
        (DataType::Date, Value::Date(_)) => true,
        (DataType::DateTime, Value::DateTime(_) | Value::Date(_)) => true,
        (DataType::Time, Value::Time(_)) => true,
        (DataType::Boolean, Value::Number(n)) => matches!(n.text(), "0" | "1"),
        (DataType::Boolean, Value::Text(t)) => ["Y", "N", "TRUE", "FALSE"]
            .iter()
            .any(|b| b.eq_ignore_ascii_case(t)),
        _ => false,
    };
    let found = match v {
        Value::Number(n) if !n.is_integer() && dt.is_integer() => "decimal number",
        other => other.kind_name(),
    };
    (!ok).then(|| IssueKind::WrongValueType {
        expected: dt,
        found: found.into(),
        value: v.raw(),
    })
}
