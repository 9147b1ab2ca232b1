//! The team database: SQLite (`sqlite://FILE`, created if missing) or
//! PostgreSQL (`postgres://…`), through sqlx's Any driver so one set of
//! queries (`$1` placeholders, which both accept) serves both. Each backend
//! has its own migrations, embedded in the binary.

use sqlx::AnyPool;
use sqlx::any::{AnyPoolOptions, install_default_drivers};

use crate::TeamError;
use crate::tokens::Keys;

static SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend of `url`, or an error naming the schemes accepted.
    pub fn of(url: &str) -> Result<Backend, TeamError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(TeamError::InvalidArgument(format!(
                "--database must be sqlite://FILE or postgres://…, not {url:?}"
            )))
        }
    }
}

/// Settings the operator chooses.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Anyone may create a team with `signup` (the first team can always be created).
    pub open_signup: bool,
    /// The token signing secret; `None` keeps a generated one in the database.
    pub jwt_secret: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            open_signup: true,
            jwt_secret: None,
        }
    }
}

/// The team server's data: one handle shared by every request.
#[derive(Clone)]
pub struct Team {
    pub(crate) pool: AnyPool,
    pub(crate) keys: Keys,
    pub(crate) settings: Settings,
    backend: Backend,
}

impl Team {
    /// Opens (and migrates) the database at `url`.
    pub async fn open(url: &str, settings: Settings) -> Result<Team, TeamError> {
        install_default_drivers();
        let backend = Backend::of(url)?;
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_owned(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 16,
            })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        sqlx::query("PRAGMA foreign_keys = ON")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA busy_timeout = 10000")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA journal_mode = WAL")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        match backend {
            Backend::Sqlite => SQLITE.run(&pool).await?,
            Backend::Postgres => POSTGRES.run(&pool).await?,
        }
        let keys = Keys::load(&pool, settings.jwt_secret.as_deref()).await?;
        Ok(Team {
            pool,
            keys,
            settings,
            backend,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers and its migrations are all applied.
    pub async fn ready(&self) -> Result<(), TeamError> {
        let applied: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = $1")
                .bind(true)
                .fetch_one(&self.pool)
                .await?;
        let expected = match self.backend {
            Backend::Sqlite => SQLITE.iter().count(),
            Backend::Postgres => POSTGRES.iter().count(),
        };
        if applied as usize == expected {
            Ok(())
        } else {
            Err(TeamError::Internal(format!(
                "{applied} of {expected} migrations applied"
            )))
        }
    }
}
