//! Opening the replica: pragmas (WAL, foreign keys, busy timeout), the guard that
//! refuses databases written by a newer app, then the embedded migrations.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::error::StoreError;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The highest schema (migration) version this build understands.
pub const SUPPORTED_SCHEMA_VERSION: i64 = 20261206120000;

/// Handle to the local replica; cheap to clone (a connection pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Open (creating if needed) the replica at `path`, check its schema version and migrate it.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true);
        Self::open_with(options).await
    }

    /// Open an in-memory replica (tests, scratch work).
    pub async fn open_in_memory() -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
        // A single connection: each in-memory connection would be its own database.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(Self::tune(options))
            .await?;
        Self::prepare(pool).await
    }

    async fn open_with(options: SqliteConnectOptions) -> Result<Self, StoreError> {
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(Self::tune(options))
            .await?;
        Self::prepare(pool).await
    }

    fn tune(options: SqliteConnectOptions) -> SqliteConnectOptions {
        options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Grid queries over a million rows want more than the 2 MB default cache.
            .pragma("cache_size", "-32768")
            .pragma("mmap_size", "268435456")
            .pragma("temp_store", "memory")
    }

    async fn prepare(pool: SqlitePool) -> Result<Self, StoreError> {
        if let Some(found) = applied_schema_version(&pool).await? {
            let supported = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
            if found > supported {
                pool.close().await;
                return Err(StoreError::NewerSchema { found, supported });
            }
        }
        MIGRATOR.run(&pool).await?;
        Ok(Self { pool })
    }

    /// The underlying pool, for callers that need raw SQL (reports, exports).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Highest migration applied to this database.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(applied_schema_version(&self.pool).await?.unwrap_or(0))
    }

    /// Run `PRAGMA integrity_check`; returns the messages (`["ok"]` when healthy).
    pub async fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Refresh the query planner's statistics (cheap, sampled); run after large writes.
    pub async fn analyze(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        sqlx::query("PRAGMA analysis_limit = 1000")
            .execute(&mut *conn)
            .await?;
        sqlx::query("ANALYZE").execute(&mut *conn).await?;
        Ok(())
    }

    /// Checkpoint the WAL into the main file and close all connections.
    pub async fn close(self) {
        let _ = sqlx::query("PRAGMA optimize").execute(&self.pool).await;
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.pool.close().await;
    }
}

async fn applied_schema_version(pool: &SqlitePool) -> Result<Option<i64>, StoreError> {
    let exists: Option<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_optional(pool)
    .await?;
    if exists.is_none() {
        return Ok(None);
    }
    let (max,): (Option<i64>,) =
        sqlx::query_as("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(pool)
            .await?;
    Ok(max)
}
