//! Search reply formats: COMPACT, COMPACT-DECODED and (simplified) STANDARD-XML,
//! written row by row so replies of any size stream in bounded memory.

use std::fmt::Write;

use crate::schema::{Column, ResourceDef, Val};
use crate::xml::escape;

/// Search reply format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Lookup codes, delimited rows.
    Compact,
    /// Lookup long values, delimited rows.
    CompactDecoded,
    /// One XML element per record, one child per field (long lookup values).
    StandardXml,
}

impl Format {
    /// Parses the `Format` argument (`None` if unsupported).
    pub fn parse(s: Option<&str>) -> Option<Format> {
        match s.map(|s| s.trim().to_ascii_uppercase()) {
            None => Some(Format::StandardXml),
            Some(s) if s == "COMPACT" => Some(Format::Compact),
            Some(s) if s == "COMPACT-DECODED" => Some(Format::CompactDecoded),
            Some(s) if s == "STANDARD-XML" || s.starts_with("STANDARD-XML:") => {
                Some(Format::StandardXml)
            }
            Some(_) => None,
        }
    }
}

/// Text of a value as it appears in a reply.
pub fn render(v: &Val, col: &Column, res: &ResourceDef, decoded: bool) -> String {
    let lookup = |i: u16| -> String {
        col.lookup
            .and_then(|n| res.lookup(n))
            .and_then(|l| l.values.get(i as usize))
            .map(|lv| {
                if decoded {
                    lv.long.clone()
                } else {
                    lv.value.clone()
                }
            })
            .unwrap_or_default()
    };
    match v {
        Val::Null => String::new(),
        Val::Int(i) => i.to_string(),
        Val::Dec(d) => format!("{:.*}", col.precision as usize, d),
        Val::Text(s) => s.to_string(),
        Val::Date(d) => d.format("%Y-%m-%d").to_string(),
        Val::DateTime(d) => d.format("%Y-%m-%dT%H:%M:%S").to_string(),
        Val::Bool(b) => if *b { "1" } else { "0" }.to_string(),
        Val::Lookup(i) => lookup(*i),
        Val::Multi(m) => m.iter().map(|i| lookup(*i)).collect::<Vec<_>>().join(","),
    }
}

/// Writes one record in the given format.
pub fn write_row(
    out: &mut String,
    format: Format,
    delimiter: char,
    names: &[&str],
    values: &[String],
    element: &str,
) {
    match format {
        Format::Compact | Format::CompactDecoded => {
            out.push_str("<DATA>");
            out.push(delimiter);
            for v in values {
                out.push_str(&escape(v));
                out.push(delimiter);
            }
            out.push_str("</DATA>\r\n");
        }
        Format::StandardXml => {
            let _ = write!(out, "<{element}>");
            for (n, v) in names.iter().zip(values) {
                if v.is_empty() {
                    let _ = write!(out, "<{n}/>");
                } else {
                    let _ = write!(out, "<{n}>{}</{n}>", escape(v));
                }
            }
            let _ = write!(out, "</{element}>\r\n");
        }
    }
}
