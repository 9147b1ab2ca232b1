//! The `<DATA>` fast path must be invisible: these tests run each reply through the
//! parser with and without it (whole, and trickled in small reads) and demand the
//! same events and errors, on hand-picked edge cases and many generated replies.

use super::*;
use crate::compact_line::split_ascii;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Hands out the input in reads of the given sizes (cycled), to cross buffer edges.
struct Chunked<'a> {
    data: &'a [u8],
    sizes: Vec<usize>,
    i: usize,
}

impl Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = self.sizes[self.i % self.sizes.len()].max(1);
        self.i += 1;
        let n = want.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

type Outcome = (Vec<CompactEvent>, Option<String>);

fn collect<R: Read>(reader: CompactReader<R>) -> Outcome {
    let mut events = Vec::new();
    for ev in reader {
        match ev {
            Ok(ev) => events.push(ev),
            Err(e) => return (events, Some(format!("{e:?}"))),
        }
    }
    (events, None)
}

/// Events through the batch API (rows regrouped as Row events).
fn collect_batched<R: Read>(mut reader: CompactReader<R>, max_rows: usize) -> Outcome {
    let mut events = Vec::new();
    let mut batch = RowBatch::new();
    loop {
        batch.clear();
        let res = reader.next_rows(&mut batch, max_rows);
        assert!(batch.len() <= max_rows);
        events.extend(batch.rows().map(|r| CompactEvent::Row(r.to_vec())));
        match res {
            Ok(Some(ev)) => events.push(ev),
            Ok(None) if reader.is_done() => return (events, None),
            Ok(None) => assert!(!batch.is_empty(), "no progress"),
            Err(e) => return (events, Some(format!("{e:?}"))),
        }
    }
}

fn assert_same(body: &[u8], dec: TextDecoder, sizes: Vec<usize>) {
    let want = collect(CompactReader::new(body, dec).xml_only());
    let got = collect(CompactReader::new(body, dec));
    assert_eq!(
        got,
        want,
        "fast path differs on {:?}",
        String::from_utf8_lossy(body)
    );
    let trickled = Chunked {
        data: body,
        sizes,
        i: 0,
    };
    let got = collect(CompactReader::new(trickled, dec));
    assert_eq!(
        got,
        want,
        "trickled fast path differs on {:?}",
        String::from_utf8_lossy(body)
    );
    for max in [1, 3, 1000] {
        let got = collect_batched(CompactReader::new(body, dec), max);
        assert_eq!(
            got,
            want,
            "batched ({max}) differs on {:?}",
            String::from_utf8_lossy(body)
        );
    }
}

const HEAD: &str = "<RETS ReplyCode=\"0\" ReplyText=\"ok\">\n<DELIMITER value=\"09\"/>\n<COLUMNS>\tA\tB\t</COLUMNS>\n";

fn check(rest: &str) -> Outcome {
    check_fast(rest, None)
}

/// Like `check`, also asserting how many rows the fast path read.
fn check_fast(rest: &str, fast_rows: Option<u64>) -> Outcome {
    let body = format!("{HEAD}{rest}");
    assert_same(body.as_bytes(), TextDecoder::default(), vec![1, 2, 5, 7]);
    let mut reader = CompactReader::new(body.as_bytes(), TextDecoder::default());
    let mut out = (Vec::new(), None);
    for ev in reader.by_ref() {
        match ev {
            Ok(ev) => out.0.push(ev),
            Err(e) => out.1 = Some(format!("{e:?}")),
        }
    }
    if let Some(n) = fast_rows {
        assert_eq!(reader.fast_rows, n, "rows read by the fast path");
    }
    out
}

fn rows(o: &Outcome) -> Vec<Vec<String>> {
    o.0.iter()
        .filter_map(|e| match e {
            CompactEvent::Row(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn plain_lines_after_whitespace_keep_the_whitespace_as_detail() {
    let o = check_fast(
        "<DATA>\t1\t2\t</DATA>\r\n \t<DATA>\tx\t\t</DATA><DATA>\t\ty\t</DATA>\n</RETS>\n",
        Some(3),
    );
    assert_eq!(rows(&o), [vec!["1", "2"], vec!["x", ""], vec!["", "y"]]);
    let Some(CompactEvent::End { detail, complete }) = o.0.last() else {
        panic!("no end event")
    };
    assert!(complete);
    assert_eq!(detail, "\n\n\n\r\n \t\n");
}

#[test]
fn markup_inside_a_line_goes_through_the_xml_parser() {
    let o = check_fast(
        "<DATA>\t<![CDATA[a<b>&lt;]]>\tz\t</DATA>\n<DATA>\tq<!-- note -->r\t1\t</DATA>\n</RETS>",
        Some(0),
    );
    assert_eq!(rows(&o), [vec!["a<b>&lt;", "z"], vec!["qr", "1"]]);
}

#[test]
fn other_elements_and_case_variants_are_left_to_the_xml_parser() {
    let o = check_fast(
        "<data>\t1\t2\t</data>\n<DATA >\t3\t4\t</DATA>\n<DATA/>\n<MAXROWS/>\n</RETS>",
        Some(0),
    );
    assert_eq!(rows(&o), [vec!["1", "2"], vec!["3", "4"], vec![]]);
    assert!(o.0.contains(&CompactEvent::MaxRows));
}

#[test]
fn entities_bare_ampersands_and_illegal_references() {
    let o = check_fast(
        "<DATA>\tAT&T &amp; &#1;x&#x41;&lt;\t&nbsp;&amp\t</DATA>\n</RETS>",
        Some(1),
    );
    assert_eq!(rows(&o), [vec!["AT&T & xA<", "&nbsp;&amp"]]);
}

#[test]
fn truncated_replies_end_the_same_way() {
    let o = check_fast("<DATA>\t1\t2\t</DATA>\n<DATA>\t3\t4", Some(1));
    assert_eq!(rows(&o).len(), 1);
    assert!(o.1.as_deref().unwrap().contains("inside a <DATA> row"));
    let o = check("<DATA>\t1\t2\t</DATA>\n<DA");
    assert_eq!(rows(&o).len(), 1);
    let o = check("<DATA>\t1\t2\t</DATA>\n");
    assert!(matches!(
        o.0.last(),
        Some(CompactEvent::End {
            complete: false,
            ..
        })
    ));
}

#[test]
fn charsets_and_delimiters() {
    let latin = b"<RETS ReplyCode=\"0\" ReplyText=\"ok\"><DELIMITER value=\"7C\"/><COLUMNS>A|B</COLUMNS>\n<DATA>caf\xe9|\x93q\x94</DATA>\n</RETS>";
    let win = TextDecoder::from_label(Some("windows-1252"));
    assert_same(latin, TextDecoder::default(), vec![3]);
    assert_same(latin, win, vec![4]);
    let r = collect(CompactReader::new(&latin[..], win));
    assert_eq!(rows(&r), [vec!["café", "\u{201c}q\u{201d}"]]);
    let wide = "<RETS ReplyCode=\"0\" ReplyText=\"ok\"><DELIMITER value=\"e9\"/><COLUMNS>éAéBé</COLUMNS>\n<DATA>é1éé</DATA>\n</RETS>";
    assert_same(wide.as_bytes(), TextDecoder::default(), vec![2]);
    let r = collect(CompactReader::new(wide.as_bytes(), TextDecoder::default()));
    assert_eq!(rows(&r), [vec!["1", ""]]);
}

#[test]
fn very_long_lines_fall_back_to_the_xml_parser() {
    let long = "x".repeat(MAX_FAST_LINE + 10);
    let body = format!("{HEAD}<DATA>\t{long}\t1\t</DATA>\n</RETS>");
    let r = collect(CompactReader::new(body.as_bytes(), TextDecoder::default()));
    assert_eq!(rows(&r)[0][0].len(), long.len());
    assert_eq!(
        r,
        collect(CompactReader::new(body.as_bytes(), TextDecoder::default()).xml_only())
    );
}

fn random_value(rng: &mut StdRng, delim: char) -> String {
    const PIECES: &[&str] = &[
        "a", "Z", "0", " ", "  ", "&", "&amp;", "&amp", "&#1;", "&#65;", "&#x42;", "&lt;", "&gt;",
        "&quot;", "&nbsp;", ";", ">", "é", "ü", "\r", "\n", "&#0;", "&#xD800;", "&&", "&#", "&;",
        "AT&T", "]]>", "'", "\"",
    ];
    let n = rng.gen_range(0..5);
    let mut v = String::new();
    for _ in 0..n {
        let p = PIECES[rng.gen_range(0..PIECES.len())];
        if !p.contains(delim) {
            v.push_str(p);
        }
    }
    v
}

fn random_reply(rng: &mut StdRng) -> Vec<u8> {
    let (delim, attr) = [
        ('\t', Some("09")),
        ('\t', Some("9")),
        ('|', Some("7C")),
        ('\t', None),
    ][rng.gen_range(0..4)];
    let width = rng.gen_range(1..5);
    let edge = |rng: &mut StdRng| {
        if rng.gen_bool(0.7) {
            delim.to_string()
        } else {
            String::new()
        }
    };
    let mut out = String::new();
    if rng.gen_bool(0.3) {
        out.push_str("<?xml version=\"1.0\"?>\n");
    }
    out.push_str("<RETS ReplyCode=\"0\" ReplyText=\"Operation &amp; Success\">\n");
    if let Some(a) = attr {
        out.push_str(&format!("<DELIMITER value=\"{a}\"/>\n"));
    }
    let names: Vec<String> = (0..width).map(|i| format!("F{i}")).collect();
    let d = delim.to_string();
    out.push_str(&format!(
        "<COLUMNS>{}{}{}</COLUMNS>",
        edge(rng),
        names.join(&d),
        edge(rng)
    ));
    for _ in 0..rng.gen_range(0..12) {
        out.push_str(["", "\n", "\r\n", " \n\t"][rng.gen_range(0..4)]);
        match rng.gen_range(0..20) {
            0 => out.push_str("<DATA/>"),
            1 => out.push_str("<!-- between rows -->"),
            2 => out.push_str("<DATA>\t<![CDATA[c&d]]>\t</DATA>"),
            3 => out.push_str("<RETS-STATUS ReplyCode=\"20208\" ReplyText=\"more\"/>"),
            _ => {
                let vals: Vec<String> = (0..width).map(|_| random_value(rng, delim)).collect();
                out.push_str(&format!(
                    "<DATA>{}{}{}</DATA>",
                    edge(rng),
                    vals.join(&d),
                    edge(rng)
                ));
            }
        }
    }
    if rng.gen_bool(0.5) {
        out.push_str("\n<MAXROWS/>");
    }
    out.push_str("\n</RETS>\n");
    let mut bytes = out.into_bytes();
    if rng.gen_bool(0.1) {
        // A Latin-1 byte: the whole line falls back to Windows-1252.
        if let Some(p) = bytes.windows(6).position(|w| w == b"<DATA>") {
            bytes.insert(p + 6, 0xe9);
        }
    }
    if rng.gen_bool(0.15) {
        let cut = rng.gen_range(0..bytes.len());
        bytes.truncate(cut);
    }
    bytes
}

#[test]
fn generated_replies_parse_identically_with_and_without_the_fast_path() {
    let mut rng = StdRng::seed_from_u64(0x5EED);
    let mut fast_rows = 0;
    for _ in 0..3000 {
        let body = random_reply(&mut rng);
        let sizes: Vec<usize> = (0..4).map(|_| rng.gen_range(1..40)).collect();
        assert_same(&body, TextDecoder::default(), sizes);
        let mut reader = CompactReader::new(&body[..], TextDecoder::default());
        reader.by_ref().for_each(drop);
        fast_rows += reader.fast_rows;
    }
    assert!(
        fast_rows > 10_000,
        "the fast path read only {fast_rows} rows"
    );
}

#[test]
fn word_at_a_time_split_matches_a_plain_split() {
    let mut rng = StdRng::seed_from_u64(7);
    let alphabet = b"\t|&a\x08\x09\x0a\x89\xffz";
    let mut spans = Vec::new();
    for _ in 0..2000 {
        let len = rng.gen_range(0..40);
        let line: Vec<u8> = (0..len)
            .map(|_| alphabet[rng.gen_range(0..alphabet.len())])
            .collect();
        for delim in [b'\t', b'|'] {
            spans.clear();
            let amp = split_ascii(&line, delim, &mut spans);
            assert_eq!(amp, line.contains(&b'&'));
            let mut want = Vec::new();
            let mut start = 0;
            for part in line.split(|&b| b == delim) {
                want.push((start, start + part.len()));
                start += part.len() + 1;
            }
            assert_eq!(spans, want, "{line:?}");
        }
    }
}
