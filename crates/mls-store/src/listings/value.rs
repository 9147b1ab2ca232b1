//! Conversion of raw RETS text values into typed SQLite values. Unparseable
//! values become NULL in the typed column; the raw JSON keeps the original.

use chrono::{NaiveDate, NaiveDateTime};

use super::FieldKind;

/// A value ready to bind.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SqlValue {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// Convert `raw` to the storage type of `kind`.
pub(crate) fn convert(kind: FieldKind, raw: &str) -> SqlValue {
    let s = raw.trim();
    if s.is_empty() {
        return SqlValue::Null;
    }
    match kind {
        FieldKind::Text => SqlValue::Text(raw.to_string()),
        FieldKind::Integer => {
            let n = s.replace(',', "");
            if let Ok(i) = n.parse::<i64>() {
                SqlValue::Int(i)
            } else {
                match n.parse::<f64>() {
                    Ok(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => SqlValue::Int(f as i64),
                    _ => SqlValue::Null,
                }
            }
        }
        FieldKind::Decimal => s
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map_or(SqlValue::Null, SqlValue::Real),
        FieldKind::Date => parse_datetime(s)
            .map(|d| d.date())
            .or_else(|| NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok())
            .map_or(SqlValue::Null, |d| {
                SqlValue::Text(d.format("%Y-%m-%d").to_string())
            }),
        FieldKind::DateTime => parse_datetime(s)
            .or_else(|| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
            })
            .map_or(SqlValue::Null, |d| {
                SqlValue::Text(d.format("%Y-%m-%dT%H:%M:%S%.3f").to_string())
            }),
        FieldKind::Boolean => match s.to_ascii_lowercase().as_str() {
            "1" | "y" | "yes" | "true" | "t" => SqlValue::Int(1),
            "0" | "n" | "no" | "false" | "f" => SqlValue::Int(0),
            _ => SqlValue::Null,
        },
    }
}

fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.naive_utc());
    }
    let s = s.trim_end_matches('Z');
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_each_kind() {
        assert_eq!(convert(FieldKind::Integer, " 1,200 "), SqlValue::Int(1200));
        assert_eq!(convert(FieldKind::Integer, "3.0"), SqlValue::Int(3));
        assert_eq!(convert(FieldKind::Integer, "3.5"), SqlValue::Null);
        assert_eq!(
            convert(FieldKind::Decimal, "349,900.50"),
            SqlValue::Real(349900.5)
        );
        assert_eq!(
            convert(FieldKind::Date, "2024-03-01T10:00:00"),
            SqlValue::Text("2024-03-01".into())
        );
        assert_eq!(
            convert(FieldKind::DateTime, "2024-03-01T10:00:00.5"),
            SqlValue::Text("2024-03-01T10:00:00.500".into())
        );
        assert_eq!(
            convert(FieldKind::DateTime, "2024-03-01 10:00:00Z"),
            SqlValue::Text("2024-03-01T10:00:00.000".into())
        );
        assert_eq!(convert(FieldKind::Boolean, "Y"), SqlValue::Int(1));
        assert_eq!(convert(FieldKind::Boolean, "false"), SqlValue::Int(0));
        assert_eq!(convert(FieldKind::Boolean, "maybe"), SqlValue::Null);
        assert_eq!(convert(FieldKind::Text, ""), SqlValue::Null);
        assert_eq!(
            convert(FieldKind::Text, " a "),
            SqlValue::Text(" a ".into())
        );
    }

    #[test]
    fn maps_rets_data_types() {
        assert_eq!(FieldKind::from_rets_data_type("Int"), FieldKind::Integer);
        assert_eq!(
            FieldKind::from_rets_data_type("DateTime"),
            FieldKind::DateTime
        );
        assert_eq!(FieldKind::from_rets_data_type("Character"), FieldKind::Text);
    }
}
