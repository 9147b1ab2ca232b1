//! The built-in Demo MLS: the project's RETS simulator, started in this process
//! on a loopback port the first time a Demo connection is used. Builds without
//! the `demo` feature (a server) have no Demo MLS: it is not listed, and using
//! it is a `demo_failed` error.

#[cfg(feature = "demo")]
pub use with_sim::DemoMls;
#[cfg(not(feature = "demo"))]
pub use without_sim::DemoMls;

/// True when this build embeds the Demo MLS.
pub const AVAILABLE: bool = cfg!(feature = "demo");

#[cfg(not(feature = "demo"))]
mod without_sim {
    use rets_client::ClientConfig;

    use crate::error::WorkbenchError;

    /// No Demo MLS in this build.
    #[derive(Debug, Default)]
    pub struct DemoMls {
        // Built only through `Default`, like the real one.
        _private: (),
    }

    impl DemoMls {
        /// Always an error: this build has no Demo MLS.
        pub async fn client_config(&self) -> Result<ClientConfig, WorkbenchError> {
            Err(WorkbenchError::Demo(
                "this build has no Demo MLS (built without the demo feature)".to_owned(),
            ))
        }

        /// Never running.
        pub fn login_url(&self) -> Option<String> {
            None
        }
    }
}

#[cfg(feature = "demo")]
mod with_sim {
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
}
