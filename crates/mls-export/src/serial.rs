//! Excel serial dates: RETS `YYYY-MM-DD[Thh:mm:ss[.sss][Z]]` text to an Excel
//! serial number for export, and back to ISO text for import (calendar
//! arithmetic by chrono). Only 1900-03-01 onwards is handled, where the serial is simply
//! days since 1899-12-30 (earlier dates stay text, never a wrong value).

use chrono::{Datelike, NaiveDate};

/// Excel's day 0 for modern dates.
fn excel_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or(NaiveDate::MIN)
}

/// Serial number of 1900-03-01, the first date whose serial needs no leap-bug fix.
const FIRST_SAFE_SERIAL: i64 = 61;

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0')),
    )
}

/// Parses `YYYY-MM-DD` into an Excel serial day number.
pub(crate) fn parse_date(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let serial = date.signed_duration_since(excel_epoch()).num_days();
    if !(FIRST_SAFE_SERIAL..=2_958_465).contains(&serial) {
        return None;
    }
    Some(serial as f64)
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.fff]][Z]` (or a space for `T`)
/// into an Excel serial date-time.
pub(crate) fn parse_datetime(text: &str) -> Option<f64> {
    let text = text.strip_suffix('Z').unwrap_or(text);
    if text.len() == 10 {
        return parse_date(text);
    }
    let b = text.as_bytes();
    if b.len() < 16 || !(b[10] == b'T' || b[10] == b' ') || b[13] != b':' {
        return None;
    }
    let day = parse_date(&text[..10])?;
    Some(day + parse_time(&text[11..])?)
}

/// Parses a time of day `hh:mm[:ss[.fff]]` (RETS `Time`) into Excel's
/// fraction of a day.
pub(crate) fn parse_time(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let hour = digits(&b[0..2])?;
    let minute = digits(&b[3..5])?;
    let mut seconds = 0.0;
    let rest = &b[5..];
    if !rest.is_empty() {
        if rest.len() < 3 || rest[0] != b':' {
            return None;
        }
        seconds = f64::from(digits(&rest[1..3])?);
        let frac = &rest[3..];
        if !frac.is_empty() {
            if frac.len() < 2 || frac[0] != b'.' || !frac[1..].iter().all(u8::is_ascii_digit) {
                return None;
            }
            seconds += text[text.len() - frac.len()..].parse::<f64>().ok()?;
        }
    }
    if hour > 23 || minute > 59 || seconds >= 60.0 {
        return None;
    }
    let secs = f64::from(hour * 3600 + minute * 60) + seconds;
    Some(secs / 86_400.0)
}

/// Formats an Excel serial date-time as `YYYY-MM-DD` (whole days) or
/// `YYYY-MM-DDThh:mm:ss` (rounded to the second). `None` before 1900-03-01.
pub(crate) fn format_serial(serial: f64) -> Option<String> {
    if !serial.is_finite() || serial < FIRST_SAFE_SERIAL as f64 || serial >= 2_958_466.0 {
        return None;
    }
    let total_secs = (serial * 86_400.0).round() as i64;
    let (days, secs) = (total_secs.div_euclid(86_400), total_secs.rem_euclid(86_400));
    let date = excel_epoch().checked_add_days(chrono::Days::new(u64::try_from(days).ok()?))?;
    let (y, m, d) = (date.year(), date.month(), date.day());
    if secs == 0 && serial.fract() == 0.0 {
        Some(format!("{y:04}-{m:02}-{d:02}"))
    } else {
        let (h, mi, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
        Some(format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_serials() {
        assert_eq!(parse_date("1900-03-01"), Some(61.0));
        assert_eq!(parse_date("2024-01-15"), Some(45306.0));
        assert_eq!(parse_date("9999-12-31"), Some(2_958_465.0));
        assert_eq!(parse_datetime("2024-01-15T12:00:00"), Some(45306.5));
        assert_eq!(parse_datetime("2024-01-15 06:00:00Z"), Some(45306.25));
        assert_eq!(parse_datetime("2024-01-15T06:00"), Some(45306.25));
        assert_eq!(parse_datetime("2024-01-15"), Some(45306.0));
        let with_ms = parse_datetime("2024-01-15T00:00:01.500").unwrap();
        assert!((with_ms - (45306.0 + 1.5 / 86_400.0)).abs() < 1e-9);
    }

    #[test]
    fn times_of_day() {
        assert_eq!(parse_time("12:00:00"), Some(0.5));
        assert_eq!(parse_time("06:00"), Some(0.25));
        assert_eq!(parse_time("00:00:01.500"), Some(1.5 / 86_400.0));
        for bad in [
            "",
            "24:00:00",
            "12:60",
            "12:00:60",
            "1:00",
            "12-00",
            "12:00:0",
            "12:00:00.",
            "ab:cd",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn rejects_malformed_and_unsafe_dates() {
        for bad in [
            "",
            "2024-1-15",
            "2024-02-30",
            "2023-02-29",
            "2024-13-01",
            "1900-02-28",
            "2024/01/15",
            "20240115",
            "2024-01-15T24:00:00",
            "2024-01-15T12:60",
            "2024-01-15T12:00:00+02:00",
            "2024-01-15T12:00:00.",
            "2024-01-15X12:00:00",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
        assert_eq!(parse_date("2024-02-29"), Some(45351.0));
    }

    #[test]
    fn formats_back_to_iso() {
        assert_eq!(format_serial(45306.0).as_deref(), Some("2024-01-15"));
        assert_eq!(
            format_serial(45306.5).as_deref(),
            Some("2024-01-15T12:00:00")
        );
        assert_eq!(format_serial(10.0), None);
        for text in [
            "2000-02-29T23:59:59",
            "1999-12-31T00:00:01",
            "2038-01-19T03:14:07",
        ] {
            assert_eq!(
                format_serial(parse_datetime(text).unwrap()).as_deref(),
                Some(text)
            );
        }
    }
}
