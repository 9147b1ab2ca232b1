//! Import of the legacy spreadsheet formats through calamine, from committed
//! fixtures made by real writers (xlwt for XLS, odfpy for ODS; see
//! tests/fixtures/make_fixtures.py): keys, addresses, dates and error positions.

use std::path::PathBuf;

use mls_export::{ImportMapping, keys_to_dmql, map_rows, read_table};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn xls_keys_and_addresses_map_with_positions() {
    let table = read_table(&fixture("keys.xls")).unwrap();
    let names: Vec<&str> = table.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Notes", "Keys"]);
    let keys = &table.sheets[1];
    // The date cell comes back as an ISO date, not a serial number.
    assert_eq!(keys.rows[2][3], "2024-01-15");

    let mapping = ImportMapping {
        sheet: Some("Keys".into()),
        key_column: Some("mls number".into()),
        address_columns: vec!["Street".into(), "C".into()],
        ..ImportMapping::default()
    };
    let rows = map_rows(&table, &mapping).unwrap();
    let got: Vec<(usize, Option<&str>, String)> = rows
        .iter()
        .map(|r| (r.row, r.key.as_deref(), r.address_line()))
        .collect();
    assert_eq!(
        got,
        [
            (3, Some("00123"), "12 Main St Austin".to_owned()),
            (4, Some("45678"), "9 Elm Rd Dallas".to_owned()),
            (6, Some("L9"), "1 Café Ln San José".to_owned()),
        ]
    );
    let queries = keys_to_dmql(
        "ListingId",
        rows.iter().filter_map(|r| r.key.as_deref()),
        2000,
    )
    .unwrap();
    assert_eq!(queries, ["(ListingId=00123,45678,L9)"]);
}

#[test]
fn ods_header_below_a_blank_row_and_bad_keys_are_named() {
    let table = read_table(&fixture("addresses.ods")).unwrap();
    assert_eq!(table.sheets[0].name, "Addresses");
    let addresses = ImportMapping {
        address_columns: vec!["Address".into(), "City".into()],
        ..ImportMapping::default()
    };
    let rows = map_rows(&table, &addresses).unwrap();
    let lines: Vec<(usize, String)> = rows.iter().map(|r| (r.row, r.address_line())).collect();
    assert_eq!(
        lines,
        [
            (3, "500 Oak Ave Houston".to_owned()),
            (4, "77 Pine St #4 El Paso".to_owned()),
        ]
    );
    assert_eq!(table.sheets[0].rows[2][3], "2023-06-01");

    // "#N/A" typed as text is not a key a DMQL list can hold: the error says where it is.
    let keys = ImportMapping {
        key_column: Some("ListingKey".into()),
        ..ImportMapping::default()
    };
    let err = map_rows(&table, &keys).unwrap_err();
    assert_eq!(err.code(), "import.invalid_key");
    let text = err.to_string();
    assert!(
        text.contains(r#"sheet "Addresses", row 5, column A ("ListingKey")"#),
        "{text}"
    );
}
