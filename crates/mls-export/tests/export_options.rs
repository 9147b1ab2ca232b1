//! Export options end to end: header styles and decoded lookups through a
//! real file, time-of-day cells, photo hyperlinks, the CSV guard leaving plain
//! numbers alone, and cancelling (before and during `finish`) with no file left.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use mls_export::{
    Column, ColumnKind, ColumnPlan, ExportControl, ExportOptions, ExportPhase, FieldInfo, Format,
    HeaderStyle, Lookup, LookupMode, Target, open_sink,
};

fn row(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

fn zip_text(path: &Path, member: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(member)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn long_names_and_decoded_lookups_reach_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("decoded.xlsx");
    let status = Lookup {
        multi: false,
        long_values: HashMap::from([("A".into(), "Active".into())]),
    };
    let fields = vec![
        FieldInfo {
            long_name: Some("Status".into()),
            lookup: Some(status),
            ..FieldInfo::new("L_Status", "Character")
        },
        FieldInfo {
            long_name: Some("List Price".into()),
            ..FieldInfo::new("L_Price", "Int")
        },
        FieldInfo::new("L_ShowingTime", "Time"),
    ];
    let plan = ColumnPlan::new(&fields, HeaderStyle::LongName, LookupMode::Decoded);
    let mut sink = open_sink(
        Format::Xlsx,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    sink.write_header(plan.columns()).unwrap();
    let record = HashMap::from([
        ("L_Status", "A"),
        ("L_Price", "450000"),
        ("L_ShowingTime", "14:30:00"),
    ]);
    let mut values = Vec::new();
    plan.fill_row(|n| record.get(n).copied(), None, &mut values);
    sink.write_row(&values).unwrap();
    let summary = sink.finish().unwrap();
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("Listings").unwrap();
    let cells: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(
        cells[0],
        [
            Data::String("Status".into()),
            Data::String("List Price".into()),
            Data::String("L_ShowingTime".into()),
        ]
    );
    assert_eq!(cells[1][0], Data::String("Active".into()));
    assert_eq!(cells[1][1], Data::Float(450000.0));
    match &cells[1][2] {
        Data::DateTime(t) => assert!((t.as_f64() - 14.5 / 24.0).abs() < 1e-9, "{t:?}"),
        other => panic!("time cell should be an Excel time, got {other:?}"),
    }
    assert!(zip_text(&path, "xl/styles.xml").contains(r#"formatCode="hh:mm:ss""#));
}

#[test]
fn photo_column_is_a_file_hyperlink_in_xlsx_and_a_path_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("L1-1.jpg");
    std::fs::write(&photo, b"jpeg").unwrap();
    let photo = photo.to_string_lossy().into_owned();
    let plan = ColumnPlan::new(
        &[FieldInfo::new("ListingKey", "Character")],
        HeaderStyle::SystemName,
        LookupMode::Raw,
    )
    .with_photos();

    for format in [Format::Xlsx, Format::Csv] {
        let path = dir.path().join(format!("photos.{format}"));
        let mut sink =
            open_sink(format, Target::File(path.clone()), ExportOptions::default()).unwrap();
        sink.write_header(plan.columns()).unwrap();
        let mut values = Vec::new();
        plan.fill_row(|_| Some("L1"), Some(&photo), &mut values);
        sink.write_row(&values).unwrap();
        plan.fill_row(|_| Some("L2"), None, &mut values);
        sink.write_row(&values).unwrap();
        sink.finish().unwrap();

        if format == Format::Xlsx {
            let rels = zip_text(&path, "xl/worksheets/_rels/sheet1.xml.rels");
            assert!(rels.contains("TargetMode=\"External\""), "{rels}");
            assert!(rels.contains(&format!("Target=\"{photo}\"")), "{rels}");
            let sheet = zip_text(&path, "xl/worksheets/sheet1.xml");
            assert!(sheet.contains(r#"<hyperlink ref="B2""#), "{sheet}");
            assert!(!sheet.contains(r#"<hyperlink ref="B3""#), "{sheet}");
            let mut book: Xlsx<_> = open_workbook(&path).unwrap();
            let range = book.worksheet_range("Listings").unwrap();
            assert_eq!(range.get_value((1, 1)), Some(&Data::String(photo.clone())));
        } else {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(text, format!("ListingKey,Photos\r\nL1,{photo}\r\nL2,\r\n"));
        }
    }
}

#[test]
fn csv_guard_leaves_plain_numbers_in_numeric_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numbers.csv");
    let mut sink = open_sink(
        Format::Csv,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    sink.write_header(&[
        Column::new("Adjustment", ColumnKind::Integer),
        Column::new("Remarks", ColumnKind::Text),
    ])
    .unwrap();
    sink.write_row(&row(&["-5", "-5"])).unwrap();
    sink.write_row(&row(&["-1+2", "=1"])).unwrap();
    sink.finish().unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Adjustment,Remarks\r\n-5,'-5\r\n'-1+2,'=1\r\n"
    );
}

#[test]
fn cancel_before_finish_leaves_no_file_for_any_format() {
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Xlsx, Format::Csv, Format::Ndjson] {
        let path = dir.path().join(format!("cancelled.{format}"));
        let mut sink =
            open_sink(format, Target::File(path.clone()), ExportOptions::default()).unwrap();
        sink.write_header(&[Column::new("K", ColumnKind::Text)])
            .unwrap();
        sink.write_row(&row(&["1"])).unwrap();
        let control = ExportControl::new();
        control.cancel();
        let err = sink.finish_controlled(&control).unwrap_err();
        assert_eq!(err.code(), "export.cancelled", "{format}: {err}");
        assert!(err.to_string().contains("cancelled."), "{err}");
    }
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn cancel_while_finishing_an_xlsx_stops_the_zip_and_removes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    std::fs::write(&path, b"previous export").unwrap();
    let mut sink = open_sink(
        Format::Xlsx,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    let columns: Vec<Column> = (0..8)
        .map(|i| Column::new(format!("C{i}"), ColumnKind::Text))
        .collect();
    sink.write_header(&columns).unwrap();
    for i in 0..60_000 {
        let values: Vec<String> = (0..8).map(|c| format!("row {i} col {c} text")).collect();
        sink.write_row(&values).unwrap();
    }
    let control = ExportControl::new();
    control.set_phase(ExportPhase::Finishing);
    let watcher = control.clone();
    let cancel = std::thread::spawn(move || {
        // Cancel as soon as the zip has started to be written.
        while watcher.finish_bytes() == 0 {
            std::thread::yield_now();
        }
        watcher.cancel();
    });
    let err = sink.finish_controlled(&control).unwrap_err();
    cancel.join().unwrap();
    assert_eq!(err.code(), "export.cancelled", "{err}");
    assert!(control.finish_bytes() > 0);
    // The earlier file is untouched and no temporary file is left.
    assert_eq!(std::fs::read(&path).unwrap(), b"previous export");
    assert_eq!(leftovers(dir.path()), ["big.xlsx"]);
}
