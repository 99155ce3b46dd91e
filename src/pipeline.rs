//! The pipeline: decode → normalize → convert → flag, over one file.
//!
//! Every stage reads the decoded original and proposes edits or findings against it; one
//! [`EditSet`] makes both the cleaned text and the diff. Pure functions over text: file
//! I/O lives in the CLI's edges.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use encoding_rs::{Encoding, UTF_8};

use crate::config::{Config, Gate};
use crate::convert::{self, Converter, Stretch};
use crate::decode::{self, Detection, Source};
use crate::edit::{Edit, EditSet, Kind};
use crate::flags;
use crate::normalize;
use crate::report::{Applicability, Changes, Finding, Rule, Severity, Span};

/// A cleaned file: the decoded original, the edits, the cleaned text and the findings.
#[derive(Debug, Clone)]
pub struct Cleaned {
    pub source: Source,
    pub detection: Option<Detection>,
    pub edits: EditSet,
    pub text: String,
    /// Sorted by position, then rule.
    pub findings: Vec<Finding>,
    pub changes: Changes,
}

impl Cleaned {
    /// Every finding: the flags, encoding and gate findings in `findings`, plus one per
    /// run of conversions and one per whitespace edit, made from the edit set, sorted.
    pub fn all_findings(&self, config: &Config) -> Vec<Finding> {
        all_findings(&self.source, &self.edits, &self.findings, config)
    }

    /// The unified diff from the decoded original to the cleaned text.
    pub fn diff(&self, name: &str) -> String {
        crate::diff::unified(&self.source.text, &self.edits, name)
    }

    /// [`Cleaned::diff`], written to `out` as it is made (never held whole).
    pub fn write_diff(&self, out: &mut dyn std::io::Write, name: &str) -> std::io::Result<()> {
        write_diff(out, &self.source, &self.edits, name)
    }
}

fn all_findings(
    source: &Source,
    edits: &EditSet,
    findings: &[Finding],
    config: &Config,
) -> Vec<Finding> {
    let mut all = findings.to_vec();
    all.extend(change_findings(source, edits, config));
    sort_findings(&mut all);
    all
}

fn write_diff(
    out: &mut dyn std::io::Write,
    source: &Source,
    edits: &EditSet,
    name: &str,
) -> std::io::Result<()> {
    crate::diff::write_unified_indexed(
        out,
        &source.text,
        &source.index,
        edits,
        &format!("a/{name}"),
        &format!("b/{name}"),
        crate::diff::CONTEXT,
    )
}

/// A cleaned file before its cleaned text is made: everything [`Cleaned`] holds but the
/// text, which [`Plan::write_text`] writes straight from the edits. The CLI writes large
/// files this way, so the original and the cleaned text are never both in memory.
#[derive(Debug, Clone)]
pub struct Plan {
    pub source: Source,
    pub detection: Option<Detection>,
    pub edits: EditSet,
    /// Sorted by position, then rule.
    pub findings: Vec<Finding>,
    pub changes: Changes,
}

impl Plan {
    /// Makes the cleaned text.
    pub fn into_cleaned(self) -> Cleaned {
        let text = self.edits.apply(&self.source.text);
        Cleaned {
            source: self.source,
            detection: self.detection,
            edits: self.edits,
            text,
            findings: self.findings,
            changes: self.changes,
        }
    }

    /// Writes the cleaned text to `out`, piece by piece.
    pub fn write_text(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.edits.write_applied(&self.source.text, out)
    }

    /// See [`Cleaned::all_findings`].
    pub fn all_findings(&self, config: &Config) -> Vec<Finding> {
        all_findings(&self.source, &self.edits, &self.findings, config)
    }

    /// [`Plan::all_findings`] in parts of about `edits_per_part` edits' findings, each
    /// sorted, in order: concatenated, they are `all_findings`.
    pub fn finding_parts<'p>(
        &'p self,
        config: &'p Config,
        edits_per_part: usize,
    ) -> FindingParts<'p> {
        let edits = self.edits.edits();
        FindingParts {
            source: &self.source,
            edits,
            findings: &self.findings,
            config,
            edit_at: 0,
            finding_at: 0,
            crlf: edits.iter().filter(|e| e.kind == Kind::CRLF).count(),
            crlf_done: false,
            line: None,
            size: edits_per_part.max(1),
        }
    }

    /// See [`Cleaned::diff`].
    pub fn diff(&self, name: &str) -> String {
        crate::diff::unified(&self.source.text, &self.edits, name)
    }

    /// See [`Cleaned::write_diff`].
    pub fn write_diff(&self, out: &mut dyn std::io::Write, name: &str) -> std::io::Result<()> {
        write_diff(out, &self.source, &self.edits, name)
    }
}

/// Why a file's bytes could not be cleaned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CleanError {
    #[error("binary data, not text ({reason}); skipped")]
    Binary { reason: String },
    #[error(
        "{nuls} NUL byte{} (first at byte offset {first_offset}) in text that reads as {encoding} without {}; nothing written (remove {}, or pass --encoding {encoding} to clean the file as it is)",
        if *.nuls == 1 { "" } else { "s" },
        if *.nuls == 1 { "it" } else { "them" },
        if *.nuls == 1 { "it" } else { "them" }
    )]
    NulBytes {
        encoding: String,
        nuls: usize,
        first_offset: usize,
    },
    #[error(
        "cannot decode as {encoding} without loss: {malformed} malformed byte sequence{} (first at byte offset {first_offset}){}; nothing written ({})",
        if *.malformed == 1 { "" } else { "s" },
        if *.truncated { ", the file ends inside a character (truncated?)" } else { "" },
        if *.mixed { "its lines are in different encodings: --per-line decodes each line on its own" } else { "use --lossy to replace them with U+FFFD, or --encoding to force another encoding" }
    )]
    Undecodable {
        encoding: String,
        confidence: String,
        malformed: usize,
        first_offset: usize,
        truncated: bool,
        mixed: bool,
    },
    #[error(
        "its lines are in different encodings ({detail}): decoded as {encoding} throughout, the {other} lines would come out garbled without an error; nothing written (--per-line decodes each line on its own)"
    )]
    Mixed {
        encoding: String,
        confidence: String,
        /// The encoding of the other lines.
        other: String,
        /// How many lines are in each.
        detail: String,
    },
    #[error(
        "encoding confidence is {confidence} ({encoding}: {reason}), below --min-confidence {min}"
    )]
    LowConfidence {
        encoding: String,
        confidence: String,
        reason: String,
        min: String,
    },
}

/// How to turn bytes into text.
#[derive(Debug, Clone, Default)]
pub struct DecodeOptions {
    /// Force this encoding instead of detecting one.
    pub encoding: Option<&'static Encoding>,
    /// Replace undecodable bytes with U+FFFD instead of refusing the file.
    pub lossy: bool,
    /// Refuse files whose detected encoding is less certain than this.
    pub min_confidence: Option<decode::Confidence>,
    /// Repair UTF-8 that was once read as GBK (`鐨勪竴` → `的一`) when the repair clearly
    /// raises the share of common Han characters.
    pub fix_mojibake: bool,
    /// Decode a file whose lines are in different encodings (UTF-8 and GBK) line by line.
    pub per_line: bool,
}

/// Cleans text that is already decoded.
pub fn clean_text(text: &str, config: &Config) -> Cleaned {
    clean_source(Source::from_text(text), None, config)
}

/// Detects, decodes and cleans a file's bytes.
pub fn clean_bytes(
    bytes: &[u8],
    config: &Config,
    opts: &DecodeOptions,
) -> Result<Cleaned, CleanError> {
    Ok(plan_bytes(bytes, config, opts)?.into_cleaned())
}

/// [`clean_bytes`] without making the cleaned text (`check` needs only the findings):
/// see [`Plan`].
pub fn plan_bytes(bytes: &[u8], config: &Config, opts: &DecodeOptions) -> Result<Plan, CleanError> {
    Ok(plan_decoded(decode_bytes(bytes, opts)?, config))
}

/// [`plan_bytes`] taking the bytes, which are dropped once decoded (valid UTF-8 becomes
/// the text without a copy): a large file is not held twice while it is cleaned.
pub fn plan_vec(bytes: Vec<u8>, config: &Config, opts: &DecodeOptions) -> Result<Plan, CleanError> {
    Ok(plan_decoded(decode_cow(Cow::Owned(bytes), opts)?, config))
}

fn plan_decoded(
    (source, detection, lossy_fffd): (Source, Detection, usize),
    config: &Config,
) -> Plan {
    let extra = encoding_findings(&source, &detection, lossy_fffd, config);
    plan_with(source, Some(detection), extra, config)
}

/// Detects and decodes; refuses binary, lossy (unless asked) and low-confidence input.
/// Returns the source, the detection and the number of malformed sequences replaced.
pub fn decode_bytes(
    bytes: &[u8],
    opts: &DecodeOptions,
) -> Result<(Source, Detection, usize), CleanError> {
    decode_cow(Cow::Borrowed(bytes), opts)
}

fn decode_cow(
    bytes: Cow<'_, [u8]>,
    opts: &DecodeOptions,
) -> Result<(Source, Detection, usize), CleanError> {
    let detection = match opts.encoding {
        Some(enc) => Detection::forced(enc, &bytes),
        None => decode::detect(&bytes),
    };
    let Some(encoding) = detection.encoding else {
        if let Some(text) = detection.nul_text {
            return Err(CleanError::NulBytes {
                encoding: text.name().to_string(),
                nuls: memchr::memchr_iter(0, &bytes).count(),
                first_offset: memchr::memchr(0, &bytes).unwrap_or(0),
            });
        }
        return Err(CleanError::Binary {
            reason: detection.reason.clone(),
        });
    };
    if let Some(min) = opts.min_confidence {
        if detection.confidence < min {
            return Err(CleanError::LowConfidence {
                encoding: encoding.name().to_string(),
                confidence: detection.confidence.as_str().to_string(),
                reason: detection.reason.clone(),
                min: min.as_str().to_string(),
            });
        }
    }
    let decoded = match (
        detection.mixed && opts.per_line,
        detection.per_line_legacy(),
    ) {
        (true, Some(legacy)) => {
            let p = decode::decode_per_line(&bytes, legacy, detection.bom_len);
            decode::Decoded {
                text: p.text,
                malformed: p.malformed + usize::from(p.truncated),
                malformed_offsets: p.malformed_offsets,
                truncated: p.truncated,
            }
        }
        _ => match bytes {
            Cow::Owned(b) => decode::decode_owned(b, encoding, detection.bom_len),
            Cow::Borrowed(b) => decode::decode(b, encoding, detection.bom_len),
        },
    };
    // A file of UTF-8 and GBK lines often decodes without error as GBK, the UTF-8 lines as
    // mojibake (`年度` as `骞村害`): lossless is not right. Only line by line, or with the
    // loss accepted, is it written.
    if detection.mixed && !opts.per_line && !opts.lossy && decoded.is_lossless() {
        return Err(CleanError::Mixed {
            encoding: encoding.name().to_string(),
            confidence: detection.confidence.as_str().to_string(),
            other: detection
                .secondary
                .map_or("other", |e| e.name())
                .to_string(),
            detail: detection
                .reason
                .strip_prefix("mixed: ")
                .unwrap_or(&detection.reason)
                .to_string(),
        });
    }
    if !decoded.is_lossless() && !opts.lossy {
        return Err(CleanError::Undecodable {
            encoding: encoding.name().to_string(),
            confidence: detection.confidence.as_str().to_string(),
            malformed: decoded.malformed,
            first_offset: decoded.first_malformed_offset().unwrap_or(0),
            truncated: decoded.truncated,
            mixed: detection.mixed && !opts.per_line,
        });
    }
    let malformed = decoded.malformed;
    let mut text = decoded.text;
    // Mojibake repair is part of decoding: the repaired text is the original that the
    // later stages and the diff work against.
    if opts.fix_mojibake && detection.mojibake.as_ref().is_some_and(|m| m.repairable) {
        if let Some(repaired) = decode::repair_mojibake(&text) {
            text = repaired;
        }
    }
    let source = Source::new(text, encoding, detection.confidence, detection.bom_len > 0);
    Ok((source, detection, malformed))
}

fn encoding_findings(
    source: &Source,
    det: &Detection,
    malformed: usize,
    config: &Config,
) -> Vec<Finding> {
    if !config.rule_enabled(Rule::Encoding) {
        return Vec::new();
    }
    let sev = config.severity(Rule::Encoding);
    let text = &source.text;
    let idx = &source.index;
    let mut out = Vec::new();
    if source.encoding != UTF_8 {
        out.push(
            Finding::new(
                Rule::Encoding,
                "not-utf8",
                text,
                idx,
                0,
                0,
                format!(
                    "file is {} (confidence {}: {}); clean writes UTF-8",
                    source.encoding.name(),
                    det.confidence.as_str(),
                    det.reason
                ),
            )
            .with_severity(sev),
        );
    }
    // Readings a user could mean: UTF-16 decodes most even-length files, as noise.
    let utf16 = |e: &'static Encoding| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE;
    let others: Vec<&str> = det
        .alternatives
        .iter()
        .filter(|&&e| !utf16(e) || utf16(source.encoding))
        .map(|e| e.name())
        .collect();
    if det.confidence == decode::Confidence::Low && !others.is_empty() {
        out.push(
            Finding::new(
                Rule::Encoding,
                "uncertain",
                text,
                idx,
                0,
                0,
                format!(
                    "encoding uncertain: read as {} with low confidence, and {} would decode it too; check the text, or pass --encoding",
                    source.encoding.name(),
                    others.join(" or "),
                ),
            )
            .with_severity(sev),
        );
    }
    if det.mixed {
        out.push(
            Finding::new(
                Rule::Encoding,
                "mixed",
                text,
                idx,
                0,
                0,
                "lines are in different encodings",
            )
            .with_severity(sev),
        );
    }
    if let Some(m) = &det.mojibake {
        let message = match m.kind {
            decode::MojibakeKind::Utf8ReadAsGbk if m.repairable => {
                "mojibake: UTF-8 text that was once read as GBK (`鐨勪竴` for `的一`); `clean --fix-mojibake` repairs it"
            }
            decode::MojibakeKind::Utf8ReadAsGbk => "mojibake: UTF-8 text that was once read as GBK",
            decode::MojibakeKind::Kunjinkao => {
                "mojibake: `锟斤拷` runs (bytes lost when U+FFFD was read as GBK); the original text cannot be recovered"
            }
        };
        let kind = format!("mojibake-{}", m.kind.as_str());
        let (a, b) = match text.find("锟斤拷") {
            Some(i) if m.kind == decode::MojibakeKind::Kunjinkao => (i, i + "锟斤拷".len()),
            _ => (0, 0),
        };
        let f = Finding::new(Rule::Encoding, kind, text, idx, a, b, message).with_severity(sev);
        out.push(if m.repairable {
            f.with_fix("", Applicability::Unsafe)
        } else {
            f
        });
    }
    if source.bom {
        out.push(
            Finding::new(
                Rule::Encoding,
                "bom",
                text,
                idx,
                0,
                0,
                "file starts with a byte-order mark; clean removes it",
            )
            .with_severity(sev),
        );
    }
    if malformed > 0 {
        let shown = malformed.min(decode::MAX_OFFSETS);
        for (i, _) in text.match_indices('\u{FFFD}').take(shown) {
            out.push(
                Finding::new(
                    Rule::Encoding,
                    "malformed",
                    text,
                    idx,
                    i,
                    i + '\u{FFFD}'.len_utf8(),
                    "undecodable bytes: replaced by U+FFFD under --lossy, else the file is refused",
                )
                .with_severity(Severity::Error),
            );
        }
    }
    out
}

/// The stages over an already decoded source.
pub fn clean_source(source: Source, detection: Option<Detection>, config: &Config) -> Cleaned {
    plan_source(source, detection, config).into_cleaned()
}

/// [`clean_source`] without making the cleaned text: see [`Plan`].
pub fn plan_source(source: Source, detection: Option<Detection>, config: &Config) -> Plan {
    plan_with(source, detection, Vec::new(), config)
}

/// The stages, with `extra` findings (the decoder's) to report beside theirs.
fn plan_with(
    source: Source,
    detection: Option<Detection>,
    mut extra: Vec<Finding>,
    config: &Config,
) -> Plan {
    let text = source.text.as_str();
    let index = &source.index;
    let flag_opts = config.flag_options();
    let allowed = |f: &Finding| {
        !config.allow.phrases.is_empty() && {
            let line = &text[index.line_range(text, f.span.line - 1)];
            config
                .allow
                .phrases
                .iter()
                .any(|p| line.contains(p.as_str()))
        }
    };

    // Flag.
    let mut findings: Vec<Finding> = Vec::new();
    let mut deleted = vec![false; index.line_count()];
    // The deleted lines and their categories, for the deletions' edits (the diff names them).
    let mut removed: Vec<(usize, crate::edit::Kind)> = Vec::new();
    if config.rule_enabled(Rule::Boilerplate) {
        let sev = config.severity(Rule::Boilerplate);
        for f in flags::boilerplate::find(text, index, &flag_opts) {
            if allowed(&f) {
                continue;
            }
            if config.boilerplate.remove && !deleted[f.span.line - 1] {
                deleted[f.span.line - 1] = true;
                removed.push((f.span.line - 1, crate::edit::Kind::new(&f.kind)));
            }
            let applicability = if config.boilerplate.remove {
                Applicability::Safe
            } else {
                Applicability::Display
            };
            findings.push(f.with_severity(sev).with_fix("", applicability));
        }
    }

    // Normalize.
    let mut edits = normalize::normalize(text, index, &deleted, &config.normalize);
    let mut changes = Changes {
        whitespace_edits: edits.len(),
        ..Changes::default()
    };

    // Convert.
    let mut conv_edits = Vec::new();
    if config.convert.enabled {
        let conv = convert_edits(&source, &deleted, &edits, config);
        changes.converted_chars = conv.converted_chars;
        changes.gate_skipped_lines = conv.gate_skipped_lines;
        if config.rule_enabled(Rule::Traditional) {
            // Only gate-skipped findings (info) come from here; conversions are findings
            // made from the edit set on request (`Cleaned::all_findings`).
            findings.reserve_exact(conv.findings.len());
            findings.extend(conv.findings);
        }
        conv_edits = conv.edits;
    }

    // Deleted lines.
    removed.sort_unstable_by_key(|&(i, _)| i);
    for (i, kind) in removed {
        edits.push(Edit::new(
            index.line_range_with_newline(i),
            "",
            Rule::Boilerplate,
            kind,
        ));
        changes.removed_lines += 1;
    }

    // Placeholders last: a heavily masked file has hundreds of thousands, and their list
    // is allocated once, with room for the others (a list that grows is copied, and for
    // a moment held twice, by allocators that do not remap large blocks).
    findings.append(&mut extra);
    if config.rule_enabled(Rule::Placeholder) {
        let sev = config.severity(Rule::Placeholder);
        let mut found = flags::placeholder::find_with_room(text, index, &flag_opts, findings.len());
        found.retain(|f| !allowed(f));
        for f in &mut found {
            f.severity = sev;
        }
        // Sorted below: the placeholders are in order, the others a short tail.
        found.append(&mut findings);
        findings = found;
    }

    // The conversion edits are sorted and by far the most: merged with the rest in place.
    let edits = EditSet::from_runs(edits, conv_edits);
    sort_findings(&mut findings);
    Plan {
        detection,
        edits,
        findings,
        changes,
        source,
    }
}

/// Sorts by position, then rule, kind and message: a total order on what a report shows,
/// so the unstable sort (no scratch buffer half the list's size) is deterministic. The
/// stages make their findings in order and the lists are appended one to another, so most
/// calls find the list sorted already, or a long sorted run with a short tail (a file's
/// boilerplate lines after its placeholders): the tail is sorted alone and merged in, each
/// finding moved once, instead of sorting the whole list again.
fn sort_findings(findings: &mut Vec<Finding>) {
    let key = |f: &Finding| (f.span.byte_start, f.span.byte_end, f.rule);
    let order = |a: &Finding, b: &Finding| {
        key(a)
            .cmp(&key(b))
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.message.cmp(&b.message))
    };
    let Some(at) = findings
        .windows(2)
        .position(|w| order(&w[0], &w[1]).is_gt())
        .map(|p| p + 1)
    else {
        return;
    };
    if findings.len() - at > findings.len() / 2 {
        findings.sort_unstable_by(order);
        return;
    }
    findings[at..].sort_unstable_by(order);
    let filler = || Finding {
        rule: Rule::Placeholder,
        kind: Cow::Borrowed(""),
        severity: Severity::Info,
        span: Span {
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            byte_start: 0,
            byte_end: 0,
        },
        text: Arc::default(),
        message: Arc::default(),
        fix: None,
    };
    merge_sorted_tail(findings, at, filler, order);
}

/// Makes `v` sorted by `order` when `v[..at]` and `v[at..]` are: the tail is taken out and
/// merged back from the end, each element moved once, using memory for the tail only.
/// `filler` makes a cheap value to stand in the slots not yet written. Stable: of equal
/// elements, those of the head come first.
fn merge_sorted_tail<T>(
    v: &mut Vec<T>,
    at: usize,
    filler: impl Fn() -> T,
    order: impl Fn(&T, &T) -> std::cmp::Ordering,
) {
    let mut tail = v.split_off(at);
    let head = v.len();
    v.resize_with(head + tail.len(), filler);
    // `v[..i]`: the head not yet placed; `v[k..]`: placed; `tail`: the tail not yet placed.
    let (mut i, mut k) = (head, v.len());
    while let Some(last) = tail.last() {
        k -= 1;
        if i > 0 && order(&v[i - 1], last).is_gt() {
            v.swap(i - 1, k);
            i -= 1;
        } else if let Some(t) = tail.pop() {
            v[k] = t;
        }
    }
}

/// Findings for some of a file's whitespace edits (all of a run of blank lines): one per
/// edit, one per run of blank lines, and the file's `crlf` line endings reported once, at
/// the first (`crlf_done` says whether it was).
fn whitespace_findings_of(
    source: &Source,
    edits: &[&Edit],
    crlf: usize,
    crlf_done: &mut bool,
) -> Vec<Finding> {
    let text = source.text.as_str();
    let idx = &source.index;
    let mut out: Vec<Finding> = Vec::new();
    let mut i = 0;
    while i < edits.len() {
        let e = &edits[i];
        match e.kind.as_str() {
            "crlf" => {
                if !*crlf_done {
                    *crlf_done = true;
                    out.push(
                        Finding::new(
                            Rule::Whitespace,
                            "crlf",
                            text,
                            idx,
                            e.range.start,
                            e.range.end,
                            format!(
                                "CR or CRLF line endings ({crlf} in the file); clean writes \\n"
                            ),
                        )
                        .with_fix("\n", Applicability::Safe),
                    );
                }
            }
            "blank-lines" => {
                let start = e.range.start;
                let mut end = e.range.end;
                let mut n = 1;
                while i + 1 < edits.len()
                    && edits[i + 1].kind == Kind::BLANK_LINES
                    && edits[i + 1].range.start == end
                {
                    i += 1;
                    end = edits[i].range.end;
                    n += 1;
                }
                out.push(
                    Finding::new(
                        Rule::Whitespace,
                        "blank-lines",
                        text,
                        idx,
                        start,
                        end,
                        format!("{n} surplus blank line{}", if n == 1 { "" } else { "s" }),
                    )
                    .with_fix("", Applicability::Safe),
                );
            }
            kind => {
                let what = match kind {
                    "nbsp" => "non-breaking or odd-width space",
                    "zero-width" => "zero-width character",
                    "indentation" => "leading whitespace",
                    "trailing" => "trailing whitespace",
                    "final-newline" => "no newline at end of file",
                    _ => "whitespace",
                };
                out.push(
                    Finding::new(
                        Rule::Whitespace,
                        kind,
                        text,
                        idx,
                        e.range.start,
                        e.range.end,
                        what,
                    )
                    .with_fix(e.replacement.to_string(), Applicability::Safe),
                );
            }
        }
        i += 1;
    }
    out
}

/// What the convert stage proposes.
#[derive(Debug, Default)]
pub struct ConvertOutcome {
    pub edits: Vec<Edit>,
    pub findings: Vec<Finding>,
    pub converted_chars: usize,
    pub gate_skipped_lines: usize,
}

/// Share of unambiguously Traditional characters among Han characters above which a
/// document counts as Traditional and converts whole.
pub const TRADITIONAL_DOCUMENT_SHARE: f64 = 0.02;

/// Fewest unambiguously Traditional characters a Traditional document has: in a short
/// Simplified notice, a quoted name or two (`鴻海`, `臺積電`) are already 2% of the Han
/// characters.
pub const TRADITIONAL_DOCUMENT_MIN: usize = 10;

/// In a document that is not Traditional, a line with less than this share of
/// unambiguously Traditional characters (a Simplified sentence quoting `鴻海`) converts
/// only the changes that hold one, or that sit in a Traditional clause (see
/// [`TRADITIONAL_CLAUSE_SHARE`]): its other changes are to characters Simplified text
/// uses too (`乾县`, `赵乾` must not become `干县`, `赵干`).
pub const TRADITIONAL_LINE_SHARE: f64 = 0.10;

/// In such a line, a change to a character Simplified text uses too converts when the
/// clause around it (its run of Han characters) is at least this share Traditional: a
/// quotation `“兩岸一家親，後會有期”` converts whole, `後` included, while `乾县与台湾鴻海集团`
/// (one in eleven) keeps its `乾`.
pub const TRADITIONAL_CLAUSE_SHARE: f64 = 0.20;

/// Conversion edits for every kept line, behind the gate.
///
/// A line's changes are merged into as few edits as possible: one per stretch of the line
/// that no other edit (`barriers`: the whitespace edits, sorted or not) touches, so a
/// Traditional file makes about one edit per line instead of one per character. The
/// character-level changes are found again from the edit set when findings or records
/// need them ([`conversion_changes`]).
pub fn convert_edits(
    source: &Source,
    deleted: &[bool],
    barriers: &[Edit],
    config: &Config,
) -> ConvertOutcome {
    let text = source.text.as_str();
    let idx = &source.index;
    let conv = Converter::get(config.convert.config);
    let mut out = ConvertOutcome::default();
    // The document share is counted (a pass over the whole text) only when a changed line
    // has no unambiguously Traditional character of its own: most files never need it.
    let mut whole = (config.convert.gate == Gate::Off).then_some(true);
    let mut bars: Vec<Range<usize>> = barriers.iter().map(|e| e.range.clone()).collect();
    bars.sort_unstable_by_key(|r| (r.start, r.end));
    let mut bar_at = 0usize;
    let mut line_bars = Bars::default();
    let mut buf = Vec::new();
    for (i, range) in idx.lines(text) {
        if deleted.get(i).copied().unwrap_or(false) || range.is_empty() {
            continue;
        }
        let line = &text[range.clone()];
        if line.is_ascii() {
            continue;
        }
        let stretch = conv.stretch(line, &mut buf);
        if stretch == Stretch::Unchanged {
            continue;
        }
        // Whether the document is Traditional: known at once in one (the share shows in
        // its first pages), a pass over the text in a Simplified one, made only when a
        // changed line needs it.
        let mut traditional_document = || {
            *whole.get_or_insert_with(|| {
                convert::traditional_share_at_least(
                    text,
                    TRADITIONAL_DOCUMENT_SHARE,
                    TRADITIONAL_DOCUMENT_MIN,
                )
            })
        };
        let own = line.chars().any(convert::is_unambiguously_traditional);
        if !own && !traditional_document() {
            out.gate_skipped_lines += 1;
            let changes = shifted(conv.changes(line), range.start);
            gate_skipped(source, changes, NO_TRADITIONAL, config, &mut out.findings);
            continue;
        }
        line_barriers(&bars, &mut bar_at, &range, &mut line_bars);
        if own && !traditional_document() {
            let mix = convert::script_mix(line);
            if mix.traditional_share() < TRADITIONAL_LINE_SHARE {
                // A Simplified line quoting a Traditional word: only the changes that hold
                // a Traditional character, or sit in a Traditional clause. A clause holds
                // many changes: its verdict is kept for the next ones (a long run of Han
                // characters would otherwise be read once per change).
                let mut clause = Clause::default();
                let (keep, skip): (Vec<Change>, Vec<Change>) =
                    shifted(conv.changes(line), range.start)
                        .into_iter()
                        .partition(|(r, _)| {
                            text[r.clone()]
                                .chars()
                                .any(convert::is_unambiguously_traditional)
                                || clause.traditional(text, &range, r)
                        });
                if !skip.is_empty() {
                    out.gate_skipped_lines += 1;
                    gate_skipped(source, skip, MOSTLY_SIMPLIFIED, config, &mut out.findings);
                }
                out.converted_chars += merge_changes(text, &keep, &line_bars, &mut out.edits);
                continue;
            }
        }
        match stretch {
            // Nearly always: the changed stretch is one edit.
            Stretch::Changed {
                range: s,
                replacement,
                chars,
                single,
                ..
            } if !line_bars.touches(range.start + s.start, range.start + s.end) => {
                out.converted_chars += chars;
                let replacement = match single {
                    // A single change keeps its static replacement: no allocation.
                    Some(rep) => Cow::Borrowed(rep),
                    None => Cow::Owned(replacement.to_owned()),
                };
                out.edits.push(Edit::new(
                    range.start + s.start..range.start + s.end,
                    replacement,
                    Rule::Traditional,
                    Kind::CONVERTED,
                ));
            }
            _ => {
                // Merged as the scan finds them: a line of 20 MB has millions of changes,
                // which as a list held 70 MB.
                let mark = out.edits.len();
                let mut merge = Merge::new(text, &line_bars, &mut out.edits);
                let streamed = conv.try_each_change(line, |r, rep| {
                    merge.push(range.start + r.start..range.start + r.end, rep)
                });
                let chars = merge.finish();
                if streamed {
                    out.converted_chars += chars;
                } else {
                    out.edits.truncate(mark);
                    let changes = shifted(conv.changes(line), range.start);
                    out.converted_chars +=
                        merge_changes(text, &changes, &line_bars, &mut out.edits);
                }
            }
        }
    }
    out
}

/// A line's changes as byte ranges of the whole text (the line starting at `start`).
fn shifted(mut changes: Vec<Change>, start: usize) -> Vec<Change> {
    for (r, _) in &mut changes {
        *r = start + r.start..start + r.end;
    }
    changes
}

/// Sets `line_bars` to the barriers (sorted by start) that can touch the line `range`:
/// starting inside it, or earlier and reaching into it. `at` is the first barrier not
/// starting before the previous line's start; the lines come in order.
fn line_barriers(
    bars: &[Range<usize>],
    at: &mut usize,
    range: &Range<usize>,
    line_bars: &mut Bars,
) {
    line_bars.clear();
    while *at < bars.len() && bars[*at].start < range.start {
        if bars[*at].end > range.start {
            line_bars.push(&bars[*at]);
        }
        *at += 1;
    }
    let mut k = *at;
    while k < bars.len() && bars[k].start <= range.end {
        line_bars.push(&bars[k]);
        k += 1;
    }
}

/// One line's barriers (the ranges of other stages' edits), pushed in order of start,
/// asked in O(log n) whether any touches a range: a single line of 20 MB holds hundreds
/// of thousands of barriers and of changes, and a scan of every barrier per change took
/// 14 s on one.
#[derive(Default)]
struct Bars {
    /// Non-empty barriers `(start, end)`, by start.
    spans: Vec<(usize, usize)>,
    /// `max_end[k]`: the largest end among `spans[..=k]`.
    max_end: Vec<usize>,
    /// Empty barriers (insertions): their positions, in order.
    points: Vec<usize>,
}

impl Bars {
    fn clear(&mut self) {
        self.spans.clear();
        self.max_end.clear();
        self.points.clear();
    }

    /// Adds a barrier starting at or after every one added before.
    fn push(&mut self, bar: &Range<usize>) {
        if bar.is_empty() {
            self.points.push(bar.start);
        } else {
            let most = self.max_end.last().map_or(bar.end, |&m| m.max(bar.end));
            self.spans.push((bar.start, bar.end));
            self.max_end.push(most);
        }
    }

    /// The barriers `bars`, sorted by start.
    #[cfg(test)]
    fn of(bars: &[Range<usize>]) -> Bars {
        let mut b = Bars::default();
        for r in bars {
            b.push(r);
        }
        b
    }

    /// Whether a non-empty barrier overlaps `a..b`.
    fn span_overlaps(&self, a: usize, b: usize) -> bool {
        let k = self.spans.partition_point(|&(start, _)| start < b);
        k > 0 && self.max_end[k - 1] > a
    }

    /// Whether a barrier overlaps the change `r`: a non-empty one sharing a byte with it,
    /// or an insertion strictly inside it.
    fn overlaps(&self, r: &Range<usize>) -> bool {
        let k = self.points.partition_point(|&p| p <= r.start);
        self.span_overlaps(r.start, r.end) || self.points.get(k).is_some_and(|&p| p < r.end)
    }

    /// Whether a barrier touches `a..b` (see [`touches`]).
    fn touches(&self, a: usize, b: usize) -> bool {
        let k = self.points.partition_point(|&p| p < a);
        self.span_overlaps(a, b) || self.points.get(k).is_some_and(|&p| p <= b)
    }
}

/// The last clause [`Clause::traditional`] read: a run of Han characters and its verdict.
#[derive(Default)]
struct Clause {
    run: Range<usize>,
    traditional: bool,
}

impl Clause {
    /// Whether the clause around the change `r` of the line `line` (the run of Han
    /// characters it sits in) is at least [`TRADITIONAL_CLAUSE_SHARE`] unambiguously
    /// Traditional. A change of Han characters only inside the last run read has that
    /// run as its clause, and its verdict.
    fn traditional(&mut self, text: &str, line: &Range<usize>, r: &Range<usize>) -> bool {
        let all_han = text[r.clone()].chars().all(convert::is_han);
        if all_han && self.run.start <= r.start && r.end <= self.run.end && !self.run.is_empty() {
            return self.traditional;
        }
        let start = text[line.start..r.start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| convert::is_han(c))
            .last()
            .map_or(r.start, |(i, _)| line.start + i);
        let end = text[r.end..line.end]
            .char_indices()
            .find(|&(_, c)| !convert::is_han(c))
            .map_or(line.end, |(i, _)| r.end + i);
        let traditional =
            convert::script_mix(&text[start..end]).traditional_share() >= TRADITIONAL_CLAUSE_SHARE;
        // Only a run of Han characters alone is a clause for the next change.
        if all_han {
            *self = Clause {
                run: start..end,
                traditional,
            };
        }
        traditional
    }
}

/// Why the gate kept a change: the line has no Traditional character (in a document that
/// is not Traditional).
const NO_TRADITIONAL: &str = "the line has no unambiguously Traditional character";
/// Why the gate kept a change: the line is Simplified, quoting a Traditional word, and the
/// change is to a character Simplified text uses too.
const MOSTLY_SIMPLIFIED: &str =
    "the line is Simplified but for a Traditional word, and Simplified text uses it too";

/// Findings (info) for a line's changes the gate kept: one per run.
fn gate_skipped(
    source: &Source,
    changes: Vec<Change>,
    why: &str,
    config: &Config,
    out: &mut Vec<Finding>,
) {
    let text = source.text.as_str();
    for (r, rep) in group_runs(text, changes.into_iter()) {
        let orig = &text[r.clone()];
        out.push(
            Finding::new(
                Rule::Traditional,
                "gate-skipped",
                text,
                &source.index,
                r.start,
                r.end,
                format!(
                    "kept `{orig}`: {why} ({} would give `{rep}`)",
                    config.convert.config.as_str()
                ),
            )
            .with_severity(Severity::Info)
            .with_fix(rep, Applicability::Display),
        );
    }
}

/// Whether `bar` (another edit's range) touches `a..b`: overlaps it, or is an insertion
/// inside it or at either end. (What [`Bars::touches`] answers for a line's barriers.)
#[cfg(test)]
fn touches(bar: &Range<usize>, a: usize, b: usize) -> bool {
    if bar.is_empty() {
        a <= bar.start && bar.start <= b
    } else {
        bar.start < b && bar.end > a
    }
}

/// Merges one line's sorted changes into edits: consecutive changes join while no barrier
/// touches the stretch from the first one's end to the next one's start. A change that a
/// barrier overlaps stays an edit of its own, so the edit set resolves the overlap exactly
/// as it would for single changes. Returns the characters changed.
fn merge_changes(text: &str, changes: &[Change], bars: &Bars, out: &mut Vec<Edit>) -> usize {
    let mut merge = Merge::new(text, bars, out);
    for (r, rep) in changes {
        merge.push(r.clone(), rep);
    }
    merge.finish()
}

/// [`merge_changes`] one change at a time, for changes that come from a scan one by one
/// (a long line's millions are never listed). The edits are the same.
struct Merge<'a> {
    text: &'a str,
    bars: &'a Bars,
    out: &'a mut Vec<Edit>,
    /// The run being joined: its range and its first change's replacement.
    run: Option<(Range<usize>, &'static str)>,
    /// The run's replacement so far, once it holds more than one change (a buffer kept
    /// from run to run; each edit gets an exact copy).
    joined: String,
    /// Characters of the original changed so far.
    chars: usize,
}

impl<'a> Merge<'a> {
    fn new(text: &'a str, bars: &'a Bars, out: &'a mut Vec<Edit>) -> Self {
        Merge {
            text,
            bars,
            out,
            run: None,
            joined: String::new(),
            chars: 0,
        }
    }

    /// The next change, after (and not overlapping) the ones before.
    fn push(&mut self, r: Range<usize>, rep: &'static str) {
        self.chars += self.text[r.clone()].chars().count();
        if let Some((run, first)) = &mut self.run {
            if run.end <= r.start && !self.bars.overlaps(&r) && !self.bars.touches(run.end, r.start)
            {
                if self.joined.is_empty() {
                    self.joined.push_str(first);
                }
                self.joined.push_str(&self.text[run.end..r.start]);
                self.joined.push_str(rep);
                run.end = r.end;
                return;
            }
            self.flush();
        }
        if self.bars.overlaps(&r) {
            // Overlapped by another edit: an edit of its own.
            self.out
                .push(Edit::new(r, rep, Rule::Traditional, Kind::CONVERTED));
        } else {
            self.run = Some((r, rep));
        }
    }

    /// Ends the run being joined with its edit.
    fn flush(&mut self) {
        let Some((range, first)) = self.run.take() else {
            return;
        };
        let replacement: Cow<'static, str> = if self.joined.is_empty() {
            // A single change keeps its static replacement: no allocation.
            Cow::Borrowed(first)
        } else {
            let joined = Cow::Owned(self.joined.as_str().to_owned());
            self.joined.clear();
            joined
        };
        self.out.push(Edit::new(
            range,
            replacement,
            Rule::Traditional,
            Kind::CONVERTED,
        ));
    }

    /// Ends the last run; the characters changed.
    fn finish(mut self) -> usize {
        self.flush();
        self.chars
    }
}

/// Lines of this many bytes or more have their changes found edit by edit
/// ([`conversion_changes_of`]).
const LONG_LINE: usize = 1 << 16;

/// A changed byte range and its replacement.
type Change = (Range<usize>, &'static str);

/// The character-level conversion changes behind the conversion edits of `edits` (which
/// merge a line's changes): each converted line is converted again and its changes that
/// lie inside the kept edits are returned, in order. Only findings and records need them.
pub fn conversion_changes(
    source: &Source,
    edits: &EditSet,
    config: &Config,
) -> Vec<(Range<usize>, &'static str)> {
    conversion_changes_of(source, edits.edits(), config, &mut None)
}

/// The line [`conversion_changes_of`] converted last: its number, its changes and a cursor
/// into them (kept between the parts of a long line).
type LineChanges = Option<(usize, Vec<Change>, usize)>;

/// [`conversion_changes`] for some of a file's edits, in order; `line` carries the line
/// being read from one call to the next, so a line whose edits span several calls is
/// converted once.
fn conversion_changes_of(
    source: &Source,
    edits: &[Edit],
    config: &Config,
    line: &mut LineChanges,
) -> Vec<(Range<usize>, &'static str)> {
    let text = source.text.as_str();
    let idx = &source.index;
    let conv = Converter::get(config.convert.config);
    let mut out = Vec::new();
    for e in edits.iter().filter(|e| e.rule == Rule::Traditional) {
        let l = idx.line_of(e.range.start);
        let r = idx.line_range(text, l);
        if r.len() >= LONG_LINE {
            // A long line's changes are found edit by edit, scanning little more than the
            // edit: listed whole, a line of 20 MB held 2 million (70 MB).
            let within = e.range.start - r.start..e.range.end - r.start;
            if let Some(changes) = conv.changes_within(&text[r.clone()], within) {
                out.extend(shifted(changes, r.start));
                continue;
            }
        }
        if line.as_ref().map(|(n, _, _)| *n) != Some(l) {
            let changes = conv
                .changes(&text[r.clone()])
                .into_iter()
                .map(|(c, rep)| (r.start + c.start..r.start + c.end, rep))
                .collect();
            *line = Some((l, changes, 0));
        }
        let (_, changes, at) = line.as_mut().expect("set above");
        while *at < changes.len() && changes[*at].0.start < e.range.start {
            *at += 1;
        }
        while *at < changes.len() && changes[*at].0.end <= e.range.end {
            out.push(changes[*at].clone());
            *at += 1;
        }
    }
    out
}

/// Groups changes (sorted byte ranges of `text` with replacements) into runs: changes at
/// most one Han character apart on one line form one run (`鬆江鎮` → `松江镇`, not three).
pub(crate) fn group_runs<'a>(
    text: &str,
    changes: impl Iterator<Item = (Range<usize>, &'a str)>,
) -> Vec<(Range<usize>, String)> {
    let mut runs: Vec<(Range<usize>, String)> = Vec::new();
    for (r, rep) in changes {
        if let Some((last, acc)) = runs.last_mut() {
            if last.end <= r.start && joins(&text[last.end..r.start]) {
                acc.push_str(&text[last.end..r.start]);
                acc.push_str(rep);
                last.end = r.end;
                continue;
            }
        }
        runs.push((r, rep.to_string()));
    }
    runs
}

/// Findings for the conversion and whitespace edits of an edit set: one per run of
/// conversions, one per whitespace edit (CRLF once per file, blank-line runs once each).
pub fn change_findings(source: &Source, edits: &EditSet, config: &Config) -> Vec<Finding> {
    let crlf = edits
        .edits()
        .iter()
        .filter(|e| e.kind == Kind::CRLF)
        .count();
    change_findings_of(source, edits.edits(), config, crlf, &mut false, &mut None)
}

/// [`change_findings`] for some of a file's edits, not cutting a run of blank lines or of
/// conversions; `crlf` and `crlf_done` as for [`whitespace_findings_of`], `line` as for
/// [`conversion_changes_of`].
fn change_findings_of(
    source: &Source,
    edits: &[Edit],
    config: &Config,
    crlf: usize,
    crlf_done: &mut bool,
    line: &mut LineChanges,
) -> Vec<Finding> {
    let text = source.text.as_str();
    let idx = &source.index;
    let mut out = Vec::new();
    if config.rule_enabled(Rule::Traditional) {
        let sev = config.severity(Rule::Traditional);
        let conv = conversion_changes_of(source, edits, config, line);
        for (r, rep) in group_runs(text, conv.into_iter()) {
            let orig = &text[r.clone()];
            let message = format!("Traditional `{orig}` → `{rep}`");
            out.push(
                Finding::new(
                    Rule::Traditional,
                    "converted",
                    text,
                    idx,
                    r.start,
                    r.end,
                    message,
                )
                .with_fix(rep, Applicability::Safe)
                .with_severity(sev),
            );
        }
    }
    if config.rule_enabled(Rule::Whitespace) {
        let sev = config.severity(Rule::Whitespace);
        let ws: Vec<&Edit> = edits
            .iter()
            .filter(|e| e.rule == Rule::Whitespace)
            .collect();
        out.extend(
            whitespace_findings_of(source, &ws, crlf, crlf_done)
                .into_iter()
                .map(|f| f.with_severity(sev)),
        );
    }
    out
}

/// [`Plan::all_findings`] a part at a time, in order: a Traditional file of 32 MB has over
/// a million findings, which a report can write as they are made instead of holding them.
pub struct FindingParts<'p> {
    source: &'p Source,
    edits: &'p [Edit],
    findings: &'p [Finding],
    config: &'p Config,
    /// Edits and findings already handed out.
    edit_at: usize,
    finding_at: usize,
    crlf: usize,
    crlf_done: bool,
    line: LineChanges,
    /// Edits per part (more when a line or a run of blank lines continues).
    size: usize,
}

impl FindingParts<'_> {
    /// The next part's findings, sorted; `None` after the last.
    pub fn next_part(&mut self) -> Option<Vec<Finding>> {
        let edits = self.edits;
        if self.edit_at >= edits.len() && self.finding_at >= self.findings.len() {
            return None;
        }
        let idx = &self.source.index;
        let from = self.edit_at;
        let mut to = (from + self.size).min(edits.len());
        // A line's conversions form runs (changes at most one Han character apart), and a
        // run of blank lines one finding, so a part never ends inside either. It may end
        // inside a line (a single line of 20 MB) where the text between two edits keeps
        // their conversions apart.
        let text = self.source.text.as_str();
        while to < edits.len() && to > from {
            let (prev, next) = (&edits[to - 1], &edits[to]);
            let same_line = idx.line_of(next.range.start) == idx.line_of(prev.range.start);
            let apart = prev.range.end <= next.range.start
                && !joins(&text[prev.range.end..next.range.start]);
            let blank_run = prev.kind == Kind::BLANK_LINES
                && next.kind == Kind::BLANK_LINES
                && next.range.start == prev.range.end;
            if !((same_line && !apart) || blank_run) {
                break;
            }
            to += 1;
        }
        // The findings starting before the next part's first edit belong to this one.
        let bound = edits.get(to).map_or(usize::MAX, |e| e.range.start);
        let mut part = change_findings_of(
            self.source,
            &edits[from..to],
            self.config,
            self.crlf,
            &mut self.crlf_done,
            &mut self.line,
        );
        let f_from = self.finding_at;
        let f_to = f_from + self.findings[f_from..].partition_point(|f| f.span.byte_start < bound);
        let flags = &self.findings[f_from..f_to];
        self.edit_at = to;
        self.finding_at = f_to;
        let mut all = Vec::with_capacity(flags.len() + part.len());
        all.extend_from_slice(flags);
        all.append(&mut part);
        sort_findings(&mut all);
        Some(all)
    }
}

/// Whether two conversion changes separated by `gap` belong to one finding.
fn joins(gap: &str) -> bool {
    let mut chars = gap.chars();
    match (chars.next(), chars.next()) {
        (None, _) => true,
        (Some(c), None) => convert::is_han(c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_in_parts_are_all_findings_in_order() {
        let mut texts = crate::testing::seed_texts();
        // CRLF endings, runs of blank lines, NBSP, Traditional text and placeholders.
        texts.push(
            "鬆江鎮的曆史\r\n\r\n\r\n\r\n方麵\u{a0}X名\r\n\r\n\r\n\r\n\r\n  關鍵詞2 臺灣\r\n"
                .repeat(40),
        );
        // One long line: NBSP edits cut its conversions into stretches, and parts may end
        // between them (not between `鎮` and `臺`, one Han character apart).
        texts.push("鬆江鎮\u{a0}方麵 X名\u{a0}曆史，鎮上臺\u{a0}灣".repeat(300) + "\n");
        let config = Config::default();
        for text in &texts {
            let plan = plan_bytes(text.as_bytes(), &config, &DecodeOptions::default()).unwrap();
            let all = plan.all_findings(&config);
            assert!(!all.is_empty());
            for size in [1, 2, 3, 7, 100, 100_000] {
                let mut parts = plan.finding_parts(&config, size);
                let mut joined = Vec::new();
                let mut n = 0;
                while let Some(p) = parts.next_part() {
                    joined.extend(p);
                    n += 1;
                }
                if size == 1 && (text.contains('\r') || text.contains('灣')) {
                    assert!(n > 40, "{n} parts");
                }
                assert_eq!(joined.len(), all.len(), "size {size}");
                for (a, b) in joined.iter().zip(&all) {
                    assert_eq!(
                        (
                            a.span.byte_start,
                            a.span.byte_end,
                            a.rule,
                            &a.kind,
                            &a.message
                        ),
                        (
                            b.span.byte_start,
                            b.span.byte_end,
                            b.rule,
                            &b.kind,
                            &b.message
                        ),
                        "size {size}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_part_never_ends_between_conversions_that_form_one_run() {
        // Two conversion edits side by side on one line (as a barrier between them would
        // leave them): their changes form one run, `鬆江` → `松江`, in one part.
        let text = "鬆江鎮，方麵\n";
        let config = Config::default();
        let mut plan = plan_bytes(text.as_bytes(), &config, &DecodeOptions::default()).unwrap();
        let edit = |a: &str, rep: &'static str| {
            let at = text.find(a).unwrap();
            Edit::new(at..at + a.len(), rep, Rule::Traditional, Kind::CONVERTED)
        };
        plan.edits = EditSet::new(vec![
            edit("鬆", "松"),
            edit("江鎮", "江镇"),
            edit("方麵", "方面"),
        ]);
        plan.findings.clear();
        let mut parts = plan.finding_parts(&config, 1);
        let mut got = Vec::new();
        while let Some(p) = parts.next_part() {
            got.push(p.iter().map(|f| f.text.to_string()).collect::<Vec<_>>());
        }
        assert_eq!(got, [vec!["鬆江鎮".to_string()], vec!["麵".to_string()]]);
    }

    #[test]
    fn line_barriers_answer_as_a_scan_of_every_barrier_would() {
        // Random barriers (some empty, some overlapping) and random ranges, against the
        // definitions applied to every barrier.
        let mut random = crate::testing::pseudo_random(11);
        let mut next = |n: usize| random(n as u64) as usize;
        for _ in 0..300 {
            let mut ranges: Vec<Range<usize>> = (0..next(12))
                .map(|_| {
                    let a = next(60);
                    a..a + [0, 0, 1, 3, 9][next(5)]
                })
                .collect();
            ranges.sort_unstable_by_key(|r| (r.start, r.end));
            let bars = Bars::of(&ranges);
            for _ in 0..40 {
                let a = next(70);
                let b = a + next(8);
                let brute_touch = ranges.iter().any(|r| touches(r, a, b));
                assert_eq!(
                    bars.touches(a, b),
                    brute_touch,
                    "{ranges:?} touches {a}..{b}"
                );
                let brute_overlap = ranges.iter().any(|r| {
                    if r.is_empty() {
                        a < r.start && r.start < b
                    } else {
                        r.start < b && r.end > a
                    }
                });
                assert_eq!(
                    bars.overlaps(&(a..b)),
                    brute_overlap,
                    "{ranges:?} overlaps {a}..{b}"
                );
            }
        }
    }

    #[test]
    fn merging_a_sorted_tail_is_a_stable_sort() {
        // Pairs ordered by their first field only; the second tells equal ones apart.
        let mut next = crate::testing::pseudo_random(7);
        for round in 0..300 {
            let (n, m) = (next(40) as usize, next(12) as usize);
            let mut head: Vec<(u64, usize)> = (0..n).map(|i| (next(10), i)).collect();
            let mut tail: Vec<(u64, usize)> = (0..m).map(|i| (next(10), 100 + i)).collect();
            head.sort_by_key(|p| p.0);
            tail.sort_by_key(|p| p.0);
            let mut v = head.clone();
            v.extend(tail.iter().copied());
            let mut want = v.clone();
            want.sort_by_key(|p| p.0); // stable
            merge_sorted_tail(&mut v, n, || (0, usize::MAX), |a, b| a.0.cmp(&b.0));
            assert_eq!(v, want, "round {round}: {head:?} + {tail:?}");
        }
    }

    #[test]
    fn findings_with_an_unsorted_tail_come_out_sorted() {
        let text = "abcdefghij\n".repeat(20);
        let index = crate::edit::LineIndex::new(&text);
        let f = |start: usize, rule: Rule| {
            Finding::new(rule, "k", &text, &index, start, start + 3, "m")
        };
        let mut head: Vec<Finding> = (0..20).map(|i| f(i * 9, Rule::Placeholder)).collect();
        let tail = [
            f(30, Rule::Boilerplate),
            f(3, Rule::Boilerplate),
            f(180, Rule::Boilerplate),
        ];
        head.extend(tail.iter().cloned());
        let mut want = head.clone();
        want.sort_by_key(|f| (f.span.byte_start, f.span.byte_end, f.rule));
        sort_findings(&mut head);
        assert_eq!(head, want);
    }

    fn traditional(c: &Cleaned) -> Vec<&Edit> {
        c.edits
            .edits()
            .iter()
            .filter(|e| e.rule == Rule::Traditional)
            .collect()
    }

    #[test]
    fn a_lines_conversions_make_one_edit_between_whitespace_edits() {
        let text = "鬆江鎮的曆史和方麵\n\u{a0}著力於幹部\u{a0}工作總結\n";
        let c = clean_text(text, &Config::default());
        assert_eq!(c.text, "松江镇的历史和方面\n着力于干部 工作总结\n");
        let conv = traditional(&c);
        // Line 1 is one edit; line 2 is split by the NBSP between 幹部 and 總結 (the
        // leading NBSP is indentation, outside the changed stretch).
        assert_eq!(conv.len(), 3, "{conv:?}");
        assert_eq!(&text[conv[0].range.clone()], "鬆江鎮的曆史和方麵");
        assert_eq!(conv[0].replacement, "松江镇的历史和方面");
        assert_eq!(&text[conv[2].range.clone()], "總結");
    }

    #[test]
    fn a_simplified_line_quoting_a_traditional_word_keeps_its_simplified_names() {
        // A short Simplified notice: one Traditional name is 2% of its Han characters, but
        // one character does not make a Traditional document.
        let text = "乾县招商引资取得新突破\n9月20日，乾县与台湾鴻海集团签约，县委书记赵乾出席。\n该项目位于乾县经济开发区，总投资20亿元。\n";
        let c = clean_text(text, &Config::default());
        assert_eq!(c.text, text.replace('鴻', "鸿"));
        let kept: Vec<String> = c
            .all_findings(&Config::default())
            .iter()
            .filter(|f| f.kind == "gate-skipped")
            .map(|f| format!("{}:{}", f.span.line, f.text))
            .collect();
        // 乾县 is no change at all (its Simplified spelling is guarded in the overrides);
        // the name 赵乾 is one the gate keeps.
        assert_eq!(kept, ["2:乾"]);
        // In a long Simplified document, a line that is mostly Traditional (a quotation)
        // still converts whole, its ambiguous characters too.
        let body = "全镇上下坚持稳中求进工作总基调，推动经济社会高质量发展，各项事业取得新的进展和成效。\n"
            .repeat(12);
        let text = format!("{body}他說：「我們乾杯吧，這個項目終於簽約了。」\n{body}");
        let c = clean_text(&text, &Config::default());
        assert!(
            c.text
                .contains("他说：「我们干杯吧，这个项目终于签约了。」"),
            "{}",
            c.text
        );
        // A Traditional quotation inside a long Simplified line converts whole: its clauses
        // are Traditional, `後` included.
        let line = "在座谈会上，台湾乡亲代表李先生动情地写下“兩岸一家親，後會有期”八个字，表达了对家乡发展的由衷赞叹和对两岸同胞血浓于水亲情的深切认同，现场气氛十分热烈，与会人员纷纷表示将继续为两岸交流合作牵线搭桥、贡献力量，乾县代表也出席。\n";
        let text = format!("{body}{line}{body}");
        let c = clean_text(&text, &Config::default());
        assert!(c.text.contains("“两岸一家亲，后会有期”"), "{}", c.text);
        assert!(c.text.contains("乾县代表"), "{}", c.text);
        // And a Traditional document converts whole, its Simplified-looking lines too; the
        // county 乾县 keeps its name there (a guarded Simplified spelling).
        let text = "鬆江鎮黨委、鎮政府2021年工作總結與2022年工作計劃報告\n乾燥季节防火\n乾县干部\n";
        assert_eq!(
            clean_text(text, &Config::default()).text,
            "松江镇党委、镇政府2021年工作总结与2022年工作计划报告\n干燥季节防火\n乾县干部\n"
        );
    }

    #[test]
    fn conversion_changes_are_the_characters_that_changed() {
        let text = "鬆江鎮的曆史和方麵\n\u{a0}著力於幹部\u{a0}工作總結\n";
        let config = Config::default();
        let c = clean_text(text, &config);
        let conv = Converter::get(config.convert.config);
        let mut want = Vec::new();
        for (_, r) in c.source.index.lines(text) {
            for (x, rep) in conv.changes(&text[r.clone()]) {
                want.push((r.start + x.start..r.start + x.end, rep));
            }
        }
        assert_eq!(conversion_changes(&c.source, &c.edits, &config), want);
        let runs: Vec<String> = c
            .all_findings(&config)
            .iter()
            .filter(|f| f.rule == Rule::Traditional)
            .map(|f| f.text.to_string())
            .collect();
        // Runs join across one unchanged Han character, never across the NBSP.
        assert_eq!(runs, ["鬆江鎮的曆", "麵", "著力於幹", "總結"]);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // a list of one barrier
    fn a_change_under_a_whitespace_edit_is_resolved_alone() {
        let text = "鬆江鎮";
        // An insertion inside a merged stretch would overlap it: the stretch splits there.
        let mut out = Vec::new();
        let changes = [(0..3, "松"), (6..9, "镇")];
        merge_changes(text, &changes, &Bars::of(&[6..6]), &mut out);
        assert_eq!(out.len(), 2);
        // A barrier overlapping a change leaves that change an edit of its own.
        out.clear();
        let changes = [(0..3, "松"), (3..6, "江"), (6..9, "镇")];
        let bars = [3..4, 20..21];
        merge_changes(text, &changes, &Bars::of(&bars), &mut out);
        let ranges: Vec<_> = out.iter().map(|e| e.range.clone()).collect();
        assert_eq!(ranges, [0..3, 3..6, 6..9]);
        // No barrier: one edit.
        out.clear();
        let changes = [(0..3, "松"), (6..9, "镇")];
        merge_changes(text, &changes, &Bars::default(), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].replacement, "松江镇");
    }
}
