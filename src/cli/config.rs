//! `zhclean config`: print the effective configuration.

use clap::Args;

use super::{ConfigArgs, Exit};

/// `zhclean config [--config FILE]`.
#[derive(Debug, Args)]
#[command(
    after_help = "Prints the configuration in effect (defaults, the nearest zhclean.toml or --config, and\n\
command-line overrides merged) as TOML that can be saved as zhclean.toml."
)]
pub struct ConfigCmdArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
}

pub fn run(args: ConfigCmdArgs) -> Exit {
    match args.config.load() {
        Ok(c) => {
            let source = match args.config.config_path() {
                Some(p) => format!("# from {}\n", p.display()),
                None => "# defaults (no zhclean.toml found)\n".to_string(),
            };
            match super::write_stdout(format!("{source}{}", c.to_toml()).as_bytes()) {
                Ok(()) => Exit::Ok,
                Err(e) => {
                    super::error(e);
                    Exit::Error
                }
            }
        }
        Err(e) => {
            super::error(e);
            Exit::Error
        }
    }
}
