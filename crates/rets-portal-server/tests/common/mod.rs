//! Starts the real `rets-portal-server` binary on a private port and database.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

/// The signing secret the tests give the server (so they can forge tokens with it).
pub const SECRET: &str = "test-secret-with-at-least-32-characters!";

pub struct Server {
    pub url: String,
    pub client: reqwest::Client,
    child: Child,
    log: std::path::PathBuf,
    /// The PostgreSQL database and schema, when on PostgreSQL.
    postgres: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The databases to test against: a fresh SQLite file always, and the
/// PostgreSQL database in `TEST_POSTGRES_URL` when it is set (test.sh starts one).
pub fn databases() -> Vec<&'static str> {
    let mut kinds = vec!["sqlite"];
    if std::env::var("TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty()) {
        kinds.push("postgres");
    }
    kinds
}

/// A server over a fresh database of `kind`, with `extra` flags.
pub fn start(kind: &str, extra: &[&str]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let (url, postgres) = match kind {
        "sqlite" => (
            format!("sqlite://{}", dir.path().join("team.db").display()),
            None,
        ),
        _ => {
            let (url, schema) = fresh_postgres_schema();
            (
                url,
                Some((std::env::var("TEST_POSTGRES_URL").unwrap(), schema)),
            )
        }
    };
    let log = dir.path().join("server.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rets-portal-server"))
        .args(["serve", "--listen", "127.0.0.1:0", "--database", &url])
        .args(extra)
        .env("JWT_SECRET", SECRET)
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {line:?}"))
        .to_owned();
    Server {
        url,
        client: reqwest::Client::new(),
        child,
        log,
        postgres,
        _dir: dir,
    }
}

/// A database URL on the test PostgreSQL whose `search_path` is a new, empty schema; and the schema.
fn fresh_postgres_schema() -> (String, String) {
    let base = std::env::var("TEST_POSTGRES_URL").unwrap();
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let schema = format!(
        "t{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    );
    let status = Command::new("psql")
        .args([&base, "-q", "-c", &format!("CREATE SCHEMA {schema}")])
        .status()
        .unwrap();
    assert!(status.success(), "psql could not create schema {schema}");
    let sep = if base.contains('?') { '&' } else { '?' };
    (
        format!("{base}{sep}options=-csearch_path%3D{schema}"),
        schema,
    )
}

impl Server {
    /// Whether anything the server stored or logged holds `needle`: every file
    /// of its folder (the SQLite database, its WAL, the log) and, on
    /// PostgreSQL, a dump of its schema's data.
    pub fn stored_anywhere(&self, needle: &str) -> bool {
        let holds = |bytes: &[u8]| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        let in_files = std::fs::read_dir(self._dir.path())
            .unwrap()
            .any(|entry| holds(&std::fs::read(entry.unwrap().path()).unwrap_or_default()));
        let in_postgres = self.postgres.as_ref().is_some_and(|(base, schema)| {
            let dump = Command::new("pg_dump")
                .args(["--data-only", "--schema", schema, base])
                .output()
                .unwrap();
            assert!(
                dump.status.success(),
                "pg_dump: {}",
                String::from_utf8_lossy(&dump.stderr)
            );
            holds(&dump.stdout)
        });
        in_files || in_postgres
    }

    /// What the server logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap()
    }

    /// Sends `method path` with an optional bearer token and JSON body; (status, body or null).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.client.request(method, format!("{}{path}", self.url));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Signs up a new team; its admin's tokens.
    pub async fn signup(&self, email: &str, team: &str) -> Value {
        let (status, body) = self
            .call(
                "POST",
                "/v1/auth/signup",
                None,
                Some(json!({"email": email, "password": "a long password", "team_name": team})),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        body
    }

    pub async fn login(&self, email: &str, password: &str) -> (u16, Value) {
        self.call(
            "POST",
            "/v1/auth/login",
            None,
            Some(json!({"email": email, "password": password})),
        )
        .await
    }
}

pub fn token(tokens: &Value) -> String {
    tokens["access_token"].as_str().unwrap().to_owned()
}
