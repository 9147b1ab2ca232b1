//! Turns `<conn>` arguments into a logged-in RETS session, starting the built-in
//! Demo MLS in this process when `--demo` is given.

use anyhow::{Context, Result};
use rets_client::Session;
use rets_client::config::ClientConfig;
use rets_sim::{RunningSim, SimConfig, Simulator};

use crate::args::ConnArgs;

/// A logged-in session; keeps the Demo MLS alive while it is in use.
pub struct Connection {
    pub session: Session,
    _demo: Option<RunningSim>,
}

impl Connection {
    /// Logs in with the given arguments.
    pub async fn open(args: &ConnArgs) -> Result<Self> {
        let (config, demo) = if args.demo {
            let sim = Simulator::start(SimConfig::default())
                .await
                .context("cannot start the Demo MLS")?;
            let url = url::Url::parse(&sim.login_url()).context("Demo MLS login URL")?;
            let defaults = SimConfig::default();
            let config =
                ClientConfig::new(url, defaults.username.clone(), defaults.password.clone());
            (config, Some(sim))
        } else {
            (client_config(args)?, None)
        };
        let session = Session::connect(config).await?;
        Ok(Connection {
            session,
            _demo: demo,
        })
    }

    /// Logs out, reporting (not failing on) a server that refuses.
    pub async fn close(self) {
        match self.session.logout().await {
            Ok(_) | Err(rets_client::RetsError::MissingCapability(_)) => {}
            Err(err) => eprintln!("warning: logout failed: {err}"),
        }
    }
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
