//! Invitations by mail: admins invite an address with a role; the invitee
//! chooses a password with the mailed code.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use team::tokens::Tokens;
use team::{Invitation, NewInvitation, Team};
use team_api::Accept;

use crate::App;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Admin, Body, Member};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Invitations {
    pub items: Vec<Invitation>,
}

/// Invites an address into the team with a role, by mail (503 without `--smtp`).
#[utoipa::path(post, path = "/v1/invitations", tag = "users", security(("bearer" = [])), request_body = NewInvitation,
    responses((status = 201, body = Invitation), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 502, body = ErrorBody), (status = 503, body = ErrorBody)),
    extensions(("x-required-role" = json!("admin"))))]
pub async fn invite(
    State(app): State<App>,
    Member(caller, ..): Member<Admin>,
    Body(input): Body<NewInvitation>,
) -> Result<(StatusCode, Json<Invitation>), ApiError> {
    let Some(mailer) = &app.mail else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "mail_not_configured",
            "This server sends no mail (start it with --smtp); add the member with an initial password instead.",
        ));
    };
    let mail = app.team.invite(&caller, &input).await?;
    mailer.send_invitation(&mail).await.map_err(|e| {
        tracing::error!(error = %e, "the invitation could not be mailed");
        ApiError::new(StatusCode::BAD_GATEWAY, "mail_failed", "The invitation could not be mailed; check the server's mail settings and invite again.")
    })?;
    Ok((StatusCode::CREATED, Json(mail.invitation)))
}

/// Invitations not accepted yet.
#[utoipa::path(get, path = "/v1/invitations", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = Invitations), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    extensions(("x-required-role" = json!("admin"))))]
pub async fn pending(
    State(team): State<Team>,
    Member(caller, ..): Member<Admin>,
) -> Result<Json<Invitations>, ApiError> {
    Ok(Json(Invitations {
        items: team.pending_invitations(&caller).await?,
    }))
}

/// Accepts an invitation with a password of one's own; signed in at once.
#[utoipa::path(post, path = "/v1/invitations/accept", tag = "users", request_body = Accept,
    responses((status = 201, body = Tokens), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("public"))))]
pub async fn accept(
    State(team): State<Team>,
    Body(input): Body<Accept>,
) -> Result<(StatusCode, Json<Tokens>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            team.accept_invitation(&input.token, &input.password)
                .await?,
        ),
    ))
}
