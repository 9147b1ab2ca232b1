//! The class a command works on. Queries, syncs, the replica grid, exports,
//! imports and analytics all name the same triple; one wire type keeps the
//! three fields from drifting apart between the app, the CLI and the server.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A class of a connection: where a query runs, what a sync downloads, which
/// replica the grid, exports and analytics read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ClassTarget {
    /// Connection id, as in the connection list (`demo` for the Demo MLS).
    pub connection_id: String,
    /// Resource name, e.g. `Property`.
    pub resource: String,
    /// Class name, e.g. `RES`.
    pub class: String,
}

impl ClassTarget {
    /// The target `resource`/`class` of connection `connection_id`.
    pub fn new(
        connection_id: impl Into<String>,
        resource: impl Into<String>,
        class: impl Into<String>,
    ) -> Self {
        Self {
            connection_id: connection_id.into(),
            resource: resource.into(),
            class: class.into(),
        }
    }
}

impl std::fmt::Display for ClassTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.resource, self.class)
    }
}
