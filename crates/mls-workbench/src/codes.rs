//! The stable error codes every front door speaks: the app over IPC (exported to
//! TypeScript, so the UI's `switch` on a code is checked by the compiler), the
//! CLI and the coming server. Each crate keeps its own `thiserror` enum and its
//! own `code()`; [`ErrorCode::of`] maps those into this one list, and a test
//! below fails when a crate grows a code this list lacks.
//!
//! On the wire a code is its snake_case name; crate codes written with a dot
//! (`export.io`) become underscores (`export_io`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What went wrong, for programs; the message beside it is for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    // -- the app and the application layer
    /// A bug or a broken installation.
    Internal,
    /// The UI runs without the app behind it (a browser preview).
    NoBackend,
    /// An argument is out of range or malformed.
    InvalidArgument,
    /// No such job, saved query or row.
    NotFound,
    /// The user cancelled the work.
    Cancelled,
    /// The local database failed.
    Store,
    /// The data folder cannot be created.
    NoFolder,
    /// The desktop app has never used this data folder.
    NoAppData,
    /// No connection with this id or name.
    UnknownConnection,
    /// A saved connection cannot be used as it is.
    InvalidProfile,
    /// No password is stored for the connection.
    MissingPassword,
    /// The built-in Demo MLS did not start.
    DemoFailed,
    /// The resource or class is not in the server's metadata.
    UnknownTarget,
    /// The class has never been downloaded into the replica.
    NotSynced,
    /// A saved query's name is empty or unusable.
    InvalidName,
    /// A saved query with this name exists.
    NameTaken,
    /// A sync failed (the message says where).
    Sync,
    // -- files picked by the user
    /// The file does not exist.
    FileMissing,
    /// The folder of the output file does not exist.
    FolderMissing,
    /// The folder of the output file cannot be written.
    FolderNotWritable,
    /// A spreadsheet import by address found no address column.
    NoAddressField,
    /// A spreadsheet names more keys than one import takes.
    TooManyKeys,
    /// No key or address of an imported spreadsheet matched a downloaded listing.
    NothingMatched,
    // -- passwords
    /// No keychain (Secret Service) on this machine.
    KeychainUnavailable,
    /// The keychain failed.
    Keychain,
    /// The encrypted password file is locked.
    SecretsLocked,
    /// The passphrase does not open the encrypted password file.
    WrongPassphrase,
    /// There is no encrypted password file yet.
    NoVault,
    // -- the team server (team-client)
    /// Not signed in to a team, or the session ended: sign in again.
    TeamSignedOut,
    /// The team server cannot be reached.
    TeamUnreachable,
    /// Wrong email or password for the team server.
    TeamInvalidCredentials,
    /// Too many failed sign-ins: the team account is locked for a while.
    TeamLocked,
    /// My role in the team does not allow this.
    TeamForbidden,
    /// A query is past my role's limits on a team connection.
    TeamLimitExceeded,
    /// The item changed on another machine.
    TeamConflict,
    /// A team key is missing or does not open a shared connection.
    TeamKey,
    /// The team server refused (the message says why).
    TeamRefused,
    // -- the RETS server and the network (rets-client)
    /// The server refused the user name or password.
    AuthFailed,
    /// The server answered with a RETS error code.
    ReplyCode,
    /// The network failed.
    Http,
    /// The server answered with an HTTP error status.
    HttpStatus,
    /// The server took too long.
    Timeout,
    /// The server's reply could not be read.
    Parse,
    /// The server does not offer a needed transaction.
    MissingCapability,
    /// A field the query or request names does not exist.
    UnknownField,
    /// The request is not valid for this server.
    InvalidRequest,
    /// The server's paging did not add up.
    Paging,
    /// The session is not logged in.
    NotLoggedIn,
    /// The server sent us to another origin or from https to http.
    OriginRefused,
    /// A reply was larger than the configured limit.
    TooLarge,
    // -- analytics
    /// A statistic needs a field this class does not have.
    MissingField,
    /// Too few listings for the statistic or model.
    NotEnoughData,
    /// No listing with this key.
    UnknownListing,
    /// The valuation model could not be fitted.
    ModelFailed,
    /// The forecast could not be computed.
    ForecastFailed,
    // -- export (mls-export)
    /// No such export format.
    ExportUnknownFormat,
    /// An export option is invalid.
    ExportInvalidOption,
    /// Writing the export file failed.
    ExportIo,
    /// Writing CSV failed.
    ExportCsv,
    /// Writing XLSX failed.
    ExportXlsx,
    /// A row did not match the header.
    ExportRowWidth,
    /// Rows were written out of order.
    ExportSequence,
    /// The export was cancelled.
    ExportCancelled,
    // -- spreadsheet import (mls-export)
    /// The file cannot be opened as a spreadsheet.
    ImportOpen,
    /// A sheet cannot be read.
    ImportSheet,
    /// The CSV cannot be read.
    ImportCsv,
    /// Reading the file failed.
    ImportIo,
    /// The file is past the import limits.
    ImportTooLarge,
    /// No sheet with this name.
    ImportSheetNotFound,
    /// No column with this name.
    ImportColumnNotFound,
    /// No column is mapped to a key or an address.
    ImportNothingMapped,
    /// A cell holds a spreadsheet error.
    ImportCellError,
    /// A key cannot be used in a query.
    ImportInvalidKey,
    /// The key field is not usable.
    ImportInvalidField,
    /// An address is too short to match.
    ImportQueryTooShort,
}

impl ErrorCode {
    /// The wire code of a crate's `code()` (`export.io` → `export_io`);
    /// [`ErrorCode::Internal`] for a code this list does not know (the test
    /// below keeps that from happening).
    pub fn of(code: &str) -> ErrorCode {
        Self::parse(code).unwrap_or(ErrorCode::Internal)
    }

    /// The code named `code`, if there is one.
    pub fn parse(code: &str) -> Option<ErrorCode> {
        serde_json::from_value(serde_json::Value::String(code.replace('.', "_"))).ok()
    }

    /// The wire name (`not_synced`).
    pub fn as_str(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            _ => format!("{self:?}"),
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl From<&crate::WorkbenchError> for ErrorCode {
    fn from(err: &crate::WorkbenchError) -> Self {
        ErrorCode::of(err.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literals a crate's `fn code(&self)` can return, read from its
    /// source (so a new variant with a new code fails here until it is listed).
    fn codes_in(source: &str) -> Vec<String> {
        let start = source
            .find("fn code(&self)")
            .expect("the file has a code() method");
        let body = &source[start..];
        let end = body.find("\n    }\n").expect("end of code()");
        body[..end]
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_crate_code_has_a_wire_code() {
        let sources = [
            include_str!("error.rs"),
            include_str!("../../rets-client/src/error.rs"),
            include_str!("../../mls-analytics/src/error.rs"),
            include_str!("../../mls-export/src/error.rs"),
            include_str!("../../mls-export/src/import/error.rs"),
        ];
        let mut seen = 0;
        for source in sources {
            for code in codes_in(source) {
                assert!(
                    ErrorCode::parse(&code).is_some(),
                    "no ErrorCode for {code:?}"
                );
                seen += 1;
            }
        }
        assert!(seen > 40, "read the codes of every crate, got {seen}");
        // The secret-store codes live in a helper beside code().
        for code in [
            "keychain_unavailable",
            "secrets_locked",
            "wrong_passphrase",
            "no_vault",
            "keychain",
        ] {
            assert!(ErrorCode::parse(code).is_some(), "{code}");
        }
    }

    #[test]
    fn wire_names_round_trip() {
        assert_eq!(ErrorCode::of("export.io"), ErrorCode::ExportIo);
        assert_eq!(ErrorCode::ExportIo.as_str(), "export_io");
        assert_eq!(ErrorCode::of("not_synced"), ErrorCode::NotSynced);
        assert_eq!(ErrorCode::of("no such code"), ErrorCode::Internal);
        assert_eq!(
            serde_json::to_value(ErrorCode::KeychainUnavailable).unwrap(),
            serde_json::json!("keychain_unavailable")
        );
    }
}
