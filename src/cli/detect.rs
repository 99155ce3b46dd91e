//! `zhclean detect`: what each file's bytes are.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use zhclean::decode::{self, DetectRecord};
use zhclean::walk;

use super::{Exit, InputArgs, JobsArgs};

const AFTER_HELP: &str = "\
Each record: path, encoding (WHATWG label: UTF-8, UTF-16LE, UTF-16BE, GBK, gb18030, Big5;
null for binary), confidence (certain for a BOM, then high, medium, low), reason,
alternatives (other encodings that also decode the bytes cleanly), bom, binary, lossy,
malformed and first_malformed_offset, truncated, mixed, line_endings, script
(simplified, traditional or mixed) and traditional_share.

Examples:
  zhclean detect raw/*.txt
  zhclean detect --format json raw > encodings.json";

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
    #[command(flatten)]
    pub jobs: JobsArgs,
}

pub fn run(args: DetectArgs) -> Exit {
    match run_inner(&args) {
        Ok(code) => code,
        Err(msg) => {
            super::error(msg);
            Exit::Error
        }
    }
}

fn run_inner(args: &DetectArgs) -> Result<Exit, String> {
    let mut records: Vec<DetectRecord> = Vec::new();
    let mut exit = Exit::Ok;
    if super::wants_stdin(&args.input) {
        let bytes = super::read_stdin()
            .map_err(|e| format!("cannot read standard input: {}", walk::io_message(&e)))?;
        records.push(decode::record("<stdin>", &bytes));
    }
    let (inputs, walk_exit) = super::collect_inputs(&args.input, None)?;
    exit = exit.max(walk_exit);
    let pool = args.jobs.pool();
    let results: Vec<Result<DetectRecord, String>> = pool.install(|| {
        inputs
            .par_iter()
            .map(|i| {
                let shown = super::display_path(&i.path);
                read_sample(&i.path)
                    .map(|bytes| decode::record(&shown, &bytes))
                    .map_err(|e| format!("{shown}: cannot read: {}", walk::io_message(&e)))
            })
            .collect()
    });
    for r in results {
        match r {
            Ok(rec) => records.push(rec),
            Err(msg) => {
                super::error(msg);
                exit = Exit::Error;
            }
        }
    }
    let text = match args.format {
        DetectFormat::Json => {
            let mut s = serde_json::to_string_pretty(&serde_json::json!({ "files": records }))
                .expect("serializes");
            s.push('\n');
            s
        }
        DetectFormat::Human => records.iter().map(human).collect(),
    };
    super::write_stdout(text.as_bytes())?;
    Ok(exit)
}

fn read_sample(path: &PathBuf) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

fn human(r: &DetectRecord) -> String {
    let mut s = format!("{}: ", r.path);
    match r.encoding {
        None => s.push_str(&format!("binary ({})", r.reason)),
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
    s
}
