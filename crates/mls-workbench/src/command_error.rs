//! The one error shape every front door returns: `{ code, message }` (over IPC,
//! in the server's JSON, on the CLI's stderr).
//!
//! Domain crates keep their own `thiserror` enums; each gets a `From` impl here
//! that picks a stable [`ErrorCode`]. Clients match on `code`, never on text.

use crate::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

/// An error returned by any command of any front door: a stable machine-readable
/// code and a message written for the person reading it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(export)]
#[error("{message}")]
pub struct CommandError {
    /// Stable identifier such as `not_found`, `cancelled` or `internal`.
    pub code: ErrorCode,
    /// Human-readable explanation, ideally with a next step.
    pub message: String,
}

impl CommandError {
    /// Builds an error from a stable code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// Something the app itself got wrong (a bug or a broken installation).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

impl From<crate::WorkbenchError> for CommandError {
    fn from(err: crate::WorkbenchError) -> Self {
        Self::new(ErrorCode::of(err.code()), err.to_string())
    }
}

impl From<mls_store::StoreError> for CommandError {
    fn from(err: mls_store::StoreError) -> Self {
        Self::new(
            ErrorCode::Store,
            format!("The local database failed: {err}"),
        )
    }
}

impl From<mls_store::secrets::SecretError> for CommandError {
    fn from(err: mls_store::secrets::SecretError) -> Self {
        crate::WorkbenchError::from(err).into()
    }
}

impl From<mls_analytics::AnalyticsError> for CommandError {
    fn from(err: mls_analytics::AnalyticsError) -> Self {
        Self::new(ErrorCode::of(err.code()), err.to_string())
    }
}

impl From<mls_sync::SyncError> for CommandError {
    fn from(err: mls_sync::SyncError) -> Self {
        match err {
            mls_sync::SyncError::Cancelled => Self::new(
                ErrorCode::Cancelled,
                "The sync was cancelled; start it again to resume where it stopped.",
            ),
            other => Self::new(ErrorCode::Sync, other.to_string()),
        }
    }
}

/// What every command returns.
pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let err = CommandError::new(ErrorCode::NotFound, "No job with id 7 is running.");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "not_found", "message": "No job with id 7 is running."})
        );
        assert_eq!(err.to_string(), "No job with id 7 is running.");
    }
}
