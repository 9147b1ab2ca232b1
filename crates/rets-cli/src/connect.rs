//! Turns `<conn>` arguments into a logged-in RETS session, starting the built-in
//! Demo MLS in this process when `--demo` is given, or reading a connection the
//! desktop app saved when `--connection NAME` is given.

use std::path::Path;

use anyhow::{Context, Result};
use mls_store::secrets::BackendKind;
use mls_workbench::{Portal, Source};
use rets_client::Session;
use rets_client::config::ClientConfig;
use rets_sim::{RunningSim, SimConfig, Simulator};

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

/// Reads connection `name` and its passwords from the app's data folder, the
/// way the app resolves it (the application layer's [`Portal`]).
async fn saved_connection(
    name: &str,
    app_data: Option<&Path>,
    allow_insecure: bool,
) -> Result<Saved> {
    let dir = match app_data {
        Some(dir) => dir.to_path_buf(),
        None => mls_store::app_data_dir()
            .context("this platform has no data folder; pass --app-data DIR")?,
    };
    let portal = Portal::open_existing(&dir).await?;
    let resolved = resolve(&portal, name, allow_insecure).await;
    portal.store.close().await;
    resolved
}

async fn resolve(portal: &Portal, name: &str, allow_insecure: bool) -> Result<Saved> {
    let profile = portal.profile_named(name).await?;
    if profile.is_demo() {
        return Ok(Saved::Demo);
    }
    let status = portal.secrets.status();
    if status.backend == BackendKind::EncryptedFile && !status.unlocked {
        let passphrase = std::env::var(PASSPHRASE_ENV).map_err(|_| {
            anyhow::anyhow!(
                "the app keeps passwords in an encrypted file ({}); set {PASSPHRASE_ENV} to its passphrase",
                status.vault_path.display()
            )
        })?;
        portal
            .secrets
            .unlock(&passphrase)
            .context("cannot unlock the app's encrypted password file")?;
    }
    let credentials = portal
        .credentials(&profile)
        .await
        .with_context(|| format!("cannot read the passwords of {name:?}"))?;
    let mut profile = profile;
    if let Source::Rets(endpoint) = &mut profile.source {
        endpoint.allow_insecure |= allow_insecure;
    }
    let config = portal
        .workbench
        .client_config(&profile, &credentials)
        .await
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
