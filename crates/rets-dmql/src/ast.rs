//! The typed syntax tree of a DMQL2 query. It mirrors the spec's BNF (section
//! 7.7.1) closely so a server can evaluate it and a client can print it back; field
//! types are not known here, that is the validator's job.

use crate::pattern::Pattern;
use crate::value::Value;
use serde::{Deserialize, Serialize};

/// A DMQL2 search condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Query {
    /// Every sub-query must match (`,` or `AND`).
    And(Vec<Query>),
    /// At least one sub-query must match (`|` or `OR`).
    Or(Vec<Query>),
    /// The sub-query must not match (`~` or `NOT`).
    Not(Box<Query>),
    /// A single `(Field=value)` criterion.
    Field(FieldQuery),
}

/// One `(Field=value)` criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldQuery {
    /// SystemName (or StandardName) of the searched field.
    pub field: String,
    /// What the field's value must satisfy.
    pub criteria: Criteria,
}

/// The right-hand side of a `(Field=value)` criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Criteria {
    /// `.EMPTY.`: the field holds no value.
    Empty,
    /// `.ANY.`: shorthand for all lookup values of the field.
    Any,
    /// `|A,B`, `+A,B` or `~A,B` over compact lookup values.
    Lookup {
        /// How the values combine.
        op: LookupOp,
        /// Lookup values (compact `Value` column), unquoted.
        values: Vec<String>,
    },
    /// A comma list of values, ranges and patterns; the field matches when any term does.
    Terms(Vec<Term>),
}

/// How the values of a lookup list combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LookupOp {
    /// `|`: the field has any of the values.
    AnyOf,
    /// `+`: the field has all of the values (multi-value lookups).
    AllOf,
    /// `~`: the field has none of the values.
    NoneOf,
}

impl LookupOp {
    /// The operator's DMQL character.
    pub fn symbol(self) -> char {
        match self {
            LookupOp::AnyOf => '|',
            LookupOp::AllOf => '+',
            LookupOp::NoneOf => '~',
        }
    }
}

/// One element of a value list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Term {
    /// Equality with a value.
    Exact(Value),
    /// An inclusive range.
    Range(Range),
    /// A string wildcard pattern (`Spring*`, `*Main*`, `P?LE`).
    Pattern(Pattern),
}

/// An inclusive range; RETS ranges always include their end points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Range {
    /// `a-b`: from `a` to `b`.
    Between(Value, Value),
    /// `a+`: `a` or greater.
    AtLeast(Value),
    /// `a-`: `a` or less.
    AtMost(Value),
}

impl Query {
    /// Calls `f` on every field criterion, in source order.
    pub fn for_each_field<'a>(&'a self, f: &mut impl FnMut(&'a FieldQuery)) {
        match self {
            Query::And(qs) | Query::Or(qs) => qs.iter().for_each(|q| q.for_each_field(f)),
            Query::Not(q) => q.for_each_field(f),
            Query::Field(fq) => f(fq),
        }
    }

    /// Field criteria in source order.
    pub fn fields(&self) -> Vec<&FieldQuery> {
        let mut out = Vec::new();
        self.for_each_field(&mut |fq| out.push(fq));
        out
    }
}
