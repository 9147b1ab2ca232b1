//! NDJSON and CSV exports: exact values, options, sequence errors, and the
//! atomic-write promise (a dropped sink leaves no file behind).

use mls_export::{Column, ColumnKind, ExportOptions, Format, Target, open_sink};
use std::path::Path;

fn row(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

fn cols(names: &[&str]) -> Vec<Column> {
    names
        .iter()
        .map(|n| Column::new(*n, ColumnKind::Text))
        .collect()
}

fn export(format: Format, path: &Path, options: ExportOptions, rows: &[Vec<String>]) -> String {
    let mut sink = open_sink(format, Target::File(path.to_path_buf()), options).unwrap();
    sink.write_header(&cols(&["Key", "Price", "Remarks"]))
        .unwrap();
    for r in rows {
        sink.write_row(r).unwrap();
    }
    let summary = sink.finish().unwrap();
    assert_eq!(summary.rows, rows.len() as u64);
    assert_eq!(summary.sheets, 1);
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

fn tricky_rows() -> Vec<Vec<String>> {
    vec![
        row(&["00123", " 450000 ", "=HYPERLINK(\"x\")"]),
        row(&["é😀", "-1", "line1\nline2, \"quoted\""]),
        row(&["", "+5", "@cmd"]),
    ]
}

#[test]
fn ndjson_is_exact_strings_in_column_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.ndjson");
    let text = export(
        Format::Ndjson,
        &path,
        ExportOptions::default(),
        &tricky_rows(),
    );
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l.ends_with('}') || l.ends_with("}\n")));
    assert!(lines[0].starts_with(r#"{"Key":"00123","Price":" 450000 ","Remarks":"#));
    for (line, expected) in lines.iter().zip(tricky_rows()) {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let object = value.as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 3);
        for (key, want) in ["Key", "Price", "Remarks"].iter().zip(&expected) {
            assert_eq!(object[*key].as_str().unwrap(), want);
        }
    }
}

#[test]
fn csv_without_guard_keeps_values_exact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let options = ExportOptions {
        formula_guard: false,
        ..ExportOptions::default()
    };
    let text = export(Format::Csv, &path, options, &tricky_rows());
    assert!(text.starts_with("Key,Price,Remarks\r\n00123,"), "{text}");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let read: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(read, tricky_rows());
}

#[test]
fn csv_guard_prefixes_formula_like_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("guarded.csv");
    export(Format::Csv, &path, ExportOptions::default(), &tricky_rows());
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let read: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(read[0], row(&["00123", " 450000 ", "'=HYPERLINK(\"x\")"]));
    assert_eq!(read[1][1], "'-1");
    assert_eq!(read[2], row(&["", "'+5", "'@cmd"]));
}

#[test]
fn csv_tab_delimiter_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.tsv");
    let options = ExportOptions {
        csv_delimiter: b'\t',
        csv_bom: true,
        ..ExportOptions::default()
    };
    let text = export(Format::Csv, &path, options, &[row(&["a,b", "1", "x|y"])]);
    assert_eq!(text, "\u{feff}Key\tPrice\tRemarks\r\na,b\t1\tx|y\r\n");

    let pipe = dir.path().join("out.psv");
    let options = ExportOptions {
        csv_delimiter: b'|',
        ..ExportOptions::default()
    };
    let text = export(Format::Csv, &pipe, options, &[row(&["a,b", "1", "x|y"])]);
    assert_eq!(text, "Key|Price|Remarks\r\na,b|1|\"x|y\"\r\n");
}

#[test]
fn bad_delimiter_is_rejected() {
    let options = ExportOptions {
        csv_delimiter: b'"',
        ..ExportOptions::default()
    };
    let err = open_sink(Format::Csv, Target::Stdout, options)
        .err()
        .unwrap();
    assert_eq!(err.code(), "export.invalid_option");
}

#[test]
fn dropping_a_sink_leaves_no_file_for_any_format() {
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Ndjson, Format::Csv, Format::Xlsx] {
        let path = dir.path().join(format!("cancelled.{format}"));
        let mut sink =
            open_sink(format, Target::File(path.clone()), ExportOptions::default()).unwrap();
        sink.write_header(&cols(&["Key"])).unwrap();
        for n in 0..1000 {
            sink.write_row(&[n.to_string()]).unwrap();
        }
        drop(sink);
        assert!(!path.exists(), "{format}: partial file left behind");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn existing_file_is_replaced_only_on_finish() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keep.csv");
    std::fs::write(&path, "old contents").unwrap();
    let mut sink = open_sink(
        Format::Csv,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    sink.write_header(&cols(&["Key"])).unwrap();
    sink.write_row(&row(&["new"])).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old contents");
    drop(sink);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old contents");

    let mut sink = open_sink(
        Format::Csv,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    sink.write_header(&cols(&["Key"])).unwrap();
    sink.write_row(&row(&["new"])).unwrap();
    sink.finish().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "Key\r\nnew\r\n");
}

#[test]
fn misuse_is_reported_with_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Ndjson, Format::Csv, Format::Xlsx] {
        let path = dir.path().join(format!("misuse.{format}"));
        let mut sink =
            open_sink(format, Target::File(path.clone()), ExportOptions::default()).unwrap();
        let err = sink.write_row(&row(&["x"])).unwrap_err();
        assert_eq!(err.code(), "export.sequence");
        sink.write_header(&cols(&["A", "B"])).unwrap();
        let err = sink.write_row(&row(&["only one"])).unwrap_err();
        assert_eq!(err.code(), "export.row_width");
        let text = err.to_string();
        assert!(text.contains("misuse") && text.contains("row 1"), "{text}");
        assert!(sink.write_header(&cols(&["A"])).is_err());
    }
}

#[test]
fn missing_folder_names_the_file() {
    let err = open_sink(
        Format::Csv,
        Target::File("/nonexistent-folder-for-test/out.csv".into()),
        ExportOptions::default(),
    )
    .err()
    .unwrap();
    assert_eq!(err.code(), "export.io");
    assert!(
        err.to_string()
            .contains("/nonexistent-folder-for-test/out.csv"),
        "{err}"
    );
}
