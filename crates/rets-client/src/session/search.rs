//! Search with a stream of rows and automatic paging: past MAXROWS / 20208 by Offset,
//! switching to key-range paging on the resource's KeyField when the server ignores
//! Offset, and re-reading truncated pages, so no row is lost or yielded twice.

use super::Session;
use super::http::Kind;
use super::pager::Pager;
use crate::compact::{CompactEvent, CompactReader, parse_compact};
use crate::error::RetsError;
use crate::rows::{BatchPool, RowBatch};
use crate::text::TextDecoder;
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use std::io::{BufRead, BufReader, Read};
use std::pin::Pin;
use std::sync::Arc;
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

    pub(super) fn params(
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
        if let Some(s) = &self.select
            && !s.is_empty()
        {
            p.push(("Select".to_owned(), s.join(",")));
        }
        if let Some(r) = &self.restricted_indicator {
            p.push(("RestrictedIndicator".to_owned(), r.clone()));
        }
        p
    }
}

pub(super) struct Header {
    pub(super) columns: Vec<String>,
    pub(super) count: Option<u64>,
}

/// Rows per batch handed from the parser to the pager (and on to the consumer).
const ROWS_PER_BATCH: usize = 1024;

/// Rows of a search as they arrive (`Stream<Item = Result<Vec<String>, RetsError>>`),
/// each aligned with [`SearchStream::columns`]. Dropping it cancels the search.
/// Bulk consumers use [`SearchStream::next_batch`] instead: same rows, far fewer
/// allocations.
pub struct SearchStream {
    columns: Vec<String>,
    count: Option<u64>,
    rx: mpsc::Receiver<Result<RowBatch, RetsError>>,
    /// The batch the row-at-a-time `Stream` is reading, and its next row.
    pending: RowBatch,
    next: usize,
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

    /// The next rows in bulk (`None` at the end). Mixes freely with the `Stream` API:
    /// rows already returned one at a time are not returned again.
    pub async fn next_batch(&mut self) -> Option<Result<RowBatch, RetsError>> {
        if self.next < self.pending.len() {
            let rest = self.pending.tail(self.next);
            self.pending.clear();
            self.next = 0;
            return Some(Ok(rest));
        }
        self.rx.recv().await
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
        let this = &mut *self;
        loop {
            if this.next < this.pending.len() {
                let row = this.pending.row(this.next).to_vec();
                this.next += 1;
                return Poll::Ready(Some(Ok(row)));
            }
            match std::task::ready!(this.rx.poll_recv(cx)) {
                Some(Ok(batch)) => {
                    this.pending = batch;
                    this.next = 0;
                }
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                None => return Poll::Ready(None),
            }
        }
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

/// What the parser thread hands the pager: rows in bulk, or any other event.
pub(super) enum PageItem {
    Rows(RowBatch),
    Event(CompactEvent),
}

pub(super) type Events = mpsc::Receiver<Result<PageItem, RetsError>>;

impl Session {
    /// Starts a search; returns once the first page's header (columns, count) arrived.
    pub async fn search(&self, req: SearchRequest) -> Result<SearchStream, RetsError> {
        if req.count == CountMode::CountOnly {
            return Err(RetsError::InvalidRequest(
                "use search_count for Count=2 (count only) searches".into(),
            ));
        }
        let url = self.capability("Search").await?;
        let (tx, rx) = mpsc::channel(4);
        let (htx, hrx) = oneshot::channel();
        let pager = Pager::new(self.clone(), req, url, tx, htx);
        let task = tokio::spawn(pager.run());
        match hrx.await {
            Ok(Ok(h)) => Ok(SearchStream {
                columns: h.columns,
                count: h.count,
                rx,
                pending: RowBatch::new(),
                next: 0,
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
    pub(super) async fn open_page(
        &self,
        url: &Url,
        params: &[(String, String)],
        pool: Arc<BatchPool>,
    ) -> Result<Events, RetsError> {
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
        let (etx, erx) = mpsc::channel(8);
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
            let mut reader = CompactReader::new(input, dec);
            let mut batch = pool.take();
            loop {
                let res = reader.next_rows(&mut batch, ROWS_PER_BATCH);
                if !batch.is_empty() {
                    let full = std::mem::replace(&mut batch, pool.take());
                    if etx.blocking_send(Ok(PageItem::Rows(full))).is_err() {
                        break;
                    }
                }
                let item = match res {
                    Ok(Some(ev)) => Ok(PageItem::Event(ev)),
                    Ok(None) if reader.is_done() => break,
                    Ok(None) => continue,
                    Err(e) => Err(e),
                };
                let failed = item.is_err();
                if etx.blocking_send(item).is_err() || failed {
                    break;
                }
            }
        });
        Ok(erx)
    }
}
