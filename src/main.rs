//! The `zhclean` command line: argument parsing (clap derive) and dispatch to `cli/`.

mod allocator;
mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    allocator::tune();
    let args = cli::Cli::parse();
    let code = match args.command {
        cli::Command::Clean(a) => cli::clean::run(a),
        cli::Command::Check(a) => cli::check::run(a),
        cli::Command::Detect(a) => cli::detect::run(a),
        cli::Command::Diff(a) => cli::diff::run(a),
        cli::Command::Review(a) => cli::review::run(a),
        cli::Command::Convert(a) => cli::convert::run(a),
        cli::Command::Config(a) => cli::config::run(a),
    };
    ExitCode::from(code as u8)
}
