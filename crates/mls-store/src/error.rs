//! One error type for the replica, so callers can tell a schema problem (which
//! needs an app update) from a bad argument or an I/O failure.

/// Errors from the local replica.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database carries migrations this binary does not know.
    #[error(
        "this database was written by a newer version of RETS Data Portal (schema {found}); update the app (this version supports schema {supported})"
    )]
    NewerSchema {
        /// Highest migration version found in the database.
        found: i64,
        /// Highest migration version this binary knows.
        supported: i64,
    },
    /// A field or table name cannot be used as an SQL identifier.
    #[error("invalid identifier {0:?}: {1}")]
    InvalidIdentifier(String, &'static str),
    /// A listing table, connection or other row was not found.
    #[error("not found: {0}")]
    NotFound(String),
    /// A name (e.g. of a saved query) is already taken.
    #[error("conflict: {0}")]
    Conflict(String),
    /// A filter or sort refers to an unknown column, or a value has the wrong shape.
    #[error("invalid request: {0}")]
    Invalid(String),
    /// Stored JSON could not be read back.
    #[error("corrupt stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Applying migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other SQLite error.
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
}
