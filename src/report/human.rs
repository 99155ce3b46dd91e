//! The human format: `path:line:col: rule[kind] message`, then the line with the span
//! underlined (a window of it, for long lines), colour on a terminal, and a summary.

use std::fmt::Write as _;

use super::{FileReport, Finding, Severity, Summary};

/// Terminal display width of a character (East Asian wide characters take two cells).
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    if matches!(u, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
    {
        2
    } else if c.is_control() {
        0
    } else {
        1
    }
}

/// ANSI styles, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    pub fn severity(&self, sev: Severity, s: &str) -> String {
        self.paint(
            match sev {
                Severity::Error => "1;31",
                Severity::Warning => "1;33",
                Severity::Info => "1;36",
            },
            s,
        )
    }
    pub fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

/// Characters of context shown before and after a span on long lines.
const WINDOW_BEFORE: usize = 24;
const WINDOW_AFTER: usize = 40;

/// `chars`: the finding's line, as characters.
fn snippet(out: &mut String, chars: &[char], f: &Finding, style: Style) {
    let start = f.span.column.saturating_sub(1).min(chars.len());
    let end = if f.span.end_line == f.span.line {
        (f.span.end_column - 1).clamp(start, chars.len())
    } else {
        chars.len()
    };
    let from = start.saturating_sub(WINDOW_BEFORE);
    let to = (end + WINDOW_AFTER).min(chars.len());
    let show = |cs: &[char]| -> String {
        cs.iter()
            .map(|&c| if c == '\t' { ' ' } else { c })
            .collect()
    };
    let prefix = if from > 0 { "…" } else { "" };
    let suffix = if to < chars.len() { "…" } else { "" };
    let _ = writeln!(out, "  {}{}{}", prefix, show(&chars[from..to]), suffix);
    let pad: usize = prefix.len().min(1)
        + chars[from..start]
            .iter()
            .map(|&c| char_width(c))
            .sum::<usize>();
    let width: usize = chars[start..end]
        .iter()
        .map(|&c| char_width(c))
        .sum::<usize>()
        .max(1);
    let _ = writeln!(
        out,
        "  {}{}",
        " ".repeat(pad),
        style.severity(f.severity, &"^".repeat(width))
    );
}

/// Renders findings and problems of every file.
pub fn render(files: &[FileReport], style: Style, show_source: bool) -> String {
    let mut out = String::new();
    for file in files {
        render_file(&mut out, file, style, show_source);
    }
    out
}

/// Appends one file's problems and findings to `out`.
pub fn render_file(out: &mut String, file: &FileReport, style: Style, show_source: bool) {
    // The characters of the last line shown: findings come in order, and a long line
    // with many findings is split into characters once, not once per finding.
    let mut cached: Option<(usize, Vec<char>)> = None;
    for p in &file.problems {
        let _ = writeln!(
            out,
            "{}: {} {}",
            style.bold(&file.path),
            style.severity(Severity::Error, "error:"),
            p
        );
    }
    for f in &file.findings {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            style.bold(&file.path),
            f.span.line,
            f.span.column,
            style.severity(f.severity, f.severity.as_str()),
            style.bold(&format!("{}[{}]", f.rule, f.kind)),
            f.message
        );
        if show_source {
            if let Some(line) = file.line_text(f.span.line) {
                if cached.as_ref().is_none_or(|(n, _)| *n != f.span.line) {
                    cached = Some((f.span.line, line.chars().collect()));
                }
                let (_, chars) = cached.as_ref().expect("just filled");
                snippet(out, chars, f, style);
            }
        }
    }
}

/// The closing summary line.
pub fn summary(summary: &Summary, style: Style) -> String {
    style.dim(&summary.one_line())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::LineIndex;
    use crate::report::{Finding, Rule};

    #[test]
    fn underline_accounts_for_wide_characters() {
        let text = "共走访慰问X名困难党员\n";
        let idx = LineIndex::new(text);
        let at = text.find('X').unwrap();
        let mut r = FileReport::new("a.txt");
        r.findings.push(Finding::new(
            Rule::Placeholder,
            "number",
            text,
            &idx,
            at,
            at + 1,
            "masked number",
        ));
        r.capture_lines(text, &idx);
        let s = render(&[r], Style { color: false }, true);
        assert_eq!(
            s,
            "a.txt:1:6: warning placeholder[number] masked number\n  共走访慰问X名困难党员\n            ^\n"
        );
    }
}
