//! GetObject over a session: multipart replies are parsed while they stream in and
//! each object is yielded as soon as it is complete; single-object and error replies
//! become one item.

use super::Session;
use super::http::{Kind, header_pairs, map_reqwest};
use crate::error::RetsError;
use crate::object::{MultipartParser, ObjectPart, boundary, is_multipart, single_object};
use futures_util::{Stream, StreamExt, stream};
use std::collections::VecDeque;
use std::pin::Pin;

/// A stream of objects (each part, including per-object errors such as 20403).
pub type ObjectStream = Pin<Box<dyn Stream<Item = Result<ObjectPart, RetsError>> + Send>>;

impl Session {
    /// GetObject: `ids` like `"K1:*,K2:1:2,K3:0"`; `location` asks for URLs instead of bytes.
    pub async fn get_object(
        &self,
        resource: &str,
        object_type: &str,
        ids: &str,
        location: bool,
    ) -> Result<ObjectStream, RetsError> {
        let url = self.capability("GetObject").await?;
        let params = vec![
            ("Resource".to_owned(), resource.to_owned()),
            ("Type".to_owned(), object_type.to_owned()),
            ("ID".to_owned(), ids.to_owned()),
            ("Location".to_owned(), u8::from(location).to_string()),
        ];
        let mut relogged = false;
        let retry = self.inner.config.retry.clone();
        let mut attempt = 0;
        'request: loop {
            let resp = self.send(Kind::Other, &url, &params).await?;
            let ct = resp
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("application/octet-stream")
                .to_owned();
            if is_multipart(&ct) {
                let b = boundary(&ct).ok_or_else(|| {
                    RetsError::parse("multipart GetObject reply", "Content-Type without boundary")
                })?;
                let mut body = resp.bytes_stream();
                let max_part =
                    usize::try_from(self.inner.config.max_reply_bytes).unwrap_or(usize::MAX);
                let mut parser = Some(MultipartParser::new(&b).with_max_part(max_part));
                let mut queue = VecDeque::new();
                // Read up to the first complete object so that a transfer that breaks
                // before anything was delivered can simply be retried.
                while queue.is_empty() {
                    let Some(p) = parser.as_mut() else { break };
                    match body.next().await {
                        Some(Ok(chunk)) => queue.extend(p.feed(&chunk)?),
                        Some(Err(e)) => {
                            let err = map_reqwest(&url, e);
                            if attempt < retry.max_retries {
                                tracing::warn!(error = %err, "GetObject transfer failed, retrying");
                                tokio::time::sleep(retry.backoff(attempt)).await;
                                attempt += 1;
                                continue 'request;
                            }
                            return Err(err);
                        }
                        None => {
                            if let Some(p) = parser.take() {
                                queue.extend(p.finish()?);
                            }
                        }
                    }
                }
                let state = (body, parser, queue, url.clone());
                let s =
                    stream::unfold(state, |(mut body, mut parser, mut queue, url)| async move {
                        loop {
                            if let Some(p) = queue.pop_front() {
                                return Some((Ok(p), (body, parser, queue, url)));
                            }
                            let p = parser.as_mut()?;
                            match body.next().await {
                                Some(Ok(chunk)) => match p.feed(&chunk) {
                                    Ok(parts) => queue.extend(parts),
                                    Err(e) => {
                                        parser = None;
                                        return Some((Err(e), (body, parser, queue, url)));
                                    }
                                },
                                Some(Err(e)) => {
                                    parser = None;
                                    return Some((
                                        Err(map_reqwest(&url, e)),
                                        (body, parser, queue, url),
                                    ));
                                }
                                None => {
                                    let p = parser.take()?;
                                    match p.finish() {
                                        Ok(Some(last)) => queue.push_back(last),
                                        Ok(None) => {}
                                        Err(e) => {
                                            return Some((Err(e), (body, parser, queue, url)));
                                        }
                                    }
                                }
                            }
                        }
                    });
                return Ok(Box::pin(s));
            }
            let headers = header_pairs(resp.headers());
            let body =
                super::http::read_capped(resp, &url, self.inner.config.max_reply_bytes).await?;
            let part = single_object(&ct, &headers, &body);
            if let Some(err) = &part.error
                && !relogged
                && self.is_session_expiry(err.code).await
            {
                relogged = true;
                self.relogin().await?;
                continue;
            }
            return Ok(Box::pin(stream::iter([Ok(part)])));
        }
    }
}
