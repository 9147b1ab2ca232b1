//! One data folder's worth of the product: the workbench (sessions, metadata,
//! the Demo MLS), the replica, the password store and the sync engine, and the
//! rules that tie a connection id or name to all four.
//!
//! The desktop app manages one `Portal`; the CLI opens the app's folder through
//! the same type for `--connection NAME`, so both resolve a connection, its
//! secrets and its replica row the same way.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use mls_store::secrets::{SecretKey, SecretStore, Secrets};
use mls_store::{HttpMethod, NewConnection, Store};
use mls_sync::{ServerLocks, SyncEngine};
use rets_client::Secret;
use rets_client::config::ClientConfig;
use tokio::sync::OnceCell;

use crate::{
    ClassTarget, ConnectionProfile, Credentials, Endpoint, Source, Workbench, WorkbenchError,
};

pub mod analytics;
pub mod connections;
pub mod export;
pub mod history;
pub mod import;
pub mod metadata;
pub mod photos;
pub mod query;
pub mod replica;
pub mod secrets;
pub mod sync;
pub mod team;

/// Marks the Demo MLS's row in the replica (its port changes from run to run).
pub const DEMO_TEMPLATE: &str = "demo";

/// Everything that works on one data folder.
pub struct Portal {
    /// Sessions, cached metadata and the built-in Demo MLS.
    pub workbench: Workbench,
    /// The local replica.
    pub store: Store,
    /// Where passwords live: the OS keychain, or the encrypted file the user chose.
    pub secrets: Arc<Secrets>,
    /// Syncs classes into the replica, one job per server at a time.
    pub sync: SyncEngine,
    /// Folder of the replica database.
    pub data_dir: PathBuf,
    demo_row: OnceCell<i64>,
    /// The signed-in team's client (none until first used).
    team: team::TeamSlot,
}

impl Portal {
    /// Opens (or creates) the replica in `data_dir`; `keychain` stands for the OS
    /// keychain (the encrypted file replaces it when the user chose that).
    pub async fn open(
        data_dir: &Path,
        keychain: Arc<dyn SecretStore>,
        workbench: Workbench,
    ) -> Result<Self, WorkbenchError> {
        std::fs::create_dir_all(data_dir).map_err(|e| WorkbenchError::NoFolder {
            path: data_dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let store = Store::open(&data_dir.join(mls_store::APP_DATABASE)).await?;
        Ok(Portal {
            workbench,
            sync: SyncEngine::new(store.clone(), ServerLocks::new()),
            store,
            secrets: Arc::new(Secrets::with_keychain(keychain, data_dir)),
            data_dir: data_dir.to_path_buf(),
            demo_row: OnceCell::new(),
            team: team::TeamSlot::default(),
        })
    }

    /// Opens the folder the desktop app already uses, with the OS keychain;
    /// `no_app_data` when the app has never run there (nothing is created).
    pub async fn open_existing(data_dir: &Path) -> Result<Self, WorkbenchError> {
        if !data_dir.join(mls_store::APP_DATABASE).exists() {
            return Err(WorkbenchError::NoAppData(data_dir.to_path_buf()));
        }
        let keychain = mls_store::secrets::KeychainStore::new(mls_store::APP_IDENTIFIER);
        Self::open(data_dir, Arc::new(keychain), Workbench::default()).await
    }

    /// The connections the user can pick: the built-in Demo MLS, then saved ones.
    pub async fn profiles(&self) -> Result<Vec<ConnectionProfile>, WorkbenchError> {
        let mut profiles = Vec::new();
        if crate::demo::AVAILABLE {
            profiles.push(ConnectionProfile::demo());
        }
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

    /// The profile with this id.
    pub async fn profile(&self, id: &str) -> Result<ConnectionProfile, WorkbenchError> {
        self.profiles()
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| WorkbenchError::UnknownConnection(id.to_owned()))
    }

    /// The profile saved under `name` (exact match first, then ignoring case);
    /// "Demo MLS" is the built-in one.
    pub async fn profile_named(&self, name: &str) -> Result<ConnectionProfile, WorkbenchError> {
        let mut profiles = self.profiles().await?;
        let found = profiles.iter().position(|p| p.name == name).or_else(|| {
            profiles
                .iter()
                .position(|p| p.name.eq_ignore_ascii_case(name))
        });
        match found {
            Some(i) => Ok(profiles.swap_remove(i)),
            None => Err(WorkbenchError::UnknownConnectionName {
                name: name.to_owned(),
                known: profiles.into_iter().map(|p| p.name).collect(),
            }),
        }
    }

    /// Row ids of the saved connections (not the Demo MLS): whose secrets move
    /// when the password storage changes.
    pub async fn saved_connection_ids(&self) -> Result<Vec<i64>, WorkbenchError> {
        Ok(self
            .store
            .connections()
            .await?
            .into_iter()
            .filter(|c| c.fields.vendor_template.as_deref() != Some(DEMO_TEMPLATE))
            .map(|c| c.id)
            .collect())
    }

    /// The secrets of a connection (the Demo MLS needs none).
    pub async fn credentials(
        &self,
        profile: &ConnectionProfile,
    ) -> Result<Credentials, WorkbenchError> {
        let Source::Rets(_) = profile.source else {
            return Ok(Credentials::default());
        };
        let id = replica_id(profile)?;
        let secrets = self.secrets.clone();
        // Keychains block (D-Bus, a prompt); keep them off the async workers.
        tokio::task::spawn_blocking(move || {
            let get = |key| secrets.get(&key).map(|s| s.map(Secret::new));
            Ok(Credentials {
                password: get(SecretKey::password(id))?,
                ua_password: get(SecretKey::ua_password(id))?,
            })
        })
        .await
        .map_err(|e| WorkbenchError::Internal(e.to_string()))?
    }

    /// The replica's connection row for a profile (created for the Demo MLS on first use).
    pub async fn replica_connection(
        &self,
        profile: &ConnectionProfile,
    ) -> Result<i64, WorkbenchError> {
        if !profile.is_demo() {
            return replica_id(profile);
        }
        self.demo_row
            .get_or_try_init(|| demo_row(&self.store))
            .await
            .copied()
    }

    /// The replica table of `target`; `not_synced` when that class has never
    /// been downloaded.
    pub async fn synced_table(
        &self,
        target: &ClassTarget,
    ) -> Result<mls_store::ListingTable, WorkbenchError> {
        let profile = self.profile(&target.connection_id).await?;
        let replica_id = self.replica_connection(&profile).await?;
        self.store
            .listing_table(replica_id, &target.resource, &target.class)
            .await?
            .ok_or_else(|| WorkbenchError::NotSynced(target.to_string()))
    }
}

/// The Demo MLS's row in `store`, created on first use.
pub async fn demo_row(store: &Store) -> Result<i64, WorkbenchError> {
    if let Some(c) = store
        .connections()
        .await?
        .into_iter()
        .find(|c| c.fields.vendor_template.as_deref() == Some(DEMO_TEMPLATE))
    {
        return Ok(c.id);
    }
    let created = store
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
    Ok(created.id)
}

/// The row of a server given by login URL and user (not saved in the app): the
/// one with the same URL and user, else a new row named after the host.
pub async fn login_row(store: &Store, config: &ClientConfig) -> Result<i64, WorkbenchError> {
    let login_url = config.login_url.to_string();
    let existing = store.connections().await?;
    if let Some(c) = existing
        .iter()
        .find(|c| c.fields.login_url == login_url && c.fields.username == config.username)
    {
        return Ok(c.id);
    }
    let host = config.login_url.host_str().unwrap_or("server");
    let created = store
        .create_connection(&NewConnection {
            name: format!("{host} ({})", config.username),
            login_url,
            username: config.username.clone(),
            user_agent: config.user_agent.clone(),
            rets_version: config.rets_version.clone(),
            http_method: HttpMethod::Get,
            vendor_template: None,
            options: serde_json::json!({}),
        })
        .await?;
    Ok(created.id)
}

fn replica_id(profile: &ConnectionProfile) -> Result<i64, WorkbenchError> {
    profile.id.parse().map_err(|_| {
        WorkbenchError::Internal(format!(
            "connection id {:?} is not a replica id",
            profile.id
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mls_store::secrets::MemoryStore;

    async fn portal(dir: &Path) -> Portal {
        Portal::open(dir, Arc::new(MemoryStore::default()), Workbench::default())
            .await
            .unwrap()
    }

    fn saved(name: &str, url: &str) -> NewConnection {
        NewConnection {
            name: name.to_owned(),
            login_url: url.to_owned(),
            username: "agent".to_owned(),
            user_agent: String::new(),
            rets_version: String::new(),
            http_method: HttpMethod::Get,
            vendor_template: None,
            options: serde_json::json!({}),
        }
    }

    #[tokio::test]
    async fn names_and_ids_resolve_to_the_same_profile_and_row() {
        let dir = tempfile::tempdir().unwrap();
        let portal = portal(dir.path()).await;
        let row = portal
            .store
            .create_connection(&saved("Big MLS", "https://rets.example.com/login"))
            .await
            .unwrap();
        portal
            .secrets
            .set(&SecretKey::password(row.id), "pw")
            .unwrap();

        let by_name = portal.profile_named("big mls").await.unwrap();
        assert_eq!(by_name.id, row.id.to_string());
        assert_eq!(portal.profile(&by_name.id).await.unwrap().name, "Big MLS");
        let creds = portal.credentials(&by_name).await.unwrap();
        assert_eq!(creds.password.unwrap().expose(), "pw");
        assert_eq!(portal.replica_connection(&by_name).await.unwrap(), row.id);

        let demo = portal.profile_named("Demo MLS").await.unwrap();
        assert!(demo.is_demo());
        let demo_row_id = portal.replica_connection(&demo).await.unwrap();
        assert_eq!(
            demo_row(&portal.store).await.unwrap(),
            demo_row_id,
            "one Demo MLS row"
        );
        assert_eq!(portal.saved_connection_ids().await.unwrap(), vec![row.id]);

        let err = portal.profile_named("Other").await.unwrap_err();
        assert_eq!(err.code(), "unknown_connection");
        assert!(err.to_string().contains("Demo MLS, Big MLS"), "{err}");
        let err = portal.profile("99").await.unwrap_err();
        assert_eq!(err.code(), "unknown_connection");
        let err = portal
            .synced_table(&ClassTarget::new(&by_name.id, "Property", "RES"))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "not_synced");
    }

    #[tokio::test]
    async fn a_server_given_by_url_gets_one_row_per_url_and_user() {
        let dir = tempfile::tempdir().unwrap();
        let portal = portal(dir.path()).await;
        let url = url::Url::parse("https://rets.example.com/login").unwrap();
        let config = ClientConfig::new(url, "agent".to_owned(), "pw".to_owned());
        let first = login_row(&portal.store, &config).await.unwrap();
        assert_eq!(login_row(&portal.store, &config).await.unwrap(), first);
        let other = ClientConfig::new(
            config.login_url.clone(),
            "other".to_owned(),
            "pw".to_owned(),
        );
        assert_ne!(login_row(&portal.store, &other).await.unwrap(), first);
        let rows = portal.store.connections().await.unwrap();
        assert_eq!(rows[0].fields.name, "rets.example.com (agent)");
    }

    #[tokio::test]
    async fn the_app_folder_must_exist_for_open_existing() {
        let dir = tempfile::tempdir().unwrap();
        let err = Portal::open_existing(dir.path()).await.err().unwrap();
        assert_eq!(err.code(), "no_app_data");
        assert!(
            !dir.path().join(mls_store::APP_DATABASE).exists(),
            "nothing created"
        );
    }
}
