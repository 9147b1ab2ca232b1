//! Typed literal values of DMQL2: numbers, dates, date-times and times.
//! Each keeps the exact text it was written with, so a parsed query prints back
//! unchanged, while also exposing a parsed form a server can compare against.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A single literal in a field criterion.
///
/// The parser picks the variant from the literal's shape alone (DMQL2 is untyped
/// text); the field's metadata decides later whether it fits. Quoted strings and
/// bare words that are not numbers, dates or times are [`Value::Text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// `[-]1*DIGIT ["." *DIGIT]`.
    Number(Number),
    /// `YYYY-MM-DD` or `TODAY`.
    Date(DateValue),
    /// `YYYY-MM-DDThh:mm:ss[.f][Z|±hh:mm]` or `NOW`.
    DateTime(DateTimeValue),
    /// `hh:mm:ss[.f]`.
    Time(TimeLiteral),
    /// Any other text (bare word or quoted string, unescaped).
    Text(String),
}

impl Value {
    /// The literal as the server should read it, without quotes (e.g. `"TODAY"`,
    /// `"100.50"`, `"O'Brien"`). Useful when a Character field is compared textually.
    pub fn raw(&self) -> String {
        match self {
            Value::Number(n) => n.text().to_owned(),
            Value::Date(d) => d.to_string(),
            Value::DateTime(d) => d.to_string(),
            Value::Time(t) => t.text().to_owned(),
            Value::Text(s) => s.clone(),
        }
    }

    /// Short name of the literal's kind, for messages ("number", "date", ...).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Number(_) => "number",
            Value::Date(_) => "date",
            Value::DateTime(_) => "date-time",
            Value::Time(_) => "time",
            Value::Text(_) => "text",
        }
    }
}

/// A decimal number: the text as written plus its `f64` value.
///
/// The text is kept so `007` or `100.50` print back exactly and integer fields
/// can be checked for a fractional part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Number {
    text: String,
    value: f64,
}

impl Number {
    /// Parses `[-]1*DIGIT ["." *DIGIT]`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Number> {
        if scan_number(text.as_bytes()) != Some(text.len()) {
            return None;
        }
        let value = text.trim_end_matches('.').parse::<f64>().ok()?;
        Some(Number {
            text: text.to_owned(),
            value,
        })
    }

    /// A number from a finite `f64` (`None` for NaN or infinity).
    pub fn from_f64(value: f64) -> Option<Number> {
        value.is_finite().then(|| Number {
            text: format!("{value}"),
            value,
        })
    }

    /// The text as written, e.g. `"100.50"`.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parsed value.
    pub fn value(&self) -> f64 {
        self.value
    }

    /// True when written without a decimal point.
    pub fn is_integer(&self) -> bool {
        !self.text.contains('.')
    }

    /// The value as an integer when written as one and it fits in `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_integer() {
            self.text.parse().ok()
        } else {
            None
        }
    }
}

macro_rules! number_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number { text: n.to_string(), value: n as f64 }
            }
        }
    )*};
}
number_from_int!(i8, i16, i32, i64, u8, u16, u32, u64, usize);

/// A DMQL date: a calendar day or the symbolic `TODAY` (resolved by the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateValue {
    /// The server's current date.
    Today,
    /// A `YYYY-MM-DD` calendar day.
    On(NaiveDate),
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Today => f.write_str("TODAY"),
            DateValue::On(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

/// A DMQL date-time: a RETSDATETIME or the symbolic `NOW` (resolved by the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateTimeValue {
    /// The server's current date and time.
    Now,
    /// A literal date-time.
    At(DateTimeLiteral),
}

impl fmt::Display for DateTimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateTimeValue::Now => f.write_str("NOW"),
            DateTimeValue::At(d) => f.write_str(d.text()),
        }
    }
}

/// A literal RETSDATETIME such as `2024-01-01T00:00:00`, `…T10:20:30.5Z` or `…+02:00`.
///
/// Seconds are optional and any number of fraction digits is accepted (real
/// clients send milliseconds although RETS 1.7.2 allows one digit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateTimeLiteral {
    text: String,
    local: NaiveDateTime,
    offset_seconds: Option<i32>,
}

impl DateTimeLiteral {
    /// Parses the whole of `text`; `None` if it is not a valid date-time.
    pub fn parse(text: &str) -> Option<DateTimeLiteral> {
        let b = text.as_bytes();
        if scan_datetime(b) != Some(b.len()) {
            return None;
        }
        let date = parse_date(&text[..10])?;
        let rest = &text[11..];
        let (time_part, offset_seconds) = split_offset(rest)?;
        let time = parse_time(time_part)?;
        Some(DateTimeLiteral {
            text: text.to_owned(),
            local: date.and_time(time),
            offset_seconds,
        })
    }

    /// Builds a literal; `offset_seconds` of `Some(0)` prints as `Z`. Fractions print
    /// as milliseconds when non-zero.
    pub fn new(local: NaiveDateTime, offset_seconds: Option<i32>) -> DateTimeLiteral {
        let mut text = local.format("%Y-%m-%dT%H:%M:%S").to_string();
        let millis = local.nanosecond() / 1_000_000;
        if millis != 0 {
            text.push_str(&format!(".{millis:03}"));
        }
        match offset_seconds {
            None => {}
            Some(0) => text.push('Z'),
            Some(s) => {
                let sign = if s < 0 { '-' } else { '+' };
                let a = s.unsigned_abs();
                text.push_str(&format!("{sign}{:02}:{:02}", a / 3600, a % 3600 / 60));
            }
        }
        DateTimeLiteral {
            text,
            local,
            offset_seconds,
        }
    }

    /// The text as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The wall-clock date and time as written (offset not applied).
    pub fn local(&self) -> NaiveDateTime {
        self.local
    }

    /// The UTC offset in seconds, `None` when the literal has none (server time zone applies).
    pub fn offset_seconds(&self) -> Option<i32> {
        self.offset_seconds
    }

    /// The instant in UTC when an offset was given.
    pub fn utc(&self) -> Option<NaiveDateTime> {
        self.offset_seconds
            .map(|s| self.local - chrono::Duration::seconds(i64::from(s)))
    }
}

/// A DMQL partial-time `hh:mm:ss[.f]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeLiteral {
    text: String,
    time: NaiveTime,
}

impl TimeLiteral {
    /// Parses the whole of `text`; `None` if it is not a valid time.
    pub fn parse(text: &str) -> Option<TimeLiteral> {
        if scan_time(text.as_bytes()) != Some(text.len()) {
            return None;
        }
        Some(TimeLiteral {
            text: text.to_owned(),
            time: parse_time(text)?,
        })
    }

    /// Builds a literal printed as `hh:mm:ss`.
    pub fn new(time: NaiveTime) -> TimeLiteral {
        let time = time.with_nanosecond(0).unwrap_or(time);
        TimeLiteral {
            text: time.format("%H:%M:%S").to_string(),
            time,
        }
    }

    /// The text as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parsed time of day.
    pub fn time(&self) -> NaiveTime {
        self.time
    }
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `hh:mm[:ss[.f+]]` to a time; fractions beyond nanoseconds are truncated.
fn parse_time(s: &str) -> Option<NaiveTime> {
    let (hms, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut it = hms.split(':').map(|p| p.parse::<u32>().ok());
    let h = it.next()??;
    let m = it.next()??;
    let sec = it.next().unwrap_or(Some(0))?;
    let mut nanos = 0u32;
    for (i, d) in frac.bytes().take(9).enumerate() {
        nanos += u32::from(d - b'0') * 10u32.pow(8 - i as u32);
    }
    NaiveTime::from_hms_nano_opt(h, m, sec.min(59), nanos)
}

/// Splits a trailing `Z` / `±hh:mm` off a time string.
fn split_offset(s: &str) -> Option<(&str, Option<i32>)> {
    if let Some(t) = s.strip_suffix('Z') {
        return Some((t, Some(0)));
    }
    let b = s.as_bytes();
    if b.len() > 6 && matches!(b[b.len() - 6], b'+' | b'-') && b[b.len() - 3] == b':' {
        let (t, off) = s.split_at(s.len() - 6);
        let h: i32 = off[1..3].parse().ok()?;
        let m: i32 = off[4..6].parse().ok()?;
        let secs = h * 3600 + m * 60;
        return Some((t, Some(if off.starts_with('-') { -secs } else { secs })));
    }
    Some((s, None))
}

fn digits(b: &[u8], at: usize, n: usize) -> bool {
    b.len() >= at + n && b[at..at + n].iter().all(u8::is_ascii_digit)
}

/// Length of a `[-]1*DIGIT ["." *DIGIT]` prefix.
pub(crate) fn scan_number(b: &[u8]) -> Option<usize> {
    let mut i = usize::from(b.first() == Some(&b'-'));
    let start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == start {
        return None;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    Some(i)
}

/// Length of a `YYYY-MM-DD` prefix (shape only).
pub(crate) fn scan_date(b: &[u8]) -> Option<usize> {
    (digits(b, 0, 4) && b.get(4) == Some(&b'-') && digits(b, 5, 2) && b.get(7) == Some(&b'-'))
        .then_some(())
        .filter(|_| digits(b, 8, 2))
        .map(|_| 10)
}

/// Length of a `hh:mm[:ss[.f+]]` prefix (shape only).
pub(crate) fn scan_time(b: &[u8]) -> Option<usize> {
    if !(digits(b, 0, 2) && b.get(2) == Some(&b':') && digits(b, 3, 2)) {
        return None;
    }
    let mut i = 5;
    if b.get(i) == Some(&b':') && digits(b, i + 1, 2) {
        i += 3;
        if b.get(i) == Some(&b'.') && digits(b, i + 1, 1) {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    Some(i)
}

/// Length of a RETSDATETIME prefix (shape only). A trailing `±hh:mm` counts as an
/// offset only when not followed by more time digits, so `…T10:00:00-11:00:00`
/// is not misread.
pub(crate) fn scan_datetime(b: &[u8]) -> Option<usize> {
    let d = scan_date(b)?;
    if b.get(d) != Some(&b'T') {
        return None;
    }
    let mut i = d + 1 + scan_time(&b[d + 1..])?;
    match b.get(i) {
        Some(b'Z') => i += 1,
        Some(b'+' | b'-')
            if digits(b, i + 1, 2)
                && b.get(i + 3) == Some(&b':')
                && digits(b, i + 4, 2)
                && !matches!(b.get(i + 6), Some(c) if c.is_ascii_digit() || *c == b':') =>
        {
            i += 6
        }
        _ => {}
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_text_and_value() {
        let n = Number::parse("100.50").unwrap();
        assert_eq!(n.text(), "100.50");
        assert_eq!(n.value(), 100.5);
        assert!(!n.is_integer());
        assert_eq!(Number::parse("-007").unwrap().as_i64(), Some(-7));
        assert_eq!(Number::parse("5.").unwrap().value(), 5.0);
        for bad in ["", "-", "1e5", "1.2.3", ".5", "abc"] {
            assert!(Number::parse(bad).is_none(), "{bad}");
        }
        assert!(Number::from_f64(f64::NAN).is_none());
        assert_eq!(Number::from_f64(2.5).unwrap().text(), "2.5");
    }

    #[test]
    fn datetimes_parse_offsets_and_fractions() {
        let d = DateTimeLiteral::parse("2024-01-01T10:20:30.123+02:00").unwrap();
        assert_eq!(d.offset_seconds(), Some(7200));
        assert_eq!(d.local().nanosecond(), 123_000_000);
        assert_eq!(d.utc().unwrap().to_string(), "2024-01-01 08:20:30.123");
        assert_eq!(
            DateTimeLiteral::parse("2024-01-01T00:00:00Z")
                .unwrap()
                .offset_seconds(),
            Some(0)
        );
        assert!(DateTimeLiteral::parse("2024-02-30T00:00:00").is_none());
        assert!(DateTimeLiteral::parse("2024-01-01T25:00:00").is_none());
        let built = DateTimeLiteral::new(d.local(), Some(-18000));
        assert_eq!(built.text(), "2024-01-01T10:20:30.123-05:00");
        assert_eq!(DateTimeLiteral::parse(built.text()).unwrap(), built);
    }

    #[test]
    fn datetime_scan_does_not_eat_a_range_dash() {
        let s = b"2024-01-01T00:00:00-2024-02-01T00:00:00";
        assert_eq!(scan_datetime(s), Some(19));
        assert_eq!(scan_datetime(b"2024-01-01T00:00:00-05:00"), Some(25));
        assert_eq!(scan_datetime(b"2024-01-01T00:00:00+"), Some(19));
        assert_eq!(scan_datetime(b"2024-01-01T10:00"), Some(16));
    }

    #[test]
    fn times_and_dates() {
        assert_eq!(
            TimeLiteral::parse("23:59:59.5").unwrap().time(),
            NaiveTime::from_hms_milli_opt(23, 59, 59, 500).unwrap()
        );
        assert!(TimeLiteral::parse("24:00:00").is_none());
        assert_eq!(
            DateValue::On(NaiveDate::from_ymd_opt(2024, 3, 9).unwrap()).to_string(),
            "2024-03-09"
        );
        assert_eq!(scan_date(b"2024-01-0"), None);
    }
}
