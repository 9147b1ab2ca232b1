//! Canonical DMQL2 output for the AST. Everything printed here parses back to the
//! same tree: values are quoted exactly when a bare word would read differently,
//! and nested groups always get parentheses.

use crate::ast::{Criteria, FieldQuery, Query, Range, Term};
use crate::parse::bare_value;
use crate::pattern::is_bare_char;
use crate::value::Value;
use std::fmt::{self, Display, Formatter, Write};

impl Query {
    /// The query as canonical DMQL2 text (same as `to_string()`).
    ///
    /// An empty `And`/`Or` prints as nothing; the builder never creates one and
    /// [`validate`](crate::validate()) reports it.
    pub fn to_dmql(&self) -> String {
        self.to_string()
    }
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Query::Field(fq) => fq.fmt(f),
            Query::Not(inner) => match inner.as_ref() {
                Query::Field(fq) => write!(f, "~{fq}"),
                other => write!(f, "~({other})"),
            },
            Query::And(items) => join(f, items, ','),
            Query::Or(items) => join(f, items, '|'),
        }
    }
}

/// Joins group members; nested groups are parenthesized so the tree survives a
/// round trip.
fn join(f: &mut Formatter<'_>, items: &[Query], sep: char) -> fmt::Result {
    for (i, q) in items.iter().enumerate() {
        if i > 0 {
            f.write_char(sep)?;
        }
        match q {
            Query::And(_) | Query::Or(_) => write!(f, "({q})")?,
            _ => q.fmt(f)?,
        }
    }
    Ok(())
}

impl Display for FieldQuery {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "({}={})", self.field, self.criteria)
    }
}

impl Display for Criteria {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Criteria::Empty => f.write_str(".EMPTY."),
            Criteria::Any => f.write_str(".ANY."),
            Criteria::Lookup { op, values } => {
                f.write_char(op.symbol())?;
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    if !v.is_empty() && v.chars().all(is_bare_char) {
                        f.write_str(v)?;
                    } else {
                        write_quoted(f, v)?;
                    }
                }
                Ok(())
            }
            Criteria::Terms(terms) => {
                for (i, t) in terms.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    t.fmt(f)?;
                }
                Ok(())
            }
        }
    }
}

impl Display for Term {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Term::Exact(v) => v.fmt(f),
            Term::Range(r) => r.fmt(f),
            Term::Pattern(p) => p.fmt(f),
        }
    }
}

impl Display for Range {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Range::Between(a, b) => write!(f, "{a}-{b}"),
            Range::AtLeast(a) => write!(f, "{a}+"),
            Range::AtMost(a) => write!(f, "{a}-"),
        }
    }
}

impl Display for Value {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(s) => {
                if bare_value(s).as_ref() == Some(self) {
                    f.write_str(s)
                } else {
                    write_quoted(f, s)
                }
            }
            other => f.write_str(&other.raw()),
        }
    }
}

/// Writes a DMQL string-literal: `"` doubled inside double quotes.
fn write_quoted(f: &mut Formatter<'_>, s: &str) -> fmt::Result {
    f.write_char('"')?;
    f.write_str(&s.replace('"', "\"\""))?;
    f.write_char('"')
}
