//! The review page: one self-contained HTML file for reviewing what `clean` changes.
//!
//! The page has a summary table (one row per file: encoding and confidence, characters
//! converted, placeholders, boilerplate lines, problems) and, per file with something to
//! review, a side-by-side view of the original and the cleaned text with character-level
//! highlights (the same pairing of a changed line with what it became, and the same
//! character diff, as the terminal review diff in [`super::diff`]).
//!
//! It must stay usable for a corpus of thousands of files, so:
//! - each file's view is embedded as JSON in a `<script type="application/json">` block
//!   and turned into DOM only when the file is opened (the summary table and one header
//!   per file are the only HTML rendered up front);
//! - only changed hunks are embedded, with [`CONTEXT`] lines of context;
//! - unchanged runs longer than [`ELIDE_OVER`] characters are shortened to their ends;
//! - each file's data is capped at [`Limits::file_bytes`] (later hunks are counted, not
//!   embedded) and the whole page's data at [`Limits::total_bytes`] (later files keep
//!   their summary row and header, without a side-by-side view).
//!
//! Everything from the documents is untrusted: text in HTML is escaped, and JSON inside
//! script tags has `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, so no
//! document can close the tag. The page's script builds the view with text nodes only.
//! A Content-Security-Policy forbids every network load.
//!
//! Pure: takes per-file data, returns strings. File I/O lives in `cli/review.rs`.

use std::fmt::Write as _;
use std::ops::Range;

use serde_json::{json, Value};
use similar::ChangeTag;

use crate::diff::{Hunks, LazyPart, CONTEXT};
use crate::pipeline::Plan;
use crate::report::{visible, Rule, Severity};

/// Unchanged runs longer than this many characters are shown by their first and last
/// [`ELIDE_KEEP`] characters.
pub const ELIDE_OVER: usize = 400;
/// Characters kept at each end of an elided run.
pub const ELIDE_KEEP: usize = 120;
/// At most this many placeholder and boilerplate findings are listed per file.
pub const MAX_FINDINGS_LISTED: usize = 300;

/// Caps on the embedded data, which is what makes the page heavy.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes of JSON per file; hunks past it are counted but not embedded.
    pub file_bytes: usize,
    /// Bytes of JSON for the whole page; files past it get no side-by-side view.
    pub total_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            file_bytes: 256 * 1024,
            total_bytes: 64 * 1024 * 1024,
        }
    }
}

/// One file's row in the summary table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSummary {
    pub name: String,
    pub encoding: Option<String>,
    pub confidence: Option<String>,
    pub converted_chars: usize,
    pub placeholders: usize,
    pub boilerplate_lines: usize,
    pub whitespace_edits: usize,
    /// Lines of the original that cleaning changes or removes.
    pub changed_lines: usize,
    /// Why the file could not be cleaned, or error findings (undecodable bytes replaced).
    pub problems: Vec<String>,
    /// Remarks that are not problems (a binary file skipped).
    pub notes: Vec<String>,
}

/// One file as the page shows it: its summary row and, when it has something to review,
/// its side-by-side data.
#[derive(Debug, Clone)]
pub struct FileView {
    pub summary: FileSummary,
    /// The JSON of the side-by-side view (not yet escaped for a script tag).
    pub data: Option<String>,
    pub hunks: usize,
    /// Hunks left out because of [`Limits::file_bytes`].
    pub omitted_hunks: usize,
}

impl FileView {
    /// A file that could not be cleaned; `reason` says why.
    pub fn problem(
        name: impl Into<String>,
        encoding: Option<String>,
        confidence: Option<String>,
        reason: impl Into<String>,
    ) -> FileView {
        FileView {
            summary: FileSummary {
                name: name.into(),
                encoding,
                confidence,
                problems: vec![reason.into()],
                ..FileSummary::default()
            },
            data: None,
            hunks: 0,
            omitted_hunks: 0,
        }
    }

    /// A file that was skipped without being a problem (binary data).
    pub fn skipped(name: impl Into<String>, note: impl Into<String>) -> FileView {
        FileView {
            summary: FileSummary {
                name: name.into(),
                notes: vec![note.into()],
                ..FileSummary::default()
            },
            data: None,
            hunks: 0,
            omitted_hunks: 0,
        }
    }

    /// A cleaned file. Without `with_data` only the summary is computed (the page's data
    /// budget is used up). `file_bytes` caps the embedded JSON.
    pub fn cleaned(name: &str, c: &Plan, file_bytes: usize, with_data: bool) -> FileView {
        let original = c.source.text.as_str();
        let placeholders: Vec<Range<usize>> = c
            .findings
            .iter()
            .filter(|f| f.rule == Rule::Placeholder)
            .map(|f| f.span.byte_start..f.span.byte_end)
            .collect();
        let mut bp_lines: Vec<usize> = c
            .findings
            .iter()
            .filter(|f| f.rule == Rule::Boilerplate)
            .map(|f| f.span.line)
            .collect();
        bp_lines.dedup();
        let bp_starts: Vec<usize> = bp_lines
            .iter()
            .map(|&l| c.source.index.line_start(l.saturating_sub(1)))
            .collect();
        // Hunks are made only as far as the page shows them: a file of a million changed
        // lines would otherwise hold a hunk line for each (2 GB for 23 MB).
        let hs = Hunks::new(original, &c.edits, CONTEXT);
        let changed_lines = hs.changed_lines();
        let problems = c
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("line {}: {}", f.span.line, f.message))
            .collect();
        let summary = FileSummary {
            name: name.to_string(),
            encoding: Some(c.source.encoding.name().to_string()),
            confidence: Some(c.source.confidence.as_str().to_string()),
            converted_chars: c.changes.converted_chars,
            placeholders: placeholders.len(),
            boilerplate_lines: bp_lines.len(),
            whitespace_edits: c.changes.whitespace_edits,
            changed_lines,
            problems,
            notes: Vec::new(),
        };
        let listed: Vec<Value> = c
            .findings
            .iter()
            .filter(|f| matches!(f.rule, Rule::Placeholder | Rule::Boilerplate))
            .take(MAX_FINDINGS_LISTED)
            .map(|f| {
                json!([
                    f.span.line,
                    f.span.column,
                    format!("{}[{}]", f.rule, f.kind),
                    elide_plain(&f.text, 80)
                ])
            })
            .collect();
        let n_hunks = hs.count();
        if !with_data || (hs.is_empty() && listed.is_empty()) {
            return FileView {
                summary,
                data: None,
                hunks: n_hunks,
                omitted_hunks: 0,
            };
        }
        let marks = Marks {
            placeholders: &placeholders,
            bp_starts: &bp_starts,
        };
        // The findings list takes at most a quarter of the file's budget.
        let mut findings_json = String::from("[");
        for f in listed {
            let f = f.to_string();
            if findings_json.len() + f.len() + 2 > file_bytes / 4 {
                break;
            }
            if findings_json.len() > 1 {
                findings_json.push(',');
            }
            findings_json.push_str(&f);
        }
        findings_json.push(']');
        // `{"h":[…],"o":N,"f":[…]}`: the frame is small; hunks fill the rest of the budget.
        let mut used = findings_json.len() + 32;
        let mut hunks_json = String::from("[");
        let mut shown = 0;
        // Every line of a hunk is a row of at least this many bytes: a hunk of more lines
        // than the budget holds such rows cannot be shown, and is not built.
        const MIN_ROW_BYTES: usize = 16;
        for h in hs.iter_lazy() {
            if h.span() > file_bytes / MIN_ROW_BYTES {
                break;
            }
            // What the hunk may take (and a comma before all but the first).
            let room = file_bytes.saturating_sub(used + usize::from(shown > 0));
            let Some(hv) = hunk_json(original, &h, &marks, room) else {
                break;
            };
            if shown > 0 {
                hunks_json.push(',');
            }
            used += hv.len() + 1;
            hunks_json.push_str(&hv);
            shown += 1;
        }
        hunks_json.push(']');
        let data = format!(
            "{{\"h\":{hunks_json},\"o\":{},\"f\":{findings_json}}}",
            n_hunks - shown
        );
        FileView {
            summary,
            data: Some(data),
            hunks: n_hunks,
            omitted_hunks: n_hunks - shown,
        }
    }
}

/// What to mark in unchanged text.
struct Marks<'a> {
    /// Placeholder byte ranges of the original, sorted.
    placeholders: &'a [Range<usize>],
    /// Start bytes of boilerplate lines, sorted.
    bp_starts: &'a [usize],
}

impl Marks<'_> {
    fn is_boilerplate_line(&self, line_start: usize) -> bool {
        self.bp_starts.binary_search(&line_start).is_ok()
    }
}

fn strip_eol(s: &str) -> &str {
    s.strip_suffix('\n').unwrap_or(s)
}

/// `text` cut to `max` characters with `…`.
fn elide_plain(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Segments of one side of a row: plain text is a JSON string; marked text is
/// `[class, text]` with class `d` (deleted), `i` (inserted), `p` (placeholder) or `e`
/// (an elided run, its text says how long).
#[derive(Default)]
struct Segs(Vec<Value>);

impl Segs {
    fn push(&mut self, class: Option<&str>, text: &str) {
        if text.is_empty() {
            return;
        }
        match class {
            None => {
                if let Some(Value::String(last)) = self.0.last_mut() {
                    last.push_str(text);
                } else {
                    self.0.push(Value::String(text.to_string()));
                }
            }
            Some(c) => {
                if let Some(Value::Array(last)) = self.0.last_mut() {
                    if last[0] == c {
                        if let Value::String(s) = &mut last[1] {
                            s.push_str(text);
                            return;
                        }
                    }
                }
                self.0.push(json!([c, text]));
            }
        }
    }

    /// Unchanged text at byte `base` of the original, placeholders marked, long runs
    /// elided.
    fn equal(&mut self, text: &str, base: usize, marks: &Marks) {
        let n = text.chars().count();
        if n > ELIDE_OVER {
            let head = text
                .char_indices()
                .nth(ELIDE_KEEP)
                .map_or(text.len(), |x| x.0);
            let tail = text
                .char_indices()
                .nth(n - ELIDE_KEEP)
                .map_or(text.len(), |x| x.0);
            self.marked(&text[..head], base, marks);
            self.push(
                Some("e"),
                &format!("⋯ {} unchanged characters ⋯", n - 2 * ELIDE_KEEP),
            );
            self.marked(&text[tail..], base + tail, marks);
        } else {
            self.marked(text, base, marks);
        }
    }

    fn marked(&mut self, text: &str, base: usize, marks: &Marks) {
        let spans = marks.placeholders;
        let end = base + text.len();
        let mut i = spans.partition_point(|r| r.end <= base);
        let mut pos = base;
        while i < spans.len() && spans[i].start < end {
            let s = spans[i].start.max(pos);
            let e = spans[i].end.min(end);
            if s > pos {
                self.push(None, &text[pos - base..s - base]);
            }
            if e > s {
                self.push(Some("p"), &text[s - base..e - base]);
            }
            pos = pos.max(e);
            i += 1;
        }
        self.push(None, &text[pos - base..]);
    }

    /// A whole removed line, as written, long lines elided.
    fn removed(&mut self, text: &str) {
        self.elided_change("d", text);
    }

    /// Deleted or inserted text, invisible characters made visible, long runs elided.
    fn changed(&mut self, class: &str, text: &str) {
        // `visible` maps a character to one character: a long run is cut first and only
        // its ends made visible (a changed line of 18 MB is not copied to be shortened).
        if text.len() > ELIDE_OVER * 4 * 4 {
            let n = text.chars().count();
            if n > ELIDE_OVER * 4 {
                let head = text.char_indices().nth(ELIDE_KEEP).map_or(0, |x| x.0);
                let tail = text.char_indices().nth(n - ELIDE_KEEP).map_or(0, |x| x.0);
                let ends = format!("{}{}", &text[..head], &text[tail..]);
                let shown: String = ends.chars().map(visible).collect();
                let cut = shown.char_indices().nth(ELIDE_KEEP).map_or(0, |x| x.0);
                self.push(Some(class), &shown[..cut]);
                self.push(
                    Some("e"),
                    &format!("⋯ {} more characters ⋯", n - 2 * ELIDE_KEEP),
                );
                self.push(Some(class), &shown[cut..]);
                return;
            }
        }
        let shown: String = text.chars().map(visible).collect();
        self.elided_change(class, &shown);
    }

    fn elided_change(&mut self, class: &str, shown: &str) {
        let n = shown.chars().count();
        if n > ELIDE_OVER * 4 {
            let head = shown.char_indices().nth(ELIDE_KEEP).map_or(0, |x| x.0);
            let tail = shown.char_indices().nth(n - ELIDE_KEEP).map_or(0, |x| x.0);
            self.push(Some(class), &shown[..head]);
            self.push(
                Some("e"),
                &format!("⋯ {} more characters ⋯", n - 2 * ELIDE_KEEP),
            );
            self.push(Some(class), &shown[tail..]);
        } else {
            self.push(Some(class), shown);
        }
    }

    fn into_value(self) -> Value {
        Value::Array(self.0)
    }
}

/// Row kinds in the JSON: context, a changed line, a boilerplate line (removed or kept).
const ROW_CONTEXT: u8 = 0;
const ROW_CHANGE: u8 = 1;
const ROW_BOILERPLATE_CONTEXT: u8 = 2;

/// A hunk as `{"h": header, "r": rows}`; a row is `[kind, old line or 0, old segments,
/// new line or 0, new segments, rules]`. The first row of each run of changed lines has
/// kind 1 or 3 (3 = the run starts here; the page's "next change" stops on it).
/// A hunk's JSON, `{"h":HEADER,"r":[ROW,…]}`, made a row at a time and given up (`None`)
/// as soon as it is longer than `room` bytes: a file whose every line changed is one
/// hunk, and its rows as JSON values took 50 times its text (100 MB for 2 MB) only to be
/// found too long for the page.
fn hunk_json(
    original: &str,
    h: &crate::diff::LazyHunk,
    marks: &Marks,
    room: usize,
) -> Option<String> {
    let mut out = String::from("{\"h\":");
    out.push_str(&Value::String(h.header()).to_string());
    out.push_str(",\"r\":[");
    let mut rows = 0usize;
    let mut push = |row: Value| {
        if rows > 0 {
            out.push(',');
        }
        rows += 1;
        out.push_str(&row.to_string());
        // The closing `]}` still to come.
        out.len() + 2 <= room
    };
    let mut old_no = h.old_start;
    let mut new_no = h.new_start;
    for part in h.parts() {
        match part {
            LazyPart::Context(text) => {
                let mut base = text.as_ptr() as usize - original.as_ptr() as usize;
                for line in text.split_inclusive('\n') {
                    let body = strip_eol(line);
                    let mut segs = Segs::default();
                    segs.equal(body, base, marks);
                    let segs = segs.into_value();
                    let kind = if marks.is_boilerplate_line(base) {
                        ROW_BOILERPLATE_CONTEXT
                    } else {
                        ROW_CONTEXT
                    };
                    if !push(json!([kind, old_no, segs.clone(), new_no, segs, ""])) {
                        return None;
                    }
                    old_no += 1;
                    new_no += 1;
                    base += line.len();
                }
            }
            LazyPart::Change(lines) => {
                let mut first = true;
                for i in lines {
                    let l = &h.line(i);
                    let rules = l
                        .rules
                        .iter()
                        .map(|(r, k)| format!("{r}[{k}]"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let kind = if first { 3 } else { ROW_CHANGE };
                    first = false;
                    let (left, right) = change_segments(l.old, &l.new, l.old_start, marks);
                    let mut right = right.into_iter();
                    let first_right = right.next();
                    let (rn, rv) = match first_right {
                        Some(segs) => {
                            new_no += 1;
                            (new_no - 1, segs)
                        }
                        None => (0, Value::Null),
                    };
                    if !push(json!([kind, old_no, left, rn, rv, rules])) {
                        return None;
                    }
                    old_no += 1;
                    for segs in right {
                        if !push(json!([ROW_CHANGE, 0, Value::Null, new_no, segs, rules])) {
                            return None;
                        }
                        new_no += 1;
                    }
                }
            }
        }
    }
    out.push_str("]}");
    Some(out)
}

/// Changed lines longer than this are shown whole on both sides, not diffed by characters.
const INLINE_MAX_BYTES: usize = 1 << 16;

/// The left segments of a changed line and the right segments of each line it became
/// (none when it was removed).
fn change_segments(old: &str, new: &str, old_start: usize, marks: &Marks) -> (Value, Vec<Value>) {
    let old_body = strip_eol(old);
    if new.is_empty() {
        let mut left = Segs::default();
        if old_body.trim().is_empty() {
            // Whitespace only: show what it was.
            left.changed("d", old_body);
        } else {
            // A removed line (boilerplate) reads better as it was written.
            left.removed(old_body);
        }
        if old.ends_with('\n') && old_body.is_empty() {
            // A removed blank line: show its line end so the row is not empty.
            left.changed("d", "\n");
        }
        return (left.into_value(), Vec::new());
    }
    let new_body = strip_eol(new);
    if old_body.len() > INLINE_MAX_BYTES || new_body.len() > INLINE_MAX_BYTES {
        // Too long to diff by characters (the diff holds a token per character of both
        // sides: 400 MB for a line of 18 MB): both sides whole, their runs elided.
        let mut left = Segs::default();
        left.changed("d", old_body);
        let mut right: Vec<Segs> = vec![Segs::default()];
        push_lines(&mut right, new_body, |segs, piece| segs.changed("i", piece));
        return line_ends(old, new, left, right);
    }
    let mut left = Segs::default();
    // Right-hand segments line by line: the new text may be several lines.
    let mut right: Vec<Segs> = vec![Segs::default()];
    let mut old_byte = 0usize;
    // The character diff yields one change per character: join runs of the same tag.
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for (t, v) in super::diff::char_diff(old_body, new_body) {
        match runs.last_mut() {
            Some((tag, run)) if *tag == t => run.push_str(v),
            _ => runs.push((t, v.to_string())),
        }
    }
    for (tag, v) in &runs {
        let v = v.as_str();
        match tag {
            ChangeTag::Equal => {
                left.equal(v, old_start + old_byte, marks);
                push_lines(&mut right, v, |segs, piece| {
                    segs.equal(piece, old_start + old_byte, marks)
                });
                old_byte += v.len();
            }
            ChangeTag::Delete => {
                left.changed("d", v);
                old_byte += v.len();
            }
            ChangeTag::Insert => {
                push_lines(&mut right, v, |segs, piece| segs.changed("i", piece));
            }
        }
    }
    line_ends(old, new, left, right)
}

/// The segments as values, with a line end added or removed (a final newline) shown as a
/// change of its own.
fn line_ends(old: &str, new: &str, mut left: Segs, mut right: Vec<Segs>) -> (Value, Vec<Value>) {
    match (old.ends_with('\n'), new.ends_with('\n')) {
        (false, true) => right.last_mut().unwrap().changed("i", "\n"),
        (true, false) => left.changed("d", "\n"),
        _ => {}
    }
    (
        left.into_value(),
        right.into_iter().map(Segs::into_value).collect(),
    )
}

/// Splits `text` at `\n` across `lines`, starting a new line after each `\n`. The
/// placeholder offsets of text after a `\n` in an Equal run are not tracked (the
/// pipeline never moves text across lines, so this does not arise).
fn push_lines(lines: &mut Vec<Segs>, text: &str, mut f: impl FnMut(&mut Segs, &str)) {
    let mut parts = text.split('\n');
    if let Some(first) = parts.next() {
        f(lines.last_mut().unwrap(), first);
    }
    for p in parts {
        lines.push(Segs::default());
        f(lines.last_mut().unwrap(), p);
    }
}

/// The page being built: summary rows and per-file sections, in input order.
#[derive(Debug)]
pub struct Page {
    limits: Limits,
    /// Each file, without its view's data: the summary table at the top needs them all.
    files: Vec<FileView>,
    /// Whether each file has a section below the table.
    sectioned: Vec<bool>,
    /// The files' sections, rendered as the files are added. They follow the summary
    /// table, so they wait: in memory up to [`SECTIONS_IN_MEMORY`] bytes, in a temporary
    /// file past that (a page embeds up to 64 MiB of data, which held in memory was
    /// most of a review's peak over a tree of small files).
    sections: tempfile::SpooledTempFile,
    /// The first failure to keep a section, told when the page is written.
    spool_error: Option<std::io::Error>,
    data_bytes: usize,
}

/// Sections kept in memory before they go to a temporary file.
const SECTIONS_IN_MEMORY: usize = 4 << 20;

impl Page {
    pub fn new(limits: Limits) -> Page {
        Page {
            limits,
            files: Vec::new(),
            sectioned: Vec::new(),
            sections: tempfile::spooled_tempfile(SECTIONS_IN_MEMORY),
            spool_error: None,
            data_bytes: 0,
        }
    }

    /// Whether later files can still have their data embedded.
    pub fn has_budget(&self) -> bool {
        self.data_bytes < self.limits.total_bytes
    }

    /// The per-file cap on embedded data.
    pub fn file_bytes(&self) -> usize {
        self.limits.file_bytes
    }

    /// Adds a file. Its data is dropped when it would overflow the page's budget.
    pub fn push(&mut self, mut view: FileView) {
        let mut dropped = false;
        if let Some(d) = &view.data {
            if !self.has_budget() || self.data_bytes + d.len() > self.limits.total_bytes {
                view.data = None;
                dropped = true;
                // The budget is spent: no later file gets a view either, so the files
                // with views are exactly the first ones.
                self.data_bytes = self.limits.total_bytes;
            } else {
                self.data_bytes += d.len();
            }
        } else if view.hunks > 0 && !self.has_budget() {
            dropped = true;
        }
        let sectioned = has_section(&view);
        if sectioned && self.spool_error.is_none() {
            let mut section = String::new();
            self.render_file(&mut section, self.files.len(), &view, dropped);
            if let Err(e) = std::io::Write::write_all(&mut self.sections, section.as_bytes()) {
                self.spool_error = Some(e);
            }
        }
        view.data = None;
        self.files.push(view);
        self.sectioned.push(sectioned);
    }

    /// Whether some file has problems.
    pub fn has_problems(&self) -> bool {
        self.files.iter().any(|f| !f.summary.problems.is_empty())
    }

    /// The whole page.
    pub fn render(&mut self) -> String {
        let mut out = Vec::with_capacity(self.data_bytes + 16 * 1024 + self.files.len() * 600);
        self.write(&mut out).expect("writing to memory");
        String::from_utf8(out).expect("the page is UTF-8")
    }

    /// [`Page::render`] written to `out`: the summary, then the sections kept since the
    /// files were added, copied over.
    pub fn write(&mut self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        if let Some(e) = &self.spool_error {
            return Err(std::io::Error::new(e.kind(), e.to_string()));
        }
        let mut out = String::with_capacity(16 * 1024 + self.files.len() * 600);
        let n = self.files.len();
        let problems = self
            .files
            .iter()
            .filter(|f| !f.summary.problems.is_empty())
            .count();
        let changed = self.files.iter().filter(|f| f.hunks > 0).count();
        out.push_str(HEAD);
        let _ = writeln!(
            out,
            "<header><h1>zhclean review</h1><p class=\"totals\">{n} file{}, {changed} with changes, {problems} with problems</p></header>",
            plural(n)
        );
        out.push_str(TOOLBAR);
        out.push_str(LEGEND);
        self.render_summary(&mut out);
        out.push_str("<main id=\"files\">\n");
        w.write_all(out.as_bytes())?;
        out.clear();
        std::io::Seek::seek(&mut self.sections, std::io::SeekFrom::Start(0))?;
        std::io::copy(&mut self.sections, w)?;
        out.push_str("</main>\n");
        let _ = writeln!(
            out,
            "<footer><p>Limits: side-by-side data is embedded only for changed hunks ({CONTEXT} lines of context), at most {} KiB per file and {} MiB per page; unchanged runs over {ELIDE_OVER} characters are shortened. Views are built when a file is opened.</p></footer>",
            self.limits.file_bytes / 1024,
            self.limits.total_bytes / (1024 * 1024)
        );
        out.push_str("<script>");
        out.push_str(SCRIPT);
        out.push_str("</script>\n</body>\n</html>\n");
        w.write_all(out.as_bytes())
    }

    fn render_summary(&self, out: &mut String) {
        out.push_str(
            "<section id=\"summary\"><h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr>\
<th>#</th><th>File</th><th>Encoding</th><th>Confidence</th><th class=\"num\">Converted chars</th>\
<th class=\"num\">Placeholders</th><th class=\"num\">Boilerplate lines</th>\
<th class=\"num\">Whitespace edits</th><th class=\"num\">Changed lines</th><th>Problems</th></tr></thead>\n<tbody>\n",
        );
        let mut total = FileSummary::default();
        for (i, f) in self.files.iter().enumerate() {
            let s = &f.summary;
            total.converted_chars += s.converted_chars;
            total.placeholders += s.placeholders;
            total.boilerplate_lines += s.boilerplate_lines;
            total.whitespace_edits += s.whitespace_edits;
            total.changed_lines += s.changed_lines;
            let mut class = String::from("row");
            if !s.problems.is_empty() {
                class.push_str(" problem");
            }
            if f.hunks > 0 {
                class.push_str(" changed");
            }
            let _ = write!(
                out,
                "<tr class=\"{class}\" id=\"s-{i}\" data-file=\"{i}\"><td class=\"num\">{}</td><td class=\"name\">",
                i + 1
            );
            if self.sectioned[i] {
                let _ = write!(out, "<a href=\"#f-{i}\">{}</a>", esc(&s.name));
            } else {
                out.push_str(&esc(&s.name));
            }
            let _ = write!(
                out,
                "</td><td>{}</td><td class=\"conf-{}\">{}</td>",
                esc(s.encoding.as_deref().unwrap_or("—")),
                esc(s.confidence.as_deref().unwrap_or("none")),
                esc(s.confidence.as_deref().unwrap_or("—")),
            );
            for v in [
                s.converted_chars,
                s.placeholders,
                s.boilerplate_lines,
                s.whitespace_edits,
                s.changed_lines,
            ] {
                let _ = write!(out, "<td class=\"num{}\">{v}</td>", zero(v));
            }
            out.push_str("<td class=\"problems\">");
            for p in &s.problems {
                let _ = write!(out, "<div class=\"problem\">{}</div>", esc(p));
            }
            for note in &s.notes {
                let _ = write!(out, "<div class=\"note\">{}</div>", esc(note));
            }
            out.push_str("</td></tr>\n");
        }
        let _ = write!(
            out,
            "</tbody>\n<tfoot><tr><td></td><td>{} file{}</td><td></td><td></td>",
            self.files.len(),
            plural(self.files.len())
        );
        for v in [
            total.converted_chars,
            total.placeholders,
            total.boilerplate_lines,
            total.whitespace_edits,
            total.changed_lines,
        ] {
            let _ = write!(out, "<td class=\"num\">{v}</td>");
        }
        let problems = self
            .files
            .iter()
            .filter(|f| !f.summary.problems.is_empty())
            .count();
        let _ = writeln!(
            out,
            "<td>{problems} file{} with problems</td></tr></tfoot>\n</table>\n</section>",
            plural(problems)
        );
    }

    /// File `i`'s section; `unembedded` when its data was dropped for the page's budget.
    fn render_file(&self, out: &mut String, i: usize, f: &FileView, unembedded: bool) {
        if !has_section(f) {
            return;
        }
        let s = &f.summary;
        let _ = write!(
            out,
            "<section class=\"file{}\" id=\"f-{i}\" data-file=\"{i}\" data-hunks=\"{}\">\n<h2>{}<span class=\"fname\">{}</span> <a class=\"up\" href=\"#s-{i}\" title=\"Back to the summary\">↑</a> <span class=\"stats\">",
            if s.problems.is_empty() { "" } else { " problem" },
            if f.data.is_some() { f.hunks - f.omitted_hunks } else { 0 },
            if f.data.is_some() {
                "<button type=\"button\" class=\"toggle\" aria-expanded=\"false\" title=\"Show or hide\">▸</button> "
            } else {
                "<span class=\"toggle\"></span> "
            },
            esc(&s.name),
        );
        let mut stats: Vec<String> = Vec::new();
        if f.hunks > 0 {
            stats.push(format!("{} hunk{}", f.hunks, plural(f.hunks)));
        }
        if s.converted_chars > 0 {
            stats.push(format!("{} converted", s.converted_chars));
        }
        if s.placeholders > 0 {
            stats.push(format!(
                "{} placeholder{}",
                s.placeholders,
                plural(s.placeholders)
            ));
        }
        if s.boilerplate_lines > 0 {
            stats.push(format!("{} boilerplate", s.boilerplate_lines));
        }
        out.push_str(&esc(&stats.join(" · ")));
        out.push_str("</span></h2>\n");
        for p in &s.problems {
            let _ = writeln!(out, "<p class=\"problem\">Problem: {}</p>", esc(p));
        }
        if unembedded {
            let _ = writeln!(
                out,
                "<p class=\"note\">Not embedded: the page's data budget ({} MiB) was used up by earlier files. Run <code>zhclean diff</code> on this file, or review fewer files per page.</p>",
                self.limits.total_bytes / (1024 * 1024)
            );
        }
        if f.data.is_some() && f.omitted_hunks > 0 {
            let _ = writeln!(
                out,
                "<p class=\"note\">{} of {} hunks are shown (the per-file limit is {} KiB); run <code>zhclean diff</code> on this file for the rest.</p>",
                f.hunks - f.omitted_hunks,
                f.hunks,
                self.limits.file_bytes / 1024
            );
        }
        if let Some(d) = &f.data {
            out.push_str("<div class=\"view\" hidden></div>\n");
            let _ = writeln!(
                out,
                "<script type=\"application/json\" id=\"d-{i}\">{}</script>",
                json_for_script(d)
            );
        }
        out.push_str("</section>\n");
    }
}

/// Files with something to show below the summary get a section of their own.
fn has_section(f: &FileView) -> bool {
    f.data.is_some() || f.hunks > 0 || !f.summary.problems.is_empty()
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn zero(v: usize) -> &'static str {
    if v == 0 {
        " zero"
    } else {
        ""
    }
}

/// HTML-escapes text for element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON made safe inside `<script type="application/json">`: `<`, `>` and `&` (which can
/// only occur inside JSON strings) become `\u003c`, `\u003e`, `\u0026`, so no `</script>`
/// or `<!--` can appear; U+2028 and U+2029 are escaped too.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>zhclean review</title>
<style>
:root { --del: #ffd7d5; --del-hi: #f19b95; --ins: #d5f5dc; --ins-hi: #7ed491; --ph: #a3009a;
  --bp: #fff1c2; --line: #6e7781; --border: #d0d7de; --head: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; color: #1f2328; background: #fff; }
header, #summary, #files, footer, .legend { padding: 0 16px; }
header h1 { font-size: 20px; margin: 12px 0 2px; }
.totals { margin: 0 0 8px; color: #57606a; }
.toolbar { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: 6px; align-items: center;
  padding: 6px 16px; background: #f6f8fa; border-bottom: 1px solid var(--border); }
.toolbar button { font: inherit; padding: 2px 10px; border: 1px solid var(--border); border-radius: 6px; background: #fff; cursor: pointer; }
.toolbar button:hover { background: #eef1f4; }
.toolbar input[type=search] { font: inherit; padding: 2px 6px; border: 1px solid var(--border); border-radius: 6px; width: 16em; }
.toolbar .where { color: #57606a; margin-left: auto; }
.toolbar kbd, .legend kbd { font: 12px ui-monospace, monospace; border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; background: #fff; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: center; margin: 8px 0; color: #57606a; font-size: 13px; }
.legend .swatch { display: inline-block; padding: 0 4px; margin-right: 4px; border-radius: 3px; color: #1f2328; }
table.summary { border-collapse: collapse; width: 100%; font-size: 13px; }
table.summary th, table.summary td { border-bottom: 1px solid var(--border); padding: 3px 8px; text-align: left; vertical-align: top; }
table.summary th { background: var(--head); position: sticky; top: 38px; }
table.summary .num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary .zero { color: #afb8c1; }
table.summary tr.problem td { background: #fff0ef; }
table.summary td.name a { color: #0969da; text-decoration: none; }
table.summary tfoot td { font-weight: 600; border-top: 2px solid var(--border); }
.conf-high { color: #1a7f37; } .conf-medium { color: #9a6700; } .conf-low, .conf-none { color: #cf222e; }
div.problem, p.problem { color: #cf222e; }
div.note, p.note { color: #57606a; }
section.file { border: 1px solid var(--border); border-radius: 6px; margin: 12px 0; }
section.file.problem { border-color: #ff8182; }
section.file > h2 { font-size: 14px; margin: 0; padding: 6px 8px; background: var(--head); border-radius: 6px 6px 0 0; display: flex; gap: 8px; align-items: baseline; }
section.file > h2 .fname { font-weight: 600; word-break: break-all; cursor: pointer; }
section.file > h2 .stats { font-weight: normal; color: #57606a; margin-left: auto; }
section.file > h2 a.up { text-decoration: none; color: #57606a; }
section.file > p { margin: 6px 10px; }
section.file.current > h2 { background: #ddf4ff; }
.toggle { display: inline-block; border: none; background: none; cursor: pointer; font-size: 14px; width: 1.5em; padding: 0; }
table.sbs { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 14px; }
table.sbs col.no { width: 3.5em; } table.sbs col.rule { width: 11em; }
table.sbs td { padding: 1px 6px; vertical-align: top; white-space: pre-wrap; word-break: break-all; border: none; }
table.sbs td.no { color: var(--line); text-align: right; font: 12px/1.9 ui-monospace, monospace; user-select: none; }
table.sbs td.rule { color: #57606a; font-size: 11px; white-space: normal; word-break: normal; }
table.sbs tr.hunk td { background: #ddf4ff; color: #0550ae; font: 12px ui-monospace, monospace; padding: 3px 6px; }
table.sbs tr.chg td.old { background: #fff5f4; } table.sbs tr.chg td.new { background: #f3fcf5; }
table.sbs tr.chg td.gone { background: repeating-linear-gradient(135deg, #f6f8fa 0 6px, #fff 6px 12px); }
table.sbs tr.bp td.old, table.sbs tr.bp td.new { background: var(--bp); }
table.sbs tr.bp td.no { box-shadow: inset 3px 0 #d4a72c; }
table.sbs tr.stop.current td.no { box-shadow: inset 4px 0 #0969da; }
del { background: var(--del-hi); text-decoration: none; border-radius: 2px; }
ins { background: var(--ins-hi); text-decoration: none; border-radius: 2px; }
mark.ph { background: none; color: var(--ph); font-weight: 600; text-decoration: underline wavy var(--ph); }
.elided { color: #8c959f; font-style: italic; font-size: 12px; background: #f6f8fa; }
.findings { margin: 6px 10px 10px; font-size: 13px; color: #57606a; }
.findings summary { cursor: pointer; }
.findings ol { margin: 4px 0; padding-left: 2em; columns: 2; }
footer { color: #57606a; font-size: 12px; margin: 16px 0; }
tr[hidden] { display: none; }
</style>
</head>
<body>
"#;

const TOOLBAR: &str = r#"<nav class="toolbar" aria-label="Navigation">
<button type="button" id="prev-change" title="Previous change (k)">▲ Change</button>
<button type="button" id="next-change" title="Next change (j)">▼ Change</button>
<button type="button" id="prev-file" title="Previous file (p)">◀ File</button>
<button type="button" id="next-file" title="Next file (n)">▶ File</button>
<input type="search" id="filter" placeholder="Filter files by name" aria-label="Filter files by name">
<label><input type="checkbox" id="only-changed"> only files with changes or problems</label>
<span class="where" id="where"><kbd>j</kbd>/<kbd>k</kbd> changes · <kbd>n</kbd>/<kbd>p</kbd> files</span>
</nav>
"#;

const LEGEND: &str = r#"<div class="legend" id="legend"><strong>Legend:</strong>
<span><del class="swatch">刪</del>removed characters</span>
<span><ins class="swatch">删</ins>added characters</span>
<span><mark class="ph swatch">X</mark>redaction placeholder</span>
<span><span class="swatch" style="background:var(--bp)">首页 &gt; 政务公开</span>boilerplate line</span>
<span><span class="swatch elided">⋯</span>unchanged text shortened</span>
<span>whitespace shown as <kbd>·</kbd> space <kbd>⍽</kbd> NBSP <kbd>□</kbd> ideographic space <kbd>¤</kbd> zero-width <kbd>→</kbd> tab <kbd>␍</kbd> CR <kbd>⏎</kbd> line end</span>
</div>
"#;

const SCRIPT: &str = r#"
(function () {
  "use strict";
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.summary tbody tr"));
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.appendChild(document.createTextNode(text));
    return e;
  }
  var SEG = { d: "del", i: "ins", p: "mark", e: "span" };
  var SEGCLASS = { d: "", i: "", p: "ph", e: "elided" };
  function cell(cls, segs) {
    var td = el("td", cls);
    if (segs === null) { td.className += " gone"; return td; }
    for (var i = 0; i < segs.length; i++) {
      var s = segs[i];
      if (typeof s === "string") td.appendChild(document.createTextNode(s));
      else td.appendChild(el(SEG[s[0]] || "span", SEGCLASS[s[0]], s[1]));
    }
    return td;
  }
  function build(sec) {
    var view = sec.querySelector(".view");
    if (!view || view.dataset.built) return view;
    var script = document.getElementById("d-" + sec.dataset.file);
    var data = JSON.parse(script.textContent);
    if (data.h.length) view.appendChild(table(data));
    if (data.f.length) view.appendChild(findings(data.f));
    view.dataset.built = "1";
    return view;
  }
  function table(data) {
    var table = el("table", "sbs");
    var cg = el("colgroup");
    ["no", "", "no", "", "rule"].forEach(function (c) { cg.appendChild(el("col", c)); });
    table.appendChild(cg);
    var tb = el("tbody");
    data.h.forEach(function (h) {
      var tr = el("tr", "hunk");
      var td = el("td", "", h.h); td.colSpan = 5; tr.appendChild(td); tb.appendChild(tr);
      h.r.forEach(function (r) {
        var kind = r[0], cls = [];
        if (kind === 1 || kind === 3) cls.push("chg");
        if (kind === 3) cls.push("stop");
        if (kind === 2 || r[5].indexOf("boilerplate") >= 0) cls.push("bp");
        var row = el("tr", cls.join(" "));
        row.appendChild(el("td", "no", r[1] ? String(r[1]) : ""));
        row.appendChild(cell("old", r[2]));
        row.appendChild(el("td", "no", r[3] ? String(r[3]) : ""));
        row.appendChild(cell("new", r[4]));
        row.appendChild(el("td", "rule", kind === 2 ? "boilerplate (kept)" : r[5]));
        tb.appendChild(row);
      });
    });
    table.appendChild(tb);
    return table;
  }
  function findings(list) {
    var det = el("details", "findings");
    det.appendChild(el("summary", "", list.length + " placeholder and boilerplate finding" + (list.length === 1 ? "" : "s") + " (line:column rule text)"));
    var ol = el("ol");
    list.forEach(function (f) { ol.appendChild(el("li", "", f[0] + ":" + f[1] + " " + f[2] + " " + f[3])); });
    det.appendChild(ol);
    return det;
  }
  function open(sec, show) {
    var view = build(sec);
    var btn = sec.querySelector(".toggle");
    if (!view) return;
    view.hidden = !show;
    btn.textContent = show ? "▾" : "▸";
    btn.setAttribute("aria-expanded", String(show));
  }
  function isOpen(sec) { var v = sec.querySelector(".view"); return v && !v.hidden; }
  function visible(sec) { return !sec.hidden; }
  var current = null;
  function setCurrent(sec) {
    if (current) current.classList.remove("current");
    current = sec;
    if (sec) {
      sec.classList.add("current");
      var name = sec.querySelector(".fname").textContent;
      document.getElementById("where").textContent = "File " + (+sec.dataset.file + 1) + " of " + rows.length + ": " + name;
    }
  }
  var offset = function () { return document.querySelector(".toolbar").offsetHeight + 4; };
  function scrollTo(node) { window.scrollTo(0, node.getBoundingClientRect().top + window.pageYOffset - offset()); }
  function goFile(sec) { if (!sec) return; open(sec, true); setCurrent(sec); scrollTo(sec); }
  function stops() {
    var out = [];
    sections.forEach(function (s) { if (visible(s) && isOpen(s)) out.push.apply(out, s.querySelectorAll("tr.stop")); });
    return out;
  }
  var curStop = null;
  function markStop(tr) {
    if (curStop) curStop.classList.remove("current");
    curStop = tr; tr.classList.add("current");
    setCurrent(tr.closest("section.file"));
    scrollTo(tr);
  }
  function withHunks(from, step) {
    for (var i = from; i >= 0 && i < sections.length; i += step) {
      var s = sections[i];
      if (visible(s) && +s.dataset.hunks > 0) return s;
    }
    return null;
  }
  function nextChange(step) {
    var all = stops(), y = offset() + 1;
    var i = curStop ? all.indexOf(curStop) : -1;
    var target = null;
    if (i >= 0 && all[i + step]) target = all[i + step];
    else if (i < 0) {
      for (var k = 0; k < all.length; k++) {
        var t = all[step > 0 ? k : all.length - 1 - k].getBoundingClientRect().top;
        if (step > 0 ? t > y : t < y - 1) { target = all[step > 0 ? k : all.length - 1 - k]; break; }
      }
    }
    if (!target) {
      var base = curStop ? curStop.closest("section.file") : current;
      var idx = base ? sections.indexOf(base) + step : (step > 0 ? 0 : sections.length - 1);
      var sec = withHunks(idx, step);
      if (!sec) return;
      open(sec, true);
      var ss = sec.querySelectorAll("tr.stop");
      target = step > 0 ? ss[0] : ss[ss.length - 1];
      if (!target) return;
    }
    markStop(target);
  }
  function nextFile(step) {
    var i = current ? sections.indexOf(current) + step : (step > 0 ? 0 : sections.length - 1);
    for (; i >= 0 && i < sections.length; i += step) if (visible(sections[i])) { goFile(sections[i]); return; }
  }
  document.getElementById("next-change").onclick = function () { nextChange(1); };
  document.getElementById("prev-change").onclick = function () { nextChange(-1); };
  document.getElementById("next-file").onclick = function () { nextFile(1); };
  document.getElementById("prev-file").onclick = function () { nextFile(-1); };
  sections.forEach(function (sec) {
    if (!sec.querySelector(".view")) return;
    var toggle = function () { var o = !isOpen(sec); open(sec, o); setCurrent(sec); };
    sec.querySelector(".toggle").onclick = toggle;
    sec.querySelector(".fname").onclick = toggle;
  });
  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT" || e.ctrlKey || e.metaKey || e.altKey) return;
    var f = { j: function () { nextChange(1); }, k: function () { nextChange(-1); },
              n: function () { nextFile(1); }, p: function () { nextFile(-1); } }[e.key];
    if (f) { e.preventDefault(); f(); }
  });
  function applyFilter() {
    var q = document.getElementById("filter").value.toLowerCase();
    var only = document.getElementById("only-changed").checked;
    rows.forEach(function (r) {
      var name = r.querySelector(".name").textContent.toLowerCase();
      var hide = (q && name.indexOf(q) < 0) || (only && !r.classList.contains("changed") && !r.classList.contains("problem"));
      r.hidden = !!hide;
      var sec = document.getElementById("f-" + r.dataset.file);
      if (sec) sec.hidden = !!hide;
    });
  }
  document.getElementById("filter").oninput = applyFilter;
  document.getElementById("only-changed").onchange = applyFilter;
  function fromHash() {
    var m = /^#f-(\d+)$/.exec(location.hash);
    if (m) { var sec = document.getElementById("f-" + m[1]); if (sec) { goFile(sec); return true; } }
    return false;
  }
  window.addEventListener("hashchange", fromHash);
  // Open the file named in the address (#f-N), else the first file with changes.
  if (!fromHash()) { var first = withHunks(0, 1); if (first) { open(first, true); setCurrent(first); } }
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    fn plan(text: &str) -> crate::pipeline::Plan {
        let source = crate::decode::Source::from_text(text);
        crate::pipeline::plan_source(source, None, &Config::default())
    }

    fn view(text: &str) -> FileView {
        let c = plan(text);
        FileView::cleaned("a.txt", &c, Limits::default().file_bytes, true)
    }

    #[test]
    fn escapes_html_and_script_json() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let j = json_for_script(r#"{"t":"</script><!-- & \u2028"}"#);
        assert!(
            !j.contains('<') && !j.contains('>') && !j.contains('&'),
            "{j}"
        );
        let back: Value = serde_json::from_str(&j).unwrap();
        assert_eq!(back["t"], "</script><!-- & \u{2028}");
    }

    #[test]
    fn changed_characters_are_segments_of_their_own() {
        let v = view("2021年以來,鬆江鎮黨委政府\n");
        let d: Value = serde_json::from_str(v.data.as_deref().unwrap()).unwrap();
        let row = &d["h"][0]["r"][0];
        assert_eq!(row[0], 3, "first changed row is a stop: {row}");
        let left = row[2].as_array().unwrap();
        assert!(left.contains(&json!(["d", "來"])), "{row}");
        // The unchanged run between two changes is plain text.
        assert_eq!(left[0], json!("2021年以"), "{row}");
        let right = row[4].as_array().unwrap();
        assert!(right.contains(&json!(["i", "来"])), "{row}");
        assert!(v.summary.converted_chars >= 4, "{:?}", v.summary);
    }

    #[test]
    fn placeholders_are_marked_on_both_sides() {
        let v = view("鬆江鎮共有X名党员\n");
        assert_eq!(v.summary.placeholders, 1);
        let d: Value = serde_json::from_str(v.data.as_deref().unwrap()).unwrap();
        let row = &d["h"][0]["r"][0];
        assert!(
            row[2].as_array().unwrap().contains(&json!(["p", "X"])),
            "{row}"
        );
        assert!(
            row[4].as_array().unwrap().contains(&json!(["p", "X"])),
            "{row}"
        );
    }

    #[test]
    fn removed_boilerplate_line_has_no_right_side() {
        let v = view("正文第一段。\n当前位置：首页 > 政务公开 > 工作总结\n正文\n");
        assert_eq!(v.summary.boilerplate_lines, 1);
        let d: Value = serde_json::from_str(v.data.as_deref().unwrap()).unwrap();
        let rows = d["h"][0]["r"].as_array().unwrap();
        let bp = rows
            .iter()
            .find(|r| r[5].as_str().unwrap().contains("boilerplate"))
            .unwrap_or_else(|| panic!("{d}"));
        assert_eq!(bp[3], 0);
        assert!(bp[4].is_null());
    }

    #[test]
    fn long_unchanged_runs_are_elided() {
        let text = format!("{}鬆{}\n", "一".repeat(1000), "二".repeat(1000));
        let v = view(&text);
        let d = v.data.unwrap();
        assert!(d.contains("unchanged characters"), "{d}");
        assert!(d.len() < 4000, "{}", d.len());
    }

    #[test]
    fn a_long_change_is_cut_before_it_is_made_visible() {
        // The same segments as making the whole run visible and then cutting it, with
        // invisible characters at both ends and several byte widths in between.
        for text in [
            format!("\u{a0}\t{}\u{3000} ", "鬆a𠀀".repeat(3000)),
            "x".repeat(7000),
            "國".repeat(2000),
        ] {
            let mut cut_first = Segs::default();
            cut_first.changed("d", &text);
            let mut whole = Segs::default();
            whole.elided_change("d", &text.chars().map(visible).collect::<String>());
            assert_eq!(cut_first.into_value(), whole.into_value());
        }
    }

    #[test]
    fn a_changed_line_too_long_to_diff_by_characters_is_shown_whole() {
        let line = "鬆江鎮".repeat(30_000);
        let v = view(&format!("{line}\n"));
        let data = v.data.unwrap();
        assert!(data.contains("more characters"), "elided");
        assert!(data.contains("[\"d\",\"鬆江鎮"), "{}", &data[..300]);
        assert!(data.contains("[\"i\",\"松江镇"), "{}", &data[..300]);
    }

    /// A hunk's JSON is given up as soon as it outgrows its room, and kept whole when it
    /// fits exactly.
    #[test]
    fn a_hunk_is_given_up_once_it_outgrows_its_room() {
        let text: String = (0..200).map(|i| format!("鬆江鎮第{i}村\n")).collect();
        let c = plan(&text);
        let original = c.source.text.as_str();
        let hs = Hunks::new(original, &c.edits, CONTEXT);
        let h = hs.iter_lazy().next().unwrap();
        let marks = Marks {
            placeholders: &[],
            bp_starts: &[],
        };
        let whole = hunk_json(original, &h, &marks, usize::MAX).unwrap();
        assert!(
            whole.starts_with("{\"h\":\"@@ -1,200 +1,200 @@") && whole.ends_with("]}"),
            "{}",
            &whole[..80]
        );
        let rows: Value = serde_json::from_str(&whole).unwrap();
        assert_eq!(rows["r"].as_array().unwrap().len(), 200);
        assert_eq!(
            hunk_json(original, &h, &marks, whole.len()),
            Some(whole.clone())
        );
        assert_eq!(hunk_json(original, &h, &marks, whole.len() - 1), None);
    }

    #[test]
    fn file_cap_drops_later_hunks_and_page_cap_drops_later_files() {
        let text: String = (0..50)
            .map(|i| format!("鬆{i}\n{}", "正文\n".repeat(8)))
            .collect();
        let c = plan(&text);
        let v = FileView::cleaned("a.txt", &c, 2000, true);
        assert!(v.omitted_hunks > 0 && v.omitted_hunks < v.hunks, "{v:?}");
        assert!(v.data.as_ref().unwrap().len() <= 2000);
        let mut page = Page::new(Limits {
            file_bytes: 2000,
            total_bytes: 2500,
        });
        page.push(v.clone());
        assert!(page.has_budget());
        page.push(v.clone());
        assert!(!page.has_budget(), "a dropped file spends the budget");
        // A smaller file after a dropped one gets no view either.
        let small = view("鬆\n");
        page.push(small);
        let html = page.render();
        assert_eq!(html.matches("type=\"application/json\"").count(), 1);
        assert_eq!(html.matches("Not embedded").count(), 2);
    }
}
