//! A growable read buffer that is both the `BufRead` the XML parser pulls from and a
//! window the COMPACT fast path can look ahead in (a whole `<DATA>` line at a time),
//! so plain rows skip the XML tokenizer without breaking its position.

use std::io::{BufRead, Read};

/// Bytes read per refill.
const CHUNK: usize = 64 * 1024;

/// Buffered input with look-ahead beyond one refill.
pub(crate) struct Feed<R> {
    src: R,
    /// `buf[pos..end]` is unconsumed input; `buf[end..]` is room for the next read.
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
}

impl<R: Read> Feed<R> {
    pub(crate) fn new(src: R) -> Self {
        Feed {
            src,
            buf: Vec::new(),
            pos: 0,
            end: 0,
            eof: false,
        }
    }

    /// The bytes read but not consumed yet.
    pub(crate) fn available(&self) -> &[u8] {
        &self.buf[self.pos..self.end]
    }

    /// True once the source reported its end (nothing more will arrive).
    pub(crate) fn at_eof(&self) -> bool {
        self.eof
    }

    /// Appends more input after the unconsumed bytes; returns how many arrived (0 at
    /// the end of the input).
    pub(crate) fn read_more(&mut self) -> std::io::Result<usize> {
        if self.eof {
            return Ok(0);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.buf.len() - self.end < CHUNK / 2 {
            // Grows (and zeroes) only when the look-ahead outgrows the buffer.
            let len = (self.buf.len() * 2).max(self.end + CHUNK);
            self.buf.resize(len, 0);
        }
        let n = loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.end += n;
        if n == 0 {
            self.eof = true;
        }
        Ok(n)
    }
}

impl<R: Read> Read for Feed<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Feed<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.end {
            self.pos = 0;
            self.end = 0;
            self.read_more()?;
        }
        Ok(self.available())
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.end);
    }
}

#[cfg(test)]
mod tests {
    use super::Feed;
    use std::io::{BufRead, Read};

    /// Hands out at most three bytes per read.
    struct Slow<'a>(&'a [u8]);
    impl Read for Slow<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(3).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn look_ahead_grows_the_window_and_reads_resume_after_it() {
        let mut f = Feed::new(Slow(b"abcdefgh"));
        assert_eq!(f.fill_buf().unwrap(), b"abc");
        f.consume(1);
        assert_eq!(f.read_more().unwrap(), 3);
        assert_eq!(f.available(), b"bcdef");
        f.consume(4);
        let mut rest = String::new();
        f.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "fgh");
        assert_eq!(f.read_more().unwrap(), 0);
        assert!(f.at_eof());
    }
}

/// A run of bytes without `<` or `>` (one row's text, one tag) longer than
/// allowed: a reply that never closes its row would otherwise grow without bound.
#[derive(Debug)]
pub(crate) struct RunTooLong(pub usize);

impl std::fmt::Display for RunTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a row or tag longer than {} bytes", self.0)
    }
}

impl std::error::Error for RunTooLong {}

/// Passes bytes through, failing with [`RunTooLong`] once more than `limit`
/// bytes arrive between two markup characters. Sits under every parsing path
/// (fast or XML), so no buffer above it can grow past the limit.
pub(crate) struct MarkupRuns<R> {
    src: R,
    run: usize,
    limit: usize,
}

impl<R> MarkupRuns<R> {
    pub(crate) fn new(src: R, limit: usize) -> Self {
        MarkupRuns { src, run: 0, limit }
    }
}

impl<R: Read> Read for MarkupRuns<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.src.read(buf)?;
        let read = &buf[..n];
        self.run = match memchr::memrchr2(b'<', b'>', read) {
            Some(i) => read.len() - i - 1,
            None => self.run + read.len(),
        };
        if self.run > self.limit {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                RunTooLong(self.limit),
            ));
        }
        Ok(n)
    }
}

/// The [`RunTooLong`] inside an I/O error, if that is what it is.
pub(crate) fn run_too_long(e: &std::io::Error) -> Option<usize> {
    e.get_ref()?.downcast_ref::<RunTooLong>().map(|r| r.0)
}
