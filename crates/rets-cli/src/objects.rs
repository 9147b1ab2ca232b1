//! `rets-portal objects`: streams a GetObject reply into `DIR/<key>-<object id>.<ext>`.
//! Objects the server reports missing (20403 or an XML error part) are listed on
//! stderr; the rest are still written.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use futures_util::StreamExt;
use rets_client::ObjectPart;

use crate::args::ObjectsArgs;
use crate::connect::Connection;

/// Runs the `objects` subcommand.
pub async fn run(args: ObjectsArgs) -> Result<()> {
    validate_ids(&args.ids)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create folder {}", args.out.display()))?;
    let conn = Connection::open(&args.conn).await?;
    let result = fetch(&conn, &args).await;
    conn.close().await;
    let (written, missing) = result?;
    eprintln!(
        "{written} object{} written to {}{}",
        if written == 1 { "" } else { "s" },
        args.out.display(),
        if missing > 0 {
            format!(", {missing} missing")
        } else {
            String::new()
        }
    );
    Ok(())
}

async fn fetch(conn: &Connection, args: &ObjectsArgs) -> Result<(usize, usize)> {
    let mut parts = conn
        .session
        .get_object(&args.resource, &args.object_type, &args.ids, false)
        .await?;
    let single_key = sole_key(&args.ids);
    let (mut written, mut missing) = (0, 0);
    while let Some(part) = parts.next().await {
        let part = part?;
        let key = part
            .content_id
            .clone()
            .filter(|k| !k.trim().is_empty())
            .or_else(|| single_key.clone())
            .unwrap_or_else(|| "object".to_owned());
        let object_id = part.object_id.clone().unwrap_or_else(|| "0".to_owned());
        if let Some(err) = part.error() {
            eprintln!("missing: {key}:{object_id}: {err}");
            missing += 1;
            continue;
        }
        if !part.has_data() {
            match &part.location {
                Some(location) => {
                    eprintln!("missing: {key}:{object_id}: only a location was sent ({location})")
                }
                None if part.rets_reply => eprintln!(
                    "missing: {key}:{object_id}: the server sent a RETS reply instead of the object"
                ),
                None => eprintln!("missing: {key}:{object_id}: the server sent an empty object"),
            }
            missing += 1;
            continue;
        }
        let path = object_path(&args.out, &key, &object_id, &part);
        std::fs::write(&path, &part.data)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written += 1;
    }
    Ok((written, missing))
}

/// `DIR/<key>-<object id>.<extension from Content-Type>`, with path separators
/// and other unsafe characters in server-supplied ids replaced.
fn object_path(dir: &Path, key: &str, object_id: &str, part: &ObjectPart) -> PathBuf {
    let ext = extension(part.content_type.as_deref().unwrap_or(""));
    dir.join(format!("{}-{}.{ext}", safe(key), safe(object_id)))
}

fn safe(s: &str) -> String {
    let cleaned: String = s
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    match cleaned.trim_start_matches('.') {
        "" => "_".to_owned(),
        rest => rest.to_owned(),
    }
}

/// File extension for a MIME type (parameters ignored).
pub fn extension(content_type: &str) -> &'static str {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "image/jpeg" | "image/jpg" | "image/pjpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/tiff" => "tif",
        "image/bmp" => "bmp",
        "image/svg+xml" => "svg",
        "application/pdf" => "pdf",
        "video/mp4" => "mp4",
        "text/xml" | "application/xml" => "xml",
        "text/plain" => "txt",
        "text/html" => "html",
        _ => "bin",
    }
}

/// The only listing key when the ID list names one, for replies without Content-ID.
fn sole_key(ids: &str) -> Option<String> {
    let mut keys = ids
        .split(',')
        .map(|e| e.split(':').next().unwrap_or("").trim());
    let first = keys.next()?.to_owned();
    keys.next().is_none().then_some(first)
}

/// Checks the `--ids` syntax: `key[:id[:id…]|:*]`, comma separated.
fn validate_ids(ids: &str) -> Result<()> {
    if ids.trim().is_empty() {
        bail!("--ids is empty; give listing keys with object ids, e.g. \"K1:*,K2:1\"");
    }
    for entry in ids.split(',') {
        let mut parts = entry.split(':');
        let key = parts.next().unwrap_or("").trim();
        if key.is_empty() {
            bail!("--ids entry {entry:?} has no listing key; expected e.g. \"K1:*\" or \"K2:1:2\"");
        }
        for id in parts {
            let id = id.trim();
            if id != "*" && id.parse::<u32>().is_err() {
                bail!("--ids entry {entry:?}: object id {id:?} must be a number or *");
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_follow_content_type() {
        assert_eq!(extension("image/jpeg"), "jpg");
        assert_eq!(extension("IMAGE/PNG; charset=binary"), "png");
        assert_eq!(extension("application/x-unknown"), "bin");
    }

    #[test]
    fn server_ids_cannot_escape_the_folder() {
        assert_eq!(safe("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe("L123"), "L123");
        assert_eq!(safe(""), "_");
    }

    #[test]
    fn ids_syntax_is_checked() {
        assert!(validate_ids("K1:*,K2:1:3,K3").is_ok());
        assert!(
            validate_ids("K1:x")
                .unwrap_err()
                .to_string()
                .contains("\"x\"")
        );
        assert!(validate_ids(":1").is_err());
        assert!(validate_ids(" ").is_err());
    }

    #[test]
    fn sole_key_only_for_one_listing() {
        assert_eq!(sole_key("K1:*").as_deref(), Some("K1"));
        assert_eq!(sole_key("K1:1,K2:1"), None);
    }
}
