//! Errors of a sync run, separating "the server/replica failed" (retry later, the
//! run resumes) from "the request cannot work" (fix the target or metadata).

use mls_store::StoreError;

/// Errors from a sync run.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The run was cancelled; everything committed so far is kept.
    #[error("sync cancelled")]
    Cancelled,
    /// The server does not describe the requested resource or class.
    #[error("the server has no class {resource}:{class}")]
    UnknownClass {
        /// Resource asked for.
        resource: String,
        /// Class asked for.
        class: String,
    },
    /// No key or modification-timestamp field could be determined.
    #[error("cannot sync {0}: {1}")]
    Unsupported(String, String),
    /// Talking to the RETS server failed.
    #[error("RETS server: {0}")]
    Source(#[from] rets_client::RetsError),
    /// A source other than RETS failed (custom [`crate::ListingSource`]s).
    #[error("listing source: {0}")]
    Other(String),
    /// The local replica failed.
    #[error("replica: {0}")]
    Store(#[from] StoreError),
    /// Writing photos failed.
    #[error("photo folder: {0}")]
    Io(#[from] std::io::Error),
}
