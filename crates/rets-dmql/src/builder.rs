//! A typed builder so application code can write queries without string
//! formatting; it yields the same AST the parser does and prints canonically.

use crate::ast::{Criteria, FieldQuery, LookupOp, Query, Range, Term};
use crate::pattern::Pattern;
use crate::value::{DateTimeLiteral, DateTimeValue, DateValue, Number, TimeLiteral, Value};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Starts a criterion on `name` (a SystemName, or StandardName when searching with
/// `StandardNames=1`).
pub fn field(name: impl Into<String>) -> FieldBuilder {
    FieldBuilder { name: name.into() }
}

/// Builds the criterion for one field; every method returns a finished [`Query`].
#[derive(Debug, Clone)]
pub struct FieldBuilder {
    name: String,
}

impl FieldBuilder {
    fn with(self, criteria: Criteria) -> Query {
        Query::Field(FieldQuery {
            field: self.name,
            criteria,
        })
    }

    fn term(self, term: Term) -> Query {
        self.with(Criteria::Terms(vec![term]))
    }

    /// `(F=v)`.
    pub fn eq(self, value: impl Into<Value>) -> Query {
        self.term(Term::Exact(value.into()))
    }

    /// `(F=a,b,c)`: equal to any of the values.
    pub fn one_of<V: Into<Value>>(self, values: impl IntoIterator<Item = V>) -> Query {
        let terms = values.into_iter().map(|v| Term::Exact(v.into())).collect();
        self.with(Criteria::Terms(terms))
    }

    /// `(F=a-b)`, inclusive.
    pub fn between(self, low: impl Into<Value>, high: impl Into<Value>) -> Query {
        self.term(Term::Range(Range::Between(low.into(), high.into())))
    }

    /// `(F=a+)`: greater than or equal.
    pub fn gte(self, low: impl Into<Value>) -> Query {
        self.term(Term::Range(Range::AtLeast(low.into())))
    }

    /// `(F=a-)`: less than or equal.
    pub fn lte(self, high: impl Into<Value>) -> Query {
        self.term(Term::Range(Range::AtMost(high.into())))
    }

    /// `(F=text*)`. Characters DMQL cannot express in a pattern become `?`.
    pub fn starts_with(self, text: &str) -> Query {
        self.term(Term::Pattern(Pattern::starts_with(text)))
    }

    /// `(F=*text*)`. Characters DMQL cannot express in a pattern become `?`.
    pub fn contains(self, text: &str) -> Query {
        self.term(Term::Pattern(Pattern::contains(text)))
    }

    /// `(F=*text)`. Characters DMQL cannot express in a pattern become `?`.
    pub fn ends_with(self, text: &str) -> Query {
        self.term(Term::Pattern(Pattern::ends_with(text)))
    }

    /// `(F=pattern)` for any wildcard pattern.
    pub fn matches(self, pattern: Pattern) -> Query {
        self.term(Term::Pattern(pattern))
    }

    /// `(F=t1,t2,…)` for an arbitrary mix of values, ranges and patterns.
    pub fn terms(self, terms: impl IntoIterator<Item = Term>) -> Query {
        self.with(Criteria::Terms(terms.into_iter().collect()))
    }

    /// `(F=.EMPTY.)`.
    pub fn is_empty(self) -> Query {
        self.with(Criteria::Empty)
    }

    /// `(F=.ANY.)`.
    pub fn is_any(self) -> Query {
        self.with(Criteria::Any)
    }

    /// `(F=|A,B)`: the lookup field has any of the values.
    pub fn lookup_any<S: Into<String>>(self, values: impl IntoIterator<Item = S>) -> Query {
        self.lookup(LookupOp::AnyOf, values)
    }

    /// `(F=+A,B)`: the (multi-value) lookup field has all of the values.
    pub fn lookup_all<S: Into<String>>(self, values: impl IntoIterator<Item = S>) -> Query {
        self.lookup(LookupOp::AllOf, values)
    }

    /// `(F=~A,B)`: the lookup field has none of the values.
    pub fn lookup_none<S: Into<String>>(self, values: impl IntoIterator<Item = S>) -> Query {
        self.lookup(LookupOp::NoneOf, values)
    }

    /// A lookup list with an explicit operator.
    pub fn lookup<S: Into<String>>(
        self,
        op: LookupOp,
        values: impl IntoIterator<Item = S>,
    ) -> Query {
        let values = values.into_iter().map(Into::into).collect();
        self.with(Criteria::Lookup { op, values })
    }
}

impl Query {
    /// All of the queries must match. A single query is returned unchanged.
    pub fn all(queries: impl IntoIterator<Item = Query>) -> Query {
        let mut v: Vec<Query> = queries.into_iter().collect();
        if v.len() == 1 {
            v.remove(0)
        } else {
            Query::And(v)
        }
    }

    /// Any of the queries must match. A single query is returned unchanged.
    pub fn any(queries: impl IntoIterator<Item = Query>) -> Query {
        let mut v: Vec<Query> = queries.into_iter().collect();
        if v.len() == 1 {
            v.remove(0)
        } else {
            Query::Or(v)
        }
    }

    /// This query must not match.
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Query {
        Query::Not(Box::new(self))
    }

    /// `self AND other`, appending to `self` when it already is an `And`.
    pub fn and(self, other: Query) -> Query {
        match self {
            Query::And(mut v) => {
                v.push(other);
                Query::And(v)
            }
            q => Query::And(vec![q, other]),
        }
    }

    /// `self OR other`, appending to `self` when it already is an `Or`.
    pub fn or(self, other: Query) -> Query {
        match self {
            Query::Or(mut v) => {
                v.push(other);
                Query::Or(v)
            }
            q => Query::Or(vec![q, other]),
        }
    }
}

impl std::ops::Not for Query {
    type Output = Query;
    fn not(self) -> Query {
        Query::Not(Box::new(self))
    }
}

impl Value {
    /// A calendar date value; `None` for an impossible date.
    pub fn date(year: i32, month: u32, day: u32) -> Option<Value> {
        NaiveDate::from_ymd_opt(year, month, day).map(Value::from)
    }

    /// `TODAY`.
    pub fn today() -> Value {
        Value::Date(DateValue::Today)
    }

    /// `NOW`.
    pub fn now() -> Value {
        Value::DateTime(DateTimeValue::Now)
    }
}

macro_rules! value_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value { Value::Number(Number::from(n)) }
        }
    )*};
}
value_from_number!(i8, i16, i32, i64, u8, u16, u32, u64, usize);

impl From<Number> for Value {
    fn from(n: Number) -> Value {
        Value::Number(n)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<NaiveDate> for Value {
    fn from(d: NaiveDate) -> Value {
        Value::Date(DateValue::On(d))
    }
}
impl From<DateValue> for Value {
    fn from(d: DateValue) -> Value {
        Value::Date(d)
    }
}
impl From<NaiveDateTime> for Value {
    /// A date-time without offset (the server's time zone applies).
    fn from(d: NaiveDateTime) -> Value {
        Value::DateTime(DateTimeValue::At(DateTimeLiteral::new(d, None)))
    }
}
impl From<chrono::DateTime<chrono::Utc>> for Value {
    /// A UTC date-time, printed with `Z`.
    fn from(d: chrono::DateTime<chrono::Utc>) -> Value {
        Value::DateTime(DateTimeValue::At(DateTimeLiteral::new(
            d.naive_utc(),
            Some(0),
        )))
    }
}
impl From<DateTimeValue> for Value {
    fn from(d: DateTimeValue) -> Value {
        Value::DateTime(d)
    }
}
impl From<DateTimeLiteral> for Value {
    fn from(d: DateTimeLiteral) -> Value {
        Value::DateTime(DateTimeValue::At(d))
    }
}
impl From<NaiveTime> for Value {
    fn from(t: NaiveTime) -> Value {
        Value::Time(TimeLiteral::new(t))
    }
}
impl From<TimeLiteral> for Value {
    fn from(t: TimeLiteral) -> Value {
        Value::Time(t)
    }
}
