//! Parses GetMetadata replies, COMPACT (`<METADATA-X><COLUMNS>…<DATA>…`) as well as
//! STANDARD-XML (`<METADATA><METADATA-SYSTEM><System>…`, possibly nested), into the same
//! raw form: a list of [`MetadataTable`]s whose rows are name→value maps.

use crate::error::RetsError;
use crate::reply::ReplyStatus;
use crate::text::{TextDecoder, escape_cdata, strip_preamble, unescape};
use crate::xml::{attr, attributes, name_of, push_ref, repaired_reader};
use quick_xml::events::Event;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const WHAT: &str = "metadata reply";

/// One row of a metadata table: column name → value.
pub type Row = BTreeMap<String, String>;

/// One `METADATA-XXX` block: its type, attributes (Resource, Class, Version, Date…) and rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataTable {
    /// Type without the `METADATA-` prefix, upper case (e.g. "TABLE", "LOOKUP_TYPE").
    pub kind: String,
    /// Attributes of the `METADATA-XXX` element (inherited from enclosing rows in nested STANDARD-XML).
    pub attributes: BTreeMap<String, String>,
    /// Rows in document order.
    pub rows: Vec<Row>,
}

impl MetadataTable {
    /// Case-insensitive attribute lookup.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A parsed GetMetadata reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataReply {
    /// Top-level reply status.
    pub status: ReplyStatus,
    /// Text inside `<RETS>` (error details).
    pub detail: String,
    /// All tables found, in document order.
    pub tables: Vec<MetadataTable>,
}

enum Frame {
    Table(usize),
    /// A STANDARD-XML row element (index into the table's rows).
    Row(usize, usize),
    /// A leaf value element: table, row, column name, raw text.
    Field(usize, usize, String, Vec<u8>),
    /// COMPACT COLUMNS / DATA / COMMENTS inside a table.
    Compact(usize, String, Vec<u8>),
    Other,
}

/// Keys that nested STANDARD-XML tables inherit from their enclosing row.
const INHERIT: [(&str, &str); 6] = [
    ("ResourceID", "Resource"),
    ("ClassName", "Class"),
    ("LookupName", "Lookup"),
    ("UpdateName", "Update"),
    ("ValidationLookupName", "ValidationLookup"),
    ("ValidationExternalName", "ValidationExternal"),
];

/// Parses a metadata reply body (either format).
pub fn parse_metadata(body: &[u8], dec: &TextDecoder) -> Result<MetadataReply, RetsError> {
    let mut reader = repaired_reader(strip_preamble(body));
    let mut buf = Vec::new();
    let mut tables: Vec<MetadataTable> = Vec::new();
    let mut columns: BTreeMap<usize, (Vec<String>, char)> = BTreeMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut status = None;
    let mut detail = Vec::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| RetsError::parse(WHAT, e.to_string()))?
            .into_owned();
        let (e, empty) = match ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                if let Some(frame) = stack.pop() {
                    close(frame, &mut tables, &mut columns, dec);
                }
                buf.clear();
                continue;
            }
            Event::Text(t) => {
                append(&mut stack, &mut detail, &t);
                buf.clear();
                continue;
            }
            Event::CData(t) => {
                append(&mut stack, &mut detail, &escape_cdata(&t));
                buf.clear();
                continue;
            }
            Event::GeneralRef(r) => {
                let mut raw = Vec::new();
                push_ref(&mut raw, &r);
                append(&mut stack, &mut detail, &raw);
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        buf.clear();
        let name = name_of(&e);
        let upper = name.to_ascii_uppercase();
        let attrs = attributes(&e, dec);
        if status.is_none() {
            if upper == "RETS" {
                // A `<RETS>` without ReplyCode is a metadata file (server config), not an error.
                status = Some(ReplyStatus::from_attrs(&attrs).unwrap_or(ReplyStatus {
                    code: crate::reply::ReplyCode::SUCCESS,
                    text: String::new(),
                }));
                if !empty {
                    stack.push(Frame::Other);
                }
                continue;
            }
            if !upper.starts_with("METADATA") {
                return Err(RetsError::parse(
                    WHAT,
                    format!("expected <RETS>, found <{name}>"),
                ));
            }
            // Bare metadata documents (server config files, some captures) have no envelope.
            status = Some(ReplyStatus {
                code: crate::reply::ReplyCode::SUCCESS,
                text: String::new(),
            });
        }
        let frame = if let Some(kind) = upper.strip_prefix("METADATA-") {
            let mut table = MetadataTable {
                kind: kind.to_owned(),
                ..Default::default()
            };
            inherit(&stack, &tables, &mut table);
            for (k, v) in attrs {
                table.attributes.insert(k, v.trim().to_owned());
            }
            tables.push(table);
            Frame::Table(tables.len() - 1)
        } else {
            match stack.last() {
                Some(Frame::Table(t)) => {
                    let t = *t;
                    match upper.as_str() {
                        "COLUMNS" | "DATA" | "COMMENTS" => Frame::Compact(t, upper, Vec::new()),
                        "DELIMITER" => {
                            if let Some(d) =
                                attr(&attrs, "value").and_then(crate::compact::parse_delimiter)
                            {
                                columns.entry(t).or_insert_with(|| (Vec::new(), '\t')).1 = d;
                            }
                            Frame::Other
                        }
                        _ => {
                            let row: Row = attrs.into_iter().collect();
                            tables[t].rows.push(row);
                            Frame::Row(t, tables[t].rows.len() - 1)
                        }
                    }
                }
                Some(Frame::Row(t, r)) => Frame::Field(*t, *r, name, Vec::new()),
                _ => Frame::Other,
            }
        };
        if empty {
            close(frame, &mut tables, &mut columns, dec);
        } else {
            stack.push(frame);
        }
    }
    let status = status.ok_or_else(|| RetsError::parse(WHAT, "no <RETS> element in the reply"))?;
    Ok(MetadataReply {
        status,
        detail: unescape(&dec.decode(&detail)),
        tables,
    })
}

fn inherit(stack: &[Frame], tables: &[MetadataTable], table: &mut MetadataTable) {
    for frame in stack.iter().rev() {
        if let Frame::Row(t, r) = frame {
            let parent = &tables[*t];
            for (k, v) in &parent.attributes {
                if k != "Version" && k != "Date" {
                    table
                        .attributes
                        .entry(k.clone())
                        .or_insert_with(|| v.clone());
                }
            }
            let row = &parent.rows[*r];
            for (col, key) in INHERIT {
                if let Some(v) = row.get(col) {
                    table
                        .attributes
                        .entry(key.to_owned())
                        .or_insert_with(|| v.clone());
                }
            }
            return;
        }
    }
}

fn append(stack: &mut [Frame], detail: &mut Vec<u8>, raw: &[u8]) {
    let top_level = stack.len() == 1;
    match stack.last_mut() {
        Some(Frame::Field(_, _, _, text)) | Some(Frame::Compact(_, _, text)) => {
            text.extend_from_slice(raw)
        }
        Some(Frame::Other) if top_level => detail.extend_from_slice(raw),
        _ => {}
    }
}

fn close(
    frame: Frame,
    tables: &mut [MetadataTable],
    columns: &mut BTreeMap<usize, (Vec<String>, char)>,
    dec: &TextDecoder,
) {
    match frame {
        Frame::Field(t, r, name, raw) => {
            let value = unescape(&dec.decode(&raw));
            tables[t].rows[r].insert(name, value);
        }
        Frame::Compact(t, kind, raw) => {
            let line = dec.decode(&raw);
            let (cols, delim) = columns.entry(t).or_insert_with(|| (Vec::new(), '\t'));
            match kind.as_str() {
                "COLUMNS" => *cols = crate::compact::split_line(&line, *delim, None),
                "DATA" => {
                    let values = crate::compact::split_line(&line, *delim, Some(cols.len()));
                    let row: Row = cols
                        .iter()
                        .cloned()
                        .zip(values.into_iter().chain(std::iter::repeat(String::new())))
                        .collect();
                    tables[t].rows.push(row);
                }
                _ => {
                    // COMMENTS of a COMPACT METADATA-SYSTEM belongs to its SYSTEM row.
                    let value = unescape(&line);
                    let table = &mut tables[t];
                    if table.rows.is_empty() {
                        table.rows.push(Row::new());
                    }
                    if let Some(row) = table.rows.last_mut() {
                        row.insert("Comments".to_owned(), value);
                    }
                }
            }
        }
        Frame::Table(_) | Frame::Row(..) | Frame::Other => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> MetadataReply {
        parse_metadata(s.as_bytes(), &TextDecoder::default()).unwrap()
    }

    #[test]
    fn compact_tables() {
        let r = parse(
            "<RETS ReplyCode=\"0\" ReplyText=\"ok\">\n<METADATA-SYSTEM Version=\"1.0\" Date=\"d\">\n<SYSTEM SystemID=\"X\" SystemDescription=\"Y\"/>\n<COMMENTS>hello &amp; bye</COMMENTS>\n</METADATA-SYSTEM>\n<METADATA-CLASS Resource=\"Property\" Version= \"2\" Date=\"e\">\n<COLUMNS>\tClassName\tVisibleName\t</COLUMNS>\n<DATA>\tRES\tResidential\t</DATA>\n<DATA>\tLND\t\t</DATA>\n</METADATA-CLASS></RETS>",
        );
        assert_eq!(r.tables.len(), 2);
        assert_eq!(r.tables[0].rows[0]["SystemID"], "X");
        assert_eq!(r.tables[0].rows[0]["Comments"], "hello & bye");
        assert_eq!(r.tables[1].attr("version"), Some("2"));
        assert_eq!(r.tables[1].rows[1]["ClassName"], "LND");
        assert_eq!(r.tables[1].rows[1]["VisibleName"], "");
    }

    #[test]
    fn standard_xml_nested_inherits_context() {
        let r = parse(
            "<RETS ReplyCode=\"0\" ReplyText=\"ok\"><METADATA><METADATA-SYSTEM Version=\"1\" Date=\"d\"><System><SystemID>S</SystemID><Comments/><METADATA-RESOURCE Version=\"1\" Date=\"d\"><Resource><ResourceID>Property</ResourceID><METADATA-CLASS Version=\"1\" Date=\"d\"><Class><ClassName>A</ClassName></Class></METADATA-CLASS></Resource></METADATA-RESOURCE></System></METADATA-SYSTEM></METADATA></RETS>",
        );
        let kinds: Vec<_> = r.tables.iter().map(|t| t.kind.as_str()).collect();
        assert_eq!(kinds, ["SYSTEM", "RESOURCE", "CLASS"]);
        assert_eq!(r.tables[0].rows[0]["SystemID"], "S");
        assert_eq!(r.tables[0].rows[0]["Comments"], "");
        assert_eq!(r.tables[2].attr("Resource"), Some("Property"));
        assert_eq!(r.tables[2].rows[0]["ClassName"], "A");
    }

    #[test]
    fn empty_and_error_replies() {
        let r = parse("<RETS ReplyCode=\"0\" ReplyText=\"ok\"><METADATA/></RETS>");
        assert!(r.tables.is_empty());
        let r = parse("<RETS ReplyCode=\"20503\" ReplyText=\"No metadata\"/>");
        assert_eq!(r.status.code.as_u32(), 20503);
    }
}
