//! Subcommands, one file each, and the options they share.

pub mod check;
pub mod clean;
pub mod config;
pub mod convert;
pub mod detect;
pub mod diff;
pub mod journal;
pub mod jsonl;
pub mod order;
pub mod review;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use zhclean::config::{Config, Gate};
use zhclean::convert::ConfigName;
use zhclean::decode::{encoding_for_label, Confidence};
use zhclean::pipeline::DecodeOptions;
use zhclean::walk::{self, Input, WalkOptions};

const ABOUT: &str = "Clean Chinese document corpora: decode any encoding, normalize whitespace, \
convert Traditional to Simplified, flag redaction placeholders and web-scrape boilerplate.";

const LONG_ABOUT: &str = "\
Clean Chinese document corpora.

Each file runs through decode → normalize → convert → flag:
  decode     detect UTF-8/UTF-16/GBK/GB18030/Big5 and decode without loss
             (undecodable bytes are reported, never silently replaced)
  normalize  line endings to \\n, BOM, NBSP and zero-width characters,
             indentation, trailing whitespace, runs of blank lines
  convert    Traditional → Simplified over OpenCC 1.4.2's dictionaries, gated so
             Simplified text is never damaged
  flag       redaction placeholders (X镇, *米, 关键词2 …) and web-scrape
             boilerplate lines (breadcrumbs, share widgets, metadata …)

The cleaned UTF-8 text is written alongside a unified diff against the decoded
original, so every change can be reviewed.";

const AFTER_HELP: &str = "\
Examples:
  zhclean clean seeds --out cleaned      clean a folder into cleaned/ (text + .diff + report)
  zhclean check seeds                    list findings; exit 1 when a document is not clean
  zhclean detect --format json raw/*.txt report encodings
  zhclean review seeds -o review.html    side-by-side review page of what clean changes
  echo 測試 | zhclean convert            convert stdin to Simplified

Exit codes: 0 clean, 1 findings or problems in some files, 2 usage or I/O error.";

#[derive(Debug, Parser)]
#[command(name = "zhclean", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean files: write cleaned UTF-8 text and a unified diff for each.
    Clean(clean::CleanArgs),
    /// Report findings without writing anything; exit 1 when a document is not clean (for CI).
    Check(check::CheckArgs),
    /// Report each file's encoding, confidence, line endings and script.
    Detect(detect::DetectArgs),
    /// Show what `clean` would change: a unified diff with character-level highlights.
    Diff(diff::DiffArgs),
    /// Write a self-contained HTML page to review changes side by side (`-o review.html`).
    Review(review::ReviewArgs),
    /// Convert text between scripts, stdin to stdout (like the opencc CLI).
    Convert(convert::ConvertArgs),
    /// Print the effective configuration (defaults, zhclean.toml and flags merged).
    Config(config::ConfigCmdArgs),
}

/// Exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    Ok = 0,
    Findings = 1,
    Error = 2,
}

/// Which files to read.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories to process (`-` reads standard input).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only process files matching this glob (repeatable; e.g. `*.txt`).
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Skip files and directories matching this glob (repeatable).
    #[arg(long = "exclude", value_name = "GLOB")]
    pub excludes: Vec<String>,
    /// Follow symbolic links while walking directories.
    #[arg(long)]
    pub follow_links: bool,
}

/// How to decode.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// Force an encoding (WHATWG label: utf-8, gbk, gb18030, big5, utf-16le, utf-16be …)
    /// instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Decode files with undecodable bytes anyway, replacing each bad sequence with U+FFFD
    /// (reported as an error finding). Without it such files are refused.
    #[arg(long)]
    pub lossy: bool,
    /// Refuse files whose detected encoding is less certain than this.
    #[arg(long, value_name = "LEVEL")]
    pub min_confidence: Option<Confidence>,
    /// Repair mojibake: UTF-8 text once read as GBK (`鐨勪竴` → `的一`), when the repair
    /// clearly raises the share of common Han characters.
    #[arg(long)]
    pub fix_mojibake: bool,
    /// Decode files whose lines are in different encodings (UTF-8 and GBK) line by line.
    /// Without it such a file is refused: decoded whole, one kind of line is mojibake.
    #[arg(long)]
    pub per_line: bool,
}

impl DecodeArgs {
    pub fn options(&self) -> Result<DecodeOptions, String> {
        let encoding = match &self.encoding {
            Some(label) => Some(encoding_for_label(label).ok_or_else(|| {
                format!("unknown encoding `{label}` (try utf-8, gbk, gb18030, big5, utf-16le, utf-16be)")
            })?),
            None => None,
        };
        Ok(DecodeOptions {
            encoding,
            lossy: self.lossy,
            min_confidence: self.min_confidence,
            fix_mojibake: self.fix_mojibake,
            per_line: self.per_line,
        })
    }
}

/// Configuration and its overrides.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Read configuration from this file instead of the nearest zhclean.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore zhclean.toml files.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Conversion config: t2s (default), tw2s, tw2sp, hk2s, hk2sp.
    #[arg(short = 'c', long = "convert", value_name = "CONFIG")]
    pub convert: Option<ConfigName>,
    /// Conversion gate: `line` converts only lines with an unambiguously Traditional
    /// character (whole documents when they are mostly Traditional); `off` converts all.
    #[arg(long, value_name = "GATE")]
    pub gate: Option<Gate>,
    /// Do not convert Traditional to Simplified.
    #[arg(long)]
    pub no_convert: bool,
    /// Switch a normalization step off (repeatable): crlf, nbsp, zero-width, indentation,
    /// trailing, blank-lines, final-newline, or all.
    #[arg(long = "no-normalize", value_name = "STEP")]
    pub no_normalize: Vec<String>,
    /// Keep boilerplate lines in the cleaned text (they are still reported).
    #[arg(long)]
    pub keep_boilerplate: bool,
}

impl ConfigArgs {
    /// The configuration file in use, if any.
    pub fn config_path(&self) -> Option<PathBuf> {
        if self.no_config {
            return None;
        }
        self.config.clone().or_else(|| {
            std::env::current_dir()
                .ok()
                .and_then(|d| Config::discover(&d))
        })
    }

    /// Loads the configuration and applies the command-line overrides.
    pub fn load(&self) -> Result<Config, String> {
        let mut config = match self.config_path() {
            Some(p) => Config::load(&p).map_err(|e| e.to_string())?,
            None => Config::default(),
        };
        if let Some(c) = self.convert {
            if c == ConfigName::S2t {
                return Err("`s2t` converts to Traditional; clean and check convert to Simplified (use `zhclean convert -c s2t`)".into());
            }
            config.convert.config = c;
        }
        if let Some(g) = self.gate {
            config.convert.gate = g;
        }
        if self.no_convert {
            config.convert.enabled = false;
        }
        for step in &self.no_normalize {
            config.normalize.disable(step)?;
        }
        if self.keep_boilerplate {
            config.boilerplate.remove = false;
        }
        Ok(config)
    }
}

/// Parallelism.
#[derive(Debug, Args)]
pub struct JobsArgs {
    /// Number of files processed at once (default: the number of cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
}

impl JobsArgs {
    pub fn pool(&self) -> rayon::ThreadPool {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(n) = self.jobs {
            b = b.num_threads(n.max(1));
        }
        b.build().expect("thread pool")
    }
}

/// The exit code of a subcommand's result; an error is printed first.
pub fn exit_with(result: Result<Exit, String>) -> Exit {
    result.unwrap_or_else(|msg| {
        error(msg);
        Exit::Error
    })
}

/// Prints `zhclean: error: …` to stderr.
pub fn error(msg: impl std::fmt::Display) {
    eprintln!("zhclean: error: {msg}");
}

/// Prints `zhclean: note: …` to stderr.
pub fn note(msg: impl std::fmt::Display) {
    eprintln!("zhclean: note: {msg}");
}

/// Expands the paths; walk errors are printed and make the exit code 2.
pub fn collect_inputs(
    args: &InputArgs,
    skip_dir: Option<&Path>,
) -> Result<(Vec<Input>, Exit), String> {
    let files: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let opts = WalkOptions {
        globs: args.globs.clone(),
        excludes: args.excludes.clone(),
        follow_links: args.follow_links,
        skip_dir: skip_dir.map(Path::to_path_buf),
    };
    let (inputs, errors) = walk::collect(&files, &opts)?;
    let mut exit = Exit::Ok;
    for e in errors {
        error(&e);
        exit = Exit::Error;
    }
    Ok((inputs, exit))
}

/// Whether `-` (stdin) is among the paths.
pub fn wants_stdin(args: &InputArgs) -> bool {
    args.paths.iter().any(|p| p.as_os_str() == "-")
}

/// A whole input file, read by [`read_file`].
pub struct FileBytes {
    pub bytes: Vec<u8>,
    /// Huge pages stay on while a large file's bytes (and what is made from them) live:
    /// keep this until the file is done with.
    pub huge: crate::allocator::Huge,
    /// The file's metadata, taken from the open file before it was read.
    pub meta: Option<std::fs::Metadata>,
}

/// Reads a whole file, first telling the allocator how large it is (a large one turns
/// huge pages on while the result lives: see `allocator`).
pub fn read_file(path: &Path) -> std::io::Result<FileBytes> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata().ok();
    let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
    let huge = crate::allocator::expect_large(len);
    // One more byte than the size, so that the read that finds the end needs no growth.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    // Through `take`: `File`'s own `read_to_end` asks the size again (`fstat` and `lseek`,
    // two system calls a file, known already).
    std::io::Read::read_to_end(&mut std::io::Read::take(&file, u64::MAX), &mut bytes)?;
    let huge = huge.unless_short_lines(&bytes);
    Ok(FileBytes { bytes, huge, meta })
}

/// Reads all of stdin.
pub fn read_stdin() -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)?;
    Ok(buf)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn write_stdout(data: &[u8]) -> Result<(), String> {
    write_stdout_with(|w| w.write_all(data))
}

/// Writes what `fill` writes to standard output, buffered and flushed; a reader that
/// stops early (`| head`) is not an error.
pub fn write_stdout_with(
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match fill(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!(
            "cannot write to standard output: {}",
            walk::io_message(&e)
        )),
    }
}

/// A path as shown in reports: forward slashes, lossy UTF-8 for odd names.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn enabled(self, stream_is_tty: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stream_is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// A progress bar on stderr for runs longer than about a second: files, MB and MB/s.
/// Nothing is drawn when stderr is not a terminal or with `--quiet`.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
    files: std::sync::atomic::AtomicU64,
    total_files: u64,
}

impl Progress {
    pub fn new(inputs: &[walk::Input], quiet: bool) -> Progress {
        use std::io::IsTerminal;
        let enabled = !quiet && std::io::stderr().is_terminal();
        let bar = enabled.then(|| {
            let bytes: u64 = inputs.iter().filter_map(|i| std::fs::metadata(&i.path).ok()).map(|m| m.len()).sum();
            let bar = indicatif::ProgressBar::with_draw_target(Some(bytes), indicatif::ProgressDrawTarget::hidden());
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {msg} files  {binary_bytes}/{binary_total_bytes}  {binary_bytes_per_sec}  {elapsed}",
                )
                .expect("progress template"),
            );
            bar
        });
        Progress {
            bar,
            started: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
            files: std::sync::atomic::AtomicU64::new(0),
            total_files: inputs.len() as u64,
        }
    }

    /// One more file of `bytes` done (called from worker threads).
    pub fn inc(&self, bytes: u64) {
        use std::sync::atomic::Ordering;
        let Some(bar) = &self.bar else { return };
        let done = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        bar.set_message(format!("{done}/{}", self.total_files));
        bar.inc(bytes);
        if self.started.elapsed() > std::time::Duration::from_secs(1)
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
