//! Edits against the decoded original, and positions in it.
//!
//! Every stage of the pipeline proposes [`Edit`]s (a byte range of the decoded original
//! and its replacement, tagged with the rule that made it). One [`EditSet`] then produces
//! both the cleaned text ([`EditSet::apply`]) and the unified diff (`crate::diff`), so the
//! two can never disagree. [`LineIndex`] turns byte offsets into the 1-based line and
//! Unicode-scalar column that reports use.

use std::borrow::Cow;
use std::ops::Range;

use crate::report::Rule;

/// One proposed change: replace `range` (bytes of the decoded original) by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    /// Two words instead of std's `Cow`'s three: a file of a million short lines has a
    /// million edits, all held until its diff is written.
    pub replacement: Replacement,
    /// The rule that proposed the edit.
    pub rule: Rule,
    /// The rule's kind (`nbsp`, `trailing`, `converted`, a boilerplate category …).
    pub kind: Kind,
}

/// An edit's kind within its rule (`nbsp`, `trailing`, `converted`, a boilerplate
/// category …): a handle, two bytes in each edit, to a name stored once for the life of
/// the process. The rules' own kinds are constants; boilerplate categories come from data
/// (`dictionaries/boilerplate.txt` and a user's `zhclean.toml`) and are stored on first
/// use ([`Kind::new`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Kind(u16);

/// The kinds the stages themselves name, in the order of [`Kind`]'s constants.
const BUILTIN_KINDS: [&str; 9] = [
    "line",
    "converted",
    "blank-lines",
    "indentation",
    "trailing",
    "crlf",
    "final-newline",
    "nbsp",
    "zero-width",
];

/// Names stored by [`Kind::new`] past the built-in ones.
static KIND_NAMES: [std::sync::OnceLock<&'static str>; MAX_KINDS] =
    [const { std::sync::OnceLock::new() }; MAX_KINDS];

/// The most distinct names [`Kind::new`] stores beyond the built-in ones; past them (no
/// real configuration has that many categories) an edit's kind is `line`.
pub const MAX_KINDS: usize = 256;

impl Kind {
    /// A whole line (a boilerplate deletion of no named category).
    pub const LINE: Kind = Kind(0);
    /// A conversion.
    pub const CONVERTED: Kind = Kind(1);
    pub const BLANK_LINES: Kind = Kind(2);
    pub const INDENTATION: Kind = Kind(3);
    pub const TRAILING: Kind = Kind(4);
    pub const CRLF: Kind = Kind(5);
    pub const FINAL_NEWLINE: Kind = Kind(6);
    pub const NBSP: Kind = Kind(7);
    pub const ZERO_WIDTH: Kind = Kind(8);

    /// The kind named `name`, stored the first time (under a lock: hot loops use the
    /// constants).
    pub fn new(name: &str) -> Kind {
        use std::sync::Mutex;
        if let Some(i) = BUILTIN_KINDS.iter().position(|&n| n == name) {
            return Kind(i as u16);
        }
        static STORED: Mutex<usize> = Mutex::new(0);
        let mut stored = STORED.lock().unwrap_or_else(|e| e.into_inner());
        let names = &KIND_NAMES[..*stored];
        if let Some(i) = names.iter().position(|n| n.get() == Some(&name)) {
            return Kind((BUILTIN_KINDS.len() + i) as u16);
        }
        if *stored == MAX_KINDS {
            return Kind::LINE;
        }
        let _ = KIND_NAMES[*stored].set(Box::leak(name.into()));
        *stored += 1;
        Kind((BUILTIN_KINDS.len() + *stored - 1) as u16)
    }

    pub fn as_str(self) -> &'static str {
        let i = usize::from(self.0);
        match BUILTIN_KINDS.get(i) {
            Some(name) => name,
            None => KIND_NAMES[i - BUILTIN_KINDS.len()]
                .get()
                .expect("a kind is made by storing its name"),
        }
    }
}

impl From<&str> for Kind {
    fn from(name: &str) -> Kind {
        Kind::new(name)
    }
}

impl PartialEq<&str> for Kind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for Kind {
    fn partial_cmp(&self, other: &Kind) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By name.
impl Ord for Kind {
    fn cmp(&self, other: &Kind) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// An edit's replacement: static (most edits: a deletion, a space, one converted
/// character) or owned (a line's merged conversion), in 16 bytes (on 64-bit targets,
/// where one is under 4 GiB).
#[cfg(target_pointer_width = "64")]
pub type Replacement = beef::lean::Cow<'static, str>;
#[cfg(not(target_pointer_width = "64"))]
pub type Replacement = beef::Cow<'static, str>;

impl Edit {
    pub fn new(
        range: Range<usize>,
        replacement: impl Into<Cow<'static, str>>,
        rule: Rule,
        kind: impl Into<Kind>,
    ) -> Self {
        let replacement = match replacement.into() {
            Cow::Borrowed(s) => Replacement::borrowed(s),
            Cow::Owned(mut s) => {
                // Its capacity must fit in 32 bits too: give back spare room first.
                if s.capacity() > u32::MAX as usize {
                    s.shrink_to_fit();
                }
                assert!(
                    s.len() <= u32::MAX as usize,
                    "a replacement of 4 GiB or more (a line that long)"
                );
                Replacement::owned(s)
            }
        };
        Edit {
            range,
            replacement,
            rule,
            kind: kind.into(),
        }
    }

    /// An empty edit, to fill a slot that is about to be overwritten.
    fn placeholder() -> Edit {
        Edit::new(0..0, "", Rule::Whitespace, Kind::LINE)
    }

    /// A deletion of a whole line (boilerplate). It swallows every edit inside it.
    pub fn is_line_deletion(&self) -> bool {
        self.rule == Rule::Boilerplate
    }
}

/// The order of an edit set: by start; at equal starts whole-line deletions first, then
/// shorter ranges (an insertion before a replacement).
fn order(a: &Edit, b: &Edit) -> std::cmp::Ordering {
    a.range
        .start
        .cmp(&b.range.start)
        .then_with(|| b.is_line_deletion().cmp(&a.is_line_deletion()))
        .then_with(|| a.range.end.cmp(&b.range.end))
}

/// Sorted, non-overlapping edits.
#[derive(Debug, Clone, Default)]
pub struct EditSet {
    edits: Vec<Edit>,
}

impl EditSet {
    /// Builds the set. Whole-line deletions win over every edit they overlap (a deleted
    /// line swallows the edits inside it); among other overlapping edits the one that
    /// starts first wins. No-op edits (empty range, empty replacement) are dropped.
    pub fn new(mut edits: Vec<Edit>) -> Self {
        edits.retain(|e| !(e.range.is_empty() && e.replacement.is_empty()));
        // The stages hand in a few sorted runs, which the stable sort merges in linear
        // time.
        edits.sort_by(order);
        Self::from_sorted(edits)
    }

    /// [`EditSet::new`] of `small` followed by `big`, where `big` is usually sorted already
    /// (the conversion edits of a large file, about one per line): `small` is
    /// sorted and merged into `big` in place, from the back, without the scratch buffer
    /// of half `big`'s size a stable sort of everything needs. Same set as `new`.
    pub fn from_runs(mut small: Vec<Edit>, mut big: Vec<Edit>) -> Self {
        let no_op = |e: &Edit| e.range.is_empty() && e.replacement.is_empty();
        big.retain(|e| !no_op(e));
        if !big.is_sorted_by(|a, b| order(a, b) != std::cmp::Ordering::Greater) {
            small.append(&mut big);
            return Self::new(small);
        }
        small.retain(|e| !no_op(e));
        small.sort_by(order);
        // Merge from the back; on equal keys `small` (earlier in `new`'s input) stays
        // first, so from the back `big`'s element goes last.
        let (n, m) = (big.len(), small.len());
        big.reserve_exact(m);
        let mut i = n; // unmerged big[..i]
        let mut out = n + m;
        let mut rest = small.into_iter().rev().peekable();
        // Grow `big` with placeholders moved out of the way: fill from the back.
        big.extend(std::iter::repeat_with(Edit::placeholder).take(m));
        while let Some(s) = rest.peek() {
            out -= 1;
            if i > 0 && order(&big[i - 1], s) != std::cmp::Ordering::Less {
                big.swap(i - 1, out);
                i -= 1;
            } else {
                big[out] = rest.next().expect("peeked");
            }
        }
        Self::from_sorted(big)
    }

    /// Drops overlapping edits from sorted `edits`.
    fn from_sorted(mut edits: Vec<Edit>) -> Self {
        // One pass, in place: `w` edits are kept so far.
        let overlaps = |prev: &Edit, cur: &Edit| {
            cur.range.start < prev.range.end
                || (cur.range.start == prev.range.start
                    && cur.range.is_empty() == prev.range.is_empty())
        };
        let mut w = 0usize;
        for r in 0..edits.len() {
            let mut keep = true;
            while w > 0 && overlaps(&edits[w - 1], &edits[r]) {
                match (edits[w - 1].is_line_deletion(), edits[r].is_line_deletion()) {
                    (true, true) => {
                        let end = edits[w - 1].range.end.max(edits[r].range.end);
                        edits[w - 1].range.end = end;
                        keep = false;
                    }
                    // A deletion swallows the plain edit it overlaps.
                    (false, true) => {
                        w -= 1;
                        continue;
                    }
                    // Otherwise the edit that starts first wins.
                    _ => keep = false,
                }
                break;
            }
            if keep {
                edits.swap(w, r);
                w += 1;
            }
        }
        edits.truncate(w);
        EditSet { edits }
    }

    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    pub fn len(&self) -> usize {
        self.edits.len()
    }

    /// Applies the edits to `original`, the text they were made against.
    pub fn apply(&self, original: &str) -> String {
        self.apply_range(original, 0..original.len())
    }

    /// Writes the edits applied to `original` to `out`, piece by piece.
    pub fn write_applied(
        &self,
        original: &str,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let original = original.as_bytes();
        let mut pos = 0;
        for e in &self.edits {
            out.write_all(&original[pos..e.range.start])?;
            out.write_all(e.replacement.as_bytes())?;
            pos = e.range.end;
        }
        out.write_all(&original[pos..])
    }

    /// Applies the edits that lie inside `window` to that part of `original`.
    /// Edits must not straddle the window's ends (the diff extends windows to avoid it).
    pub fn apply_range(&self, original: &str, window: Range<usize>) -> String {
        let mut out = String::with_capacity(window.len() + window.len() / 8);
        let first = self.edits.partition_point(|e| {
            e.range.end <= window.start && !(e.range.is_empty() && e.range.start == window.start)
        });
        self.apply_range_from(original, window, first, &mut out);
        out
    }

    /// [`EditSet::apply_range`] appending to `out`, given the index of the first edit that
    /// can touch the window (the first not ending before it, insertions at its start
    /// included): callers walking windows in order keep it without searching.
    pub fn apply_range_from(
        &self,
        original: &str,
        window: Range<usize>,
        first: usize,
        out: &mut String,
    ) {
        self.pieces_from(original, window, first, |piece| out.push_str(piece));
    }

    /// [`EditSet::apply_range_from`] handed to `f` piece by piece (stretches of the
    /// original and replacements, in order; some may be empty) instead of gathered: the
    /// diff writes a changed line of 20 MB without holding a copy of it.
    pub fn pieces_from<'s>(
        &'s self,
        original: &'s str,
        window: Range<usize>,
        first: usize,
        mut f: impl FnMut(&'s str),
    ) {
        let mut pos = window.start;
        for e in &self.edits[first..] {
            if e.range.start > window.end || (e.range.start == window.end && !e.range.is_empty()) {
                break;
            }
            if e.range.start == window.end && window.end != original.len() {
                // An insertion exactly at the end of a window belongs to the next window.
                break;
            }
            debug_assert!(e.range.start >= pos, "edits overlap or straddle the window");
            f(&original[pos..e.range.start]);
            f(&e.replacement);
            pos = e.range.end;
        }
        if pos < window.end {
            f(&original[pos..window.end]);
        }
    }

    /// Index of the first edit whose range ends after `byte` (or is an insertion at it).
    pub fn first_at_or_after(&self, byte: usize) -> usize {
        self.edits
            .partition_point(|e| e.range.end < byte || (e.range.end == byte && !e.range.is_empty()))
    }
}

/// Line starts of a text, for turning byte offsets into 1-based line and column.
///
/// Lines end at `\n` or at a lone `\r`; a `\r` before `\n` belongs to the line's ending,
/// not its content.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// Whether some line ends at a lone `\r`.
    lone_cr: bool,
    /// The last position computed, as (byte, column, 0-based line): findings are made in
    /// text order, so counting on from it keeps a long line linear instead of quadratic,
    /// and the next position is usually on the same line (no binary search).
    last: std::cell::Cell<(usize, usize, usize)>,
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let b = text.as_bytes();
        // Room for as many lines as the text's first 64 KiB suggest (plus an eighth): a
        // fixed guess of 64 bytes a line left a file of short lines a list grown to 1.5
        // times its length, and giving the rest back cost more than it saved.
        let sample = &b[..b.len().min(1 << 16)];
        let per_line = sample.len() / (memchr::memchr_iter(b'\n', sample).count() + 1);
        // (At most a line per 8 bytes: a file of short lines only at its start does not
        // reserve many times its size.)
        let guess = (b.len() / per_line.max(1)).min(b.len() / 8);
        let mut starts = Vec::with_capacity(guess + guess / 8 + 1);
        starts.push(0);
        // A line ends at `\n`, or at a lone `\r` (old Mac line endings).
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', b)
                .filter(|&i| b[i] == b'\n' || b.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        // A trailing newline does not start another line.
        if starts.len() > 1 && *starts.last().unwrap() == text.len() {
            starts.pop();
        }
        let lone_cr = starts[1..].iter().any(|&s| b[s - 1] == b'\r');
        LineIndex {
            starts,
            len: text.len(),
            lone_cr,
            last: std::cell::Cell::new((0, 1, 0)),
        }
    }

    /// The line starts, if every line ends at `\n` (none at a lone `\r`): then they are
    /// also the lines of a unified diff, which does not end a line at a lone `\r`.
    pub(crate) fn newline_starts(&self) -> Option<&[usize]> {
        (!self.lone_cr).then_some(&self.starts[..])
    }

    /// Number of lines (an empty text has one empty line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of line `i` (0-based) including its `\n` (if any).
    pub fn line_range_with_newline(&self, i: usize) -> Range<usize> {
        let start = self.starts[i];
        let end = self.starts.get(i + 1).copied().unwrap_or(self.len);
        start..end
    }

    /// Byte range of line `i` (0-based) without its line ending (`\n` or `\r\n`).
    pub fn line_range(&self, text: &str, i: usize) -> Range<usize> {
        let r = self.line_range_with_newline(i);
        let b = text.as_bytes();
        let mut end = r.end;
        if end > r.start && b[end - 1] == b'\n' {
            end -= 1;
            if end > r.start && b[end - 1] == b'\r' {
                end -= 1;
            }
        } else if end > r.start && b[end - 1] == b'\r' {
            end -= 1;
        }
        r.start..end
    }

    /// 0-based line holding `byte`.
    pub fn line_of(&self, byte: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    }

    /// Start byte of line `i` (0-based); the text's length past the last line.
    pub fn line_start(&self, i: usize) -> usize {
        self.starts.get(i).copied().unwrap_or(self.len)
    }

    /// 1-based line and Unicode-scalar column of `byte` in `text`.
    pub fn position(&self, text: &str, byte: usize) -> Position {
        let (last_byte, last_col, last_line) = self.last.get();
        let line = if self.starts[last_line] <= byte && byte < self.line_start(last_line + 1) {
            last_line
        } else {
            self.line_of(byte)
        };
        let start = self.starts[line];
        let column = if last_byte >= start && last_byte <= byte {
            last_col + text[last_byte..byte].chars().count()
        } else {
            text[start..byte].chars().count() + 1
        };
        self.last.set((byte, column, line));
        Position {
            line: line + 1,
            column,
        }
    }

    /// Iterates over the 0-based line numbers and their content ranges (without line endings).
    pub fn lines<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, Range<usize>)> + 'a {
        (0..self.line_count()).map(move |i| (i, self.line_range(text, i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(r: Range<usize>, s: &'static str) -> Edit {
        Edit::new(r, s, Rule::Whitespace, "test")
    }

    #[test]
    fn kind_names_are_stored_once() {
        let a = Kind::new("breadcrumb");
        let b = Kind::new(&String::from("breadcrumb"));
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "breadcrumb");
        assert_eq!(Kind::new("my-category").as_str(), "my-category");
        assert_ne!(Kind::new("my-category"), a);
        assert_eq!(Kind::new("nbsp"), Kind::NBSP);
        for (i, name) in BUILTIN_KINDS.iter().enumerate() {
            assert_eq!(Kind(i as u16).as_str(), *name);
        }
        assert_eq!(
            std::mem::size_of::<Edit>(),
            40,
            "an edit per line of a file is held"
        );
    }

    #[test]
    fn apply_in_order() {
        let set = EditSet::new(vec![e(4..5, "X"), e(0..1, "")]);
        assert_eq!(set.apply("abcdefg"), "bcdXfg");
    }

    #[test]
    fn line_deletion_swallows_inner_edits() {
        let text = "keep\n当前位置：首页\u{a0}\nkeep\n";
        let start = text.find('当').unwrap();
        let nbsp = text.find('\u{a0}').unwrap();
        let end = text[start..].find('\n').unwrap() + start + 1;
        let set = EditSet::new(vec![
            e(nbsp..nbsp + 2, " "),
            Edit::new(start..end, "", Rule::Boilerplate, "line"),
        ]);
        assert_eq!(set.len(), 1);
        assert_eq!(set.apply(text), "keep\nkeep\n");
    }

    #[test]
    fn positions_count_scalar_values() {
        let text = "一二\n三X四\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 2);
        let x = text.find('X').unwrap();
        assert_eq!(idx.position(text, x), Position { line: 2, column: 2 });
        assert_eq!(idx.position(text, x + 1), Position { line: 2, column: 3 });
    }

    #[test]
    fn positions_out_of_order_are_still_right() {
        let text = "甲乙丙\n丁戊己\n";
        let idx = LineIndex::new(text);
        let order = [13, 3, 16, 6, 0, 19, 10, 9, 20, 10, 13];
        for b in order {
            let line = idx.line_of(b);
            let column = text[idx.line_start(line)..b].chars().count() + 1;
            let want = Position {
                line: line + 1,
                column,
            };
            assert_eq!(idx.position(text, b), want, "byte {b}");
        }
    }

    #[test]
    fn crlf_is_not_line_content() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(&text[idx.line_range(text, 0)], "ab");
        assert_eq!(&text[idx.line_range(text, 1)], "cd");
    }

    #[test]
    fn from_runs_is_new_of_both() {
        // Pseudo-random whitespace edits, insertions, line deletions and sorted
        // single-character "conversions", overlapping in every way.
        let mut random = crate::testing::pseudo_random(7);
        let mut next = |n: u64| random(n) as usize;
        for round in 0..200 {
            let mut small = Vec::new();
            for _ in 0..next(6) {
                let a = next(40);
                let b = a + next(3);
                small.push(e(a..b, if next(2) == 0 { "" } else { " " }));
            }
            for _ in 0..next(3) {
                let a = next(40);
                small.push(Edit::new(a..a + 1 + next(8), "", Rule::Boilerplate, "line"));
            }
            let mut big = Vec::new();
            let mut at = 0;
            while at < 40 {
                at += next(3);
                big.push(Edit::new(at..at + 1, "x", Rule::Traditional, "converted"));
                at += 1;
            }
            if round % 10 == 0 {
                big.reverse(); // not sorted: the fallback
            }
            let mut all = small.clone();
            all.extend(big.iter().cloned());
            let want = EditSet::new(all);
            let got = EditSet::from_runs(small, big);
            assert_eq!(got.edits(), want.edits(), "round {round}");
        }
    }

    #[test]
    fn apply_range_matches_apply() {
        let text = "aa\nbb\ncc\n";
        let set = EditSet::new(vec![e(1..2, "Z"), e(6..9, "")]);
        let whole = set.apply(text);
        let parts = set.apply_range(text, 0..3)
            + &set.apply_range(text, 3..6)
            + &set.apply_range(text, 6..9);
        assert_eq!(whole, parts);
    }
}
