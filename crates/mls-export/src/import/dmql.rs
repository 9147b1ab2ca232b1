//! Turning imported listing keys into DMQL filters. RETS 1.7.2 §7.7.1 allows
//! only letters and digits in a `string-list`, and servers cap the query
//! length, so keys are validated, de-duplicated and split into several
//! `(Field=K1,K2,…)` queries that each fit a configurable length.

use std::collections::HashSet;

use super::ImportError;

/// A conservative default maximum query length (many servers reject longer GET URLs).
pub const DEFAULT_MAX_QUERY_LEN: usize = 2000;

/// Why `key` cannot go into a DMQL string list, or `None` when it can (or is blank).
pub(crate) fn key_problem(key: &str) -> Option<&'static str> {
    if key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        None
    } else {
        Some("contains characters other than letters and digits, which a DMQL list cannot hold")
    }
}

fn valid_field(field: &str) -> bool {
    let mut bytes = field.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Builds `(field=K1,K2,…)` queries holding every distinct key once, in first-seen
/// order, each query at most `max_len` characters. Blank keys are skipped.
pub fn keys_to_dmql<'k>(
    field: &str,
    keys: impl IntoIterator<Item = &'k str>,
    max_len: usize,
) -> Result<Vec<String>, ImportError> {
    if !valid_field(field) {
        return Err(ImportError::InvalidField {
            field: field.to_string(),
        });
    }
    let overhead = field.len() + 3; // "(" field "=" … ")"
    let mut seen = HashSet::new();
    let mut queries = Vec::new();
    let mut current = String::new();
    for key in keys {
        let key = key.trim();
        if key.is_empty() || !seen.insert(key) {
            continue;
        }
        if let Some(reason) = key_problem(key) {
            return Err(ImportError::UnusableKey {
                value: key.to_string(),
                reason,
            });
        }
        if overhead + key.len() > max_len {
            return Err(ImportError::QueryTooShort {
                key: key.to_string(),
                max_len,
            });
        }
        if !current.is_empty() && overhead + current.len() + 1 + key.len() > max_len {
            queries.push(format!("({field}={current})"));
            current.clear();
        }
        if !current.is_empty() {
            current.push(',');
        }
        current.push_str(key);
    }
    if !current.is_empty() {
        queries.push(format!("({field}={current})"));
    }
    Ok(queries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_one_query_when_it_fits() {
        let q = keys_to_dmql("ListingKey", ["L1", "L2", "L1", " ", "L3"], 100).unwrap();
        assert_eq!(q, vec!["(ListingKey=L1,L2,L3)"]);
        assert!(keys_to_dmql("ListingKey", [], 100).unwrap().is_empty());
    }

    #[test]
    fn chunks_to_the_length_limit_without_losing_keys() {
        let keys: Vec<String> = (0..500).map(|n| format!("K{n:05}")).collect();
        let queries = keys_to_dmql("ListingID", keys.iter().map(String::as_str), 120).unwrap();
        assert!(queries.len() > 1);
        let mut back = Vec::new();
        for q in &queries {
            assert!(q.len() <= 120, "{q}");
            let inner = q
                .strip_prefix("(ListingID=")
                .unwrap()
                .strip_suffix(')')
                .unwrap();
            back.extend(inner.split(',').map(str::to_string));
        }
        assert_eq!(back, keys);
        // Exactly at the limit is allowed.
        assert_eq!(keys_to_dmql("F", ["ABCD"], 8).unwrap(), vec!["(F=ABCD)"]);
    }

    #[test]
    fn rejects_bad_fields_keys_and_tiny_limits() {
        assert_eq!(
            keys_to_dmql("1Key", ["A"], 100).unwrap_err().code(),
            "import.invalid_field"
        );
        assert_eq!(
            keys_to_dmql("Key", ["A-1"], 100).unwrap_err().code(),
            "import.invalid_key"
        );
        assert_eq!(
            keys_to_dmql("Key", ["ABCDEFGH"], 10).unwrap_err().code(),
            "import.query_too_short"
        );
    }
}
