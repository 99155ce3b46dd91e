//! Redaction placeholders: masked numbers, names and codes (`X镇`, `X月X日`, `*米`, `S*`,
//! `20xx年`, `××`) and scraped keyword tokens (`关键词2`).
//!
//! The data (masking symbols, the words that give a mask its meaning, look-alikes) lives in
//! `dictionaries/placeholders.txt`; its header documents the syntax. A run of masking
//! symbols is judged by what stands next to it:
//!
//! - **strong** context names what was hidden: a unit or measure word after it (`X名`,
//!   `*万元`, `X%`, `XM`), a date part (`X月`, `20xx年`), a place or office suffix (`X镇`,
//!   `X书记`), a Latin code letter before it (`S*`), or another mask joined to it by a range
//!   or decimal sign (`X-X头`, `x.x%`);
//! - **weak** context is a mask standing among Chinese text with nothing to say what it is
//!   (`推动X经济`, `“*”工作目标`). A weak run counts only when the same document masks with
//!   the same family of symbols at least [`MIN_STRONG_IN_DOCUMENT`] times with strong
//!   context: that is how the document uses the symbol.
//!
//! Never a mask: a symbol next to a formula sign (`1+N+X`, `1+X证书`), between or before
//! digits (`4×4`, `×100%`, `415X`, phone and ID masks like `137****8587`, left alone), inside
//! Latin words (`XML`, `SpaceX`), a look-alike from the data (`X射线`, `X光`), Markdown
//! emphasis (`**重点**`) and list bullets (`* 项`).

use std::sync::OnceLock;

use regex::Regex;

use super::text::{is_cjk_punct, is_han, is_space, strip_comment, t2s};
use super::{DataFile, FlagOptions};
use crate::edit::LineIndex;
use crate::report::{Finding, Rule};
use rustc_hash::{FxHashMap, FxHashSet};

/// Strong uses of a symbol family a document needs before weak ones count.
pub const MIN_STRONG_IN_DOCUMENT: usize = 2;

/// How many characters of context around a mask are compared with the word lists.
const CONTEXT_CHARS: usize = 8;

static BUILTIN_TEXT: &str = include_str!("../../dictionaries/placeholders.txt");

/// Finds redaction placeholders in `text`.
pub fn find(text: &str, index: &LineIndex, opts: &FlagOptions) -> Vec<Finding> {
    let data: &Data = match &opts.placeholders {
        Some(d) => d,
        None => Data::builtin(),
    };
    let mut cands: Vec<Candidate> = Vec::new();
    // Only lines holding a masking symbol or a keyword can have mask or keyword
    // candidates: find those lines with a few SIMD searches over the whole text instead
    // of walking every character of every line. Patterns (user extras) can match
    // anything, so with patterns every line is still scanned for them.
    let triggered = data.triggers().lines(text, index);
    if data.patterns.is_empty() {
        for &i in &triggered {
            let range = index.line_range(text, i);
            scan_line(data, &text[range.clone()], range.start, true, &mut cands);
        }
    } else {
        let mut next = triggered.iter().peekable();
        for (i, range) in index.lines(text) {
            let hit = next.next_if(|&&t| t == i).is_some();
            scan_line(data, &text[range.clone()], range.start, hit, &mut cands);
        }
    }
    let mut strong = vec![0usize; data.families.len()];
    for c in &cands {
        if let (Strong, Some(f)) = (c.strength, c.family) {
            strong[f] += 1;
        }
    }
    cands
        .into_iter()
        .filter_map(|c| {
            let message = match (c.strength, c.family) {
                (Strong, _) | (_, None) => c.message,
                (Weak, Some(f)) => {
                    if strong[f] < MIN_STRONG_IN_DOCUMENT {
                        return None;
                    }
                    format!(
                        "{}; the document masks with {} {} times in clear context",
                        c.message, data.families[f], strong[f]
                    )
                }
            };
            Some(Finding::new(
                Rule::Placeholder,
                c.kind,
                text,
                index,
                c.start,
                c.end,
                message,
            ))
        })
        .collect()
}

impl DataFile for Data {
    fn builtin() -> &'static Data {
        static DATA: OnceLock<Data> = OnceLock::new();
        DATA.get_or_init(|| {
            <Data as DataFile>::parse_builtin(BUILTIN_TEXT, "dictionaries/placeholders.txt")
        })
    }

    fn add_line(&mut self, raw: &str, n: usize) -> Result<(), String> {
        Data::add_line(self, raw, n)
    }
}

use Strength::{Strong, Weak};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
}

#[derive(Debug)]
struct Candidate {
    start: usize,
    end: usize,
    /// The symbol family, for document-level evidence (`None`: keyword tokens, patterns).
    family: Option<usize>,
    strength: Strength,
    kind: &'static str,
    message: String,
}

#[derive(Debug, Clone, Copy)]
struct Mask {
    family: usize,
    /// A Latin letter: never a mask inside Latin words.
    letter: bool,
    /// A single symbol is weak evidence only.
    strict: bool,
}

/// A set of words matched at the start or end of a context string.
#[derive(Debug, Clone, Default)]
struct Words {
    set: FxHashSet<String>,
    max_chars: usize,
    /// The first and the last characters of the words: a context that starts (ends) with
    /// anything else has no word at its start (end), without hashing its prefixes.
    firsts: CharBits,
    lasts: CharBits,
}

/// A set of characters: a bitset over the BMP, and whether any lies above it.
#[derive(Debug, Clone, Default)]
struct CharBits {
    bmp: Vec<u64>,
    astral: bool,
}

impl CharBits {
    fn insert(&mut self, c: char) {
        let u = c as u32;
        if u >= 0x10000 {
            self.astral = true;
            return;
        }
        if self.bmp.is_empty() {
            self.bmp = vec![0; 0x10000 / 64];
        }
        self.bmp[(u / 64) as usize] |= 1 << (u % 64);
    }

    /// Whether `c` may be in the set (astral characters always may).
    #[inline]
    fn may_contain(&self, c: char) -> bool {
        let u = c as u32;
        if u >= 0x10000 {
            return self.astral;
        }
        self.bmp
            .get((u / 64) as usize)
            .is_some_and(|w| w & (1 << (u % 64)) != 0)
    }
}

impl Words {
    fn add(&mut self, w: &str) {
        self.max_chars = self.max_chars.max(w.chars().count());
        if let (Some(a), Some(z)) = (w.chars().next(), w.chars().next_back()) {
            self.firsts.insert(a);
            self.lasts.insert(z);
        }
        self.set.insert(w.to_string());
    }

    /// The longest word `s` starts with.
    fn prefix_of<'a>(&self, s: &'a str) -> Option<&'a str> {
        if !s.chars().next().is_some_and(|c| self.firsts.may_contain(c)) {
            return None;
        }
        // Ends of the first `max_chars` characters, shortest first: the last hit is the
        // longest word.
        let mut best = None;
        let ends = s
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()))
            .take(self.max_chars);
        for e in ends {
            let w = &s[..e];
            if !w.is_empty() && self.set.contains(w) {
                best = Some(w);
            }
        }
        best
    }

    /// The longest word `s` ends with.
    fn suffix_of<'a>(&self, s: &'a str) -> Option<&'a str> {
        if !s
            .chars()
            .next_back()
            .is_some_and(|c| self.lasts.may_contain(c))
        {
            return None;
        }
        // Starts of the last `max_chars` characters, nearest the end first: the last hit
        // is the longest word.
        let mut best = None;
        for (b, _) in s.char_indices().rev().take(self.max_chars) {
            let w = &s[b..];
            if !w.is_empty() && self.set.contains(w) {
                best = Some(w);
            }
        }
        best
    }
}

#[derive(Debug, Clone)]
struct Pattern {
    kind: &'static str,
    re: Regex,
    /// A trailing `(?=...)`, checked at the match's end.
    lookahead: Option<Regex>,
}

/// The parsed data file.
/// The detector's data: the built-in file, plus a user's extra lines when there are any.
#[derive(Debug, Clone, Default)]
pub struct Data {
    masks: FxHashMap<char, Mask>,
    /// The same masks as a small array, for the per-character hot path.
    mask_list: Vec<(char, Mask)>,
    /// Quick rejection for [`Data::mask`]: bit `c % 128` is set for every mask `c`.
    mask_bits: u128,
    families: Vec<String>,
    number: Words,
    date: Words,
    name: Words,
    unit_letters: FxHashSet<String>,
    introducers: Words,
    joiners: FxHashSet<char>,
    operators: FxHashSet<char>,
    /// Look-alikes: the phrase and the byte offset of its first masking symbol.
    nots: Vec<(String, usize)>,
    keywords: Vec<String>,
    patterns: Vec<Pattern>,
    /// Searchers for the masks and keywords, built on first use (after every line).
    triggers: OnceLock<Triggers>,
}

/// Finds the lines that hold a masking symbol or a keyword.
#[derive(Debug, Clone)]
struct Triggers {
    /// ASCII masks, searched with `memchr`.
    ascii: Vec<u8>,
    /// Other masks (as UTF-8) and the keywords, searched with `memmem`.
    seqs: Vec<memchr::memmem::Finder<'static>>,
    /// The keywords alone, in the data's order.
    keywords: Vec<memchr::memmem::Finder<'static>>,
}

impl Triggers {
    fn new(data: &Data) -> Triggers {
        let mut ascii = Vec::new();
        let mut seqs = Vec::new();
        for (c, _) in &data.mask_list {
            if c.is_ascii() {
                ascii.push(*c as u8);
            } else {
                let mut buf = [0u8; 4];
                let s = c.encode_utf8(&mut buf);
                seqs.push(memchr::memmem::Finder::new(s.as_bytes()).into_owned());
            }
        }
        for k in data.keywords.iter().filter(|k| !k.is_empty()) {
            seqs.push(memchr::memmem::Finder::new(k.as_bytes()).into_owned());
        }
        let keywords = data
            .keywords
            .iter()
            .map(|k| memchr::memmem::Finder::new(k.as_bytes()).into_owned())
            .collect();
        Triggers {
            ascii,
            seqs,
            keywords,
        }
    }

    /// The 0-based lines of `text` holding a trigger, sorted, without repeats.
    fn lines(&self, text: &str, index: &LineIndex) -> Vec<usize> {
        let hay = text.as_bytes();
        let mut at: Vec<usize> = Vec::new();
        for chunk in self.ascii.chunks(3) {
            match *chunk {
                [a] => at.extend(memchr::memchr_iter(a, hay)),
                [a, b] => at.extend(memchr::memchr2_iter(a, b, hay)),
                [a, b, c] => at.extend(memchr::memchr3_iter(a, b, c, hay)),
                _ => {}
            }
        }
        for f in &self.seqs {
            at.extend(f.find_iter(hay));
        }
        at.sort_unstable();
        let mut lines: Vec<usize> = Vec::new();
        let mut line_end = 0usize; // end (exclusive) of the last line pushed
        for p in at {
            if !lines.is_empty() && p < line_end {
                continue;
            }
            let l = index.line_of(p);
            lines.push(l);
            line_end = index.line_start(l + 1);
        }
        lines
    }
}

const KINDS: [&str; 5] = ["number", "name", "code", "keyword-token", "privacy-mask"];

impl Data {
    fn add_line(&mut self, raw: &str, n: usize) -> Result<(), String> {
        // A copy of the built-in data may carry searchers built before this line.
        self.triggers = OnceLock::new();
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            return Ok(());
        }
        let (directive, rest) = line
            .split_once(char::is_whitespace)
            .map(|(a, b)| (a, b.trim()))
            .unwrap_or((line, ""));
        let vals: Vec<&str> = rest.split_whitespace().collect();
        let need = |k: usize| {
            if vals.len() < k {
                Err(format!("line {n}: `{directive}` needs a value: `{raw}`"))
            } else {
                Ok(())
            }
        };
        match directive {
            "mask" => {
                need(2)?;
                let mut cs = vals[0].chars();
                let (Some(c), None) = (cs.next(), cs.next()) else {
                    return Err(format!("line {n}: a mask is one character: `{raw}`"));
                };
                let family = match self.families.iter().position(|f| f == vals[1]) {
                    Some(i) => i,
                    None => {
                        self.families.push(vals[1].to_string());
                        self.families.len() - 1
                    }
                };
                let mut m = Mask {
                    family,
                    letter: false,
                    strict: false,
                };
                for flag in &vals[2..] {
                    match *flag {
                        "letter" => m.letter = true,
                        "strict" => m.strict = true,
                        other => return Err(format!("line {n}: unknown mask flag `{other}`")),
                    }
                }
                self.masks.insert(c, m);
                self.mask_list.retain(|(k, _)| *k != c);
                self.mask_list.push((c, m));
                self.mask_bits |= 1u128 << (c as u32 % 128);
            }
            "number" | "date" | "name" | "introducer" => {
                need(1)?;
                let words = match directive {
                    "number" => &mut self.number,
                    "date" => &mut self.date,
                    "name" => &mut self.name,
                    _ => &mut self.introducers,
                };
                vals.iter().for_each(|w| words.add(w));
            }
            "unit-letter" => {
                need(1)?;
                for w in &vals {
                    if !w.bytes().all(|b| b.is_ascii_alphabetic()) {
                        return Err(format!("line {n}: a unit letter is Latin letters: `{w}`"));
                    }
                    self.unit_letters.insert(w.to_string());
                }
            }
            "joiner" | "operator" => {
                need(1)?;
                let set = if directive == "joiner" {
                    &mut self.joiners
                } else {
                    &mut self.operators
                };
                for w in &vals {
                    let mut cs = w.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => {
                            set.insert(c);
                        }
                        _ => return Err(format!("line {n}: `{directive}` takes characters")),
                    }
                }
            }
            "not" => {
                need(1)?;
                for w in &vals {
                    let Some(off) = w.find(|c| self.masks.contains_key(&c)) else {
                        return Err(format!(
                            "line {n}: look-alike `{w}` holds no masking symbol (declare masks first)"
                        ));
                    };
                    self.nots.push((w.to_string(), off));
                }
            }
            "keyword" => {
                need(1)?;
                self.keywords.extend(vals.iter().map(|w| w.to_string()));
            }
            "pattern" => {
                need(2)?;
                let (kind, re) = rest
                    .split_once(char::is_whitespace)
                    .map(|(a, b)| (a, b.trim()))
                    .unwrap_or((rest, ""));
                let Some(kind) = KINDS.iter().find(|k| **k == kind) else {
                    return Err(format!(
                        "line {n}: unknown kind `{kind}` (expected one of {})",
                        KINDS.join(", ")
                    ));
                };
                self.add_pattern(kind, re, n)?;
            }
            _ => self.add_pattern("name", line, n)?,
        }
        Ok(())
    }

    fn add_pattern(&mut self, kind: &'static str, src: &str, n: usize) -> Result<(), String> {
        let (main, lookahead) = match src
            .strip_suffix(')')
            .and_then(|s| s.rfind("(?=").map(|i| (i, s)))
        {
            Some((i, s)) => (&src[..i], Some(&s[i + 3..])),
            None => (src, None),
        };
        if main.is_empty() {
            return Err(format!("line {n}: empty pattern"));
        }
        let re = Regex::new(main).map_err(|e| format!("line {n}: bad pattern `{src}`: {e}"))?;
        let lookahead = lookahead
            .map(|l| Regex::new(&format!("^(?:{l})")))
            .transpose()
            .map_err(|e| format!("line {n}: bad lookahead in `{src}`: {e}"))?;
        self.patterns.push(Pattern {
            kind,
            re,
            lookahead,
        });
        Ok(())
    }

    fn triggers(&self) -> &Triggers {
        self.triggers.get_or_init(|| Triggers::new(self))
    }

    /// The mask a character is, if any. A handful of masks: a linear scan of a small
    /// array beats hashing every character of a 32 MB file.
    #[inline]
    fn mask(&self, c: char) -> Option<Mask> {
        if self.mask_bits & (1u128 << (c as u32 % 128)) == 0 {
            return None;
        }
        self.mask_list
            .iter()
            .find(|(m, _)| *m == c)
            .map(|(_, m)| *m)
    }
}

/// Context strings around a run, as written and converted to Simplified.
struct Context<'a> {
    before: &'a str,
    after: &'a str,
    before_s: Option<String>,
    after_s: Option<String>,
}

impl<'a> Context<'a> {
    fn new(line: &'a str, start: usize, end: usize) -> Self {
        let before = tail_chars(&line[..start], CONTEXT_CHARS);
        let after = head_chars(&line[end..], CONTEXT_CHARS);
        // Only text with a character outside GB2312 can read differently once converted;
        // most contexts are plain Simplified, and converting them is the detector's
        // main cost on large files.
        let conv = |s: &str| {
            if !s
                .chars()
                .any(|c| crate::convert::is_han(c) && !crate::convert::in_gb2312(c))
            {
                return None;
            }
            let c = t2s(s);
            (c != s).then_some(c)
        };
        Context {
            before,
            after,
            before_s: conv(before),
            after_s: conv(after),
        }
    }

    fn afters(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.after).chain(self.after_s.as_deref())
    }

    fn befores(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.before).chain(self.before_s.as_deref())
    }

    fn word_after<'w>(&'w self, words: &Words) -> Option<&'w str> {
        self.afters().find_map(|a| words.prefix_of(a))
    }

    fn word_before<'w>(&'w self, words: &Words) -> Option<&'w str> {
        self.befores().find_map(|b| words.suffix_of(b))
    }
}

fn head_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn tail_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

/// Scans one line (starting at byte `base` of the text) and appends its candidates.
/// `triggered`: the line holds a mask or keyword (else only patterns are tried).
fn scan_line(data: &Data, line: &str, base: usize, triggered: bool, out: &mut Vec<Candidate>) {
    let first = out.len();
    if triggered {
        keyword_tokens(data, line, base, out);
    }
    if triggered && line.chars().any(|c| data.mask(c).is_some()) {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let markdown = markdown_runs(data, line, &chars);
        let mut i = 0;
        while i < chars.len() {
            let Some(m) = data.mask(chars[i].1) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < chars.len() && data.mask(chars[j].1).is_some_and(|n| n.family == m.family) {
                j += 1;
            }
            if markdown.binary_search(&i).is_err() {
                if let Some((strength, kind, message)) = classify(data, line, &chars, i, j, m) {
                    let start = chars[i].0;
                    let end = chars.get(j).map_or(line.len(), |c| c.0);
                    out.push(Candidate {
                        start: base + start,
                        end: base + end,
                        family: Some(m.family),
                        strength,
                        kind,
                        message,
                    });
                }
            }
            i = j;
        }
    }
    for p in &data.patterns {
        for caps in p.re.captures_iter(line) {
            let whole = caps.get(0).expect("group 0");
            if let Some(la) = &p.lookahead {
                if !la.is_match(&line[whole.end()..]) {
                    continue;
                }
            }
            let m = caps.get(1).unwrap_or(whole);
            if m.is_empty() {
                continue;
            }
            let (s, e) = (base + m.start(), base + m.end());
            if out[first..].iter().any(|c| c.start < e && s < c.end) {
                continue;
            }
            out.push(Candidate {
                start: s,
                end: e,
                family: None,
                strength: Strong,
                kind: p.kind,
                message: format!("matches placeholder pattern `{}`", p.re.as_str()),
            });
        }
    }
    out[first..].sort_by_key(|c| c.start);
}

/// `关键词2`: a keyword slot the scraper filled with its own token.
fn keyword_tokens(data: &Data, line: &str, base: usize, out: &mut Vec<Candidate>) {
    for (kw, finder) in data.keywords.iter().zip(&data.triggers().keywords) {
        // Non-overlapping, leftmost first: the matches of `str::match_indices`.
        for at in finder.find_iter(line.as_bytes()) {
            let rest = &line[at + kw.len()..];
            let digits = rest
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(c)))
                .map_or(rest.len(), |(i, _)| i);
            if digits == 0 {
                continue;
            }
            out.push(Candidate {
                start: base + at,
                end: base + at + kw.len() + digits,
                family: None,
                strength: Strong,
                kind: "keyword-token",
                message: format!("scraped keyword token `{kw}` + number stands where a name was"),
            });
        }
    }
}

/// Char indices of ASCII `**` runs that pair up as Markdown bold (`**重点**`): exactly two
/// asterisks each, at least two characters between them, no space just inside, and the
/// closing pair not followed by a unit or suffix (`**镇**村` is two masks).
fn markdown_runs(data: &Data, line: &str, chars: &[(usize, char)]) -> Vec<usize> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].1 == '*' {
            let mut j = i;
            while j < chars.len() && chars[j].1 == '*' {
                j += 1;
            }
            if j - i == 2 {
                runs.push(i);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // Sorted: pairs come in order, `a < b`.
    let mut out = Vec::new();
    for pair in runs.chunks_exact(2) {
        let (a, b) = (pair[0], pair[1]);
        let inner = &chars[a + 2..b];
        if inner.len() < 2 || is_space(inner[0].1) || is_space(inner[inner.len() - 1].1) {
            continue;
        }
        let after_pos = chars.get(b + 2).map_or(line.len(), |c| c.0);
        let ctx = Context::new(line, after_pos, after_pos);
        if ctx.word_after(&data.number).is_some()
            || ctx.word_after(&data.name).is_some()
            || ctx.word_after(&data.date).is_some()
        {
            continue;
        }
        out.push(a);
        out.push(b);
    }
    out
}

type Verdict = (Strength, &'static str, String);

/// Judges the mask run `chars[i..j]`; `None` when it is not a placeholder.
fn classify(
    data: &Data,
    line: &str,
    chars: &[(usize, char)],
    i: usize,
    j: usize,
    m: Mask,
) -> Option<Verdict> {
    let start = chars[i].0;
    let end = chars.get(j).map_or(line.len(), |c| c.0);
    let prev = i.checked_sub(1).map(|k| chars[k].1);
    let next = chars.get(j).map(|c| c.1);
    let ctx = Context::new(line, start, end);

    // Look-alikes from the data (X射线, 数据要素×), as written or converted to Simplified.
    let run_after = ctx
        .after_s
        .as_deref()
        .map(|a| format!("{}{a}", &line[start..end]));
    let first = chars[i].1;
    let lookalike = data.nots.iter().any(|(p, off)| {
        let (pre, post) = p.split_at(*off);
        // `post` starts with a mask; both texts it is compared with start with `first`.
        if !post.starts_with(first) {
            return false;
        }
        ctx.befores().any(|b| b.ends_with(pre))
            && (line[start..].starts_with(post)
                || run_after.as_deref().is_some_and(|a| a.starts_with(post)))
    });
    if lookalike {
        return None;
    }
    // Formulas and slogans: 1+N+X, 1+X证书, X=.
    if prev.is_some_and(|c| data.operators.contains(&c))
        || next.is_some_and(|c| data.operators.contains(&c))
    {
        return None;
    }
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    // Before a digit: X5, ×100%, 137****8587 (a privacy mask inside a number; left alone).
    if digit(next) {
        return None;
    }
    if digit(prev) {
        // 20xx年, 202x年: masked digits of a year. Anything else after digits is a code
        // (415X) or arithmetic (4×).
        return ctx.word_after(&data.date).map(|w| {
            (
                Strong,
                "number",
                format!("masked digits before date part {w}"),
            )
        });
    }
    let run_len = j - i;
    let strength = |s: Strength| {
        if m.strict && run_len == 1 {
            Weak
        } else {
            s
        }
    };
    // A Latin unit right after: XM范围, *km, XA景区; otherwise a Latin word (XML, X-ray).
    if latin(next) {
        let k = chars[j..]
            .iter()
            .position(|c| !c.1.is_ascii_alphabetic())
            .map_or(chars.len(), |p| j + p);
        let letters = &line[chars[j].0..chars.get(k).map_or(line.len(), |c| c.0)];
        let after = chars.get(k).map(|c| c.1);
        if (m.letter && latin(prev))
            || !data.unit_letters.contains(letters)
            || after.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return None;
        }
        return Some((
            strength(Strong),
            "number",
            format!("masked number before unit {letters}"),
        ));
    }
    if latin(prev) {
        if m.letter {
            return None; // SpaceX, iPhoneX
        }
        let k = chars[..i]
            .iter()
            .rposition(|c| !c.1.is_ascii_alphabetic())
            .map_or(0, |p| p + 1);
        let letters = &line[chars[k].0..start];
        let before = k.checked_sub(1).map(|p| chars[p].1);
        if before.is_some_and(|c| data.mask(c).is_some()) && data.unit_letters.contains(letters) {
            // *m*: the superscript of a masked m³.
            return Some((
                strength(Strong),
                "number",
                format!("masked part of a figure in {letters}"),
            ));
        }
        if letters.len() <= 2
            && letters.bytes().all(|b| b.is_ascii_uppercase())
            && !before.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return Some((
                strength(Strong),
                "code",
                format!("masked code after {letters}"),
            ));
        }
        return None;
    }
    // Bullets and arithmetic: a symbol with space (or the line's edge) on both sides.
    let spaced = |c: Option<char>| c.is_none_or(is_space);
    if spaced(prev) && spaced(next) {
        return None;
    }
    // A range or decimal (X-X头, x.x%): judge by the context after the last mask.
    let mut k = j;
    while k + 1 < chars.len()
        && data.joiners.contains(&chars[k].1)
        && data
            .mask(chars[k + 1].1)
            .is_some_and(|n| n.family == m.family)
    {
        k += 1;
        while k < chars.len() && data.mask(chars[k].1).is_some_and(|n| n.family == m.family) {
            k += 1;
        }
    }
    // X-ray, x-axis: a dash joining a Latin word.
    if k == j && next == Some('-') && chars.get(j + 1).is_some_and(|c| c.1.is_ascii_alphabetic()) {
        return None;
    }
    let eff = if k == j {
        ctx
    } else {
        let e = chars.get(k).map_or(line.len(), |c| c.0);
        Context::new(line, e, e)
    };
    if let Some(w) = eff.word_after(&data.date) {
        return Some((
            strength(Strong),
            "number",
            format!("masked number before date part {w}"),
        ));
    }
    if let Some(w) = eff.word_after(&data.number) {
        return Some((
            strength(Strong),
            "number",
            format!("masked number before unit {w}"),
        ));
    }
    if let Some(w) = eff.word_after(&data.name) {
        return Some((
            strength(Strong),
            "name",
            format!("masked name before suffix {w}"),
        ));
    }
    if k > j {
        let sep = chars[j].1;
        return Some((
            Weak,
            "number",
            format!("masked range or decimal joined by {sep}"),
        ));
    }
    // Among Chinese text with nothing to say what it is.
    let chinese = |c: Option<char>| c.is_some_and(|c| is_han(c) || is_cjk_punct(c));
    if !(chinese(prev) || chinese(next)) {
        return None;
    }
    let ctx = Context::new(line, start, end);
    Some(match ctx.word_before(&data.introducers) {
        Some(w) => (Weak, "number", format!("masked figure after {w}")),
        None => (Weak, "name", "masked token in Chinese text".to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, String)> {
        let index = LineIndex::new(text);
        find(text, &index, &FlagOptions::default())
            .into_iter()
            .map(|f| (f.text, f.kind.into_owned()))
            .collect()
    }

    #[test]
    fn builtin_data_parses() {
        let d = Data::builtin();
        assert!(d.masks.contains_key(&'X') && d.masks.contains_key(&'＊'));
        assert!(d.number.set.contains("名") && d.name.set.contains("镇"));
        assert!(d.date.set.contains("月"));
        assert!(!d.keywords.is_empty());
    }

    #[test]
    fn words_match_longest() {
        let mut w = Words::default();
        w.add("万");
        w.add("万元");
        assert_eq!(w.prefix_of("万元。"), Some("万元"));
        assert_eq!(w.prefix_of("万人"), Some("万"));
        assert_eq!(w.suffix_of("举报电话"), None);
        let mut i = Words::default();
        i.add("电话");
        assert_eq!(i.suffix_of("举报电话"), Some("电话"));
    }

    #[test]
    fn tails_and_heads() {
        assert_eq!(tail_chars("一二三", 2), "二三");
        assert_eq!(tail_chars("一二三", 5), "一二三");
        assert_eq!(tail_chars("一二三", 0), "");
        assert_eq!(head_chars("一二三", 2), "一二");
    }

    #[test]
    fn strong_shapes() {
        assert_eq!(spans("X镇召开会议"), [("X".into(), "name".into())]);
        assert_eq!(spans("共X名党员"), [("X".into(), "number".into())]);
        assert_eq!(
            spans("于X月X日召开"),
            [("X".into(), "number".into()), ("X".into(), "number".into())]
        );
        assert_eq!(spans("S*公路"), [("*".into(), "code".into())]);
        assert_eq!(spans("达XXX元"), [("XXX".into(), "number".into())]);
    }

    #[test]
    fn weak_needs_document_evidence() {
        assert!(spans("推动X经济发展").is_empty());
        let both = spans("X镇共X名干部，推动X经济发展");
        assert_eq!(both.len(), 3);
        assert_eq!(both[2].1, "name");
    }

    #[test]
    fn extra_pattern_with_lookahead() {
        let text = "某某公司与某某人";
        let index = LineIndex::new(text);
        let opts = FlagOptions::new(&["某某(?=公司)".into()], &[]).unwrap();
        let f = find(text, &index, &opts);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].span.byte_start, f[0].span.byte_end), (0, 6));
        assert_eq!(f[0].kind, "name");
    }

    #[test]
    fn check_extra_reports_bad_lines() {
        let errs = Data::check_extra(&["pattern colour (".into(), "number 名".into()]);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].contains("unknown kind"), "{errs:?}");
        assert_eq!(Data::check_extra(&["pattern code ([".into()]).len(), 1);
    }
}
