//! The HTTP side: binds a listener, authenticates (Digest/Basic/UA), tracks
//! sessions, routes the five RETS transactions and applies quirks. Everything
//! runs on the caller's tokio runtime; dropping [`RunningSim`] stops it.

pub mod auth;
pub mod faults;
pub mod reply;
pub mod session;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use axum::routing::any;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::{Quirks, SimConfig, UaAuth};
use crate::data::Dataset;
use crate::schema::Schema;
use auth::{AuthOutcome, Nonces};
use reply::Params;
use session::Sessions;

/// Version sent in `RETS-Version` (RETS/1.8 when the client asks for it).
pub const RETS_VERSION: &str = "RETS/1.7.2";
/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "RETS-Session-ID";

/// Failure to start the simulator.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The address could not be bound.
    #[error("cannot bind {addr}: {source}")]
    Bind {
        /// Address tried.
        addr: SocketAddr,
        /// Cause.
        source: std::io::Error,
    },
    /// Data generation panicked or was cancelled.
    #[error("data generation failed: {0}")]
    Generate(String),
}

/// Shared state of a running server.
pub(crate) struct AppState {
    pub config: SimConfig,
    pub quirks: Quirks,
    pub ua: Option<UaAuth>,
    pub schema: Schema,
    pub data: RwLock<Dataset>,
    pub sessions: Mutex<Sessions>,
    pub nonces: Nonces,
    pub secret: u64,
    pub transactions: AtomicU64,
    /// Faults injected so far (503 replies and cut bodies), for fault benchmarks.
    pub faults: AtomicU64,
    /// Search replies by request, when `cache_search_replies` is on.
    pub replies: Mutex<HashMap<Vec<u8>, CachedReply>>,
}

/// A complete Search reply kept for identical requests.
pub(crate) struct CachedReply {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl AppState {
    /// Read access to the data (a poisoned lock still yields the data).
    pub fn data(&self) -> RwLockReadGuard<'_, Dataset> {
        self.data.read().unwrap_or_else(|e| e.into_inner())
    }
}

/// Entry point of the simulator.
#[derive(Debug, Clone, Copy)]
pub struct Simulator;

impl Simulator {
    /// Generates the data, binds and starts serving on the current runtime.
    pub async fn start(config: SimConfig) -> Result<RunningSim, SimError> {
        let anchor = config
            .anchor
            .map_or_else(|| unix_now() / 3600 * 3600, |a| a.timestamp());
        let (seed, n) = (config.seed, config.listings);
        let data = tokio::task::spawn_blocking(move || Dataset::generate(seed, n, anchor))
            .await
            .map_err(|e| SimError::Generate(e.to_string()))?;
        let mut schema = Schema::build(&data);
        if config.quirks.huge_lookup {
            grow_first_lookup(&mut schema, HUGE_LOOKUP_VALUES);
        }
        let addr = SocketAddr::new(config.bind, config.port);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| SimError::Bind { addr, source })?;
        let local = listener
            .local_addr()
            .map_err(|source| SimError::Bind { addr, source })?;
        let ua = config
            .ua
            .clone()
            .or_else(|| config.quirks.ua_auth.then(UaAuth::default));
        let secret = crate::rng::mix(config.seed, u64::from(local.port()) ^ unix_now() as u64);
        let state = Arc::new(AppState {
            quirks: config.quirks.clone(),
            ua,
            schema,
            data: RwLock::new(data),
            sessions: Mutex::new(Sessions::default()),
            nonces: Nonces::new(secret, config.nonce_lifetime.as_secs()),
            secret,
            transactions: AtomicU64::new(0),
            faults: AtomicU64::new(0),
            replies: Mutex::new(HashMap::new()),
            config,
        });
        let app = Router::new()
            .route("/rets/{action}", any(dispatch))
            // Not RETS: how many faults the quirks injected (bench/faults.sh reads it).
            .route(
                "/sim/faults",
                axum::routing::get(|st: axum::extract::State<Arc<AppState>>| async move {
                    st.faults.load(Ordering::SeqCst).to_string()
                }),
            )
            .route(
                "/media/{resource}/{otype}/{key}/{n}",
                axum::routing::get(crate::objects::media),
            )
            .with_state(state.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        let live = state.config.live.clone().map(|live| {
            let st = state.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(live.interval);
                tick.tick().await;
                loop {
                    tick.tick().await;
                    let mut d = st.data.write().unwrap_or_else(|e| e.into_inner());
                    d.advance(live.changes_per_tick, Some(unix_now()));
                }
            })
        });
        Ok(RunningSim {
            addr: local,
            state,
            shutdown: Some(tx),
            server: Some(server),
            live,
        })
    }
}

/// Values the `huge-lookup` quirk adds.
const HUGE_LOOKUP_VALUES: usize = 200_000;

/// Appends `n` values (with markup in their names) to the Property resource's
/// first lookup; the listings keep using the original ones.
fn grow_first_lookup(schema: &mut Schema, n: usize) {
    let Some(lookup) = schema
        .resources
        .iter_mut()
        .find(|r| r.id == "Property")
        .and_then(|r| r.lookups.first_mut())
    else {
        return;
    };
    lookup
        .values
        .extend((0..n).map(|i| crate::schema::LookupValue {
            value: format!("H{i}"),
            short: format!("H{i}"),
            long: format!("Hostile value {i} <b>&amp;</b>"),
        }));
}

/// A simulator serving in the background.
pub struct RunningSim {
    addr: SocketAddr,
    state: Arc<AppState>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    live: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for RunningSim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningSim")
            .field("addr", &self.addr)
            .finish()
    }
}

impl RunningSim {
    /// How many Search replies the reply cache holds (`cache_search_replies`).
    pub fn cached_replies(&self) -> usize {
        self.state
            .replies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len()
    }

    /// Faults the quirks injected so far (503 replies, cut bodies, forced
    /// logins, stalls).
    pub fn faults_injected(&self) -> u64 {
        self.state.faults.load(Ordering::SeqCst)
    }

    /// Bound port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://ADDR:PORT/rets/login`.
    pub fn login_url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
        }
        format!("http://{addr}/rets/login")
    }

    /// The server's data, read-only (do not hold across `.await`).
    pub fn dataset(&self) -> RwLockReadGuard<'_, Dataset> {
        self.state.data()
    }

    /// The metadata the server publishes.
    pub fn schema(&self) -> &Schema {
        &self.state.schema
    }

    /// Applies `n` deterministic market changes now (see [`Dataset::advance`]).
    pub fn advance(&self, n: usize) {
        self.state
            .data
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .advance(n, None);
    }

    /// Stops serving and waits for the server task to end.
    pub async fn shutdown(mut self) {
        self.stop();
        if let Some(h) = self.server.take() {
            let _ = h.await;
        }
    }

    fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(h) = self.live.take() {
            h.abort();
        }
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        self.stop();
        if let Some(h) = self.server.take() {
            h.abort();
        }
    }
}

/// Current unix time in seconds.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().find_map(|v| {
        v.to_str().ok()?.split(';').find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then(|| v.trim().to_string())
        })
    })
}

fn host_of(st: &AppState, headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map_or_else(
            || format!("{}:{}", st.config.bind, st.config.port),
            str::to_string,
        )
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

async fn dispatch(
    State(st): State<Arc<AppState>>,
    Path(action): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(ms) = st.quirks.slow {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
    let action = action.to_ascii_lowercase();
    let mut resp = route(&st, &action, &method, &uri, &headers, &body).await;
    let version = if header_str(&headers, "RETS-Version").starts_with("RETS/1.8") {
        "RETS/1.8"
    } else {
        RETS_VERSION
    };
    let h = resp.headers_mut();
    h.insert("RETS-Version", HeaderValue::from_static(version));
    h.insert(header::SERVER, HeaderValue::from_static("rets-sim"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
    resp
}

async fn route(
    st: &Arc<AppState>,
    action: &str,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Response {
    let known = ["login", "logout", "search", "getmetadata", "getobject"];
    if !known.contains(&action) {
        return reply::xml(
            StatusCode::NOT_FOUND,
            reply::status_body(20036, "No such transaction"),
        );
    }
    if st.quirks.post_only
        && *method == Method::GET
        && (action == "search" || action == "getmetadata")
    {
        let mut r = reply::xml(
            StatusCode::METHOD_NOT_ALLOWED,
            reply::status_body(20036, "Use POST"),
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return r;
    }
    let form = if *method == Method::POST {
        body.as_ref()
    } else {
        b""
    };
    let params = Params::parse(&[uri.query().unwrap_or("").as_bytes(), form]);
    let session = cookie(headers, SESSION_COOKIE);
    if let Some(denied) = check_ua(st, headers, session.as_deref().unwrap_or("")) {
        return denied;
    }
    if action == "login" {
        return login(st, method, headers);
    }
    // A live session cookie, or (as real servers allow) credentials on the request.
    let live = session.as_deref().is_some_and(|sid| {
        let mut sessions = st.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions
            .touch(sid, st.config.session_timeout, st.quirks.session_expiry)
            .is_ok()
    });
    if !live {
        match check_credentials(st, method, headers) {
            AuthOutcome::Ok => {}
            AuthOutcome::Stale => return stale(st),
            AuthOutcome::Denied if session.is_some() => {
                return challenge(st, 20037, "Session expired or invalid");
            }
            AuthOutcome::Denied => return challenge(st, 20037, "Not logged in"),
        }
    }
    if action == "logout" {
        let s = session.and_then(|sid| {
            st.sessions
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&sid)
        });
        let secs = s.map_or(0, |s| s.created.elapsed().as_secs());
        let body = format!(
            "{}<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\r\n<RETS-RESPONSE>\r\nConnectTime={secs}\r\nSignOffMessage=Goodbye from the Demo MLS\r\n</RETS-RESPONSE>\r\n</RETS>\r\n",
            reply::XML_DECL
        );
        return reply::xml(StatusCode::OK, body);
    }
    let n = st.transactions.fetch_add(1, Ordering::SeqCst) + 1;
    let mut cut = st.quirks.truncate.is_some_and(|t| faults::is_cut(n, t));
    if let Some(fault) = st
        .quirks
        .faults
        .and_then(|pct| faults::drawn(st.config.seed, n, pct))
    {
        st.faults.fetch_add(1, Ordering::SeqCst);
        match fault {
            faults::Fault::Unavailable => return faults::unavailable(),
            faults::Fault::Unauthorized => return challenge(st, 20037, "Session expired"),
            faults::Fault::Cut => cut = true,
            faults::Fault::Stall(pause) => tokio::time::sleep(pause).await,
        }
    }
    if st.quirks.errors_5xx.is_some_and(|e| faults::in_burst(n, e)) {
        st.faults.fetch_add(1, Ordering::SeqCst);
        return faults::unavailable();
    }
    let resp = match action {
        "search" if st.quirks.gzip_bomb => return faults::gzip_bomb(),
        "search" if st.quirks.endless_row => return faults::endless_row(),
        "getobject" if st.quirks.endless_part => return faults::endless_part(),
        "getmetadata" => get_metadata(st, &params),
        "search" if st.config.cache_search_replies && st.config.live.is_none() => {
            cached_search(st, &params, uri, form).await
        }
        "search" => crate::search::handle(st.clone(), &params),
        _ => crate::objects::handle(st, &params, &host_of(st, headers)),
    };
    if st.quirks.truncate.is_some_and(|t| faults::is_cut(n, t)) {
        st.faults.fetch_add(1, Ordering::SeqCst);
    }
    faults::finish(resp, &st.quirks, cut)
}

/// Answers a Search from the reply cache, filling it on a miss. The key is the
/// request's query string and form body: a client asking for the same page
/// the same way gets the bytes it got before.
async fn cached_search(st: &Arc<AppState>, params: &Params, uri: &Uri, form: &[u8]) -> Response {
    let mut key = uri.query().unwrap_or("").as_bytes().to_vec();
    key.push(0);
    key.extend_from_slice(form);
    let hit = |st: &AppState| {
        let replies = st.replies.lock().unwrap_or_else(|e| e.into_inner());
        replies.get(&key).map(|r| {
            let mut resp = Response::new(Body::from(r.body.clone()));
            *resp.status_mut() = r.status;
            *resp.headers_mut() = r.headers.clone();
            resp
        })
    };
    if let Some(resp) = hit(st) {
        return resp;
    }
    let (parts, body) = crate::search::handle(st.clone(), params).into_parts();
    let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
        return reply::xml(
            StatusCode::INTERNAL_SERVER_ERROR,
            reply::status_body(20513, "Reply could not be built"),
        );
    };
    if parts.status == StatusCode::OK {
        st.replies.lock().unwrap_or_else(|e| e.into_inner()).insert(
            key.clone(),
            CachedReply {
                status: parts.status,
                headers: parts.headers.clone(),
                body: body.clone(),
            },
        );
    }
    Response::from_parts(parts, Body::from(body))
}

fn challenge(st: &AppState, code: u32, text: &str) -> Response {
    let mut r = reply::xml(StatusCode::UNAUTHORIZED, reply::status_body(code, text));
    let value = if st.quirks.basic_auth {
        format!("Basic realm=\"{}\"", auth::REALM)
    } else {
        st.nonces.challenge(unix_now() as u64, false)
    };
    if let Ok(v) = HeaderValue::from_str(&value) {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    r
}

fn check_ua(st: &AppState, headers: &HeaderMap, session_id: &str) -> Option<Response> {
    let ua = st.ua.as_ref()?;
    let given = header_str(headers, "RETS-UA-Authorization");
    if given.is_empty() {
        return Some(reply::xml(
            StatusCode::UNAUTHORIZED,
            reply::status_body(20041, "User-agent authentication required"),
        ));
    }
    let expected = auth::ua_digest(
        &ua.user_agent,
        &ua.password,
        header_str(headers, "RETS-Request-ID"),
        session_id,
        header_str(headers, "RETS-Version"),
    );
    let agent_ok = header_str(headers, "User-Agent") == ua.user_agent;
    if !agent_ok || !given.trim().eq_ignore_ascii_case(&expected) {
        return Some(reply::xml(
            StatusCode::UNAUTHORIZED,
            reply::status_body(20037, "User-agent authentication failed"),
        ));
    }
    None
}

fn check_credentials(st: &AppState, method: &Method, headers: &HeaderMap) -> AuthOutcome {
    let given = header_str(headers, "Authorization");
    let (user, pass) = (&st.config.username, &st.config.password);
    if st.quirks.basic_auth {
        auth::check_basic(given, user, pass)
    } else {
        let now = unix_now() as u64;
        auth::check_digest(given, method.as_str(), user, pass, &st.nonces, now)
    }
}

fn stale(st: &AppState) -> Response {
    let mut r = reply::xml(
        StatusCode::UNAUTHORIZED,
        reply::status_body(20037, "Stale nonce"),
    );
    if let Ok(v) = HeaderValue::from_str(&st.nonces.challenge(unix_now() as u64, true)) {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    r
}

fn login(st: &AppState, method: &Method, headers: &HeaderMap) -> Response {
    match check_credentials(st, method, headers) {
        AuthOutcome::Ok => {}
        AuthOutcome::Stale => return stale(st),
        AuthOutcome::Denied => return challenge(st, 20037, "Authentication failed"),
    }
    let sid = st
        .sessions
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .create(st.secret);
    let base = if st.quirks.relative_urls {
        String::new()
    } else {
        format!("http://{}", host_of(st, headers))
    };
    // The same server under its other loopback name: another origin.
    let search_base = if st.quirks.cross_origin_capabilities {
        if base.contains("127.0.0.1") {
            base.replace("127.0.0.1", "localhost")
        } else {
            base.replace("localhost", "127.0.0.1")
        }
    } else {
        base.clone()
    };
    let s = &st.schema;
    let body = format!(
        "{decl}<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\r\n<RETS-RESPONSE>\r\n\
         MemberName=Demo User\r\nUser={user},1,DEMO,500001\r\nBroker=DEMO,1\r\n\
         MetadataVersion={v}\r\nMinMetadataVersion={v}\r\nMetadataTimestamp={d}\r\nMinMetadataTimestamp={d}\r\n\
         TimeoutSeconds={t}\r\n\
         Login={base}/rets/login\r\nSearch={search_base}/rets/search\r\nGetMetadata={base}/rets/getmetadata\r\n\
         GetObject={base}/rets/getobject\r\nLogout={base}/rets/logout\r\n</RETS-RESPONSE>\r\n</RETS>\r\n",
        decl = if st.quirks.bad_xml_decl {
            "<?xml version=\"1.0\" encoding=\u{ab}UTF-8\u{bb}?>\r\n"
        } else {
            reply::XML_DECL
        },
        v = s.version,
        d = s.date,
        t = st.config.session_timeout.as_secs(),
        user = st.config.username,
    );
    let mut r = reply::xml(StatusCode::OK, body);
    if let Ok(v) = HeaderValue::from_str(&format!("{SESSION_COOKIE}={sid}; Path=/")) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

fn get_metadata(st: &AppState, params: &Params) -> Response {
    let mtype = params.get("Type").unwrap_or("METADATA-SYSTEM");
    let id = params.get("ID").unwrap_or("0");
    let format = match params.get("Format").map(str::to_ascii_uppercase) {
        Some(f) if f.starts_with("COMPACT") => crate::metadata::MetaFormat::Compact,
        _ => crate::metadata::MetaFormat::StandardXml,
    };
    match crate::metadata::render(&st.schema, mtype, id, format) {
        Ok(body) => {
            let mut r = reply::xml(StatusCode::OK, Body::from(body));
            if let Ok(v) = HeaderValue::from_str(&mtype.to_ascii_uppercase()) {
                r.headers_mut().insert("Content-ID", v);
            }
            r
        }
        Err(e) => reply::rets_error(e.code(), &e.to_string()),
    }
}
