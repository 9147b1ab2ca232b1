//! Turning one exported string into a typed XLSX cell. The rule is "never lose
//! data": a value becomes a number, date or boolean only when it converts
//! exactly; anything else is written as text, and text longer than Excel's
//! cell limit is cut with a visible marker.

use std::borrow::Cow;

use crate::ColumnKind;
use crate::serial;

/// Excel's maximum cell text length, in UTF-16 code units.
pub const MAX_CELL_TEXT: usize = 32_767;
/// Appended to text cut at [`MAX_CELL_TEXT`].
pub const TRUNCATION_MARKER: &str = "…[truncated]";

/// A value ready to be written to a worksheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    /// Nothing to write (empty string).
    Empty,
    /// A text cell; `truncated` when it was cut to fit Excel's limit.
    Text { text: Cow<'a, str>, truncated: bool },
    /// A plain number.
    Number(f64),
    /// An Excel serial date (date format).
    Date(f64),
    /// An Excel serial date-time (date-time format).
    DateTime(f64),
    /// An Excel time of day (fraction of a day, time format).
    Time(f64),
    /// A boolean.
    Bool(bool),
}

/// Converts `value` for a column of `kind`. With `excel_dates` false, dates,
/// date-times and booleans stay text.
pub(crate) fn convert(value: &str, kind: ColumnKind, excel_dates: bool) -> Cell<'_> {
    if value.is_empty() {
        return Cell::Empty;
    }
    let typed = match kind {
        ColumnKind::Integer | ColumnKind::Decimal => parse_number(value).map(Cell::Number),
        ColumnKind::Date if excel_dates => serial::parse_date(value).map(Cell::Date),
        ColumnKind::DateTime if excel_dates => serial::parse_datetime(value).map(Cell::DateTime),
        ColumnKind::Time if excel_dates => serial::parse_time(value).map(Cell::Time),
        ColumnKind::Boolean if excel_dates => parse_bool(value).map(Cell::Bool),
        _ => None,
    };
    typed.unwrap_or_else(|| text_cell(value))
}

/// True when `kind` would type values in this configuration (used to report
/// values that had to fall back to text).
pub(crate) fn is_typed(kind: ColumnKind, excel_dates: bool) -> bool {
    match kind {
        ColumnKind::Integer | ColumnKind::Decimal => true,
        ColumnKind::Date | ColumnKind::DateTime | ColumnKind::Time | ColumnKind::Boolean => {
            excel_dates
        }
        ColumnKind::Text | ColumnKind::Link => false,
    }
}

fn text_cell(value: &str) -> Cell<'_> {
    // Cheap pre-check: a string of at most MAX/3 bytes can't exceed the limit
    // (every UTF-16 unit needs at least one UTF-8 byte).
    if value.len() <= MAX_CELL_TEXT || value.encode_utf16().count() <= MAX_CELL_TEXT {
        return Cell::Text {
            text: Cow::Borrowed(value),
            truncated: false,
        };
    }
    let budget = MAX_CELL_TEXT - TRUNCATION_MARKER.encode_utf16().count();
    let mut used = 0;
    let mut end = 0;
    for (i, ch) in value.char_indices() {
        if used + ch.len_utf16() > budget {
            break;
        }
        used += ch.len_utf16();
        end = i + ch.len_utf8();
    }
    Cell::Text {
        text: Cow::Owned(format!("{}{TRUNCATION_MARKER}", &value[..end])),
        truncated: true,
    }
}

/// Parses plain decimal notation (`-12`, `3.50`, `.5`) when it fits an f64
/// exactly enough (at most 15 significant digits); otherwise `None`.
pub(crate) fn parse_number(value: &str) -> Option<f64> {
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, f),
        None => (unsigned, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac_part.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let significant = int_part.trim_start_matches('0').len()
        + if int_part.trim_start_matches('0').is_empty() {
            frac_part
                .trim_start_matches('0')
                .trim_end_matches('0')
                .len()
        } else {
            frac_part.trim_end_matches('0').len()
        };
    if significant > 15 {
        return None;
    }
    value.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// `1/0`, `Y/N`, `true/false`, case-insensitive.
pub(crate) fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "1" => Some(true),
        "0" => Some(false),
        v if v.eq_ignore_ascii_case("y") || v.eq_ignore_ascii_case("true") => Some(true),
        v if v.eq_ignore_ascii_case("n") || v.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// Rough display width in characters of a value as it will appear.
pub(crate) fn display_width(value: &str, cell: &Cell<'_>) -> usize {
    match cell {
        Cell::Empty => 0,
        Cell::Date(_) => 10,
        Cell::DateTime(_) => 19,
        Cell::Time(_) => 8,
        Cell::Bool(_) => 5,
        Cell::Number(_) => value.len(),
        Cell::Text { text, .. } => text.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_only_when_exact() {
        assert_eq!(parse_number("42"), Some(42.0));
        assert_eq!(parse_number("-3.50"), Some(-3.5));
        assert_eq!(parse_number(".5"), Some(0.5));
        assert_eq!(parse_number("0.000123"), Some(0.000123));
        assert_eq!(parse_number("123456789012345"), Some(123_456_789_012_345.0));
        for text in [
            "",
            "-",
            ".",
            "1e5",
            "inf",
            "NaN",
            " 1",
            "1 ",
            "+1",
            "1,000",
            "1234567890123456",
            "0x10",
        ] {
            assert_eq!(parse_number(text), None, "{text}");
        }
    }

    #[test]
    fn typed_cells_fall_back_to_text() {
        assert_eq!(convert("12", ColumnKind::Integer, true), Cell::Number(12.0));
        assert!(matches!(
            convert("N/A", ColumnKind::Integer, true),
            Cell::Text { .. }
        ));
        assert_eq!(convert("Y", ColumnKind::Boolean, true), Cell::Bool(true));
        assert_eq!(
            convert("false", ColumnKind::Boolean, true),
            Cell::Bool(false)
        );
        assert!(matches!(
            convert("Y", ColumnKind::Boolean, false),
            Cell::Text { .. }
        ));
        assert_eq!(
            convert("2024-01-15", ColumnKind::Date, true),
            Cell::Date(45306.0)
        );
        assert!(matches!(
            convert("2024-01-15", ColumnKind::Date, false),
            Cell::Text { .. }
        ));
        assert!(matches!(
            convert("00123", ColumnKind::Text, true),
            Cell::Text { .. }
        ));
        assert_eq!(convert("12:00:00", ColumnKind::Time, true), Cell::Time(0.5));
        assert!(matches!(
            convert("12:00:00", ColumnKind::Time, false),
            Cell::Text { .. }
        ));
        assert!(matches!(
            convert("noon", ColumnKind::Time, true),
            Cell::Text { .. }
        ));
        assert_eq!(convert("", ColumnKind::Text, true), Cell::Empty);
    }

    #[test]
    fn long_text_is_cut_to_the_limit_with_marker() {
        let long = "é".repeat(MAX_CELL_TEXT + 5);
        let Cell::Text { text, truncated } = convert(&long, ColumnKind::Text, true) else {
            panic!("expected text");
        };
        assert!(truncated);
        assert!(text.ends_with(TRUNCATION_MARKER));
        assert_eq!(text.encode_utf16().count(), MAX_CELL_TEXT);

        // Astral characters count as two UTF-16 units and are never split.
        let astral = "😀".repeat(MAX_CELL_TEXT);
        let Cell::Text { text, truncated } = convert(&astral, ColumnKind::Text, true) else {
            panic!("expected text");
        };
        assert!(truncated);
        assert!(text.encode_utf16().count() <= MAX_CELL_TEXT);

        let exact = "x".repeat(MAX_CELL_TEXT);
        assert!(matches!(
            convert(&exact, ColumnKind::Text, true),
            Cell::Text {
                truncated: false,
                ..
            }
        ));
    }
}
