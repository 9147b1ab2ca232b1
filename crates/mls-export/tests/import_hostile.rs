//! Spreadsheets from clients that try to exhaust memory: a few-KB workbook
//! whose used range spans the whole sheet, a file past the size limit, too
//! many cells, and a zip part that claims to inflate past the limit.

use mls_export::{ImportLimits, read_table, read_table_within};
use rust_xlsxwriter::Workbook;

#[test]
fn a_sheet_spanning_a1_to_xfd1048576_is_read_sparsely() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corners.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "first").unwrap();
    sheet.write_string(1_048_575, 16_383, "last").unwrap();
    book.save(&path).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 20_000);

    // A dense grid of this sheet is 17 billion cells; read sparsely it is two.
    let table = read_table(&path).unwrap();
    let sheet = &table.sheets[0];
    assert_eq!(sheet.cell(0, 0), "first");
    assert_eq!(sheet.cell(1_048_575, 16_383), "last");
    assert_eq!(sheet.rows.len(), 1_048_576);
    assert!(sheet.rows[1..1_048_575].iter().all(Vec::is_empty));
}

#[test]
fn limits_stop_the_import_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Keys").unwrap();
    for r in 0..100u32 {
        sheet.write_string(r, 0, format!("K{r}")).unwrap();
    }
    book.save(&path).unwrap();

    let small = ImportLimits {
        max_cells: 50,
        ..ImportLimits::default()
    };
    let err = read_table_within(&path, &small).unwrap_err();
    assert_eq!(err.code(), "import.too_large");
    assert!(err.to_string().contains("sheet \"Keys\""), "{err}");
    assert!(err.to_string().contains("50 cells"), "{err}");

    let tiny_file = ImportLimits {
        max_file_bytes: 100,
        ..ImportLimits::default()
    };
    let err = read_table_within(&path, &tiny_file).unwrap_err();
    assert!(err.to_string().contains("the file"), "{err}");

    // Parts are checked by their unpacked size before calamine inflates them.
    let tiny_parts = ImportLimits {
        max_part_bytes: 64,
        ..ImportLimits::default()
    };
    let err = read_table_within(&path, &tiny_parts).unwrap_err();
    assert!(err.to_string().contains("unpacked"), "{err}");

    let csv = dir.path().join("keys.csv");
    std::fs::write(&csv, "a,b,c\n".repeat(40)).unwrap();
    let err = read_table_within(&csv, &small).unwrap_err();
    assert_eq!(err.code(), "import.too_large", "{err}");
    assert!(read_table(&csv).is_ok());
}
