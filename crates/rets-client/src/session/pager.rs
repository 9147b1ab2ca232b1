//! The paging engine behind `Session::search`: reads pages as streams of parse
//! events, follows MAXROWS/20208 by Offset, falls back to key ranges when the server
//! ignores Offset, and re-reads interrupted pages without losing or repeating rows.

use super::Session;
use super::http::redact;
use super::search::{CountMode, Header, PageItem, SearchRequest};
use crate::compact::CompactEvent;
use crate::error::RetsError;
use crate::rows::{BatchPool, RowBatch};
use std::collections::HashSet;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};
use url::Url;

enum PageEnd {
    /// Reply read completely; `more` = MAXROWS/20208 seen.
    Done { more: bool },
    /// No records (20201).
    Empty,
    /// Server ignored Offset (first row repeated).
    OffsetIgnored,
    /// Our limit is reached or the consumer went away.
    Stop,
}

pub(super) struct Pager {
    session: Session,
    req: SearchRequest,
    url: Url,
    tx: mpsc::Sender<Result<RowBatch, RetsError>>,
    header: Option<oneshot::Sender<Result<Header, RetsError>>>,
    columns: Option<Vec<String>>,
    count: Option<u64>,
    yielded: u64,
    key_idx: Option<usize>,
    key_field: Option<String>,
    /// Keys of the page being read and of the one before it. Offset shifts (records
    /// added or removed mid-download) and key-range boundaries only ever repeat rows
    /// of neighbouring pages, so two pages of keys catch every duplicate while memory
    /// stays flat however large the result.
    seen: KeyWindow,
    max_key: Option<String>,
    /// `max_key` as a number, when it is one.
    max_key_num: Option<f64>,
    prev_first: Option<Vec<String>>,
    /// Rows yielded from the current page while the key column is still unknown
    /// (bounded by the page size), to seed `seen` when switching to key paging.
    page_rows: Vec<RowBatch>,
    key_resolved: bool,
    /// Row batches of this search, recycled once the consumer drops them.
    pool: Arc<BatchPool>,
}

impl Pager {
    pub(super) fn new(
        session: Session,
        req: SearchRequest,
        url: Url,
        tx: mpsc::Sender<Result<RowBatch, RetsError>>,
        header: oneshot::Sender<Result<Header, RetsError>>,
    ) -> Self {
        Pager {
            session,
            key_field: req.key_field.clone(),
            req,
            url,
            tx,
            header: Some(header),
            columns: None,
            count: None,
            yielded: 0,
            key_idx: None,
            seen: KeyWindow::default(),
            max_key: None,
            max_key_num: None,
            prev_first: None,
            page_rows: Vec::new(),
            key_resolved: false,
            pool: Arc::default(),
        }
    }

    async fn fail(&mut self, e: RetsError) {
        if let Some(h) = self.header.take() {
            let _ = h.send(Err(e));
        } else {
            let _ = self.tx.send(Err(e)).await;
        }
    }

    fn send_header(&mut self) {
        if let Some(h) = self.header.take() {
            let _ = h.send(Ok(Header {
                columns: self.columns.clone().unwrap_or_default(),
                count: self.count,
            }));
        }
    }

    pub(super) async fn run(mut self) {
        if let Err(e) = self.pages().await {
            self.fail(e).await;
        }
        self.send_header();
    }

    async fn pages(&mut self) -> Result<(), RetsError> {
        let mut offset = self.req.offset.unwrap_or(1).max(1);
        let mut key_mode = false;
        let mut page_no = 0u32;
        let mut stalled = 0u32;
        loop {
            let remaining = self.req.limit.map(|l| l.saturating_sub(self.yielded));
            if remaining == Some(0) {
                return Ok(());
            }
            let query = match (&self.key_field, &self.max_key, key_mode) {
                (Some(k), Some(last), true) => format!("({}),({k}={last}+)", self.req.query),
                _ => self.req.query.clone(),
            };
            let count = if page_no == 0 {
                self.req.count
            } else {
                CountMode::NoCount
            };
            let page_offset = if key_mode { 1 } else { offset };
            let params = self.req.params(&query, count, page_offset, remaining);
            let before = self.yielded;
            let (end, page_rows) = self.page(&params, page_no > 0 && !key_mode).await?;
            page_no += 1;
            let new_rows = self.yielded - before;
            match end {
                PageEnd::Stop | PageEnd::Empty => return Ok(()),
                PageEnd::OffsetIgnored => {
                    tracing::warn!("server ignores Offset, paging by key ranges instead");
                    self.start_key_mode().await?;
                    key_mode = true;
                }
                PageEnd::Done { more: false } => return Ok(()),
                PageEnd::Done { more: true } => {
                    if !self.key_resolved {
                        // Paging is needed: learn the key column now so every row from
                        // here on can be de-duplicated should the server ignore Offset.
                        self.resolve_key().await;
                    }
                    if page_rows == 0 || (key_mode && new_rows == 0) {
                        return Ok(());
                    }
                    stalled = if new_rows == 0 { stalled + 1 } else { 0 };
                    if stalled >= 3 {
                        return Err(RetsError::Paging(format!(
                            "three pages in a row brought no new rows (at offset {offset}); stopping to avoid an endless loop"
                        )));
                    }
                    offset += page_rows;
                }
            }
        }
    }

    async fn resolve_key(&mut self) {
        self.key_resolved = true;
        if self.key_field.is_none() {
            match self
                .session
                .get_metadata("RESOURCE", "0", crate::metadata::MetadataFormat::Compact)
                .await
            {
                Ok(r) => {
                    let md = crate::metadata::Metadata::from_tables(r.tables);
                    self.key_field = md
                        .resource(&self.req.resource)
                        .and_then(|r| r.key_field().map(str::to_owned));
                }
                Err(e) => tracing::info!(error = %e, "KeyField unknown (metadata not available)"),
            }
        }
        let Some(k) = self.key_field.clone() else {
            self.page_rows.clear();
            return;
        };
        let cols = self.columns.clone().unwrap_or_default();
        self.key_idx = cols.iter().position(|c| c.eq_ignore_ascii_case(&k));
        if let Some(idx) = self.key_idx {
            for batch in std::mem::take(&mut self.page_rows) {
                for r in batch.rows() {
                    if let Some(key) = r.get(idx) {
                        self.remember_key(key);
                    }
                }
            }
        }
        self.page_rows.clear();
    }

    async fn start_key_mode(&mut self) -> Result<(), RetsError> {
        if !self.key_resolved {
            self.resolve_key().await;
        }
        let Some(k) = self.key_field.clone() else {
            return Err(RetsError::Paging(format!(
                "the server ignores Offset and resource {} declares no KeyField to page by",
                self.req.resource
            )));
        };
        if self.key_idx.is_none() {
            return Err(RetsError::Paging(format!(
                "the server ignores Offset; add the key field {k} to the selected fields so paging by key can continue"
            )));
        }
        Ok(())
    }

    /// Records a key; false when it was already seen.
    fn remember_key(&mut self, k: &str) -> bool {
        if !self.seen.insert(k) {
            return false;
        }
        // Keys compare as numbers when both are numeric, else as text; the current
        // maximum's number is kept so each row parses only its own key.
        let num = k.trim().parse::<f64>().ok();
        let greater = match (&self.max_key, num, self.max_key_num) {
            (None, ..) => true,
            (Some(_), Some(x), Some(y)) => x.partial_cmp(&y).is_some_and(|o| o.is_gt()),
            (Some(m), ..) => k > m.as_str(),
        };
        if greater {
            let max = self.max_key.get_or_insert_with(String::new);
            max.clear();
            max.push_str(k);
            self.max_key_num = num;
        }
        true
    }

    /// Reads one page with retries; returns how it ended and how many rows it had.
    async fn page(
        &mut self,
        params: &[(String, String)],
        check_repeat: bool,
    ) -> Result<(PageEnd, u64), RetsError> {
        let retry = self.session.inner.config.retry.clone();
        let mut attempt = 0;
        let mut relogged = false;
        // Rows of this page already handled by an earlier, interrupted attempt.
        let mut consumed = 0u64;
        loop {
            let result = self.read_page(params, check_repeat, consumed).await;
            match result {
                Ok(Attempt::Finished(end, rows)) => return Ok((end, rows)),
                Ok(Attempt::Fatal(e)) => return Err(e),
                Ok(Attempt::Relogin) if !relogged => {
                    relogged = true;
                    self.session.relogin().await?;
                }
                Ok(Attempt::Relogin) => {
                    return Err(RetsError::AuthFailed(
                        "the server keeps rejecting the session after logging in again".into(),
                    ));
                }
                Ok(Attempt::Interrupted(rows, why)) | Err((rows, why)) => {
                    consumed = consumed.max(rows);
                    if attempt >= retry.max_retries {
                        return Err(match why {
                            RetsError::Http { url, message } if url.is_empty() => RetsError::Http {
                                url: redact(&self.url),
                                message,
                            },
                            e => e,
                        });
                    }
                    let d = retry.backoff(attempt);
                    tracing::warn!(error = %why, rows_read = consumed, delay_ms = d.as_millis() as u64, "search page interrupted, re-reading");
                    attempt += 1;
                    tokio::time::sleep(d).await;
                }
            }
        }
    }

    async fn read_page(
        &mut self,
        params: &[(String, String)],
        check_repeat: bool,
        skip: u64,
    ) -> Result<Attempt, (u64, RetsError)> {
        let mut events = match self
            .session
            .open_page(&self.url, params, Arc::clone(&self.pool))
            .await
        {
            Ok(e) => e,
            Err(e @ (RetsError::Http { .. } | RetsError::Timeout(_))) => return Err((0, e)),
            Err(e) => return Ok(Attempt::Fatal(e)),
        };
        let mut page = PageRows {
            rows: 0,
            first: None,
            check_repeat,
            skip,
        };
        let mut more = false;
        while let Some(item) = events.recv().await {
            let ev = match item {
                Ok(PageItem::Rows(batch)) => match self.take_rows(batch, &mut page).await {
                    Some(end) => return Ok(end),
                    None => continue,
                },
                Ok(PageItem::Event(CompactEvent::Row(r))) => {
                    let mut batch = RowBatch::new();
                    batch.push_row(r.iter().map(String::as_str));
                    match self.take_rows(batch, &mut page).await {
                        Some(end) => return Ok(end),
                        None => continue,
                    }
                }
                Ok(PageItem::Event(ev)) => ev,
                Err(e @ (RetsError::Http { .. } | RetsError::Timeout(_))) => {
                    return Err((page.rows, e));
                }
                Err(e) => return Ok(Attempt::Fatal(e)),
            };
            let rows = page.rows;
            match ev {
                CompactEvent::Reply(st) => {
                    if st.code.is_empty_result() {
                        if self.count.is_none() && self.yielded == 0 {
                            self.count = Some(0);
                        }
                        return Ok(Attempt::Finished(PageEnd::Empty, 0));
                    }
                    if self.session.is_session_expiry(st.code).await {
                        return Ok(Attempt::Relogin);
                    }
                    if !st.code.is_success() && !st.code.is_max_rows() {
                        // Collect the detail text for a helpful message.
                        let mut detail = String::new();
                        while let Some(Ok(item)) = events.recv().await {
                            if let PageItem::Event(CompactEvent::End { detail: d, .. }) = item {
                                detail = d;
                            }
                        }
                        return Ok(Attempt::Fatal(st.into_error(detail)));
                    }
                    more |= st.code.is_max_rows();
                }
                CompactEvent::Count(n) => {
                    if self.count.is_none() {
                        self.count = Some(n);
                    }
                }
                CompactEvent::Delimiter(_) => {}
                CompactEvent::Columns(c) => {
                    if self.columns.is_none() {
                        if let Some(k) = &self.key_field {
                            self.key_idx = c.iter().position(|x| x.eq_ignore_ascii_case(k));
                        }
                        self.columns = Some(c);
                        self.send_header();
                    }
                }
                CompactEvent::Row(_) => unreachable!("rows arrive in batches"),
                CompactEvent::MaxRows => more = true,
                CompactEvent::Status(s) => more |= s.code.is_max_rows(),
                CompactEvent::End { complete, .. } => {
                    if !complete {
                        return Ok(Attempt::Interrupted(
                            rows,
                            RetsError::Http {
                                url: String::new(),
                                message: "the search reply was cut off before </RETS>".into(),
                            },
                        ));
                    }
                    if page.first.is_some() {
                        self.prev_first = page.first;
                    }
                    self.seen.next_page();
                    return Ok(Attempt::Finished(PageEnd::Done { more }, rows));
                }
            }
        }
        Err((
            page.rows,
            RetsError::Http {
                url: String::new(),
                message: "the search reply ended unexpectedly".into(),
            },
        ))
    }
}

/// Progress through one page.
struct PageRows {
    /// Rows of the page seen so far.
    rows: u64,
    /// The page's first row (to detect a server that ignores Offset).
    first: Option<Vec<String>>,
    check_repeat: bool,
    /// Rows already handled by an earlier, interrupted read of this page.
    skip: u64,
}

impl Pager {
    /// Handles a batch of a page's rows: skips rows read before, drops repeated keys,
    /// forwards the rest. Returns how the page ended when it ends here.
    async fn take_rows(&mut self, batch: RowBatch, page: &mut PageRows) -> Option<Attempt> {
        let mut kept = Vec::with_capacity(batch.len());
        let mut stop = false;
        for (i, r) in batch.rows().enumerate() {
            page.rows += 1;
            if page.first.is_none() {
                let first = r.to_vec();
                if page.check_repeat && self.prev_first.as_ref() == Some(&first) {
                    return Some(Attempt::Finished(PageEnd::OffsetIgnored, page.rows));
                }
                page.first = Some(first);
            }
            if page.rows <= page.skip {
                continue;
            }
            if let Some(k) = self.key_idx
                && !self.remember_key(r.get(k).unwrap_or(""))
            {
                continue;
            }
            kept.push(i);
            self.yielded += 1;
            if self.req.limit.is_some_and(|l| self.yielded >= l) {
                stop = true;
                break;
            }
        }
        let out = if kept.len() == batch.len() {
            batch
        } else {
            let mut out = self.pool.take();
            for &i in &kept {
                out.push_row(batch.row(i).iter());
            }
            out
        };
        if !out.is_empty() {
            if self.key_idx.is_none() && !self.key_resolved {
                self.page_rows.push(out.clone());
            }
            self.send_header();
            if self.tx.send(Ok(out)).await.is_err() {
                return Some(Attempt::Finished(PageEnd::Stop, page.rows));
            }
        }
        stop.then_some(Attempt::Finished(PageEnd::Stop, page.rows))
    }
}

/// FNV-1a: listing keys are short, and SipHash's flood resistance buys nothing here
/// (only the server being downloaded from chooses the keys).
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type KeySet = HashSet<String, std::hash::BuildHasherDefault<Fnv>>;

/// Keys seen on the current and the previous page.
#[derive(Default)]
struct KeyWindow {
    current: KeySet,
    previous: KeySet,
}

impl KeyWindow {
    /// Records a key; false when the current or previous page already had it.
    fn insert(&mut self, key: &str) -> bool {
        if self.previous.contains(key) {
            return false;
        }
        self.current.insert(key.to_owned())
    }

    /// Called when a page is complete: it becomes the previous page.
    fn next_page(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }
}

enum Attempt {
    Finished(PageEnd, u64),
    Interrupted(u64, RetsError),
    Relogin,
    Fatal(RetsError),
}

#[cfg(test)]
mod tests {
    use super::KeyWindow;

    #[test]
    fn key_window_catches_repeats_from_the_previous_page_only() {
        let mut w = KeyWindow::default();
        assert!(w.insert("1"));
        assert!(w.insert("2"));
        assert!(!w.insert("2"), "repeat within a page");
        w.next_page();
        assert!(!w.insert("2"), "repeat from the previous page");
        assert!(w.insert("3"));
        w.next_page();
        w.next_page();
        assert!(w.insert("1"), "memory is bounded to two pages");
    }
}
