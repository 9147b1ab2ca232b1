//! The signed-in member's own profile and preferences.

use axum::Json;
use axum::extract::State;
use team::{Me, Team};
use team_api::MeChange;

use crate::error::{ApiError, ErrorBody};
use crate::extract::{Anyone, Body, Member};

/// Who I am: email, role, team and preferences.
#[utoipa::path(get, path = "/v1/me", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)),
    extensions(("x-required-role" = json!("authenticated"))))]
pub async fn get_me(
    State(team): State<Team>,
    Member(caller, ..): Member<Anyone>,
) -> Result<Json<Me>, ApiError> {
    Ok(Json(team.me(&caller).await?))
}

/// Changes my preferences (merged into the stored ones).
#[utoipa::path(patch, path = "/v1/me", tag = "me", security(("bearer" = [])), request_body = MeChange,
    responses((status = 200, body = Me), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("authenticated"))))]
pub async fn patch_me(
    State(team): State<Team>,
    Member(caller, ..): Member<Anyone>,
    Body(change): Body<MeChange>,
) -> Result<Json<Me>, ApiError> {
    Ok(Json(
        team.update_preferences(&caller, &change.preferences)
            .await?,
    ))
}
