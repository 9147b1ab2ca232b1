//! "Test connection": a readable diagnosis in steps — is the server reachable,
//! which authentication it offers, does login work, which capabilities and
//! metadata it has — each with a next step when it fails.

use std::time::Duration;

use rets_client::{ClientConfig, MetadataFormat, RetsError, Session};
use serde::Serialize;
use ts_rs::TS;

/// The outcome of one diagnosis step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum StepStatus {
    /// The step succeeded.
    Ok,
    /// The step succeeded with something worth knowing.
    Warning,
    /// The step failed; later steps were not run.
    Failed,
}

/// One step of a connection test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosisStep {
    /// What was checked, e.g. "Log in".
    pub title: String,
    /// Outcome.
    pub status: StepStatus,
    /// What was found, in plain words.
    pub detail: String,
    /// What to do about a failure or warning.
    pub hint: Option<String>,
}

/// All steps of a connection test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// Steps in the order they ran.
    pub steps: Vec<DiagnosisStep>,
}

impl Diagnosis {
    /// True when no step failed.
    pub fn is_ok(&self) -> bool {
        self.steps.iter().all(|s| s.status != StepStatus::Failed)
    }
}

struct Recorder<F: FnMut(&DiagnosisStep)> {
    steps: Vec<DiagnosisStep>,
    report: F,
}

impl<F: FnMut(&DiagnosisStep)> Recorder<F> {
    fn push(&mut self, title: &str, status: StepStatus, detail: String, hint: Option<&str>) {
        let step = DiagnosisStep {
            title: title.to_owned(),
            status,
            detail,
            hint: hint.map(str::to_owned),
        };
        (self.report)(&step);
        self.steps.push(step);
    }
}

/// Runs the connection test, reporting each step as it completes.
pub async fn diagnose(config: ClientConfig, report: impl FnMut(&DiagnosisStep)) -> Diagnosis {
    let mut rec = Recorder {
        steps: Vec::new(),
        report,
    };
    run(config, &mut rec).await;
    Diagnosis { steps: rec.steps }
}

async fn run<F: FnMut(&DiagnosisStep)>(config: ClientConfig, rec: &mut Recorder<F>) {
    // 1. Reachability and the authentication the server offers, without credentials.
    match probe(&config).await {
        Ok(found) => rec.push("Reach the server", StepStatus::Ok, found, None),
        Err(err) => {
            rec.push(
                "Reach the server",
                StepStatus::Failed,
                err,
                Some("Check the login URL, your network and any VPN or firewall the MLS requires."),
            );
            return;
        }
    }

    // 2. Login.
    let session = match Session::connect(config.clone()).await {
        Ok(session) => session,
        Err(err) => {
            let hint = login_hint(&err, &config);
            rec.push("Log in", StepStatus::Failed, err.to_string(), Some(hint));
            return;
        }
    };
    let reply = session.login_reply().await.unwrap_or_default();
    let who = reply
        .user()
        .or(reply.member_name())
        .unwrap_or(&config.username)
        .to_owned();
    let ua = if config.ua_password.is_some() {
        " with user-agent authentication"
    } else {
        ""
    };
    rec.push(
        "Log in",
        StepStatus::Ok,
        format!("Logged in as {who}{ua}."),
        None,
    );

    // 3. Capabilities.
    let names: Vec<&str> = reply.capabilities.keys().map(String::as_str).collect();
    let missing: Vec<&str> = ["Search", "GetMetadata"]
        .into_iter()
        .filter(|c| reply.capability(c).is_none())
        .collect();
    if missing.is_empty() {
        rec.push(
            "Capabilities",
            StepStatus::Ok,
            format!("The server offers {}.", names.join(", ")),
            None,
        );
    } else {
        rec.push(
            "Capabilities",
            StepStatus::Warning,
            format!(
                "The server offers {} but not {}.",
                names.join(", "),
                missing.join(" or ")
            ),
            Some("Ask the MLS to enable these transactions for your account."),
        );
    }

    // 4. Metadata.
    match session
        .get_metadata("SYSTEM", "0", MetadataFormat::Compact)
        .await
    {
        Ok(md) => {
            let system = md
                .tables
                .iter()
                .find(|t| t.kind == "SYSTEM")
                .and_then(|t| t.rows.first())
                .map(|row| {
                    let id = row.get("SystemID").map(String::as_str).unwrap_or("");
                    let desc = row
                        .get("SystemDescription")
                        .map(String::as_str)
                        .unwrap_or("");
                    format!("{id} {desc}").trim().to_owned()
                })
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "an unnamed system".to_owned());
            let version = reply
                .metadata_version()
                .map(|v| format!(", metadata version {v}"))
                .unwrap_or_default();
            rec.push(
                "Read metadata",
                StepStatus::Ok,
                format!("System: {system}{version}."),
                None,
            );
        }
        Err(err) => rec.push(
            "Read metadata",
            StepStatus::Warning,
            err.to_string(),
            Some("Searches may still work; metadata may need a different account or format."),
        ),
    }

    // 5. Logout.
    match session.logout().await {
        Ok(_) => rec.push(
            "Log out",
            StepStatus::Ok,
            "Logged out cleanly.".to_owned(),
            None,
        ),
        Err(RetsError::MissingCapability(_)) => rec.push(
            "Log out",
            StepStatus::Ok,
            "The server has no Logout transaction; the session ends when it times out.".to_owned(),
            None,
        ),
        Err(err) => rec.push("Log out", StepStatus::Warning, err.to_string(), None),
    }
}

/// A plain request without credentials: reachable? which auth schemes?
async fn probe(config: &ClientConfig) -> Result<String, String> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .map_err(|e| e.to_string())?;
    let response = client
        .get(config.login_url.clone())
        .header("User-Agent", &config.user_agent)
        .header("RETS-Version", &config.rets_version)
        .send()
        .await
        .map_err(|e| format!("Cannot reach {}: {}", config.login_url, root_cause(&e)))?;
    let schemes: Vec<String> = response
        .headers()
        .get_all(reqwest::header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    let version = response
        .headers()
        .get("RETS-Version")
        .and_then(|v| v.to_str().ok())
        .map(|v| format!(" It speaks {v}."))
        .unwrap_or_default();
    let status = response.status();
    Ok(if schemes.is_empty() {
        format!("The server answered (HTTP {}).{version}", status.as_u16())
    } else {
        format!(
            "The server answered and asks for {} authentication.{version}",
            schemes.join(" or ")
        )
    })
}

fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

fn login_hint(err: &RetsError, config: &ClientConfig) -> &'static str {
    match err {
        RetsError::AuthFailed(_) if config.ua_password.is_none() => {
            "Check the user name and password. Some MLSs also require a registered user agent and user-agent password."
        }
        RetsError::AuthFailed(_) => {
            "Check the user name, password, user agent and user-agent password."
        }
        RetsError::Timeout(_) => {
            "The server is slow or unreachable; try again, or raise the timeout."
        }
        _ => "The server refused the login; its reply above says why.",
    }
}
