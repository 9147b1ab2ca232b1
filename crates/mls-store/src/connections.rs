//! Saved server connections. Deliberately has no password column: secrets live in
//! the keychain (see [`crate::secrets`]), keyed by the connection id.

use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::store::Store;
use crate::time::now;

/// HTTP method used for RETS transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HttpMethod {
    /// Parameters in the query string.
    Get,
    /// Parameters in a form body.
    Post,
}

impl HttpMethod {
    fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
        }
    }

    fn parse(s: &str) -> Result<Self, StoreError> {
        match s {
            "GET" => Ok(Self::Get),
            "POST" => Ok(Self::Post),
            other => Err(StoreError::Invalid(format!(
                "unknown HTTP method {other:?}"
            ))),
        }
    }
}

/// Fields of a connection as entered by the user (no secrets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewConnection {
    /// Display name, unique.
    pub name: String,
    /// Login transaction URL.
    pub login_url: String,
    /// RETS username.
    pub username: String,
    /// User-Agent header value.
    pub user_agent: String,
    /// RETS version to announce, e.g. `RETS/1.7.2`.
    pub rets_version: String,
    /// GET or POST.
    pub http_method: HttpMethod,
    /// Name of a vendor template the connection was created from, if any.
    pub vendor_template: Option<String>,
    /// Free-form options (timeouts, quirks) as JSON.
    pub options: serde_json::Value,
}

/// A stored connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    /// Row id; also the key of this connection's secrets.
    pub id: i64,
    /// The user-entered fields.
    #[serde(flatten)]
    pub fields: NewConnection,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Last update time (RFC 3339).
    pub updated_at: String,
}

struct Row {
    id: i64,
    name: String,
    login_url: String,
    username: String,
    user_agent: String,
    rets_version: String,
    http_method: String,
    vendor_template: Option<String>,
    options_json: String,
    created_at: String,
    updated_at: String,
}

impl TryFrom<Row> for Connection {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self, StoreError> {
        Ok(Connection {
            id: r.id,
            fields: NewConnection {
                name: r.name,
                login_url: r.login_url,
                username: r.username,
                user_agent: r.user_agent,
                rets_version: r.rets_version,
                http_method: HttpMethod::parse(&r.http_method)?,
                vendor_template: r.vendor_template,
                options: serde_json::from_str(&r.options_json)?,
            },
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

impl Store {
    /// Insert a connection and return it with its id.
    pub async fn create_connection(&self, c: &NewConnection) -> Result<Connection, StoreError> {
        let ts = now();
        let method = c.http_method.as_str();
        let options = serde_json::to_string(&c.options)?;
        let id = sqlx::query!(
            "INSERT INTO connections (name, login_url, username, user_agent, rets_version,
                http_method, vendor_template, options_json, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            c.name,
            c.login_url,
            c.username,
            c.user_agent,
            c.rets_version,
            method,
            c.vendor_template,
            options,
            ts,
            ts
        )
        .execute(self.pool())
        .await?
        .last_insert_rowid();
        tracing::debug!(id, name = %c.name, "connection created");
        self.connection(id).await
    }

    /// Replace the fields of connection `id`.
    pub async fn update_connection(
        &self,
        id: i64,
        c: &NewConnection,
    ) -> Result<Connection, StoreError> {
        let ts = now();
        let method = c.http_method.as_str();
        let options = serde_json::to_string(&c.options)?;
        let done = sqlx::query!(
            "UPDATE connections SET name = ?, login_url = ?, username = ?, user_agent = ?,
                rets_version = ?, http_method = ?, vendor_template = ?, options_json = ?,
                updated_at = ?
             WHERE id = ?",
            c.name,
            c.login_url,
            c.username,
            c.user_agent,
            c.rets_version,
            method,
            c.vendor_template,
            options,
            ts,
            id
        )
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("connection {id}")));
        }
        self.connection(id).await
    }

    /// Fetch connection `id`.
    pub async fn connection(&self, id: i64) -> Result<Connection, StoreError> {
        let row = sqlx::query_as!(
            Row,
            "SELECT id AS \"id!\", name, login_url, username, user_agent, rets_version, http_method,
                vendor_template, options_json, created_at, updated_at
             FROM connections WHERE id = ?",
            id
        )
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("connection {id}")))?;
        row.try_into()
    }

    /// All connections, by name.
    pub async fn connections(&self) -> Result<Vec<Connection>, StoreError> {
        let rows = sqlx::query_as!(
            Row,
            "SELECT id AS \"id!\", name, login_url, username, user_agent, rets_version, http_method,
                vendor_template, options_json, created_at, updated_at
             FROM connections ORDER BY name"
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(Connection::try_from).collect()
    }

    /// Delete connection `id` and everything that belongs to it (history, jobs, snapshots).
    /// Its listing tables are dropped too. Secrets must be removed by the caller.
    pub async fn delete_connection(&self, id: i64) -> Result<(), StoreError> {
        let tables = sqlx::query!(
            "SELECT table_name FROM listing_tables WHERE connection_id = ?",
            id
        )
        .fetch_all(self.pool())
        .await?;
        let mut tx = self.pool().begin().await?;
        for t in tables {
            for name in [t.table_name.clone(), format!("{}_raw", t.table_name)] {
                let sql = format!(
                    "DROP TABLE IF EXISTS {}",
                    crate::listings::quote_ident(&name)?
                );
                sqlx::query(&sql).execute(&mut *tx).await?;
            }
        }
        sqlx::query!("DELETE FROM connections WHERE id = ?", id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
