//! `zhclean check`: report findings, write nothing, fail when a document is not clean.

use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use zhclean::config::Config;
use zhclean::pipeline::{self, CleanError, DecodeOptions};
use zhclean::report::baseline::Baseline;
use zhclean::report::{self, FileReport, Format, Severity, Stream, Summary};
use zhclean::walk;
use zhclean::write::atomic_write;

use super::{ColorChoice, ConfigArgs, DecodeArgs, Exit, InputArgs, JobsArgs};

const AFTER_HELP: &str = "\
Rules (configure in zhclean.toml [rules.ID]: enabled, severity):
  encoding     not UTF-8, a BOM, undecodable bytes                   (warning)
  traditional  Traditional characters, fixable by `zhclean clean`     (warning)
  placeholder  redaction placeholders: X镇, X月X日, *米, S*, 关键词2   (warning)
  boilerplate  web-page lines: breadcrumbs, share widgets, metadata    (warning)
  whitespace   NBSP, zero-width, indentation, trailing, blank runs     (info)

Exit codes: 0 no finding at or above --fail-on, 1 some, 2 usage or I/O error.

Baseline: `--write-baseline FILE` records today's findings by content (rule, text and
the line's content, not line numbers); `--baseline FILE` then hides exactly those, so a
corpus can adopt the check without fixing its history.

Examples:
  zhclean check seeds
  zhclean check --format json seeds/*.txt > report.json
  zhclean check --format github corpus        (annotations in GitHub Actions)
  zhclean check --format sarif corpus > zhclean.sarif
  zhclean check --fail-on error corpus";

/// The lowest severity that fails the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    /// Hide the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Human format: do not show the source line under each finding.
    #[arg(long)]
    pub no_source: bool,
    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub decode: DecodeArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub jobs: JobsArgs,
}

pub fn run(args: CheckArgs) -> Exit {
    super::exit_with(run_inner(&args))
}

/// Files at least this large are checked by the thread that writes the report, their
/// findings made and written in parts: a Traditional file of 32 MB has over a million, and
/// held whole they took 726 MB. Workers go on with the files after it meanwhile.
const PARTS_MIN_BYTES: u64 = 4 << 20;

/// Edits whose findings make one part (see [`PARTS_MIN_BYTES`]).
const EDITS_PER_PART: usize = 512;

/// What a worker hands the writer for a file.
enum Done {
    Checked(Box<Checked>),
    /// A large file, for the writer to check itself, in parts.
    Large,
}

fn run_inner(args: &CheckArgs) -> Result<Exit, String> {
    let config = args.config.load()?;
    let mut decode = args.decode.options()?;
    // Check reports undecodable bytes as findings rather than refusing the file, and reads
    // a file of lines in different encodings line by line (its `mixed` finding says so),
    // so that the other findings are on the text, not on mojibake.
    decode.lossy = true;
    decode.per_line = true;
    let baseline = match &args.baseline {
        Some(p) => Some(Baseline::load(p)?),
        None => None,
    };
    let (inputs, walk_exit) = super::collect_inputs(&args.input, None)?;
    let stdin = if super::wants_stdin(&args.input) {
        Some(
            super::read_stdin()
                .map_err(|e| format!("cannot read standard input: {}", walk::io_message(&e)))?,
        )
    } else {
        None
    };
    let started = std::time::Instant::now();
    let progress = super::Progress::new(&inputs, args.quiet);
    let work = |i: usize| {
        let input = &inputs[i];
        let large = std::fs::metadata(&input.path).is_ok_and(|m| m.len() >= PARTS_MIN_BYTES);
        if large {
            return Done::Large;
        }
        let shown = super::display_path(&input.path);
        let r = match super::read_file(&input.path) {
            Ok(f) => check_bytes(&shown, &f.bytes, &config, &decode),
            Err(e) => read_error(shown, &e),
        };
        progress.inc(r.1);
        Done::Checked(Box::new(r))
    };

    // Reports are written to standard output (or added to the baseline) in input order as
    // files finish: a run holds a bounded number of files' findings, whatever the size of
    // the corpus.
    let stdout = std::io::stdout();
    let style = report::human::Style {
        color: args.color.enabled(stdout.is_terminal()),
    };
    let mut sink = Sink {
        args,
        config: &config,
        decode: &decode,
        baseline: baseline.as_ref(),
        baseline_out: args.write_baseline.as_ref().map(|_| Baseline::new()),
        out: None,
        summary: Summary::default(),
        exit: walk_exit,
        closed: false,
    };
    if sink.baseline_out.is_none() {
        sink.out = Some(
            Stream::begin(
                args.format,
                std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
                style,
                !args.no_source,
            )
            .map_err(stdout_error)?,
        );
    }
    if let Some(bytes) = stdin {
        sink.bytes("<stdin>", bytes)?;
    }
    let jobs = super::order::jobs(args.jobs.jobs);
    super::order::map_in_order(jobs, inputs.len(), work, |i, done| {
        match done {
            Done::Checked(r) => sink.take(*r)?,
            Done::Large => {
                let input = &inputs[i];
                let shown = super::display_path(&input.path);
                match super::read_file(&input.path) {
                    Ok(f) => {
                        let size = f.bytes.len() as u64;
                        sink.bytes(&shown, f.bytes)?;
                        progress.inc(size);
                    }
                    Err(e) => sink.take(read_error(shown, &e))?,
                }
            }
        }
        // A reader that closed the pipe reads no more: the workers stop.
        Ok::<_, String>(if sink.closed {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        })
    })?;
    progress.finish();

    let Sink {
        baseline_out,
        out,
        summary,
        exit,
        closed,
        ..
    } = sink;
    if let (Some(b), Some(path)) = (baseline_out, &args.write_baseline) {
        let n = b.len();
        atomic_write(path, b.to_json().as_bytes()).map_err(|e| {
            format!(
                "{}: cannot write baseline: {}",
                path.display(),
                walk::io_message(&e)
            )
        })?;
        super::note(format!(
            "{}: baseline of {n} finding{} written",
            path.display(),
            if n == 1 { "" } else { "s" }
        ));
        return Ok(exit);
    }
    if let Some(w) = out {
        let finished = w.finish(&summary).and_then(|mut o| {
            if args.format == Format::Human {
                writeln!(o, "{}", timing(&summary, started))?;
            }
            o.flush()
        });
        match finished {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe && !closed => {
                return Err(stdout_error(e))
            }
            _ => {}
        }
    }
    if args.format != Format::Human && !args.quiet {
        eprintln!("{}{}", summary.one_line(), timing(&summary, started));
    }
    Ok(exit)
}

/// Where reports go, in input order: standard output, or the baseline being written.
struct Sink<'a, W: Write> {
    args: &'a CheckArgs,
    config: &'a Config,
    decode: &'a DecodeOptions,
    baseline: Option<&'a Baseline>,
    baseline_out: Option<Baseline>,
    out: Option<Stream<W>>,
    summary: Summary,
    exit: Exit,
    /// The reader closed the pipe (`| head`): the run ends quietly.
    closed: bool,
}

impl<W: Write> Sink<'_, W> {
    /// Whether findings up to `max` fail the check.
    fn failing(&self, max: Option<Severity>) -> bool {
        match self.args.fail_on {
            FailOn::Never => false,
            FailOn::Info => max.is_some(),
            FailOn::Warning => max >= Some(Severity::Warning),
            FailOn::Error => max >= Some(Severity::Error),
        }
    }

    /// A writing error, unless the reader only closed the pipe.
    fn wrote(&mut self, written: std::io::Result<()>) -> Result<(), String> {
        match written {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(stdout_error(e)),
        }
    }

    /// Writes a file's whole report.
    fn take(&mut self, (mut r, bytes, e): Checked) -> Result<(), String> {
        self.exit = self.exit.max(e);
        if let Some(b) = self.baseline_out.as_mut() {
            b.add(&r);
            return Ok(());
        }
        if let Some(b) = self.baseline {
            b.filter(&mut r);
        }
        if self.failing(r.max_severity()) || (!r.problems.is_empty() && e == Exit::Findings) {
            self.exit = self.exit.max(Exit::Findings);
        }
        self.summary.add(&r, bytes);
        let written = match self.out.as_mut() {
            Some(w) if !self.closed => w.file(&r),
            _ => Ok(()),
        };
        self.wrote(written)
    }

    /// Checks a file's bytes here: a small file whole, a large one with its findings made
    /// and written in parts.
    fn bytes(&mut self, shown: &str, bytes: Vec<u8>) -> Result<(), String> {
        let size = bytes.len() as u64;
        if size < PARTS_MIN_BYTES {
            let r = check_bytes(shown, &bytes, self.config, self.decode);
            return self.take(r);
        }
        // The bytes go once decoded.
        let plan = match pipeline::plan_vec(bytes, self.config, self.decode) {
            Ok(plan) => plan,
            Err(e) => return self.take(not_checked(shown, size, e)),
        };
        let mut head = FileReport::new(shown);
        head.encoding = Some(plan.source.encoding.name().to_string());
        head.confidence = Some(plan.source.confidence.as_str().to_string());
        let mut parts = plan.finding_parts(self.config, EDITS_PER_PART);
        let mut budget = self.baseline.map(|b| b.budget(shown));
        let (mut found, mut max) = (0usize, None);
        let Sink {
            baseline,
            baseline_out,
            out,
            summary,
            closed,
            ..
        } = self;
        let baseline = *baseline;
        let to_out = baseline_out.is_none() && !*closed;
        let mut next = || {
            let mut part = FileReport::new(shown);
            part.findings = parts.next_part()?;
            part.capture_lines(&plan.source.text, &plan.source.index);
            if let Some(b) = baseline_out.as_mut() {
                b.add(&part);
                return Some(part);
            }
            if let (Some(b), Some(budget)) = (baseline, budget.as_mut()) {
                b.filter_with(budget, &mut part);
            }
            found += summary.add_findings(part.findings.iter().map(|f| f.rule.as_str()));
            max = max.max(part.max_severity());
            Some(part)
        };
        let written = match out.as_mut() {
            Some(w) if to_out => w.file_in_parts(&head, &mut next),
            _ => {
                while next().is_some() {}
                Ok(())
            }
        };
        if self.baseline_out.is_some() {
            return Ok(());
        }
        self.summary.add_file(found > 0, false, false, size);
        if self.failing(max) {
            self.exit = self.exit.max(Exit::Findings);
        }
        self.wrote(written)
    }
}

/// A file's report, its size, and the exit code it asks for.
type Checked = (FileReport, u64, Exit);

fn read_error(shown: String, e: &std::io::Error) -> Checked {
    (
        FileReport::problem(shown, format!("cannot read: {}", walk::io_message(e))),
        0,
        Exit::Error,
    )
}

fn stdout_error(e: std::io::Error) -> String {
    format!("cannot write to standard output: {}", walk::io_message(&e))
}

fn check_bytes(shown: &str, bytes: &[u8], config: &Config, decode: &DecodeOptions) -> Checked {
    let size = bytes.len() as u64;
    // Findings only: the cleaned text is never made.
    match pipeline::plan_bytes(bytes, config, decode) {
        Ok(cleaned) => {
            let mut r = FileReport::new(shown);
            r.encoding = Some(cleaned.source.encoding.name().to_string());
            r.confidence = Some(cleaned.source.confidence.as_str().to_string());
            r.findings = cleaned.all_findings(config);
            r.capture_lines(&cleaned.source.text, &cleaned.source.index);
            (r, size, Exit::Ok)
        }
        Err(e) => not_checked(shown, size, e),
    }
}

/// The report of a file that could not be planned: binary data (a note), or not decodable.
fn not_checked(shown: &str, size: u64, e: CleanError) -> Checked {
    match e {
        e @ CleanError::Binary { .. } => {
            super::note(format!("{shown}: {e}"));
            let mut r = FileReport::new(shown);
            r.notes.push(e.to_string());
            (r, size, Exit::Ok)
        }
        e => (
            FileReport::problem(shown, e.to_string()),
            size,
            Exit::Findings,
        ),
    }
}

/// ` (1.2 MB in 0.31s, 3.9 MB/s)`.
pub fn timing(summary: &Summary, started: std::time::Instant) -> String {
    let secs = started.elapsed().as_secs_f64();
    let mb = summary.bytes as f64 / 1e6;
    format!(
        " ({mb:.1} MB in {secs:.2}s, {:.1} MB/s)",
        if secs > 0.0 { mb / secs } else { 0.0 }
    )
}
