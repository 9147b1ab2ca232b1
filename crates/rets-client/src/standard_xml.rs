//! STANDARD-XML search replies (RETS 1.7 data DTD) flattened into name→value records:
//! each child of the collection element is one record, nested elements become
//! dotted paths (e.g. `Listing.ListPrice`).

use crate::error::RetsError;
use crate::reply::ReplyStatus;
use crate::text::{TextDecoder, escape_cdata, strip_preamble, unescape};
use crate::xml::{attr, attributes, name_of, push_ref, repaired_reader};
use quick_xml::events::Event;

const WHAT: &str = "STANDARD-XML search reply";

/// A STANDARD-XML search reply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandardXmlReply {
    /// Top-level status.
    pub status: Option<ReplyStatus>,
    /// COUNT, when sent.
    pub count: Option<u64>,
    /// MAXROWS seen (or RETS-STATUS 20208).
    pub max_rows: bool,
    /// Records as `(dotted path, value)` pairs in document order.
    pub records: Vec<Vec<(String, String)>>,
}

const META: [&str; 4] = ["COUNT", "MAXROWS", "RETS-STATUS", "DELIMITER"];

/// Parses a whole STANDARD-XML search reply.
pub fn parse_standard_xml(body: &[u8], dec: &TextDecoder) -> Result<StandardXmlReply, RetsError> {
    let mut reader = repaired_reader(strip_preamble(body));
    let mut buf = Vec::new();
    let mut out = StandardXmlReply::default();
    let mut path: Vec<String> = Vec::new();
    // Depth (path length) at which records live; REData pushes it one level deeper.
    let mut record_depth = 3;
    let mut current: Option<Vec<(String, String)>> = None;
    let mut text = Vec::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| RetsError::parse(WHAT, e.to_string()))?
            .into_owned();
        match ev {
            Event::Start(e) | Event::Empty(e) if out.status.is_none() => {
                let attrs = attributes(&e, dec);
                out.status = Some(ReplyStatus::from_attrs(&attrs).ok_or_else(|| {
                    RetsError::parse(WHAT, "<RETS> element without a numeric ReplyCode")
                })?);
                path.push(name_of(&e));
            }
            Event::Start(e) => {
                let name = name_of(&e);
                if path.len() == 1 && META.iter().any(|m| m.eq_ignore_ascii_case(&name)) {
                    meta(&mut out, &name, &attributes(&e, dec));
                }
                // An REData inside a record is data, not the records' container.
                if name.eq_ignore_ascii_case("REData") && current.is_none() {
                    record_depth = path.len() + 3;
                }
                path.push(name);
                if path.len() == record_depth {
                    current = Some(Vec::new());
                }
                text.clear();
            }
            Event::Empty(e) => {
                let name = name_of(&e);
                if path.len() == 1 {
                    meta(&mut out, &name, &attributes(&e, dec));
                } else if let Some(rec) = current.as_mut() {
                    let mut p = path.get(record_depth..).unwrap_or_default().to_vec();
                    p.push(name);
                    rec.push((p.join("."), String::new()));
                }
            }
            Event::Text(t) => text.extend_from_slice(&t),
            Event::CData(t) => text.extend_from_slice(&escape_cdata(&t)),
            Event::GeneralRef(r) => push_ref(&mut text, &r),
            Event::End(_) => {
                if path.len() > record_depth {
                    if let Some(rec) = current.as_mut() {
                        let value = unescape(&dec.decode(&text));
                        let key = path[record_depth..].join(".");
                        if !value.trim().is_empty() || !rec.iter().any(|(k, _)| k.starts_with(&key))
                        {
                            rec.push((key, value));
                        }
                    }
                } else if path.len() == record_depth
                    && let Some(rec) = current.take()
                {
                    out.records.push(rec);
                }
                text.clear();
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if out.status.is_none() {
        return Err(RetsError::parse(WHAT, "no <RETS> element in the reply"));
    }
    Ok(out)
}

fn meta(out: &mut StandardXmlReply, name: &str, attrs: &[(String, String)]) {
    match name.to_ascii_uppercase().as_str() {
        "COUNT" => out.count = attr(attrs, "Records").and_then(|v| v.trim().parse().ok()),
        "MAXROWS" => out.max_rows = true,
        "RETS-STATUS" if ReplyStatus::from_attrs(attrs).is_some_and(|s| s.code.is_max_rows()) => {
            out.max_rows = true
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redata_inside_a_record_is_a_field_not_a_panic() {
        let body = br#"<RETS ReplyCode="0" ReplyText="ok"><REData><REProperties>
<ResidentialProperty><Listing><ListingID>L1</ListingID><REData><Note/></REData><Empty/></Listing></ResidentialProperty>
</REProperties></REData></RETS>"#;
        let r = parse_standard_xml(body, &TextDecoder::default()).unwrap();
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.records[0][0], ("Listing.ListingID".into(), "L1".into()));
        assert!(
            r.records[0].iter().any(|(k, _)| k == "Listing.Empty"),
            "{:?}",
            r.records
        );
    }

    #[test]
    fn records_are_flattened() {
        let body = br#"<RETS ReplyCode="0" ReplyText="ok"><COUNT Records="2"/><REData><REProperties>
<ResidentialProperty><Listing><ListingID>L1</ListingID><ListPrice>100</ListPrice><Remarks/></Listing></ResidentialProperty>
<ResidentialProperty><Listing><ListingID>L2 &amp; co</ListingID></Listing></ResidentialProperty>
</REProperties></REData><MAXROWS/></RETS>"#;
        let r = parse_standard_xml(body, &TextDecoder::default()).unwrap();
        assert_eq!(r.count, Some(2));
        assert!(r.max_rows);
        assert_eq!(r.records.len(), 2);
        assert_eq!(
            r.records[0],
            [
                ("Listing.ListingID".to_owned(), "L1".to_owned()),
                ("Listing.ListPrice".to_owned(), "100".to_owned()),
                ("Listing.Remarks".to_owned(), String::new()),
            ]
        );
        assert_eq!(r.records[1][0].1, "L2 & co");
    }
}
