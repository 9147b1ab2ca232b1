//! Progress of a sync run (records, bytes, rate, ETA) published on a
//! `tokio::sync::watch` channel, which the desktop app forwards to its UI.

use std::time::Instant;

use serde::Serialize;
use tokio::sync::watch;

/// What the run is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Phase {
    /// Waiting for another job on the same server.
    Queued,
    /// Reading and comparing metadata.
    Metadata,
    /// Fetching every key with its timestamp.
    Keys,
    /// Downloading changed records.
    Fetch,
    /// Marking listings gone from the server.
    Deletes,
    /// Finished.
    Done,
}

/// A progress snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// Current phase.
    pub phase: Phase,
    /// Records downloaded and written in this run.
    pub records_done: u64,
    /// Records to download in this run (known after the key phase).
    pub records_total: u64,
    /// Bytes of record values and photos received in this run.
    pub bytes: u64,
    /// Listings marked deleted in this run.
    pub deleted: u64,
    /// Records per second over the fetch phase so far.
    pub rate: f64,
    /// Estimated seconds left in the fetch phase.
    pub eta_secs: Option<f64>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            phase: Phase::Queued,
            records_done: 0,
            records_total: 0,
            bytes: 0,
            deleted: 0,
            rate: 0.0,
            eta_secs: None,
        }
    }
}

/// Keeps the numbers and publishes them.
pub(crate) struct Tracker {
    tx: Option<watch::Sender<Progress>>,
    current: Progress,
    fetch_started: Option<Instant>,
}

impl Tracker {
    pub(crate) fn new(tx: Option<watch::Sender<Progress>>) -> Self {
        Self {
            tx,
            current: Progress::default(),
            fetch_started: None,
        }
    }

    pub(crate) fn phase(&mut self, phase: Phase) {
        self.current.phase = phase;
        if phase == Phase::Fetch {
            self.fetch_started = Some(Instant::now());
        }
        self.publish();
    }

    pub(crate) fn total(&mut self, total: u64) {
        self.current.records_total = total;
        self.publish();
    }

    pub(crate) fn add(&mut self, records: u64, bytes: u64) {
        self.current.records_done += records;
        self.current.bytes += bytes;
        if let Some(start) = self.fetch_started {
            let secs = start.elapsed().as_secs_f64();
            if secs > 0.0 {
                self.current.rate = self.current.records_done as f64 / secs;
            }
            let left = self
                .current
                .records_total
                .saturating_sub(self.current.records_done);
            self.current.eta_secs =
                (self.current.rate > 0.0).then(|| left as f64 / self.current.rate);
        }
        self.publish();
    }

    pub(crate) fn deleted(&mut self, n: u64) {
        self.current.deleted += n;
        self.publish();
    }

    pub(crate) fn snapshot(&self) -> Progress {
        self.current.clone()
    }

    fn publish(&self) {
        if let Some(tx) = &self.tx {
            tx.send_replace(self.current.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_and_eta_follow_records() {
        let (tx, rx) = watch::channel(Progress::default());
        let mut t = Tracker::new(Some(tx));
        t.phase(Phase::Fetch);
        t.total(100);
        std::thread::sleep(std::time::Duration::from_millis(20));
        t.add(50, 1000);
        let p = rx.borrow().clone();
        assert_eq!((p.phase, p.records_done, p.bytes), (Phase::Fetch, 50, 1000));
        assert!(p.rate > 0.0);
        let eta = p.eta_secs.unwrap();
        assert!((eta - 50.0 / p.rate).abs() < 1e-9);
        t.add(50, 0);
        assert_eq!(rx.borrow().eta_secs, Some(0.0));
    }
}
