//! The findings model: what every stage reports, and the renderers that print it.
//!
//! A [`Finding`] is one observation about one span of the decoded original: which rule
//! made it, of which kind, how severe it is, where it is, the spanned text, a message and
//! optionally a [`Fix`]. Conversion and normalization edits are findings too, so a run can
//! say exactly what it changed. Renderers (`human`, `json`, `github`, `sarif`) turn a list
//! of [`FileReport`]s into text.

pub mod baseline;
pub mod diff;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::Serialize;

use crate::edit::LineIndex;

/// The stable rule ids. Each rule has kinds below it (see the rule's docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// The file is not plain UTF-8 (another encoding, a BOM, undecodable bytes, mojibake).
    ///
    /// Why: analysis tools expect UTF-8; a silently replaced byte loses text.
    /// Example: a GBK file, `EF BB BF` at the start, `锟斤拷` runs.
    Encoding,
    /// Traditional characters in text meant to be Simplified (fixable by `clean`).
    ///
    /// Why: a corpus mixing scripts splits counts of the same word (`鬆江鎮` vs `松江镇`).
    /// Example: `方麵著眼` → `方面着眼`.
    Traditional,
    /// A redaction placeholder: a masked number, name or code, or a scraped keyword token.
    ///
    /// Why: an analyst counting figures must know which ones are hidden.
    /// Example: the `X` of `X名困难党员`, the `*` of `*镇`, `关键词2`.
    Placeholder,
    /// A line that belongs to the web page the document was scraped from.
    ///
    /// Why: breadcrumbs and share widgets are not the document and skew text statistics.
    /// Example: `当前页面: 首页 > 政务公开 > …`, `扫一扫在手机打开当前页`.
    Boilerplate,
    /// Whitespace noise: NBSP, zero-width characters, stray indentation, trailing
    /// whitespace, runs of blank lines, CRLF line endings.
    ///
    /// Why: it breaks tokenizers and exact-match deduplication.
    /// Example: `\u{a0}\u{a0}一、工作开展情况` → `一、工作开展情况`.
    Whitespace,
}

impl Rule {
    pub const ALL: [Rule; 5] = [
        Rule::Encoding,
        Rule::Traditional,
        Rule::Placeholder,
        Rule::Boilerplate,
        Rule::Whitespace,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Encoding => "encoding",
            Rule::Traditional => "traditional",
            Rule::Placeholder => "placeholder",
            Rule::Boilerplate => "boilerplate",
            Rule::Whitespace => "whitespace",
        }
    }

    /// One-line description, used by SARIF rule entries and `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Rule::Encoding => "File is not clean UTF-8 (other encoding, BOM, undecodable bytes or mojibake)",
            Rule::Traditional => "Traditional characters in text that should be Simplified",
            Rule::Placeholder => "Redaction placeholder: a masked number, name or code, or a keyword token",
            Rule::Boilerplate => "Web-page boilerplate line (breadcrumb, toolbar, share widget, metadata, duplicate title)",
            Rule::Whitespace => "Whitespace noise (NBSP, zero-width, indentation, trailing spaces, blank-line runs, CRLF)",
        }
    }

    /// The severity a rule has unless configuration says otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::Encoding | Rule::Traditional | Rule::Placeholder | Rule::Boilerplate => {
                Severity::Warning
            }
            Rule::Whitespace => Severity::Info,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown rule `{s}` (expected one of: {})",
                    Rule::ALL.map(Rule::as_str).join(", ")
                )
            })
    }
}

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected info, warning or error)"
            )),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix is applied by `clean` without being asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// `clean` applies it by default.
    Safe,
    /// Offered, applied only on request (e.g. `--fix-mojibake`).
    Unsafe,
    /// Shown for information; never applied.
    Display,
}

/// A replacement of the finding's span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub replacement: String,
    pub applicability: Applicability,
}

/// Byte range of the decoded original plus its 1-based line/column positions (columns in
/// Unicode scalar values, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

impl Span {
    pub fn from_bytes(text: &str, index: &LineIndex, start: usize, end: usize) -> Span {
        let a = index.position(text, start);
        let b = index.position(text, end);
        Span {
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
            byte_start: start,
            byte_end: end,
        }
    }

    /// A span for a whole file (no position inside it).
    pub fn file() -> Span {
        Span {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            byte_start: 0,
            byte_end: 0,
        }
    }
}

/// One observation about one span of the decoded original.
///
/// Serialized flat: `rule`, `kind`, `severity`, the span's six fields, `text`, `message`
/// and `fix` when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    /// The kind within the rule (`number`, `breadcrumb`, …): a static string, not an
    /// allocation per finding.
    pub kind: std::borrow::Cow<'static, str>,
    pub severity: Severity,
    pub span: Span,
    /// The text of the span (shared: a document's thousands of `X` findings hold one).
    pub text: Arc<str>,
    /// Shared likewise: messages repeat (`masked number before unit 人`).
    pub message: Arc<str>,
    /// Boxed: most findings (placeholders) have none, and a file can have hundreds of
    /// thousands of findings (an inline fix made each 144 bytes instead of 120).
    pub fix: Option<Box<Fix>>,
}

// By hand rather than `#[serde(flatten)]` on the span, which goes through serde's map
// machinery: a report of 171k findings serialized 3x faster. Same fields, same order.
impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let n = if self.fix.is_some() { 12 } else { 11 };
        let mut st = s.serialize_struct("Finding", n)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("line", &self.span.line)?;
        st.serialize_field("column", &self.span.column)?;
        st.serialize_field("end_line", &self.span.end_line)?;
        st.serialize_field("end_column", &self.span.end_column)?;
        st.serialize_field("byte_start", &self.span.byte_start)?;
        st.serialize_field("byte_end", &self.span.byte_end)?;
        st.serialize_field("text", &*self.text)?;
        st.serialize_field("message", &*self.message)?;
        match &self.fix {
            Some(fix) => st.serialize_field("fix", fix)?,
            None => st.skip_field("fix")?,
        }
        st.end()
    }
}

impl Finding {
    /// A finding on `start..end` of `text`, with the rule's default severity.
    pub fn new(
        rule: Rule,
        kind: impl Into<std::borrow::Cow<'static, str>>,
        text: &str,
        index: &LineIndex,
        start: usize,
        end: usize,
        message: impl IntoShared,
    ) -> Finding {
        Finding {
            rule,
            kind: kind.into(),
            severity: rule.default_severity(),
            span: Span::from_bytes(text, index, start, end),
            text: shared(&text[start..end]),
            message: message.into_shared(),
            fix: None,
        }
    }

    pub fn with_fix(
        mut self,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.fix = Some(Box::new(Fix {
            replacement: replacement.into(),
            applicability,
        }));
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// `s` as a shared string: short strings seen recently on this thread are handed out
/// again instead of allocated anew. A findings-dense 50 MB file has 393,000 findings
/// with 7 distinct texts and 64 distinct messages; sharing them saves about a third of
/// the findings' memory. The cache is bounded and per thread, so it neither grows with a
/// corpus nor needs a lock.
pub fn shared(s: &str) -> Arc<str> {
    use rustc_hash::FxHashSet as HashSet;
    use std::cell::RefCell;
    /// Longer strings (a boilerplate line) rarely repeat within a file.
    const MAX_LEN: usize = 256;
    /// Distinct strings kept; the cache starts again when full.
    const MAX_ENTRIES: usize = 4096;
    thread_local! {
        static SEEN: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::default());
    }
    if s.len() > MAX_LEN {
        return Arc::from(s);
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(a) = seen.get(s) {
            return Arc::clone(a);
        }
        if seen.len() >= MAX_ENTRIES {
            seen.clear();
        }
        let a: Arc<str> = Arc::from(s);
        seen.insert(Arc::clone(&a));
        a
    })
}

/// A message for [`Finding::new`]: text is [shared], a shared string kept as is.
pub trait IntoShared {
    fn into_shared(self) -> Arc<str>;
}

impl IntoShared for &str {
    fn into_shared(self) -> Arc<str> {
        shared(self)
    }
}

impl IntoShared for String {
    fn into_shared(self) -> Arc<str> {
        shared(&self)
    }
}

impl IntoShared for Arc<str> {
    fn into_shared(self) -> Arc<str> {
        self
    }
}

/// Counts of what a clean changed in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// Characters of the original replaced by conversion.
    pub converted_chars: usize,
    /// Lines removed as boilerplate.
    pub removed_lines: usize,
    /// Whitespace edits made by normalization.
    pub whitespace_edits: usize,
    /// Lines the conversion gate left alone although the converter would change them.
    pub gate_skipped_lines: usize,
}

/// What the detector said about a file's bytes, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EncodingInfo {
    pub encoding: Option<String>,
    pub confidence: String,
    pub reason: String,
    pub bom: bool,
}

/// Everything one run says about one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
    pub findings: Vec<Finding>,
    /// Problems that stopped the file from being processed (undecodable, unreadable …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// Remarks that are not problems (a binary file skipped).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
    /// Where the cleaned text and diff went, for `clean`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// The original line each finding is on, for renderers that show context (not serialized).
    #[serde(skip)]
    pub lines: Vec<(usize, String)>,
}

impl FileReport {
    pub fn new(path: impl Into<String>) -> FileReport {
        FileReport {
            path: path.into(),
            encoding: None,
            confidence: None,
            findings: Vec::new(),
            problems: Vec::new(),
            notes: Vec::new(),
            changes: None,
            output: None,
            diff: None,
            lines: Vec::new(),
        }
    }

    pub fn problem(path: impl Into<String>, problem: impl Into<String>) -> FileReport {
        let mut r = FileReport::new(path);
        r.problems.push(problem.into());
        r
    }

    /// The highest severity among the findings, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// The source line for a 1-based line number, if captured.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        self.lines
            .binary_search_by_key(&line, |(n, _)| *n)
            .ok()
            .map(|i| self.lines[i].1.as_str())
    }

    /// Keeps the text of every line a finding touches, so renderers can show context.
    pub fn capture_lines(&mut self, text: &str, index: &LineIndex) {
        let mut wanted: Vec<usize> = self.findings.iter().map(|f| f.span.line).collect();
        wanted.sort_unstable();
        wanted.dedup();
        self.lines = wanted
            .into_iter()
            .filter(|&n| n >= 1 && n <= index.line_count())
            .map(|n| (n, text[index.line_range(text, n - 1)].to_string()))
            .collect();
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub files_with_problems: usize,
    pub findings: usize,
    pub by_rule: std::collections::BTreeMap<String, usize>,
    pub bytes: u64,
    /// Files taken over from an earlier run (`clean --resume`).
    #[serde(skip_serializing_if = "is_zero")]
    pub resumed: usize,
    /// Files skipped with a note (binary data), counted among `files`.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    pub fn add(&mut self, report: &FileReport, bytes: u64) {
        self.add_counts(
            report.findings.iter().map(|f| f.rule.as_str()),
            !report.problems.is_empty(),
            !report.notes.is_empty(),
            bytes,
        );
    }

    /// Adds a file known only by its findings' rules (a report entry read back);
    /// `skipped`: it was skipped with a note (binary data).
    pub fn add_counts<'a>(
        &mut self,
        rules: impl IntoIterator<Item = &'a str>,
        has_problems: bool,
        skipped: bool,
        bytes: u64,
    ) {
        let n = self.add_findings(rules);
        self.add_file(n > 0, has_problems, skipped, bytes);
    }

    /// Counts findings by rule (of a file added with [`Summary::add_file`]); returns how
    /// many.
    pub fn add_findings<'a>(&mut self, rules: impl IntoIterator<Item = &'a str>) -> usize {
        let mut n = 0;
        for r in rules {
            n += 1;
            match self.by_rule.get_mut(r) {
                Some(c) => *c += 1,
                None => {
                    self.by_rule.insert(r.to_string(), 1);
                }
            }
        }
        self.findings += n;
        n
    }

    /// Counts a file whose findings [`Summary::add_findings`] counts.
    pub fn add_file(&mut self, has_findings: bool, has_problems: bool, skipped: bool, bytes: u64) {
        self.files += 1;
        self.bytes += bytes;
        self.skipped += usize::from(skipped);
        if has_problems {
            self.files_with_problems += 1;
        }
        if has_findings {
            self.files_with_findings += 1;
        }
    }

    /// `3 files, 12 findings (placeholder 9, boilerplate 3), 1 problem`.
    pub fn one_line(&self) -> String {
        let rules: Vec<String> = self
            .by_rule
            .iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
        let mut s = format!("{} file{}", self.files, plural(self.files));
        if self.skipped > 0 {
            s.push_str(&format!(" ({} skipped: binary data)", self.skipped));
        }
        s.push_str(&format!(
            ", {} finding{}",
            self.findings,
            plural(self.findings)
        ));
        if !rules.is_empty() {
            s.push_str(&format!(" ({})", rules.join(", ")));
        }
        if self.resumed > 0 {
            s.push_str(&format!(", {} resumed from an earlier run", self.resumed));
        }
        s.push_str(&format!(
            ", {} file{} with problems",
            self.files_with_problems,
            plural(self.files_with_problems)
        ));
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A visible stand-in for an invisible character inside a highlighted change (`␍` for
/// CR, `⍽` for NBSP, `□` for U+3000 …), used by the terminal and HTML review renderers.
pub fn visible(c: char) -> char {
    match c {
        '\r' => '␍',
        '\t' => '→',
        '\n' => '⏎',
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => '⍽',
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => '¤',
        '\u{3000}' => '□',
        ' ' => '·',
        c => c,
    }
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
}

/// A report in one of the [`Format`]s, written one file at a time as files finish, so a
/// run over a large corpus holds one file's findings, not the corpus's.
pub enum Stream<W: std::io::Write> {
    Human {
        out: W,
        style: human::Style,
        show_source: bool,
        buf: String,
    },
    Json(json::StreamWriter<W>),
    Github {
        out: W,
        buf: String,
    },
    Sarif(sarif::StreamWriter<W>),
}

impl<W: std::io::Write> Stream<W> {
    /// Writes the format's head. `style` and `show_source` apply to the human format.
    pub fn begin(
        format: Format,
        out: W,
        style: human::Style,
        show_source: bool,
    ) -> std::io::Result<Self> {
        Ok(match format {
            Format::Human => Stream::Human {
                out,
                style,
                show_source,
                buf: String::new(),
            },
            Format::Json => Stream::Json(json::StreamWriter::begin(out, None)?),
            Format::Github => Stream::Github {
                out,
                buf: String::new(),
            },
            Format::Sarif => Stream::Sarif(sarif::StreamWriter::begin(out)?),
        })
    }

    /// Writes one file's report.
    pub fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        match self {
            Stream::Human {
                out,
                style,
                show_source,
                buf,
            } => {
                buf.clear();
                human::render_file(buf, report, *style, *show_source);
                out.write_all(buf.as_bytes())
            }
            Stream::Json(w) => w.file(report),
            Stream::Github { out, buf } => {
                buf.clear();
                github::render_file(buf, report);
                out.write_all(buf.as_bytes())
            }
            Stream::Sarif(w) => w.file(report),
        }
    }

    /// Writes one file's report with its findings in parts, as they are made: `head` is
    /// the report without findings (its problems and fields), `next` gives each part's
    /// findings (with the lines they touch captured) until `None`. The output is what
    /// [`Stream::file`] writes for the report with every part's findings.
    pub fn file_in_parts(
        &mut self,
        head: &FileReport,
        next: &mut dyn FnMut() -> Option<FileReport>,
    ) -> std::io::Result<()> {
        debug_assert!(head.findings.is_empty());
        match self {
            Stream::Json(w) => w.file_in_parts(head, next),
            Stream::Sarif(w) => {
                // Findings first, then problems, as for a whole report.
                while let Some(part) = next() {
                    w.file(&part)?;
                }
                w.file(head)
            }
            _ => {
                // Problems first, then findings, as for a whole report.
                self.file(head)?;
                while let Some(part) = next() {
                    self.file(&part)?;
                }
                Ok(())
            }
        }
    }

    /// Writes the format's tail (the human format's is its summary line, without a line
    /// end) and gives the writer back.
    pub fn finish(self, summary: &Summary) -> std::io::Result<W> {
        match self {
            Stream::Human { mut out, style, .. } => {
                out.write_all(human::summary(summary, style).as_bytes())?;
                Ok(out)
            }
            Stream::Json(w) => w.finish(summary),
            Stream::Github { out, .. } => Ok(out),
            Stream::Sarif(w) => w.finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_stays_small() {
        // A findings-dense file has hundreds of thousands, all held until its report is
        // written.
        assert!(std::mem::size_of::<Finding>() <= 120);
    }

    #[test]
    fn findings_share_repeated_texts_and_messages() {
        let text = "X镇和X镇";
        let index = LineIndex::new(text);
        let f =
            |a: usize| Finding::new(Rule::Placeholder, "name", text, &index, a, a + 1, "masked");
        let (one, two) = (f(0), f(7));
        assert_eq!((&*one.text, &*two.text), ("X", "X"));
        assert!(Arc::ptr_eq(&one.text, &two.text));
        assert!(Arc::ptr_eq(&one.message, &two.message));
        assert_eq!(two.span.column, 4);
        // Long strings are not kept, but read the same.
        let long = "长".repeat(200);
        assert_eq!(&*shared(&long), long);
        assert!(!Arc::ptr_eq(&shared(&long), &shared(&long)));
    }
}
