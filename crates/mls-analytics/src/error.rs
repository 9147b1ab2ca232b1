//! Errors of the analytics layer, each with a stable code for the UI and API clients.

use mls_store::StoreError;

/// What can go wrong while computing statistics, forecasts, valuations or a CMA.
#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    /// The replica does not hold the class.
    #[error("the replica holds no {resource}:{class}; sync it first")]
    NotSynced { resource: String, class: String },
    /// A statistic or model needs a field the class does not have (or that is not mapped).
    #[error(
        "{what} needs the {role} field, which {resource}:{class} does not have; map it with the field mapping (e.g. --map {role}=FIELD)"
    )]
    MissingField {
        what: String,
        role: String,
        resource: String,
        class: String,
    },
    /// A named field is not a column of the replicated class.
    #[error("{resource}:{class} has no field {field:?}")]
    UnknownField {
        resource: String,
        class: String,
        field: String,
    },
    /// Too little data for an honest answer.
    #[error("{0}")]
    NotEnoughData(String),
    /// A listing named as a subject is not in the replica.
    #[error("listing {key:?} is not in the replica's {resource}:{class}")]
    UnknownListing {
        key: String,
        resource: String,
        class: String,
    },
    /// An argument could not be understood.
    #[error("{0}")]
    InvalidArgument(String),
    /// The model library failed.
    #[error("the valuation model failed: {0}")]
    Model(String),
    /// The forecasting library failed.
    #[error("the forecast failed: {0}")]
    Forecast(String),
    /// The work was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// The replica could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A query of the replica failed.
    #[error("replica query failed: {0}")]
    Sql(#[from] sqlx::Error),
    /// Stored JSON (a model, a mapping) could not be read.
    #[error("stored analytics data is unreadable: {0}")]
    Json(#[from] serde_json::Error),
}

impl AnalyticsError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotSynced { .. } => "not_synced",
            Self::MissingField { .. } => "missing_field",
            Self::UnknownField { .. } => "unknown_field",
            Self::NotEnoughData(_) => "not_enough_data",
            Self::UnknownListing { .. } => "unknown_listing",
            Self::InvalidArgument(_) => "invalid_argument",
            Self::Model(_) => "model_failed",
            Self::Forecast(_) => "forecast_failed",
            Self::Cancelled => "cancelled",
            Self::Store(_) => "store",
            Self::Sql(_) => "store",
            Self::Json(_) => "store",
        }
    }
}
