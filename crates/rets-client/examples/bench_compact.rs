//! Benchmark (not a test): COMPACT parse throughput of the streaming parser on a
//! generated 100k-row, 30-column reply, through the event API (a `Vec<String>` per
//! row) and the batch API (`next_rows`, what searches use). Prints MB/s and rows/s.
//! Run: `cargo run --release -p rets-client --example bench_compact [ROWS]`

use std::time::Instant;

use rets_client::RowBatch;
use rets_client::compact::{CompactEvent, CompactReader};
use rets_client::text::TextDecoder;

fn reply(rows: usize) -> Vec<u8> {
    let columns: Vec<String> = (0..30).map(|i| format!("FIELD_{i}")).collect();
    let mut out = String::with_capacity(rows * 260);
    out.push_str(
        "<?xml version=\"1.0\"?>\n<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\n",
    );
    out.push_str(&format!(
        "<COUNT Records=\"{rows}\"/>\n<DELIMITER value=\"09\"/>\n"
    ));
    out.push_str(&format!("<COLUMNS>\t{}\t</COLUMNS>\n", columns.join("\t")));
    for r in 0..rows {
        out.push_str("<DATA>\t");
        for c in 0..30 {
            match c % 5 {
                0 => out.push_str(&format!("{}", 10_000_000 + r)),
                1 => out.push_str(&format!("{}", 150_000 + (r * 37 % 900_000))),
                2 => out.push_str("2024-05-17T10:22:31"),
                3 => out.push_str("Springfield &amp; Co"),
                _ => out.push('A'),
            }
            out.push('\t');
        }
        out.push_str("</DATA>\n");
    }
    out.push_str("<MAXROWS/>\n</RETS>\n");
    out.into_bytes()
}

fn best_of_5(mut run: impl FnMut() -> usize, rows: usize) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        assert_eq!(run(), rows);
        best = best.min(start.elapsed().as_secs_f64());
    }
    best
}

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("ROWS must be a number"))
        .unwrap_or(100_000);
    let body = reply(rows);
    let mb = body.len() as f64 / 1_048_576.0;
    let report = |api: &str, best: f64| {
        println!("compact-parse ({api}): {rows} rows, {mb:.1} MiB in {best:.3} s (best of 5)");
        println!(
            "compact-parse ({api}): {:.0} MiB/s, {:.0} rows/s",
            mb / best,
            rows as f64 / best
        );
    };
    // Event API: one `Vec<String>` per row.
    let events = best_of_5(
        || {
            let mut seen = 0usize;
            for event in CompactReader::new(&body[..], TextDecoder::default()) {
                if let CompactEvent::Row(values) = event.expect("valid reply") {
                    assert_eq!(values.len(), 30);
                    seen += 1;
                }
            }
            seen
        },
        rows,
    );
    report("events", events);
    // Batch API: what `Session::search` uses.
    let batched = best_of_5(
        || {
            let mut seen = 0usize;
            let mut reader = CompactReader::new(&body[..], TextDecoder::default());
            let mut batch = RowBatch::new();
            while !reader.is_done() {
                batch.clear();
                reader.next_rows(&mut batch, 1024).expect("valid reply");
                for row in batch.rows() {
                    assert_eq!(row.len(), 30);
                    seen += 1;
                }
            }
            seen
        },
        rows,
    );
    report("batches", batched);
}
