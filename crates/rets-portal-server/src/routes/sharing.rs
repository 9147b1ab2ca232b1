//! Shared connections, end to end: members' public keys and connections whose
//! secrets the server stores sealed (it cannot open them).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use team::{GrantsChange, MemberKeyInfo, NewSharedConnection, SharedConnection, Team};
use team_api::PublicKey;

use crate::error::{ApiError, ErrorBody};
use crate::extract::{Anyone, Body, Id, Member, Power};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Keys {
    pub items: Vec<MemberKeyInfo>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Connections {
    pub items: Vec<SharedConnection>,
}

/// Publishes my public key (wraps made for an earlier key no longer open for me).
#[utoipa::path(put, path = "/v1/me/key", tag = "sharing", security(("bearer" = [])), request_body = PublicKey,
    responses((status = 200, body = MemberKeyInfo), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("authenticated"))))]
pub async fn put_my_key(
    State(team): State<Team>,
    Member(caller, ..): Member<Anyone>,
    Body(input): Body<PublicKey>,
) -> Result<Json<MemberKeyInfo>, ApiError> {
    Ok(Json(team.set_member_key(&caller, &input.public_key).await?))
}

/// The team's public keys and fingerprints, to wrap a connection key for members.
#[utoipa::path(get, path = "/v1/keys", tag = "sharing", security(("bearer" = [])),
    responses((status = 200, body = Keys), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    extensions(("x-required-role" = json!("power"))))]
pub async fn list_keys(
    State(team): State<Team>,
    Member(caller, ..): Member<Power>,
) -> Result<Json<Keys>, ApiError> {
    Ok(Json(Keys {
        items: team.member_keys(&caller).await?,
    }))
}

/// The shared connections I can use (admins: every one, to manage access).
#[utoipa::path(get, path = "/v1/connections", tag = "sharing", security(("bearer" = [])),
    responses((status = 200, body = Connections), (status = 401, body = ErrorBody)),
    extensions(("x-required-role" = json!("authenticated"))))]
pub async fn list_connections(
    State(team): State<Team>,
    Member(caller, ..): Member<Anyone>,
) -> Result<Json<Connections>, ApiError> {
    Ok(Json(Connections {
        items: team.shared_connections(&caller).await?,
    }))
}

/// Shares a connection: template in clear, secrets sealed, the key wrapped per member.
#[utoipa::path(post, path = "/v1/connections", tag = "sharing", security(("bearer" = [])), request_body = NewSharedConnection,
    responses((status = 201, body = SharedConnection), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("power"))))]
pub async fn share_connection(
    State(team): State<Team>,
    Member(caller, ..): Member<Power>,
    Body(input): Body<NewSharedConnection>,
) -> Result<(StatusCode, Json<SharedConnection>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(team.share_connection(&caller, &input).await?),
    ))
}

/// One shared connection with my wrapped key.
#[utoipa::path(get, path = "/v1/connections/{id}", tag = "sharing", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Shared connection id")),
    responses((status = 200, body = SharedConnection), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    extensions(("x-required-role" = json!("authenticated"))))]
pub async fn get_connection(
    State(team): State<Team>,
    Member(caller, ..): Member<Anyone>,
    Id(id): Id,
) -> Result<Json<SharedConnection>, ApiError> {
    Ok(Json(team.shared_connection(&caller, id).await?))
}

/// Replaces who has access: the same key version adds members; removing one
/// needs the next version with the secrets sealed again (409 otherwise).
#[utoipa::path(put, path = "/v1/connections/{id}/grants", tag = "sharing", security(("bearer" = [])), request_body = GrantsChange,
    params(("id" = i64, Path, description = "Shared connection id")),
    responses((status = 200, body = SharedConnection), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("power"))))]
pub async fn put_grants(
    State(team): State<Team>,
    Member(caller, ..): Member<Power>,
    Id(id): Id,
    Body(change): Body<GrantsChange>,
) -> Result<Json<SharedConnection>, ApiError> {
    Ok(Json(team.set_grants(&caller, id, &change).await?))
}

/// Stops sharing a connection (its owner or an admin).
#[utoipa::path(delete, path = "/v1/connections/{id}", tag = "sharing", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Shared connection id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    extensions(("x-required-role" = json!("power"))))]
pub async fn unshare_connection(
    State(team): State<Team>,
    Member(caller, ..): Member<Power>,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    team.unshare_connection(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
