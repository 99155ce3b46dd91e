//! `zhclean review`: one self-contained HTML page for reviewing what `clean` changes.

use std::path::{Path, PathBuf};

use clap::Args;
use rayon::prelude::*;

use zhclean::config::Config;
use zhclean::pipeline::{self, CleanError, DecodeOptions};
use zhclean::report::html::{FileView, Limits, Page};
use zhclean::walk;
use zhclean::write::atomic_write_with;

use super::{ConfigArgs, DecodeArgs, Exit, InputArgs, JobsArgs};

const AFTER_HELP: &str = "\
Writes one HTML file (inline CSS and JavaScript, no network access) with a summary table
(encoding and confidence, characters converted, placeholders, boilerplate lines, problems
per file) and, per changed file, a side-by-side view of the original and the cleaned text
with the changed characters highlighted, placeholders and boilerplate marked. Navigate
with j/k (next/previous change) and n/p (next/previous file).

Limits: a file's view is built only when it is opened; only changed hunks (3 lines of
context) are embedded, at most --max-file-kb per file and --max-page-mb per page. Files
past the page limit keep their summary row without a view; review them with
`zhclean diff` or in a second page.

Files that cannot be decoded are listed as problems, not fatal.
Exit codes: 0 written, 1 some file had problems, 2 usage or I/O error.

Examples:
  zhclean review seeds -o review.html
  zhclean review --glob '*.txt' corpus -o review.html --max-page-mb 16";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Where to write the page (`-` for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Embedded side-by-side data per file, in KiB; later hunks are counted, not shown.
    #[arg(long, value_name = "KIB", default_value_t = 256)]
    pub max_file_kb: usize,
    /// Embedded side-by-side data for the whole page, in MiB; later files get no view.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub max_page_mb: usize,
    #[command(flatten)]
    pub decode: DecodeArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub jobs: JobsArgs,
}

pub fn run(args: ReviewArgs) -> Exit {
    super::exit_with(run_inner(&args))
}

/// Files are cleaned in parallel batches of this many, then added to the page in order;
/// once the page's budget is used up, later files are only summarized.
const BATCH: usize = 256;

fn run_inner(args: &ReviewArgs) -> Result<Exit, String> {
    let config = args.config.load()?;
    let decode = args.decode.options()?;
    let to_stdout = args.output.as_os_str() == "-";
    let mut page = Page::new(Limits {
        file_bytes: args.max_file_kb.max(1) * 1024,
        total_bytes: args.max_page_mb.max(1) * 1024 * 1024,
    });
    let mut exit = Exit::Ok;
    if super::wants_stdin(&args.input) {
        let bytes = super::read_stdin()
            .map_err(|e| format!("cannot read standard input: {}", walk::io_message(&e)))?;
        let file_bytes = page.file_bytes();
        page.push(review_bytes(
            "<stdin>", bytes, &config, &decode, file_bytes, true,
        ));
    }
    let (mut inputs, walk_exit) = super::collect_inputs(&args.input, None)?;
    exit = exit.max(walk_exit);
    // A page written into a folder being reviewed is not itself reviewed next time.
    if !to_stdout {
        if let Some(out) = canonical(&args.output) {
            inputs.retain(|i| canonical(&i.path).as_deref() != Some(out.as_path()));
        }
    }
    let pool = args.jobs.pool();
    for batch in inputs.chunks(BATCH) {
        let with_data = page.has_budget();
        let file_bytes = page.file_bytes();
        let views: Vec<(FileView, bool)> = pool.install(|| {
            batch
                .par_iter()
                .map(|input| {
                    let shown = super::display_path(&input.path);
                    match super::read_file(&input.path) {
                        Ok(f) => (
                            review_bytes(&shown, f.bytes, &config, &decode, file_bytes, with_data),
                            false,
                        ),
                        Err(e) => {
                            let msg = format!("cannot read: {}", walk::io_message(&e));
                            super::error(format!("{shown}: {msg}"));
                            (FileView::problem(shown, None, None, msg), true)
                        }
                    }
                })
                .collect()
        });
        for (view, io_error) in views {
            if io_error {
                exit = Exit::Error;
            }
            page.push(view);
        }
    }
    if page.has_problems() {
        exit = exit.max(Exit::Findings);
    }
    if to_stdout {
        super::write_stdout_with(|w| page.write(w))?;
    } else {
        atomic_write_with(&args.output, |w| page.write(w)).map_err(|e| {
            format!(
                "{}: cannot write the review page: {}",
                args.output.display(),
                walk::io_message(&e)
            )
        })?;
    }
    Ok(exit)
}

fn canonical(p: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(p).ok()
}

fn review_bytes(
    shown: &str,
    bytes: Vec<u8>,
    config: &Config,
    decode: &DecodeOptions,
    file_bytes: usize,
    with_data: bool,
) -> FileView {
    // Planned, not cleaned: the page is made from the edits, the cleaned text is not
    // needed. The bytes are handed over, so valid UTF-8 becomes the text without a copy.
    match pipeline::plan_vec(bytes, config, decode) {
        Ok(c) => FileView::cleaned(shown, &c, file_bytes, with_data),
        Err(e @ CleanError::Binary { .. }) => FileView::skipped(shown, e.to_string()),
        Err(
            ref e @ (CleanError::Undecodable {
                ref encoding,
                ref confidence,
                ..
            }
            | CleanError::LowConfidence {
                ref encoding,
                ref confidence,
                ..
            }
            | CleanError::Mixed {
                ref encoding,
                ref confidence,
                ..
            }),
        ) => FileView::problem(
            shown,
            Some(encoding.clone()),
            Some(confidence.clone()),
            e.to_string(),
        ),
        Err(ref e @ CleanError::NulBytes { ref encoding, .. }) => {
            FileView::problem(shown, Some(encoding.clone()), None, e.to_string())
        }
    }
}
