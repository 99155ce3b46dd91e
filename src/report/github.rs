//! GitHub Actions workflow commands: one `::warning file=…,line=…,col=…,endColumn=…,title=…::message`
//! line per finding, so findings show up as annotations on the pull request.

use std::fmt::Write as _;

use super::{FileReport, Severity};

/// Escapes a property value (`%`, CR, LF, `:` and `,`), as the runner expects.
fn escape_property(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// Escapes a message (`%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for file in files {
        render_file(&mut out, file);
    }
    out
}

/// Appends one file's workflow commands to `out`.
pub fn render_file(out: &mut String, file: &FileReport) {
    for problem in &file.problems {
        let _ = writeln!(
            out,
            "::error file={},title={}::{}",
            escape_property(&file.path),
            escape_property("zhclean"),
            escape_data(problem)
        );
    }
    for f in &file.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = format!("zhclean {}/{}", f.rule, f.kind);
        let _ = write!(
            out,
            "::{level} file={},line={},col={}",
            escape_property(&file.path),
            f.span.line,
            f.span.column
        );
        if f.span.end_line == f.span.line {
            let _ = write!(out, ",endColumn={}", f.span.end_column);
        } else {
            let _ = write!(out, ",endLine={}", f.span.end_line);
        }
        let _ = writeln!(
            out,
            ",title={}::{}",
            escape_property(&title),
            escape_data(&f.message)
        );
    }
}
