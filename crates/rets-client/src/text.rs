//! Byte-level robustness for server replies: charset detection with a Windows-1252
//! fallback, BOM/whitespace stripping, tolerant XML unescaping (illegal character
//! references such as `&#1;` are dropped, never fatal) and gzip/deflate sniffing.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;
use std::io::Read;

/// Decodes text values of a reply with its declared charset, falling back to
/// Windows-1252 when bytes claimed (or assumed) to be UTF-8 are not.
#[derive(Debug, Clone, Copy)]
pub struct TextDecoder {
    encoding: &'static Encoding,
}

impl Default for TextDecoder {
    fn default() -> Self {
        TextDecoder { encoding: UTF_8 }
    }
}

impl TextDecoder {
    /// A decoder for the charset named in a `Content-Type` header (UTF-8 when absent/unknown).
    pub fn from_content_type(content_type: Option<&str>) -> Self {
        let label = content_type.and_then(|ct| param(ct, "charset"));
        Self::from_label(label.as_deref())
    }

    /// A decoder for a charset label such as `ISO-8859-1` or `US-ASCII`.
    pub fn from_label(label: Option<&str>) -> Self {
        let encoding = label
            .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
            .unwrap_or(UTF_8);
        TextDecoder { encoding }
    }

    /// Refines the decoder with the `encoding="..."` of an XML declaration found at the
    /// start of `body`, unless a charset was already given by the HTTP header.
    pub fn with_xml_declaration(self, body: &[u8], header_had_charset: bool) -> Self {
        if header_had_charset {
            return self;
        }
        match xml_declared_encoding(body) {
            Some(label) => Self::from_label(Some(&label)),
            None => self,
        }
    }

    /// The encoding in use.
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// Decodes `bytes`; invalid UTF-8 falls back to Windows-1252 (never fails).
    pub fn decode(&self, bytes: &[u8]) -> String {
        self.decode_cow(bytes).into_owned()
    }

    /// Like [`TextDecoder::decode`], but borrows `bytes` when they are already valid
    /// text in the reply's charset (the common UTF-8 / ASCII case: no copy).
    pub fn decode_cow<'a>(&self, bytes: &'a [u8]) -> Cow<'a, str> {
        if self.encoding == UTF_8 || self.encoding == WINDOWS_1252 && bytes.is_ascii() {
            match std::str::from_utf8(bytes) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
            }
        } else {
            self.encoding.decode_without_bom_handling(bytes).0
        }
    }
}

/// Value of a `name=value` parameter in a header such as Content-Type (quotes removed).
pub fn param(header: &str, name: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if k.trim().eq_ignore_ascii_case(name) {
            Some(v.trim().trim_matches('"').trim().to_owned())
        } else {
            None
        }
    })
}

fn xml_declared_encoding(body: &[u8]) -> Option<String> {
    let head = strip_preamble(body);
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.iter().take(300).position(|&b| b == b'>')?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let pos = decl.find("encoding")?;
    let rest = decl[pos + 8..].trim_start().strip_prefix('=')?.trim_start();
    // Only ASCII quotes delimit a value; `encoding=«UTF-8»` is not a declaration.
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let rest = &rest[quote.len_utf8()..];
    let close = rest.find(quote)?;
    Some(rest[..close].to_owned())
}

/// Strips a UTF-8 byte-order mark and any whitespace before the first `<`.
pub fn strip_preamble(body: &[u8]) -> &[u8] {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    &body[start..]
}

/// Tolerant XML unescape: the five predefined entities and numeric references;
/// references to characters illegal in XML (NUL, controls other than TAB/LF/CR,
/// surrogates) are dropped; unknown entities are kept literally.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    unescape_into(s, &mut out);
    out
}

/// [`unescape`] appending to `out` (no allocation when `out` has room).
pub fn unescape_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let Some(semi) = after.bytes().take(11).position(|b| b == b';') else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..semi];
        let replacement = match name {
            "lt" => Some(Some('<')),
            "gt" => Some(Some('>')),
            "amp" => Some(Some('&')),
            "quot" => Some(Some('"')),
            "apos" => Some(Some('\'')),
            _ => numeric_reference(name),
        };
        match replacement {
            Some(Some(c)) => out.push(c),
            Some(None) => {}
            None => {
                out.push('&');
                out.push_str(name);
                out.push(';');
            }
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
}

/// `Some(Some(c))` legal char, `Some(None)` illegal (dropped), `None` not numeric.
fn numeric_reference(name: &str) -> Option<Option<char>> {
    let digits = name.strip_prefix('#')?;
    let code = if let Some(hex) = digits.strip_prefix(['x', 'X']) {
        u32::from_str_radix(hex, 16).ok()?
    } else {
        digits.parse::<u32>().ok()?
    };
    let legal =
        matches!(code, 0x9 | 0xA | 0xD) || (0x20..=0xD7FF).contains(&code) || code >= 0xE000;
    Some(if legal { char::from_u32(code) } else { None })
}

/// Escapes `&` in CDATA content so that a later `unescape` returns it unchanged.
pub(crate) fn escape_cdata(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    for &b in raw {
        if b == b'&' {
            out.extend_from_slice(b"&amp;");
        } else {
            out.push(b);
        }
    }
    out
}

/// Decompresses a body that is still gzip- or zlib-compressed (servers that compress
/// without saying so, or raw captures); anything else is returned unchanged.
/// `Err(limit)` when the decompressed body would pass `limit` bytes (a gzip bomb).
pub fn maybe_decompress(body: Vec<u8>, limit: u64) -> Result<Vec<u8>, u64> {
    let inflate = |reader: &mut dyn Read| -> Option<Result<Vec<u8>, u64>> {
        let mut out = Vec::new();
        match reader.take(limit.saturating_add(1)).read_to_end(&mut out) {
            Ok(n) if n as u64 > limit => Some(Err(limit)),
            Ok(_) => Some(Ok(out)),
            Err(_) => None,
        }
    };
    let inflated = if body.starts_with(&[0x1f, 0x8b]) {
        inflate(&mut flate2::read::MultiGzDecoder::new(&body[..]))
    } else if body.len() > 2 && body[0] == 0x78 && matches!(body[1], 0x01 | 0x5e | 0x9c | 0xda) {
        inflate(&mut flate2::read::ZlibDecoder::new(&body[..]))
    } else {
        None
    };
    inflated.unwrap_or(Ok(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn unescape_handles_entities_and_illegal_refs() {
        assert_eq!(
            unescape("a &amp; b &lt;c&gt; &quot;&apos;"),
            "a & b <c> \"'"
        );
        assert_eq!(unescape("x&#1;y&#65;&#x42;"), "xyAB");
        assert_eq!(unescape("AT&T rocks"), "AT&T rocks");
        assert_eq!(unescape("&nbsp;"), "&nbsp;");
        assert_eq!(unescape("&#0;&#xD800;ok"), "ok");
    }

    #[test]
    fn decoder_falls_back_to_windows_1252() {
        let d = TextDecoder::default();
        assert_eq!(d.decode(b"caf\xe9"), "café");
        assert_eq!(d.decode("café".as_bytes()), "café");
        let latin = TextDecoder::from_content_type(Some("text/xml;charset=ISO-8859-1"));
        assert_eq!(latin.decode(b"\x93q\x94"), "\u{201c}q\u{201d}");
        let ascii = TextDecoder::from_content_type(Some("text/xml; charset=\"US-ASCII\""));
        assert_eq!(ascii.decode(b"abc"), "abc");
    }

    #[test]
    fn xml_declaration_sets_encoding() {
        let body = b"\xEF\xBB\xBF  <?xml version=\"1.0\" encoding='ISO-8859-1'?><RETS/>";
        let d = TextDecoder::default().with_xml_declaration(body, false);
        assert_eq!(d.encoding().name(), "windows-1252");
        assert!(strip_preamble(body).starts_with(b"<?xml"));
    }

    #[test]
    fn odd_xml_declarations_are_ignored_not_fatal() {
        for decl in [
            "<?xml version=\"1.0\" encoding=«UTF-8»?><RETS/>",
            "<?xml encoding=é?>",
            "<?xml encoding=?>",
            "<?xml encoding='never closed?>",
        ] {
            let d = TextDecoder::default().with_xml_declaration(decl.as_bytes(), false);
            assert_eq!(d.encoding().name(), "UTF-8", "{decl}");
        }
    }

    #[test]
    fn gzip_bodies_are_decompressed() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"<RETS ReplyCode=\"0\"/>").unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(
            maybe_decompress(gz, 1 << 20).unwrap(),
            b"<RETS ReplyCode=\"0\"/>"
        );
        assert_eq!(maybe_decompress(b"plain".to_vec(), 3).unwrap(), b"plain");
    }

    #[test]
    fn gzip_bombs_stop_at_the_limit() {
        // 64 MiB of zeros compress to ~64 KiB; the limit stops inflating at 1 MiB.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        for _ in 0..64 {
            enc.write_all(&vec![0u8; 1 << 20]).unwrap();
        }
        let bomb = enc.finish().unwrap();
        assert!(bomb.len() < 1 << 20);
        assert_eq!(maybe_decompress(bomb.clone(), 1 << 20), Err(1 << 20));
        assert_eq!(maybe_decompress(bomb, 64 << 20).unwrap().len(), 64 << 20);
    }

    #[test]
    fn content_type_params() {
        let ct = "multipart/parallel; boundary=\"simple boundary\"; charset=utf-8";
        assert_eq!(param(ct, "boundary").as_deref(), Some("simple boundary"));
        assert_eq!(param(ct, "charset").as_deref(), Some("utf-8"));
    }
}
