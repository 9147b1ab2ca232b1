//! `--keys-from`: a spreadsheet of listing keys (a client's wish list, a set of
//! comparables) narrowing a search or an export to those listings.

use anyhow::{Result, bail};
use mls_export::{ImportMapping, map_rows, read_table};

use crate::args::KeysFromArgs;

/// The distinct keys of `--keys-from`, in file order; `None` without the option.
/// Problems in the file name the sheet, row and column.
pub fn read_keys(args: &KeysFromArgs) -> Result<Option<Vec<String>>> {
    let Some(path) = &args.keys_from else {
        return Ok(None);
    };
    let table = read_table(path)?;
    let mapping = ImportMapping {
        sheet: args.sheet.clone(),
        has_header: !args.no_header,
        key_column: Some(args.key_column.clone().unwrap_or_else(|| "A".to_owned())),
        address_columns: Vec::new(),
    };
    let rows = map_rows(&table, &mapping)?;
    let mut seen = std::collections::HashSet::new();
    let keys: Vec<String> = rows
        .into_iter()
        .filter_map(|r| r.key)
        .filter(|k| seen.insert(k.clone()))
        .collect();
    if keys.is_empty() {
        bail!(
            "{}: no listing keys in column {}{}",
            path.display(),
            mapping.key_column.as_deref().unwrap_or("A"),
            args.sheet
                .as_ref()
                .map(|s| format!(" of sheet {s:?}"))
                .unwrap_or_default()
        );
    }
    Ok(Some(keys))
}
