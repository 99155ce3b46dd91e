//! `zhclean clean`: write cleaned UTF-8 text and a unified diff for each input.

use std::borrow::Cow;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use zhclean::config::Config;
use zhclean::pipeline::{self, CleanError, DecodeOptions};
use zhclean::report::json::{RunInfo, StreamWriter};
use zhclean::report::{self, FileReport, Summary};
use zhclean::walk::{self, Input, REPORT_NAME};
use zhclean::write::{
    atomic_write, atomic_write_with, backup, durable_write, new_file_with, Pending,
};

use super::journal::{self, Journal, Stamp};
use super::{ConfigArgs, DecodeArgs, Exit, InputArgs, JobsArgs};

const AFTER_HELP: &str = "\
Outputs:
  with --out DIR   the input tree is mirrored under DIR: for `seeds/003_x.txt` given as
                   `seeds`, DIR/003_x.txt (cleaned UTF-8), DIR/003_x.txt.diff (unified diff
                   from the decoded original, applies with `patch -p1`) and
                   DIR/zhclean-report.json for the whole run
  without --out    beside each input: NAME.clean.txt and NAME.clean.diff (never read back
                   as inputs by a later run)
  --patch FILE     one patch for the whole run instead of a .diff per file (the same
                   diffs in input order; `cd INPUT && patch -p1 < FILE`): fewer files to
                   write on trees of many small files
  --in-place       rewrites each input atomically, keeping NAME.orig unless --no-backup
  -                reads standard input and writes the cleaned text to standard output
  --jsonl          reads JSON Lines (standard input, or the files given) and writes one JSON
                   line per input line to standard output: the same object with its
                   --text-field (default `text`) cleaned and a `zhclean` object appended
                   ({changed, findings, changes, converted, removed}); other fields come back
                   byte for byte, in order. A line that cannot be cleaned (not JSON, not an
                   object, no or non-string text field) becomes a line whose `zhclean` is
                   {\"error\": \"line N: …\", \"line\": N} and the stream goes on (exit code 1).

Normalization steps (each on by default; switch off with --no-normalize STEP or in
zhclean.toml [normalize]): crlf, nbsp, zero-width, indentation, trailing, blank-lines
(at most one blank line in a row), final-newline.

Files that do not decode cleanly are not cleaned: they are reported with the encoding,
the number of bad sequences and the first byte offset, the other files are still
cleaned, and the exit code is 1. Binary files are skipped with a note; text with NUL
bytes is refused like undecodable text (--encoding cleans it with them kept).

Examples:
  zhclean clean seeds --out cleaned
  zhclean clean corpus --glob '*.txt' --out cleaned -j 8
  zhclean clean report.txt --in-place
  zhclean clean - < big5.txt > simplified.txt
  zhclean clean --jsonl < docs.jsonl > cleaned.jsonl
  zhclean clean --jsonl --text-field content part-*.jsonl -j 8 | gzip > cleaned.jsonl.gz";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
// With --jsonl the input defaults to standard input.
#[command(mut_arg("paths", |a| a.required(false).required_unless_present("jsonl")))]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Stream mode: read JSON Lines (standard input unless files are given), write one JSON
    /// line per input line to standard output with the text field cleaned and a `zhclean`
    /// object (findings and counts) appended, in input order.
    #[arg(
        long,
        conflicts_with_all = [
            "out", "in_place", "report", "resume", "no_diff", "globs", "excludes",
            "follow_links", "encoding", "lossy", "min_confidence", "fix_mojibake", "per_line",
        ]
    )]
    pub jsonl: bool,
    /// With --jsonl: the field holding the text to clean (other fields pass through).
    #[arg(long, value_name = "NAME", default_value = "text", requires = "jsonl")]
    pub text_field: String,
    /// Write outputs under DIR, mirroring the input tree.
    #[arg(short, long, value_name = "DIR", conflicts_with = "in_place")]
    pub out: Option<PathBuf>,
    /// Rewrite inputs in place (atomically), keeping a NAME.orig backup.
    #[arg(long)]
    pub in_place: bool,
    /// With --in-place: do not keep NAME.orig backups.
    #[arg(long, requires = "in_place")]
    pub no_backup: bool,
    /// Write the run report (JSON) here; with --out it defaults to DIR/zhclean-report.json.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Skip files a stopped earlier run with the same zhclean version and configuration
    /// already cleaned (outputs newer than the input), taking their entries from that
    /// run's report; needs --out (and a report in a regular file).
    #[arg(long)]
    pub resume: bool,
    /// Keep no run journal (DIR/.zhclean-journal.jsonl, what --resume reads; an earlier
    /// run's is removed). The journal holds a short line per file, pointing at its entry
    /// in the report.
    #[arg(long, requires = "out", conflicts_with = "resume")]
    pub no_journal: bool,
    /// List every conversion and whitespace edit in the report as a finding (by default
    /// they are counted under `changes`; the .diff shows each one with its rule).
    #[arg(long)]
    pub report_all: bool,
    /// Do not write .diff files.
    #[arg(long)]
    pub no_diff: bool,
    /// Write one patch for the whole run to FILE instead of a .diff per file: the
    /// per-file diffs in input order, which `patch -p1` applies inside the input
    /// directory. Faster on trees of many small files.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["no_diff", "in_place", "resume"])]
    pub patch: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub decode: DecodeArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub jobs: JobsArgs,
}

struct Ctx<'a> {
    args: &'a CleanArgs,
    config: &'a Config,
    decode: DecodeOptions,
    /// The `--out` folder was empty or missing when the run began: everything in it is
    /// this run's, so outputs are written without looking their paths up first.
    fresh_out: bool,
}

/// What one file's cleaning produced, ready to be written to the report and journal.
struct Outcome {
    exit: Exit,
    bytes: u64,
    entry: Entry,
    input: String,
    stamp: Option<Stamp>,
    /// Paths written, for the journal.
    outputs: Vec<String>,
    /// The file's diff, for the run's single patch (`--patch`).
    patch: String,
}

/// A file's report entry.
enum Entry {
    /// Made by this run and large: serialized straight into the report by the writer,
    /// never held as one string.
    Fresh(Box<FileReport>),
    /// The rest of a large file's entry whose [`Head`] went ahead (its findings empty).
    Tail(Box<FileReport>),
    /// Already serialized: a small file's entry made by this run (serialized by the worker
    /// that cleaned the file, so the writer thread only copies bytes and does not hold
    /// back the other workers), or an earlier run's entry the journal points at
    /// (`--resume`).
    Serialized {
        json: String,
        /// The rule of every finding, for the run's summary.
        rules: Vec<Cow<'static, str>>,
        problems_free: bool,
        /// Skipped with a note (binary data).
        skipped: bool,
        /// Made by this run, not taken over from an earlier one.
        fresh: bool,
    },
}

/// Entries of inputs up to this size are serialized by the worker that cleaned them; a
/// larger input's entry (hundreds of thousands of findings) is streamed by the writer
/// instead of being held twice, as findings and as JSON.
const SERIALIZE_IN_WORKER_MAX_BYTES: u64 = 1 << 20;

/// Outcomes of inputs from this size up are handed to the writer at once, not batched.
const SEND_AT_ONCE_BYTES: u64 = 64 << 10;

/// The first part of a large file's report entry (path, encoding, confidence, findings),
/// sent to the writer before the file's outputs are written: the writer serializes its
/// hundreds of thousands of findings into the report while the worker writes
/// the cleaned text and the diff, instead of after. The [`Outcome`] that follows carries
/// the rest ([`Entry::Tail`]).
struct Head {
    report: FileReport,
}

/// What workers send the writer.
enum Msg {
    Head(usize, Box<Head>),
    Done(usize, Outcome),
}

impl Outcome {
    fn new(report: FileReport, exit: Exit, bytes: u64, stamp: Option<Stamp>) -> Outcome {
        let mut outputs: Vec<String> = report.output.iter().cloned().collect();
        outputs.extend(report.diff.iter().cloned());
        Outcome {
            exit,
            bytes,
            input: report.path.clone(),
            entry: Entry::Fresh(Box::new(report)),
            stamp,
            outputs,
            patch: String::new(),
        }
    }

    /// Serializes a small fresh entry here, on the worker's thread (see [`Entry`]).
    fn serialize_if_small(&mut self) {
        let Entry::Fresh(report) = &self.entry else {
            return;
        };
        if self.bytes > SERIALIZE_IN_WORKER_MAX_BYTES {
            return;
        }
        let mut json = Vec::with_capacity(256 + 256 * report.findings.len());
        if zhclean::report::json::write_entry(&mut json, report).is_err() {
            return; // not for a Vec; the writer would report it when streaming
        }
        let Some(json) = zhclean::decode::utf8_string(json) else {
            return;
        };
        self.entry = Entry::Serialized {
            json,
            rules: report
                .findings
                .iter()
                .map(|f| Cow::Borrowed(f.rule.as_str()))
                .collect(),
            problems_free: report.problems.is_empty(),
            skipped: !report.notes.is_empty(),
            fresh: true,
        };
    }
}

/// Serializes a report entry to `out` through a buffer: serde writes many small pieces,
/// and each would otherwise be a dynamic call.
fn serialize(out: &mut dyn std::io::Write, entry: &FileReport) -> std::io::Result<()> {
    serialize_part(out, entry, false)
}

/// [`serialize`], or only the entry's first part (`write_entry_head`) if `head`.
fn serialize_part(
    out: &mut dyn std::io::Write,
    entry: &FileReport,
    head: bool,
) -> std::io::Result<()> {
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, out);
    if head {
        zhclean::report::json::write_entry_head(&mut buf, entry)?;
    } else {
        zhclean::report::json::write_entry(&mut buf, entry)?;
    }
    std::io::Write::flush(&mut buf)
}

/// A large file whose [`Head`] is written, waiting for the rest of its entry.
struct Opened {
    /// The rule of every finding, for the run's summary.
    rules: Vec<&'static str>,
}

/// Writes a large file's [`Head`] to the report: the entry's first part, as
/// [`write_entry`] writes it.
fn write_head(report: Option<&mut ReportFile>, h: &Head) -> (Opened, Result<(), String>) {
    let opened = Opened {
        rules: h.report.findings.iter().map(|f| f.rule.as_str()).collect(),
    };
    let written = match report {
        Some(r) => r.entry_with(|out| serialize_part(out, &h.report, true)),
        None => Ok(()),
    };
    (opened, written)
}

/// Writes the rest of the entry [`write_head`] began.
fn write_tail(report: Option<&mut ReportFile>, o: &Outcome) -> Result<(), String> {
    let Entry::Tail(tail) = &o.entry else {
        unreachable!("an opened entry ends with its tail")
    };
    match report {
        Some(r) => {
            r.continue_with(|out| zhclean::report::json::write_entry_tail(&mut { out }, tail))
        }
        None => Ok(()),
    }
}

/// Writes a finished file's entry to the run report.
fn write_entry(report: Option<&mut ReportFile>, o: &Outcome) -> Result<(), String> {
    let Some(r) = report else {
        return Ok(());
    };
    match &o.entry {
        Entry::Tail(_) => unreachable!("a tail is written by write_tail"),
        Entry::Serialized { json, .. } => r.entry(json),
        Entry::Fresh(entry) => r.entry_with(|out| serialize(out, entry)),
    }
}

/// Records a file whose entry was just written to the report in the journal, if it was
/// cleaned without problems (its outputs in place) and the entry is whole in the report.
fn record(
    journal: Option<&Journal>,
    report: Option<&mut ReportFile>,
    o: &Outcome,
    problems_free: bool,
) -> Result<(), String> {
    let (Some(j), Some(r), Some(stamp)) = (journal, report, o.stamp) else {
        return Ok(());
    };
    let Some(at) = r.entry_at() else {
        return Ok(());
    };
    if !problems_free || o.outputs.is_empty() {
        return Ok(());
    }
    j.record(&o.input, stamp, &o.outputs, at)
        .map_err(|e| format!("cannot write the run journal: {}", walk::io_message(&e)))
}

/// How often the report and the journal are written out while a run goes on: what a
/// killed run's `--resume` can take over is what the journal held at its last flush.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(200);

/// Writes out the report's buffer and then the journal's, whose lines point into it.
fn checkpoint(report: Option<&mut ReportFile>, journal: Option<&Journal>) -> Result<(), String> {
    let Some(j) = journal else {
        return Ok(());
    };
    if let Some(r) = report {
        r.flush()?;
    }
    j.flush()
        .map_err(|e| format!("cannot write the run journal: {}", walk::io_message(&e)))
}

pub fn run(args: CleanArgs) -> Exit {
    super::exit_with(run_inner(&args))
}

fn run_inner(args: &CleanArgs) -> Result<Exit, String> {
    let config = args.config.load()?;
    if args.jsonl {
        return super::jsonl::run(args, &config);
    }
    let decode = args.decode.options()?;
    let mut ctx = Ctx {
        args,
        config: &config,
        decode,
        fresh_out: false,
    };
    let mut exit = Exit::Ok;
    if super::wants_stdin(&args.input) {
        exit = exit.max(clean_stdin(&ctx)?);
    }
    if let Some(out) = &args.out {
        if out.exists() && !out.is_dir() {
            return Err(format!("{}: --out must be a directory", out.display()));
        }
        std::fs::create_dir_all(out).map_err(|e| {
            format!(
                "{}: cannot create output directory: {}",
                out.display(),
                walk::io_message(&e)
            )
        })?;
        ctx.fresh_out = std::fs::read_dir(out).is_ok_and(|mut d| d.next().is_none());
    }
    let ctx = ctx;
    let (inputs, walk_exit) = super::collect_inputs(&args.input, args.out.as_deref())?;
    exit = exit.max(walk_exit);
    if inputs.is_empty() {
        if !super::wants_stdin(&args.input) && walk_exit == Exit::Ok {
            super::note("no input files found");
        }
        return Ok(exit);
    }
    let started = Instant::now();
    let run = RunInfo {
        // The data too: a binary built from other dictionaries resumes nothing.
        version: concat!(
            env!("CARGO_PKG_VERSION"),
            "+data.",
            env!("ZHCLEAN_DATA_HASH")
        ),
        config: config.fingerprint(),
    };
    let report_path = args
        .report
        .clone()
        .or_else(|| args.out.as_ref().map(|d| d.join(REPORT_NAME)));
    let keep_journal = args.out.is_some() && !args.no_journal;
    let mut report = match &report_path {
        Some(p) => Some(ReportFile::begin(p, &run, keep_journal)?),
        None => None,
    };
    // The journal points into the report's temporary file: a report written in place (a
    // device, a pipe) leaves it nothing to point at.
    let report_temp = report.as_ref().and_then(ReportFile::temp);
    let journal = match &args.out {
        Some(_) if args.resume && report_temp.is_none() => {
            return Err(format!(
                "--resume needs the run report in a regular file (--report {}): the run \
                 journal points into it",
                report_path.as_deref().unwrap_or(Path::new("-")).display()
            ))
        }
        Some(out) if !keep_journal || report_temp.is_none() => {
            // This run's outputs supersede what an earlier run's journal describes.
            journal::remove_stale_reports(out);
            let old = out.join(journal::NAME);
            match std::fs::remove_file(&old) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(format!(
                        "{}: cannot remove the earlier run journal: {}",
                        old.display(),
                        walk::io_message(&e)
                    ))
                }
                _ => None,
            }
        }
        Some(out) => {
            let fail = |e: std::io::Error| {
                format!(
                    "{}: cannot open the run journal: {}",
                    out.join(journal::NAME).display(),
                    walk::io_message(&e)
                )
            };
            let j = Journal::open(out, args.resume, run.version, &run.config).map_err(fail)?;
            if let Some(temp) = &report_temp {
                j.begin_run(temp).map_err(fail)?;
            }
            Some(j)
        }
        None if args.resume => {
            return Err("--resume needs --out (the journal lives in the output directory)".into())
        }
        None => None,
    };
    let mut last_checkpoint = Instant::now();
    let mut patch = match &args.patch {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).map_err(
            |e| {
                format!(
                    "{}: cannot write patch: {}",
                    p.display(),
                    walk::io_message(&e)
                )
            },
        )?)),
        None => None,
    };
    let progress = super::Progress::new(&inputs, args.quiet);
    let mut summary = Summary::default();
    let journal_ref = &journal;
    let jobs = super::order::jobs(args.jobs.jobs);
    let window = super::order::Window::new(inputs.len(), jobs);
    let work = |i: usize, tx: &super::order::Outbox<Msg>| {
        let input = &inputs[i];
        let o = reuse(journal_ref.as_ref(), input).unwrap_or_else(|| {
            // At once: the writer serializes the findings while this worker writes.
            let mut head = |h: Head| tx.send_now(Msg::Head(i, Box::new(h)));
            let mut o = clean_one(&ctx, input, &mut head);
            o.serialize_if_small();
            o
        });
        progress.inc(o.bytes);
        // Small files' outcomes go over in batches. A larger file's at once: it may hold
        // its whole diff (--patch), and it took long enough that the wake-up is cheap
        // beside it, and the report and journal do not lag behind.
        if o.bytes >= SEND_AT_ONCE_BYTES {
            tx.send_now(Msg::Done(i, o));
        } else {
            tx.send(Msg::Done(i, o));
        }
    };
    super::order::run(jobs, &window, work, |mut rx| {
        // Results arrive as files finish; write them in input order as soon as possible.
        let mut pending = std::collections::BTreeMap::new();
        let mut heads = std::collections::BTreeMap::new();
        let mut next = 0usize;
        // The file whose head is written, waiting for the rest of its entry.
        let mut opened: Option<Opened> = None;
        let mut checkpoint_due = |report: Option<&mut ReportFile>, exit: &mut Exit| {
            if last_checkpoint.elapsed() >= CHECKPOINT_EVERY {
                last_checkpoint = Instant::now();
                if let Err(msg) = checkpoint(report, journal_ref.as_ref()) {
                    super::error(msg);
                    *exit = Exit::Error;
                }
            }
        };
        loop {
            // Woken at least every checkpoint interval: while a slow file (a large one, a
            // slow disk, a pipe) holds the writer up, what is written so far still goes out.
            let msg = match rx.recv_within(CHECKPOINT_EVERY) {
                super::order::Received::Message(m) => m,
                super::order::Received::Idle => {
                    checkpoint_due(report.as_mut(), &mut exit);
                    continue;
                }
                super::order::Received::Done => break,
            };
            match msg {
                Msg::Head(i, h) => {
                    heads.insert(i, h);
                }
                Msg::Done(i, o) => {
                    pending.insert(i, o);
                }
            }
            loop {
                if opened.is_none() {
                    if let Some(h) = heads.remove(&next) {
                        let (o, written) = write_head(report.as_mut(), &h);
                        opened = Some(o);
                        if let Err(msg) = written {
                            super::error(msg);
                            exit = Exit::Error;
                        }
                        continue;
                    }
                }
                let Some(o) = pending.remove(&next) else {
                    break;
                };
                next += 1;
                window.written(next);
                exit = exit.max(o.exit);
                let head = opened.take();
                let problems_free = match (&o.entry, &head) {
                    (Entry::Tail(r), Some(h)) => {
                        summary.add_counts(
                            h.rules.iter().copied(),
                            !r.problems.is_empty(),
                            !r.notes.is_empty(),
                            o.bytes,
                        );
                        r.problems.is_empty()
                    }
                    (Entry::Fresh(r), _) => {
                        summary.add(r, o.bytes);
                        r.problems.is_empty()
                    }
                    (
                        Entry::Serialized {
                            rules,
                            problems_free,
                            skipped,
                            fresh,
                            ..
                        },
                        _,
                    ) => {
                        summary.add_counts(
                            rules.iter().map(|r| &**r),
                            !problems_free,
                            *skipped,
                            o.bytes,
                        );
                        if !fresh {
                            summary.resumed += 1;
                        }
                        *problems_free
                    }
                    (Entry::Tail(_), None) => unreachable!("a head goes ahead of its tail"),
                };
                if let Some(w) = patch.as_mut() {
                    if let Err(e) = std::io::Write::write_all(w, o.patch.as_bytes()) {
                        super::error(format!("cannot write patch: {}", walk::io_message(&e)));
                        exit = Exit::Error;
                    }
                }
                let written = match head {
                    Some(_) => write_tail(report.as_mut(), &o),
                    None => write_entry(report.as_mut(), &o),
                };
                let recorded = written.and_then(|()| {
                    record(journal_ref.as_ref(), report.as_mut(), &o, problems_free)
                });
                if let Err(msg) = recorded {
                    super::error(msg);
                    exit = Exit::Error;
                }
                checkpoint_due(report.as_mut(), &mut exit);
            }
        }
    });
    progress.finish();
    if let (Some(w), Some(p)) = (patch, &args.patch) {
        if let Err(e) = w.into_inner().map_err(|e| e.into_error()) {
            super::error(format!(
                "{}: cannot write patch: {}",
                p.display(),
                walk::io_message(&e)
            ));
            exit = Exit::Error;
        }
    }
    let committed = match report {
        Some(r) => r.finish(&summary).unwrap_or_else(|msg| {
            super::error(msg);
            exit = Exit::Error;
            None
        }),
        None => None,
    };
    if let Some(j) = &journal {
        let ended = match committed {
            Some((temp, to)) => j.committed(&temp, &to),
            None => j.flush(),
        };
        if let Err(e) = ended {
            super::error(format!(
                "cannot write the run journal: {}",
                walk::io_message(&e)
            ));
            exit = Exit::Error;
        }
    }
    if !args.quiet {
        let style = report::human::Style {
            color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        eprintln!(
            "{}{}",
            report::human::summary(&summary, style),
            super::check::timing(&summary, started)
        );
    }
    Ok(exit)
}

/// The run report, streamed to a temporary file and renamed into place at the end.
struct ReportFile {
    path: PathBuf,
    writer: StreamWriter<Counted<Pending>>,
    /// A write failed: nothing more is written and the report is not put in place.
    failed: bool,
}

/// Counts the bytes written through it and, when asked to, their CRC-32 since the last
/// [`Counted::mark`]: where each entry is, for the run journal.
struct Counted<W> {
    inner: W,
    written: u64,
    mark: u64,
    crc: Option<crc32fast::Hasher>,
}

impl<W> Counted<W> {
    fn mark(&mut self) {
        self.mark = self.written;
        if let Some(c) = &mut self.crc {
            *c = crc32fast::Hasher::new();
        }
    }

    fn count(&mut self, buf: &[u8]) {
        self.written += buf.len() as u64;
        if let Some(c) = &mut self.crc {
            c.update(buf);
        }
    }
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count(&buf[..n]);
        Ok(n)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.inner.write_all(buf)?;
        self.count(buf);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl ReportFile {
    /// Starts the report at `path`; `locate` keeps track of where each entry is
    /// ([`ReportFile::entry_at`]).
    fn begin(path: &Path, run: &RunInfo, locate: bool) -> Result<ReportFile, String> {
        let fail = |e: std::io::Error| {
            format!(
                "{}: cannot write report: {}",
                path.display(),
                walk::io_message(&e)
            )
        };
        let out = Counted {
            inner: Pending::create(path).map_err(fail)?,
            written: 0,
            mark: 0,
            crc: locate.then(crc32fast::Hasher::new),
        };
        let writer = StreamWriter::begin(out, Some(run)).map_err(fail)?;
        Ok(ReportFile {
            path: path.to_path_buf(),
            writer,
            failed: false,
        })
    }

    /// The temporary file the report is written to (`None` when it is written in place).
    fn temp(&self) -> Option<PathBuf> {
        let out = &self.writer.get_ref().inner;
        out.temp().map(|(temp, _)| temp.to_path_buf())
    }

    fn entry(&mut self, json: &str) -> Result<(), String> {
        self.entry_with(|out| out.write_all(json.as_bytes()))
    }

    /// Writes the rest of the entry [`ReportFile::entry_with`] began.
    fn continue_with(
        &mut self,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), String> {
        self.guarded(|w| write(w.get_mut()))
    }

    fn entry_with(
        &mut self,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), String> {
        self.guarded(|w| {
            let out = w.next_entry()?;
            out.mark();
            write(out)
        })
    }

    /// Where the entry written last is, with its CRC-32 (when the report was begun with
    /// `locate` and has not failed).
    fn entry_at(&mut self) -> Option<journal::EntryAt> {
        if self.failed {
            return None;
        }
        let out = self.writer.get_mut();
        Some(journal::EntryAt {
            offset: out.mark,
            len: out.written - out.mark,
            crc32: out.crc.clone()?.finalize(),
        })
    }

    /// Writes out what is buffered.
    fn flush(&mut self) -> Result<(), String> {
        self.guarded(|w| std::io::Write::flush(w.get_mut()))
    }

    /// Runs a write on the report. A report that failed once (a full disk, a closed pipe)
    /// is abandoned: the error is told once, not once per file, and the old report is
    /// left in place.
    fn guarded(
        &mut self,
        write: impl FnOnce(&mut StreamWriter<Counted<Pending>>) -> std::io::Result<()>,
    ) -> Result<(), String> {
        if self.failed {
            return Ok(());
        }
        write(&mut self.writer).map_err(|e| {
            self.failed = true;
            format!(
                "{}: cannot write report: {}",
                self.path.display(),
                walk::io_message(&e)
            )
        })
    }

    /// Ends the report and puts it in place; returns the temporary it was written to and
    /// where it was renamed (`None` if it failed, as told already, or was written in place).
    fn finish(self, summary: &Summary) -> Result<Option<(PathBuf, PathBuf)>, String> {
        if self.failed {
            return Ok(None); // told already; dropping `writer` removes the temporary
        }
        let fail = |e: std::io::Error| {
            format!(
                "{}: cannot write report: {}",
                self.path.display(),
                walk::io_message(&e)
            )
        };
        let out = self.writer.finish(summary).map_err(fail)?.inner;
        let names = out
            .temp()
            .map(|(temp, to)| (temp.to_path_buf(), to.to_path_buf()));
        out.commit(false).map_err(fail)?;
        Ok(names)
    }
}

/// A file's earlier outcome, when `--resume` finds its outputs complete and current.
fn reuse(journal: Option<&Journal>, input: &Input) -> Option<Outcome> {
    let j = journal?;
    let shown = super::display_path(&input.path);
    // A file the journal has no entry for (every file of a run without --resume) is
    // not worth a `stat`.
    if !j.has_entry(&shown) {
        return None;
    }
    let stamp = Stamp::of(&input.path)?;
    let journal::Reused { json, outputs } = j.reusable(&shown, stamp)?;
    let parsed: ReportCounts = serde_json::from_str(&json).ok()?;
    Some(Outcome {
        exit: Exit::Ok,
        bytes: stamp.size,
        entry: Entry::Serialized {
            rules: parsed
                .findings
                .into_iter()
                .map(|f| Cow::Owned(f.rule))
                .collect(),
            problems_free: parsed.problems.is_empty(),
            skipped: !parsed.notes.is_empty(),
            json,
            fresh: false,
        },
        input: shown,
        stamp: Some(stamp),
        outputs,
        patch: String::new(),
    })
}

#[derive(serde::Deserialize)]
struct ReportCounts {
    #[serde(default)]
    findings: Vec<RuleOnly>,
    #[serde(default)]
    problems: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(serde::Deserialize)]
struct RuleOnly {
    rule: String,
}

fn clean_stdin(ctx: &Ctx) -> Result<Exit, String> {
    let bytes = super::read_stdin()
        .map_err(|e| format!("cannot read standard input: {}", walk::io_message(&e)))?;
    // The bytes become the text (no copy of valid UTF-8), and the cleaned text is written
    // straight from the edits.
    match pipeline::plan_vec(bytes, ctx.config, &ctx.decode) {
        Ok(c) => {
            super::write_stdout_with(|w| c.write_text(w))?;
            Ok(Exit::Ok)
        }
        Err(e) => {
            super::error(format!("<stdin>: {e}"));
            Ok(Exit::Findings)
        }
    }
}

/// Where a file's cleaned text and diff go.
fn output_paths(args: &CleanArgs, input: &Input) -> (PathBuf, PathBuf) {
    if let Some(out) = &args.out {
        let text = out.join(&input.relative);
        let mut diff = text.clone().into_os_string();
        diff.push(".diff");
        return (text, PathBuf::from(diff));
    }
    if args.in_place {
        let mut diff = input.path.clone().into_os_string();
        diff.push(".clean.diff");
        return (input.path.clone(), PathBuf::from(diff));
    }
    let stem = input.path.file_stem().unwrap_or(input.path.as_os_str());
    let dir = input.path.parent().unwrap_or(Path::new(""));
    let mut text = stem.to_os_string();
    text.push(".clean.txt");
    let mut diff = stem.to_os_string();
    diff.push(".clean.diff");
    (dir.join(text), dir.join(diff))
}

/// Cleans one file. A large file's [`Head`] goes to `head` before its outputs are written.
fn clean_one(ctx: &Ctx, input: &Input, head: &mut dyn FnMut(Head)) -> Outcome {
    let shown = super::display_path(&input.path);
    let mut report = FileReport::new(shown.clone());
    // Stamped before reading (from the open file: no second lookup of the path), so a
    // file that changes during the run is redone on --resume.
    // `_huge` lives to the end: the file's buffers are made while it does.
    let (bytes, _huge, stamp) = match super::read_file(&input.path) {
        Ok(f) => (
            f.bytes,
            f.huge,
            f.meta.as_ref().and_then(Stamp::of_metadata),
        ),
        Err(e) => {
            let msg = format!("cannot read: {}", walk::io_message(&e));
            super::error(format!("{shown}: {msg}"));
            report.problems.push(msg);
            return Outcome::new(report, Exit::Error, 0, Stamp::of(&input.path));
        }
    };
    let size = bytes.len() as u64;
    // The bytes are dropped once decoded: the decoded text is all the rest needs.
    // The cleaned text is written straight from the edits, never held whole.
    let cleaned = pipeline::plan_vec(bytes, ctx.config, &ctx.decode);
    let mut cleaned = match cleaned {
        Ok(c) => c,
        Err(e @ CleanError::Binary { .. }) => {
            if !ctx.args.quiet {
                super::note(format!("{shown}: {e}"));
            }
            report.notes.push(e.to_string());
            return Outcome::new(report, Exit::Ok, size, stamp);
        }
        Err(e) => {
            super::error(format!("{shown}: {e}"));
            report.problems.push(e.to_string());
            return Outcome::new(report, Exit::Findings, size, stamp);
        }
    };
    report.encoding = Some(cleaned.source.encoding.name().to_string());
    report.confidence = Some(cleaned.source.confidence.as_str().to_string());
    let (text_path, diff_path) = output_paths(ctx.args, input);
    let rel = input.relative.to_string_lossy().replace('\\', "/");
    // Every conversion and whitespace edit is in the diff and counted in `changes`;
    // listing each one would make a Traditional file's report larger than the file.
    let findings = if ctx.args.report_all {
        cleaned.all_findings(ctx.config)
    } else {
        std::mem::take(&mut cleaned.findings)
    };
    // A large file's findings go to the writer now, to be serialized while the outputs
    // are written (in place, the file is rewritten only when something changes: its
    // outputs are not known ahead).
    let findings = if size > SERIALIZE_IN_WORKER_MAX_BYTES && !ctx.args.in_place {
        let mut first = FileReport::new(shown.clone());
        first.encoding.clone_from(&report.encoding);
        first.confidence.clone_from(&report.confidence);
        first.findings = findings;
        head(Head { report: first });
        None
    } else {
        Some(findings)
    };
    let mut patch = String::new();
    let mut exit = Exit::Ok;
    let mut fail = |report: &mut FileReport, msg: String| {
        super::error(format!("{shown}: {msg}"));
        report.problems.push(msg);
        exit = Exit::Error;
    };
    // Outputs can be made again, an input rewritten in place cannot: only in-place writes
    // wait for the disk (an fsync per file would dominate a run over a big corpus).
    let write = |path: &Path, data: &[u8]| {
        let written = if ctx.args.in_place {
            durable_write(path, data)
        } else {
            atomic_write(path, data)
        };
        written.map_err(|e| format!("cannot write {}: {}", path.display(), walk::io_message(&e)))
    };
    if ctx.args.in_place {
        let unchanged = cleaned.edits.is_empty()
            && cleaned.source.encoding == encoding_rs::UTF_8
            && !cleaned.source.bom;
        // A file with nothing to change is left alone (timestamps included).
        if !unchanged {
            let mut backup_path = input.path.clone().into_os_string();
            backup_path.push(".orig");
            let backup_path = PathBuf::from(backup_path);
            let backed_up = ctx.args.no_backup || backup(&input.path, &backup_path).is_ok();
            if !backed_up {
                fail(
                    &mut report,
                    format!(
                        "cannot write backup {}; file left unchanged",
                        backup_path.display()
                    ),
                );
            } else {
                match write(
                    &text_path,
                    cleaned.edits.apply(&cleaned.source.text).as_bytes(),
                ) {
                    Ok(()) => report.output = Some(super::display_path(&text_path)),
                    Err(msg) => fail(&mut report, msg),
                }
            }
        }
    } else {
        // Outputs under a fresh --out folder have nothing to replace.
        type Fill<'a> = &'a mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>;
        let write_with = |path: &Path, fill: Fill| {
            if ctx.fresh_out {
                new_file_with(path, fill)
            } else {
                atomic_write_with(path, fill)
            }
        };
        let written = write_with(&text_path, &mut |w| cleaned.write_text(w)).map_err(|e| {
            format!(
                "cannot write {}: {}",
                text_path.display(),
                walk::io_message(&e)
            )
        });
        match written {
            Ok(()) => {
                report.output = Some(super::display_path(&text_path));
                if ctx.args.patch.is_some() {
                    patch = cleaned.diff(&rel);
                } else if !ctx.args.no_diff {
                    // Streamed: the diff of a large file that changed everywhere is
                    // twice its size.
                    let written = write_with(&diff_path, &mut |w| cleaned.write_diff(w, &rel))
                        .map_err(|e| {
                            format!(
                                "cannot write {}: {}",
                                diff_path.display(),
                                walk::io_message(&e)
                            )
                        });
                    match written {
                        Ok(()) => report.diff = Some(super::display_path(&diff_path)),
                        Err(msg) => fail(&mut report, msg),
                    }
                }
            }
            Err(msg) => fail(&mut report, msg),
        }
    }
    report.changes = Some(cleaned.changes.clone());
    let mut outcome = Outcome::new(report, exit, size, stamp);
    match findings {
        Some(findings) => {
            if let Entry::Fresh(r) = &mut outcome.entry {
                r.findings = findings;
            }
        }
        None => {
            if let Entry::Fresh(r) = outcome.entry {
                outcome.entry = Entry::Tail(r);
            }
        }
    }
    outcome.patch = patch;
    outcome
}
