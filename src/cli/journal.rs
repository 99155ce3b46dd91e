//! The run journal behind `clean --resume`: one JSON line per finished file, appended (and
//! flushed) only after the file's outputs were renamed into place, so an entry always
//! means complete outputs. A later `--resume` skips files whose entry matches their size,
//! modification time, the zhclean version and the configuration, and whose outputs are
//! still there and newer than the input.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

/// The journal's file name inside the output directory.
pub const NAME: &str = ".zhclean-journal.jsonl";

/// What identifies an input's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::of_metadata(&std::fs::metadata(path).ok()?)
    }

    pub fn of_metadata(m: &std::fs::Metadata) -> Option<Stamp> {
        let mtime_ns = u64::try_from(
            m.modified()
                .ok()?
                .duration_since(UNIX_EPOCH)
                .ok()?
                .as_nanos(),
        )
        .ok()?;
        Some(Stamp {
            size: m.len(),
            mtime_ns,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    input: String,
    size: u64,
    mtime_ns: u64,
    version: String,
    config: String,
    outputs: Vec<String>,
    #[serde(borrow)]
    report: &'a serde_json::value::RawValue,
}

/// An earlier run's entry for one input.
struct Previous {
    stamp: Stamp,
    version: String,
    config: String,
    outputs: Vec<PathBuf>,
    offset: u64,
}

/// An open journal.
pub struct Journal {
    path: PathBuf,
    file: std::sync::Mutex<File>,
    previous: HashMap<String, Previous>,
    version: String,
    config: String,
}

impl Journal {
    /// Opens (creating) the journal in `dir`; with `resume`, reads the earlier entries.
    pub fn open(dir: &Path, resume: bool, version: &str, config: &str) -> std::io::Result<Journal> {
        let path = dir.join(NAME);
        let mut previous = HashMap::new();
        if resume {
            if let Ok(f) = File::open(&path) {
                let mut reader = BufReader::new(f);
                let mut offset = 0u64;
                let mut line = String::new();
                loop {
                    line.clear();
                    let n = reader.read_line(&mut line)?;
                    if n == 0 {
                        break;
                    }
                    // A line cut by a kill has no newline and does not parse: skip it.
                    if let Ok(e) = serde_json::from_str::<Entry>(line.trim_end()) {
                        previous.insert(
                            e.input.clone(),
                            Previous {
                                stamp: Stamp {
                                    size: e.size,
                                    mtime_ns: e.mtime_ns,
                                },
                                version: e.version,
                                config: e.config,
                                outputs: e.outputs.into_iter().map(PathBuf::from).collect(),
                                offset,
                            },
                        );
                    }
                    offset += n as u64;
                }
            }
        }
        // A run that does not resume starts the journal afresh: appending would keep every
        // earlier run's entries (a copy of each report) forever.
        if !resume {
            File::create(&path)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?;
        // Never append to a line a killed run left unfinished.
        if file.metadata()?.len() > 0 {
            let mut last = [0u8; 1];
            let mut r = File::open(&path)?;
            r.seek(SeekFrom::End(-1))?;
            std::io::Read::read_exact(&mut r, &mut last)?;
            if last[0] != b'\n' {
                file.write_all(b"\n")?;
            }
        }
        Ok(Journal {
            path,
            file: std::sync::Mutex::new(file),
            previous,
            version: version.to_string(),
            config: config.to_string(),
        })
    }

    /// Whether an earlier run left an entry for `input` (only with `--resume`).
    pub fn has_entry(&self, input: &str) -> bool {
        self.previous.contains_key(input)
    }

    /// The earlier report entry for `input` when its outputs are complete and current.
    pub fn reusable(&self, input: &str, stamp: Stamp) -> Option<String> {
        let p = self.previous.get(input)?;
        if p.stamp != stamp
            || p.version != self.version
            || p.config != self.config
            || p.outputs.is_empty()
        {
            return None;
        }
        for out in &p.outputs {
            let m = std::fs::metadata(out)
                .ok()?
                .modified()
                .ok()?
                .duration_since(UNIX_EPOCH)
                .ok()?
                .as_nanos();
            if m < u128::from(stamp.mtime_ns) {
                return None;
            }
        }
        let mut f = File::open(&self.path).ok()?;
        f.seek(SeekFrom::Start(p.offset)).ok()?;
        let mut line = String::new();
        BufReader::new(f).read_line(&mut line).ok()?;
        let e: Entry = serde_json::from_str(line.trim_end()).ok()?;
        Some(e.report.get().to_string())
    }

    /// Records a finished file (its outputs are already in place), its report entry
    /// written by `write_report` as the line is written (a large entry is never held
    /// whole).
    pub fn record_with(
        &self,
        input: &str,
        stamp: Stamp,
        outputs: &[String],
        write_report: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let head = self.line_head(input, stamp, outputs)?;
        let mut f = self.file.lock().unwrap_or_else(|e| e.into_inner());
        // One buffer for the whole line: a small file's line is one write.
        let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut *f);
        let written = w
            .write_all(head.as_bytes())
            .and_then(|()| write_report(&mut w))
            .and_then(|()| w.write_all(b"}\n"))
            .and_then(|()| w.flush());
        drop(w);
        if written.is_err() {
            // A cut line is ended, unfinished, so that the next line starts clean.
            let _ = f.write_all(b"\n");
        }
        written
    }

    /// Begins a file's line, before its report entry, for a file whose entry is written
    /// while its outputs are: the line is ended with [`Line::end`] once they are in place
    /// (or abandoned if they are not). Until then no other line can be written.
    pub fn begin(
        &self,
        input: &str,
        stamp: Stamp,
        outputs: &[String],
    ) -> std::io::Result<Line<'_>> {
        let head = self.line_head(input, stamp, outputs)?;
        let mut line = Line {
            file: self.file.lock().unwrap_or_else(|e| e.into_inner()),
            ended: false,
        };
        line.write_with(|w| w.write_all(head.as_bytes()))?;
        Ok(line)
    }

    /// A line up to its report entry: the entry without its report, then the report
    /// spliced in as the last field (the same line as serializing `Entry` with a
    /// `RawValue`, without parsing the report, which is as large as the findings, again
    /// to validate it).
    fn line_head(&self, input: &str, stamp: Stamp, outputs: &[String]) -> std::io::Result<String> {
        #[derive(Serialize)]
        struct Head<'a> {
            input: &'a str,
            size: u64,
            mtime_ns: u64,
            version: &'a str,
            config: &'a str,
            outputs: &'a [String],
        }
        let head = Head {
            input,
            size: stamp.size,
            mtime_ns: stamp.mtime_ns,
            version: &self.version,
            config: &self.config,
            outputs,
        };
        let mut head = serde_json::to_string(&head)?;
        debug_assert!(head.ends_with('}'));
        head.pop();
        head.push_str(",\"report\":");
        Ok(head)
    }
}

/// A journal line being written (see [`Journal::begin`]). A line dropped without
/// [`Line::end`] (a write failed) is ended unfinished, so that the next line starts clean.
pub struct Line<'a> {
    file: std::sync::MutexGuard<'a, File>,
    ended: bool,
}

impl Drop for Line<'_> {
    fn drop(&mut self) {
        if !self.ended {
            // Best effort: the write that failed before will likely fail again.
            let _ = self.file.write_all(b"\n");
        }
    }
}

impl Line<'_> {
    /// Writes more of the line's report entry, through a buffer.
    pub fn write_with(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut *self.file);
        write(&mut w)?;
        w.flush()
    }

    /// Ends the line: `complete` closes it (its file is done and its outputs in place);
    /// otherwise it is left unparsable, which `--resume` skips, and only the newline is
    /// written so that the next line starts clean.
    pub fn end(mut self, complete: bool) -> std::io::Result<()> {
        self.ended = true;
        self.file.write_all(if complete { b"}\n" } else { b"\n" })
    }
}
