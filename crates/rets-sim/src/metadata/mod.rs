//! GetMetadata replies: the schema rendered as COMPACT or STANDARD-XML, with
//! the spec's Type/ID rules (`0` = this level, `*` = this level and every
//! type below it, `Resource:Class` paths).

use std::fmt::Write;

mod segments;

use crate::schema::{ResourceDef, Schema};
use crate::xml::escape;
use segments::{Ctx, Segment};

/// Metadata formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaFormat {
    /// Tab-delimited `<COLUMNS>`/`<DATA>` segments.
    Compact,
    /// Nested XML per the RETS metadata DTD.
    StandardXml,
}

/// A GetMetadata request that cannot be answered.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MetaError {
    /// 20501.
    #[error("Invalid Type: {0}")]
    InvalidType(String),
    /// 20502.
    #[error("Invalid Identifier: {0}")]
    InvalidId(String),
}

impl MetaError {
    /// RETS reply code.
    pub fn code(&self) -> u32 {
        match self {
            MetaError::InvalidType(_) => 20501,
            MetaError::InvalidId(_) => 20502,
        }
    }
}

/// Renders the body of a GetMetadata reply (`<RETS>` envelope included).
pub fn render(
    schema: &Schema,
    mtype: &str,
    id: &str,
    format: MetaFormat,
) -> Result<String, MetaError> {
    let ctx = Ctx { s: schema };
    let upper = mtype.trim().to_ascii_uppercase();
    let kind = upper
        .strip_prefix("METADATA-")
        .ok_or_else(|| MetaError::InvalidType(mtype.into()))?;
    let parts: Vec<&str> = id.trim().split(':').collect();
    let deep = parts.last().is_some_and(|p| *p == "*");
    let is_all = |p: Option<&&str>| p.is_none_or(|p| p.is_empty() || *p == "*" || *p == "0");
    let resources = |p: Option<&&str>| -> Result<Vec<&ResourceDef>, MetaError> {
        if is_all(p) {
            return Ok(schema.resources.iter().collect());
        }
        let name = p.copied().unwrap_or_default();
        schema
            .resource(name)
            .map(|r| vec![r])
            .ok_or_else(|| MetaError::InvalidId(id.into()))
    };
    let sub = |i: usize| parts.get(i).copied().filter(|p| !is_all(Some(p)));
    let mut segments = Vec::new();
    let mut system = false;
    match kind {
        "SYSTEM" => system = true,
        "RESOURCE" => segments.push(ctx.resources(deep)),
        "CLASS" => {
            for r in resources(parts.first())? {
                segments.push(ctx.classes(r, None, deep));
            }
        }
        "TABLE" => {
            for r in resources(parts.first())? {
                match sub(1) {
                    Some(c) => {
                        let class = r.class(c).ok_or_else(|| MetaError::InvalidId(id.into()))?;
                        segments.push(ctx.table(r, class.name));
                    }
                    None => segments.extend(r.classes.iter().map(|c| ctx.table(r, c.name))),
                }
            }
        }
        "LOOKUP" => {
            for r in resources(parts.first())? {
                segments.push(ctx.lookups(r, None, deep));
            }
        }
        "LOOKUP_TYPE" => {
            for r in resources(parts.first())? {
                match sub(1) {
                    Some(l) => {
                        let def = r
                            .lookup(l)
                            .or_else(|| r.lookups.iter().find(|x| x.name.eq_ignore_ascii_case(l)));
                        let def = def.ok_or_else(|| MetaError::InvalidId(id.into()))?;
                        segments.push(ctx.lookup_type(r, def.name));
                    }
                    None => segments.extend(r.lookups.iter().map(|l| ctx.lookup_type(r, l.name))),
                }
            }
        }
        "OBJECT" => {
            for r in resources(parts.first())? {
                segments.push(ctx.objects(r));
            }
        }
        _ => return Err(MetaError::InvalidType(mtype.into())),
    }
    let children = if system && deep {
        vec![ctx.resources(true)]
    } else {
        vec![]
    };
    let mut out = String::with_capacity(4096);
    match format {
        MetaFormat::Compact => {
            out.push_str("<?xml version=\"1.0\" ?>\r\n<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\r\n");
            if system {
                write_system_compact(&mut out, schema);
                children.iter().for_each(|s| compact(&mut out, s));
            }
            segments.iter().for_each(|s| compact(&mut out, s));
        }
        MetaFormat::StandardXml => {
            out.push_str("<?xml version=\"1.0\" ?>\r\n<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\r\n<METADATA>\r\n");
            if system {
                let _ = write!(
                    out,
                    "<METADATA-SYSTEM Version=\"{}\" Date=\"{}\">\r\n",
                    schema.version, schema.date
                );
                out.push_str("<SYSTEM SystemID=\"DEMOMLS\" SystemDescription=\"RETS Data Portal Demo MLS\" TimeZoneOffset=\"+00:00\">\r\n");
                out.push_str("<Comments>Simulated data; not real listings.</Comments>\r\n");
                children.iter().for_each(|s| xml(&mut out, s));
                out.push_str("</SYSTEM>\r\n</METADATA-SYSTEM>\r\n");
            }
            segments.iter().for_each(|s| xml(&mut out, s));
            out.push_str("</METADATA>\r\n");
        }
    }
    out.push_str("</RETS>\r\n");
    Ok(out)
}

fn write_system_compact(out: &mut String, schema: &Schema) {
    let _ = write!(
        out,
        "<METADATA-SYSTEM Version=\"{}\" Date=\"{}\">\r\n<SYSTEM SystemID=\"DEMOMLS\" SystemDescription=\"RETS Data Portal Demo MLS\" TimeZoneOffset=\"+00:00\"/>\r\n<COMMENTS>Simulated data; not real listings.</COMMENTS>\r\n</METADATA-SYSTEM>\r\n",
        schema.version, schema.date
    );
}

fn attrs(out: &mut String, s: &Segment) {
    for (k, v) in &s.attrs {
        let _ = write!(out, " {k}=\"{}\"", escape(v));
    }
}

fn compact(out: &mut String, s: &Segment) {
    out.push('<');
    out.push_str(s.name);
    attrs(out, s);
    out.push_str(">\r\n<COLUMNS>\t");
    for c in s.columns {
        out.push_str(c);
        out.push('\t');
    }
    out.push_str("</COLUMNS>\r\n");
    for (row, _) in &s.rows {
        out.push_str("<DATA>\t");
        for v in row {
            out.push_str(&escape(v));
            out.push('\t');
        }
        out.push_str("</DATA>\r\n");
    }
    let _ = write!(out, "</{}>\r\n", s.name);
    for (_, children) in &s.rows {
        children.iter().for_each(|c| compact(out, c));
    }
}

fn xml(out: &mut String, s: &Segment) {
    out.push('<');
    out.push_str(s.name);
    attrs(out, s);
    out.push_str(">\r\n");
    for (row, children) in &s.rows {
        let _ = write!(out, "<{}>\r\n", s.item);
        for (c, v) in s.columns.iter().zip(row) {
            if v.is_empty() {
                let _ = write!(out, "<{c}/>");
            } else {
                let _ = write!(out, "<{c}>{}</{c}>", escape(v));
            }
        }
        out.push_str("\r\n");
        children.iter().for_each(|c| xml(out, c));
        let _ = write!(out, "</{}>\r\n", s.item);
    }
    let _ = write!(out, "</{}>\r\n", s.name);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;

    fn schema() -> Schema {
        Schema::build(&Dataset::generate(1, 100, 1_780_000_000))
    }

    #[test]
    fn type_and_id_rules() {
        let s = schema();
        let sys0 = render(&s, "METADATA-SYSTEM", "0", MetaFormat::Compact).unwrap();
        assert!(
            sys0.contains("<SYSTEM SystemID=\"DEMOMLS\"") && !sys0.contains("METADATA-RESOURCE")
        );
        let all = render(&s, "METADATA-SYSTEM", "*", MetaFormat::Compact).unwrap();
        for t in [
            "METADATA-RESOURCE",
            "METADATA-CLASS",
            "METADATA-TABLE",
            "METADATA-LOOKUP_TYPE",
            "METADATA-OBJECT",
        ] {
            assert!(all.contains(&format!("<{t} ")), "{t} missing");
        }
        assert_eq!(
            all.matches("<METADATA-TABLE ").count(),
            8,
            "5 Property classes + 3 roster"
        );
        let classes = render(&s, "METADATA-CLASS", "Property", MetaFormat::Compact).unwrap();
        assert_eq!(classes.matches("<DATA>").count(), 5);
        assert!(!classes.contains("METADATA-TABLE"));
        let deep = render(&s, "METADATA-CLASS", "*", MetaFormat::Compact).unwrap();
        assert!(deep.contains("METADATA-TABLE") && deep.contains("Resource=\"Agent\""));
        let table = render(
            &s,
            "METADATA-TABLE",
            "Property:Residential",
            MetaFormat::Compact,
        )
        .unwrap();
        assert!(table.matches("<DATA>").count() >= 95);
        assert!(table.contains("\tLIST_PRICE\tListPrice\t"));
        let lt = render(
            &s,
            "METADATA-LOOKUP_TYPE",
            "Property:ListingStatus",
            MetaFormat::Compact,
        )
        .unwrap();
        assert!(lt.contains("\tActive\tActive\tA\t"));
        assert_eq!(
            render(&s, "METADATA-TABLE", "Nope:X", MetaFormat::Compact)
                .unwrap_err()
                .code(),
            20502
        );
        assert_eq!(
            render(&s, "METADATA-FOO", "0", MetaFormat::Compact)
                .unwrap_err()
                .code(),
            20501
        );
        assert_eq!(
            render(&s, "BOGUS", "0", MetaFormat::Compact)
                .unwrap_err()
                .code(),
            20501
        );
    }

    #[test]
    fn standard_xml_nests_children() {
        let s = schema();
        let x = render(&s, "METADATA-SYSTEM", "*", MetaFormat::StandardXml).unwrap();
        let sys = x.find("<SYSTEM ").unwrap();
        let res = x.find("<METADATA-RESOURCE").unwrap();
        let end_sys = x.find("</SYSTEM>").unwrap();
        assert!(sys < res && res < end_sys);
        assert!(x.contains("<Field>\r\n<MetadataEntryID>Property_LISTING_KEY</MetadataEntryID><SystemName>LISTING_KEY</SystemName>"));
        let t = render(&s, "METADATA-TABLE", "Agent:Agent", MetaFormat::StandardXml).unwrap();
        assert!(t.contains("<METADATA-TABLE Resource=\"Agent\" Class=\"Agent\""));
        assert!(t.contains("<StandardName>MemberKey</StandardName>"));
    }
}
