//! Sessions: a short-lived JWT access token (HS256 only; `alg: none` and
//! every other algorithm are refused) and an opaque refresh token that rotates
//! on every use. Refresh tokens are stored as SHA-256 digests in families; a
//! rotated token presented again means it leaked, so its whole family ends.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{AnyPool, Row};
pub use team_api::accounts::Tokens;

use crate::{Role, Team, TeamError, now_ms};

/// Seconds an access token lives.
pub const ACCESS_SECONDS: i64 = 15 * 60;
/// Days a refresh token lives.
pub const REFRESH_DAYS: i64 = 30;

/// The signing keys.
#[derive(Clone)]
pub(crate) struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Keys {
    /// Keys from `secret`, or from the secret kept in the database (made on first start).
    pub(crate) async fn load(pool: &AnyPool, secret: Option<&str>) -> Result<Keys, TeamError> {
        let secret = match secret {
            Some(s) if s.len() >= 32 => s.to_owned(),
            Some(_) => {
                return Err(TeamError::InvalidArgument(
                    "JWT_SECRET needs at least 32 characters.".into(),
                ));
            }
            None => {
                let fresh = random_token();
                sqlx::query(
                    "INSERT INTO server_keys (name, secret) VALUES ('jwt', $1) ON CONFLICT (name) DO NOTHING",
                )
                .bind(&fresh)
                .execute(pool)
                .await?;
                sqlx::query_scalar("SELECT secret FROM server_keys WHERE name = 'jwt'")
                    .fetch_one(pool)
                    .await?
            }
        };
        let key_err =
            |e: jsonwebtoken::errors::Error| TeamError::Internal(format!("bad signing key: {e}"));
        Ok(Keys {
            encoding: EncodingKey::from_secret(secret.as_bytes()).map_err(key_err)?,
            decoding: DecodingKey::from_secret(secret.as_bytes()).map_err(key_err)?,
        })
    }
}

/// What an access token says.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    /// User id.
    sub: String,
    team: i64,
    iat: i64,
    exp: i64,
    /// Issue time in milliseconds (ending all sessions ends tokens issued before it).
    iat_ms: i64,
    /// The session (refresh-token family): signing out of it ends this token too.
    sid: String,
}

/// A signed-in member, as found from a valid access token and the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub user_id: i64,
    pub team_id: i64,
    pub email: String,
    /// The role now (changes apply at once, not at the next sign-in).
    pub role: Role,
    /// The session the token belongs to.
    pub session: String,
}

pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Team {
    /// Access and refresh tokens for `user_id`; `family` continues a rotation, `None` starts one.
    pub(crate) async fn issue(
        &self,
        user_id: i64,
        team_id: i64,
        family: Option<String>,
    ) -> Result<Tokens, TeamError> {
        let now = now_ms();
        let family = family.unwrap_or_else(random_token);
        let claims = Claims {
            sub: user_id.to_string(),
            team: team_id,
            iat: now / 1000,
            exp: now / 1000 + ACCESS_SECONDS,
            iat_ms: now,
            sid: family.clone(),
        };
        let access_token =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.keys.encoding)
                .map_err(|e| TeamError::Internal(format!("cannot sign a token: {e}")))?;
        let refresh_token = format!("rt_{}", random_token());
        sqlx::query(
            "INSERT INTO refresh_tokens (user_id, family, token_hash, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(&family)
        .bind(digest(&refresh_token))
        .bind(now + REFRESH_DAYS * 86_400_000)
        .execute(&self.pool)
        .await?;
        Ok(Tokens {
            access_token,
            refresh_token,
            expires_in: ACCESS_SECONDS,
            token_type: "Bearer".to_owned(),
        })
    }

    /// The member an `Authorization` header's bearer token belongs to.
    pub async fn caller(&self, authorization: Option<&str>) -> Result<Caller, TeamError> {
        let token = authorization
            .and_then(|h| {
                h.strip_prefix("Bearer ")
                    .or_else(|| h.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(TeamError::Unauthenticated)?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let claims = jsonwebtoken::decode::<Claims>(token, &self.keys.decoding, &validation)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => TeamError::TokenExpired,
                _ => TeamError::InvalidToken(e.to_string()),
            })?
            .claims;
        let user_id: i64 = claims
            .sub
            .parse()
            .map_err(|_| TeamError::InvalidToken("bad subject".into()))?;
        let row = sqlx::query(
            "SELECT team_id, email, role, disabled, tokens_valid_after,
                    (SELECT COUNT(*) FROM refresh_tokens WHERE family = $2 AND user_id = $1 AND revoked = 0)
             FROM users WHERE id = $1",
        )
        .bind(user_id)
        .bind(&claims.sid)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| TeamError::InvalidToken("no such account".into()))?;
        let team_id: i64 = row.try_get(0)?;
        let disabled: i64 = row.try_get(3)?;
        let valid_after: i64 = row.try_get(4)?;
        let live = row.try_get::<i64, _>(5)? > 0;
        if team_id != claims.team || disabled != 0 || claims.iat_ms < valid_after || !live {
            return Err(TeamError::InvalidToken("the session has ended".into()));
        }
        let role: String = row.try_get(2)?;
        Ok(Caller {
            user_id,
            team_id,
            email: row.try_get(1)?,
            role: Role::parse(&role)
                .ok_or_else(|| TeamError::Internal(format!("unknown role {role:?}")))?,
            session: claims.sid,
        })
    }

    /// New tokens for a refresh token, which is used up; a used one ends its family.
    pub async fn refresh(&self, refresh_token: &str) -> Result<Tokens, TeamError> {
        let invalid = || TeamError::InvalidToken("unknown or expired refresh token".into());
        let row = sqlx::query(
            "SELECT r.id, r.user_id, r.family, r.expires_at, r.used_at, r.revoked, u.team_id, u.disabled
             FROM refresh_tokens r JOIN users u ON u.id = r.user_id WHERE r.token_hash = $1",
        )
        .bind(digest(refresh_token.trim()))
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(invalid)?;
        let id: i64 = row.try_get(0)?;
        let user_id: i64 = row.try_get(1)?;
        let family: String = row.try_get(2)?;
        let expires_at: i64 = row.try_get(3)?;
        let used_at: Option<i64> = row.try_get(4)?;
        let revoked: i64 = row.try_get(5)?;
        let team_id: i64 = row.try_get(6)?;
        let disabled: i64 = row.try_get(7)?;
        if used_at.is_some() {
            self.end_family(&family).await?;
            tracing::warn!(
                user_id,
                "a rotated refresh token was used again; its family is revoked"
            );
            self.audit(
                Some(team_id),
                None,
                "session.token_reused",
                Some(&format!("user:{user_id}")),
                serde_json::json!({}),
            )
            .await?;
            return Err(TeamError::TokenReused);
        }
        if revoked != 0 || disabled != 0 || expires_at < now_ms() {
            return Err(invalid());
        }
        // Used up atomically: of two concurrent refreshes, one wins.
        let claimed =
            sqlx::query("UPDATE refresh_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
                .bind(now_ms())
                .bind(id)
                .execute(&self.pool)
                .await?
                .rows_affected();
        if claimed == 0 {
            self.end_family(&family).await?;
            return Err(TeamError::TokenReused);
        }
        self.issue(user_id, team_id, Some(family)).await
    }

    pub(crate) async fn end_family(&self, family: &str) -> Result<(), TeamError> {
        sqlx::query("UPDATE refresh_tokens SET revoked = 1 WHERE family = $1")
            .bind(family)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends every session of `user_id`: refresh tokens and access tokens issued until now.
    pub async fn end_sessions(&self, user_id: i64) -> Result<(), TeamError> {
        sqlx::query("UPDATE refresh_tokens SET revoked = 1 WHERE user_id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        sqlx::query("UPDATE users SET tokens_valid_after = $1 WHERE id = $2")
            .bind(now_ms() + 1)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
