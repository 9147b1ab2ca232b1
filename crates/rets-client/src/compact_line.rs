//! One COMPACT line (COLUMNS or DATA) into values: the DELIMITER forms servers send,
//! optional leading/trailing delimiters, and a word-at-a-time split that copies a
//! plain row into a `RowBatch` in one piece (values with `&` are unescaped one by one).

use crate::rows::RowBatch;
use crate::text::unescape_into;

/// Parses a DELIMITER value: hex, one or two digits ("09", "9", "7C").
pub fn parse_delimiter(value: &str) -> Option<char> {
    let v = value.trim();
    let hex = v
        .strip_prefix("0x")
        .or_else(|| v.strip_prefix("0X"))
        .unwrap_or(v);
    if !hex.is_empty() && hex.len() <= 4 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    // Some servers put the character itself in the attribute.
    let mut chars = value.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Splits a COLUMNS/DATA line (leading and trailing delimiters optional). With `width`
/// (number of columns) the split keeps empty first/last values when they are data.
pub fn split_line(line: &str, delim: char, width: Option<usize>) -> Vec<String> {
    let mut batch = RowBatch::new();
    push_line(&mut batch, &mut Vec::new(), line, delim, width);
    batch.row(0).to_vec()
}

/// How many parts to drop at the front and back of a split line with `n` parts.
fn edges(n: usize, leading: bool, trailing: bool, width: Option<usize>) -> (usize, usize) {
    match width {
        Some(w) if n == w + 2 && leading && trailing => (1, 1),
        Some(w) if n == w + 1 && (leading || trailing) => {
            (usize::from(leading), usize::from(!leading))
        }
        Some(w) if n == w => (0, 0),
        // `trailing` implies at least two parts, so one is left after dropping a leading one.
        _ => (usize::from(leading), usize::from(trailing)),
    }
}

/// Splits `line` like [`split_line`] and appends the unescaped values to `batch` as one
/// row. `spans` is scratch space (part boundaries), reused between lines.
pub(crate) fn push_line(
    batch: &mut RowBatch,
    spans: &mut Vec<(usize, usize)>,
    line: &str,
    delim: char,
    width: Option<usize>,
) {
    spans.clear();
    let escaped = if delim.is_ascii() {
        split_ascii(line.as_bytes(), delim as u8, spans)
    } else {
        let mut start = 0;
        for (end, _) in line.match_indices(delim) {
            spans.push((start, end));
            start = end + delim.len_utf8();
        }
        spans.push((start, line.len()));
        line.contains('&')
    };
    let n = spans.len();
    let leading = n > 1 && spans[0].0 == spans[0].1;
    let trailing = n > 1 && spans[n - 1].0 == spans[n - 1].1;
    let (front, back) = edges(n, leading, trailing, width);
    let kept = &spans[front..n - back];
    if !escaped {
        batch.push_line_values(line, kept);
    } else {
        for &(a, b) in kept {
            let v = &line[a..b];
            if v.contains('&') {
                batch.push_value_with(|text| unescape_into(v, text));
            } else {
                batch.push_value(v);
            }
        }
    }
    batch.end_row();
}

/// Records the parts of `line` between `delim` bytes in `spans`, eight bytes at a time;
/// returns whether the line holds a `&` (values then need unescaping).
pub(crate) fn split_ascii(line: &[u8], delim: u8, spans: &mut Vec<(usize, usize)>) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // High bit set in exactly the bytes of `w` equal to `b`.
    let eq = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        !(((x & LOW7) + LOW7) | x | LOW7)
    };
    let mut start = 0;
    let mut amp = 0;
    let mut words = line.chunks_exact(8);
    let mut base = 0;
    for chunk in words.by_ref() {
        #[allow(clippy::expect_used)] // chunks_exact(8) yields 8 bytes
        let w = u64::from_le_bytes(chunk.try_into().expect("chunks of 8"));
        amp |= eq(w, b'&');
        let mut hits = eq(w, delim);
        while hits != 0 {
            let end = base + (hits.trailing_zeros() / 8) as usize;
            spans.push((start, end));
            start = end + 1;
            hits &= hits - 1;
        }
        base += 8;
    }
    let mut escaped = amp != 0;
    for (i, &b) in words.remainder().iter().enumerate() {
        escaped |= b == b'&';
        if b == delim {
            spans.push((start, base + i));
            start = base + i + 1;
        }
    }
    spans.push((start, line.len()));
    escaped
}
