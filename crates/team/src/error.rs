//! What can go wrong, each with a stable code that API clients match on.

/// An error of the team layer.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("{0}")]
    InvalidArgument(String),
    #[error("Sign in first: this needs an access token (Authorization: Bearer …).")]
    Unauthenticated,
    #[error("The access token is not valid: {0}.")]
    InvalidToken(String),
    #[error("The access token has expired; refresh it.")]
    TokenExpired,
    #[error("Wrong email or password.")]
    InvalidCredentials,
    #[error("This refresh token was already used, so its sessions were ended; sign in again.")]
    TokenReused,
    #[error("Too many failed sign-ins; try again in {minutes} minutes.")]
    LoginLocked { minutes: i64 },
    #[error("This needs the {needed} role; you are {actual}.")]
    Forbidden { needed: String, actual: String },
    #[error("Sign-up is closed on this server; ask an admin of your team for an account.")]
    SignupClosed,
    #[error("{0} was not found.")]
    NotFound(String),
    #[error("An account with email {0} already exists.")]
    EmailTaken(String),
    #[error("A team keeps at least one active admin.")]
    LastAdmin,
    #[error("{0}")]
    LimitExceeded(String),
    #[error("{0}")]
    Conflict(String),
    #[error("The database failed: {0}")]
    Database(#[from] sqlx::Error),
    #[error("The database could not be prepared: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Internal(String),
}

impl TeamError {
    /// The stable code (snake_case) of this error.
    pub fn code(&self) -> &'static str {
        match self {
            TeamError::InvalidArgument(_) => "invalid_argument",
            TeamError::Unauthenticated => "unauthenticated",
            TeamError::InvalidToken(_) => "invalid_token",
            TeamError::TokenExpired => "token_expired",
            TeamError::InvalidCredentials => "invalid_credentials",
            TeamError::TokenReused => "token_reused",
            TeamError::LoginLocked { .. } => "login_locked",
            TeamError::Forbidden { .. } => "forbidden",
            TeamError::SignupClosed => "signup_closed",
            TeamError::NotFound(_) => "not_found",
            TeamError::EmailTaken(_) => "email_taken",
            TeamError::LastAdmin => "last_admin",
            TeamError::LimitExceeded(_) => "limit_exceeded",
            TeamError::Conflict(_) => "conflict",
            TeamError::Database(_) | TeamError::Migrate(_) => "database",
            TeamError::Internal(_) => "internal",
        }
    }
}
