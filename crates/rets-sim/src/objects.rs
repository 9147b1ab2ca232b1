//! The GetObject transaction: ID lists (`KEY:1:3`, `KEY:*`, several keys),
//! single-part replies for one object, multipart/parallel otherwise (with
//! per-part 20403 errors), and Location=1 URLs served from `/media/...`.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use bytes::Bytes;
use std::sync::Arc;

use crate::data::Dataset;
use crate::photos;
use crate::schema::ResourceKind;
use crate::server::AppState;
use crate::server::reply::{self, Params};

/// Boundary of multipart replies.
pub const BOUNDARY: &str = "simPart7d3a9f01b2c4e5";

/// One requested object.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Wanted {
    key: String,
    object_id: u32,
    exists: bool,
}

/// How many objects of `otype` a record has (`None` if no such record).
fn object_count(ds: &Dataset, kind: ResourceKind, otype: &str, key: &str) -> Option<u32> {
    let k: u32 = key.parse().ok()?;
    match kind {
        ResourceKind::Property => ds
            .listing_by_key(k)
            .filter(|l| !l.deleted)
            .map(|l| u32::from(l.photo_count)),
        ResourceKind::Agent => ds
            .agents()
            .iter()
            .find(|a| a.key == k)
            .map(|_| u32::from(otype == "Photo")),
        _ => None,
    }
}

fn mime_of(otype: &str) -> &'static str {
    if otype == "Thumbnail" {
        "image/png"
    } else {
        "image/jpeg"
    }
}

fn bytes_of(otype: &str, key: &str, n: u32) -> Vec<u8> {
    let k: u32 = key.parse().unwrap_or(0);
    if otype == "Thumbnail" {
        photos::png(k, n)
    } else {
        photos::jpeg(k, n)
    }
}

/// Answers a GetObject request; `host` is the request's Host (for Location URLs).
pub(crate) fn handle(st: &AppState, p: &Params, host: &str) -> Response {
    let Some(res) = p.get("Resource").and_then(|r| st.schema.resource(r)) else {
        return reply::rets_error(20400, "Invalid Resource");
    };
    let Some(otype) = p.get("Type").and_then(|t| {
        res.objects
            .iter()
            .find(|o| o.object_type.eq_ignore_ascii_case(t))
    }) else {
        return reply::rets_error(20401, "Invalid Type");
    };
    let otype = otype.object_type;
    let Some(id) = p.get("ID").filter(|i| !i.trim().is_empty()) else {
        return reply::rets_error(20402, "Invalid Identifier");
    };
    let location = p.get("Location") == Some("1");
    let mut wanted = Vec::new();
    let mut multipart = false;
    {
        let ds = st.data();
        let sets: Vec<&str> = id
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        multipart |= sets.len() > 1;
        for set in sets {
            let mut parts = set.split(':');
            let key = parts.next().unwrap_or("").to_string();
            let ids: Vec<&str> = parts.collect();
            let count = object_count(&ds, res.kind, otype, &key);
            multipart |= ids.len() > 1 || ids.contains(&"*");
            if ids.contains(&"*") {
                let n = count.unwrap_or(0);
                if n == 0 {
                    wanted.push(Wanted {
                        key: key.clone(),
                        object_id: 0,
                        exists: false,
                    });
                }
                wanted.extend((1..=n).map(|i| Wanted {
                    key: key.clone(),
                    object_id: i,
                    exists: true,
                }));
                continue;
            }
            let ids = if ids.is_empty() { vec!["0"] } else { ids };
            for i in ids {
                let Ok(n) = i.parse::<u32>() else {
                    return reply::rets_error(20402, &format!("Invalid Identifier {set}"));
                };
                let actual = n.max(1);
                let exists = count.is_some_and(|c| actual <= c);
                wanted.push(Wanted {
                    key: key.clone(),
                    object_id: if n == 0 { 1 } else { n },
                    exists,
                });
            }
        }
    }
    if !wanted.iter().any(|w| w.exists) {
        return reply::rets_error(20403, "No Object Found");
    }
    let url = |w: &Wanted| {
        format!(
            "http://{host}/media/{}/{}/{}/{}",
            res.id, otype, w.key, w.object_id
        )
    };
    if !multipart {
        let w = &wanted[0];
        let body = if location {
            Vec::new()
        } else {
            bytes_of(otype, &w.key, w.object_id)
        };
        let mut r = Response::new(Body::from(body));
        let h = r.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(mime_of(otype)),
        );
        insert(h, "Content-ID", &w.key);
        insert(h, "Object-ID", &w.object_id.to_string());
        if location {
            insert(h, "Location", &url(w));
        }
        return r;
    }
    let otype_owned = otype.to_string();
    let plain_errors = st.quirks.text_plain_bom;
    let parts: Vec<(Wanted, Option<String>)> = wanted
        .into_iter()
        .map(|w| {
            let loc = (location && w.exists).then(|| url(&w));
            (w, loc)
        })
        .collect();
    let chunks = parts
        .into_iter()
        .map(move |(w, loc)| {
            Ok::<_, std::io::Error>(Bytes::from(part(
                &otype_owned,
                &w,
                loc.as_deref(),
                plain_errors,
            )))
        })
        .chain(std::iter::once(Ok(Bytes::from(format!(
            "--{BOUNDARY}--\r\n"
        )))));
    let mut r = Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
    insert(
        r.headers_mut(),
        "Content-Type",
        &format!("multipart/parallel; boundary=\"{BOUNDARY}\""),
    );
    insert(r.headers_mut(), "MIME-Version", "1.0");
    r
}

fn insert(h: &mut axum::http::HeaderMap, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        h.insert(name, v);
    }
}

/// One part of a multipart reply; `plain_errors` (the `text-plain-bom` quirk) labels
/// error parts `text/plain` and starts them with a byte-order mark, as real servers do.
fn part(otype: &str, w: &Wanted, location: Option<&str>, plain_errors: bool) -> Vec<u8> {
    let mut out = format!(
        "--{BOUNDARY}\r\nContent-ID: {}\r\nObject-ID: {}\r\n",
        w.key, w.object_id
    )
    .into_bytes();
    if !w.exists {
        let (ct, bom) = if plain_errors {
            ("text/plain", "\u{feff}")
        } else {
            ("text/xml", "")
        };
        let body = format!("{bom}{}", reply::status_body(20403, "No Object Found"));
        out.extend_from_slice(
            format!(
                "Content-Type: {ct}\r\nContent-Length: {}\r\n\r\n{body}\r\n",
                body.len()
            )
            .as_bytes(),
        );
        return out;
    }
    if let Some(loc) = location {
        let body = "<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\" />";
        out.extend_from_slice(
            format!(
                "Content-Type: text/xml\r\nLocation: {loc}\r\nContent-Length: {}\r\n\r\n{body}\r\n",
                body.len()
            )
            .as_bytes(),
        );
        return out;
    }
    let bytes = bytes_of(otype, &w.key, w.object_id);
    let preferred = if w.object_id == 1 {
        "Preferred: 1\r\n"
    } else {
        ""
    };
    out.extend_from_slice(
        format!(
            "Content-Type: {}\r\n{preferred}Content-Description: Photo {} of {}\r\nContent-Length: {}\r\n\r\n",
            mime_of(otype),
            w.object_id,
            w.key,
            bytes.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&bytes);
    out.extend_from_slice(b"\r\n");
    out
}

/// Serves `/media/{resource}/{type}/{key}/{n}`, the targets of Location=1 URLs.
pub(crate) async fn media(
    State(st): State<Arc<AppState>>,
    Path((resource, otype, key, n)): Path<(String, String, String, u32)>,
) -> Response {
    let found = st.schema.resource(&resource).and_then(|res| {
        let o = res
            .objects
            .iter()
            .find(|o| o.object_type.eq_ignore_ascii_case(&otype))?;
        let count = object_count(&st.data(), res.kind, o.object_type, &key)?;
        (n >= 1 && n <= count).then_some(o.object_type)
    });
    match found {
        Some(ot) => {
            let mut r = Response::new(Body::from(bytes_of(ot, &key, n)));
            insert(r.headers_mut(), "Content-Type", mime_of(ot));
            r
        }
        None => {
            let mut r = Response::new(Body::from("not found"));
            *r.status_mut() = StatusCode::NOT_FOUND;
            r
        }
    }
}
