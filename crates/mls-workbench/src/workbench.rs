//! The workbench itself: one logged-in session per connection (reused, logged in
//! again by the client when the server drops it) and metadata cached per
//! connection until refreshed.

use std::collections::HashMap;
use std::sync::Arc;

use futures_util::StreamExt;
use rets_client::{ClientConfig, CountMode, Metadata, SearchRequest, Secret, Session};
use serde::Serialize;
use tokio::sync::Mutex;
use ts_rs::TS;

use crate::connection::{ConnectionProfile, Source};
use crate::demo::DemoMls;
use crate::diagnosis::{self, Diagnosis, DiagnosisStep};
use crate::error::WorkbenchError;
use crate::metadata_status::{self, MetadataStatus};
use crate::query::{self, QueryCheck};
use mls_store::Store;

/// Secrets needed to open a session (from the keychain; never stored here).
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// Login password.
    pub password: Option<Secret>,
    /// User-agent password, for servers that require UA authentication.
    pub ua_password: Option<Secret>,
}

/// The first rows of a search, for previews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    /// Column SystemNames.
    pub columns: Vec<String>,
    /// Rows aligned with `columns`, values as sent.
    pub rows: Vec<Vec<String>>,
    /// Total matching records, when the server said.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
}

/// Metadata held for a connection, with where it came from once known.
#[derive(Clone)]
struct CachedMetadata {
    md: Arc<Metadata>,
    status: Option<MetadataStatus>,
}

/// Sessions and metadata for the connections in use.
pub struct Workbench {
    demo: DemoMls,
    /// One cell per connection: a slow login holds only its own connection.
    sessions: Mutex<HashMap<String, Arc<tokio::sync::OnceCell<Session>>>>,
    metadata: Mutex<HashMap<String, CachedMetadata>>,
}

impl Default for Workbench {
    fn default() -> Self {
        Self::new(DemoMls::default())
    }
}

impl Workbench {
    /// A workbench whose Demo MLS runs with the given server.
    pub fn new(demo: DemoMls) -> Self {
        Workbench {
            demo,
            sessions: Mutex::new(HashMap::new()),
            metadata: Mutex::new(HashMap::new()),
        }
    }

    /// The built-in Demo MLS.
    pub fn demo(&self) -> &DemoMls {
        &self.demo
    }

    /// The client configuration for a profile with its secrets.
    pub async fn client_config(
        &self,
        profile: &ConnectionProfile,
        credentials: &Credentials,
    ) -> Result<ClientConfig, WorkbenchError> {
        match &profile.source {
            Source::Demo => self.demo.client_config().await,
            Source::Rets(endpoint) => {
                let password = credentials
                    .password
                    .clone()
                    .ok_or_else(|| WorkbenchError::MissingPassword(profile.name.clone()))?;
                endpoint.client_config(password, credentials.ua_password.clone())
            }
        }
    }

    /// The connection's session, logging in on first use.
    pub async fn session(
        &self,
        profile: &ConnectionProfile,
        credentials: &Credentials,
    ) -> Result<Session, WorkbenchError> {
        let cell = self
            .sessions
            .lock()
            .await
            .entry(profile.id.clone())
            .or_default()
            .clone();
        // A failed login leaves the cell empty: the next use tries again.
        let session = cell
            .get_or_try_init(|| async {
                let config = self.client_config(profile, credentials).await?;
                Ok::<_, WorkbenchError>(Session::connect(config).await?)
            })
            .await?;
        Ok(session.clone())
    }

    /// Logs out and forgets the connection's session and metadata (after an edit
    /// or delete, so the next use logs in with the new settings).
    pub async fn forget(&self, connection_id: &str) {
        let cell = self.sessions.lock().await.remove(connection_id);
        let session = cell.and_then(|c| c.get().cloned());
        self.metadata.lock().await.remove(connection_id);
        if let Some(session) = session
            && let Err(err) = session.logout().await
        {
            tracing::debug!(%err, "logout after forget failed");
        }
    }

    /// Runs a connection test, reporting each step as it completes.
    pub async fn diagnose(
        &self,
        profile: &ConnectionProfile,
        credentials: &Credentials,
        report: impl FnMut(&DiagnosisStep),
    ) -> Result<Diagnosis, WorkbenchError> {
        let config = self.client_config(profile, credentials).await?;
        Ok(diagnosis::diagnose(config, report).await)
    }

    /// All metadata of the connection, from the cache unless `refresh`.
    pub async fn metadata(
        &self,
        profile: &ConnectionProfile,
        credentials: &Credentials,
        refresh: bool,
    ) -> Result<Arc<Metadata>, WorkbenchError> {
        if !refresh && let Some(cached) = self.metadata.lock().await.get(&profile.id) {
            return Ok(cached.md.clone());
        }
        let md = self.fetch_metadata(profile, credentials).await?;
        self.metadata.lock().await.insert(
            profile.id.clone(),
            CachedMetadata {
                md: md.clone(),
                status: None,
            },
        );
        Ok(md)
    }

    async fn fetch_metadata(
        &self,
        profile: &ConnectionProfile,
        credentials: &Credentials,
    ) -> Result<Arc<Metadata>, WorkbenchError> {
        let session = self.session(profile, credentials).await?;
        Ok(Arc::new(session.metadata_all().await?))
    }

    /// All metadata of the connection and where it came from, keeping `store`'s
    /// snapshots of replica connection `replica_id` current. From the server
    /// (unless cached and not `refresh`): stored as a snapshot, with the changes
    /// since the previous one. When the server cannot be used: the newest stored
    /// copy, marked offline with the reason (the error when none is stored).
    pub async fn metadata_with_status(
        &self,
        store: &Store,
        replica_id: i64,
        profile: &ConnectionProfile,
        credentials: &Credentials,
        refresh: bool,
    ) -> Result<(Arc<Metadata>, MetadataStatus), WorkbenchError> {
        let cached = if refresh {
            None
        } else {
            self.metadata.lock().await.get(&profile.id).cloned()
        };
        let fetched = match cached {
            Some(CachedMetadata {
                md,
                status: Some(status),
            }) => return Ok((md, status)),
            Some(CachedMetadata { md, status: None }) => Ok(md),
            None => self.fetch_metadata(profile, credentials).await,
        };
        let (md, status) = match fetched {
            Ok(md) => {
                let status = metadata_status::record_online(store, replica_id, &md).await?;
                (md, status)
            }
            Err(err) if err.is_server_unavailable() => {
                match metadata_status::stored_copy(store, replica_id, &err).await? {
                    Some((md, status)) => {
                        tracing::info!(%err, connection = %profile.id, "metadata served from the stored copy");
                        (Arc::new(md), status)
                    }
                    None => return Err(err),
                }
            }
            Err(err) => return Err(err),
        };
        self.metadata.lock().await.insert(
            profile.id.clone(),
            CachedMetadata {
                md: md.clone(),
                status: Some(status.clone()),
            },
        );
        Ok((md, status))
    }

    /// Checks a query against the class's metadata.
    pub async fn check_query(
        &self,
        profile: &ConnectionProfile,
        credentials: &Credentials,
        resource: &str,
        class: &str,
        text: &str,
    ) -> Result<QueryCheck, WorkbenchError> {
        let md = self.metadata(profile, credentials, false).await?;
        if md.class(resource, class).is_none() {
            return Err(WorkbenchError::UnknownTarget(format!(
                "{resource}:{class} is not a class of this server"
            )));
        }
        Ok(query::check(&md, resource, class, text))
    }

    /// Number of records matching a query (Count=2: no records are sent).
    pub async fn count(
        &self,
        profile: &ConnectionProfile,
        credentials: &Credentials,
        resource: &str,
        class: &str,
        text: &str,
    ) -> Result<u64, WorkbenchError> {
        let session = self.session(profile, credentials).await?;
        let mut request = SearchRequest::new(resource, class, text);
        request.count = CountMode::CountOnly;
        Ok(session.search_count(&request).await?)
    }

    /// The first `limit` records of a query.
    pub async fn preview(
        &self,
        profile: &ConnectionProfile,
        credentials: &Credentials,
        request: SearchRequest,
    ) -> Result<Preview, WorkbenchError> {
        let session = self.session(profile, credentials).await?;
        let mut stream = session.search(request).await?;
        let columns = stream.columns().to_vec();
        let total = stream.record_count();
        let mut rows = Vec::new();
        while let Some(row) = stream.next().await {
            rows.push(row?);
        }
        Ok(Preview {
            columns,
            rows,
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rets_sim::SimConfig;

    fn small_demo() -> Workbench {
        Workbench::new(DemoMls::new(SimConfig {
            listings: 400,
            max_rows: 100,
            ..SimConfig::default()
        }))
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_hanging_login_holds_only_its_own_connection() {
        // A server that accepts and never answers: its login waits for the read timeout.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (accepted_tx, accepted_rx) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            let (held, _) = listener.accept().await.unwrap();
            let _ = accepted_tx.send(());
            std::future::pending::<()>().await;
            drop(held);
        });
        let wb = Arc::new(small_demo());
        let stuck = ConnectionProfile {
            id: "stuck".into(),
            name: "Stuck".into(),
            source: Source::Rets(crate::Endpoint {
                login_url: format!("http://{addr}/login"),
                username: "u".into(),
                user_agent: None,
                rets_version: None,
                use_post: false,
                allow_insecure: false,
            }),
        };
        let creds = Credentials {
            password: Some(Secret::new("pw")),
            ua_password: None,
        };
        let wb2 = wb.clone();
        let hanging = tokio::spawn(async move { wb2.session(&stuck, &creds).await.map(|_| ()) });
        accepted_rx.await.unwrap();
        // The stuck login is in flight; the Demo MLS still opens. (Before, this
        // waited for the stuck login's 300 s read timeout.)
        let demo = tokio::time::timeout(
            std::time::Duration::from_secs(120),
            wb.session(&ConnectionProfile::demo(), &Credentials::default()),
        )
        .await
        .expect("the demo login was blocked by another connection's login");
        assert!(demo.is_ok());
        assert!(!hanging.is_finished());
        hanging.abort();
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn demo_connection_works_end_to_end() {
        let wb = small_demo();
        let demo = ConnectionProfile::demo();
        let none = Credentials::default();
        assert!(wb.demo().login_url().is_none(), "started lazily");

        let diagnosis = wb.diagnose(&demo, &none, |_| {}).await.unwrap();
        assert!(diagnosis.is_ok(), "{diagnosis:?}");
        assert!(
            diagnosis.steps[0].detail.contains("Digest"),
            "{:?}",
            diagnosis.steps[0]
        );
        assert!(wb.demo().login_url().is_some());

        let md = wb.metadata(&demo, &none, false).await.unwrap();
        assert!(md.class("Property", "Residential").is_some());
        let again = wb.metadata(&demo, &none, false).await.unwrap();
        assert!(Arc::ptr_eq(&md, &again), "cached");

        let check = wb
            .check_query(&demo, &none, "Property", "Residential", "(NoSuch=1)")
            .await
            .unwrap();
        assert_eq!(check.issues[0].field.as_deref(), Some("NoSuch"));
        assert_eq!((check.issues[0].start, check.issues[0].end), (1, 7));

        let total = wb
            .count(&demo, &none, "Property", "Residential", "(LIST_PRICE=0+)")
            .await
            .unwrap();
        assert!(total > 100, "more than one page: {total}");

        let mut request = SearchRequest::new("Property", "Residential", "(LIST_PRICE=0+)");
        request.limit = Some(5);
        request.select = Some(vec!["LISTING_KEY".into(), "LIST_PRICE".into()]);
        let preview = wb.preview(&demo, &none, request).await.unwrap();
        assert_eq!(preview.columns, ["LISTING_KEY", "LIST_PRICE"]);
        assert_eq!(preview.rows.len(), 5);
        assert_eq!(preview.total, Some(total));
    }

    #[tokio::test]
    async fn a_rets_connection_needs_a_password_and_says_so() {
        let wb = small_demo();
        let profile = ConnectionProfile {
            id: "x".into(),
            name: "Big MLS".into(),
            source: Source::Rets(crate::Endpoint {
                login_url: "https://rets.example.com/login".into(),
                username: "u".into(),
                user_agent: None,
                rets_version: None,
                use_post: false,
                allow_insecure: false,
            }),
        };
        let err = wb
            .session(&profile, &Credentials::default())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "missing_password");
        assert!(err.to_string().contains("Big MLS"));
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn unreachable_servers_fail_the_first_step_with_a_hint() {
        let wb = small_demo();
        let profile = ConnectionProfile {
            id: "x".into(),
            name: "Down".into(),
            source: Source::Rets(crate::Endpoint {
                login_url: "http://127.0.0.1:9/rets/login".into(),
                username: "u".into(),
                user_agent: None,
                rets_version: None,
                use_post: false,
                allow_insecure: false,
            }),
        };
        let creds = Credentials {
            password: Some(Secret::new("secret-pw")),
            ua_password: None,
        };
        let mut seen = 0;
        let diagnosis = wb.diagnose(&profile, &creds, |_| seen += 1).await.unwrap();
        assert!(!diagnosis.is_ok());
        assert_eq!(diagnosis.steps.len(), 1);
        assert_eq!(seen, 1);
        assert!(diagnosis.steps[0].hint.as_deref().unwrap().contains("URL"));
        assert!(!format!("{diagnosis:?}").contains("secret-pw"));
    }
}
