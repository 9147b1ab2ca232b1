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
