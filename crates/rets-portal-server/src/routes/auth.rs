//! Signing up, in and out, and refreshing tokens.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use team::tokens::Tokens;
use team::{Signup, Team};
use team_api::{Accepted, Login, Refresh, ResetConfirm, ResetRequest};

use crate::App;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Anyone, Body, Member};

/// Creates a team with the caller as its Admin and signs them in.
#[utoipa::path(post, path = "/v1/auth/signup", tag = "auth", request_body = Signup,
    responses((status = 201, body = Tokens), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("public"))))]
pub async fn signup(
    State(team): State<Team>,
    Body(input): Body<Signup>,
) -> Result<(StatusCode, Json<Tokens>), ApiError> {
    Ok((StatusCode::CREATED, Json(team.signup(&input).await?)))
}

/// Signs in; five wrong passwords in a row lock the account for 15 minutes.
#[utoipa::path(post, path = "/v1/auth/login", tag = "auth", request_body = Login,
    responses((status = 200, body = Tokens), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)),
    extensions(("x-required-role" = json!("public"))))]
pub async fn login(
    State(team): State<Team>,
    Body(input): Body<Login>,
) -> Result<Json<Tokens>, ApiError> {
    Ok(Json(team.login(&input.email, &input.password).await?))
}

/// New tokens for a refresh token (which is used up; using it again ends the session).
#[utoipa::path(post, path = "/v1/auth/refresh", tag = "auth", request_body = Refresh,
    responses((status = 200, body = Tokens), (status = 401, body = ErrorBody)),
    extensions(("x-required-role" = json!("public"))))]
pub async fn refresh(
    State(team): State<Team>,
    Body(input): Body<Refresh>,
) -> Result<Json<Tokens>, ApiError> {
    Ok(Json(team.refresh(&input.refresh_token).await?))
}

/// Signs out of this session (its access and refresh tokens stop working).
#[utoipa::path(post, path = "/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)),
    extensions(("x-required-role" = json!("authenticated"))))]
pub async fn logout(
    State(team): State<Team>,
    Member(caller, ..): Member<Anyone>,
) -> Result<StatusCode, ApiError> {
    team.logout(&caller).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mails a single-use reset code to the account's address. Always 202, whether
/// or not the address has an account, and the mail goes out after the reply.
#[utoipa::path(post, path = "/v1/auth/password-reset", tag = "auth", request_body = ResetRequest,
    responses((status = 202, body = Accepted), (status = 400, body = ErrorBody)),
    extensions(("x-required-role" = json!("public"))))]
pub async fn password_reset(
    State(app): State<App>,
    Body(input): Body<ResetRequest>,
) -> (StatusCode, Json<Accepted>) {
    tokio::spawn(async move {
        match app.team.start_password_reset(&input.email).await {
            Ok(Some(reset)) => match &app.mail {
                Some(mailer) => {
                    if let Err(e) = mailer.send_reset(&reset).await {
                        tracing::error!(error = %e, "the password-reset mail could not be sent");
                    }
                }
                None => tracing::error!(
                    "a password reset was asked for, but no --smtp server is configured"
                ),
            },
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "password reset failed"),
        }
    });
    (
        StatusCode::ACCEPTED,
        Json(Accepted {
            status: "accepted".to_owned(),
        }),
    )
}

/// Sets a new password with a reset code; every session of the account ends.
#[utoipa::path(post, path = "/v1/auth/password-reset/confirm", tag = "auth", request_body = ResetConfirm,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)),
    extensions(("x-required-role" = json!("public"))))]
pub async fn password_reset_confirm(
    State(team): State<Team>,
    Body(input): Body<ResetConfirm>,
) -> Result<StatusCode, ApiError> {
    team.confirm_password_reset(&input.token, &input.new_password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
