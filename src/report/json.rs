//! The JSON report: `{"version":1,"files":[…],"summary":{…}}`.
//!
//! Each finding carries `rule`, `kind`, `severity`, `line`, `column`, `end_line`,
//! `end_column` (1-based, columns in Unicode scalar values of the decoded original, end
//! exclusive), `byte_start`, `byte_end`, `text`, `message` and, when there is one, `fix`.
//!
//! The report is written as a stream, one file entry per line, so a run over millions of
//! files never holds them all:
//!
//! ```text
//! {"version":1,"zhclean":{"version":"0.1.0","config":"…"},"files":[
//! {"path":"a.txt",…},
//! {"path":"b.txt",…}
//! ],"summary":{…}}
//! ```

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Summary};

/// The report's schema version.
pub const VERSION: u32 = 1;

/// What produced a report: the zhclean version and the configuration's fingerprint.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    pub version: &'static str,
    pub config: String,
}

/// Writes a report one file entry at a time.
pub struct StreamWriter<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> StreamWriter<W> {
    /// Writes the report's head.
    pub fn begin(mut out: W, run: Option<&RunInfo>) -> io::Result<Self> {
        write!(out, "{{\"version\":{VERSION},")?;
        if let Some(run) = run {
            write!(out, "\"zhclean\":{},", serde_json::to_string(run)?)?;
        }
        write!(out, "\"files\":[")?;
        Ok(StreamWriter { out, first: true })
    }

    /// Writes one file's entry.
    pub fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let json = serde_json::to_string(report)?;
        self.raw(&json)
    }

    /// Writes one file's entry, already serialized.
    pub fn raw(&mut self, json: &str) -> io::Result<()> {
        self.entry_with(|out| out.write_all(json.as_bytes()))
    }

    /// Writes one file's entry as `write` makes it (a large entry is never held whole).
    pub fn entry_with(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        self.out
            .write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        write(&mut self.out)
    }

    /// Writes the summary and the report's tail.
    pub fn finish(mut self, summary: &Summary) -> io::Result<W> {
        writeln!(
            self.out,
            "\n],\"summary\":{}}}",
            serde_json::to_string(summary)?
        )?;
        Ok(self.out)
    }
}

/// Renders a whole report in memory.
pub fn render(files: &[FileReport], summary: &Summary, run: Option<&RunInfo>) -> String {
    let mut w = StreamWriter::begin(Vec::new(), run).expect("writing to memory");
    for f in files {
        w.file(f).expect("writing to memory");
    }
    String::from_utf8(w.finish(summary).expect("writing to memory")).expect("JSON is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_report_is_valid_json_with_one_file_per_line() {
        let files = vec![FileReport::new("a.txt"), FileReport::new("b.txt")];
        let mut summary = Summary::default();
        for f in &files {
            summary.add(f, 10);
        }
        let run = RunInfo {
            version: "0.1.0",
            config: "abc".into(),
        };
        let s = render(&files, &summary, Some(&run));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["files"][1]["path"], "b.txt");
        assert_eq!(v["summary"]["files"], 2);
        assert_eq!(s.lines().filter(|l| l.starts_with("{\"path\"")).count(), 2);
        let empty = render(&[], &Summary::default(), None);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&empty).unwrap()["files"],
            serde_json::json!([])
        );
    }
}
