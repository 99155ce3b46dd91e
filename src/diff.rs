//! Unified diffs written straight from an [`EditSet`].
//!
//! The pipeline knows every edit it made, so the diff costs time proportional to what
//! changed: the changed lines are the lines the edits touch, grouped into hunks with
//! context. No generic diff algorithm runs over the whole file.

use std::fmt::Write as _;
use std::ops::Range;

use crate::edit::{Edit, EditSet, Kind, LineIndex};
use crate::report::Rule;

/// Lines of context around each change, as `diff -u` uses.
pub const CONTEXT: usize = 3;

/// Line starts counted the way `patch` counts lines: after every `\n` (a lone `\r` does
/// not end a line in a unified diff, although zhclean's reports treat it as one).
struct DiffLines<'i> {
    starts: std::borrow::Cow<'i, [usize]>,
    len: usize,
}

impl<'i> DiffLines<'i> {
    /// The lines of `text`, borrowed from its report index when that has the same lines
    /// (no line ends at a lone `\r`): a file of a million short lines is not indexed
    /// twice.
    fn new(text: &str, index: Option<&'i LineIndex>) -> DiffLines<'i> {
        if let Some(starts) = index.and_then(LineIndex::newline_starts) {
            return DiffLines {
                starts: starts.into(),
                len: text.len(),
            };
        }
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        if starts.len() > 1 && *starts.last().unwrap() == text.len() {
            starts.pop();
        }
        DiffLines {
            starts: starts.into(),
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

/// The changed regions grouped into hunks (regions whose context would touch form one),
/// each with its first line and its end line (exclusive), context included.
fn hunk_groups(
    regions: &[Range<usize>],
    context: usize,
    line_count: usize,
) -> impl Iterator<Item = (usize, usize, &[Range<usize>])> {
    let mut rest = regions;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let mut h = 1;
        while h < rest.len() && rest[h].start <= rest[h - 1].end + 2 * context {
            h += 1;
        }
        let (group, tail) = rest.split_at(h);
        rest = tail;
        let last = (group[h - 1].end + context).min(line_count);
        Some((first.start.saturating_sub(context), last, group))
    })
}

/// Inclusive 0-based line ranges of the original that the edits change, merged.
/// Edits are sorted by start, so the line of each start is found by walking forward.
fn changed_lines(original: &str, index: &DiffLines<'_>, edits: &EditSet) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let n = index.line_count();
    let mut line = 0usize; // line of the last edit's start
    for e in edits.edits() {
        let start = e.range.start.min(original.len());
        // Walk forward a few lines, then search: linear over the file in total.
        let mut steps = 0;
        while line + 1 < n && index.starts[line + 1] <= start && steps < 8 {
            line += 1;
            steps += 1;
        }
        if line + 1 < n && index.starts[line + 1] <= start {
            line = index.line_of(start);
        }
        let first = line;
        let last = if e.range.is_empty() || e.range.end - 1 < index.line_start(first + 1) {
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

fn count_lines(text: &str) -> usize {
    let mut count = LineCount::default();
    count.add(text);
    count.lines()
}

/// One changed line of the original and what it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineChange<'a> {
    /// The original line, with its `\n` if it has one.
    pub old: &'a str,
    /// Byte offset of `old` in the original.
    pub old_start: usize,
    /// What the line became: empty when it was removed, possibly several lines.
    pub new: String,
    /// The rule and kind of every edit on the line, in order, without repeats.
    pub rules: Vec<(Rule, Kind)>,
}

/// A part of a hunk: unchanged context lines, or a run of changed lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    Context(&'a str),
    Change(Vec<LineChange<'a>>),
}

/// A hunk of a unified diff, with 1-based starts as in its `@@` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk<'a> {
    pub old_start: usize,
    pub old_len: usize,
    pub new_start: usize,
    pub new_len: usize,
    pub parts: Vec<Part<'a>>,
}

impl Hunk<'_> {
    /// `@@ -1,3 +1,2 @@ boilerplate[breadcrumb], whitespace[nbsp]`: the header with the
    /// rules that made the hunk's changes (patch ignores the text after the second `@@`).
    pub fn header(&self) -> String {
        let mut rules: Vec<(Rule, Kind)> = Vec::new();
        for part in &self.parts {
            if let Part::Change(lines) = part {
                for l in lines {
                    for rk in &l.rules {
                        if !rules.contains(rk) {
                            rules.push(*rk);
                        }
                    }
                }
            }
        }
        header(
            self.old_start,
            self.old_len,
            self.new_start,
            self.new_len,
            &rules,
        )
    }
}

/// A hunk's `@@` line, naming `rules` in order.
fn header(
    old_start: usize,
    old_len: usize,
    new_start: usize,
    new_len: usize,
    rules: &[(Rule, Kind)],
) -> String {
    let fmt = |start: usize, n: usize| match n {
        0 => format!("{},0", start.saturating_sub(1)),
        1 => format!("{start}"),
        _ => format!("{start},{n}"),
    };
    let mut h = format!(
        "@@ -{} +{} @@",
        fmt(old_start, old_len),
        fmt(new_start, new_len)
    );
    for (i, (r, k)) in rules.iter().enumerate() {
        let _ = write!(h, "{}{r}[{k}]", if i == 0 { " " } else { ", " });
    }
    h
}

/// A part of a [`LazyHunk`]: unchanged context lines, or the 0-based numbers of a run of
/// changed lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LazyPart<'a> {
    Context(&'a str),
    Change(Range<usize>),
}

/// A hunk measured but not built: its changed lines are made when asked for
/// ([`LazyHunk::line`]). One file whose every line changed is one hunk of all its lines;
/// built, it held each line's new text and rules at once (about 140 bytes a line over
/// the text, 140 MB for a million short lines).
pub struct LazyHunk<'h, 'a> {
    pub old_start: usize,
    pub old_len: usize,
    pub new_start: usize,
    pub new_len: usize,
    rules: Vec<(Rule, Kind)>,
    first: usize,
    last: usize,
    group: &'h [Range<usize>],
    original: &'a str,
    edits: &'h EditSet,
    index: &'h DiffLines<'a>,
}

impl<'a> LazyHunk<'_, 'a> {
    /// The hunk's `@@` line (see [`Hunk::header`]).
    pub fn header(&self) -> String {
        header(
            self.old_start,
            self.old_len,
            self.new_start,
            self.new_len,
            &self.rules,
        )
    }

    /// How many lines of the original it spans.
    pub fn span(&self) -> usize {
        self.last - self.first
    }

    /// Its parts, in order.
    pub fn parts(&self) -> impl Iterator<Item = LazyPart<'a>> + '_ {
        let original = self.original;
        let index = self.index;
        let context = move |from: usize, to: usize| {
            let ctx = &original[index.line_start(from)..index.line_start(to)];
            (!ctx.is_empty()).then_some(LazyPart::Context(ctx))
        };
        let mut pos = self.first;
        self.group
            .iter()
            .flat_map(move |r| {
                let ctx = context(pos, r.start);
                pos = r.end;
                [ctx, Some(LazyPart::Change(r.clone()))]
            })
            .chain([context(self.group[self.group.len() - 1].end, self.last)])
            .flatten()
    }

    /// Line `i` of the original (0-based, with its `\n` if it has one) and its offset,
    /// without making what it became.
    pub fn old_line(&self, i: usize) -> (&'a str, usize) {
        let window = self.index.line_start(i)..self.index.line_start(i + 1);
        (&self.original[window.clone()], window.start)
    }

    /// Changed line `i` (0-based, in a [`LazyPart::Change`]) and what it became.
    pub fn line(&self, i: usize) -> LineChange<'a> {
        let window = self.index.line_start(i)..self.index.line_start(i + 1);
        let mut rules: Vec<(Rule, Kind)> = Vec::new();
        let k = self.edits.first_at_or_after(window.start);
        window_rules(
            self.edits.edits(),
            k,
            &window,
            self.original.len(),
            &mut rules,
        );
        LineChange {
            old: &self.original[window.clone()],
            old_start: window.start,
            new: self.edits.apply_range(self.original, window),
            rules,
        }
    }

    /// The hunk built, every line made.
    pub fn build(&self) -> Hunk<'a> {
        let parts = self
            .parts()
            .map(|p| match p {
                LazyPart::Context(ctx) => Part::Context(ctx),
                LazyPart::Change(r) => Part::Change(r.map(|i| self.line(i)).collect()),
            })
            .collect();
        Hunk {
            old_start: self.old_start,
            old_len: self.old_len,
            new_start: self.new_start,
            new_len: self.new_len,
            parts,
        }
    }
}

/// The hunks of a diff, made one at a time: a reader that shows the first few (the review
/// page) does not build a hunk for every changed line of a large file. Counting them, or
/// the lines they change, builds none.
pub struct Hunks<'a, 'e> {
    original: &'a str,
    edits: &'e EditSet,
    index: DiffLines<'a>,
    regions: Vec<Range<usize>>,
    context: usize,
}

impl<'a, 'e> Hunks<'a, 'e> {
    pub fn new(original: &'a str, edits: &'e EditSet, context: usize) -> Self {
        let index = DiffLines::new(original, None);
        let regions = changed_lines(original, &index, edits);
        Hunks {
            original,
            edits,
            index,
            regions,
            context,
        }
    }

    /// How many hunks there are.
    pub fn count(&self) -> usize {
        hunk_groups(&self.regions, self.context, self.index.line_count()).count()
    }

    /// Whether nothing changes.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// How many lines of the original change.
    pub fn changed_lines(&self) -> usize {
        self.regions.iter().map(|r| r.len()).sum()
    }

    /// The hunks in order, each made when asked for.
    pub fn iter(&self) -> impl Iterator<Item = Hunk<'a>> + '_ {
        self.iter_lazy().map(|h| h.build())
    }

    /// The hunks in order, each made when asked for; `None` for one spanning more than
    /// `max_lines` lines of the original, which is not built (one file whose every line
    /// changed is one hunk of all its lines).
    pub fn iter_upto(&self, max_lines: usize) -> impl Iterator<Item = Option<Hunk<'a>>> + '_ {
        self.iter_lazy()
            .map(move |h| (h.span() <= max_lines).then(|| h.build()))
    }

    /// The hunks in order, measured (line counts and rules: each changed line is made and
    /// dropped) but not built.
    pub fn iter_lazy(&self) -> impl Iterator<Item = LazyHunk<'_, 'a>> + '_ {
        let original = self.original;
        let edits = self.edits;
        let index = &self.index;
        let all = edits.edits();
        let mut delta: isize = 0; // new line number minus old line number so far
        hunk_groups(&self.regions, self.context, index.line_count()).map(
            move |(first, last, group)| {
                let (mut old_len, mut new_len) = (0usize, 0usize);
                let mut rules: Vec<(Rule, Kind)> = Vec::new();
                let mut pos = first;
                let mut context = |from: usize, to: usize| {
                    let n = count_lines(&original[index.line_start(from)..index.line_start(to)]);
                    old_len += n;
                    new_len += n;
                };
                for r in group {
                    context(pos, r.start);
                    pos = r.end;
                }
                context(pos, last);
                for r in group {
                    for i in r.clone() {
                        let window = index.line_start(i)..index.line_start(i + 1);
                        let k = edits.first_at_or_after(window.start);
                        window_rules(all, k, &window, original.len(), &mut rules);
                        old_len += 1;
                        new_len += count_lines(&edits.apply_range(original, window));
                    }
                }
                let hunk = LazyHunk {
                    old_start: first + 1,
                    old_len,
                    new_start: (first as isize + 1 + delta) as usize,
                    new_len,
                    rules,
                    first,
                    last,
                    group,
                    original,
                    edits,
                    index,
                };
                delta += new_len as isize - old_len as isize;
                hunk
            },
        )
    }
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
    let mut out = Vec::with_capacity(original.len() / 4 + 256);
    write_unified(&mut out, original, edits, old_name, new_name, context)
        .expect("writing to memory");
    // (std's check took a third as long as making the diff.)
    crate::decode::utf8_string(out).expect("the diff of UTF-8 text is UTF-8")
}

/// Bytes of diff text gathered before they are handed to the writer.
const CHUNK: usize = 1 << 16;

/// Writes [`unified_with`]'s diff to `out` as it is made, so a large diff is never held
/// whole: each hunk is measured first (its header carries its line counts), then its
/// lines are written in chunks. Nothing is written when nothing changes.
pub fn write_unified<W: std::io::Write + ?Sized>(
    out: &mut W,
    original: &str,
    edits: &EditSet,
    old_name: &str,
    new_name: &str,
    context: usize,
) -> std::io::Result<()> {
    write_unified_lines(
        out,
        original,
        &DiffLines::new(original, None),
        edits,
        old_name,
        new_name,
        context,
    )
}

/// [`write_unified`] given the original's [`LineIndex`], whose line starts it reuses
/// when it can.
pub fn write_unified_indexed<W: std::io::Write + ?Sized>(
    out: &mut W,
    original: &str,
    index: &LineIndex,
    edits: &EditSet,
    old_name: &str,
    new_name: &str,
    context: usize,
) -> std::io::Result<()> {
    let lines = DiffLines::new(original, Some(index));
    write_unified_lines(out, original, &lines, edits, old_name, new_name, context)
}

fn write_unified_lines<W: std::io::Write + ?Sized>(
    out: &mut W,
    original: &str,
    index: &DiffLines<'_>,
    edits: &EditSet,
    old_name: &str,
    new_name: &str,
    context: usize,
) -> std::io::Result<()> {
    let regions = changed_lines(original, index, edits);
    if regions.is_empty() {
        return Ok(());
    }
    let all = edits.edits();
    let mut w = Lines::new(out);
    let _ = writeln!(w.buf, "--- {old_name}");
    let _ = writeln!(w.buf, "+++ {new_name}");
    let mut rules: Vec<(Rule, Kind)> = Vec::new();
    let mut delta: isize = 0; // new line number minus old line number so far
                              // Cursors into the edits, both only moving forward within a pass: the first edit that
                              // can touch a line (`pieces_from`'s start) and the first inside it.
    let mut cursor = Cursors::default();
    for (first, last, group) in hunk_groups(&regions, context, index.line_count()) {
        let hunk_cursor = cursor;

        // Measure: the hunk's line counts and rules, for its header.
        rules.clear();
        let (mut old_len, mut new_len) = (0usize, 0usize);
        let mut pos = first;
        for r in group {
            let n = count_lines(&original[index.line_start(pos)..index.line_start(r.start)]);
            old_len += n;
            new_len += n;
            for i in r.clone() {
                let window = index.line_start(i)..index.line_start(i + 1);
                cursor.advance(all, &window);
                window_rules(all, cursor.rule_at, &window, original.len(), &mut rules);
                let mut count = LineCount::default();
                edits.pieces_from(original, window, cursor.apply_at, |p| count.add(p));
                old_len += 1;
                new_len += count.lines();
            }
            pos = r.end;
        }
        let n = count_lines(&original[index.line_start(pos)..index.line_start(last)]);
        old_len += n;
        new_len += n;
        let end_cursor = cursor;

        let hunk_start = first + 1;
        let new_start = (first as isize + 1 + delta) as usize;
        let fmt = |out: &mut String, start: usize, n: usize| {
            let _ = match n {
                0 => write!(out, "{},0", start.saturating_sub(1)),
                1 => write!(out, "{start}"),
                _ => write!(out, "{start},{n}"),
            };
        };
        w.buf.push_str("@@ -");
        fmt(&mut w.buf, hunk_start, old_len);
        w.buf.push_str(" +");
        fmt(&mut w.buf, new_start, new_len);
        w.buf.push_str(" @@");
        for (i, (r, k)) in rules.iter().enumerate() {
            w.buf.push_str(if i == 0 { " " } else { ", " });
            let _ = write!(w.buf, "{r}[{k}]");
        }
        w.buf.push('\n');

        // Write: per region its context, its old lines, then its new lines.
        let mut pos = first;
        let mut at = hunk_cursor;
        for r in group {
            w.text(
                ' ',
                &original[index.line_start(pos)..index.line_start(r.start)],
            );
            for i in r.clone() {
                w.text('-', &original[index.line_start(i)..index.line_start(i + 1)]);
                w.check()?;
            }
            for i in r.clone() {
                let window = index.line_start(i)..index.line_start(i + 1);
                at.advance(all, &window);
                edits.pieces_from(original, window, at.apply_at, |p| w.piece('+', p));
                w.end_text();
                // (A reader gone, `| head`: stop at once, not at the end of a hunk that
                // may be the whole file.)
                w.check()?;
            }
            pos = r.end;
        }
        w.text(
            ' ',
            &original[index.line_start(pos)..index.line_start(last)],
        );
        w.check()?;
        cursor = end_cursor;
        delta += new_len as isize - old_len as isize;
    }
    w.finish()
}

/// The lines of a text handed in piece by piece (a last line without `\n` counts): the
/// count of `split_inclusive('\n')` over the whole.
#[derive(Default)]
struct LineCount {
    newlines: usize,
    /// Whether the text so far is non-empty and does not end with `\n`.
    open: bool,
}

impl LineCount {
    fn add(&mut self, piece: &str) {
        if let Some(&last) = piece.as_bytes().last() {
            self.newlines += memchr::memchr_iter(b'\n', piece.as_bytes()).count();
            self.open = last != b'\n';
        }
    }

    fn lines(&self) -> usize {
        self.newlines + usize::from(self.open)
    }
}

/// Diff text on its way to the writer: gathered in chunks of [`CHUNK`] bytes, each line of
/// a text handed in prefixed (` `, `-`, `+`). A piece longer than a chunk goes to the
/// writer as it is, so a line of 20 MB is never copied whole. The first write error is
/// kept and returned by [`Lines::check`] (pieces come from a callback that cannot fail).
struct Lines<'w, W: ?Sized> {
    out: &'w mut W,
    buf: String,
    /// Whether the next byte of the text being written starts a line.
    at_start: bool,
    error: Option<std::io::Error>,
}

impl<'w, W: std::io::Write + ?Sized> Lines<'w, W> {
    fn new(out: &'w mut W) -> Self {
        Lines {
            out,
            buf: String::with_capacity(CHUNK + 1024),
            at_start: true,
            error: None,
        }
    }

    /// A whole text, its lines prefixed by `prefix`.
    fn text(&mut self, prefix: char, text: &str) {
        self.piece(prefix, text);
        self.end_text();
    }

    /// The next piece of a text whose lines are prefixed by `prefix`.
    fn piece(&mut self, prefix: char, text: &str) {
        if self.error.is_some() {
            return;
        }
        let mut rest = text;
        while !rest.is_empty() {
            if self.at_start {
                self.buf.push(prefix);
                self.at_start = false;
            }
            let line = match memchr::memchr(b'\n', rest.as_bytes()) {
                Some(nl) => {
                    self.at_start = true;
                    &rest[..nl + 1]
                }
                None => rest,
            };
            if line.len() >= CHUNK {
                self.write(false);
                if self.error.is_none() {
                    if let Err(e) = self.out.write_all(line.as_bytes()) {
                        self.error = Some(e);
                    }
                }
            } else {
                self.buf.push_str(line);
                self.write(true);
            }
            rest = &rest[line.len()..];
        }
    }

    /// Ends a text: a last line without `\n` gets one and git's marker.
    fn end_text(&mut self) {
        if !self.at_start {
            self.buf.push_str("\n\\ No newline at end of file\n");
            self.at_start = true;
        }
    }

    /// Hands the buffer to the writer (only once it holds a chunk if `full`).
    fn write(&mut self, full: bool) {
        if (full && self.buf.len() < CHUNK) || self.buf.is_empty() {
            return;
        }
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(self.buf.as_bytes()) {
                self.error = Some(e);
            }
        }
        self.buf.clear();
    }

    /// The first write error so far.
    fn check(&mut self) -> std::io::Result<()> {
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Writes what is left.
    fn finish(mut self) -> std::io::Result<()> {
        self.write(false);
        self.check()
    }
}

/// Forward-only positions in the sorted edits while walking changed lines in order.
#[derive(Debug, Default, Clone, Copy)]
struct Cursors {
    /// The first edit that can touch the current line (`apply_range_from`'s start).
    apply_at: usize,
    /// The first edit that does not end before the current line (for its rules).
    rule_at: usize,
}

impl Cursors {
    fn advance(&mut self, all: &[Edit], window: &Range<usize>) {
        while self.rule_at < all.len() && {
            let e = &all[self.rule_at];
            e.range.end < window.start || (e.range.end == window.start && !e.range.is_empty())
        } {
            self.rule_at += 1;
        }
        while self.apply_at < all.len() && {
            let e = &all[self.apply_at];
            e.range.end <= window.start && !(e.range.is_empty() && e.range.start == window.start)
        } {
            self.apply_at += 1;
        }
    }
}

/// Adds the (rule, kind) of each edit from `all[k..]` that touches the line `window`
/// (an insertion at the very end of a text of `text_len` bytes belongs to its last
/// line), once each.
fn window_rules(
    all: &[Edit],
    mut k: usize,
    window: &Range<usize>,
    text_len: usize,
    rules: &mut Vec<(Rule, Kind)>,
) {
    while let Some(e) = all.get(k) {
        let inside = e.range.start < window.end
            || (e.range.is_empty() && e.range.start == text_len && window.end == text_len);
        if !inside {
            break;
        }
        if !rules.contains(&(e.rule, e.kind)) {
            rules.push((e.rule, e.kind));
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::report::Rule;

    fn diff(text: &str, edits: Vec<Edit>) -> String {
        unified(text, &EditSet::new(edits), "f.txt")
    }

    /// A writer that takes at most 7 bytes per call, to show the stream is whole.
    struct Trickle(Vec<u8>);

    impl std::io::Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = buf.len().min(7);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn streamed_diff_equals_the_in_memory_one_across_chunks() {
        // Every line changes and the lines run into one hunk several chunks long.
        let text: String = (0..20_000).map(|i| format!("l{i} 國\n")).collect();
        let edits: Vec<Edit> = text
            .match_indices('國')
            .map(|(i, _)| Edit::new(i..i + 3, "国", Rule::Traditional, "converted"))
            .collect();
        let set = EditSet::new(edits);
        let whole = unified(&text, &set, "f.txt");
        assert!(whole.len() > 3 * CHUNK);
        assert_eq!(whole.matches("\n@@ ").count(), 1, "one hunk");
        let mut w = Trickle(Vec::new());
        write_unified(&mut w, &text, &set, "a/f.txt", "b/f.txt", CONTEXT).unwrap();
        assert_eq!(String::from_utf8(w.0).unwrap(), whole);
    }

    #[test]
    fn a_line_longer_than_a_chunk_is_written_in_pieces_exactly() {
        // One line of several chunks with no final newline; its edits convert, and one
        // inserts a line break, so the new side is two lines, the last still open.
        let text = "國a".repeat(3 * CHUNK / 4);
        let mut edits: Vec<Edit> = text
            .match_indices('國')
            .map(|(i, _)| Edit::new(i..i + 3, "国", Rule::Traditional, "converted"))
            .collect();
        edits.push(Edit::new(CHUNK + 3..CHUNK + 3, "\n", Rule::Whitespace, "t"));
        let set = EditSet::new(edits);
        let new = set.apply(&text);
        let (head, tail) = new.split_at(new.find('\n').unwrap() + 1);
        let expected = format!(
            "--- a/f.txt\n+++ b/f.txt\n@@ -1 +1,2 @@ traditional[converted], whitespace[t]\n\
             -{text}\n\\ No newline at end of file\n+{head}+{tail}\n\\ No newline at end of file\n"
        );
        assert_eq!(unified(&text, &set, "f.txt"), expected);
        let mut w = Trickle(Vec::new());
        write_unified(&mut w, &text, &set, "a/f.txt", "b/f.txt", CONTEXT).unwrap();
        assert_eq!(String::from_utf8(w.0).unwrap(), expected);
    }

    #[test]
    fn hunks_too_long_to_show_are_skipped_and_later_ones_keep_their_numbers() {
        // Three hunks: a long run of changed lines between two single changes; one line
        // of the long run becomes two, one line after it is removed.
        let mut text = String::from("國\n");
        text.push_str(&"a\n".repeat(20));
        text.push_str(&"國\n".repeat(50));
        text.push_str(&"a\n".repeat(20));
        text.push_str("國\nx\n");
        let mut edits: Vec<Edit> = text
            .match_indices('國')
            .map(|(i, _)| Edit::new(i..i + 3, "国", Rule::Traditional, "converted"))
            .collect();
        let mid = text.match_indices('國').nth(10).unwrap().0;
        edits.push(Edit::new(mid..mid, "新\n", Rule::Whitespace, "t"));
        let x = text.find('x').unwrap();
        edits.push(Edit::new(x..x + 2, "", Rule::Boilerplate, "line"));
        let set = EditSet::new(edits);
        let hunks = Hunks::new(&text, &set, CONTEXT);
        let all: Vec<Hunk> = hunks.iter().collect();
        assert_eq!(all.len(), 3);
        assert_eq!(hunks.count(), 3);
        assert_eq!(hunks.changed_lines(), 53);
        let bounded: Vec<Option<Hunk>> = hunks.iter_upto(10).collect();
        assert!(
            bounded[1].is_none(),
            "the run of 50 changed lines is not built"
        );
        assert_eq!(bounded[0].as_ref(), Some(&all[0]));
        assert_eq!(bounded[2].as_ref(), Some(&all[2]));
        assert_eq!(
            all[2].new_start,
            all[2].old_start + 1,
            "one line more before it"
        );
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
            "--- a/f.txt\n+++ b/f.txt\n@@ -2,7 +2,7 @@ traditional[t]\n 2\n 3\n 4\n-5\n+五\n 6\n 7\n 8\n"
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
            "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,2 @@ boilerplate[line], whitespace[final-newline]\n a\n-b\n-c\n\\ No newline at end of file\n+c\n"
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
        assert!(d.contains("@@ -1,5 +1,4 @@ boilerplate[line]\n"), "{d}");
        assert!(d.contains("@@ -15,6 +14,6 @@ traditional[t]\n"), "{d}");
    }
}
