//! DMQL2, the RETS search query language: a typed AST, a parser with precise error
//! spans, a canonical printer, a builder for code, and a validator that checks a
//! query against field metadata supplied through [`FieldCatalog`].
//!
//! ```
//! use rets_dmql::{parse, field, Query};
//! let q = parse("(ListPrice=100000-200000),(Status=|A,P)").unwrap();
//! let built = Query::all([
//!     field("ListPrice").between(100000, 200000),
//!     field("Status").lookup_any(["A", "P"]),
//! ]);
//! assert_eq!(q, built);
//! assert_eq!(built.to_dmql(), "(ListPrice=100000-200000),(Status=|A,P)");
//! ```

// Server-controlled data never meets an unwrap: a bad reply is an error, not a crash.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]
pub mod ast;
pub mod builder;
pub mod key;
pub mod parse;
pub mod pattern;
mod print;
pub mod span;
pub mod validate;
pub mod value;

pub use ast::{Criteria, FieldQuery, LookupOp, Query, Range, Term};
pub use builder::{FieldBuilder, field};
pub use key::unusable_key;
pub use parse::{ParseError, parse, parse_with_spans};
pub use pattern::{Pattern, PatternPart};
pub use span::{FieldSpans, SourceMap, Span};
pub use validate::{
    DataType, FieldCatalog, FieldInfo, IssueKind, LookupKind, QueryError, UnknownNameError,
    ValidationIssue, validate, validate_text,
};
pub use value::{DateTimeLiteral, DateTimeValue, DateValue, Number, TimeLiteral, Value};
