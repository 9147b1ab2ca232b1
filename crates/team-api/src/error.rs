//! The body of every error reply.

use serde::{Deserialize, Serialize};

/// The body of every error reply.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable, snake_case; clients match this, never the message.
    pub code: String,
    pub message: String,
}
