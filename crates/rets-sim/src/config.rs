//! Run-time configuration of the simulator: data size, credentials and the
//! server "quirks" that make it behave like one of the many imperfect real
//! RETS servers, so clients can be tested against each misbehaviour.

use std::net::{IpAddr, Ipv4Addr};
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// Configuration of one simulator run.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Number of Property listings to generate.
    pub listings: usize,
    /// Seed of the deterministic data generator.
    pub seed: u64,
    /// Misbehaviours to switch on.
    pub quirks: Quirks,
    /// Server-side cap on rows per Search reply (`<MAXROWS/>` when hit).
    pub max_rows: usize,
    /// Login user name.
    pub username: String,
    /// Login password.
    pub password: String,
    /// User-agent authentication to require (also implied by the `ua-auth` quirk).
    pub ua: Option<UaAuth>,
    /// Idle time after which a session dies.
    pub session_timeout: Duration,
    /// Age after which a digest nonce is answered with `stale=true`.
    pub nonce_lifetime: Duration,
    /// Background market changes, if any.
    pub live: Option<LiveMode>,
    /// Address to bind (loopback by default).
    pub bind: IpAddr,
    /// Port to bind; 0 picks a free one.
    pub port: u16,
    /// "Now" of the generated market; `None` = the current hour (UTC).
    pub anchor: Option<DateTime<Utc>>,
    /// Keep each Search reply and answer a repeated identical request from
    /// memory (benchmarks: the server then is not the bottleneck). Ignored in
    /// live mode, where the data changes.
    pub cache_search_replies: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            listings: 50_000,
            seed: 1,
            quirks: Quirks::default(),
            max_rows: 2500,
            username: "demo".into(),
            password: "demo".into(),
            ua: None,
            session_timeout: Duration::from_secs(1800),
            nonce_lifetime: Duration::from_secs(300),
            live: None,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            anchor: None,
            cache_search_replies: false,
        }
    }
}

/// User-agent credentials for RETS UA authentication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UaAuth {
    /// Required `User-Agent` header value.
    pub user_agent: String,
    /// Shared UA password.
    pub password: String,
}

impl Default for UaAuth {
    /// The credentials the `ua-auth` quirk requires when none are configured.
    fn default() -> Self {
        Self {
            user_agent: "RetsSimClient/1.0".into(),
            password: "uapass".into(),
        }
    }
}

/// Background market activity.
#[derive(Debug, Clone)]
pub struct LiveMode {
    /// Time between two rounds of changes.
    pub interval: Duration,
    /// Changes applied per round.
    pub changes_per_tick: usize,
}

impl Default for LiveMode {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(10),
            changes_per_tick: 25,
        }
    }
}

/// Server misbehaviours, parsed from a comma list such as `gzip,truncate=5`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quirks {
    /// Capability URLs in the login reply are relative paths.
    pub relative_urls: bool,
    /// Search and GetMetadata answer 405 to GET.
    pub post_only: bool,
    /// COMPACT rows are delimited by `|` instead of TAB.
    pub pipe_delimiter: bool,
    /// `<DELIMITER>` is omitted (clients must assume TAB).
    pub no_delimiter: bool,
    /// Bodies are sent with `Content-Encoding: gzip`.
    pub gzip: bool,
    /// XML replies are labelled `text/plain` and start with a UTF-8 BOM.
    pub text_plain_bom: bool,
    /// Only HTTP Basic authentication is offered.
    pub basic_auth: bool,
    /// User-agent authentication is required.
    pub ua_auth: bool,
    /// A session dies after this many requests.
    pub session_expiry: Option<u32>,
    /// Every Nth transaction reply is cut mid-body.
    pub truncate: Option<u32>,
    /// Every Nth transaction starts a burst of two 503 replies.
    pub errors_5xx: Option<u32>,
    /// Delay added to each reply, in milliseconds.
    pub slow: Option<u64>,
    /// The Offset search argument is ignored.
    pub offset_ignored: bool,
    /// MAXROWS is signalled as `<RETS-STATUS ReplyCode="20208">`.
    pub maxrows_status: bool,
    /// Hostile: the login reply sends Search to another origin (the same
    /// server under its other loopback name).
    pub cross_origin_capabilities: bool,
    /// Hostile: the login reply's XML declaration quotes with `«»`.
    pub bad_xml_decl: bool,
    /// Hostile: searches answer a gzip body that inflates without end.
    pub gzip_bomb: bool,
    /// Hostile: searches answer one `<DATA>` row that never ends.
    pub endless_row: bool,
    /// Hostile: GetObject answers one multipart part that never ends.
    pub endless_part: bool,
    /// Hostile: the Property resource's first lookup carries 200,000 more
    /// values, with markup in their names.
    pub huge_lookup: bool,
    /// Faults on this share of transactions, in thousandths (`faults=RATE`
    /// with RATE a fraction such as `0.05`, or a percentage such as `5`),
    /// drawn from the seed: a body cut mid-reply, a 503, a 401 that forces a
    /// new login, or a stall.
    pub faults: Option<u32>,
}

/// A `--quirks` list that could not be understood.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum QuirkError {
    /// The name is not a known quirk.
    #[error(
        "unknown quirk `{0}` (known: relative-urls, post-only, pipe-delimiter, no-delimiter, gzip, \
         text-plain-bom, basic-auth, ua-auth, session-expiry=N, truncate=N, errors-5xx=N, slow=MS, \
         offset-ignored, maxrows-status, cross-origin-capabilities, bad-xml-decl, gzip-bomb, \
         endless-row, endless-part, huge-lookup, faults=RATE)"
    )]
    Unknown(String),
    /// The quirk needs a positive number (`name=N`).
    #[error("quirk `{0}` needs a positive number, e.g. `{0}=5`")]
    BadNumber(String),
    /// The quirk takes no value.
    #[error("quirk `{0}` takes no value")]
    UnexpectedValue(String),
}

impl Quirks {
    /// Every quirk name accepted by `FromStr` (`=N` ones take a number).
    pub const NAMES: [&'static str; 21] = [
        "relative-urls",
        "post-only",
        "pipe-delimiter",
        "no-delimiter",
        "gzip",
        "text-plain-bom",
        "basic-auth",
        "ua-auth",
        "session-expiry=N",
        "truncate=N",
        "errors-5xx=N",
        "slow=MS",
        "offset-ignored",
        "maxrows-status",
        "cross-origin-capabilities",
        "bad-xml-decl",
        "gzip-bomb",
        "endless-row",
        "endless-part",
        "huge-lookup",
        "faults=RATE",
    ];
}

impl std::fmt::Display for Quirks {
    /// The comma list `FromStr` accepts (round-trips).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut items: Vec<String> = Vec::new();
        let flags = [
            (self.relative_urls, "relative-urls"),
            (self.post_only, "post-only"),
            (self.pipe_delimiter, "pipe-delimiter"),
            (self.no_delimiter, "no-delimiter"),
            (self.gzip, "gzip"),
            (self.text_plain_bom, "text-plain-bom"),
            (self.basic_auth, "basic-auth"),
            (self.ua_auth, "ua-auth"),
        ];
        items.extend(
            flags
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, n)| (*n).to_string()),
        );
        let numbers = [
            ("session-expiry", self.session_expiry.map(u64::from)),
            ("truncate", self.truncate.map(u64::from)),
            ("errors-5xx", self.errors_5xx.map(u64::from)),
            ("slow", self.slow),
        ];
        items.extend(
            numbers
                .iter()
                .filter_map(|(n, v)| v.map(|v| format!("{n}={v}"))),
        );
        if let Some(permille) = self.faults {
            items.push(format!("faults={}", f64::from(permille) / 1000.0));
        }
        if self.offset_ignored {
            items.push("offset-ignored".into());
        }
        if self.maxrows_status {
            items.push("maxrows-status".into());
        }
        let hostile = [
            (self.cross_origin_capabilities, "cross-origin-capabilities"),
            (self.bad_xml_decl, "bad-xml-decl"),
            (self.gzip_bomb, "gzip-bomb"),
            (self.endless_row, "endless-row"),
            (self.endless_part, "endless-part"),
            (self.huge_lookup, "huge-lookup"),
        ];
        items.extend(
            hostile
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, n)| (*n).to_string()),
        );
        f.write_str(&items.join(","))
    }
}

impl FromStr for Quirks {
    type Err = QuirkError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut q = Quirks::default();
        for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (name, value) = match item.split_once('=') {
                Some((n, v)) => (n.trim(), Some(v.trim())),
                None => (item, None),
            };
            let number = || -> Result<u64, QuirkError> {
                value
                    .and_then(|v| v.parse::<u64>().ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| QuirkError::BadNumber(name.to_string()))
            };
            let small = || number().map(|n| u32::try_from(n).unwrap_or(u32::MAX));
            let flag = |slot: &mut bool| -> Result<(), QuirkError> {
                if value.is_some() {
                    return Err(QuirkError::UnexpectedValue(name.to_string()));
                }
                *slot = true;
                Ok(())
            };
            match name {
                "relative-urls" => flag(&mut q.relative_urls)?,
                "post-only" => flag(&mut q.post_only)?,
                "pipe-delimiter" => flag(&mut q.pipe_delimiter)?,
                "no-delimiter" => flag(&mut q.no_delimiter)?,
                "gzip" => flag(&mut q.gzip)?,
                "text-plain-bom" => flag(&mut q.text_plain_bom)?,
                "basic-auth" => flag(&mut q.basic_auth)?,
                "ua-auth" => flag(&mut q.ua_auth)?,
                "offset-ignored" => flag(&mut q.offset_ignored)?,
                "maxrows-status" => flag(&mut q.maxrows_status)?,
                "cross-origin-capabilities" => flag(&mut q.cross_origin_capabilities)?,
                "bad-xml-decl" => flag(&mut q.bad_xml_decl)?,
                "gzip-bomb" => flag(&mut q.gzip_bomb)?,
                "endless-row" => flag(&mut q.endless_row)?,
                "endless-part" => flag(&mut q.endless_part)?,
                "huge-lookup" => flag(&mut q.huge_lookup)?,
                "session-expiry" => q.session_expiry = Some(small()?),
                "truncate" => q.truncate = Some(small()?),
                "errors-5xx" => q.errors_5xx = Some(small()?),
                "slow" => q.slow = Some(number()?),
                "faults" => q.faults = Some(rate(name, value)?),
                other => return Err(QuirkError::Unknown(other.to_string())),
            }
        }
        Ok(q)
    }
}

/// A fault rate in thousandths: a fraction below 1 (`0.05`) or a
/// percentage (`5`, `5%`).
fn rate(name: &str, value: Option<&str>) -> Result<u32, QuirkError> {
    let bad = || QuirkError::BadNumber(name.to_string());
    let text = value.ok_or_else(bad)?;
    let v: f64 = text.trim_end_matches('%').parse().map_err(|_| bad())?;
    let fraction = if v < 1.0 && !text.ends_with('%') {
        v
    } else {
        v / 100.0
    };
    if !(fraction > 0.0 && fraction <= 1.0) {
        return Err(bad());
    }
    Ok(((fraction * 1000.0).round() as u32).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_flags_and_numbers() {
        let q: Quirks = "gzip, truncate=5,slow=20,post-only".parse().unwrap();
        assert!(q.gzip && q.post_only);
        assert_eq!(q.truncate, Some(5));
        assert_eq!(q.slow, Some(20));
        assert!(!q.basic_auth);
        assert_eq!("".parse::<Quirks>().unwrap(), Quirks::default());
        for (text, permille) in [
            ("faults=0.05", 50),
            ("faults=5", 50),
            ("faults=5%", 50),
            ("faults=1", 10),
        ] {
            assert_eq!(
                text.parse::<Quirks>().unwrap().faults,
                Some(permille),
                "{text}"
            );
        }
        for bad in ["faults=0", "faults=-1", "faults=150", "faults=x", "faults"] {
            assert!(bad.parse::<Quirks>().is_err(), "{bad}");
        }
    }

    #[test]
    fn display_round_trips() {
        let all = Quirks::NAMES
            .join(",")
            .replace("=N", "=3")
            .replace("=MS", "=40")
            .replace("=RATE", "=0.25");
        let q: Quirks = all.parse().unwrap();
        assert_eq!(q.to_string().parse::<Quirks>().unwrap(), q);
        assert_eq!(q.to_string().split(',').count(), Quirks::NAMES.len());
        assert_eq!(Quirks::default().to_string(), "");
    }

    #[test]
    fn names_the_bad_quirk() {
        let err = "gzip,frobnicate".parse::<Quirks>().unwrap_err();
        assert_eq!(err, QuirkError::Unknown("frobnicate".into()));
        assert!(err.to_string().contains("frobnicate"));
        assert_eq!(
            "truncate=x".parse::<Quirks>().unwrap_err(),
            QuirkError::BadNumber("truncate".into())
        );
        assert_eq!(
            "gzip=1".parse::<Quirks>().unwrap_err(),
            QuirkError::UnexpectedValue("gzip".into())
        );
    }
}
