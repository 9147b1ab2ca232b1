//! Shared helpers for corpus replay tests: locating the corpus and reading the
//! three capture formats it contains (full HTTP responses, raw chunked wire captures,
//! and libRETS' private "status line, headers, blank line, body" files).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The corpus root, or `None` (with a printed notice) when it is not present.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/rets-corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("corpus not found at {}, skipping", dir.display());
        None
    }
}

pub const PHRETS: &str = "troydavisson_PHRETS/tests/Integration/Fixtures/Http";
pub const LIBRETS: &str =
    "NationalAssociationOfRealtors_libRETS/project/librets/test/src/resources";
pub const LIBRETS_NET: &str =
    "NationalAssociationOfRealtors_libRETS/project/librets/test-network/src/resources";

/// A captured reply.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Fixture {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> &str {
        self.header("Content-Type").unwrap_or("text/xml")
    }
}

fn split_head(data: &[u8]) -> (&[u8], &[u8]) {
    let crlf = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, 4));
    let lf = data.windows(2).position(|w| w == b"\n\n").map(|p| (p, 2));
    let (pos, len) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => return (data, &[]),
    };
    (&data[..pos], &data[pos + len..])
}

fn parse_header_lines(head: &str) -> Vec<(String, String)> {
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// Removes HTTP/1.1 chunk-size lines; returns the input unchanged if it is not chunked.
pub fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = body;
    loop {
        let Some(eol) = rest.iter().position(|&b| b == b'\n') else {
            return body.to_vec();
        };
        let line = String::from_utf8_lossy(&rest[..eol]);
        let Ok(size) = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
        else {
            return body.to_vec();
        };
        rest = &rest[eol + 1..];
        if size == 0 {
            return out;
        }
        if rest.len() < size {
            out.extend_from_slice(rest);
            return out;
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        while rest.first().is_some_and(|b| *b == b'\r' || *b == b'\n') {
            rest = &rest[1..];
            if rest.first() != Some(&b'\n') {
                break;
            }
        }
    }
}

/// Reads any corpus file: full HTTP response, libRETS private format, or bare body.
pub fn load(root: &Path, rel: &str) -> Fixture {
    let data = std::fs::read(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let first_line_end = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let first = String::from_utf8_lossy(&data[..first_line_end])
        .trim()
        .to_owned();
    if first.starts_with("HTTP/") {
        let (head, body) = split_head(&data);
        let head = String::from_utf8_lossy(head).into_owned();
        let status = first
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(200);
        let headers = parse_header_lines(head.split_once('\n').map(|x| x.1).unwrap_or(""));
        let chunked = headers.iter().any(|(k, v)| {
            k.eq_ignore_ascii_case("Transfer-Encoding") && v.eq_ignore_ascii_case("chunked")
        });
        let body = if chunked {
            dechunk(body)
        } else {
            body.to_vec()
        };
        Fixture {
            status,
            headers,
            body,
        }
    } else if !first.is_empty() && first.chars().all(|c| c.is_ascii_digit()) {
        let rest = &data[first_line_end + 1..];
        let (head, body) = split_head(rest);
        Fixture {
            status: first.parse().unwrap(),
            headers: parse_header_lines(&String::from_utf8_lossy(head)),
            body: body.to_vec(),
        }
    } else {
        Fixture {
            status: 200,
            headers: Vec::new(),
            body: data,
        }
    }
}
