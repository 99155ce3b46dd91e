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

use super::{Applicability, FileReport, Finding, Summary};

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
        self.entry_with(|out| {
            let mut buf = io::BufWriter::with_capacity(1 << 16, out);
            write_entry(&mut buf, report)?;
            buf.flush()
        })
    }

    /// Writes one file's entry with its findings in parts: `head`'s own findings are not
    /// read; `next` gives each part's until `None`.
    pub fn file_in_parts(
        &mut self,
        head: &FileReport,
        next: &mut dyn FnMut() -> Option<FileReport>,
    ) -> io::Result<()> {
        self.entry_with(|out| {
            let mut buf = io::BufWriter::with_capacity(1 << 16, out);
            write_entry_open(&mut buf, head)?;
            let mut first = true;
            while let Some(part) = next() {
                write_findings(&mut buf, &part.findings, first)?;
                first &= part.findings.is_empty();
            }
            buf.write_all(b"]")?;
            write_entry_tail(&mut buf, head)?;
            buf.flush()
        })
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
        write(self.next_entry()?)
    }

    /// Writes what goes before the next entry and returns the output, for a caller that
    /// writes the entry itself (and tells where it starts).
    pub fn next_entry(&mut self) -> io::Result<&mut W> {
        self.out
            .write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        Ok(&mut self.out)
    }

    /// The output.
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// The output, to write more of the entry [`StreamWriter::next_entry`] began.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
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

/// Writes one file's entry exactly as `serde_json::to_writer` would, with the findings
/// (a Traditional or heavily masked file has hundreds of thousands) written directly
/// instead of through serde: about four times fewer instructions per finding.
pub fn write_entry<W: Write>(out: &mut W, report: &FileReport) -> io::Result<()> {
    write_entry_head(out, report)?;
    write_entry_tail(out, report)
}

/// The first part of [`write_entry`]: from the opening brace through the findings. With
/// [`write_entry_tail`] after it, the whole entry: a large file's findings can be written
/// before its outputs are, and the fields that tell how writing them went after.
pub fn write_entry_head<W: Write>(out: &mut W, report: &FileReport) -> io::Result<()> {
    write_entry_open(out, report)?;
    write_findings(out, &report.findings, true)?;
    out.write_all(b"]")
}

/// The start of [`write_entry_head`]: from the opening brace to the `[` of the findings
/// (the findings of `report` are not read).
pub fn write_entry_open<W: Write>(out: &mut W, report: &FileReport) -> io::Result<()> {
    out.write_all(b"{\"path\":")?;
    string(out, &report.path)?;
    if let Some(e) = &report.encoding {
        out.write_all(b",\"encoding\":")?;
        string(out, e)?;
    }
    if let Some(c) = &report.confidence {
        out.write_all(b",\"confidence\":")?;
        string(out, c)?;
    }
    out.write_all(b",\"findings\":[")
}

/// Findings inside the list [`write_entry_open`] opened; `first`: none was written yet.
pub fn write_findings<W: Write>(out: &mut W, findings: &[Finding], first: bool) -> io::Result<()> {
    for (i, f) in findings.iter().enumerate() {
        if i > 0 || !first {
            out.write_all(b",")?;
        }
        finding(out, f)?;
    }
    Ok(())
}

/// The rest of [`write_entry`] after [`write_entry_head`]: every field after the findings
/// (the findings of `report` are not read) and the closing brace.
pub fn write_entry_tail<W: Write>(out: &mut W, report: &FileReport) -> io::Result<()> {
    // The rarely present fields go through serde.
    fn field<W: Write, T: Serialize + ?Sized>(
        out: &mut W,
        name: &str,
        value: &T,
    ) -> io::Result<()> {
        write!(out, ",\"{name}\":")?;
        Ok(serde_json::to_writer(out, value)?)
    }
    if !report.problems.is_empty() {
        field(out, "problems", &report.problems)?;
    }
    if !report.notes.is_empty() {
        field(out, "notes", &report.notes)?;
    }
    if let Some(c) = &report.changes {
        field(out, "changes", c)?;
    }
    if let Some(o) = &report.output {
        field(out, "output", o)?;
    }
    if let Some(d) = &report.diff {
        field(out, "diff", d)?;
    }
    out.write_all(b"}")
}

fn finding<W: Write>(out: &mut W, f: &Finding) -> io::Result<()> {
    out.write_all(b"{\"rule\":\"")?;
    out.write_all(f.rule.as_str().as_bytes())?;
    out.write_all(b"\",\"kind\":")?;
    string(out, &f.kind)?;
    out.write_all(b",\"severity\":\"")?;
    out.write_all(f.severity.as_str().as_bytes())?;
    out.write_all(b"\"")?;
    let s = &f.span;
    let mut n = itoa::Buffer::new();
    for (key, value) in [
        (&b",\"line\":"[..], s.line),
        (b",\"column\":", s.column),
        (b",\"end_line\":", s.end_line),
        (b",\"end_column\":", s.end_column),
        (b",\"byte_start\":", s.byte_start),
        (b",\"byte_end\":", s.byte_end),
    ] {
        out.write_all(key)?;
        out.write_all(n.format(value).as_bytes())?;
    }
    out.write_all(b",\"text\":")?;
    string(out, &f.text)?;
    out.write_all(b",\"message\":")?;
    string(out, &f.message)?;
    if let Some(fix) = &f.fix {
        out.write_all(b",\"fix\":{\"replacement\":")?;
        string(out, &fix.replacement)?;
        out.write_all(match fix.applicability {
            Applicability::Safe => b",\"applicability\":\"safe\"}",
            Applicability::Unsafe => b",\"applicability\":\"unsafe\"}",
            Applicability::Display => b",\"applicability\":\"display\"}",
        })?;
    }
    out.write_all(b"}")
}

/// A JSON string: copied as it is unless it holds a character JSON escapes (a quote, a
/// backslash, a control character), which serde_json then writes.
fn string<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    if needs_escape(s.as_bytes()) {
        return Ok(serde_json::to_writer(out, s)?);
    }
    out.write_all(b"\"")?;
    out.write_all(s.as_bytes())?;
    out.write_all(b"\"")
}

/// Whether `s` holds a byte JSON escapes. Tested 16 bytes at a time without an early exit,
/// which the compiler vectorizes: a report writes three strings per finding.
fn needs_escape(s: &[u8]) -> bool {
    let escaped = |b: u8| (b < 0x20) | (b == b'"') | (b == b'\\');
    let chunks = s.chunks_exact(16);
    let rest = chunks.remainder();
    chunks
        .into_iter()
        .any(|c| c.iter().fold(false, |acc, &b| acc | escaped(b)))
        || rest.iter().any(|&b| escaped(b))
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
    fn escapes_are_found_in_every_position() {
        for len in [0, 1, 15, 16, 17, 40] {
            let plain = "字".repeat(len / 3) + &"a".repeat(len % 3);
            assert!(!needs_escape(plain.as_bytes()), "{plain:?}");
            for at in 0..=plain.len() {
                if !plain.is_char_boundary(at) {
                    continue;
                }
                for c in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
                    let mut s = plain.clone();
                    s.insert(at, c);
                    assert!(needs_escape(s.as_bytes()), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn entries_written_by_hand_are_serde_json_byte_for_byte() {
        use crate::edit::LineIndex;
        use crate::report::{Changes, Rule, Severity};
        let text = "一\"X\\二\n\t三\u{1}四/\u{7f}五\u{2028}六\n";
        let idx = LineIndex::new(text);
        let mut r = FileReport::new("dir/\"quoted\" \\ 名.txt");
        r.encoding = Some("GBK".into());
        let mut cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(2).collect();
        cuts.push(text.len());
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let f = Finding::new(Rule::Placeholder, "name", text, &idx, a, b, "msg \"q\" \n")
                .with_severity(Severity::Error);
            r.findings.push(f.clone());
            r.findings
                .push(f.with_fix("\u{0}替换", Applicability::Display));
        }
        r.findings.push(
            Finding::new(Rule::Boilerplate, "line", text, &idx, 0, 0, "")
                .with_fix("", Applicability::Safe),
        );
        let bare = FileReport::new("a.txt");
        let mut full = r.clone();
        full.problems = vec!["cannot \"read\"".into()];
        full.notes = vec!["note".into()];
        full.changes = Some(Changes::default());
        full.output = Some("out/a.txt".into());
        full.diff = Some("out/a.txt.diff".into());
        for report in [&r, &bare, &full] {
            let mut ours = Vec::new();
            write_entry(&mut ours, report).unwrap();
            let theirs = serde_json::to_vec(report).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs).unwrap()
            );
        }
    }

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
