//! What the app keeps while it runs: the workbench (sessions, metadata, the
//! Demo MLS), the local replica, the keychain and the sync engine.

use std::path::Path;
use std::sync::Arc;

use rets_client::Secret;
use rets_store::secrets::{SecretKey, SecretStore, Secrets};
use rets_store::{HttpMethod, NewConnection, Store};
use rets_sync::{ServerLocks, SyncEngine};
use rets_workbench::{ConnectionProfile, Credentials, Endpoint, Source, Workbench};
use tokio::sync::OnceCell;

use crate::error::{CommandError, CommandResult};

/// Keychain service name under which connection secrets are kept.
pub const KEYCHAIN_SERVICE: &str = rets_store::APP_IDENTIFIER;

/// Marks the Demo MLS's row in the replica (its port changes from run to run).
pub const DEMO_TEMPLATE: &str = "demo";

/// Managed state shared by the commands.
pub struct AppState {
    /// Sessions, cached metadata and the built-in Demo MLS.
    pub workbench: Workbench,
    /// The local replica.
    pub store: Store,
    /// Where passwords live: the OS keychain, or the encrypted file the user chose.
    pub secrets: Arc<Secrets>,
    /// Syncs classes into the replica, one job per server at a time.
    pub sync: SyncEngine,
    /// Folder of the replica database.
    pub data_dir: std::path::PathBuf,
    demo_row: OnceCell<i64>,
}

impl AppState {
    /// Opens (or creates) the replica in `data_dir`; `keychain` stands for the OS
    /// keychain (the encrypted file replaces it when the user chose that).
    pub async fn open(
        data_dir: &Path,
        keychain: Arc<dyn SecretStore>,
    ) -> Result<Self, CommandError> {
        Self::open_with(data_dir, keychain, Workbench::default()).await
    }

    /// Like [`AppState::open`] with a given workbench (tests use a small Demo MLS).
    pub async fn open_with(
        data_dir: &Path,
        keychain: Arc<dyn SecretStore>,
        workbench: Workbench,
    ) -> Result<Self, CommandError> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            CommandError::new(
                "no_folder",
                format!("Cannot create the data folder {}: {e}", data_dir.display()),
            )
        })?;
        let store = Store::open(&data_dir.join(rets_store::APP_DATABASE)).await?;
        Ok(AppState {
            workbench,
            sync: SyncEngine::new(store.clone(), ServerLocks::new()),
            store,
            secrets: Arc::new(Secrets::with_keychain(keychain, data_dir)),
            data_dir: data_dir.to_path_buf(),
            demo_row: OnceCell::new(),
        })
    }

    /// Opens the state with the OS keychain.
    pub async fn open_with_keychain(data_dir: &Path) -> Result<Self, CommandError> {
        let keychain = rets_store::secrets::KeychainStore::new(KEYCHAIN_SERVICE);
        Self::open(data_dir, Arc::new(keychain)).await
    }

    /// The connections the user can pick: the built-in Demo MLS, then saved ones.
    pub async fn profiles(&self) -> CommandResult<Vec<ConnectionProfile>> {
        let mut profiles = vec![ConnectionProfile::demo()];
        for c in self.store.connections().await? {
            if c.fields.vendor_template.as_deref() == Some(DEMO_TEMPLATE) {
                continue;
            }
            profiles.push(ConnectionProfile {
                id: c.id.to_string(),
                name: c.fields.name.clone(),
                source: Source::Rets(Endpoint::of_saved(&c.fields)),
            });
        }
        Ok(profiles)
    }

    /// Row ids of the saved connections (not the Demo MLS): whose secrets move
    /// when the password storage changes.
    pub async fn saved_connection_ids(&self) -> CommandResult<Vec<i64>> {
        Ok(self
            .store
            .connections()
            .await?
            .into_iter()
            .filter(|c| c.fields.vendor_template.as_deref() != Some(DEMO_TEMPLATE))
            .map(|c| c.id)
            .collect())
    }

    /// The replica table of `resource:class` for connection `connection_id`;
    /// `not_synced` when that class has never been downloaded.
    pub async fn synced_table(
        &self,
        connection_id: &str,
        resource: &str,
        class: &str,
    ) -> CommandResult<rets_store::ListingTable> {
        let profile = self.profile(connection_id).await?;
        let replica_id = self.replica_connection(&profile).await?;
        self.store
            .listing_table(replica_id, resource, class)
            .await?
            .ok_or_else(|| {
                CommandError::new(
                    "not_synced",
                    format!("{resource}:{class} has not been downloaded yet; sync it first."),
                )
            })
    }

    /// The profile with this id.
    pub async fn profile(&self, id: &str) -> CommandResult<ConnectionProfile> {
        self.profiles()
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| {
                CommandError::new(
                    "unknown_connection",
                    format!("There is no connection with id \"{id}\"; pick one from the connection list."),
                )
            })
    }

    /// The secrets of a connection, from the keychain (the Demo MLS needs none).
    pub async fn credentials(&self, profile: &ConnectionProfile) -> CommandResult<Credentials> {
        let Source::Rets(_) = profile.source else {
            return Ok(Credentials::default());
        };
        let id = replica_id(profile)?;
        let secrets = self.secrets.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let get = |key| secrets.get(&key).map(|s| s.map(Secret::new));
            Ok(Credentials {
                password: get(SecretKey::password(id))?,
                ua_password: get(SecretKey::ua_password(id))?,
            })
        })
        .await
        .map_err(|e| CommandError::internal(e.to_string()))?
    }

    /// The replica's connection row for a profile (created for the Demo MLS on first use).
    pub async fn replica_connection(&self, profile: &ConnectionProfile) -> CommandResult<i64> {
        if !profile.is_demo() {
            return replica_id(profile);
        }
        self.demo_row
            .get_or_try_init(|| async {
                if let Some(c) = self
                    .store
                    .connections()
                    .await?
                    .into_iter()
                    .find(|c| c.fields.vendor_template.as_deref() == Some(DEMO_TEMPLATE))
                {
                    return Ok(c.id);
                }
                let created = self
                    .store
                    .create_connection(&NewConnection {
                        name: "Demo MLS".to_owned(),
                        login_url: "builtin:demo".to_owned(),
                        username: "demo".to_owned(),
                        user_agent: String::new(),
                        rets_version: String::new(),
                        http_method: HttpMethod::Get,
                        vendor_template: Some(DEMO_TEMPLATE.to_owned()),
                        options: serde_json::json!({}),
                    })
                    .await?;
                Ok::<i64, CommandError>(created.id)
            })
            .await
            .copied()
    }
}

fn replica_id(profile: &ConnectionProfile) -> CommandResult<i64> {
    profile.id.parse().map_err(|_| {
        CommandError::internal(format!(
            "connection id {:?} is not a replica id",
            profile.id
        ))
    })
}
