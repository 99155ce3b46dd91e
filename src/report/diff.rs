//! The review diff: a unified diff with character-level highlights inside changed lines.
//!
//! Line diffs of Chinese text are useless on their own: a paragraph is one line and has no
//! spaces, so a one-character conversion marks the whole paragraph. This renderer pairs
//! each changed line with what it became and highlights only the characters that changed
//! (`similar`'s character diff), marks redaction placeholders in a style of their own, and
//! names in each hunk header the rules that made its changes. Without colour the output
//! is a plain unified diff that still applies with `patch`.

use std::fmt::Write as _;
use std::ops::Range;
use std::time::Duration;

use similar::{Algorithm, ChangeTag, TextDiff};

use super::visible;
use crate::diff::{Hunk, Hunks, Part, CONTEXT};
use crate::edit::EditSet;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const CYAN: &str = "\x1b[36m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
/// Changed characters: reverse video on the line's colour.
const RED_HI: &str = "\x1b[1;31;7m";
const GREEN_HI: &str = "\x1b[1;32;7m";
/// Placeholders: magenta, underlined.
const PLACEHOLDER: &str = "\x1b[4;35m";

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub struct DiffStyle {
    pub color: bool,
}

fn strip_eol(s: &str) -> &str {
    s.strip_suffix('\n').unwrap_or(s)
}

fn in_spans(spans: &[Range<usize>], byte: usize) -> bool {
    let i = spans.partition_point(|r| r.end <= byte);
    spans.get(i).is_some_and(|r| r.start <= byte)
}

/// Writes `text` (one line, no newline) with placeholder bytes (absolute offsets from
/// `base`) marked.
fn push_marked(
    out: &mut String,
    text: &str,
    base: usize,
    spans: &[Range<usize>],
    line_color: &str,
) {
    for (i, c) in text.char_indices() {
        if in_spans(spans, base + i) {
            let _ = write!(out, "{PLACEHOLDER}{c}{RESET}{line_color}");
        } else {
            out.push(c);
        }
    }
}

/// Renders the review diff of one file. `placeholders` are byte ranges of the original,
/// sorted. Empty when nothing changes.
pub fn render(
    original: &str,
    edits: &EditSet,
    name: &str,
    placeholders: &[Range<usize>],
    style: DiffStyle,
) -> String {
    let mut out = Vec::new();
    write(&mut out, original, edits, name, placeholders, style).expect("writing to memory");
    String::from_utf8(out).expect("the diff of UTF-8 text is UTF-8")
}

/// [`render`] written to `out` as it is made: without colour the unified diff in chunks
/// (`crate::diff::write_unified`), with colour a hunk at a time, so a file whose every
/// line changed is never rendered whole.
pub fn write(
    out: &mut dyn std::io::Write,
    original: &str,
    edits: &EditSet,
    name: &str,
    placeholders: &[Range<usize>],
    style: DiffStyle,
) -> std::io::Result<()> {
    if !style.color {
        return crate::diff::write_unified(
            out,
            original,
            edits,
            &format!("a/{name}"),
            &format!("b/{name}"),
            CONTEXT,
        );
    }
    let hunks = Hunks::new(original, edits, CONTEXT);
    if hunks.is_empty() {
        return Ok(());
    }
    let mut buf = String::new();
    let _ = writeln!(buf, "{BOLD}--- a/{name}{RESET}");
    let _ = writeln!(buf, "{BOLD}+++ b/{name}{RESET}");
    for h in hunks.iter() {
        hunk(&mut buf, original, &h, placeholders);
        out.write_all(buf.as_bytes())?;
        buf.clear();
    }
    Ok(())
}

/// One hunk, coloured.
fn hunk(out: &mut String, original: &str, h: &Hunk, placeholders: &[Range<usize>]) {
    let no_eol = |out: &mut String, line: &str| {
        if !line.ends_with('\n') {
            out.push_str("\\ No newline at end of file\n");
        }
    };
    let _ = writeln!(out, "{CYAN}{}{RESET}", h.header());
    for part in &h.parts {
        match part {
            Part::Context(text) => {
                let mut base = text.as_ptr() as usize - original.as_ptr() as usize;
                for line in text.split_inclusive('\n') {
                    out.push(' ');
                    push_marked(out, strip_eol(line), base, placeholders, "");
                    out.push('\n');
                    no_eol(out, line);
                    base += line.len();
                }
            }
            Part::Change(lines) => {
                let mut plus = String::new();
                for l in lines {
                    let old = strip_eol(l.old);
                    let new_lines: Vec<&str> = l.new.split_inclusive('\n').collect();
                    if new_lines.len() == 1 && old.len() <= INLINE_MAX_BYTES {
                        let new = strip_eol(new_lines[0]);
                        inline(out, &mut plus, old, new, l.old_start, placeholders);
                    } else {
                        // Several lines, or one too long to diff by characters: whole.
                        let _ = write!(out, "{RED}-");
                        push_marked(out, old, l.old_start, placeholders, RED);
                        let _ = writeln!(out, "{RESET}");
                        for nl in &new_lines {
                            let _ = writeln!(plus, "{GREEN}+{}{RESET}", strip_eol(nl));
                            no_eol(&mut plus, nl);
                        }
                    }
                    no_eol(out, l.old);
                    if new_lines.len() == 1 && old.len() <= INLINE_MAX_BYTES {
                        no_eol(&mut plus, new_lines[0]);
                    }
                }
                out.push_str(&plus);
            }
        }
    }
}

/// Lines longer than this are shown whole, not diffed by characters: the character diff
/// holds a token per character of both sides (an 18 MB line took 400 MB), and highlights
/// across a line that long show little.
const INLINE_MAX_BYTES: usize = 1 << 16;

/// A `-` line and a `+` line with the changed characters highlighted.
fn inline(
    minus: &mut String,
    plus: &mut String,
    old: &str,
    new: &str,
    old_start: usize,
    placeholders: &[Range<usize>],
) {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(Duration::from_millis(200))
        .diff_chars(old, new);
    let _ = write!(minus, "{RED}-");
    let _ = write!(plus, "{GREEN}+");
    // Byte offset in `old` of each change, to find placeholders.
    let mut old_byte = 0usize;
    for change in diff.iter_all_changes() {
        let v = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push_marked(minus, v, old_start + old_byte, placeholders, RED);
                push_marked(plus, v, old_start + old_byte, placeholders, GREEN);
                old_byte += v.len();
            }
            ChangeTag::Delete => {
                let shown: String = v.chars().map(visible).collect();
                let _ = write!(minus, "{RED_HI}{shown}{RESET}{RED}");
                old_byte += v.len();
            }
            ChangeTag::Insert => {
                let shown: String = v.chars().map(visible).collect();
                let _ = write!(plus, "{GREEN_HI}{shown}{RESET}{GREEN}");
            }
        }
    }
    let _ = writeln!(minus, "{RESET}");
    let _ = writeln!(plus, "{RESET}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{clean_text, Config};

    #[test]
    fn highlights_only_the_changed_characters() {
        let text = "2021年以來,鬆江鎮黨委政府\n";
        let c = clean_text(text, &Config::default());
        let out = render(
            &c.source.text,
            &c.edits,
            "a.txt",
            &[],
            DiffStyle { color: true },
        );
        assert!(out.contains(&format!("{RED_HI}來{RESET}")), "{out}");
        assert!(out.contains(&format!("{GREEN_HI}来{RESET}")), "{out}");
        // The unchanged run between two changes is not highlighted.
        assert!(out.contains("年以"), "{out}");
    }

    #[test]
    fn plain_output_is_the_unified_diff() {
        let text = "鬆江鎮\n";
        let c = clean_text(text, &Config::default());
        let out = render(
            &c.source.text,
            &c.edits,
            "a.txt",
            &[],
            DiffStyle { color: false },
        );
        assert_eq!(out, crate::diff::unified(&c.source.text, &c.edits, "a.txt"));
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn placeholders_are_marked_in_context_and_changed_lines() {
        let text = "共X名党员\n鬆江鎮X名\n";
        let c = clean_text(text, &Config::default());
        let spans = vec![3..4, text.rfind('X').unwrap()..text.rfind('X').unwrap() + 1];
        let out = render(
            &c.source.text,
            &c.edits,
            "a.txt",
            &spans,
            DiffStyle { color: true },
        );
        assert_eq!(
            out.matches(&format!("{PLACEHOLDER}X{RESET}")).count(),
            3,
            "{out}"
        );
    }
}
