//! What the engine needs from a server, as a small trait: metadata, every key
//! with its timestamp, full records by key batch, and photos. [`crate::RetsSource`]
//! implements it over a RETS session; tests can implement it in memory.

use std::collections::BTreeMap;
use std::future::Future;

use mls_store::MetadataSnapshot;

use crate::error::SyncError;

/// A listing key and its modification timestamp as the server reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyStamp {
    /// Listing key.
    pub key: String,
    /// Raw ModificationTimestamp value.
    pub modified: String,
}

/// One downloaded object (photo) of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoObject {
    /// Listing key it belongs to.
    pub key: String,
    /// Object id (position) on the server.
    pub object_id: i64,
    /// MIME type.
    pub content_type: String,
    /// The bytes.
    pub data: Vec<u8>,
}

/// Which listings of a class a sync keeps, in terms every protocol can carry out;
/// each source turns it into its own query language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Selection {
    /// Every listing of the class.
    #[default]
    All,
    /// Listings matching a DMQL2 query (RETS sources).
    Dmql(String),
}

/// A server the engine can sync from.
pub trait ListingSource: Send + Sync {
    /// Identifies the server account; syncs with the same id never run concurrently.
    fn server_id(&self) -> String;

    /// `text` without this source's secrets, before it is stored or shown.
    fn redact(&self, text: &str) -> String {
        text.to_owned()
    }

    /// The server's metadata in the replica's snapshot form.
    fn metadata(&self) -> impl Future<Output = Result<MetadataSnapshot, SyncError>> + Send;

    /// Why `key` cannot be asked for again in this source's query language, if
    /// it cannot (such listings are skipped and counted, not retried forever).
    fn unusable_key(&self, _key: &str) -> Option<&'static str> {
        None
    }

    /// Every key of the `selection` with its modification timestamp.
    fn key_stamps(
        &self,
        resource: &str,
        class: &str,
        selection: &Selection,
        key_field: &str,
        modified_field: &str,
    ) -> impl Future<Output = Result<Vec<KeyStamp>, SyncError>> + Send;

    /// Full records (SystemName → value) for `keys`; keys the server no longer has
    /// are simply absent from the result.
    fn records(
        &self,
        resource: &str,
        class: &str,
        key_field: &str,
        keys: &[String],
    ) -> impl Future<Output = Result<Vec<BTreeMap<String, String>>, SyncError>> + Send;

    /// All objects of `object_type` (e.g. `Photo`) for `keys`.
    fn photos(
        &self,
        resource: &str,
        object_type: &str,
        keys: &[String],
    ) -> impl Future<Output = Result<Vec<PhotoObject>, SyncError>> + Send;
}
