//! Worksheet names. Excel allows at most 31 characters and none of `[]:*?/\`;
//! continuation sheets are numbered `Listings (2)`, `Listings (3)`, … and the
//! base name is shortened as needed so the suffix always fits.

use crate::ExportError;

/// Excel's maximum sheet-name length.
const MAX_LEN: usize = 31;
const FORBIDDEN: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];

/// Checks the configured base sheet name.
pub(super) fn validate_base(base: &str, has_about: bool, about: &str) -> Result<(), ExportError> {
    let problem = if base.trim().is_empty() {
        Some("must not be empty".to_string())
    } else if base.chars().count() > MAX_LEN {
        Some(format!("is longer than Excel's {MAX_LEN} characters"))
    } else if let Some(c) = base.chars().find(|c| FORBIDDEN.contains(c)) {
        Some(format!("contains {c:?}, which Excel does not allow"))
    } else if base.starts_with('\'') || base.ends_with('\'') {
        Some("must not start or end with an apostrophe".to_string())
    } else if has_about && base.eq_ignore_ascii_case(about) {
        Some(format!("is the name of the {about:?} sheet"))
    } else {
        None
    };
    match problem {
        Some(problem) => Err(ExportError::InvalidOption(format!(
            "sheet name {base:?} {problem}"
        ))),
        None => Ok(()),
    }
}

/// The name of the `index`-th (1-based) data sheet.
pub(super) fn numbered(base: &str, index: usize) -> String {
    if index == 1 {
        return base.to_string();
    }
    let suffix = format!(" ({index})");
    let keep = MAX_LEN - suffix.chars().count();
    let stem: String = base.chars().take(keep).collect();
    format!("{}{suffix}", stem.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_continuation_sheets_within_31_chars() {
        assert_eq!(numbered("Listings", 1), "Listings");
        assert_eq!(numbered("Listings", 2), "Listings (2)");
        let long = "Residential Listings Export 2024";
        assert_eq!(long.chars().count(), 32);
        let name = numbered(&long[..31], 12);
        assert_eq!(name.chars().count(), 31);
        assert!(name.ends_with(" (12)"));
    }

    #[test]
    fn rejects_names_excel_refuses() {
        for bad in ["", "a/b", "x[1]", "'quoted'", &"x".repeat(32)] {
            let err = validate_base(bad, false, "About this export").unwrap_err();
            assert_eq!(err.code(), "export.invalid_option");
        }
        assert!(validate_base("about this export", true, "About this export").is_err());
        assert!(validate_base("Listings", true, "About this export").is_ok());
    }
}
