//! `zhclean diff`: what `clean` would change, for review in a terminal or a pager.

use std::io::IsTerminal;

use clap::Args;

use zhclean::pipeline;
use zhclean::report::diff::{render, DiffStyle};
use zhclean::report::Rule;
use zhclean::walk;

use super::{ColorChoice, ConfigArgs, DecodeArgs, Exit, InputArgs};

const AFTER_HELP: &str = "\
Prints, for every file that cleaning changes, a unified diff from the decoded original
to the cleaned text. With colour, only the characters that changed inside a line are
highlighted (a paragraph is one line in Chinese text, so a line diff alone says little),
redaction placeholders are underlined in magenta, and every hunk header names the rules
that made its changes (`@@ -1,3 +1,2 @@ boilerplate[breadcrumb]`). Without colour the
output is a plain unified diff that applies with `patch -p1`.

Examples:
  zhclean diff seeds | less -R
  zhclean diff --color never report.txt > report.patch";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct DiffArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    #[command(flatten)]
    pub decode: DecodeArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

pub fn run(args: DiffArgs) -> Exit {
    super::exit_with(run_inner(&args))
}

fn run_inner(args: &DiffArgs) -> Result<Exit, String> {
    let config = args.config.load()?;
    let decode = args.decode.options()?;
    let style = DiffStyle {
        color: args.color.enabled(std::io::stdout().is_terminal()),
    };
    let (inputs, mut exit) = super::collect_inputs(&args.input, None)?;
    let mut files: Vec<(String, String, Result<Vec<u8>, String>)> = Vec::new();
    if super::wants_stdin(&args.input) {
        let bytes = super::read_stdin()
            .map_err(|e| format!("cannot read standard input: {}", walk::io_message(&e)))?;
        files.push(("<stdin>".into(), "stdin".into(), Ok(bytes)));
    }
    for i in &inputs {
        let shown = super::display_path(&i.path);
        let rel = i.relative.to_string_lossy().replace('\\', "/");
        files.push((
            shown,
            rel,
            // Every file is read first, so no huge pages are kept for one (`allocator`).
            super::read_file(&i.path)
                .map(|f| f.bytes)
                .map_err(|e| format!("cannot read: {}", walk::io_message(&e))),
        ));
    }
    for (shown, rel, bytes) in files {
        let bytes = match bytes {
            Ok(b) => b,
            Err(msg) => {
                super::error(format!("{shown}: {msg}"));
                exit = exit.max(Exit::Error);
                continue;
            }
        };
        match pipeline::clean_bytes(&bytes, &config, &decode) {
            Ok(c) => {
                let spans: Vec<_> = c
                    .findings
                    .iter()
                    .filter(|f| f.rule == Rule::Placeholder)
                    .map(|f| f.span.byte_start..f.span.byte_end)
                    .collect();
                let out = render(&c.source.text, &c.edits, &rel, &spans, style);
                super::write_stdout(out.as_bytes())?;
            }
            Err(e @ pipeline::CleanError::Binary { .. }) => super::note(format!("{shown}: {e}")),
            Err(e) => {
                super::error(format!("{shown}: {e}"));
                exit = exit.max(Exit::Findings);
            }
        }
    }
    Ok(exit)
}
