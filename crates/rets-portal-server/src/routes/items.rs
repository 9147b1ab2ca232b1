//! Templates and saved queries the team shares in clear.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use team::{ItemInput, ItemKind, SharedItem, Team};

use crate::error::{ApiError, ErrorBody};
use crate::extract::{Anyone, Body, Id, Member, Power};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Items {
    pub items: Vec<SharedItem>,
}

async fn list(team: &Team, caller: &team::Caller, kind: ItemKind) -> Result<Json<Items>, ApiError> {
    Ok(Json(Items {
        items: team.shared_items(caller, kind).await?,
    }))
}

async fn create(
    team: &Team,
    caller: &team::Caller,
    kind: ItemKind,
    input: &ItemInput,
) -> Result<(StatusCode, Json<SharedItem>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(team.share_item(caller, kind, input).await?),
    ))
}

/// The team's shared templates (connection settings without secrets).
#[utoipa::path(get, path = "/v1/templates", tag = "shared", security(("bearer" = [])),
    responses((status = 200, body = Items), (status = 401, body = ErrorBody)),
    extensions(("x-required-role" = json!("authenticated"))))]
pub async fn list_templates(
    State(team): State<Team>,
    Member(caller, ..): Member<Anyone>,
) -> Result<Json<Items>, ApiError> {
    list(&team, &caller, ItemKind::Template).await
}

/// Shares a template (a body with a password, secret or token field is refused).
#[utoipa::path(post, path = "/v1/templates", tag = "shared", security(("bearer" = [])), request_body = ItemInput,
    responses((status = 201, body = SharedItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("power"))))]
pub async fn create_template(
    State(team): State<Team>,
    Member(caller, ..): Member<Power>,
    Body(input): Body<ItemInput>,
) -> Result<(StatusCode, Json<SharedItem>), ApiError> {
    create(&team, &caller, ItemKind::Template, &input).await
}

/// Changes a template made on `version` (409 when it changed since).
#[utoipa::path(put, path = "/v1/templates/{id}", tag = "shared", security(("bearer" = [])), request_body = ItemInput,
    params(("id" = i64, Path, description = "Template id")),
    responses((status = 200, body = SharedItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    extensions(("x-required-role" = json!("power"))))]
pub async fn put_template(
    State(team): State<Team>,
    Member(caller, ..): Member<Power>,
    Id(id): Id,
    Body(input): Body<ItemInput>,
) -> Result<Json<SharedItem>, ApiError> {
    Ok(Json(
        team.change_item(&caller, ItemKind::Template, id, &input)
            .await?,
    ))
}

/// Stops sharing a template.
#[utoipa::path(delete, path = "/v1/templates/{id}", tag = "shared", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Template id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    extensions(("x-required-role" = json!("power"))))]
pub async fn delete_template(
    State(team): State<Team>,
    Member(caller, ..): Member<Power>,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    team.delete_item(&caller, ItemKind::Template, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The team's shared saved queries.
#[utoipa::path(get, path = "/v1/saved-queries", tag = "shared", security(("bearer" = [])),
    responses((status = 200, body = Items), (status = 401, body = ErrorBody)),
    extensions(("x-required-role" = json!("authenticated"))))]
pub async fn list_saved_queries(
    State(team): State<Team>,
    Member(caller, ..): Member<Anyone>,
) -> Result<Json<Items>, ApiError> {
    list(&team, &caller, ItemKind::SavedQuery).await
}

/// Shares a saved query.
#[utoipa::path(post, path = "/v1/saved-queries", tag = "shared", security(("bearer" = [])), request_body = ItemInput,
    responses((status = 201, body = SharedItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("power"))))]
pub async fn create_saved_query(
    State(team): State<Team>,
    Member(caller, ..): Member<Power>,
    Body(input): Body<ItemInput>,
) -> Result<(StatusCode, Json<SharedItem>), ApiError> {
    create(&team, &caller, ItemKind::SavedQuery, &input).await
}

/// Changes a saved query made on `version` (409 when it changed since).
#[utoipa::path(put, path = "/v1/saved-queries/{id}", tag = "shared", security(("bearer" = [])), request_body = ItemInput,
    params(("id" = i64, Path, description = "Saved query id")),
    responses((status = 200, body = SharedItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    extensions(("x-required-role" = json!("power"))))]
pub async fn put_saved_query(
    State(team): State<Team>,
    Member(caller, ..): Member<Power>,
    Id(id): Id,
    Body(input): Body<ItemInput>,
) -> Result<Json<SharedItem>, ApiError> {
    Ok(Json(
        team.change_item(&caller, ItemKind::SavedQuery, id, &input)
            .await?,
    ))
}

/// Stops sharing a saved query.
#[utoipa::path(delete, path = "/v1/saved-queries/{id}", tag = "shared", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Saved query id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    extensions(("x-required-role" = json!("power"))))]
pub async fn delete_saved_query(
    State(team): State<Team>,
    Member(caller, ..): Member<Power>,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    team.delete_item(&caller, ItemKind::SavedQuery, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
