//! Timestamps are stored as RFC 3339 UTC text so they sort and read well in SQL.

/// The current time as RFC 3339 UTC with millisecond precision.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
