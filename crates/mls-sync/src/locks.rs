//! One session per server at a time: jobs for the same server account queue on
//! an async mutex, jobs for different servers run side by side.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::OwnedMutexGuard;

/// Per-server async locks, shared by all engines of an app.
#[derive(Debug, Default, Clone)]
pub struct ServerLocks {
    inner: Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>,
}

impl ServerLocks {
    /// A fresh lock table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Wait until no other job holds `server_id`, then hold it until the guard drops.
    pub async fn acquire(&self, server_id: &str) -> OwnedMutexGuard<()> {
        let lock = {
            let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            map.entry(server_id.to_string()).or_default().clone()
        };
        lock.lock_owned().await
    }

    /// Whether a job currently holds `server_id`.
    pub fn is_busy(&self, server_id: &str) -> bool {
        let map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        map.get(server_id).is_some_and(|l| l.try_lock().is_err())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn same_server_waits_other_server_does_not() {
        let locks = ServerLocks::new();
        let g = locks.acquire("a").await;
        assert!(locks.is_busy("a"));
        let other = tokio::time::timeout(Duration::from_millis(50), locks.acquire("b")).await;
        assert!(other.is_ok(), "different server runs concurrently");
        let same = tokio::time::timeout(Duration::from_millis(50), locks.acquire("a")).await;
        assert!(same.is_err(), "same server waits");
        drop(g);
        let same = tokio::time::timeout(Duration::from_millis(50), locks.acquire("a")).await;
        assert!(same.is_ok());
    }
}
