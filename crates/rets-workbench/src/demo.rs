//! The built-in Demo MLS: the project's RETS simulator, started in this process
//! on a loopback port the first time a Demo connection is used.

use rets_client::ClientConfig;
use rets_sim::{RunningSim, SimConfig, Simulator};
use tokio::sync::OnceCell;
use url::Url;

use crate::error::WorkbenchError;

/// The Demo MLS server of this process.
pub struct DemoMls {
    config: SimConfig,
    running: OnceCell<RunningSim>,
}

impl Default for DemoMls {
    fn default() -> Self {
        Self::new(SimConfig::default())
    }
}

impl DemoMls {
    /// A Demo MLS that will run with `config` once started.
    pub fn new(config: SimConfig) -> Self {
        DemoMls {
            config,
            running: OnceCell::new(),
        }
    }

    /// Starts the server if needed and returns it.
    pub async fn server(&self) -> Result<&RunningSim, WorkbenchError> {
        self.running
            .get_or_try_init(|| async {
                tracing::info!(listings = self.config.listings, "starting the Demo MLS");
                Simulator::start(self.config.clone())
                    .await
                    .map_err(|e| WorkbenchError::Demo(e.to_string()))
            })
            .await
    }

    /// Client configuration for the Demo MLS (starting it if needed).
    pub async fn client_config(&self) -> Result<ClientConfig, WorkbenchError> {
        let server = self.server().await?;
        let url =
            Url::parse(&server.login_url()).map_err(|e| WorkbenchError::Demo(e.to_string()))?;
        Ok(ClientConfig::new(
            url,
            self.config.username.clone(),
            self.config.password.clone(),
        ))
    }

    /// The login URL, when the server is running.
    pub fn login_url(&self) -> Option<String> {
        self.running.get().map(RunningSim::login_url)
    }
}
