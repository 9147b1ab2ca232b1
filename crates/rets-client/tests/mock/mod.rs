//! A small in-test RETS server (axum on 127.0.0.1:0) with switchable quirks: digest
//! auth, session cookies, paging by Offset or ignoring it, resets, expiry, 405, 429.
#![allow(dead_code)]

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use md5::{Digest, Md5};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const USER: &str = "agent";
pub const PASS: &str = "s3cret-pass";
pub const UA: &str = "TestUA/1.0";
pub const UA_PASS: &str = "ua-pw";

fn md5_hex(s: &str) -> String {
    hex::encode(Md5::digest(s.as_bytes()))
}

#[derive(Default)]
pub struct Quirks {
    pub digest: bool,
    pub page_size: usize,
    pub rows: usize,
    pub ignore_offset: bool,
    /// Reset the connection in the middle of this (1-based) search request.
    pub reset_on_search: Option<usize>,
    /// Cut the body before </RETS> on this search request.
    pub truncate_on_search: Option<usize>,
    /// Answer 20037 on this search request.
    pub expire_on_search: Option<usize>,
    /// Answer HTTP 401 (stale session) on this GetObject request.
    pub unauthorized_on_object: Option<usize>,
    pub get_not_allowed: bool,
    /// Answer 429 with Retry-After: 0 on this search request.
    pub busy_on_search: Option<usize>,
    pub refuse_metadata_star: bool,
    /// Reset the connection early in this GetObject request.
    pub reset_on_object: Option<usize>,
    pub action_url: bool,
    /// The login reply's `Search=` value (default `/search`).
    pub search_url: Option<String>,
    /// Answer searches with a 302 to this URL.
    pub redirect_search: Option<String>,
}

#[derive(Default)]
pub struct Log {
    pub logins: usize,
    pub searches: usize,
    pub objects: usize,
    pub actions: usize,
    pub methods: Vec<String>,
    pub ua_ok: Vec<bool>,
    pub nc: Vec<String>,
    pub search_params: Vec<HashMap<String, String>>,
    pub metadata_params: Vec<HashMap<String, String>>,
}

pub struct Server {
    pub quirks: Quirks,
    pub log: Mutex<Log>,
    session_counter: Mutex<u32>,
    /// GetObject answers 401 while the login count equals this value.
    stale_login: Mutex<Option<usize>>,
}

pub async fn start(quirks: Quirks) -> (String, Arc<Server>) {
    let server = Arc::new(Server {
        quirks,
        log: Mutex::new(Log::default()),
        session_counter: Mutex::new(0),
        stale_login: Mutex::new(None),
    });
    let s = server.clone();
    let app = axum::Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let s = s.clone();
            async move { s.handle(method, uri, headers, body) }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}"), server)
}

fn xml(body: impl Into<Body>) -> Response {
    Response::builder()
        .header("Content-Type", "text/xml")
        .body(body.into())
        .unwrap()
}

fn params_of(uri: &Uri, body: &[u8]) -> HashMap<String, String> {
    let q = uri.query().unwrap_or("").as_bytes().to_vec();
    url::form_urlencoded::parse(&q)
        .chain(url::form_urlencoded::parse(body))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub fn key(i: usize) -> String {
    format!("K{i:04}")
}

impl Server {
    fn digest_ok(&self, method: &Method, headers: &HeaderMap) -> bool {
        let Some(h) = headers.get("authorization").and_then(|v| v.to_str().ok()) else {
            return false;
        };
        let Some(rest) = h.strip_prefix("Digest ") else {
            return false;
        };
        let mut p = HashMap::new();
        for part in rest.split(", ") {
            if let Some((k, v)) = part.split_once('=') {
                p.insert(k.trim().to_owned(), v.trim_matches('"').to_owned());
            }
        }
        let get = |k: &str| p.get(k).cloned().unwrap_or_default();
        if get("opaque") != "op4que" || get("username") != USER {
            return false;
        }
        let ha1 = md5_hex(&format!("{USER}:rets:{PASS}"));
        let ha2 = md5_hex(&format!("{}:{}", method.as_str(), get("uri")));
        let expect = md5_hex(&format!(
            "{ha1}:n0nce:{}:{}:auth:{ha2}",
            get("nc"),
            get("cnonce")
        ));
        self.log.lock().unwrap().nc.push(get("nc"));
        expect == get("response")
    }

    fn session_of(headers: &HeaderMap) -> Option<String> {
        let c = headers.get("cookie")?.to_str().ok()?;
        c.split(';').find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == "RETS-Session-ID").then(|| v.to_owned())
        })
    }

    fn handle(&self, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
        let path = uri.path().to_owned();
        self.log
            .lock()
            .unwrap()
            .methods
            .push(format!("{method} {path}"));
        if self.quirks.get_not_allowed && method == Method::GET {
            return Response::builder().status(405).body(Body::empty()).unwrap();
        }
        if self.quirks.digest && !self.digest_ok(&method, &headers) {
            return Response::builder()
                .status(StatusCode::UNAUTHORIZED)
                .header(
                    "WWW-Authenticate",
                    "Digest realm=\"rets\", nonce=\"n0nce\", qop=\"auth\", opaque=\"op4que\"",
                )
                .body(Body::empty())
                .unwrap();
        }
        if let Some(to) = &self.quirks.redirect_search
            && path == "/search"
        {
            return Response::builder()
                .status(302)
                .header("Location", to)
                .body(Body::empty())
                .unwrap();
        }
        let sid = Self::session_of(&headers);
        if let Some(ua) = headers
            .get("rets-ua-authorization")
            .and_then(|v| v.to_str().ok())
        {
            let rid = headers
                .get("rets-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let expect = rets_client::auth::ua_authorization(
                UA,
                UA_PASS,
                rid,
                sid.as_deref().unwrap_or(""),
                "RETS/1.7.2",
            );
            self.log.lock().unwrap().ua_ok.push(ua == expect);
        }
        let params = params_of(&uri, &body);
        match path.as_str() {
            "/login" => self.login(),
            "/action" => {
                self.log.lock().unwrap().actions += 1;
                Response::builder()
                    .header("Content-Type", "text/plain")
                    .body(Body::from("Welcome!"))
                    .unwrap()
            }
            "/search" => self.search(params),
            "/metadata" => self.metadata(params),
            "/object" => self.object(params),
            "/logout" => {
                xml("<RETS ReplyCode=\"0\" ReplyText=\"Bye\">\nSignOffMessage=Goodbye\n</RETS>")
            }
            _ => Response::builder().status(404).body(Body::empty()).unwrap(),
        }
    }

    fn login(&self) -> Response {
        let n = {
            let mut c = self.session_counter.lock().unwrap();
            *c += 1;
            *c
        };
        self.log.lock().unwrap().logins += 1;
        let action = if self.quirks.action_url {
            "Action=/action\n"
        } else {
            ""
        };
        let search = self.quirks.search_url.as_deref().unwrap_or("/search");
        let body = format!(
            "<RETS ReplyCode=\"0\" ReplyText=\"Success\">\n<RETS-RESPONSE>\nMemberName=Test Agent\nMetadataVersion=1.2.3\nTimeoutSeconds=1800\n{action}Search={search}\nGetMetadata=/metadata\nGetObject=/object\nLogout=/logout\n</RETS-RESPONSE>\n</RETS>\n"
        );
        Response::builder()
            .header("Content-Type", "text/xml")
            .header("Set-Cookie", format!("RETS-Session-ID=sess{n}; Path=/"))
            .body(Body::from(body))
            .unwrap()
    }

    fn search(&self, p: HashMap<String, String>) -> Response {
        let n = {
            let mut log = self.log.lock().unwrap();
            log.searches += 1;
            log.search_params.push(p.clone());
            log.searches
        };
        let q = &self.quirks;
        if q.busy_on_search == Some(n) {
            return Response::builder()
                .status(429)
                .header("Retry-After", "0")
                .body(Body::empty())
                .unwrap();
        }
        if q.expire_on_search == Some(n) {
            return xml("<RETS ReplyCode=\"20037\" ReplyText=\"Session expired\"/>");
        }
        let query = p.get("Query").cloned().unwrap_or_default();
        if p.get("Format").map(String::as_str) == Some("STANDARD-XML") {
            return xml(
                "<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COUNT Records=\"2\"/><REData><REProperties><ResidentialProperty><Listing><ListingID>K0001</ListingID><ListPrice>1000</ListPrice></Listing></ResidentialProperty><ResidentialProperty><Listing><ListingID>K0002</ListingID><ListPrice>2000</ListPrice></Listing></ResidentialProperty></REProperties></REData></RETS>",
            );
        }
        if query.contains("BAD") {
            return xml(
                "<RETS ReplyCode=\"20206\" ReplyText=\"Invalid query\">\nnear BAD\n</RETS>",
            );
        }
        // Key-range condition appended by the client: (LN=K0012+)
        let min_key = query
            .split("(LN=")
            .nth(1)
            .and_then(|r| r.strip_suffix("+)"))
            .map(str::to_owned);
        let all: Vec<usize> = (1..=q.rows)
            .filter(|i| min_key.as_deref().is_none_or(|m| key(*i).as_str() >= m))
            .collect();
        if p.get("Count").map(String::as_str) == Some("2") {
            return xml(format!(
                "<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COUNT Records=\"{}\"/></RETS>",
                all.len()
            ));
        }
        if all.is_empty() {
            return xml("<RETS ReplyCode=\"20201\" ReplyText=\"No Records Found\"/>");
        }
        let offset: usize = if q.ignore_offset {
            1
        } else {
            p.get("Offset").and_then(|o| o.parse().ok()).unwrap_or(1)
        };
        let limit: usize = p
            .get("Limit")
            .and_then(|l| l.parse().ok())
            .unwrap_or(usize::MAX);
        let take = q.page_size.min(limit);
        let page: Vec<usize> = all.iter().copied().skip(offset - 1).take(take).collect();
        let more = offset - 1 + page.len() < all.len();
        let mut head = String::from(
            "<?xml version=\"1.0\"?>\n<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\n",
        );
        if p.get("Count").map(String::as_str) == Some("1") {
            head.push_str(&format!("<COUNT Records=\"{}\"/>\n", all.len()));
        }
        head.push_str("<DELIMITER value=\"09\"/>\n<COLUMNS>\tLN\tPrice\tRemarks\t</COLUMNS>\n");
        let rows: Vec<String> = page
            .iter()
            .map(|i| format!("<DATA>\t{}\t{}\t a &amp; b \t</DATA>\n", key(*i), i * 1000))
            .collect();
        let tail = if more {
            "<MAXROWS/>\n</RETS>\n"
        } else {
            "</RETS>\n"
        };
        let half = rows.len() / 2;
        if q.reset_on_search == Some(n) {
            let first = format!("{head}{}", rows[..half].concat());
            let s = futures_util::stream::iter(vec![
                Ok::<_, std::io::Error>(Bytes::from(first)),
                Err(std::io::Error::other("connection reset")),
            ]);
            return xml(Body::from_stream(s));
        }
        if q.truncate_on_search == Some(n) {
            return xml(format!("{head}{}", rows[..half].concat()));
        }
        xml(format!("{head}{}{tail}", rows.concat()))
    }

    fn metadata(&self, p: HashMap<String, String>) -> Response {
        self.log.lock().unwrap().metadata_params.push(p.clone());
        let ty = p.get("Type").cloned().unwrap_or_default();
        let id = p.get("ID").cloned().unwrap_or_default();
        let system = "<METADATA-SYSTEM Version=\"1.2.3\" Date=\"2024-01-01T00:00:00Z\"><SYSTEM SystemID=\"MOCK\" SystemDescription=\"Mock MLS\"/><COMMENTS>hi</COMMENTS></METADATA-SYSTEM>";
        let resource = "<METADATA-RESOURCE Version=\"1\" Date=\"d\"><COLUMNS>\tResourceID\tKeyField\tClassCount\t</COLUMNS><DATA>\tProperty\tLN\t1\t</DATA></METADATA-RESOURCE>";
        let class = "<METADATA-CLASS Resource=\"Property\" Version=\"1\" Date=\"d\"><COLUMNS>\tClassName\tVisibleName\t</COLUMNS><DATA>\tRES\tResidential\t</DATA></METADATA-CLASS>";
        let table = "<METADATA-TABLE Resource=\"Property\" Class=\"RES\" Version=\"7\" Date=\"d\"><COLUMNS>\tSystemName\tDataType\tLookupName\t</COLUMNS><DATA>\tLN\tCharacter\t\t</DATA><DATA>\tStatus\tCharacter\tST\t</DATA></METADATA-TABLE>";
        let lookup = "<METADATA-LOOKUP Resource=\"Property\" Version=\"1\" Date=\"d\"><COLUMNS>\tLookupName\tVisibleName\t</COLUMNS><DATA>\tST\tStatus\t</DATA></METADATA-LOOKUP>";
        let lookup_type = "<METADATA-LOOKUP_TYPE Resource=\"Property\" Lookup=\"ST\" Version=\"1\" Date=\"d\"><COLUMNS>\tLongValue\tShortValue\tValue\t</COLUMNS><DATA>\tActive\tAct\tA\t</DATA></METADATA-LOOKUP_TYPE>";
        let wrap = |s: &str| xml(format!("<RETS ReplyCode=\"0\" ReplyText=\"ok\">{s}</RETS>"));
        match (ty.as_str(), id.as_str()) {
            ("METADATA-SYSTEM", "*") if self.quirks.refuse_metadata_star => {
                xml("<RETS ReplyCode=\"20502\" ReplyText=\"Invalid identifier\"/>")
            }
            ("METADATA-LOOKUP_TYPE", "Property:*") if self.quirks.refuse_metadata_star => {
                xml("<RETS ReplyCode=\"20502\" ReplyText=\"Invalid identifier\"/>")
            }
            ("METADATA-SYSTEM", "*") => {
                wrap(&[system, resource, class, table, lookup, lookup_type].concat())
            }
            ("METADATA-SYSTEM", _) => wrap(system),
            ("METADATA-RESOURCE", _) => wrap(resource),
            ("METADATA-CLASS", _) => wrap(class),
            ("METADATA-TABLE", _) => wrap(table),
            ("METADATA-LOOKUP", _) => wrap(lookup),
            ("METADATA-LOOKUP_TYPE", _) => wrap(lookup_type),
            _ => xml("<RETS ReplyCode=\"20503\" ReplyText=\"No metadata\"/>"),
        }
    }

    fn object(&self, p: HashMap<String, String>) -> Response {
        let n = {
            let mut log = self.log.lock().unwrap();
            log.objects += 1;
            log.objects
        };
        let logins = self.log.lock().unwrap().logins;
        if self.quirks.unauthorized_on_object == Some(n) {
            *self.stale_login.lock().unwrap() = Some(logins);
        }
        if *self.stale_login.lock().unwrap() == Some(logins) {
            return Response::builder()
                .status(401)
                .header("WWW-Authenticate", "Basic realm=\"rets\"")
                .body(Body::empty())
                .unwrap();
        }
        let id = p.get("ID").cloned().unwrap_or_default();
        if id == "single" {
            return Response::builder()
                .header("Content-Type", "image/jpeg")
                .header("Content-ID", "single")
                .header("Object-ID", "1")
                .body(Body::from(vec![0xff, 0xd8, 0xff, 0xd9]))
                .unwrap();
        }
        let body = b"--XyZ\r\nContent-ID: K1\r\nObject-ID: 1\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8JPEG1\xff\xd9\r\n--XyZ\r\nContent-ID: K2\r\nObject-ID: 1\r\nContent-Type: text/xml\r\n\r\n<RETS ReplyCode=\"20403\" ReplyText=\"No Object Found\"/>\r\n--XyZ\r\nContent-ID: K3\r\nObject-ID: 2\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8JPEG3\xff\xd9\r\n--XyZ--\r\n".to_vec();
        let mut chunks: Vec<Result<Bytes, std::io::Error>> = body
            .chunks(5)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        if self.quirks.reset_on_object == Some(n) {
            chunks.truncate(4);
            chunks.push(Err(std::io::Error::other("connection reset")));
        }
        Response::builder()
            .header(
                "Content-Type",
                "multipart/parallel; boundary=\"XyZ\"; charset=US-ASCII",
            )
            .body(Body::from_stream(futures_util::stream::iter(chunks)))
            .unwrap()
    }
}
