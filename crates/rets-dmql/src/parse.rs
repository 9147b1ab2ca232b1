//! Recursive-descent parser for DMQL2 text (RETS 1.7.2 section 7.7.1), lenient
//! about whitespace and keyword case, strict about values, with byte spans on
//! every error so a UI can underline the offending part.

use crate::ast::{Criteria, FieldQuery, LookupOp, Query, Range, Term};
use crate::pattern::{Pattern, is_bare_char};
use crate::span::{FieldSpans, SourceMap, Span};
use crate::value::{
    DateTimeLiteral, DateTimeValue, DateValue, Number, TimeLiteral, Value, scan_date,
    scan_datetime, scan_number, scan_time,
};
use chrono::NaiveDate;

/// A syntax error with its location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at position {position}")]
pub struct ParseError {
    /// Byte offset of the problem in the query text.
    pub offset: usize,
    /// Length in bytes of the offending text (0 when something is missing).
    pub len: usize,
    /// 1-based character position, for humans.
    pub position: usize,
    /// What went wrong, e.g. `expected ')'`.
    pub message: String,
}

impl ParseError {
    /// The error's location as a [`Span`].
    pub fn span(&self) -> Span {
        Span {
            offset: self.offset,
            len: self.len,
        }
    }
}

/// Parses DMQL2 query text.
pub fn parse(text: &str) -> Result<Query, ParseError> {
    parse_with_spans(text).map(|(q, _)| q)
}

/// Parses DMQL2 query text and also returns where each field criterion is.
pub fn parse_with_spans(text: &str) -> Result<(Query, SourceMap), ParseError> {
    let mut p = Parser {
        src: text,
        pos: 0,
        map: SourceMap::default(),
    };
    p.skip_ws();
    if p.pos == text.len() {
        return Err(p.error_at(p.pos, 0, "the query is empty".into()));
    }
    let q = p.condition()?;
    p.skip_ws();
    if p.pos < text.len() {
        return Err(p.unexpected("expected ',', '|' or the end of the query"));
    }
    Ok((q, p.map))
}

/// Classifies a bare (unquoted) value word the way the parser does, or `None`
/// if it is not a single exact value. The printer uses this to decide quoting.
pub(crate) fn bare_value(word: &str) -> Option<Value> {
    match classify_term(word, 0) {
        Ok(RawTerm::Term(Term::Exact(v))) => Some(v),
        _ => None,
    }
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    map: SourceMap,
}

enum RawTerm {
    Term(Term),
    Empty,
    Any,
}

type Res<T> = Result<T, ParseError>;

fn err(src: &str, offset: usize, len: usize, message: String) -> ParseError {
    ParseError {
        offset,
        len,
        position: src[..offset.min(src.len())].chars().count() + 1,
        message,
    }
}

impl<'a> Parser<'a> {
    fn error_at(&self, offset: usize, len: usize, message: String) -> ParseError {
        err(self.src, offset, len, message)
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn unexpected(&self, expected: &str) -> ParseError {
        match self.peek() {
            Some(c) => self.error_at(self.pos, c.len_utf8(), format!("{expected}, found '{c}'")),
            None => self.error_at(
                self.pos,
                0,
                format!("{expected}, found the end of the query"),
            ),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// Consumes keyword `kw` (any case) if it stands alone at the cursor.
    fn eat_keyword(&mut self, kw: &str) -> bool {
        let rest = &self.src[self.pos..];
        let matches = rest.len() >= kw.len()
            && rest.is_char_boundary(kw.len())
            && rest[..kw.len()].eq_ignore_ascii_case(kw)
            && !rest[kw.len()..].starts_with(is_field_char);
        if matches {
            self.pos += kw.len();
        }
        matches
    }

    /// search-condition ::= query-clause *(or query-clause)
    fn condition(&mut self) -> Res<Query> {
        let mut items = vec![self.clause()?];
        loop {
            self.skip_ws();
            if self.eat('|') || self.eat_keyword("OR") {
                items.push(self.clause()?);
            } else {
                break;
            }
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Query::Or(items)
        })
    }

    /// query-clause ::= boolean-element *(and boolean-element)
    fn clause(&mut self) -> Res<Query> {
        let mut items = vec![self.element()?];
        loop {
            self.skip_ws();
            if self.eat(',') || self.eat_keyword("AND") {
                items.push(self.element()?);
            } else {
                break;
            }
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Query::And(items)
        })
    }

    /// boolean-element ::= [not] ( field-criteria | "(" search-condition ")" )
    fn element(&mut self) -> Res<Query> {
        self.skip_ws();
        if self.eat('~') || self.eat_keyword("NOT") {
            return Ok(Query::Not(Box::new(self.element()?)));
        }
        let open = self.pos;
        if !self.eat('(') {
            return Err(self.unexpected("expected '(' or '~'"));
        }
        let after_paren = self.pos;
        self.skip_ws();
        let name_start = self.pos;
        self.scan_field_name();
        let name_end = self.pos;
        self.skip_ws();
        if self.peek() == Some('=') {
            if name_start == name_end {
                return Err(self.error_at(name_start, 0, "expected a field name".into()));
            }
            self.pos += 1;
            return self.field_criteria(open, Span::new(name_start, name_end));
        }
        self.pos = after_paren;
        let q = self.condition()?;
        self.skip_ws();
        if !self.eat(')') {
            return Err(self.unexpected(&format!(
                "expected ')' to close the '(' at position {}",
                self.src[..open].chars().count() + 1
            )));
        }
        Ok(q)
    }

    fn scan_field_name(&mut self) {
        while let Some(c) = self.peek().filter(|c| is_field_char(*c)) {
            self.pos += c.len_utf8();
        }
    }

    /// field-criteria after `(Field=`: the value, then `)`.
    fn field_criteria(&mut self, open: usize, field: Span) -> Res<Query> {
        self.skip_ws();
        let value_start = self.pos;
        let mut items = Vec::new();
        let criteria = match self.peek() {
            Some(c @ ('|' | '+' | '~')) => {
                self.pos += 1;
                let op = match c {
                    '|' => LookupOp::AnyOf,
                    '+' => LookupOp::AllOf,
                    _ => LookupOp::NoneOf,
                };
                let mut values = Vec::new();
                loop {
                    self.skip_ws();
                    let start = self.pos;
                    values.push(self.lookup_value()?);
                    items.push(Span::new(start, self.pos));
                    self.skip_ws();
                    if !self.eat(',') {
                        break;
                    }
                }
                Criteria::Lookup { op, values }
            }
            _ => self.terms(&mut items)?,
        };
        let value = Span::new(value_start, self.pos);
        self.skip_ws();
        if !self.eat(')') {
            return Err(self.unexpected("expected ',' or ')'"));
        }
        self.map.fields.push(FieldSpans {
            whole: Span::new(open, self.pos),
            field,
            value,
            items,
        });
        Ok(Query::Field(FieldQuery {
            field: self.src[field.offset..field.end()].to_owned(),
            criteria,
        }))
    }

    fn lookup_value(&mut self) -> Res<String> {
        if self.peek() == Some('"') {
            return self.string_literal();
        }
        let start = self.pos;
        while let Some(c) = self.peek().filter(|c| is_bare_char(*c)) {
            self.pos += c.len_utf8();
        }
        if start == self.pos {
            return Err(self.unexpected(
                "expected a lookup value (quote values that contain spaces or symbols)",
            ));
        }
        Ok(self.src[start..self.pos].to_owned())
    }

    /// string-literal: `"..."` with `""` standing for one `"`.
    fn string_literal(&mut self) -> Res<String> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(self.error_at(
                        start,
                        self.pos - start,
                        "unterminated string".into(),
                    ));
                }
                Some('"') => {
                    self.pos += 1;
                    if self.eat('"') {
                        out.push('"');
                    } else {
                        return Ok(out);
                    }
                }
                Some(c) => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// A comma list of terms, or `.EMPTY.` / `.ANY.` alone.
    fn terms(&mut self, items: &mut Vec<Span>) -> Res<Criteria> {
        let mut terms = Vec::new();
        let mut special = None;
        loop {
            self.skip_ws();
            let start = self.pos;
            let raw = self.term()?;
            let span = Span::new(start, self.pos);
            items.push(span);
            match raw {
                RawTerm::Term(t) => terms.push(t),
                other => {
                    if special.is_some() || !terms.is_empty() {
                        return Err(self.error_at(
                            span.offset,
                            span.len,
                            ".EMPTY. and .ANY. must be the whole value".into(),
                        ));
                    }
                    special = Some(other);
                }
            }
            self.skip_ws();
            if self.peek() != Some(',') {
                break;
            }
            if special.is_some() {
                return Err(self.error_at(
                    span.offset,
                    span.len,
                    ".EMPTY. and .ANY. must be the whole value".into(),
                ));
            }
            self.pos += 1;
        }
        Ok(match special {
            Some(RawTerm::Empty) => Criteria::Empty,
            Some(_) => Criteria::Any,
            None => Criteria::Terms(terms),
        })
    }

    /// One term: a quoted string (optionally `+`/`-`) or a bare word.
    fn term(&mut self) -> Res<RawTerm> {
        let start = self.pos;
        if self.peek() == Some('"') {
            let text = self.string_literal()?;
            let v = Value::Text(text);
            let suffix = self.pos;
            let term = if self.eat('+') {
                Term::Range(Range::AtLeast(v))
            } else if self.eat('-') {
                Term::Range(Range::AtMost(v))
            } else {
                Term::Exact(v)
            };
            if self.peek().is_some_and(|c| !is_term_end(c)) {
                let at = if self.pos > suffix { suffix } else { self.pos };
                return Err(self.error_at(
                    at,
                    self.src.len().min(self.pos + 1) - at,
                    "a quoted string can only be followed by '+', '-', ',' or ')'".into(),
                ));
            }
            return Ok(RawTerm::Term(term));
        }
        while let Some(c) = self.peek().filter(|c| !is_term_end(*c)) {
            self.pos += c.len_utf8();
        }
        if start == self.pos {
            return Err(self.unexpected("expected a value"));
        }
        classify_term(&self.src[..self.pos], start)
    }
}

/// Characters of a field name: IDALPHANUM plus `.`, `:` and `-` seen on real servers.
fn is_field_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | ':' | '-')
}

fn is_term_end(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ')' | '(' | '"')
}

/// Classifies the bare word `src[start..]`. `src` is the text up to the word's end,
/// so errors carry absolute offsets.
fn classify_term(src: &str, start: usize) -> Res<RawTerm> {
    let word = &src[start..];
    let fail = |at: usize, len: usize, msg: &str| Err(err(src, start + at, len, msg.into()));
    if word.eq_ignore_ascii_case(".EMPTY.") {
        return Ok(RawTerm::Empty);
    }
    if word.eq_ignore_ascii_case(".ANY.") {
        return Ok(RawTerm::Any);
    }
    if word.contains(['*', '?']) {
        return match Pattern::parse(word) {
            Some(p) => Ok(RawTerm::Term(Term::Pattern(p))),
            None => {
                let (i, c) = word
                    .char_indices()
                    .find(|(_, c)| !is_bare_char(*c) && !matches!(c, '*' | '?'))
                    .unwrap_or((0, ' '));
                fail(
                    i,
                    c.len_utf8(),
                    &format!("'{c}' is not allowed in a wildcard pattern"),
                )
            }
        };
    }
    let (first, n1) = scan_value(word).map_err(|(at, len, m)| err(src, start + at, len, m))?;
    let rest = &word[n1..];
    let term = match rest {
        "" => Term::Exact(first),
        "+" => Term::Range(Range::AtLeast(first)),
        "-" => Term::Range(Range::AtMost(first)),
        _ if rest.starts_with('-') => {
            let (second, n2) = scan_value(&rest[1..])
                .map_err(|(at, len, m)| err(src, start + n1 + 1 + at, len, m))?;
            if n1 + 1 + n2 != word.len() {
                let at = n1 + 1 + n2;
                return fail(at, word.len() - at, "unexpected text after the range");
            }
            if matches!(first, Value::Text(_)) || matches!(second, Value::Text(_)) {
                return fail(
                    0,
                    word.len(),
                    "a range needs numbers, dates or times at both ends (quote text that contains '-')",
                );
            }
            Term::Range(Range::Between(first, second))
        }
        _ => {
            return fail(
                n1,
                rest.chars().next().map_or(0, char::len_utf8),
                &format!(
                    "unexpected '{}' (quote values that contain symbols)",
                    rest.chars().next().unwrap_or(' ')
                ),
            );
        }
    };
    Ok(RawTerm::Term(term))
}

type ScanErr = (usize, usize, String);

/// Reads one value from the start of `word`: a typed literal when it ends at a
/// token boundary (end, `+`, `-`), else a bare text word. Returns the byte length.
fn scan_value(word: &str) -> Result<(Value, usize), ScanErr> {
    let b = word.as_bytes();
    let boundary = |n: usize| matches!(b.get(n), None | Some(b'+' | b'-'));
    if let Some(n) = scan_datetime(b).filter(|&n| boundary(n)) {
        let lit = DateTimeLiteral::parse(&word[..n]).ok_or((
            0,
            n,
            format!("'{}' is not a valid date-time", &word[..n]),
        ))?;
        return Ok((Value::DateTime(DateTimeValue::At(lit)), n));
    }
    if let Some(n) = scan_date(b).filter(|&n| boundary(n)) {
        let d = NaiveDate::parse_from_str(&word[..n], "%Y-%m-%d")
            .map_err(|_| (0, n, format!("'{}' is not a valid date", &word[..n])))?;
        return Ok((Value::Date(DateValue::On(d)), n));
    }
    if let Some(n) = scan_time(b).filter(|&n| boundary(n)) {
        let t = TimeLiteral::parse(&word[..n]).ok_or((
            0,
            n,
            format!("'{}' is not a valid time", &word[..n]),
        ))?;
        return Ok((Value::Time(t), n));
    }
    if let Some(n) = scan_number(b).filter(|&n| boundary(n)) {
        let num = Number::parse(&word[..n]).ok_or((0, n, "invalid number".to_owned()))?;
        return Ok((Value::Number(num), n));
    }
    for (kw, v) in [
        ("TODAY", Value::Date(DateValue::Today)),
        ("NOW", Value::DateTime(DateTimeValue::Now)),
    ] {
        if word.starts_with(kw) && boundary(kw.len()) {
            return Ok((v, kw.len()));
        }
    }
    let n: usize = word
        .chars()
        .take_while(|c| is_bare_char(*c))
        .map(char::len_utf8)
        .sum();
    if n == 0 {
        let c = word.chars().next().unwrap_or(' ');
        return Err((0, c.len_utf8(), format!("expected a value, found '{c}'")));
    }
    Ok((Value::Text(word[..n].to_owned()), n))
}
