//! Photos of one listing for the Results detail panel, as `data:` URLs (the
//! CSP allows `img-src data:`; nothing is served from disk to the web view).
//!
//! Adapters over [`mls_workbench::portal::photos`]: the rules live there.

use mls_workbench::Portal;
use mls_workbench::portal::photos::*;
use tauri::State;

use crate::error::CommandResult;

/// The photos of listing `listing_key` of `resource`: the files a sync
/// downloaded, else fetched from the server (GetObject `Photo`).
#[tauri::command]
pub async fn listing_photos(
    state: State<'_, Portal>,
    connection_id: String,
    resource: String,
    listing_key: String,
    first: Option<u32>,
) -> CommandResult<ListingPhotosView> {
    state
        .listing_photos(connection_id, resource, listing_key, first)
        .await
}
