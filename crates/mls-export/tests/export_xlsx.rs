//! XLSX export read back with calamine: typed cells, leading zeros, long text,
//! formula-like and non-ASCII text, sheet overflow and the About sheet.

use calamine::{Data, Reader, Xlsx, open_workbook};
use mls_export::{
    Column, ColumnKind, ExportOptions, Format, MAX_CELL_TEXT, TRUNCATION_MARKER, Target, open_sink,
    open_xlsx_sink_with_row_limit,
};
use std::path::Path;

fn row(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

fn read(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("exported file opens in calamine")
}

fn columns() -> Vec<Column> {
    vec![
        Column::new("ListingKey", ColumnKind::Text),
        Column::new("ListPrice", ColumnKind::Integer),
        Column::new("Baths", ColumnKind::Decimal),
        Column::new("ListDate", ColumnKind::Date),
        Column::new("ModificationTimestamp", ColumnKind::DateTime),
        Column::new("Pool", ColumnKind::Boolean),
        Column::new("Remarks", ColumnKind::Text),
    ]
}

#[test]
fn round_trip_keeps_values_and_types() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    let mut sink = open_sink(
        Format::Xlsx,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    sink.write_header(&columns()).unwrap();
    sink.write_row(&row(&[
        "00123",
        "450000",
        "2.5",
        "2024-01-15",
        "2024-01-15T12:00:00Z",
        "Y",
        "=SUM(A1:A9)",
    ]))
    .unwrap();
    sink.write_row(&row(&[
        "A-9",
        "N/A",
        "",
        "not a date",
        "2024-01-15 06:00:00",
        "0",
        "Café – naïve 😀 中文",
    ]))
    .unwrap();
    sink.write_row(&row(&[
        "-5",
        "-12",
        "0.125",
        "",
        "",
        "maybe",
        "+1 555 0100",
    ]))
    .unwrap();
    let summary = sink.finish().unwrap();
    assert_eq!(summary.rows, 3);
    assert_eq!(summary.sheets, 1);
    // "N/A", "not a date" and "maybe" fell back to text and are reported.
    assert_eq!(summary.warnings.len(), 3, "{:?}", summary.warnings);
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains("\"ListPrice\"") && w.contains("data row 2"))
    );

    let mut book = read(&path);
    assert_eq!(book.sheet_names(), vec!["Listings".to_string()]);
    let range = book.worksheet_range("Listings").unwrap();
    assert_eq!(range.get_size(), (4, 7));
    let names: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        names,
        columns().iter().map(|c| c.name.clone()).collect::<Vec<_>>()
    );

    let r1 = &range.rows().nth(1).unwrap();
    assert_eq!(r1[0], Data::String("00123".into()));
    assert_eq!(r1[1], Data::Float(450000.0));
    assert_eq!(r1[2], Data::Float(2.5));
    match &r1[3] {
        Data::DateTime(d) => assert_eq!(d.as_f64(), 45306.0),
        other => panic!("date cell expected, got {other:?}"),
    }
    match &r1[4] {
        Data::DateTime(d) => assert_eq!(d.as_f64(), 45306.5),
        other => panic!("datetime cell expected, got {other:?}"),
    }
    assert_eq!(r1[5], Data::Bool(true));
    assert_eq!(r1[6], Data::String("=SUM(A1:A9)".into()));

    let r2 = &range.rows().nth(2).unwrap();
    assert_eq!(r2[1], Data::String("N/A".into()));
    assert_eq!(r2[2], Data::Empty);
    assert_eq!(r2[3], Data::String("not a date".into()));
    match &r2[4] {
        Data::DateTime(d) => assert_eq!(d.as_f64(), 45306.25),
        other => panic!("datetime cell expected, got {other:?}"),
    }
    assert_eq!(r2[5], Data::Bool(false));
    assert_eq!(r2[6], Data::String("Café – naïve 😀 中文".into()));

    let r3 = &range.rows().nth(3).unwrap();
    assert_eq!(
        r3[0],
        Data::String("-5".into()),
        "text columns are never converted"
    );
    assert_eq!(r3[1], Data::Float(-12.0));
    assert_eq!(r3[5], Data::String("maybe".into()));
    assert_eq!(r3[6], Data::String("+1 555 0100".into()));
}

#[test]
fn dates_and_booleans_stay_text_without_excel_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.xlsx");
    let options = ExportOptions {
        excel_dates: false,
        ..ExportOptions::default()
    };
    let mut sink = open_sink(Format::Xlsx, Target::File(path.clone()), options).unwrap();
    sink.write_header(&columns()).unwrap();
    sink.write_row(&row(&[
        "1",
        "2",
        "3",
        "2024-01-15",
        "2024-01-15T12:00:00",
        "Y",
        "",
    ]))
    .unwrap();
    let summary = sink.finish().unwrap();
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    let range = read(&path).worksheet_range("Listings").unwrap();
    let r1 = range.rows().nth(1).unwrap();
    assert_eq!(r1[1], Data::Float(2.0));
    assert_eq!(r1[3], Data::String("2024-01-15".into()));
    assert_eq!(r1[4], Data::String("2024-01-15T12:00:00".into()));
    assert_eq!(r1[5], Data::String("Y".into()));
}

#[test]
fn long_text_is_truncated_with_marker_and_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.xlsx");
    let mut sink = open_sink(
        Format::Xlsx,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    sink.write_header(&[Column::new("Remarks", ColumnKind::Text)])
        .unwrap();
    let long = "ab".repeat(MAX_CELL_TEXT);
    sink.write_row(std::slice::from_ref(&long)).unwrap();
    sink.write_row(&["short".to_string()]).unwrap();
    let summary = sink.finish().unwrap();
    assert_eq!(summary.warnings.len(), 1);
    assert!(
        summary.warnings[0].contains("\"Remarks\"") && summary.warnings[0].contains("truncated")
    );

    let range = read(&path).worksheet_range("Listings").unwrap();
    let cell = range.get_value((1, 0)).unwrap().to_string();
    assert_eq!(cell.chars().count(), MAX_CELL_TEXT);
    assert!(cell.ends_with(TRUNCATION_MARKER));
    assert!(long.starts_with(cell.trim_end_matches(TRUNCATION_MARKER)));
    assert_eq!(range.get_value((2, 0)), Some(&Data::String("short".into())));
}

#[test]
fn rows_past_the_sheet_limit_continue_on_numbered_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.xlsx");
    let options = ExportOptions {
        about: Some(vec![
            ("Records".into(), "7".into()),
            ("Query".into(), "(Status=A)".into()),
        ]),
        ..ExportOptions::default()
    };
    let mut sink = open_xlsx_sink_with_row_limit(Target::File(path.clone()), options, 3).unwrap();
    sink.write_header(&[Column::new("N", ColumnKind::Integer)])
        .unwrap();
    for n in 1..=7 {
        sink.write_row(&[n.to_string()]).unwrap();
    }
    let summary = sink.finish().unwrap();
    assert_eq!(summary.rows, 7);
    assert_eq!(summary.sheets, 3);
    assert!(
        summary.warnings.iter().any(|w| w.contains("3 sheets")),
        "{:?}",
        summary.warnings
    );

    let mut book = read(&path);
    assert_eq!(
        book.sheet_names(),
        vec![
            "Listings",
            "Listings (2)",
            "Listings (3)",
            "About this export"
        ]
    );
    let mut seen = Vec::new();
    for (name, expected_rows) in [("Listings", 3), ("Listings (2)", 3), ("Listings (3)", 1)] {
        let range = book.worksheet_range(name).unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String("N".into())),
            "header on {name}"
        );
        assert_eq!(range.height(), expected_rows + 1, "{name}");
        for r in 1..range.height() {
            match range.get_value((r as u32, 0)) {
                Some(Data::Float(n)) => seen.push(*n as u32),
                other => panic!("{name} row {r}: {other:?}"),
            }
        }
    }
    assert_eq!(seen, (1..=7).collect::<Vec<_>>(), "no row lost or repeated");

    let about = book.worksheet_range("About this export").unwrap();
    assert_eq!(about.get_value((1, 0)), Some(&Data::String("Query".into())));
    assert_eq!(
        about.get_value((1, 1)),
        Some(&Data::String("(Status=A)".into()))
    );
}

#[test]
fn header_is_frozen_filtered_and_columns_sized() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("layout.xlsx");
    let mut sink = open_sink(
        Format::Xlsx,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    sink.write_header(&[
        Column::new("A", ColumnKind::Text),
        Column::new("Remarks", ColumnKind::Text),
    ])
    .unwrap();
    sink.write_row(&row(&["x", &"w".repeat(500)])).unwrap();
    sink.write_row(&row(&["y", "z"])).unwrap();
    sink.finish().unwrap();

    let file = std::fs::File::open(&path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(
        xml.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{xml}"
    );
    assert!(xml.contains(r#"<autoFilter ref="A1:B3"/>"#), "{xml}");
    // Narrow column clamped to the minimum, wide one to the maximum (60 + 1).
    assert!(
        xml.contains(r#"width="7.7109375""#) || xml.contains(r#"width="7.7"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<col min="2" max="2" width="61.7109375""#),
        "{xml}"
    );
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains("<b/>"), "bold header font");
}

/// Writes Excel's real limit: 1,048,575 data rows on the first sheet, the next on "Listings (2)".
#[test]
#[ignore = "writes 1,048,576 rows (a few seconds with --release)"]
fn real_excel_row_limit_overflows_to_second_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("limit.xlsx");
    let mut sink = open_sink(
        Format::Xlsx,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    sink.write_header(&[Column::new("N", ColumnKind::Integer)])
        .unwrap();
    let total = u64::from(mls_export::EXCEL_DATA_ROWS) + 1;
    for n in 1..=total {
        sink.write_row(&[n.to_string()]).unwrap();
    }
    let summary = sink.finish().unwrap();
    assert_eq!((summary.rows, summary.sheets), (total, 2));
    let mut book = read(&path);
    assert_eq!(book.sheet_names(), vec!["Listings", "Listings (2)"]);
    let first = book.worksheet_range("Listings").unwrap();
    assert_eq!(first.height(), 1_048_576);
    let second = book.worksheet_range("Listings (2)").unwrap();
    assert_eq!(second.get_value((1, 0)), Some(&Data::Float(total as f64)));
}

#[test]
fn too_many_columns_is_a_clear_error_and_the_sink_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.xlsx");
    let mut sink = open_sink(
        Format::Xlsx,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    let wide: Vec<Column> = (0..16_385)
        .map(|n| Column::new(format!("C{n}"), ColumnKind::Text))
        .collect();
    let err = sink.write_header(&wide).unwrap_err();
    assert_eq!(err.code(), "export.invalid_option");
    assert!(err.to_string().contains("16385 columns"), "{err}");
    sink.write_header(&wide[..16_384]).unwrap();
    sink.write_row(&vec!["x".to_string(); 16_384]).unwrap();
    assert_eq!(sink.finish().unwrap().rows, 1);
    let range = read(&path).worksheet_range("Listings").unwrap();
    assert_eq!(range.get_size(), (2, 16_384));
}

#[test]
fn invalid_sheet_names_are_rejected_before_any_file_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("named.xlsx");
    let options = ExportOptions {
        sheet_name: "Q1/Q2".into(),
        ..ExportOptions::default()
    };
    let err = open_sink(Format::Xlsx, Target::File(path.clone()), options)
        .err()
        .unwrap();
    assert_eq!(err.code(), "export.invalid_option");
    assert!(err.to_string().contains("Q1/Q2"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
