//! `zhclean diff`: what `clean` would change, for review in a terminal or a pager.

use std::io::{IsTerminal, Write as _};

use clap::Args;

use zhclean::pipeline;
use zhclean::report::diff::{write, DiffStyle};
use zhclean::report::Rule;
use zhclean::walk;

use super::{ColorChoice, ConfigArgs, DecodeArgs, Exit, InputArgs};

const AFTER_HELP: &str = "\
Prints, for every file that cleaning changes, a unified diff from the decoded original
to the cleaned text. With colour, only the characters that changed inside a line are
highlighted (a paragraph is one line in Chinese text, so a line diff alone says little),
redaction placeholders are underlined in magenta, and every hunk header names the rules
that made its changes (`@@ -1,3 +1,2 @@ boilerplate[breadcrumb]`); a line over 64 KiB is
shown whole. Without colour the output is a plain unified diff that applies with
`patch -p1`. Files are cleaned and written one at a time.

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
    // One file at a time, each written as it is made: neither the corpus nor a large
    // file's diff is held whole.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let stdin = super::wants_stdin(&args.input).then_some(("<stdin>", "stdin"));
    let files = stdin
        .map(|(shown, rel)| (shown.to_string(), rel.to_string(), None))
        .into_iter()
        .chain(inputs.iter().map(|i| {
            let rel = i.relative.to_string_lossy().replace('\\', "/");
            (super::display_path(&i.path), rel, Some(&i.path))
        }));
    for (shown, rel, path) in files {
        let read = match path {
            None => super::read_stdin()
                .map(|b| (b, None))
                .map_err(|e| format!("cannot read standard input: {}", walk::io_message(&e))),
            Some(p) => super::read_file(p)
                .map(|f| (f.bytes, Some(f.huge)))
                .map_err(|e| format!("cannot read: {}", walk::io_message(&e))),
        };
        // `_huge` lives while the file is worked on (see `allocator`).
        let (bytes, _huge) = match read {
            Ok(r) => r,
            Err(msg) if path.is_none() => return Err(msg),
            Err(msg) => {
                super::error(format!("{shown}: {msg}"));
                exit = exit.max(Exit::Error);
                continue;
            }
        };
        match pipeline::plan_vec(bytes, &config, &decode) {
            Ok(mut c) => {
                let spans: Vec<_> = c
                    .findings
                    .iter()
                    .filter(|f| f.rule == Rule::Placeholder)
                    .map(|f| f.span.byte_start..f.span.byte_end)
                    .collect();
                // Only their spans are drawn: a heavily masked file's findings are as
                // large as the file, and its diff is made while they would be held.
                drop(std::mem::take(&mut c.findings));
                let written = write(&mut out, &c.source.text, &c.edits, &rel, &spans, style)
                    .and_then(|()| out.flush());
                match written {
                    Ok(()) => {}
                    // A reader that stops early (`| head`): the run ends quietly.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(exit),
                    Err(e) => {
                        return Err(format!(
                            "cannot write to standard output: {}",
                            walk::io_message(&e)
                        ))
                    }
                }
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
