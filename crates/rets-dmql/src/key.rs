//! Listing keys as they go back to the server: inside a DMQL list
//! (`(ListingKey=K1,K2)`) and a GetObject ID (`K1:*,K2:*`). A key from the
//! server holding `,`, `)`, `:` or a space would break the query or the ID and
//! be asked for again on every sync, so such keys are set aside with a reason.

/// Why `key` cannot be sent back in a DMQL list or a GetObject ID, or `None`.
/// Letters, digits, `-`, `_` and `.` pass (real MLS keys use them).
pub fn unusable_key(key: &str) -> Option<&'static str> {
    if key.is_empty() {
        return Some("is empty");
    }
    if key.len() > 128 {
        return Some("is longer than 128 characters");
    }
    let ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    (!key.bytes().all(ok)).then_some(
        "holds characters a DMQL list or GetObject ID cannot carry (only letters, digits, - _ .)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_would_break_a_query_are_named() {
        for good in ["12345", "ABC-123_4.5", "x"] {
            assert_eq!(unusable_key(good), None, "{good}");
        }
        for bad in ["", "1,2", "A)", "K:1", "A B", "é", "a|b", &"9".repeat(129)] {
            assert!(unusable_key(bad).is_some(), "{bad:?}");
        }
    }
}
