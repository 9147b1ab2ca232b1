//! `Target::Stdout`, exercised through the `bench_export` example binary that
//! `cargo test` builds: XLSX is staged and copied out whole, NDJSON and CSV
//! stream, and no temporary file is left behind.

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;
use std::path::PathBuf;
use std::process::Command;

/// `target/<profile>/examples/bench_export`, next to this test's `deps/` folder.
fn example() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe
        .parent()?
        .parent()?
        .join("examples")
        .join(format!("bench_export{}", std::env::consts::EXE_SUFFIX));
    path.is_file().then_some(path)
}

fn run(format: &str, rows: &str) -> Vec<u8> {
    let Some(bin) = example() else {
        panic!("bench_export example not built; run through `cargo test -p mls-export`");
    };
    let out = Command::new(bin)
        .args([format, rows, "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn xlsx_to_stdout_is_a_complete_workbook() {
    let bytes = run("xlsx", "25");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Listings").unwrap();
    assert_eq!(range.get_size(), (26, 30));
    assert_eq!(
        range.get_value((1, 0)),
        Some(&Data::String("L00000000".into()))
    );
    assert_eq!(
        range.get_value((1, 1)),
        Some(&Data::String("0040503".into()))
    );
    assert_eq!(range.get_value((1, 2)), Some(&Data::Float(131_006.0)));
}

#[test]
fn ndjson_and_csv_stream_to_stdout() {
    let ndjson = String::from_utf8(run("ndjson", "3")).unwrap();
    assert_eq!(ndjson.lines().count(), 3);
    assert!(ndjson.starts_with(r#"{"ListingKey":"L00000000","ListingId":"0040503","#));
    let csv = String::from_utf8(run("csv", "3")).unwrap();
    assert_eq!(csv.split("\r\n").filter(|l| !l.is_empty()).count(), 4);
    assert!(csv.starts_with("ListingKey,ListingId,ListPrice,"));
}
