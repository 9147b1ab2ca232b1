//! `rets-portal-server`: the team server's command line. Parses the
//! configuration (flags, or the environment a container or Railway sets) and
//! serves until stopped.

use std::net::SocketAddr;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "rets-portal-server",
    version,
    about = "The RETS Data Portal team server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serves the HTTP API; prints `listening on http://ADDR` once ready.
    Serve(Serve),
}

#[derive(clap::Args)]
struct Serve {
    /// Address to listen on (port 0 picks a free one). Default 0.0.0.0:$PORT when PORT is set.
    #[arg(long)]
    listen: Option<String>,
    /// sqlite://FILE (created if missing) or postgres://…
    #[arg(long, env = "DATABASE_URL")]
    database: String,
    /// SMTP server for password-reset mail: smtp://HOST:PORT (plain), smtp://…?tls=required
    /// (STARTTLS) or smtps://…; credentials as smtp://USER:PASSWORD@HOST.
    #[arg(long, env = "SMTP_URL")]
    smtp: Option<String>,
    /// The sender of that mail.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "RETS Data Portal <no-reply@localhost>"
    )]
    mail_from: String,
    /// The address users reach this server at, for links in mail.
    #[arg(long, env = "PUBLIC_URL")]
    public_url: Option<String>,
    /// Turns open sign-up off: only the first team can be created with /v1/auth/signup.
    #[arg(long, env = "CLOSED_SIGNUP")]
    closed_signup: bool,
    /// File holding the token signing secret (else JWT_SECRET, else one kept in the database).
    #[arg(long, env = "JWT_SECRET_FILE")]
    jwt_secret_file: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let Command::Serve(args) = Cli::parse().command;
    let listen = match args.listen {
        Some(l) => l,
        None => format!(
            "0.0.0.0:{}",
            std::env::var("PORT").unwrap_or_else(|_| "8080".into())
        ),
    };
    let addr: SocketAddr = listen
        .parse()
        .with_context(|| format!("--listen {listen:?} is not an address like 127.0.0.1:8080"))?;
    let jwt_secret = match &args.jwt_secret_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the key file {}", path.display()))?
                .trim()
                .to_owned(),
        ),
        None => std::env::var("JWT_SECRET").ok().filter(|s| !s.is_empty()),
    };
    let settings = team::db::Settings {
        open_signup: !args.closed_signup,
        jwt_secret,
    };
    let team = team::Team::open(&args.database, settings)
        .await
        .with_context(|| "cannot open the database".to_owned())?;
    let mail = match &args.smtp {
        Some(url) => Some(rets_portal_server::mail::Mailer::new(
            url,
            &args.mail_from,
            args.public_url.clone(),
        )?),
        None => {
            tracing::warn!("no --smtp: password-reset mail cannot be sent");
            None
        }
    };
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let bound = listener.local_addr()?;
    println!("listening on http://{bound}");
    use std::io::Write;
    std::io::stdout().flush()?;
    axum::serve(
        listener,
        rets_portal_server::router(rets_portal_server::App { team, mail }),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
