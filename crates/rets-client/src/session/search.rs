//! Search with a stream of rows and automatic paging: past MAXROWS / 20208 by Offset,
//! switching to key-range paging on the resource's KeyField when the server ignores
//! Offset, and re-reading truncated pages, so no row is lost or yielded twice.

use super::Session;
use super::http::{Kind, redact};
use crate::compact::{CompactEvent, CompactReader, parse_compact};
use crate::error::RetsError;
use crate::text::TextDecoder;
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::sync::{mpsc, oneshot};
use url::Url;

/// Search reply format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchFormat {
    /// `COMPACT`: lookup values as codes.
    #[default]
    Compact,
    /// `COMPACT-DECODED`: lookup values decoded to their long values.
    CompactDecoded,
}

impl SearchFormat {
    fn as_param(self) -> &'static str {
        match self {
            SearchFormat::Compact => "COMPACT",
            SearchFormat::CompactDecoded => "COMPACT-DECODED",
        }
    }
}

/// The Count parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CountMode {
    /// 0: no count.
    NoCount,
    /// 1: count and records.
    #[default]
    WithRecords,
    /// 2: count only.
    CountOnly,
}

/// A search (RETS Search transaction, DMQL2 query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// SearchType (resource ID).
    pub resource: String,
    /// Class.
    pub class: String,
    /// DMQL2 query, e.g. `(ListPrice=300000+)`.
    pub query: String,
    /// Fields to return (None = all).
    pub select: Option<Vec<String>>,
    /// Maximum rows to return over all pages (None = all).
    pub limit: Option<u64>,
    /// 1-based first row (None = 1).
    pub offset: Option<u64>,
    /// Count mode.
    pub count: CountMode,
    /// Reply format.
    pub format: SearchFormat,
    /// RestrictedIndicator string.
    pub restricted_indicator: Option<String>,
    /// StandardNames=1 (field names are standard names).
    pub standard_names: bool,
    /// KeyField to page by when the server ignores Offset (None = from metadata).
    pub key_field: Option<String>,
}

impl SearchRequest {
    /// A request with defaults (all rows, all fields, COMPACT, Count=1).
    pub fn new(
        resource: impl Into<String>,
        class: impl Into<String>,
        query: impl Into<String>,
    ) -> Self {
        SearchRequest {
            resource: resource.into(),
            class: class.into(),
            query: query.into(),
            select: None,
            limit: None,
            offset: None,
            count: CountMode::WithRecords,
            format: SearchFormat::Compact,
            restricted_indicator: None,
            standard_names: false,
            key_field: None,
        }
    }

    fn params(
        &self,
        query: &str,
        count: CountMode,
        offset: u64,
        limit: Option<u64>,
    ) -> Vec<(String, String)> {
        let mut p = vec![
            ("SearchType".to_owned(), self.resource.clone()),
            ("Class".to_owned(), self.class.clone()),
            ("QueryType".to_owned(), "DMQL2".to_owned()),
            ("Query".to_owned(), query.to_owned()),
            ("Format".to_owned(), self.format.as_param().to_owned()),
            (
                "Count".to_owned(),
                match count {
                    CountMode::NoCount => "0",
                    CountMode::WithRecords => "1",
                    CountMode::CountOnly => "2",
                }
                .to_owned(),
            ),
            (
                "Limit".to_owned(),
                limit.map_or_else(|| "NONE".to_owned(), |l| l.to_string()),
            ),
            (
                "StandardNames".to_owned(),
                u8::from(self.standard_names).to_string(),
            ),
        ];
        if offset > 1 {
            p.push(("Offset".to_owned(), offset.to_string()));
        }
        if let Some(s) = &self.select {
            if !s.is_empty() {
                p.push(("Select".to_owned(), s.join(",")));
            }
        }
        if let Some(r) = &self.restricted_indicator {
            p.push(("RestrictedIndicator".to_owned(), r.clone()));
        }
        p
    }
}

struct Header {
    columns: Vec<String>,
    count: Option<u64>,
}

/// Rows of a search as they arrive (`Stream<Item = Result<Vec<String>, RetsError>>`),
/// each aligned with [`SearchStream::columns`]. Dropping it cancels the search.
pub struct SearchStream {
    columns: Vec<String>,
    count: Option<u64>,
    rx: mpsc::Receiver<Result<Vec<String>, RetsError>>,
    task: tokio::task::JoinHandle<()>,
}

impl SearchStream {
    /// Column names (SystemNames, or StandardNames when requested).
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The server's COUNT (total matching records), when it sent one. (Named so it
    /// does not clash with `StreamExt::count`.)
    pub fn record_count(&self) -> Option<u64> {
        self.count
    }
}

impl std::fmt::Debug for SearchStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchStream")
            .field("columns", &self.columns)
            .field("count", &self.count)
            .finish_non_exhaustive()
    }
}

impl Drop for SearchStream {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Stream for SearchStream {
    type Item = Result<Vec<String>, RetsError>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.rx.poll_recv(cx)
    }
}

/// Feeds body chunks from an async channel into blocking readers.
struct ChannelReader {
    rx: mpsc::Receiver<Result<Bytes, std::io::Error>>,
    cur: Bytes,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.cur.is_empty() {
            match self.rx.blocking_recv() {
                Some(Ok(b)) => self.cur = b,
                Some(Err(e)) => return Err(e),
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.cur.len());
        buf[..n].copy_from_slice(&self.cur[..n]);
        let _ = self.cur.split_to(n);
        Ok(n)
    }
}

type Events = mpsc::Receiver<Result<CompactEvent, RetsError>>;

fn compare_keys(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
        _ => a.cmp(b),
    }
}

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

struct Pager {
    session: Session,
    req: SearchRequest,
    url: Url,
    tx: mpsc::Sender<Result<Vec<String>, RetsError>>,
    header: Option<oneshot::Sender<Result<Header, RetsError>>>,
    columns: Option<Vec<String>>,
    count: Option<u64>,
    yielded: u64,
    key_idx: Option<usize>,
    key_field: Option<String>,
    seen: HashSet<String>,
    max_key: Option<String>,
    prev_first: Option<Vec<String>>,
    /// Rows yielded from the current page while the key column is still unknown
    /// (bounded by the page size), to seed `seen` when switching to key paging.
    page_rows: Vec<Vec<String>>,
    key_resolved: bool,
}

impl Session {
    /// Starts a search; returns once the first page's header (columns, count) arrived.
    pub async fn search(&self, req: SearchRequest) -> Result<SearchStream, RetsError> {
        if req.count == CountMode::CountOnly {
            return Err(RetsError::InvalidRequest(
                "use search_count for Count=2 (count only) searches".into(),
            ));
        }
        let url = self.capability("Search").await?;
        let (tx, rx) = mpsc::channel(512);
        let (htx, hrx) = oneshot::channel();
        let pager = Pager {
            session: self.clone(),
            key_field: req.key_field.clone(),
            req,
            url,
            tx,
            header: Some(htx),
            columns: None,
            count: None,
            yielded: 0,
            key_idx: None,
            seen: HashSet::new(),
            max_key: None,
            prev_first: None,
            page_rows: Vec::new(),
            key_resolved: false,
        };
        let task = tokio::spawn(pager.run());
        match hrx.await {
            Ok(Ok(h)) => Ok(SearchStream {
                columns: h.columns,
                count: h.count,
                rx,
                task,
            }),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(RetsError::Paging("search task ended unexpectedly".into())),
        }
    }

    /// Count-only search (Count=2): the number of matching records.
    pub async fn search_count(&self, req: &SearchRequest) -> Result<u64, RetsError> {
        let url = self.capability("Search").await?;
        let params = req.params(&req.query, CountMode::CountOnly, 1, None);
        let f = self.fetch(Kind::Other, &url, &params).await?;
        let r = parse_compact(&f.body, f.decoder())?;
        let status = r
            .status
            .ok_or_else(|| RetsError::parse("COMPACT search reply", "no <RETS> element"))?;
        if status.code.is_empty_result() {
            return Ok(0);
        }
        if !status.code.is_success() {
            return Err(status.into_error(r.detail));
        }
        r.count.ok_or_else(|| {
            RetsError::parse("COMPACT search reply", "Count=2 reply without <COUNT>")
        })
    }

    /// A STANDARD-XML search (one request, read whole; no auto-paging): records as
    /// dotted-path → value pairs.
    pub async fn search_standard_xml(
        &self,
        req: &SearchRequest,
    ) -> Result<crate::standard_xml::StandardXmlReply, RetsError> {
        let url = self.capability("Search").await?;
        let mut params = req.params(&req.query, req.count, req.offset.unwrap_or(1), req.limit);
        for (k, v) in params.iter_mut() {
            if k == "Format" {
                *v = "STANDARD-XML".to_owned();
            }
        }
        let f = self.fetch(Kind::Other, &url, &params).await?;
        let r = crate::standard_xml::parse_standard_xml(&f.body, &f.decoder())?;
        match &r.status {
            Some(s) if s.code.is_success() || s.code.is_empty_result() || s.code.is_max_rows() => {
                Ok(r)
            }
            Some(s) => Err(s.clone().into_error(String::new())),
            None => Err(RetsError::parse(
                "STANDARD-XML search reply",
                "no <RETS> element",
            )),
        }
    }

    /// Opens one page and returns its parse events as they stream in.
    async fn open_page(&self, url: &Url, params: &[(String, String)]) -> Result<Events, RetsError> {
        let resp = self.send(Kind::Other, url, params).await?;
        let ct = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let (btx, brx) = mpsc::channel::<Result<Bytes, std::io::Error>>(16);
        let mut body = resp.bytes_stream();
        tokio::spawn(async move {
            while let Some(chunk) = body.next().await {
                let item = chunk.map_err(|e| std::io::Error::other(e.to_string()));
                let failed = item.is_err();
                if btx.send(item).await.is_err() || failed {
                    break;
                }
            }
        });
        let (etx, erx) = mpsc::channel(256);
        tokio::task::spawn_blocking(move || {
            let mut reader = BufReader::new(ChannelReader {
                rx: brx,
                cur: Bytes::new(),
            });
            let (gz, dec) = match reader.fill_buf() {
                Ok(head) => {
                    let had = ct
                        .as_deref()
                        .is_some_and(|c| crate::text::param(c, "charset").is_some());
                    let dec = TextDecoder::from_content_type(ct.as_deref())
                        .with_xml_declaration(head, had);
                    (head.starts_with(&[0x1f, 0x8b]), dec)
                }
                Err(e) => {
                    let _ = etx.blocking_send(Err(RetsError::Http {
                        url: String::new(),
                        message: e.to_string(),
                    }));
                    return;
                }
            };
            let input: Box<dyn BufRead + Send> = if gz {
                Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(reader)))
            } else {
                Box::new(reader)
            };
            for ev in CompactReader::new(input, dec) {
                if etx.blocking_send(ev).is_err() {
                    break;
                }
            }
        });
        Ok(erx)
    }
}

impl Pager {
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

    async fn run(mut self) {
        if let Err(e) = self.pages().await {
            self.fail(e).await;
        }
        self.send_header();
    }

    async fn pages(&mut self) -> Result<(), RetsError> {
        let mut offset = self.req.offset.unwrap_or(1).max(1);
        let mut key_mode = false;
        let mut page_no = 0u32;
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
            for r in std::mem::take(&mut self.page_rows) {
                if let Some(key) = r.get(idx) {
                    self.remember_key(key);
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
        if !self.seen.insert(k.to_owned()) {
            return false;
        }
        if self
            .max_key
            .as_deref()
            .is_none_or(|m| compare_keys(k, m).is_gt())
        {
            self.max_key = Some(k.to_owned());
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
        let mut events = match self.session.open_page(&self.url, params).await {
            Ok(e) => e,
            Err(e @ (RetsError::Http { .. } | RetsError::Timeout(_))) => return Err((0, e)),
            Err(e) => return Ok(Attempt::Fatal(e)),
        };
        let mut rows = 0u64;
        let mut more = false;
        let mut page_first: Option<Vec<String>> = None;
        while let Some(ev) = events.recv().await {
            let ev = match ev {
                Ok(ev) => ev,
                Err(e @ (RetsError::Http { .. } | RetsError::Timeout(_))) => return Err((rows, e)),
                Err(e) => return Ok(Attempt::Fatal(e)),
            };
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
                        while let Some(Ok(ev)) = events.recv().await {
                            if let CompactEvent::End { detail: d, .. } = ev {
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
                CompactEvent::Row(r) => {
                    rows += 1;
                    if page_first.is_none() {
                        if check_repeat && self.prev_first.as_ref() == Some(&r) {
                            return Ok(Attempt::Finished(PageEnd::OffsetIgnored, rows));
                        }
                        page_first = Some(r.clone());
                    }
                    if rows <= skip {
                        continue;
                    }
                    match self.key_idx {
                        Some(i) => {
                            let k = r.get(i).cloned().unwrap_or_default();
                            if !self.remember_key(&k) {
                                continue;
                            }
                        }
                        None if !self.key_resolved => self.page_rows.push(r.clone()),
                        None => {}
                    }
                    self.send_header();
                    if self.tx.send(Ok(r)).await.is_err() {
                        return Ok(Attempt::Finished(PageEnd::Stop, rows));
                    }
                    self.yielded += 1;
                    if self.req.limit.is_some_and(|l| self.yielded >= l) {
                        return Ok(Attempt::Finished(PageEnd::Stop, rows));
                    }
                }
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
                    if page_first.is_some() {
                        self.prev_first = page_first;
                    }
                    return Ok(Attempt::Finished(PageEnd::Done { more }, rows));
                }
            }
        }
        Err((
            rows,
            RetsError::Http {
                url: String::new(),
                message: "the search reply ended unexpectedly".into(),
            },
        ))
    }
}

enum Attempt {
    Finished(PageEnd, u64),
    Interrupted(u64, RetsError),
    Relogin,
    Fatal(RetsError),
}
