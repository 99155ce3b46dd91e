//! Unified diffs written straight from an [`EditSet`].
//!
//! The pipeline knows every edit it made, so the diff costs time proportional to what
//! changed: the changed lines are the lines the edits touch, grouped into hunks with
//! context. No generic diff algorithm runs over the whole file.

use std::fmt::Write as _;
use std::ops::Range;

use crate::edit::EditSet;

/// Lines of context around each change, as `diff -u` uses.
pub const CONTEXT: usize = 3;

/// Line starts counted the way `patch` counts lines: after every `\n` (a lone `\r` does
/// not end a line in a unified diff, although zhclean's reports treat it as one).
struct DiffLines {
    starts: Vec<usize>,
    len: usize,
}

impl DiffLines {
    fn new(text: &str) -> DiffLines {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        if starts.len() > 1 && *starts.last().unwrap() == text.len() {
            starts.pop();
        }
        DiffLines {
            starts,
            len: text.len(),
        }
    }
    fn line_of(&self, byte: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    }
    fn line_start(&self, i: usize) -> usize {
        self.starts.get(i).copied().unwrap_or(self.len)
    }
    fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// Inclusive 0-based line ranges of the original that the edits change, merged.
fn changed_lines(original: &str, index: &DiffLines, edits: &EditSet) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for e in edits.edits() {
        let first = index.line_of(e.range.start.min(original.len()));
        let last = if e.range.is_empty() {
            first
        } else {
            index.line_of(e.range.end - 1)
        };
        match out.last_mut() {
            Some(r) if first <= r.end => r.end = r.end.max(last + 1),
            _ => out.push(first..last + 1),
        }
    }
    out
}

fn push_lines(out: &mut String, prefix: char, text: &str) -> usize {
    let mut n = 0;
    for line in text.split_inclusive('\n') {
        out.push(prefix);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
        n += 1;
    }
    n
}

fn count_lines(text: &str) -> usize {
    text.split_inclusive('\n').count()
}

/// A unified diff from `original` to the result of applying `edits`, with `--- a/NAME`
/// and `+++ b/NAME` headers. Empty when nothing changes. Applies with `patch -p1`.
pub fn unified(original: &str, edits: &EditSet, name: &str) -> String {
    unified_with(
        original,
        edits,
        &format!("a/{name}"),
        &format!("b/{name}"),
        CONTEXT,
    )
}

/// [`unified`] with explicit header names and context size.
pub fn unified_with(
    original: &str,
    edits: &EditSet,
    old_name: &str,
    new_name: &str,
    context: usize,
) -> String {
    let index = &DiffLines::new(original);
    let regions = changed_lines(original, index, edits);
    if regions.is_empty() {
        return String::new();
    }
    let nlines = if original.is_empty() {
        0
    } else {
        index.line_count()
    };
    let line_start = |i: usize| {
        if i >= nlines {
            original.len()
        } else {
            index.line_start(i)
        }
    };
    // Group regions into hunks whose context would touch.
    let mut hunks: Vec<Vec<Range<usize>>> = Vec::new();
    for r in regions {
        match hunks.last_mut() {
            Some(h) if r.start <= h.last().unwrap().end + 2 * context => h.push(r),
            _ => hunks.push(vec![r]),
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "--- {old_name}");
    let _ = writeln!(out, "+++ {new_name}");
    let mut delta: isize = 0; // new line number minus old line number so far
    for hunk in hunks {
        let first = hunk[0].start.saturating_sub(context);
        let last = (hunk.last().unwrap().end + context).min(nlines.max(1));
        let mut body = String::new();
        let (mut old_n, mut new_n) = (0usize, 0usize);
        let mut pos = first;
        for r in &hunk {
            let ctx = &original[line_start(pos)..line_start(r.start)];
            let n = push_lines(&mut body, ' ', ctx);
            old_n += n;
            new_n += n;
            let window = line_start(r.start)..line_start(r.end);
            old_n += push_lines(&mut body, '-', &original[window.clone()]);
            let new = edits.apply_range(original, window);
            new_n += push_lines(&mut body, '+', &new);
            pos = r.end;
        }
        let ctx = &original[line_start(pos)..line_start(last)];
        let n = push_lines(&mut body, ' ', ctx);
        old_n += n;
        new_n += n;
        let old_start = first + 1;
        let new_start = (first as isize + 1 + delta) as usize;
        let fmt = |start: usize, n: usize| {
            if n == 0 {
                format!("{},0", start - 1)
            } else if n == 1 {
                format!("{start}")
            } else {
                format!("{start},{n}")
            }
        };
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            fmt(old_start, old_n),
            fmt(new_start, new_n)
        );
        out.push_str(&body);
        delta += new_n as isize - old_n as isize;
    }
    debug_assert!(count_lines(&out) > 2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::report::Rule;

    fn diff(text: &str, edits: Vec<Edit>) -> String {
        unified(text, &EditSet::new(edits), "f.txt")
    }

    #[test]
    fn no_edits_no_diff() {
        assert_eq!(diff("a\n", vec![]), "");
    }

    #[test]
    fn one_line_changed_with_context() {
        let text = "1\n2\n3\n4\n5\n6\n7\n8\n";
        let at = text.find('5').unwrap();
        let d = diff(
            text,
            vec![Edit::new(at..at + 1, "五", Rule::Traditional, "t")],
        );
        assert_eq!(
            d,
            "--- a/f.txt\n+++ b/f.txt\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+五\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn deleted_line_and_missing_final_newline() {
        let text = "a\nb\nc";
        let d = diff(
            text,
            vec![
                Edit::new(2..4, "", Rule::Boilerplate, "line"),
                Edit::new(5..5, "\n", Rule::Whitespace, "final-newline"),
            ],
        );
        assert_eq!(
            d,
            "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,2 @@\n a\n-b\n-c\n\\ No newline at end of file\n+c\n"
        );
    }

    #[test]
    fn separate_hunks_track_line_numbers() {
        let text: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let a = text.find("2\n").unwrap();
        let b = text.find("18\n").unwrap();
        let d = diff(
            &text,
            vec![
                Edit::new(a..a + 2, "", Rule::Boilerplate, "line"),
                Edit::new(b..b + 2, "十八", Rule::Traditional, "t"),
            ],
        );
        assert!(d.contains("@@ -1,5 +1,4 @@"), "{d}");
        assert!(d.contains("@@ -15,6 +14,6 @@"), "{d}");
    }
}
