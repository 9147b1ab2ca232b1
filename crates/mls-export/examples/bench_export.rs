//! Benchmark driver: writes N synthetic listing rows × 30 columns through the
//! real export sink (or only generates them, to measure the generator's own
//! cost). `bench/run.sh` runs it next to an equivalent Python XlsxWriter/csv
//! script that generates byte-identical values with the same formulas.
//!
//! Usage: `bench_export <xlsx|csv|ndjson|none> <rows> <output path | ->` (`-` = stdout)

use std::time::Instant;

use mls_export::{Column, ColumnKind, ExportOptions, Format, Target, open_sink};

const CITIES: [&str; 8] = [
    "Austin",
    "Dallas",
    "Houston",
    "San Antonio",
    "El Paso",
    "Plano",
    "Frisco",
    "Waco",
];
const TYPES: [&str; 4] = ["Residential", "Condo", "Land", "Commercial"];
const STATUS: [&str; 3] = ["Active", "Pending", "Closed"];
const WORDS: [&str; 12] = [
    "Charming", "home", "with", "updated", "kitchen", "near", "park", "and", "schools", "large",
    "backyard", "garage",
];

fn columns() -> Vec<Column> {
    use ColumnKind::*;
    let spec: [(&str, ColumnKind); 30] = [
        ("ListingKey", Text),
        ("ListingId", Text),
        ("ListPrice", Integer),
        ("OriginalListPrice", Integer),
        ("BedroomsTotal", Integer),
        ("BathroomsFull", Integer),
        ("BathroomsTotal", Decimal),
        ("LotSizeAcres", Decimal),
        ("Latitude", Decimal),
        ("Longitude", Decimal),
        ("ListingContractDate", Date),
        ("CloseDate", Date),
        ("ModificationTimestamp", DateTime),
        ("PhotosChangeTimestamp", DateTime),
        ("PoolPrivateYN", Boolean),
        ("WaterfrontYN", Boolean),
        ("City", Text),
        ("StateOrProvince", Text),
        ("PostalCode", Text),
        ("StreetName", Text),
        ("StreetNumber", Text),
        ("PropertyType", Text),
        ("StandardStatus", Text),
        ("ListAgentFullName", Text),
        ("ListOfficeName", Text),
        ("YearBuilt", Integer),
        ("LivingArea", Integer),
        ("TaxAnnualAmount", Decimal),
        ("AssociationFee", Decimal),
        ("PublicRemarks", Text),
    ];
    spec.iter().map(|(n, k)| Column::new(*n, *k)).collect()
}

/// Deterministic hash of (row, column), identical to `h()` in bench/py_export.py.
fn h(n: u64, c: u64) -> u64 {
    (n.wrapping_mul(2_654_435_761) ^ c.wrapping_mul(40_503).wrapping_add(n >> 3)) % 4_294_967_291
}

fn fill_row(n: u64, out: &mut [String]) {
    use std::fmt::Write;
    for s in out.iter_mut() {
        s.clear();
    }
    let v = |c: u64| h(n, c);
    let _ = write!(out[0], "L{n:08}");
    let _ = write!(out[1], "{:07}", v(1) % 1_000_000);
    let _ = write!(out[2], "{}", 50_000 + v(2) % 2_000_000);
    let _ = write!(out[3], "{}", 50_000 + v(3) % 2_000_000);
    let _ = write!(out[4], "{}", 1 + v(4) % 6);
    let _ = write!(out[5], "{}", 1 + v(5) % 4);
    let _ = write!(
        out[6],
        "{}.{}",
        1 + v(6) % 4,
        if v(6) % 2 == 0 { 5 } else { 0 }
    );
    let _ = write!(out[7], "{}.{:02}", v(7) % 20, v(7) % 100);
    let _ = write!(out[8], "30.{:06}", v(8) % 1_000_000);
    let _ = write!(out[9], "-97.{:06}", v(9) % 1_000_000);
    let _ = write!(
        out[10],
        "20{:02}-{:02}-{:02}",
        10 + v(10) % 15,
        1 + v(10) % 12,
        1 + v(10) % 28
    );
    let _ = write!(
        out[11],
        "20{:02}-{:02}-{:02}",
        10 + v(11) % 15,
        1 + v(11) % 12,
        1 + v(11) % 28
    );
    for c in [12usize, 13] {
        let x = v(c as u64);
        let _ = write!(
            out[c],
            "20{:02}-{:02}-{:02}T{:02}:{:02}:{:02}",
            10 + x % 15,
            1 + x % 12,
            1 + x % 28,
            x % 24,
            x % 60,
            (x / 60) % 60
        );
    }
    out[14].push(if v(14) % 2 == 0 { '1' } else { '0' });
    out[15].push(if v(15) % 3 == 0 { 'Y' } else { 'N' });
    out[16].push_str(CITIES[(v(16) % 8) as usize]);
    out[17].push_str("TX");
    let _ = write!(out[18], "{:05}", v(18) % 100_000);
    let _ = write!(out[19], "{} Street", WORDS[(v(19) % 12) as usize]);
    let _ = write!(out[20], "{}", 1 + v(20) % 9999);
    out[21].push_str(TYPES[(v(21) % 4) as usize]);
    out[22].push_str(STATUS[(v(22) % 3) as usize]);
    let _ = write!(out[23], "Agent {}", v(23) % 5000);
    let _ = write!(out[24], "Office {}", v(24) % 500);
    let _ = write!(out[25], "{}", 1900 + v(25) % 124);
    let _ = write!(out[26], "{}", 500 + v(26) % 6000);
    let _ = write!(out[27], "{}.{:02}", v(27) % 20_000, v(27) % 100);
    let _ = write!(out[28], "{}.{:02}", v(28) % 900, v(28) % 100);
    let words = 10 + v(29) % 20;
    for i in 0..words {
        if i > 0 {
            out[29].push(' ');
        }
        out[29].push_str(WORDS[(h(n, 29 + i) % 12) as usize]);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        return Err("usage: bench_export <xlsx|csv|ndjson|none> <rows> <output path>".into());
    }
    let rows: u64 = args[2].parse()?;
    let started = Instant::now();
    let mut values = vec![String::new(); 30];
    if args[1] == "none" {
        let mut bytes = 0usize;
        for n in 0..rows {
            fill_row(n, &mut values);
            bytes += values.iter().map(String::len).sum::<usize>();
        }
        println!(
            "generated {rows} rows ({bytes} bytes) in {:.2?}",
            started.elapsed()
        );
        return Ok(());
    }
    let format: Format = args[1].parse()?;
    let options = ExportOptions {
        formula_guard: false,
        ..ExportOptions::default()
    };
    let target = match args[3].as_str() {
        "-" => Target::Stdout,
        path => Target::File(path.into()),
    };
    let mut sink = open_sink(format, target, options)?;
    sink.write_header(&columns())?;
    for n in 0..rows {
        fill_row(n, &mut values);
        sink.write_row(&values)?;
    }
    let rows_done = started.elapsed();
    let summary = sink.finish()?;
    eprintln!(
        "{format}: {} rows, {} sheet(s) in {:.2?} (rows {:.2?}, finish {:.2?})",
        summary.rows,
        summary.sheets,
        started.elapsed(),
        rows_done,
        started.elapsed() - rows_done
    );
    Ok(())
}
