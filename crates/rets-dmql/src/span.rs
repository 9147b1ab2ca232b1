//! Source positions of parsed criteria, kept in a side table rather than in the
//! AST so that built and parsed queries compare equal and print the same.

use serde::{Deserialize, Serialize};

/// A byte range in the query text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first character.
    pub offset: usize,
    /// Length in bytes (0 for "at this point").
    pub len: usize,
}

impl Span {
    /// A span from `start` (inclusive) to `end` (exclusive).
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            offset: start,
            len: end.saturating_sub(start),
        }
    }

    /// Byte offset just past the span.
    pub fn end(&self) -> usize {
        self.offset + self.len
    }
}

/// Where one `(Field=value)` criterion sits in the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpans {
    /// From `(` to `)` inclusive.
    pub whole: Span,
    /// The field name.
    pub field: Span,
    /// Everything between `=` and `)`.
    pub value: Span,
    /// One span per term or lookup value, in order.
    pub items: Vec<Span>,
}

/// Spans of every field criterion of a parsed query, in source order (the same
/// order as [`Query::fields`](crate::Query::fields)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMap {
    /// One entry per field criterion.
    pub fields: Vec<FieldSpans>,
}
