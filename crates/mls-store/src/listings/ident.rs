//! SQL identifiers built from server-supplied names: validated, then always
//! double-quoted with embedded quotes doubled, so no name can escape its quotes.

use crate::error::StoreError;

/// Quote `name` as an SQLite identifier after validating it.
pub fn quote_ident(name: &str) -> Result<String, StoreError> {
    validate(name)?;
    Ok(format!("\"{}\"", name.replace('"', "\"\"")))
}

/// Check that a SystemName can be a column of a listing table.
pub(crate) fn validate_field_name(name: &str) -> Result<(), StoreError> {
    validate(name)?;
    if name.starts_with("__") {
        return Err(StoreError::InvalidIdentifier(
            name.to_string(),
            "names starting with \"__\" are reserved",
        ));
    }
    Ok(())
}

fn validate(name: &str) -> Result<(), StoreError> {
    let bad = |why| Err(StoreError::InvalidIdentifier(name.to_string(), why));
    if name.is_empty() {
        return bad("empty");
    }
    if name.len() > 128 {
        return bad("longer than 128 bytes");
    }
    if name.chars().any(char::is_control) {
        return bad("contains control characters");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_doubles_embedded_quotes() {
        assert_eq!(quote_ident("ListPrice").unwrap(), "\"ListPrice\"");
        assert_eq!(quote_ident("a\"b").unwrap(), "\"a\"\"b\"");
    }

    #[test]
    fn refuses_unusable_names() {
        assert!(quote_ident("").is_err());
        assert!(quote_ident("a\0b").is_err());
        assert!(quote_ident("a\nb").is_err());
        assert!(quote_ident(&"x".repeat(129)).is_err());
        assert!(validate_field_name("__key").is_err());
        assert!(validate_field_name("_ok").is_ok());
    }
}
