//! `zhclean clean --jsonl`: clean the text field of each JSON Lines record, streaming.
//!
//! One output line per input line, in input order. A cleaned line is the input object
//! with its keys in the same order and every other value byte for byte as it came (only
//! the whitespace between tokens is dropped), the text field holding the cleaned text, and
//! a `zhclean` key appended: the [`Record`] of the text without the text itself, so
//! `{changed, findings, changes, converted, removed}` — the same data the Python package
//! returns. An input `zhclean` key is dropped (the appended one replaces it), so running
//! the output through again leaves one, current `zhclean` object.
//!
//! A line that cannot be cleaned becomes an error line and the stream goes on:
//! `{"zhclean":{"error":"line 3: …","line":3}}`, with `"input":"PATH"` added when the
//! line came from a named file (`line` counts within that input). When the line was a
//! JSON object (no text field, a text field that is not a string …) its fields pass
//! through before `zhclean`, so an id field survives for a join. The exit code is then 1.
//!
//! Memory is bounded: a reader thread reads lines while at most [`MAX_IN_FLIGHT`] lines or
//! [`MAX_IN_FLIGHT_BYTES`] bytes (or one longer line) are read but not yet written; the
//! `-j` pool cleans them, and this thread writes them back in order, flushing whenever
//! nothing more is ready so that a consumer (`RDD.pipe`, a shell pipe) sees output as it
//! is made.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, TryRecvError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use zhclean::config::Config;
use zhclean::record::{Conversion, Record, Removal};
use zhclean::report::{Changes, Finding};
use zhclean::{pipeline, walk};

use super::clean::CleanArgs;
use super::Exit;

/// At most this many lines are read but not yet written …
const MAX_IN_FLIGHT: usize = 1024;
/// … and at most this many bytes of them (a single longer line is still read).
const MAX_IN_FLIGHT_BYTES: usize = 16 << 20;
/// Errors printed to stderr; later ones are only in the output.
const MAX_ERRORS_SHOWN: usize = 10;
/// The key appended to every output line.
const KEY: &str = "zhclean";

/// Where a line came from: its input (None for standard input) and 1-based line number.
#[derive(Debug, Clone)]
struct Place {
    input: Option<Arc<str>>,
    line: u64,
}

impl Place {
    fn shown(&self) -> String {
        match &self.input {
            Some(p) => format!("{p}: line {}", self.line),
            None => format!("<stdin>: line {}", self.line),
        }
    }
}

/// One input line, on its way to a worker.
struct Job {
    seq: u64,
    place: Place,
    bytes: Vec<u8>,
}

/// What became of a line.
enum Outcome {
    Cleaned {
        changed: bool,
        rules: Vec<&'static str>,
    },
    /// The message, with its place, for stderr.
    Failed(String),
    /// Not processed: the output was closed.
    Skipped,
}

/// One output line, on its way to the writer.
struct Done {
    seq: u64,
    in_bytes: usize,
    out: Vec<u8>,
    outcome: Outcome,
}

struct Ctx<'a> {
    config: &'a Config,
    field: &'a str,
    report_all: bool,
}

pub fn run(args: &CleanArgs, config: &Config) -> Result<Exit, String> {
    if args.text_field == KEY {
        return Err(format!(
            "--text-field cannot be `{KEY}`: that key holds the findings"
        ));
    }
    // No paths: standard input. Otherwise the files (and `-`) in the order given.
    let inputs: Vec<Option<PathBuf>> = if args.input.paths.is_empty() {
        vec![None]
    } else {
        args.input
            .paths
            .iter()
            .map(|p| (p.as_os_str() != "-").then(|| p.clone()))
            .collect()
    };
    let ctx = Ctx {
        config,
        field: &args.text_field,
        report_all: args.report_all,
    };
    let started = Instant::now();
    let pool = args.jobs.pool();
    let workers = pool.current_num_threads();
    let window = Window::new(MAX_IN_FLIGHT, MAX_IN_FLIGHT_BYTES);
    let stop = AtomicBool::new(false);
    let (job_tx, job_rx) = sync_channel::<Job>(MAX_IN_FLIGHT);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = sync_channel::<Done>(MAX_IN_FLIGHT);
    let mut stats = Stats::default();
    let read_exit = std::thread::scope(|scope| {
        let reader = scope.spawn(|| read_lines(&inputs, &window, &stop, job_tx));
        scope.spawn(|| {
            pool.scope(|s| {
                for _ in 0..workers {
                    let done_tx = done_tx.clone();
                    let (job_rx, ctx, stop) = (&job_rx, &ctx, &stop);
                    s.spawn(move |_| loop {
                        // The lock is held only while taking a line.
                        let job = job_rx.lock().expect("job queue").recv();
                        let Ok(job) = job else { break };
                        let done = if stop.load(Ordering::Relaxed) {
                            Done {
                                seq: job.seq,
                                in_bytes: job.bytes.len(),
                                out: Vec::new(),
                                outcome: Outcome::Skipped,
                            }
                        } else {
                            process(job, ctx)
                        };
                        if done_tx.send(done).is_err() {
                            break;
                        }
                    });
                }
            });
            drop(done_tx);
        });
        write_lines(done_rx, &window, &stop, &mut stats);
        reader.join().expect("reader thread")
    });
    let mut exit = read_exit;
    if stats.write_failed {
        exit = Exit::Error;
    }
    if stats.errors > 0 {
        exit = exit.max(Exit::Findings);
    }
    if stats.errors > MAX_ERRORS_SHOWN {
        super::note(format!(
            "{} more lines could not be cleaned (see their `{KEY}.error` in the output)",
            stats.errors - MAX_ERRORS_SHOWN
        ));
    }
    if !args.quiet {
        eprintln!("{}", stats.one_line(started));
    }
    Ok(exit)
}

/// Bounds what is read but not yet written, in lines and bytes.
struct Window {
    state: Mutex<(usize, usize)>,
    freed: Condvar,
    max_lines: usize,
    max_bytes: usize,
}

impl Window {
    fn new(max_lines: usize, max_bytes: usize) -> Window {
        Window {
            state: Mutex::new((0, 0)),
            freed: Condvar::new(),
            max_lines,
            max_bytes,
        }
    }

    /// Waits until a line of `bytes` fits (any line fits when nothing is in flight).
    fn acquire(&self, bytes: usize) {
        let mut s = self.state.lock().expect("window");
        while s.0 > 0 && (s.0 >= self.max_lines || s.1 + bytes > self.max_bytes) {
            s = self.freed.wait(s).expect("window");
        }
        s.0 += 1;
        s.1 += bytes;
    }

    fn release(&self, bytes: usize) {
        let mut s = self.state.lock().expect("window");
        s.0 -= 1;
        s.1 -= bytes;
        self.freed.notify_one();
    }
}

/// Reads every input's lines into `jobs`; read errors are printed (exit code 2).
fn read_lines(
    inputs: &[Option<PathBuf>],
    window: &Window,
    stop: &AtomicBool,
    jobs: std::sync::mpsc::SyncSender<Job>,
) -> Exit {
    let mut exit = Exit::Ok;
    let mut seq = 0u64;
    for input in inputs {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let (name, reader): (Option<Arc<str>>, Box<dyn Read>) = match input {
            None => (None, Box::new(std::io::stdin())),
            Some(path) => {
                let shown = super::display_path(path);
                let opened = if path.is_dir() {
                    Err("is a directory (--jsonl reads JSON Lines files)".to_string())
                } else {
                    std::fs::File::open(path).map_err(|e| walk::io_message(&e))
                };
                match opened {
                    Ok(f) => (Some(shown.into()), Box::new(f)),
                    Err(msg) => {
                        super::error(format!("{shown}: cannot read: {msg}"));
                        exit = Exit::Error;
                        continue;
                    }
                }
            }
        };
        let mut reader = BufReader::with_capacity(1 << 18, reader);
        let mut line_no = 0u64;
        loop {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let mut bytes = Vec::new();
            match reader.read_until(b'\n', &mut bytes) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    let shown = name.as_deref().unwrap_or("<stdin>");
                    super::error(format!("{shown}: cannot read: {}", walk::io_message(&e)));
                    exit = Exit::Error;
                    break;
                }
            }
            line_no += 1;
            trim_line_end(&mut bytes);
            if line_no == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            window.acquire(bytes.len());
            let job = Job {
                seq,
                place: Place {
                    input: name.clone(),
                    line: line_no,
                },
                bytes,
            };
            seq += 1;
            if jobs.send(job).is_err() {
                return exit;
            }
        }
    }
    exit
}

/// Drops the line's `\n` or `\r\n`.
fn trim_line_end(bytes: &mut Vec<u8>) {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
}

/// Counts for the summary line, and how writing went.
#[derive(Default)]
struct Stats {
    records: u64,
    errors: usize,
    changed: u64,
    findings: u64,
    by_rule: BTreeMap<&'static str, u64>,
    bytes: u64,
    /// Writing to stdout failed (not a closed pipe).
    write_failed: bool,
}

impl Stats {
    fn one_line(&self, started: Instant) -> String {
        let secs = started.elapsed().as_secs_f64();
        let mb = self.bytes as f64 / 1e6;
        let per_sec = |x: f64| if secs > 0.0 { x / secs } else { 0.0 };
        let mut s = format!(
            "{} record{}, {} changed, {} finding{}",
            self.records,
            if self.records == 1 { "" } else { "s" },
            self.changed,
            self.findings,
            if self.findings == 1 { "" } else { "s" },
        );
        if !self.by_rule.is_empty() {
            let rules: Vec<String> = self
                .by_rule
                .iter()
                .map(|(r, n)| format!("{r} {n}"))
                .collect();
            let _ = write!(s, " ({})", rules.join(", "));
        }
        let _ = write!(
            s,
            ", {} error{} ({mb:.1} MB in {secs:.2}s, {:.1} MB/s, {:.0} records/s)",
            self.errors,
            if self.errors == 1 { "" } else { "s" },
            per_sec(mb),
            per_sec(self.records as f64),
        );
        s
    }
}

/// Writes the lines to stdout in input order, flushing whenever the next one is not ready.
/// When stdout is closed (`| head`) or fails, `stop` is set and the rest is drained.
fn write_lines(done: Receiver<Done>, window: &Window, stop: &AtomicBool, stats: &mut Stats) {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut open = true;
    let fail = |e: std::io::Error, open: &mut bool, stats: &mut Stats| {
        if *open && e.kind() != std::io::ErrorKind::BrokenPipe {
            super::error(format!(
                "cannot write to standard output: {}",
                walk::io_message(&e)
            ));
            stats.write_failed = true;
        }
        *open = false;
        stop.store(true, Ordering::Relaxed);
    };
    loop {
        let d = match done.try_recv() {
            Ok(d) => d,
            Err(TryRecvError::Empty) => {
                if open {
                    if let Err(e) = out.flush() {
                        fail(e, &mut open, stats);
                    }
                }
                match done.recv() {
                    Ok(d) => d,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        pending.insert(d.seq, d);
        while let Some(d) = pending.remove(&next) {
            next += 1;
            window.release(d.in_bytes);
            if open {
                if let Err(e) = out.write_all(&d.out) {
                    fail(e, &mut open, stats);
                }
            }
            stats.bytes += d.in_bytes as u64;
            match d.outcome {
                Outcome::Cleaned { changed, rules } => {
                    stats.records += 1;
                    stats.changed += u64::from(changed);
                    stats.findings += rules.len() as u64;
                    for r in rules {
                        *stats.by_rule.entry(r).or_default() += 1;
                    }
                }
                Outcome::Failed(msg) => {
                    stats.records += 1;
                    stats.errors += 1;
                    if stats.errors <= MAX_ERRORS_SHOWN {
                        super::error(msg);
                    }
                }
                Outcome::Skipped => {}
            }
        }
    }
    if open {
        if let Err(e) = out.flush() {
            fail(e, &mut open, stats);
        }
    }
}

/// Cleans one line into its output line.
fn process(job: Job, ctx: &Ctx) -> Done {
    let in_bytes = job.bytes.len();
    let (out, outcome) = match clean_line(&job.bytes, ctx) {
        Ok(ok) => ok,
        Err((fields, what)) => {
            let out = error_line(fields.as_deref(), &job.place, &what);
            (
                out,
                Outcome::Failed(format!("{}: {what}", job.place.shown())),
            )
        }
    };
    Done {
        seq: job.seq,
        in_bytes,
        out,
        outcome,
    }
}

type Fields<'a> = Vec<(&'a RawValue, &'a RawValue)>;

/// Why a line could not be cleaned, with its fields when it was a JSON object.
type LineError<'a> = (Option<Fields<'a>>, String);

fn clean_line<'a>(bytes: &'a [u8], ctx: &Ctx) -> Result<(Vec<u8>, Outcome), LineError<'a>> {
    let line = std::str::from_utf8(bytes).map_err(|e| {
        (
            None,
            format!("not valid UTF-8 (bad byte at offset {})", e.valid_up_to()),
        )
    })?;
    let fields = parse_object(line).map_err(|what| (None, what))?;
    let mut at = None;
    for (i, (k, _)) in fields.iter().enumerate() {
        if key_is(k, ctx.field) {
            if at.is_some() {
                let what = format!("the \"{}\" field appears twice", ctx.field);
                return Err((Some(fields), what));
            }
            at = Some(i);
        }
    }
    let Some(at) = at else {
        let what = format!("no \"{}\" field", ctx.field);
        return Err((Some(fields), what));
    };
    let text = match text_value(fields[at].1) {
        Ok(t) => t,
        Err(why) => {
            let what = format!("the \"{}\" field {why}", ctx.field);
            return Err((Some(fields), what));
        }
    };
    let cleaned = pipeline::clean_text(&text, ctx.config);
    drop(text);
    let record = Record::new(cleaned, ctx.config, ctx.report_all);
    let rules = record.findings.iter().map(|f| f.rule.as_str()).collect();
    let changed = record.changed;
    let (text, meta) = split_record(record);
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 2 + 256);
    write_object(&mut out, &fields, Some((at, &text)), &meta);
    Ok((out, Outcome::Cleaned { changed, rules }))
}

/// The output line of a line that could not be cleaned.
fn error_line(fields: Option<&[(&RawValue, &RawValue)]>, place: &Place, what: &str) -> Vec<u8> {
    let meta = ErrorMeta {
        error: format!("line {}: {what}", place.line),
        line: place.line,
        input: place.input.as_deref(),
    };
    let mut out = Vec::new();
    write_object(&mut out, fields.unwrap_or_default(), None, &meta);
    out
}

/// The `zhclean` object of a line that could not be cleaned.
#[derive(Serialize)]
struct ErrorMeta<'a> {
    error: String,
    line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<&'a str>,
}

/// The `zhclean` object of a cleaned line: the [`Record`] without its text.
#[derive(Serialize)]
struct RecordMeta {
    changed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<String>,
    findings: Vec<Finding>,
    changes: Changes,
    converted: Vec<Conversion>,
    removed: Vec<Removal>,
}

/// The record's text and the rest. Destructured in full, so a field added to [`Record`]
/// does not compile here until it is carried over (a unit test checks the serialized
/// forms agree).
fn split_record(record: Record) -> (String, RecordMeta) {
    let Record {
        text,
        changed,
        encoding,
        confidence,
        findings,
        changes,
        converted,
        removed,
    } = record;
    let meta = RecordMeta {
        changed,
        encoding,
        confidence,
        findings,
        changes,
        converted,
        removed,
    };
    (text, meta)
}

/// Writes `{fields…,"zhclean":meta}\n`: each key and value as it came, except the value at
/// `text.0` which becomes the JSON string `text.1`; input `zhclean` keys are dropped.
fn write_object(
    out: &mut Vec<u8>,
    fields: &[(&RawValue, &RawValue)],
    text: Option<(usize, &str)>,
    meta: &impl Serialize,
) {
    out.push(b'{');
    for (i, (k, v)) in fields.iter().enumerate() {
        if key_is(k, KEY) {
            continue;
        }
        out.extend_from_slice(k.get().as_bytes());
        out.push(b':');
        match text {
            Some((at, t)) if at == i => {
                serde_json::to_writer(&mut *out, t).expect("a string serializes")
            }
            _ => out.extend_from_slice(v.get().as_bytes()),
        }
        out.push(b',');
    }
    out.push(b'"');
    out.extend_from_slice(KEY.as_bytes());
    out.extend_from_slice(b"\":");
    serde_json::to_writer(&mut *out, meta).expect("the zhclean object serializes");
    out.extend_from_slice(b"}\n");
}

/// A JSON object's fields, keys and values as raw JSON text, in order (duplicates kept).
struct RawFields<'a>(Fields<'a>);

impl<'de> Deserialize<'de> for RawFields<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawFields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(kv) = map.next_entry::<&RawValue, &RawValue>()? {
                    v.push(kv);
                }
                Ok(RawFields(v))
            }
        }
        d.deserialize_map(V)
    }
}

/// The fields of a line holding one JSON object, or what is wrong with it.
fn parse_object(line: &str) -> Result<Fields<'_>, String> {
    if line.trim_matches([' ', '\t', '\r']).is_empty() {
        return Err("blank line, not a JSON object".into());
    }
    match serde_json::from_str::<RawFields>(line) {
        Ok(f) => Ok(f.0),
        Err(e) => match serde_json::from_str::<&RawValue>(line) {
            Ok(v) => Err(format!("not a JSON object but {}", kind(v))),
            Err(_) => Err(format!("not valid JSON: {e}")),
        },
    }
}

/// What kind of JSON value this is, for messages.
fn kind(v: &RawValue) -> &'static str {
    match v.get().trim_start().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Whether a raw JSON key (a string with its quotes and escapes) is `name`.
fn key_is(raw: &RawValue, name: &str) -> bool {
    let raw = raw.get();
    if !raw.contains('\\') {
        return raw.len() == name.len() + 2 && &raw[1..raw.len() - 1] == name;
    }
    serde_json::from_str::<String>(raw).is_ok_and(|k| k == name)
}

/// The text of the text field, or why there is none.
fn text_value(v: &RawValue) -> Result<String, String> {
    match serde_json::from_str::<String>(v.get()) {
        Ok(s) => Ok(s),
        // A string that parsed as raw JSON fails only on an unpaired \uD800–\uDFFF escape.
        Err(e) if kind(v) == "a string" => Err(format!(
            "holds a lone surrogate escape, which is not Unicode text ({e})"
        )),
        Err(_) => Err(format!("is {}, not a string", kind(v))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(s: &str) -> &RawValue {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn parse_object_keeps_order_duplicates_and_raw_bytes() {
        let line =
            r#"{"b": 1.0e400, "a":{"x" : [1, 2]},"t\u0065xt":"\u677e","b":12345678901234567890}"#;
        let f = parse_object(line).unwrap();
        let got: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.get(), v.get())).collect();
        assert_eq!(
            got,
            [
                (r#""b""#, "1.0e400"),
                (r#""a""#, r#"{"x" : [1, 2]}"#),
                (r#""t\u0065xt""#, r#""\u677e""#),
                (r#""b""#, "12345678901234567890"),
            ]
        );
        assert!(key_is(f[2].0, "text"));
        assert!(!key_is(f[0].0, "text"));
    }

    #[test]
    fn parse_object_says_what_is_wrong() {
        assert_eq!(
            parse_object("").unwrap_err(),
            "blank line, not a JSON object"
        );
        assert_eq!(
            parse_object(" \t").unwrap_err(),
            "blank line, not a JSON object"
        );
        assert_eq!(
            parse_object("[1]").unwrap_err(),
            "not a JSON object but an array"
        );
        assert_eq!(
            parse_object(" 3 ").unwrap_err(),
            "not a JSON object but a number"
        );
        assert_eq!(
            parse_object("\"x\"").unwrap_err(),
            "not a JSON object but a string"
        );
        assert_eq!(
            parse_object("null").unwrap_err(),
            "not a JSON object but null"
        );
        let e = parse_object(r#"{"text": "a""#).unwrap_err();
        assert!(e.starts_with("not valid JSON: EOF while parsing"), "{e}");
        let e = parse_object(r#"{"text": "a"} {}"#).unwrap_err();
        assert!(e.starts_with("not valid JSON: trailing characters"), "{e}");
        assert!(parse_object("{}").unwrap().is_empty());
    }

    #[test]
    fn key_is_compares_unescaped_keys() {
        assert!(key_is(raw(r#""text""#), "text"));
        assert!(key_is(raw(r#""\u0074ext""#), "text"));
        assert!(!key_is(raw(r#""texts""#), "text"));
        assert!(!key_is(raw(r#""tex""#), "text"));
        assert!(key_is(raw(r#""正文""#), "正文"));
        assert!(key_is(raw(r#""a\"b""#), "a\"b"));
    }

    #[test]
    fn text_value_rejects_non_strings_and_lone_surrogates() {
        assert_eq!(text_value(raw(r#""a\u00e9\n""#)).unwrap(), "aé\n");
        assert_eq!(
            text_value(raw("12")).unwrap_err(),
            "is a number, not a string"
        );
        assert_eq!(
            text_value(raw("null")).unwrap_err(),
            "is null, not a string"
        );
        assert_eq!(
            text_value(raw("[\"a\"]")).unwrap_err(),
            "is an array, not a string"
        );
        let e = text_value(raw(r#""\ud800x""#)).unwrap_err();
        assert!(e.starts_with("holds a lone surrogate escape"), "{e}");
        assert!(text_value(raw(r#""\udc00\ud800""#)).is_err());
        assert_eq!(text_value(raw(r#""\ud83d\ude00""#)).unwrap(), "😀");
    }

    #[test]
    fn trim_line_end_drops_lf_and_crlf_only() {
        for (input, want) in [
            (&b"{}\n"[..], &b"{}"[..]),
            (b"{}\r\n", b"{}"),
            (b"{}", b"{}"),
            (b"{}\r", b"{}\r"),
            (b"\n", b""),
        ] {
            let mut v = input.to_vec();
            trim_line_end(&mut v);
            assert_eq!(v, want);
        }
    }

    #[test]
    fn write_object_replaces_text_drops_old_zhclean_and_appends_meta() {
        let line = r#"{"id": 7, "zhclean": {"old": 1}, "text":"x", "n":1.50}"#;
        let f = parse_object(line).unwrap();
        let mut out = Vec::new();
        write_object(
            &mut out,
            &f,
            Some((2, "松\"江")),
            &serde_json::json!({"k": 1}),
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"id\":7,\"text\":\"松\\\"江\",\"n\":1.50,\"zhclean\":{\"k\":1}}\n"
        );
    }

    #[test]
    fn record_meta_is_the_record_without_its_text() {
        let config = Config::default();
        for all in [false, true] {
            let text = "当前页面: 首页 > 新闻\n鬆江鎮X名困難群眾\u{a0}\n";
            let record = Record::new(pipeline::clean_text(text, &config), &config, all);
            let mut whole = serde_json::to_value(&record).unwrap();
            let (text, meta) = split_record(record);
            assert_eq!(whole["text"].take(), serde_json::Value::String(text));
            whole.as_object_mut().unwrap().remove("text");
            assert_eq!(whole, serde_json::to_value(&meta).unwrap());
        }
    }

    #[test]
    fn window_lets_one_oversized_line_through_and_bounds_the_rest() {
        let w = Window::new(2, 10);
        w.acquire(100); // alone, any size fits
        w.release(100);
        w.acquire(4);
        w.acquire(6);
        assert_eq!(*w.state.lock().unwrap(), (2, 10));
        let w = Arc::new(w);
        let w2 = Arc::clone(&w);
        let t = std::thread::spawn(move || w2.acquire(1));
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert_eq!(w.state.lock().unwrap().0, 2, "third line waits");
        w.release(4);
        t.join().unwrap();
        assert_eq!(*w.state.lock().unwrap(), (2, 7));
    }
}
