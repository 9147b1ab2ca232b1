//! Errors as HTTP replies: a status and `{code, message}` with the stable code.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use team::TeamError;
pub use team_api::ErrorBody;

/// An error reply.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn not_found() -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "No such route or object.",
        )
    }
}

impl From<TeamError> for ApiError {
    fn from(e: TeamError) -> Self {
        let status = match &e {
            TeamError::InvalidArgument(_) => StatusCode::UNPROCESSABLE_ENTITY,
            TeamError::Unauthenticated
            | TeamError::InvalidToken(_)
            | TeamError::TokenExpired
            | TeamError::InvalidCredentials
            | TeamError::TokenReused => StatusCode::UNAUTHORIZED,
            TeamError::LoginLocked { .. } => StatusCode::TOO_MANY_REQUESTS,
            TeamError::Forbidden { .. } | TeamError::SignupClosed | TeamError::LimitExceeded(_) => {
                StatusCode::FORBIDDEN
            }
            TeamError::NotFound(_) => StatusCode::NOT_FOUND,
            TeamError::EmailTaken(_) | TeamError::LastAdmin | TeamError::Conflict(_) => {
                StatusCode::CONFLICT
            }
            TeamError::Database(_) | TeamError::Migrate(_) | TeamError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let message = if status == StatusCode::INTERNAL_SERVER_ERROR {
            // The detail goes to the log, not to the caller.
            tracing::error!(error = %e, "request failed");
            "The server failed; the operator can find the cause in its log.".to_owned()
        } else {
            e.to_string()
        };
        ApiError::new(status, e.code(), message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(ErrorBody {
                code: self.code.to_owned(),
                message: self.message,
            }),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
