//! The run journal behind `clean --resume`: one JSON line per finished file, written only
//! after the file's outputs were renamed into place and its report entry was written, so
//! a line always means complete outputs.
//!
//! A line does not copy the file's report entry, which is as large as its findings (as
//! large as the file, for a Traditional or heavily masked one): it points at the entry in
//! the run's report by offset, length and CRC-32. While the run goes on the report is a
//! temporary file beside its target; once the run puts it in place, a last line says so.
//! A later `--resume` skips a file whose line matches its size, modification time, the
//! zhclean version and the configuration, whose outputs are still there and newer than
//! the input, and whose entry reads back whole (the CRC matches); it copies the entry into
//! its own report and points its own line there. Anything that does not check out (an
//! entry that never reached the disk, a report edited or removed since) means the file is
//! cleaned again: the journal can make a run skip work, never make it wrong.
//!
//! The lines:
//! - `{"report":TEMP}`: the report file the entries after it point into;
//! - `{"input":…,"size":…,"mtime_ns":…,"version":…,"config":…,"outputs":[…],"entry":{"offset":…,"len":…,"crc32":…}}`;
//! - `{"committed":TEMP,"to":PATH}`: the run renamed its report from TEMP to PATH.
//!
//! Lines are kept in memory until the caller writes out the report and then the journal
//! ([`Journal::flush`]), which `clean` does about every 200 ms (also while it waits for a
//! slow file): a killed run loses the record of the files it finished since.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
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

/// Where a file's entry is in a report: its bytes `offset..offset + len`, and their CRC-32.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryAt {
    pub offset: u64,
    pub len: u64,
    pub crc32: u32,
}

/// A finished file's line.
#[derive(Serialize, Deserialize)]
struct Done<S> {
    input: S,
    size: u64,
    mtime_ns: u64,
    version: S,
    config: S,
    outputs: Vec<S>,
    entry: EntryAt,
}

/// Any line of the journal.
#[derive(Deserialize)]
#[serde(untagged)]
enum Line {
    Done(Done<String>),
    Report { report: PathBuf },
    Committed { committed: PathBuf, to: PathBuf },
}

/// An earlier run's line for one input.
struct Previous {
    stamp: Stamp,
    version: String,
    config: String,
    outputs: Vec<String>,
    /// Into `Journal::sources`.
    source: usize,
    entry: EntryAt,
}

/// An earlier file's report entry, found whole, and its outputs.
pub struct Reused {
    pub json: String,
    pub outputs: Vec<String>,
}

struct Out {
    file: File,
    /// Lines not yet written: they go out only in [`Journal::flush`], after the report
    /// entries they point at (a buffer that wrote itself out when full could get ahead
    /// of the report's).
    lines: Vec<u8>,
    /// A write failed (and was told): nothing more is written.
    failed: bool,
}

/// Removes the temporary reports of killed runs that the journal in `dir` names, before
/// the journal itself is removed (`--no-journal`): nothing will point into them.
pub fn remove_stale_reports(dir: &Path) {
    if let Some(f) = open_regular(&dir.join(NAME)) {
        if let Ok(earlier) = Earlier::read(BufReader::new(f)) {
            for s in &earlier.stale {
                let _ = std::fs::remove_file(s);
            }
        }
    }
}

/// `path` opened for reading if it is a regular file (a journal linked to a device, such
/// as `/dev/full`, would read forever).
fn open_regular(path: &Path) -> Option<File> {
    let f = File::open(path).ok()?;
    f.metadata().ok()?.is_file().then_some(f)
}

/// Lines longer than this are not this format's (see [`Earlier::read`]).
const MAX_LINE_BYTES: usize = 1 << 16;

/// What an earlier journal says.
#[derive(Default)]
struct Earlier {
    previous: HashMap<String, Previous>,
    sources: Vec<PathBuf>,
    stale: Vec<PathBuf>,
}

impl Earlier {
    /// Reads an earlier journal's lines; one cut by a kill (no newline, so it does not
    /// parse) or of an older format is skipped.
    fn read(mut reader: impl BufRead) -> std::io::Result<Earlier> {
        let mut e = Earlier::default();
        let mut current = None;
        let mut committed = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                break;
            }
            // This format's lines are short; an older one's copied whole report entries
            // (a line as large as a file's findings), which are not parsed.
            if line.len() > MAX_LINE_BYTES {
                continue;
            }
            match serde_json::from_str::<Line>(line.trim_end()) {
                Ok(Line::Report { report }) => {
                    current = Some(e.sources.len());
                    e.sources.push(report);
                    committed.push(false);
                }
                Ok(Line::Committed {
                    committed: from,
                    to,
                }) => {
                    if let Some(i) = e.sources.iter().rposition(|s| *s == from) {
                        e.sources[i] = to;
                        committed[i] = true;
                    }
                }
                Ok(Line::Done(d)) => {
                    let Some(source) = current else { continue };
                    e.previous.insert(
                        d.input,
                        Previous {
                            stamp: Stamp {
                                size: d.size,
                                mtime_ns: d.mtime_ns,
                            },
                            version: d.version,
                            config: d.config,
                            outputs: d.outputs,
                            source,
                            entry: d.entry,
                        },
                    );
                }
                Err(_) => {}
            }
        }
        // Only zhclean's own temporaries are ever removed, whatever a journal says.
        e.stale = e
            .sources
            .iter()
            .zip(&committed)
            .filter(|(s, done)| {
                !**done
                    && s.file_name()
                        .is_some_and(|n| n.to_string_lossy().ends_with(zhclean::write::TEMP_SUFFIX))
            })
            .map(|(s, _)| s.clone())
            .collect();
        Ok(e)
    }
}

/// An open journal.
pub struct Journal {
    out: Mutex<Out>,
    previous: HashMap<String, Previous>,
    /// The report files earlier lines point into, as they are now: a temporary an earlier
    /// run never put in place, or the place it was renamed to.
    sources: Vec<PathBuf>,
    /// Earlier runs' temporary reports, never put in place: removed once this run's is.
    stale: Vec<PathBuf>,
    version: String,
    config: String,
    /// The journal's path, and where this run's lines start in it (after an earlier
    /// run's, when resuming).
    path: PathBuf,
    run_start: u64,
}

impl Journal {
    /// Opens (creating) the journal in `dir`; with `resume`, reads the earlier lines.
    pub fn open(dir: &Path, resume: bool, version: &str, config: &str) -> std::io::Result<Journal> {
        let path = dir.join(NAME);
        let mut earlier = Earlier::default();
        if let Some(f) = open_regular(&path) {
            earlier = Earlier::read(BufReader::new(f))?;
            if !resume {
                // Nothing is taken over, but a killed run's report is still removed once
                // this run's is in place.
                earlier.previous.clear();
            }
        }
        // A run that does not resume starts the journal afresh.
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(resume)
            .write(true)
            .truncate(!resume)
            .open(&path)?;
        // Never append to a line a killed run left unfinished.
        if resume && file.metadata()?.len() > 0 {
            let mut last = [0u8; 1];
            let mut r = File::open(&path)?;
            r.seek(SeekFrom::End(-1))?;
            r.read_exact(&mut last)?;
            if last[0] != b'\n' {
                file.write_all(b"\n")?;
            }
        }
        let run_start = file.metadata()?.len();
        Ok(Journal {
            out: Mutex::new(Out {
                file,
                lines: Vec::new(),
                failed: false,
            }),
            previous: earlier.previous,
            sources: earlier.sources,
            stale: earlier.stale,
            version: version.to_string(),
            config: config.to_string(),
            path,
            run_start,
        })
    }

    /// Whether an earlier run left a line for `input` (only with `--resume`).
    pub fn has_entry(&self, input: &str) -> bool {
        self.previous.contains_key(input)
    }

    /// The earlier report entry for `input` when its outputs are complete and current and
    /// the entry reads back whole.
    pub fn reusable(&self, input: &str, stamp: Stamp) -> Option<Reused> {
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
        let mut f = File::open(&self.sources[p.source]).ok()?;
        // A length the file cannot hold (an edited or damaged line) is not allocated.
        let size = f.metadata().ok()?.len();
        if p.entry.offset.checked_add(p.entry.len)? > size {
            return None;
        }
        f.seek(SeekFrom::Start(p.entry.offset)).ok()?;
        let mut json = vec![0; usize::try_from(p.entry.len).ok()?];
        f.read_exact(&mut json).ok()?;
        if crc32fast::hash(&json) != p.entry.crc32 {
            return None;
        }
        Some(Reused {
            json: String::from_utf8(json).ok()?,
            outputs: p.outputs.clone(),
        })
    }

    /// Starts this run's lines: the entries after this point into `report` (a temporary
    /// file, renamed into place at the end: [`Journal::committed`]).
    pub fn begin_run(&self, report: &Path) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct Head<'a> {
            report: &'a str,
        }
        // Lossy, as a report names its files: a folder whose name is not UTF-8 makes a
        // path that reads back wrong, whose entries are then not found (the files are
        // cleaned again), rather than a run that cannot start.
        self.line(&Head {
            report: &report.to_string_lossy(),
        })
    }

    /// Records a finished file: its outputs are in place and its report entry is written
    /// at `entry`.
    pub fn record(
        &self,
        input: &str,
        stamp: Stamp,
        outputs: &[String],
        entry: EntryAt,
    ) -> std::io::Result<()> {
        self.line(&Done {
            input,
            size: stamp.size,
            mtime_ns: stamp.mtime_ns,
            version: &self.version,
            config: &self.config,
            outputs: outputs.iter().map(String::as_str).collect(),
            entry,
        })
    }

    /// Records that this run's report `temp` was renamed to `to`, and removes earlier
    /// runs' temporary reports, which no line points into any more.
    pub fn committed(&self, temp: &Path, to: &Path) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct Committed<'a> {
            committed: &'a str,
            to: &'a str,
        }
        self.line(&Committed {
            committed: &temp.to_string_lossy(),
            to: &to.to_string_lossy(),
        })?;
        self.flush()?;
        for s in &self.stale {
            let _ = std::fs::remove_file(s);
        }
        self.compact()
    }

    /// Keeps only this run's lines: with this run's report in place, an earlier run's
    /// lines point at temporaries now removed or at the report this one replaced (or, if
    /// it was written elsewhere, at entries this run did not take over; those files are
    /// cleaned again). Without this, every `--resume` added a line per file.
    fn compact(&self) -> std::io::Result<()> {
        if self.run_start == 0 {
            return Ok(());
        }
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        if out.failed {
            return Ok(());
        }
        let mut ours = Vec::new();
        let mut f = File::open(&self.path)?;
        f.seek(SeekFrom::Start(self.run_start))?;
        f.read_to_end(&mut ours)?;
        zhclean::write::atomic_write(&self.path, &ours)?;
        // Later lines (none are expected) go to the new file.
        out.file = std::fs::OpenOptions::new().append(true).open(&self.path)?;
        Ok(())
    }

    /// Writes out the buffered lines. Call it after writing out the report: the lines
    /// point at its entries.
    pub fn flush(&self) -> std::io::Result<()> {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        if out.failed {
            return Ok(());
        }
        let out = &mut *out;
        let flushed = out.file.write_all(&out.lines);
        out.lines.clear();
        out.failed = flushed.is_err();
        flushed
    }

    /// Buffers one line. After a failed write, nothing more is written (the error was
    /// told once).
    fn line(&self, line: &impl Serialize) -> std::io::Result<()> {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        if out.failed {
            return Ok(());
        }
        let at = out.lines.len();
        let written = serde_json::to_writer(&mut out.lines, line).map_err(std::io::Error::from);
        match &written {
            Ok(()) => out.lines.push(b'\n'),
            Err(_) => out.lines.truncate(at),
        }
        written
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        // A cut line (a write failed halfway) does not parse and is skipped on resume.
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Stamp {
        Stamp {
            size: 3,
            mtime_ns: 1,
        }
    }

    /// A journal in `dir` whose one line points at `entry` in `report`, for an input
    /// whose output is `out`.
    fn one_line(dir: &Path, report: &Path, entry: &str, committed: bool) {
        let out = dir.join("out.txt");
        std::fs::write(&out, "x").unwrap();
        let j = Journal::open(dir, false, "1", "c").unwrap();
        let prefix = b"{\"files\":[\n";
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(entry.as_bytes());
        std::fs::write(report, &bytes).unwrap();
        j.begin_run(report).unwrap();
        let at = EntryAt {
            offset: prefix.len() as u64,
            len: entry.len() as u64,
            crc32: crc32fast::hash(entry.as_bytes()),
        };
        j.record("in.txt", stamp(), &[out.to_string_lossy().into_owned()], at)
            .unwrap();
        if committed {
            let to = dir.join("report.json");
            std::fs::rename(report, &to).unwrap();
            j.committed(report, &to).unwrap();
        }
    }

    /// Begins a run of `j` in `dir` and puts its report in place, as `clean` does at the
    /// end of a run; returns the report's path.
    fn run_and_commit(dir: &Path, j: &Journal) -> PathBuf {
        let mine = dir.join(format!(".s{}", zhclean::write::TEMP_SUFFIX));
        std::fs::write(&mine, "{}").unwrap();
        j.begin_run(&mine).unwrap();
        let to = dir.join("report.json");
        std::fs::rename(&mine, &to).unwrap();
        j.committed(&mine, &to).unwrap();
        to
    }

    #[test]
    fn an_entry_is_read_back_from_the_temporary_or_the_committed_report() {
        for committed in [false, true] {
            let d = tempfile::tempdir().unwrap();
            let report = d.path().join(format!(".r{}", zhclean::write::TEMP_SUFFIX));
            one_line(d.path(), &report, "{\"path\":\"in.txt\"}", committed);
            let j = Journal::open(d.path(), true, "1", "c").unwrap();
            let got = j.reusable("in.txt", stamp()).expect("reusable");
            assert_eq!(got.json, "{\"path\":\"in.txt\"}");
            assert!(j.reusable("other.txt", stamp()).is_none());
            assert!(j.reusable("in.txt", Stamp { size: 4, ..stamp() }).is_none());
            // Another version or configuration reuses nothing.
            let j = Journal::open(d.path(), true, "2", "c").unwrap();
            assert!(j.reusable("in.txt", stamp()).is_none());
        }
    }

    #[test]
    fn an_entry_that_changed_or_never_reached_the_report_is_not_reused() {
        let d = tempfile::tempdir().unwrap();
        let report = d.path().join(format!(".r{}", zhclean::write::TEMP_SUFFIX));
        one_line(d.path(), &report, "{\"path\":\"in.txt\"}", false);
        // The same length, one byte changed.
        let bytes = std::fs::read(&report).unwrap();
        let changed = String::from_utf8(bytes)
            .unwrap()
            .replace("in.txt", "in.txx");
        std::fs::write(&report, &changed).unwrap();
        let j = Journal::open(d.path(), true, "1", "c").unwrap();
        assert!(j.reusable("in.txt", stamp()).is_none());
        // Cut short, as by a kill before the report's buffer was written.
        std::fs::write(&report, &changed[..changed.len() - 3]).unwrap();
        assert!(j.reusable("in.txt", stamp()).is_none());
        // Gone.
        std::fs::remove_file(&report).unwrap();
        assert!(j.reusable("in.txt", stamp()).is_none());
    }

    #[test]
    fn a_run_without_resume_removes_a_killed_runs_report_too() {
        let d = tempfile::tempdir().unwrap();
        let temp = d.path().join(format!(".r{}", zhclean::write::TEMP_SUFFIX));
        one_line(d.path(), &temp, "{}", false);
        let j = Journal::open(d.path(), false, "1", "c").unwrap();
        assert!(!j.has_entry("in.txt"), "nothing is taken over");
        run_and_commit(d.path(), &j);
        assert!(!temp.exists());
    }

    #[test]
    fn committing_removes_earlier_temporaries_and_nothing_else() {
        let d = tempfile::tempdir().unwrap();
        let temp = d.path().join(format!(".r{}", zhclean::write::TEMP_SUFFIX));
        one_line(d.path(), &temp, "{}", false);
        // A line naming a file that is not a zhclean temporary (an edited journal).
        let other = d.path().join("keep.json");
        std::fs::write(&other, "{}").unwrap();
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(d.path().join(NAME))
            .unwrap();
        writeln!(
            f,
            "{{\"report\":{}}}",
            serde_json::to_string(&other).unwrap()
        )
        .unwrap();
        drop(f);
        let j = Journal::open(d.path(), true, "1", "c").unwrap();
        let to = run_and_commit(d.path(), &j);
        assert!(!temp.exists(), "the stale temporary is removed");
        assert!(other.exists(), "a file zhclean did not make is kept");
        assert!(to.exists());
    }
}
