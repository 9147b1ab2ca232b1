//! Calendar periods (ISO week, month, quarter, year) as contiguous indexes, so a
//! statistic is an array per area and period-over-period and year-over-year are
//! index offsets.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::frame::{date_of, parse_day};

/// The length of one statistics period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    /// Parses `week|month|quarter|year`.
    pub fn parse(s: &str) -> Option<Period> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "week" => Period::Week,
            "month" => Period::Month,
            "quarter" => Period::Quarter,
            "year" => Period::Year,
            _ => return None,
        })
    }

    /// Periods in a year (for year-over-year).
    pub fn per_year(self) -> usize {
        match self {
            Period::Week => 52,
            Period::Month => 12,
            Period::Quarter => 4,
            Period::Year => 1,
        }
    }

    /// Months in one period (weeks count as 7/30.44 of a month).
    pub fn months(self) -> f64 {
        match self {
            Period::Week => 7.0 / 30.436875,
            Period::Month => 1.0,
            Period::Quarter => 3.0,
            Period::Year => 12.0,
        }
    }

    /// Ordinal of the period holding `day` (comparable across days).
    pub fn ordinal(self, day: i32) -> i64 {
        let d = date_of(day);
        match self {
            // 1970-01-05 was a Monday: weeks run Monday to Sunday.
            Period::Week => (i64::from(day) - 4).div_euclid(7),
            Period::Month => i64::from(d.year()) * 12 + i64::from(d.month0()),
            Period::Quarter => i64::from(d.year()) * 4 + i64::from(d.month0() / 3),
            Period::Year => i64::from(d.year()),
        }
    }

    /// First day of period `ordinal`.
    pub fn start(self, ordinal: i64) -> NaiveDate {
        let ymd = |y: i64, m0: i64| {
            NaiveDate::from_ymd_opt(y as i32, m0 as u32 + 1, 1).expect("valid month")
        };
        match self {
            Period::Week => date_of((ordinal * 7 + 4) as i32),
            Period::Month => ymd(ordinal.div_euclid(12), ordinal.rem_euclid(12)),
            Period::Quarter => ymd(ordinal.div_euclid(4), ordinal.rem_euclid(4) * 3),
            Period::Year => ymd(ordinal, 0),
        }
    }

    /// Last day of period `ordinal`.
    pub fn end(self, ordinal: i64) -> NaiveDate {
        self.start(ordinal + 1).pred_opt().expect("valid date")
    }

    /// The period's label: `2024-W05`, `2024-03`, `2024-Q1`, `2024`.
    pub fn label(self, ordinal: i64) -> String {
        let s = self.start(ordinal);
        match self {
            Period::Week => {
                let w = s.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Period::Month => s.format("%Y-%m").to_string(),
            Period::Quarter => format!("{}-Q{}", s.year(), s.month0() / 3 + 1),
            Period::Year => s.year().to_string(),
        }
    }
}

/// Parses a `--from`/`--to` date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`
/// (`to` dates without a day mean the end of that month or year).
pub fn parse_bound(s: &str, end: bool) -> Option<i32> {
    let s = s.trim();
    if let Some(d) = parse_day(s) {
        return Some(d);
    }
    let (period, ordinal) = if let Some((y, m)) = s.split_once('-') {
        let (y, m): (i64, i64) = (y.parse().ok()?, m.parse().ok()?);
        if !(1..=12).contains(&m) {
            return None;
        }
        (Period::Month, y * 12 + m - 1)
    } else {
        (Period::Year, s.parse().ok()?)
    };
    if !(1800..=2200).contains(&(ordinal / if period == Period::Month { 12 } else { 1 })) {
        return None;
    }
    let date = if end {
        period.end(ordinal)
    } else {
        period.start(ordinal)
    };
    parse_day(&date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i32 {
        parse_day(s).unwrap()
    }

    #[test]
    fn periods_have_starts_ends_and_labels() {
        let p = Period::Month;
        let o = p.ordinal(day("2024-02-15"));
        assert_eq!(p.start(o).to_string(), "2024-02-01");
        assert_eq!(p.end(o).to_string(), "2024-02-29");
        assert_eq!(p.label(o), "2024-02");
        assert_eq!(p.ordinal(day("2024-03-01")), o + 1);
        let q = Period::Quarter.ordinal(day("2024-05-31"));
        assert_eq!(Period::Quarter.label(q), "2024-Q2");
        assert_eq!(Period::Quarter.end(q).to_string(), "2024-06-30");
        let w = Period::Week.ordinal(day("2024-01-31"));
        assert_eq!(Period::Week.start(w).to_string(), "2024-01-29");
        assert_eq!(Period::Week.label(w), "2024-W05");
        assert_eq!(Period::Week.ordinal(day("2024-02-04")), w);
        assert_eq!(Period::Week.ordinal(day("2024-02-05")), w + 1);
        assert_eq!(
            Period::Year.label(Period::Year.ordinal(day("1999-12-31"))),
            "1999"
        );
    }

    #[test]
    fn bounds_accept_short_dates() {
        assert_eq!(parse_bound("2024-02", true), Some(day("2024-02-29")));
        assert_eq!(parse_bound("2024-02", false), Some(day("2024-02-01")));
        assert_eq!(parse_bound("2023", true), Some(day("2023-12-31")));
        assert_eq!(parse_bound("2023-05-06", true), Some(day("2023-05-06")));
        assert_eq!(parse_bound("2023-13", true), None);
        assert_eq!(parse_bound("last week", true), None);
    }
}
