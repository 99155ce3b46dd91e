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
use crate::diff::{Hunks, LazyHunk, LazyPart, LineChange, CONTEXT};
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
    let mut buf = Buffered {
        out,
        buf: String::new(),
    };
    let _ = writeln!(buf.buf, "{BOLD}--- a/{name}{RESET}");
    let _ = writeln!(buf.buf, "{BOLD}+++ b/{name}{RESET}");
    for h in hunks.iter_lazy() {
        hunk(&mut buf, original, &h, placeholders)?;
    }
    buf.flush()
}

/// Rendered text, written out in pieces of about [`Buffered::PIECE`]: one hunk can be a
/// whole file whose every line changed.
struct Buffered<'o> {
    out: &'o mut dyn std::io::Write,
    buf: String,
}

impl Buffered<'_> {
    const PIECE: usize = 1 << 16;

    /// Writes out what is rendered once there is a piece of it.
    fn spill(&mut self) -> std::io::Result<()> {
        if self.buf.len() >= Self::PIECE {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }
}

/// One hunk, coloured. A run of changed lines is drawn in two passes, the `-` lines and
/// then the `+` lines, each line (and its character diff) made in both: holding the `+`
/// side until the `-` side was written, and the hunk's lines built, took five times the
/// file for a file whose every line changed.
fn hunk(
    w: &mut Buffered,
    original: &str,
    h: &LazyHunk,
    placeholders: &[Range<usize>],
) -> std::io::Result<()> {
    let no_eol = |out: &mut String, line: &str| {
        if !line.ends_with('\n') {
            out.push_str("\\ No newline at end of file\n");
        }
    };
    let _ = writeln!(w.buf, "{CYAN}{}{RESET}", h.header());
    for part in h.parts() {
        match part {
            LazyPart::Context(text) => {
                let mut base = text.as_ptr() as usize - original.as_ptr() as usize;
                for line in text.split_inclusive('\n') {
                    w.buf.push(' ');
                    push_marked(&mut w.buf, strip_eol(line), base, placeholders, "");
                    w.buf.push('\n');
                    no_eol(&mut w.buf, line);
                    base += line.len();
                    w.spill()?;
                }
            }
            LazyPart::Change(lines) => {
                for i in lines.clone() {
                    // What a line too long to diff became is not needed on this side.
                    let (old, old_start) = h.old_line(i);
                    let l = (strip_eol(old).len() <= INLINE_MAX_BYTES).then(|| h.line(i));
                    let out = &mut w.buf;
                    if let Some((old, new)) = l.as_ref().and_then(inline) {
                        side(out, old, strip_eol(new), old_start, placeholders, true);
                    } else {
                        // Several lines, or one too long to diff by characters: whole.
                        let _ = write!(out, "{RED}-");
                        push_marked(out, strip_eol(old), old_start, placeholders, RED);
                        let _ = writeln!(out, "{RESET}");
                    }
                    no_eol(out, old);
                    w.spill()?;
                }
                for i in lines {
                    let l = &h.line(i);
                    let out = &mut w.buf;
                    if let Some((old, new)) = inline(l) {
                        side(out, old, strip_eol(new), l.old_start, placeholders, false);
                        no_eol(out, new);
                    } else {
                        for nl in l.new.split_inclusive('\n') {
                            let _ = writeln!(out, "{GREEN}+{}{RESET}", strip_eol(nl));
                            no_eol(out, nl);
                        }
                    }
                    w.spill()?;
                }
            }
        }
    }
    Ok(())
}

/// A changed line to diff by characters (one line on each side, short enough): the old
/// line without its newline, and the new one with it.
fn inline<'l>(l: &'l LineChange) -> Option<(&'l str, &'l str)> {
    let old = strip_eol(l.old);
    let mut new_lines = l.new.split_inclusive('\n');
    match (new_lines.next(), new_lines.next()) {
        (Some(new), None) if old.len() <= INLINE_MAX_BYTES => Some((old, new)),
        _ => None,
    }
}

/// Lines longer than this are shown whole, not diffed by characters: the character diff
/// holds a token per character of both sides (an 18 MB line took 400 MB), and highlights
/// across a line that long show little.
const INLINE_MAX_BYTES: usize = 1 << 16;

/// The `-` line (`minus`) or the `+` line of a changed line, with the changed characters
/// highlighted.
fn side(
    out: &mut String,
    old: &str,
    new: &str,
    old_start: usize,
    placeholders: &[Range<usize>],
    minus: bool,
) {
    let (color, hi) = if minus {
        (RED, RED_HI)
    } else {
        (GREEN, GREEN_HI)
    };
    let _ = write!(out, "{color}{}", if minus { '-' } else { '+' });
    // Byte offset in `old` of each change, to find placeholders.
    let mut old_byte = 0usize;
    for (tag, v) in char_diff(old, new) {
        match tag {
            ChangeTag::Equal => {
                push_marked(out, v, old_start + old_byte, placeholders, color);
                old_byte += v.len();
            }
            ChangeTag::Delete => {
                if minus {
                    let shown: String = v.chars().map(visible).collect();
                    let _ = write!(out, "{hi}{shown}{RESET}{color}");
                }
                old_byte += v.len();
            }
            ChangeTag::Insert => {
                if !minus {
                    let shown: String = v.chars().map(visible).collect();
                    let _ = write!(out, "{hi}{shown}{RESET}{color}");
                }
            }
        }
    }
    let _ = writeln!(out, "{RESET}");
}

/// The character diff of a changed line and what it became: equal runs, and deleted and
/// inserted characters one by one (each highlighted on its own, as `similar` gives them;
/// the review page joins them into runs). The same diff as `similar`'s Myers diff of the
/// two lines, which took 120 µs a line (12 s for a file whose every line changed).
///
/// When both lines have as many characters and no character that differs from its
/// counterpart appears anywhere in the other line (a conversion replacing `鬆` by `松` in
/// a line without `松`), the longest common subsequence is unique: it is every position
/// whose characters agree, and nothing else can match. Myers' diff is then those equal
/// runs with each block of replaced characters between them, its deletions before its
/// insertions, which one pass finds. Otherwise (a character moved, or one that a match
/// could be taken from elsewhere, `鬆松江` → `松松江`) `similar` diffs the lines.
pub(crate) fn char_diff<'t>(old: &'t str, new: &'t str) -> Vec<(ChangeTag, &'t str)> {
    if let Some(d) = positional_diff(old, new) {
        return d;
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(Duration::from_millis(200))
        .diff_chars(old, new);
    diff.iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect()
}

/// [`char_diff`]'s one pass, when it gives Myers' diff; `None` otherwise.
fn positional_diff<'t>(old: &'t str, new: &'t str) -> Option<Vec<(ChangeTag, &'t str)>> {
    if old.chars().count() != new.chars().count() {
        return None;
    }
    // The characters that differ from their counterparts, each side's, sorted.
    let (mut gone, mut came): (Vec<char>, Vec<char>) =
        old.chars().zip(new.chars()).filter(|(a, b)| a != b).unzip();
    for set in [&mut gone, &mut came] {
        set.sort_unstable();
        set.dedup();
    }
    let in_set = |set: &[char], c: char| set.binary_search(&c).is_ok();
    if old.chars().any(|c| in_set(&came, c)) || new.chars().any(|c| in_set(&gone, c)) {
        return None;
    }
    let mut out = Vec::new();
    let mut inserts: Vec<&str> = Vec::new();
    let (mut i, mut j) = (0, 0);
    // Equal characters are joined into runs, as the prefix and suffix `similar` cuts off
    // are (the drawing is the same either way).
    let mut equal_from: Option<usize> = None;
    for (a, b) in old.chars().zip(new.chars()) {
        let (ea, eb) = (i + a.len_utf8(), j + b.len_utf8());
        if a == b {
            out.extend(inserts.drain(..).map(|v| (ChangeTag::Insert, v)));
            equal_from.get_or_insert(i);
        } else {
            if let Some(from) = equal_from.take() {
                out.push((ChangeTag::Equal, &old[from..i]));
            }
            out.push((ChangeTag::Delete, &old[i..ea]));
            inserts.push(&new[j..eb]);
        }
        (i, j) = (ea, eb);
    }
    out.extend(inserts.drain(..).map(|v| (ChangeTag::Insert, v)));
    if let Some(from) = equal_from {
        out.push((ChangeTag::Equal, &old[from..]));
    }
    Some(out)
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

    proptest::proptest! {
        /// The character diff rebuilds both lines: the old one from its equal and deleted
        /// runs, the new one from its equal and inserted runs.
        #[test]
        fn the_character_diff_rebuilds_both_lines(
            old in "[ab鬆松 \u{a0}]{0,12}",
            new in "[ab鬆松 \u{a0}]{0,12}",
        ) {
            let d = char_diff(&old, &new);
            let side = |keep: ChangeTag| -> String {
                d.iter().filter(|(t, _)| *t == ChangeTag::Equal || *t == keep).map(|(_, v)| *v).collect()
            };
            proptest::prop_assert_eq!(side(ChangeTag::Delete), old.clone());
            proptest::prop_assert_eq!(side(ChangeTag::Insert), new.clone());
        }
    }

    /// Runs of the same tag joined: what the drawing and the review page show.
    fn runs<'t>(d: impl IntoIterator<Item = (ChangeTag, &'t str)>) -> Vec<(ChangeTag, String)> {
        let mut out: Vec<(ChangeTag, String)> = Vec::new();
        for (t, v) in d {
            match out.last_mut() {
                Some((last, run)) if *last == t => run.push_str(v),
                _ => out.push((t, v.to_string())),
            }
        }
        out
    }

    proptest::proptest! {
        /// The one pass gives what `similar`'s Myers diff gives, with deleted and inserted
        /// characters one by one as it gives them: lines of as many characters (one pass
        /// or not), and lines of any lengths.
        #[test]
        fn the_character_diff_is_myers_diff(
            old in "[ab鬆松江X]{0,10}",
            swaps in proptest::collection::vec((0usize..10, "[ab鬆松江镇Y]"), 0..5),
            other in "[ab鬆松江]{0,10}",
        ) {
            let mut new: Vec<char> = old.chars().collect();
            for (at, c) in &swaps {
                if *at < new.len() {
                    new[*at] = c.chars().next().unwrap();
                }
            }
            let new: String = new.into_iter().collect();
            for (o, n) in [(&old, &new), (&old, &other)] {
                let mine = char_diff(o, n);
                let theirs: Vec<(ChangeTag, &str)> = TextDiff::configure()
                    .algorithm(Algorithm::Myers)
                    .diff_chars(o.as_str(), n.as_str())
                    .iter_all_changes()
                    .map(|c| (c.tag(), c.value()))
                    .collect();
                proptest::prop_assert_eq!(runs(mine.clone()), runs(theirs.clone()));
                // Deletions and insertions one character each, in the same order.
                let changed = |d: &[(ChangeTag, &str)]| -> Vec<(ChangeTag, String)> {
                    d.iter()
                        .filter(|(t, _)| *t != ChangeTag::Equal)
                        .map(|(t, v)| (*t, v.to_string()))
                        .collect()
                };
                proptest::prop_assert_eq!(changed(&mine), changed(&theirs));
            }
        }
    }

    #[test]
    fn a_replaced_character_is_one_delete_and_one_insert_in_place() {
        let d = char_diff("在鬆江鎮工作", "在松江镇工作");
        assert_eq!(
            d,
            vec![
                (ChangeTag::Equal, "在"),
                (ChangeTag::Delete, "鬆"),
                (ChangeTag::Insert, "松"),
                (ChangeTag::Equal, "江"),
                (ChangeTag::Delete, "鎮"),
                (ChangeTag::Insert, "镇"),
                (ChangeTag::Equal, "工作"),
            ]
        );
    }

    /// A file whose every line changed is one hunk; it is drawn as a small one is.
    #[test]
    fn a_hunk_of_every_line_is_drawn_line_by_line() {
        let text = "鬆江鎮\n".repeat(3000);
        let c = clean_text(&text, &Config::default());
        let out = render(
            &c.source.text,
            &c.edits,
            "a.txt",
            &[],
            DiffStyle { color: true },
        );
        let minus = format!("{RED}-{RED_HI}鬆{RESET}{RED}江{RED_HI}鎮{RESET}{RED}{RESET}\n");
        let plus =
            format!("{GREEN}+{GREEN_HI}松{RESET}{GREEN}江{GREEN_HI}镇{RESET}{GREEN}{RESET}\n");
        assert_eq!(out.matches(minus.as_str()).count(), 3000);
        assert_eq!(out.matches(plus.as_str()).count(), 3000);
        // Every `-` line before every `+` line, under one header.
        assert!(out.rfind(minus.as_str()) < out.find(plus.as_str()));
        assert_eq!(
            out.matches("@@ -1,3000 +1,3000 @@").count(),
            1,
            "{}",
            &out[..200]
        );
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
