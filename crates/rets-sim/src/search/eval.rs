//! DMQL2 evaluation over the Demo MLS: the rets-dmql AST is compiled against
//! the class's fields (SystemName or StandardName), type-checked, and then
//! tested against each record's derived values.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rets_dmql::{Criteria, DateTimeValue, DateValue, LookupOp, Pattern, Query, Range, Term, Value};

use crate::data::Dataset;
use crate::schema::{Column, DataType, Rec, ResourceDef, Val};

/// A query that cannot be run.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EvalError {
    /// 20200: the field is not in the class.
    #[error("Unknown Query Field: {0}")]
    UnknownField(String),
    /// 20206: a value does not fit the field.
    #[error("Invalid Query Syntax: {0}")]
    BadValue(String),
}

impl EvalError {
    /// RETS reply code.
    pub fn code(&self) -> u32 {
        match self {
            EvalError::UnknownField(_) => 20200,
            EvalError::BadValue(_) => 20206,
        }
    }
}

/// A compiled query.
#[derive(Debug, Clone)]
pub enum Pred {
    /// All must hold.
    And(Vec<Pred>),
    /// Any must hold.
    Or(Vec<Pred>),
    /// Must not hold.
    Not(Box<Pred>),
    /// A test on one column (index into the resource's columns).
    Field(usize, Test),
}

/// A typed test on a field value.
#[derive(Debug, Clone)]
pub enum Test {
    /// No value.
    Empty,
    /// Some value.
    NotEmpty,
    /// Lookup set membership.
    Lookup(LookupOp, Vec<u16>),
    /// Numeric ranges (any matches).
    Num(Vec<(Option<f64>, Option<f64>)>),
    /// Date ranges.
    Date(Vec<(Option<NaiveDate>, Option<NaiveDate>)>),
    /// Date-time ranges.
    DateTime(Vec<(Option<NaiveDateTime>, Option<NaiveDateTime>)>),
    /// Text terms (case-insensitive).
    Text(Vec<TextTerm>),
    /// Lookup value patterns.
    LookupPattern(Vec<Pattern>),
}

/// A text comparison.
#[derive(Debug, Clone)]
pub enum TextTerm {
    /// Equal, ignoring case.
    Exact(String),
    /// Between, lexicographically, ignoring case.
    Range(Option<String>, Option<String>),
    /// Wildcard pattern.
    Pattern(Pattern),
}

/// Compiles `q` for `class_cols` of `res`; names are StandardNames when `standard`.
pub fn compile(
    q: &Query,
    res: &ResourceDef,
    class_mask: u8,
    standard: bool,
    ds: &Dataset,
) -> Result<Pred, EvalError> {
    Ok(match q {
        Query::And(v) => Pred::And(
            v.iter()
                .map(|q| compile(q, res, class_mask, standard, ds))
                .collect::<Result<_, _>>()?,
        ),
        Query::Or(v) => Pred::Or(
            v.iter()
                .map(|q| compile(q, res, class_mask, standard, ds))
                .collect::<Result<_, _>>()?,
        ),
        Query::Not(q) => Pred::Not(Box::new(compile(q, res, class_mask, standard, ds)?)),
        Query::Field(fq) => {
            let idx = find_column(res, class_mask, &fq.field, standard)
                .ok_or_else(|| EvalError::UnknownField(fq.field.clone()))?;
            let col = &res.columns[idx];
            Pred::Field(idx, test_for(col, res, &fq.criteria, ds)?)
        }
    })
}

/// Index of a field of the class by SystemName (or StandardName).
pub fn find_column(res: &ResourceDef, class_mask: u8, name: &str, standard: bool) -> Option<usize> {
    res.columns.iter().position(|c| {
        c.classes & class_mask != 0
            && if standard {
                c.standard == name
            } else {
                c.system == name
            }
    })
}

fn bad(col: &Column, v: &dyn std::fmt::Display) -> EvalError {
    EvalError::BadValue(format!(
        "`{v}` is not a valid value for {} ({})",
        col.system,
        col.dtype.name()
    ))
}

fn test_for(
    col: &Column,
    res: &ResourceDef,
    c: &Criteria,
    ds: &Dataset,
) -> Result<Test, EvalError> {
    let lookup = col.lookup.and_then(|n| res.lookup(n));
    match (c, lookup) {
        (Criteria::Empty, _) => Ok(Test::Empty),
        (Criteria::Any, _) => Ok(Test::NotEmpty),
        (Criteria::Lookup { op, values }, Some(l)) => {
            let idx = values
                .iter()
                .map(|v| l.position(v).ok_or_else(|| bad(col, v)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Test::Lookup(*op, idx))
        }
        (Criteria::Lookup { .. }, None) => Err(EvalError::BadValue(format!(
            "{} is not a lookup field",
            col.system
        ))),
        (Criteria::Terms(terms), Some(l)) => {
            let mut exact = Vec::new();
            let mut patterns = Vec::new();
            for t in terms {
                match t {
                    Term::Exact(v) => {
                        exact.push(l.position(&v.raw()).ok_or_else(|| bad(col, &v.raw()))?)
                    }
                    Term::Pattern(p) => patterns.push(p.clone()),
                    Term::Range(_) => {
                        return Err(EvalError::BadValue(format!(
                            "ranges are not allowed on lookup {}",
                            col.system
                        )));
                    }
                }
            }
            if patterns.is_empty() {
                Ok(Test::Lookup(LookupOp::AnyOf, exact))
            } else {
                patterns.extend(
                    exact
                        .iter()
                        .filter_map(|i| Pattern::parse(&l.values[*i as usize].value)),
                );
                Ok(Test::LookupPattern(patterns))
            }
        }
        (Criteria::Terms(terms), None) => typed_terms(col, terms, ds),
    }
}

fn typed_terms(col: &Column, terms: &[Term], ds: &Dataset) -> Result<Test, EvalError> {
    let now = match Val::ts(ds.now()) {
        Val::DateTime(d) => d,
        _ => NaiveDateTime::default(),
    };
    let today = now.date();
    match col.dtype {
        t if t.is_numeric() || t == DataType::Boolean => {
            let num = |v: &Value| -> Result<f64, EvalError> {
                match v {
                    Value::Number(n) => Ok(n.value()),
                    Value::Text(s) if t == DataType::Boolean => {
                        match s.to_ascii_lowercase().as_str() {
                            "y" | "yes" | "true" => Ok(1.0),
                            "n" | "no" | "false" => Ok(0.0),
                            _ => Err(bad(col, s)),
                        }
                    }
                    other => Err(bad(col, &other.raw())),
                }
            };
            let mut out = Vec::new();
            for term in terms {
                out.push(match term {
                    Term::Exact(v) => (Some(num(v)?), Some(num(v)?)),
                    Term::Range(Range::Between(a, b)) => (Some(num(a)?), Some(num(b)?)),
                    Term::Range(Range::AtLeast(a)) => (Some(num(a)?), None),
                    Term::Range(Range::AtMost(b)) => (None, Some(num(b)?)),
                    Term::Pattern(p) => return Err(bad(col, &format!("{p:?}"))),
                });
            }
            Ok(Test::Num(out))
        }
        DataType::Date => {
            let day = |v: &Value| -> Result<NaiveDate, EvalError> {
                match v {
                    Value::Date(DateValue::Today) => Ok(today),
                    Value::Date(DateValue::On(d)) => Ok(*d),
                    Value::DateTime(DateTimeValue::Now) => Ok(today),
                    Value::DateTime(DateTimeValue::At(l)) => {
                        Ok(l.utc().unwrap_or(l.local()).date())
                    }
                    other => Err(bad(col, &other.raw())),
                }
            };
            let mut out = Vec::new();
            for term in terms {
                out.push(match term {
                    Term::Exact(v) => (Some(day(v)?), Some(day(v)?)),
                    Term::Range(Range::Between(a, b)) => (Some(day(a)?), Some(day(b)?)),
                    Term::Range(Range::AtLeast(a)) => (Some(day(a)?), None),
                    Term::Range(Range::AtMost(b)) => (None, Some(day(b)?)),
                    Term::Pattern(p) => return Err(bad(col, &format!("{p:?}"))),
                });
            }
            Ok(Test::Date(out))
        }
        DataType::DateTime => {
            // A plain date covers the whole day.
            let at = |v: &Value, end: bool| -> Result<NaiveDateTime, EvalError> {
                match v {
                    Value::DateTime(DateTimeValue::Now) => Ok(now),
                    Value::DateTime(DateTimeValue::At(l)) => Ok(l.utc().unwrap_or(l.local())),
                    Value::Date(d) => {
                        let day = match d {
                            DateValue::Today => today,
                            DateValue::On(d) => *d,
                        };
                        let time = if end {
                            NaiveTime::from_hms_opt(23, 59, 59)
                        } else {
                            NaiveTime::from_hms_opt(0, 0, 0)
                        };
                        Ok(day.and_time(time.unwrap_or_default()))
                    }
                    other => Err(bad(col, &other.raw())),
                }
            };
            let mut out = Vec::new();
            for term in terms {
                out.push(match term {
                    Term::Exact(v) => (Some(at(v, false)?), Some(at(v, true)?)),
                    Term::Range(Range::Between(a, b)) => (Some(at(a, false)?), Some(at(b, true)?)),
                    Term::Range(Range::AtLeast(a)) => (Some(at(a, false)?), None),
                    Term::Range(Range::AtMost(b)) => (None, Some(at(b, true)?)),
                    Term::Pattern(p) => return Err(bad(col, &format!("{p:?}"))),
                });
            }
            Ok(Test::DateTime(out))
        }
        _ => Ok(Test::Text(
            terms
                .iter()
                .map(|t| match t {
                    Term::Exact(v) => TextTerm::Exact(v.raw().to_lowercase()),
                    Term::Range(Range::Between(a, b)) => {
                        TextTerm::Range(Some(a.raw().to_lowercase()), Some(b.raw().to_lowercase()))
                    }
                    Term::Range(Range::AtLeast(a)) => {
                        TextTerm::Range(Some(a.raw().to_lowercase()), None)
                    }
                    Term::Range(Range::AtMost(b)) => {
                        TextTerm::Range(None, Some(b.raw().to_lowercase()))
                    }
                    Term::Pattern(p) => TextTerm::Pattern(p.clone()),
                })
                .collect(),
        )),
    }
}

fn within<T: PartialOrd>(v: &T, (lo, hi): &(Option<T>, Option<T>)) -> bool {
    lo.as_ref().is_none_or(|lo| v >= lo) && hi.as_ref().is_none_or(|hi| v <= hi)
}

/// Evaluates a compiled query on one record.
pub fn matches(p: &Pred, res: &ResourceDef, ds: &Dataset, rec: Rec<'_>) -> bool {
    match p {
        Pred::And(v) => v.iter().all(|p| matches(p, res, ds, rec)),
        Pred::Or(v) => v.iter().any(|p| matches(p, res, ds, rec)),
        Pred::Not(p) => !matches(p, res, ds, rec),
        Pred::Field(idx, test) => {
            let col = &res.columns[*idx];
            test_value(test, col, res, &col.value(ds, rec))
        }
    }
}

fn is_empty(v: &Val) -> bool {
    match v {
        Val::Null => true,
        Val::Text(s) => s.is_empty(),
        Val::Multi(m) => m.is_empty(),
        _ => false,
    }
}

fn test_value(test: &Test, col: &Column, res: &ResourceDef, v: &Val) -> bool {
    match test {
        Test::Empty => is_empty(v),
        Test::NotEmpty => !is_empty(v),
        Test::Lookup(op, set) => {
            let have: &[u16] = match v {
                Val::Lookup(i) => std::slice::from_ref(i),
                Val::Multi(m) => m,
                _ => &[],
            };
            match op {
                LookupOp::AnyOf => have.iter().any(|h| set.contains(h)),
                LookupOp::AllOf => set.iter().all(|s| have.contains(s)),
                LookupOp::NoneOf => !have.iter().any(|h| set.contains(h)),
            }
        }
        Test::LookupPattern(patterns) => {
            let Some(l) = col.lookup.and_then(|n| res.lookup(n)) else {
                return false;
            };
            let have: Vec<u16> = match v {
                Val::Lookup(i) => vec![*i],
                Val::Multi(m) => m.clone(),
                _ => vec![],
            };
            have.iter().any(|i| {
                patterns
                    .iter()
                    .any(|p| p.matches(&l.values[*i as usize].value, true))
            })
        }
        Test::Num(ranges) => {
            let x = match v {
                Val::Int(i) => *i as f64,
                Val::Dec(d) => *d,
                Val::Bool(b) => f64::from(u8::from(*b)),
                _ => return false,
            };
            ranges.iter().any(|r| within(&x, r))
        }
        Test::Date(ranges) => match v {
            Val::Date(d) => ranges.iter().any(|r| within(d, r)),
            Val::DateTime(d) => ranges.iter().any(|r| within(&d.date(), r)),
            _ => false,
        },
        Test::DateTime(ranges) => match v {
            Val::DateTime(d) => ranges.iter().any(|r| within(d, r)),
            _ => false,
        },
        Test::Text(terms) => {
            let s = match v {
                Val::Text(s) => s.to_lowercase(),
                Val::Int(i) => i.to_string(),
                _ => return false,
            };
            terms.iter().any(|t| match t {
                TextTerm::Exact(e) => s == *e,
                TextTerm::Range(lo, hi) => {
                    lo.as_ref().is_none_or(|lo| s >= *lo) && hi.as_ref().is_none_or(|hi| s <= *hi)
                }
                TextTerm::Pattern(p) => p.matches(&s, true),
            })
        }
    }
}
