//! Index of downloaded listing photos: the files live in a folder on disk, the
//! replica records which object of which listing each file holds.

use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::store::Store;

/// One downloaded photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    /// Connection the photo came from.
    pub connection_id: i64,
    /// RETS resource of the listing.
    pub resource: String,
    /// Listing key.
    pub listing_key: String,
    /// GetObject object id (1-based position).
    pub object_id: i64,
    /// File path on disk.
    pub path: String,
    /// MIME type as served.
    pub content_type: String,
    /// Size in bytes.
    pub size: i64,
    /// Download time (RFC 3339).
    pub fetched_at: String,
}

impl Store {
    /// Record (or replace) a downloaded photo.
    pub async fn upsert_photo(&self, p: &Photo) -> Result<(), StoreError> {
        sqlx::query!(
            "INSERT INTO photos (connection_id, resource, listing_key, object_id, path,
                content_type, size, fetched_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (connection_id, resource, listing_key, object_id) DO UPDATE SET
                path = excluded.path, content_type = excluded.content_type,
                size = excluded.size, fetched_at = excluded.fetched_at",
            p.connection_id,
            p.resource,
            p.listing_key,
            p.object_id,
            p.path,
            p.content_type,
            p.size,
            p.fetched_at
        )
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Photos of one listing, by object id.
    pub async fn photos(
        &self,
        connection_id: i64,
        resource: &str,
        listing_key: &str,
    ) -> Result<Vec<Photo>, StoreError> {
        let photos = sqlx::query_as!(
            Photo,
            "SELECT connection_id, resource, listing_key, object_id, path, content_type, size,
                fetched_at
             FROM photos WHERE connection_id = ? AND resource = ? AND listing_key = ?
             ORDER BY object_id",
            connection_id,
            resource,
            listing_key
        )
        .fetch_all(self.pool())
        .await?;
        Ok(photos)
    }
}
