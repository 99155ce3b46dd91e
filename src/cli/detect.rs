//! `zhclean detect`: what each file's bytes are.

use clap::{Args, ValueEnum};

use zhclean::decode::{self, DetectRecord};
use zhclean::walk;

use super::{Exit, InputArgs, JobsArgs};

const AFTER_HELP: &str = "\
Each record: path, encoding (WHATWG label: UTF-8, UTF-16LE, UTF-16BE, GBK, gb18030, Big5;
null for binary), confidence (certain for a BOM, then high, medium, low), reason,
alternatives (other encodings that also decode the bytes cleanly), bom, binary, lossy,
malformed and first_malformed_offset, truncated, mixed (some lines UTF-8, some GBK
or Big5; `secondary` names the other encoding), line_endings, script (simplified,
traditional or mixed), traditional_share, and mojibake (null, or {kind:
utf8-read-as-gbk (repairable) | kunjinkao (锟斤拷, unrecoverable), repairable,
common_share, repaired_common_share, runs}).

With --per-line each line is decoded on its own (UTF-8 when it is valid UTF-8 that reads
better, else the file's legacy encoding), lossy/malformed describe that decoding, and
the record gets `lines`: [{line (1-based), encoding, malformed}] for every line with
non-ASCII bytes (empty for UTF-16 files, which are decoded whole).

Examples:
  zhclean detect raw/*.txt
  zhclean detect --format json raw > encodings.json
  zhclean detect --per-line --format json mixed.txt";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DetectFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct DetectArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: DetectFormat,
    /// Decode each line on its own (for files whose lines are in different encodings).
    #[arg(long)]
    pub per_line: bool,
    #[command(flatten)]
    pub jobs: JobsArgs,
}

pub fn run(args: DetectArgs) -> Exit {
    super::exit_with(run_inner(&args))
}

fn run_inner(args: &DetectArgs) -> Result<Exit, String> {
    let opts = decode::RecordOptions {
        per_line: args.per_line,
    };
    let stdin = if super::wants_stdin(&args.input) {
        let bytes = super::read_stdin()
            .map_err(|e| format!("cannot read standard input: {}", walk::io_message(&e)))?;
        Some(decode::record_with("<stdin>", &bytes, &opts))
    } else {
        None
    };
    let (inputs, walk_exit) = super::collect_inputs(&args.input, None)?;
    let mut exit = walk_exit;
    let work = |i: usize| {
        let input = &inputs[i];
        let shown = super::display_path(&input.path);
        super::read_file(&input.path)
            .map(|f| decode::record_with(&shown, &f.bytes, &opts))
            .map_err(|e| format!("{shown}: cannot read: {}", walk::io_message(&e)))
    };
    // Records are written as files finish, in input order: a run over a large corpus
    // holds a bounded number of them.
    super::write_stdout_with(|out| {
        let json = args.format == DetectFormat::Json;
        if json {
            out.write_all(b"{\n  \"files\": [")?;
        }
        let mut first = true;
        let mut write = |r: &DetectRecord| -> std::io::Result<()> {
            if json {
                // Byte for byte what serde_json's pretty printer writes for the whole
                // document: each record indented one level deeper.
                out.write_all(if first { b"\n" } else { b",\n" })?;
                let pretty = serde_json::to_string_pretty(r)?;
                for (k, line) in pretty.lines().enumerate() {
                    if k > 0 {
                        out.write_all(b"\n")?;
                    }
                    out.write_all(b"    ")?;
                    out.write_all(line.as_bytes())?;
                }
            } else {
                out.write_all(human(r).as_bytes())?;
            }
            first = false;
            Ok(())
        };
        if let Some(r) = &stdin {
            write(r)?;
        }
        let jobs = super::order::jobs(args.jobs.jobs);
        super::order::map_in_order(jobs, inputs.len(), work, |_, r| {
            match r {
                Ok(rec) => write(&rec)?,
                Err(msg) => {
                    super::error(msg);
                    exit = Exit::Error;
                }
            }
            Ok::<_, std::io::Error>(std::ops::ControlFlow::Continue(()))
        })?;
        if json {
            out.write_all(if first { b"]\n}\n" } else { b"\n  ]\n}\n" })?;
        }
        Ok(())
    })?;
    Ok(exit)
}

fn human(r: &DetectRecord) -> String {
    let mut s = format!("{}: ", r.path);
    match r.encoding {
        None => match r.nul_text {
            Some(enc) => s.push_str(&format!(
                "text with NUL bytes (reads as {enc} without them; clean refuses it)"
            )),
            None => s.push_str(&format!("binary ({})", r.reason)),
        },
        Some(enc) => {
            s.push_str(&format!("{enc} ({}: {})", r.confidence.as_str(), r.reason));
            if r.bom {
                s.push_str(", BOM");
            }
            if r.lossy {
                s.push_str(&format!(
                    ", LOSSY: {} malformed sequence{} (first at byte {})",
                    r.malformed,
                    if r.malformed == 1 { "" } else { "s" },
                    r.first_malformed_offset.unwrap_or(0)
                ));
            }
            if r.truncated {
                s.push_str(", truncated");
            }
            if r.mixed {
                s.push_str(", MIXED encodings");
                if let Some(other) = r.secondary {
                    s.push_str(&format!(" (some lines {other})"));
                }
            }
            if let Some(m) = &r.mojibake {
                s.push_str(&format!(
                    ", MOJIBAKE {}{}",
                    m.kind.as_str(),
                    if m.repairable {
                        " (repairable)"
                    } else {
                        " (unrecoverable)"
                    }
                ));
            }
            if let Some(script) = r.script {
                s.push_str(&format!(
                    ", {script} ({:.1}% Traditional)",
                    r.traditional_share * 100.0
                ));
            }
            if !r.alternatives.is_empty() {
                s.push_str(&format!(", also decodes as {}", r.alternatives.join(", ")));
            }
        }
    }
    s.push('\n');
    if let Some(lines) = &r.lines {
        for l in lines {
            s.push_str(&format!("  line {}: {}", l.line, l.encoding));
            if l.malformed > 0 {
                s.push_str(&format!(", {} malformed", l.malformed));
            }
            s.push('\n');
        }
    }
    s
}
