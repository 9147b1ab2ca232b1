//! The team's members, for its admins.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use team::{NewUser, Team, User, UserChange};

use crate::error::{ApiError, ErrorBody};
use crate::extract::{Admin, Body, Id, Member};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Users {
    pub items: Vec<User>,
}

/// The team's members, by email.
#[utoipa::path(get, path = "/v1/users", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = Users), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    extensions(("x-required-role" = json!("admin"))))]
pub async fn list_users(
    State(team): State<Team>,
    Member(caller, ..): Member<Admin>,
) -> Result<Json<Users>, ApiError> {
    Ok(Json(Users {
        items: team.users(&caller).await?,
    }))
}

/// Adds a member with an initial password and a role.
#[utoipa::path(post, path = "/v1/users", tag = "users", security(("bearer" = [])), request_body = NewUser,
    responses((status = 201, body = User), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("admin"))))]
pub async fn create_user(
    State(team): State<Team>,
    Member(caller, ..): Member<Admin>,
    Body(input): Body<NewUser>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(team.create_user(&caller, &input).await?),
    ))
}

/// One member of the team.
#[utoipa::path(get, path = "/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = User), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    extensions(("x-required-role" = json!("admin"))))]
pub async fn get_user(
    State(team): State<Team>,
    Member(caller, ..): Member<Admin>,
    Id(id): Id,
) -> Result<Json<User>, ApiError> {
    Ok(Json(team.user(&caller, id).await?))
}

/// Changes a member's role, or disables them (which ends their sessions).
#[utoipa::path(patch, path = "/v1/users/{id}", tag = "users", security(("bearer" = [])), request_body = UserChange,
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = User), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    extensions(("x-required-role" = json!("admin"))))]
pub async fn patch_user(
    State(team): State<Team>,
    Member(caller, ..): Member<Admin>,
    Id(id): Id,
    Body(change): Body<UserChange>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(team.update_user(&caller, id, &change).await?))
}

/// Removes a member.
#[utoipa::path(delete, path = "/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    extensions(("x-required-role" = json!("admin"))))]
pub async fn delete_user(
    State(team): State<Team>,
    Member(caller, ..): Member<Admin>,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    team.delete_user(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
