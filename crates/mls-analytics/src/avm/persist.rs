//! Trained models live in the replica beside the data they were trained on,
//! with the data version (live rows, latest sync and modification) and the
//! evaluation measured at training time, so an estimate always shows the error
//! of the very model that made it and a changed replica triggers retraining.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::features::Encoder;
use super::train::{Evaluation, Variant};
use crate::class::Class;
use crate::error::AnalyticsError;

/// A trained model with everything needed to use and judge it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredModel {
    pub variant: Variant,
    pub evaluation: Evaluation,
    pub encoder: Encoder,
    /// Log-residual quantiles (10 %, 90 %) of out-of-fold predictions: the 80 % interval.
    pub interval: (f64, f64),
    /// Which library and settings made it ([`super::model::MODEL_NAME`]).
    pub model: String,
    /// The tree model, as its library writes it.
    pub model_json: String,
}

const TABLE: &str = "CREATE TABLE IF NOT EXISTS analytics_models (
    connection_id INTEGER NOT NULL,
    resource TEXT NOT NULL,
    class TEXT NOT NULL,
    variant TEXT NOT NULL,
    data_version TEXT NOT NULL,
    metadata_version TEXT,
    trained_at TEXT NOT NULL,
    model_json TEXT NOT NULL,
    PRIMARY KEY (connection_id, resource, class, variant))";

/// What the class's data look like now: the listing table's data version
/// (moved by every write) and the field mapping in force.
pub async fn data_version(
    store: &mls_store::Store,
    class: &Class,
) -> Result<String, AnalyticsError> {
    let version = store.listing_data_version(class.table.id).await?;
    let mapping = crate::class::saved_mapping(store, &class.table).await?;
    Ok(format!(
        "table={};version={version};mapping={}",
        class.table.id,
        serde_json::to_string(&mapping)?
    ))
}

pub(crate) async fn load(
    store: &mls_store::Store,
    class: &Class,
    variant: Variant,
) -> Result<Option<StoredModel>, AnalyticsError> {
    sqlx::query(TABLE).execute(store.pool()).await?;
    let row = sqlx::query(
        "SELECT model_json FROM analytics_models WHERE connection_id = ? AND resource = ? AND class = ? AND variant = ?",
    )
    .bind(class.table.connection_id)
    .bind(&class.table.resource)
    .bind(&class.table.class)
    .bind(variant.name())
    .fetch_optional(store.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    // A model written by another version of the app that no longer reads is retrained.
    Ok(serde_json::from_str(&row.try_get::<String, _>(0)?).ok())
}

pub(crate) async fn save(
    store: &mls_store::Store,
    class: &Class,
    model: &StoredModel,
) -> Result<(), AnalyticsError> {
    sqlx::query(TABLE).execute(store.pool()).await?;
    let metadata_version = store
        .latest_metadata_snapshot(class.table.connection_id)
        .await?
        .map(|s| s.version);
    sqlx::query(
        "INSERT INTO analytics_models (connection_id, resource, class, variant, data_version, metadata_version, trained_at, model_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (connection_id, resource, class, variant) DO UPDATE SET
           data_version = excluded.data_version, metadata_version = excluded.metadata_version,
           trained_at = excluded.trained_at, model_json = excluded.model_json",
    )
    .bind(class.table.connection_id)
    .bind(&class.table.resource)
    .bind(&class.table.class)
    .bind(model.variant.name())
    .bind(&model.evaluation.data_version)
    .bind(metadata_version)
    .bind(mls_store::timestamp())
    .bind(serde_json::to_string(model)?)
    .execute(store.pool())
    .await?;
    Ok(())
}
