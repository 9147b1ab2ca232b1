//! Import: workbooks and CSV files read into tables, the column-mapping step,
//! error positions (sheet, row, column) and DMQL key filters.

use mls_export::{
    Column, ColumnKind, ExportOptions, Format, ImportMapping, Sheet, Table, Target, keys_to_dmql,
    map_rows, open_sink, read_table,
};
use rust_xlsxwriter::Workbook;
use std::path::{Path, PathBuf};

fn mapping(key: Option<&str>, address: &[&str]) -> ImportMapping {
    ImportMapping {
        key_column: key.map(str::to_string),
        address_columns: address.iter().map(|s| s.to_string()).collect(),
        ..ImportMapping::default()
    }
}

/// A user's workbook: an empty first sheet, then keys under a header that
/// starts on row 2, numeric and text keys, a blank row and address columns.
fn user_workbook(dir: &Path) -> PathBuf {
    let path = dir.join("keys.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Notes").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Keys").unwrap();
    for (c, h) in ["Street", "ListingKey", "City"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_string(2, 0, "12 Main St").unwrap();
    sheet.write_string(2, 1, "L0001").unwrap();
    sheet.write_string(2, 2, "Austin").unwrap();
    sheet.write_number(3, 1, 20345).unwrap();
    sheet.write_string(3, 2, "Dallas").unwrap();
    // Row 5 (index 4) left blank.
    sheet.write_string(5, 0, " 9 Elm Rd ").unwrap();
    sheet.write_string(5, 1, "L0001").unwrap();
    book.save(&path).unwrap();
    path
}

#[test]
fn workbook_rows_map_to_keys_and_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let table = read_table(&user_workbook(dir.path())).unwrap();
    let names: Vec<&str> = table.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Notes", "Keys"]);

    // The empty "Notes" sheet is skipped; header matched case-insensitively.
    let rows = map_rows(&table, &mapping(Some("listingkey"), &["Street", "C"])).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[0].sheet.as_str(), rows[0].row), ("Keys", 3));
    assert_eq!(rows[0].key.as_deref(), Some("L0001"));
    assert_eq!(rows[0].address_line(), "12 Main St Austin");
    assert_eq!(
        rows[1].key.as_deref(),
        Some("20345"),
        "numeric key without .0"
    );
    assert_eq!(rows[1].address, vec!["".to_string(), "Dallas".to_string()]);
    assert_eq!(rows[2].row, 6);
    assert_eq!(rows[2].address_line(), "9 Elm Rd");

    let queries = keys_to_dmql(
        "ListingKey",
        rows.iter().filter_map(|r| r.key.as_deref()),
        100,
    )
    .unwrap();
    assert_eq!(queries, vec!["(ListingKey=L0001,20345)"]);
}

#[test]
fn errors_name_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Import").unwrap();
    sheet.write_string(0, 0, "Notes").unwrap();
    sheet.write_string(0, 1, "MLS Number").unwrap();
    for (r, key) in ["A1", "B2", "C3", "ML-4"].iter().enumerate() {
        sheet.write_string(r as u32 + 1, 1, *key).unwrap();
    }
    book.save(&path).unwrap();
    let table = read_table(&path).unwrap();

    let err = map_rows(&table, &mapping(Some("MLS Number"), &[])).unwrap_err();
    assert_eq!(err.code(), "import.invalid_key");
    let text = err.to_string();
    assert!(
        text.contains(r#"sheet "Import", row 5, column B ("MLS Number")"#) && text.contains("ML-4"),
        "{text}"
    );

    let err = map_rows(&table, &mapping(Some("ListingId"), &[])).unwrap_err();
    assert_eq!(err.code(), "import.column_not_found");
    assert!(err.to_string().contains("Notes, MLS Number"), "{err}");

    let missing = ImportMapping {
        sheet: Some("Data".into()),
        ..mapping(Some("B"), &[])
    };
    let err = map_rows(&table, &missing).unwrap_err();
    assert_eq!(err.code(), "import.sheet_not_found");
    assert!(err.to_string().contains("Import"), "{err}");

    assert_eq!(
        map_rows(&table, &mapping(None, &[])).unwrap_err().code(),
        "import.nothing_mapped"
    );
}

#[test]
fn spreadsheet_error_cells_are_reported_with_position() {
    let table = Table {
        sheets: vec![Sheet {
            name: "S".into(),
            rows: vec![vec!["Key".into()], vec!["K1".into()], vec!["#N/A".into()]],
            error_cells: vec![(2, 0)],
        }],
    };
    let err = map_rows(&table, &mapping(Some("Key"), &[])).unwrap_err();
    assert_eq!(err.code(), "import.cell_error");
    assert!(
        err.to_string()
            .contains(r#"sheet "S", row 3, column A ("Key")"#),
        "{err}"
    );
    assert!(err.to_string().contains("#N/A"), "{err}");
}

#[test]
fn csv_with_bom_semicolons_and_no_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.csv");
    std::fs::write(&path, "\u{feff}00123;Zürich\n;\n00456;Genève\n").unwrap();
    let table = read_table(&path).unwrap();
    assert_eq!(table.sheets.len(), 1);
    assert_eq!(table.sheets[0].name, "list");
    let m = ImportMapping {
        has_header: false,
        ..mapping(Some("A"), &["B"])
    };
    let rows = map_rows(&table, &m).unwrap();
    let got: Vec<(usize, &str, String)> = rows
        .iter()
        .map(|r| (r.row, r.key.as_deref().unwrap(), r.address_line()))
        .collect();
    assert_eq!(
        got,
        vec![(1, "00123", "Zürich".into()), (3, "00456", "Genève".into())]
    );
}

#[test]
fn exported_workbook_reads_back_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.xlsx");
    let mut sink = open_sink(
        Format::Xlsx,
        Target::File(path.clone()),
        ExportOptions::default(),
    )
    .unwrap();
    sink.write_header(&[
        Column::new("ListingKey", ColumnKind::Text),
        Column::new("ListPrice", ColumnKind::Integer),
        Column::new("ListDate", ColumnKind::Date),
        Column::new("Modified", ColumnKind::DateTime),
    ])
    .unwrap();
    let rows = [
        ["007", "250000", "2024-01-15", "2024-01-15T08:30:00"],
        ["A12", "99.5", "2023-12-31", "2023-12-31T23:59:59Z"],
    ];
    for r in rows {
        sink.write_row(&r.map(String::from)).unwrap();
    }
    sink.finish().unwrap();

    let table = read_table(&path).unwrap();
    let sheet = &table.sheets[0];
    assert_eq!(
        sheet.rows[1],
        vec!["007", "250000", "2024-01-15", "2024-01-15T08:30:00"]
    );
    assert_eq!(
        sheet.rows[2],
        vec!["A12", "99.5", "2023-12-31", "2023-12-31T23:59:59"]
    );
}

#[test]
fn unreadable_file_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-a-workbook.xlsx");
    std::fs::write(&path, "plain text").unwrap();
    let err = read_table(&path).unwrap_err();
    assert_eq!(err.code(), "import.open");
    assert!(err.to_string().contains("not-a-workbook.xlsx"), "{err}");
}

/// A real published CSV (RESO Data Dictionary field list) imports and its
/// StandardName column makes valid DMQL lists.
#[test]
fn corpus_csv_imports() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/rets-corpus");
    if !corpus.is_dir() {
        eprintln!("skipping: corpus not found at {}", corpus.display());
        return;
    }
    let path = corpus.join("RESOStandards_reso-tools/.github/pages/dd-data/2.0/fields.csv");
    let table = read_table(&path).unwrap();
    let rows = map_rows(&table, &mapping(Some("StandardName"), &["ResourceName"])).unwrap();
    assert!(rows.len() > 1000, "{} rows", rows.len());
    assert!(
        rows.iter()
            .any(|r| r.key.as_deref() == Some("ListPrice") && r.address_line() == "Property")
    );
    let queries = keys_to_dmql(
        "StandardName",
        rows.iter().filter_map(|r| r.key.as_deref()),
        2000,
    )
    .unwrap();
    assert!(queries.len() > 1 && queries.iter().all(|q| q.len() <= 2000));
}
