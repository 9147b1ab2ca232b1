//! Writing small text outputs (counts, metadata JSON) to a file or stdout.
//! Files are written whole to a temporary sibling and renamed, so a failure
//! never leaves a half-written file behind.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `text` to `out`, or to standard output when `out` is `None`.
pub fn write_text(out: Option<&Path>, text: &str) -> Result<()> {
    match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
            Ok(())
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let mut tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write to folder {}", dir.display()))?;
            tmp.write_all(text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(())
        }
    }
}
