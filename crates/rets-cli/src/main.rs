//! `rets-portal`: search, metadata and objects from MLS servers over RETS.
//! Failures print one line on stderr naming the cause and exit non-zero.

mod analytics;
mod args;
mod connect;
mod keys;
mod metadata;
mod objects;
mod output;
mod replica;
mod search;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Search(args) => search::run(args).await,
            Command::Metadata(args) => metadata::run(args).await,
            Command::Objects(args) => objects::run(args).await,
            Command::Sync(args) => replica::sync(args).await,
            Command::Export(args) => replica::export(args).await,
            Command::Analytics(args) => analytics::run(args).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line: the causes joined, no backtrace.
            let message = format!("{err:#}").replace('\n', " ");
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
