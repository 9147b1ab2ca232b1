//! Turns `<conn>` arguments into a logged-in RETS session, starting the built-in
//! Demo MLS in this process when `--demo` is given, or reading a connection the
//! desktop app saved when `--connection NAME` is given.

use std::path::Path;

use anyhow::{Context, Result, bail};
use rets_client::Session;
use rets_client::config::ClientConfig;
use rets_sim::{RunningSim, SimConfig, Simulator};
use rets_store::Store;
use rets_store::secrets::{BackendKind, SecretKey, SecretStore, Secrets};

use crate::args::ConnArgs;

/// A logged-in session; keeps the Demo MLS alive while it is in use.
pub struct Connection {
    pub session: Session,
    _demo: Option<RunningSim>,
}

/// Environment variable holding the passphrase of the app's encrypted password
/// file, for `--connection` when the app keeps passwords in that file.
pub const PASSPHRASE_ENV: &str = "RETS_PORTAL_PASSPHRASE";

impl Connection {
    /// Logs in with the given arguments.
    pub async fn open(args: &ConnArgs) -> Result<Self> {
        let saved = match &args.connection {
            Some(name) => {
                Some(saved_connection(name, args.app_data.as_deref(), args.allow_insecure).await?)
            }
            None => None,
        };
        let (config, demo) = if args.demo || matches!(saved, Some(Saved::Demo)) {
            let sim = Simulator::start(SimConfig::default())
                .await
                .context("cannot start the Demo MLS")?;
            let url = url::Url::parse(&sim.login_url()).context("Demo MLS login URL")?;
            let defaults = SimConfig::default();
            let config =
                ClientConfig::new(url, defaults.username.clone(), defaults.password.clone());
            (config, Some(sim))
        } else if let Some(Saved::Rets(config)) = saved {
            (*config, None)
        } else {
            (client_config(args)?, None)
        };
        let mut config = config;
        config.max_reply_bytes = args.max_reply_mib << 20;
        let session = Session::connect(config).await?;
        Ok(Connection {
            session,
            _demo: demo,
        })
    }

    /// True when this is the built-in Demo MLS.
    pub fn is_demo(&self) -> bool {
        self._demo.is_some()
    }

    /// Logs out, reporting (not failing on) a server that refuses.
    pub async fn close(self) {
        match self.session.logout().await {
            Ok(_) | Err(rets_client::RetsError::MissingCapability(_)) => {}
            Err(err) => eprintln!("warning: logout failed: {err}"),
        }
    }
}

/// A connection saved in the desktop app.
enum Saved {
    Demo,
    Rets(Box<ClientConfig>),
}

/// Reads connection `name` and its passwords from the app's data folder.
async fn saved_connection(
    name: &str,
    app_data: Option<&Path>,
    allow_insecure: bool,
) -> Result<Saved> {
    let dir = match app_data {
        Some(dir) => dir.to_path_buf(),
        None => rets_store::app_data_dir()
            .context("this platform has no data folder; pass --app-data DIR")?,
    };
    let db = dir.join(rets_store::APP_DATABASE);
    if !db.exists() {
        bail!(
            "no desktop app data in {} (no {}): save the connection in the app first, or pass --app-data DIR",
            dir.display(),
            rets_store::APP_DATABASE
        );
    }
    let store = Store::open(&db)
        .await
        .with_context(|| format!("cannot open the app's database {}", db.display()))?;
    let connections = store.connections().await;
    store.close().await;
    let connections = connections?;
    let Some(found) = connections
        .iter()
        .find(|c| c.fields.name == name)
        .or_else(|| {
            connections
                .iter()
                .find(|c| c.fields.name.eq_ignore_ascii_case(name))
        })
    else {
        let names: Vec<_> = connections.iter().map(|c| c.fields.name.as_str()).collect();
        bail!(
            "no saved connection named {name:?}; the app has: {}",
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        );
    };
    if found.fields.vendor_template.as_deref() == Some(crate::replica::DEMO_TEMPLATE) {
        return Ok(Saved::Demo);
    }
    let secrets = Secrets::new(rets_store::APP_IDENTIFIER, &dir);
    let status = secrets.status();
    if status.backend == BackendKind::EncryptedFile && !status.unlocked {
        let passphrase = std::env::var(PASSPHRASE_ENV).map_err(|_| {
            anyhow::anyhow!(
                "the app keeps passwords in an encrypted file ({}); set {PASSPHRASE_ENV} to its passphrase",
                status.vault_path.display()
            )
        })?;
        secrets
            .unlock(&passphrase)
            .context("cannot unlock the app's encrypted password file")?;
    }
    let id = found.id;
    let password = secrets
        .get(&SecretKey::password(id))
        .with_context(|| format!("cannot read the password of {name:?}"))?
        .with_context(|| {
            format!("the app has no password stored for {name:?}; edit the connection in the app and save its password")
        })?;
    let ua_password = secrets
        .get(&SecretKey::ua_password(id))
        .with_context(|| format!("cannot read the user-agent password of {name:?}"))?;
    let fields = &found.fields;
    let mut endpoint = rets_workbench::Endpoint::of_saved(fields);
    endpoint.allow_insecure |= allow_insecure;
    let config = endpoint
        .client_config(password.into(), ua_password.map(Into::into))
        .with_context(|| format!("the saved connection {name:?} is not usable"))?;
    Ok(Saved::Rets(Box::new(config)))
}

fn client_config(args: &ConnArgs) -> Result<ClientConfig> {
    // clap enforces presence unless --demo; these are defensive.
    let login_url = args
        .login_url
        .as_deref()
        .context("--login-url is required")?;
    let url = url::Url::parse(login_url)
        .with_context(|| format!("--login-url {login_url:?} is not a valid URL"))?;
    if !matches!(url.scheme(), "http" | "https") {
        anyhow::bail!("--login-url must be an http:// or https:// URL, not {login_url:?}");
    }
    let username = args.username.clone().context("--username is required")?;
    let password = args.password.clone().context("--password is required")?;
    let mut config = ClientConfig::new(url, username, password);
    if let Some(ua) = &args.user_agent {
        config.user_agent = ua.clone();
    }
    if let Some(uap) = &args.ua_password {
        config.ua_password = Some(uap.clone().into());
    }
    if let Some(version) = &args.rets_version {
        config.rets_version = normalise_version(version);
    }
    config.allow_insecure = args.allow_insecure;
    Ok(config)
}

/// Accepts `1.7.2` as well as `RETS/1.7.2`.
fn normalise_version(v: &str) -> String {
    let v = v.trim();
    if v.to_ascii_uppercase().starts_with("RETS/") {
        v.to_owned()
    } else {
        format!("RETS/{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_gets_the_rets_prefix() {
        assert_eq!(normalise_version("1.7.2"), "RETS/1.7.2");
        assert_eq!(normalise_version("RETS/1.8"), "RETS/1.8");
    }
}
