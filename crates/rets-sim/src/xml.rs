//! XML text escaping shared by every reply writer.

use std::borrow::Cow;

/// Escapes `&`, `<`, `>` and `"` (and drops control characters XML forbids).
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(|b| {
        matches!(b, b'&' | b'<' | b'>' | b'"')
            || (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r')
    }) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert!(matches!(
            super::escape("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
