//! `zhclean convert`: convert text between scripts, like the opencc CLI.

use std::path::PathBuf;

use clap::Args;

use zhclean::convert::{ConfigName, Converter};
use zhclean::pipeline::{self, DecodeOptions};
use zhclean::walk;
use zhclean::write::atomic_write;

use super::Exit;

const AFTER_HELP: &str = "\
Converts every character, as `opencc -c CONFIG` does (with zhclean's reviewed
overrides for mainland forms such as 着力, 着手, 着眼 when converting to Simplified).
Input in any encoding is detected and decoded; output is UTF-8.

Examples:
  echo 測試 | zhclean convert
  zhclean convert -c tw2sp -i taiwan.txt -o simplified.txt
  zhclean convert -c s2t < simplified.txt > traditional.txt";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ConvertArgs {
    /// Conversion config: t2s, tw2s, tw2sp, hk2s, hk2sp, s2t.
    #[arg(short = 'c', long, value_enum, default_value = "t2s")]
    pub config: ConfigName,
    /// Read this file instead of standard input.
    #[arg(short, long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Write this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Force the input encoding (WHATWG label).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
}

pub fn run(args: ConvertArgs) -> Exit {
    match run_inner(&args) {
        Ok(()) => Exit::Ok,
        Err(msg) => {
            super::error(msg);
            Exit::Error
        }
    }
}

fn run_inner(args: &ConvertArgs) -> Result<(), String> {
    let (bytes, name) = match &args.input {
        Some(p) => (
            std::fs::read(p)
                .map_err(|e| format!("{}: cannot read: {}", p.display(), walk::io_message(&e)))?,
            p.display().to_string(),
        ),
        None => (
            super::read_stdin()
                .map_err(|e| format!("cannot read standard input: {}", walk::io_message(&e)))?,
            "<stdin>".to_string(),
        ),
    };
    let decode = super::DecodeArgs {
        encoding: args.encoding.clone(),
        lossy: false,
        min_confidence: None,
        fix_mojibake: false,
        per_line: false,
    }
    .options()?;
    let text: std::borrow::Cow<str> = match zhclean::decode::utf8(&bytes) {
        Ok(s) if decode.encoding.is_none() => s.strip_prefix('\u{feff}').unwrap_or(s).into(),
        _ => {
            let opts = DecodeOptions {
                lossy: false,
                ..decode
            };
            let (source, _, _) =
                pipeline::decode_bytes(&bytes, &opts).map_err(|e| format!("{name}: {e}"))?;
            source.text.into()
        }
    };
    let out = Converter::get(args.config).convert(&text);
    match &args.output {
        Some(p) => atomic_write(p, out.as_bytes())
            .map_err(|e| format!("{}: cannot write: {}", p.display(), walk::io_message(&e))),
        None => super::write_stdout(out.as_bytes()),
    }
}
