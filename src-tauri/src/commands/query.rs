//! Queries: checking DMQL2 against metadata, counting, previewing the first rows.

use tauri::State;

use rets_client::SearchRequest;
use rets_workbench::{Preview, QueryCheck};

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// Largest preview the UI may ask for (the grid over the replica shows more).
const MAX_PREVIEW_ROWS: u32 = 1000;

/// Checks a query against the class's metadata; issues carry UTF-16 positions.
#[tauri::command]
pub async fn query_check(
    state: State<'_, AppState>,
    connection_id: String,
    resource: String,
    class: String,
    query: String,
) -> CommandResult<QueryCheck> {
    let profile = state.profile(&connection_id).await?;
    let credentials = state.credentials(&profile).await?;
    Ok(state
        .workbench
        .check_query(&profile, &credentials, &resource, &class, &query)
        .await?)
}

/// Number of matching records (no records are downloaded).
#[tauri::command]
pub async fn query_count(
    state: State<'_, AppState>,
    connection_id: String,
    resource: String,
    class: String,
    query: String,
) -> CommandResult<f64> {
    let profile = state.profile(&connection_id).await?;
    let credentials = state.credentials(&profile).await?;
    let count = state
        .workbench
        .count(&profile, &credentials, &resource, &class, &query)
        .await?;
    // JSON numbers: exact up to 2^53, far beyond any MLS.
    Ok(count as f64)
}

/// The first `limit` matching records, with the selected fields (all when empty).
#[tauri::command]
pub async fn query_preview(
    state: State<'_, AppState>,
    connection_id: String,
    resource: String,
    class: String,
    query: String,
    select: Vec<String>,
    limit: u32,
) -> CommandResult<Preview> {
    if limit == 0 || limit > MAX_PREVIEW_ROWS {
        return Err(CommandError::new(
            "invalid_argument",
            format!("A preview shows 1 to {MAX_PREVIEW_ROWS} rows, not {limit}."),
        ));
    }
    let profile = state.profile(&connection_id).await?;
    let credentials = state.credentials(&profile).await?;
    let mut request = SearchRequest::new(resource, class, query);
    request.limit = Some(u64::from(limit));
    if !select.is_empty() {
        request.select = Some(select);
    }
    Ok(state
        .workbench
        .preview(&profile, &credentials, request)
        .await?)
}
