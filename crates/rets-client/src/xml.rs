//! Thin, lenient layer over quick-xml shared by every XML parser in the crate:
//! mismatched end tags are tolerated and attribute/text values are decoded with the
//! reply's charset and unescaped tolerantly (see `text`).

use crate::text::{TextDecoder, unescape};
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart};
use std::io::BufRead;

/// A quick-xml reader configured to keep whitespace and forgive sloppy markup.
pub(crate) fn lenient_reader<R: BufRead>(r: R) -> Reader<R> {
    let mut reader = Reader::from_reader(r);
    let cfg = reader.config_mut();
    cfg.trim_text(false);
    cfg.check_end_names = false;
    cfg.allow_unmatched_ends = true;
    cfg.check_comments = false;
    reader
}

/// Element name without namespace prefix.
pub(crate) fn name_of(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// Element attributes as decoded, unescaped `(name, value)` pairs; malformed ones skipped.
pub(crate) fn attributes(e: &BytesStart<'_>, dec: &TextDecoder) -> Vec<(String, String)> {
    e.attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
            (key, unescape(&dec.decode(&a.value)))
        })
        .collect()
}

/// Case-insensitive attribute lookup.
pub(crate) fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Appends an entity reference reported by quick-xml back as raw `&name;` text so that
/// the tolerant `unescape` can handle it together with the surrounding text.
pub(crate) fn push_ref(raw: &mut Vec<u8>, r: &BytesRef<'_>) {
    raw.push(b'&');
    raw.extend_from_slice(r);
    raw.push(b';');
}

/// Longest entity reference we accept as such (`&#x10FFFF;` is 10 bytes).
const MAX_REF: usize = 12;

enum RefKind {
    Valid,
    Bare,
    NeedMore,
}

fn classify(rest: &[u8], eof: bool) -> RefKind {
    for (j, &c) in rest.iter().enumerate().take(MAX_REF) {
        match c {
            b';' => return if j > 0 { RefKind::Valid } else { RefKind::Bare },
            b'#' if j == 0 => {}
            c if c.is_ascii_alphabetic() => {}
            c if c.is_ascii_digit() && j > 0 => {}
            _ => return RefKind::Bare,
        }
    }
    if rest.len() >= MAX_REF || eof {
        RefKind::Bare
    } else {
        RefKind::NeedMore
    }
}

/// A reader that turns bare `&` (not starting an entity or character reference) into
/// `&amp;`, so that servers sending raw `AT&T` in data don't break the XML parser.
pub(crate) struct AmpFix<R> {
    inner: R,
    input: Vec<u8>,
    pos: usize,
    eof: bool,
    out: Vec<u8>,
    out_pos: usize,
}

impl<R: std::io::Read> AmpFix<R> {
    pub(crate) fn new(inner: R) -> Self {
        AmpFix {
            inner,
            input: Vec::new(),
            pos: 0,
            eof: false,
            out: Vec::new(),
            out_pos: 0,
        }
    }

    fn read_more(&mut self) -> std::io::Result<()> {
        self.input.drain(..self.pos);
        self.pos = 0;
        let start = self.input.len();
        self.input.resize(start + 64 * 1024, 0);
        let n = loop {
            match self.inner.read(&mut self.input[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.input.truncate(start);
                    return Err(e);
                }
            }
        };
        self.input.truncate(start + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(())
    }

    fn fill(&mut self) -> std::io::Result<()> {
        self.out.clear();
        self.out_pos = 0;
        while self.out.is_empty() {
            if self.pos >= self.input.len() {
                if self.eof {
                    return Ok(());
                }
                self.read_more()?;
                continue;
            }
            while self.pos < self.input.len() {
                let rest = &self.input[self.pos..];
                let plain = memchr::memchr(b'&', rest).unwrap_or(rest.len());
                if plain > 0 {
                    self.out.extend_from_slice(&rest[..plain]);
                    self.pos += plain;
                    continue;
                }
                match classify(&self.input[self.pos + 1..], self.eof) {
                    RefKind::Valid => self.out.push(b'&'),
                    RefKind::Bare => self.out.extend_from_slice(b"&amp;"),
                    RefKind::NeedMore => break,
                }
                self.pos += 1;
            }
            if self.out.is_empty() && !self.eof {
                self.read_more()?;
            }
        }
        Ok(())
    }
}

impl<R: std::io::Read> std::io::Read for AmpFix<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.out_pos >= self.out.len() && self.pos >= self.input.len() && !self.eof {
            // Nothing held back: read straight into `buf` and hand over everything
            // before the first `&` without copying; the rest waits in `input`.
            let n = loop {
                match self.inner.read(buf) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    r => break r?,
                }
            };
            if n == 0 {
                self.eof = true;
                return Ok(0);
            }
            match memchr::memchr(b'&', &buf[..n]) {
                None => return Ok(n),
                Some(p) => {
                    self.input.clear();
                    self.input.extend_from_slice(&buf[p..n]);
                    self.pos = 0;
                    if p > 0 {
                        return Ok(p);
                    }
                }
            }
        }
        if self.out_pos >= self.out.len() {
            self.fill()?;
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

/// A lenient reader over any byte source, with bare ampersands repaired.
pub(crate) fn repaired_reader<R: std::io::Read>(r: R) -> Reader<std::io::BufReader<AmpFix<R>>> {
    lenient_reader(std::io::BufReader::new(AmpFix::new(r)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() || buf.is_empty() {
                return Ok(0);
            }
            buf[0] = self.0[0];
            self.0 = &self.0[1..];
            Ok(1)
        }
    }

    #[test]
    fn bare_ampersands_are_escaped_even_across_reads() {
        let input = b"AT&T &amp; &#1; &#x41; a&b; &nbsp; x & y &end";
        let want = "AT&amp;T &amp; &#1; &#x41; a&b; &nbsp; x &amp; y &amp;end";
        let mut out = String::new();
        AmpFix::new(Trickle(input))
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, want);
        let mut out = String::new();
        AmpFix::new(&input[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out, want);
    }
}
