//! The Search transaction: argument handling (SearchType/Class, Query,
//! Select, Count, Limit, Offset, StandardNames, Format), reply codes, MAXROWS,
//! and a streamed body that reads the data in chunks.

pub mod eval;
pub mod format;

use std::fmt::Write;
use std::sync::Arc;

use axum::body::Body;
use axum::http::StatusCode;
use axum::response::Response;
use bytes::Bytes;

use crate::data::Dataset;
use crate::schema::{Rec, ResourceDef, ResourceKind};
use crate::server::AppState;
use crate::server::reply::{self, Params, XML_DECL};
use format::Format;

/// Rows rendered per streamed chunk.
const CHUNK_ROWS: usize = 500;

/// The record number `i` of a resource.
pub fn record(ds: &Dataset, kind: ResourceKind, i: usize) -> Rec<'_> {
    match kind {
        ResourceKind::Property => Rec::Listing(&ds.listings()[i]),
        ResourceKind::Agent => Rec::Agent(&ds.agents()[i]),
        ResourceKind::Office => Rec::Office(&ds.offices()[i]),
        ResourceKind::OpenHouse => Rec::OpenHouse(&ds.open_houses()[i]),
    }
}

fn record_count(ds: &Dataset, kind: ResourceKind) -> usize {
    match kind {
        ResourceKind::Property => ds.listings().len(),
        ResourceKind::Agent => ds.agents().len(),
        ResourceKind::Office => ds.offices().len(),
        ResourceKind::OpenHouse => ds.open_houses().len(),
    }
}

/// Answers a Search request.
pub(crate) fn handle(st: Arc<AppState>, p: &Params) -> Response {
    match plan(&st, p) {
        Ok(body) => reply::xml(StatusCode::OK, body),
        Err((code, text)) => reply::rets_error(code, &text),
    }
}

type Failure = (u32, String);

fn plan(st: &Arc<AppState>, p: &Params) -> Result<Body, Failure> {
    let standard = p.get("StandardNames") == Some("1");
    let search_type = p
        .get("SearchType")
        .ok_or((20203, "Missing SearchType".to_string()))?;
    let (res_idx, res) = st
        .schema
        .resources
        .iter()
        .enumerate()
        .find(|(_, r)| {
            r.id.eq_ignore_ascii_case(search_type)
                || (standard && r.standard.eq_ignore_ascii_case(search_type))
        })
        .ok_or_else(|| {
            (
                20203,
                format!(
                    "Invalid SearchType {search_type}; valid: Property, Agent, Office, OpenHouse"
                ),
            )
        })?;
    let class = match p.get("Class") {
        None | Some("") if res.classes.len() == 1 => &res.classes[0],
        None | Some("") => return Err((20203, "Missing Class".into())),
        Some(c) => res
            .class(c)
            .or_else(|| {
                standard
                    .then(|| {
                        res.classes
                            .iter()
                            .find(|k| k.standard.eq_ignore_ascii_case(c))
                    })
                    .flatten()
            })
            .ok_or_else(|| {
                let valid: Vec<&str> = res.classes.iter().map(|c| c.name).collect();
                (
                    20203,
                    format!("Invalid Class {c}; valid classes: {}", valid.join(", ")),
                )
            })?,
    };
    let query_text = p
        .get("Query")
        .filter(|q| !q.trim().is_empty())
        .ok_or((20206, "Missing Query".to_string()))?;
    if let Some(qt) = p.get("QueryType")
        && !qt.eq_ignore_ascii_case("DMQL2")
        && !qt.eq_ignore_ascii_case("DMQL")
    {
        return Err((20206, format!("Unsupported QueryType {qt}")));
    }
    let query =
        rets_dmql::parse(query_text).map_err(|e| (20206, format!("Invalid Query Syntax: {e}")))?;
    let format = Format::parse(p.get("Format")).ok_or((20203, "Unsupported Format".to_string()))?;
    let cols: Vec<usize> = match p.get("Select").filter(|s| !s.trim().is_empty()) {
        None => res
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.classes & class.mask != 0)
            .map(|(i, _)| i)
            .collect(),
        Some(sel) => sel
            .split(',')
            .map(|n| {
                eval::find_column(res, class.mask, n.trim(), standard)
                    .ok_or((20202, format!("Invalid Select: {}", n.trim())))
            })
            .collect::<Result<_, _>>()?,
    };
    let count_mode = p
        .get("Count")
        .and_then(|c| c.trim().parse::<u8>().ok())
        .unwrap_or(0);
    let limit = match p.get("Limit").map(str::trim) {
        None | Some("") => usize::MAX,
        Some(l) if l.eq_ignore_ascii_case("NONE") => usize::MAX,
        Some(l) => l
            .parse()
            .map_err(|_| (20203, format!("Invalid Limit {l}")))?,
    };
    let offset = if st.quirks.offset_ignored {
        1
    } else {
        match p.get("Offset").map(str::trim) {
            None | Some("") => 1,
            Some(o) => o
                .parse::<usize>()
                .map_err(|_| (20203, format!("Invalid Offset {o}")))?
                .max(1),
        }
    };

    let hits: Vec<u32> = {
        let ds = st.data();
        let pred = eval::compile(&query, res, class.mask, standard, &ds)
            .map_err(|e| (e.code(), e.to_string()))?;
        (0..record_count(&ds, res.kind))
            .filter(|&i| {
                let rec = record(&ds, res.kind, i);
                match rec {
                    Rec::Listing(l) if l.deleted || class.prop_class != Some(l.class) => false,
                    _ => eval::matches(&pred, res, &ds, rec),
                }
            })
            .map(|i| i as u32)
            .collect()
    };
    let total = hits.len();
    let start = (offset - 1).min(total);
    let available = total - start;
    let wanted = available.min(limit);
    let capped = wanted > st.config.max_rows;
    let take = if count_mode == 2 {
        0
    } else {
        wanted.min(st.config.max_rows)
    };
    // Limit=0 with a count asks for the count alone; an Offset past the end finds nothing.
    let past_end = start >= total && count_mode != 2;
    if total == 0 || past_end || (take == 0 && count_mode == 0) {
        return Err((20201, "No Records Found".into()));
    }

    let delimiter = if st.quirks.pipe_delimiter { '|' } else { '\t' };
    let names: Vec<&'static str> = cols
        .iter()
        .map(|&i| {
            if standard {
                res.columns[i].standard
            } else {
                res.columns[i].system
            }
        })
        .collect();
    let mut head =
        format!("{XML_DECL}<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\r\n");
    if count_mode >= 1 {
        let _ = write!(head, "<COUNT Records=\"{total}\" />\r\n");
    }
    if count_mode != 2 {
        match format {
            Format::Compact | Format::CompactDecoded => {
                if !st.quirks.no_delimiter {
                    let _ = write!(head, "<DELIMITER value=\"{:02X}\" />\r\n", delimiter as u32);
                }
                head.push_str("<COLUMNS>");
                head.push(delimiter);
                for n in &names {
                    head.push_str(n);
                    head.push(delimiter);
                }
                head.push_str("</COLUMNS>\r\n");
            }
            Format::StandardXml => head.push_str("<REData>\r\n"),
        }
    }
    let mut tail = String::new();
    if format == Format::StandardXml && count_mode != 2 {
        tail.push_str("</REData>\r\n");
    }
    if capped && count_mode != 2 {
        tail.push_str("<MAXROWS />\r\n");
        if st.quirks.maxrows_status {
            tail.push_str(
                "<RETS-STATUS ReplyCode=\"20208\" ReplyText=\"Maximum Records Exceeded\" />\r\n",
            );
        }
    }
    tail.push_str("</RETS>\r\n");

    let rows = Rows {
        st: st.clone(),
        res_idx,
        cols,
        names,
        hits,
        pos: start,
        end: start + take,
        format,
        delimiter,
    };
    let chunks = std::iter::once(head)
        .chain(rows)
        .chain(std::iter::once(tail))
        .map(|s| Ok::<_, std::io::Error>(Bytes::from(s)));
    Ok(Body::from_stream(futures_util::stream::iter(chunks)))
}

/// Renders the selected rows a chunk at a time, taking the data lock briefly.
struct Rows {
    st: Arc<AppState>,
    res_idx: usize,
    cols: Vec<usize>,
    names: Vec<&'static str>,
    hits: Vec<u32>,
    pos: usize,
    end: usize,
    format: Format,
    delimiter: char,
}

impl Iterator for Rows {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if self.pos >= self.end {
            return None;
        }
        let res: &ResourceDef = &self.st.schema.resources[self.res_idx];
        let ds = self.st.data();
        let stop = (self.pos + CHUNK_ROWS).min(self.end);
        let decoded = matches!(self.format, Format::CompactDecoded | Format::StandardXml);
        let mut out = String::with_capacity((stop - self.pos) * 256);
        let mut values = Vec::with_capacity(self.cols.len());
        for &i in &self.hits[self.pos..stop] {
            let rec = record(&ds, res.kind, i as usize);
            values.clear();
            values.extend(self.cols.iter().map(|&c| {
                let col = &res.columns[c];
                format::render(&col.value(&ds, rec), col, res, decoded)
            }));
            format::write_row(
                &mut out,
                self.format,
                self.delimiter,
                &self.names,
                &values,
                res.id,
            );
        }
        self.pos = stop;
        Some(out)
    }
}
