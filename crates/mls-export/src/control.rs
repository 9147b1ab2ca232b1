//! Watching and stopping an export from another thread. The writer counts rows
//! and, while `finish` compresses and writes the file, bytes; a UI polls those
//! counters for its progress bar. A cancel is honoured between rows and inside
//! `finish` (the file writer refuses further bytes), and the half-written
//! temporary file is deleted, so a cancelled export leaves nothing behind.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// What an export is doing right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportPhase {
    /// Rows are being written.
    Writing,
    /// All rows are written; the file is being completed (XLSX: compressed into the zip).
    Finishing,
    /// The file is in place.
    Done,
}

/// Shared progress counters and the cancel switch of one export. Clones share state.
#[derive(Debug, Clone, Default)]
pub struct ExportControl {
    inner: Arc<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    cancelled: AtomicBool,
    phase: AtomicU8,
    rows: AtomicU64,
    total: AtomicU64,
    finish_bytes: AtomicU64,
}

impl ExportControl {
    /// A fresh control: not cancelled, nothing written.
    pub fn new() -> ExportControl {
        ExportControl::default()
    }

    /// Asks the export to stop; it fails with [`crate::ExportError::Cancelled`]
    /// and removes its temporary file.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`ExportControl::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::Relaxed)
    }

    /// The current phase.
    pub fn phase(&self) -> ExportPhase {
        match self.inner.phase.load(Ordering::Relaxed) {
            0 => ExportPhase::Writing,
            1 => ExportPhase::Finishing,
            _ => ExportPhase::Done,
        }
    }

    /// Records the current phase (called by the export driver).
    pub fn set_phase(&self, phase: ExportPhase) {
        let value = match phase {
            ExportPhase::Writing => 0,
            ExportPhase::Finishing => 1,
            ExportPhase::Done => 2,
        };
        self.inner.phase.store(value, Ordering::Relaxed);
    }

    /// Data rows written so far.
    pub fn rows(&self) -> u64 {
        self.inner.rows.load(Ordering::Relaxed)
    }

    /// Counts `n` more written rows.
    pub fn add_rows(&self, n: u64) {
        self.inner.rows.fetch_add(n, Ordering::Relaxed);
    }

    /// Rows expected in all (0 = unknown).
    pub fn total(&self) -> u64 {
        self.inner.total.load(Ordering::Relaxed)
    }

    /// Sets the number of rows expected, for a percentage.
    pub fn set_total(&self, total: u64) {
        self.inner.total.store(total, Ordering::Relaxed);
    }

    /// Bytes of the output file written during the finishing phase.
    pub fn finish_bytes(&self) -> u64 {
        self.inner.finish_bytes.load(Ordering::Relaxed)
    }

    pub(crate) fn add_finish_bytes(&self, n: u64) {
        self.inner.finish_bytes.fetch_add(n, Ordering::Relaxed);
    }
}

/// A writer that counts bytes into an [`ExportControl`] and fails once the
/// export is cancelled, which aborts whatever is writing through it.
pub(crate) struct ControlledWriter<'a, W> {
    pub(crate) inner: W,
    pub(crate) control: &'a ExportControl,
}

/// The error a [`ControlledWriter`] returns after a cancel.
pub(crate) fn cancelled_io() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "export cancelled")
}

impl<W: Write> Write for ControlledWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.control.is_cancelled() {
            // Not ErrorKind::Interrupted for the caller: write_all would retry it.
            return Err(io::Error::other(cancelled_io()));
        }
        let n = self.inner.write(buf)?;
        self.control.add_finish_bytes(n as u64);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.control.is_cancelled() {
            return Err(io::Error::other(cancelled_io()));
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_are_shared_between_clones() {
        let control = ExportControl::new();
        let seen = control.clone();
        control.set_total(10);
        control.add_rows(3);
        control.set_phase(ExportPhase::Finishing);
        assert_eq!((seen.rows(), seen.total()), (3, 10));
        assert_eq!(seen.phase(), ExportPhase::Finishing);
        assert!(!seen.is_cancelled());
        control.cancel();
        assert!(seen.is_cancelled());
    }

    #[test]
    fn writer_counts_bytes_and_stops_after_cancel() {
        let control = ExportControl::new();
        let mut out = Vec::new();
        let mut writer = ControlledWriter {
            inner: &mut out,
            control: &control,
        };
        writer.write_all(b"hello").unwrap();
        assert_eq!(control.finish_bytes(), 5);
        control.cancel();
        assert!(writer.write_all(b"more").is_err());
        assert_eq!(out, b"hello");
    }
}
